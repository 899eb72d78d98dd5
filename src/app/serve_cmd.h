// The `tahqiq serve` subcommand (serve/server.h).
#ifndef TAHQIQ_APP_SERVE_CMD_H_
#define TAHQIQ_APP_SERVE_CMD_H_

#include <CLI/CLI.hpp>
#include <functional>

namespace tahqiq::app {

// Adds the subcommand; after parse, the returned function runs it and gives
// its exit code, or -1 if it was not chosen.
std::function<int()> AddServeCommand(CLI::App* app);

}  // namespace tahqiq::app

#endif  // TAHQIQ_APP_SERVE_CMD_H_
