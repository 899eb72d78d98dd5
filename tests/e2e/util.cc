#include "e2e/util.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>

#include "base/file_util.h"

namespace tahqiq::e2e {
namespace {

std::vector<char*> Argv(const std::vector<std::string>& args, std::vector<std::string>* keep) {
  keep->clear();
  keep->push_back(TAHQIQ_BINARY);
  keep->insert(keep->end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : *keep) argv.push_back(s.data());
  argv.push_back(nullptr);
  return argv;
}

// Every directory MakeTempDir hands out is removed when the test program
// exits, so thousands of runs do not fill /tmp. Only the process that made
// them removes them: a forked child that exits must not delete its parent's
// case. TAHQIQ_KEEP_TMP=1 keeps them for a post-mortem.
class TempDirs {
 public:
  ~TempDirs() {
    if (::getpid() != owner_ || std::getenv("TAHQIQ_KEEP_TMP")) return;
    std::error_code ec;
    for (const auto& d : dirs_) std::filesystem::remove_all(d, ec);
  }
  void Add(const std::string& dir) {
    std::lock_guard<std::mutex> lock(mu_);
    dirs_.push_back(dir);
  }

 private:
  pid_t owner_ = ::getpid();
  std::mutex mu_;
  std::vector<std::string> dirs_;
};

TempDirs& Registry() {
  static TempDirs dirs;
  return dirs;
}

std::string Drain(int fd) {
  std::string s;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
  return s;
}

}  // namespace

RunResult Tahqiq(const std::vector<std::string>& args) {
  std::string out_path = MakeTempDir() + "/out", err_path = out_path + ".err";
  std::vector<std::string> keep;
  auto argv = Argv(args, &keep);
  pid_t pid = ::fork();
  if (pid == 0) {
    int o = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(o, 1);
    ::dup2(e, 2);
    int null = ::open("/dev/null", O_RDONLY);
    ::dup2(null, 0);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  struct rusage ru {};
  ::wait4(pid, &status, 0, &ru);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.max_rss_kb = ru.ru_maxrss;
  int o = ::open(out_path.c_str(), O_RDONLY);
  r.out = Drain(o);
  ::close(o);
  int e = ::open(err_path.c_str(), O_RDONLY);
  r.err = Drain(e);
  ::close(e);
  std::error_code ec;
  std::filesystem::remove_all(out_path.substr(0, out_path.rfind('/')), ec);
  return r;
}

pid_t StartTahqiq(const std::vector<std::string>& args) {
  std::vector<std::string> keep;
  auto argv = Argv(args, &keep);
  pid_t pid = ::fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// Runs `tahqiq args...` with `input` on its standard input (a pipe).
RunResult TahqiqWithInput(const std::vector<std::string>& args, const std::string& input) {
  std::string out_path = MakeTempDir() + "/out", err_path = out_path + ".err";
  std::vector<std::string> keep{TAHQIQ_BINARY};
  keep.insert(keep.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : keep) argv.push_back(s.data());
  argv.push_back(nullptr);
  int in[2];
  if (::pipe(in) != 0) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::close(in[1]);
    int o = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  ::close(in[0]);
  if (!input.empty()) {
    // A short write shows as the child's failure to read its input.
    const ssize_t n = ::write(in[1], input.data(), input.size());
    (void)n;
  }
  ::close(in[1]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  auto slurp = [](const std::string& p) {
    std::string s;
    FILE* f = std::fopen(p.c_str(), "rb");
    if (!f) return s;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) s.append(buf, n);
    std::fclose(f);
    return s;
  };
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  return r;
}

std::string MakeTempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base ? base : "/tmp") + "/tahqiq-e2e-XXXXXX";
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  Registry().Add(tmpl);
  return tmpl;
}

void WriteFile(const std::string& path, const std::string& data) {
  auto slash = path.rfind('/');
  if (slash != std::string::npos) (void)MakeDirs(path.substr(0, slash));
  std::ofstream f(path, std::ios::binary);
  f << data;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find('\n', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::vector<std::string> SearchLines(const std::string& out, nlohmann::json* count) {
  std::vector<std::string> lines = Lines(out);
  nlohmann::json last;
  if (!lines.empty()) last = nlohmann::json::parse(lines.back(), nullptr, false);
  if (!last.is_object() || !last.contains("total") || last.contains("id")) {
    ADD_FAILURE() << "search --json output does not end with its count:\n" << out;
  } else {
    lines.pop_back();
  }
  if (count) *count = last;
  return lines;
}

std::string SourceDir() {
  const char* env = std::getenv("TAHQIQ_SOURCE_DIR");
  return env ? env : TAHQIQ_SOURCE_DIR;
}

}  // namespace tahqiq::e2e
