// tahqiq-extract: the sandboxed parser process that `tahqiq ingest` starts
// (see isolation.h). Not meant to be run by hand.
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "extract/isolation.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TAHQIQ_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(TAHQIQ_ASAN)
// Under ASan a memory error in a parser must end the worker like a crash
// (SIGABRT), so ingest records "extractor crashed", not a plain exit(1).
extern "C" const char* __asan_default_options() { return "abort_on_error=1"; }
#endif

int main(int argc, char** argv) {
  // libarchive converts member names through the C library's locale; in
  // the default "C" locale every non-ASCII name is lost.
  std::setlocale(LC_CTYPE, "C.UTF-8");
  if (argc < 2 || std::string_view(argv[1]) != "extract-worker") {
    std::fprintf(stderr,
                 "tahqiq-extract: the parser process of `tahqiq ingest`; not for direct use\n");
    return 2;
  }
  const uint64_t mb = argc >= 4 ? std::strtoull(argv[3], nullptr, 10) : 0;
  return tahqiq::extract::RunExtractWorker(0, 1, mb);
}
