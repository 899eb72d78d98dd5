// Helpers for end-to-end tests: run the real `tahqiq` binary, make temp
// directories and files.
#ifndef TAHQIQ_TESTS_E2E_UTIL_H_
#define TAHQIQ_TESTS_E2E_UTIL_H_

#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tahqiq::e2e {

struct RunResult {
  int exit_code = -1;  // 128+N if killed by signal N.
  std::string out, err;
  long max_rss_kb = 0;
};

// Runs `tahqiq args...` and waits for it.
RunResult Tahqiq(const std::vector<std::string>& args);
// Runs `tahqiq args...` with `input` on its standard input (a pipe).
RunResult TahqiqWithInput(const std::vector<std::string>& args, const std::string& input);
// Starts `tahqiq args...` with output discarded; returns its pid.
pid_t StartTahqiq(const std::vector<std::string>& args);

// A fresh directory, removed with its contents when the test program exits.
std::string MakeTempDir();
void WriteFile(const std::string& path, const std::string& data);
std::vector<std::string> Lines(const std::string& s);
// The lines of `search --json` output before its last one, the count (which
// must be there: a test failure otherwise); `count` receives it if given.
std::vector<std::string> SearchLines(const std::string& out, nlohmann::json* count = nullptr);
std::string SourceDir();

}  // namespace tahqiq::e2e

#endif  // TAHQIQ_TESTS_E2E_UTIL_H_
