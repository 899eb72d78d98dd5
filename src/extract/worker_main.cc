// tahqiq-extract: the sandboxed parser process that `tahqiq ingest` starts
// (see isolation.h). Not meant to be run by hand.
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "extract/isolation.h"

int main(int argc, char** argv) {
  // libarchive converts member names through the C library's locale; in
  // the default "C" locale every non-ASCII name is lost.
  std::setlocale(LC_CTYPE, "C.UTF-8");
  if (argc < 2 || std::string_view(argv[1]) != "extract-worker") {
    std::fprintf(stderr, "tahqiq-extract: the parser process of `tahqiq ingest`; not for direct use\n");
    return 2;
  }
  const uint64_t mb = argc >= 4 ? std::strtoull(argv[3], nullptr, 10) : 0;
  return tahqiq::extract::RunExtractWorker(0, 1, mb);
}
