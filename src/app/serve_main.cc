// tahqiq-serve: the program behind `tahqiq serve` (app/serve_cmd.h), which
// `tahqiq` runs with execv. It is separate because cpp-httplib brings
// OpenSSL, brotli and their start-up work (OpenSSL reads its configuration
// and registers every cipher when the library loads) into every process
// that links it, and a CLI search must not pay for a server it never runs.
#include <CLI/CLI.hpp>
#include <clocale>

#include "app/serve_cmd.h"

int main(int argc, char** argv) {
  std::setlocale(LC_CTYPE, "C.UTF-8");
  CLI::App app{"tahqiq serve: the web workbench and its JSON API"};
  app.name("tahqiq");
  app.require_subcommand(1);
  auto run = tahqiq::app::AddServeCommand(&app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  const int rc = run();
  return rc < 0 ? 2 : rc;
}
