#include "extract/isolation.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <vector>

#include "extract/wire.h"

namespace tahqiq::extract {
namespace {

using namespace wire;  // NOLINT: the frame vocabulary of this file.
using Clock = std::chrono::steady_clock;

}  // namespace

std::string DefaultWorkerExe() {
  // The worker binary sits next to this one (build tree and install alike).
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "tahqiq-extract";
  std::string self(buf, static_cast<size_t>(n));
  const size_t slash = self.rfind('/');
  return (slash == std::string::npos ? std::string(".") : self.substr(0, slash)) +
         "/tahqiq-extract";
}

IsolatedExtractor::IsolatedExtractor(IsolationOptions options) : opt_(std::move(options)) {
  // A worker that dies while we write its request must not kill us.
  std::signal(SIGPIPE, SIG_IGN);
}

IsolatedExtractor::~IsolatedExtractor() { Stop(false); }

Status IsolatedExtractor::Start() {
  int req[2], resp[2];
  if (::pipe2(req, O_CLOEXEC) != 0) return Status::IOError("extract worker: pipe failed");
  if (::pipe2(resp, O_CLOEXEC) != 0) {
    ::close(req[0]);
    ::close(req[1]);
    return Status::IOError("extract worker: pipe failed");
  }
  std::string mem = std::to_string(opt_.memory_limit_mb);
  const char* argv[] = {"tahqiq-extract", "extract-worker", "--memory-mb", mem.c_str(), nullptr};
  bool quiet = std::getenv("TAHQIQ_WORKER_STDERR") == nullptr;
  // Tesseract's OpenMP threads spin while they wait, and a worker parses one
  // file at a time: one thread. libgomp reads this when it loads, before the
  // worker's main(), so it must be in the environment exec gives it. Built
  // before fork: only async-signal-safe calls may follow it.
  std::vector<std::string> env_strings;
  for (char** e = environ; e && *e; ++e) {
    if (std::strncmp(*e, "OMP_THREAD_LIMIT=", 17) != 0) env_strings.emplace_back(*e);
  }
  env_strings.emplace_back("OMP_THREAD_LIMIT=1");
  std::vector<char*> envp;
  for (std::string& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    for (int fd : {req[0], req[1], resp[0], resp[1]}) ::close(fd);
    return Status::IOError(std::string("extract worker: fork failed: ") + std::strerror(errno));
  }
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    ::dup2(req[0], 0);
    ::dup2(resp[1], 1);
    if (quiet) {
      int null = ::open("/dev/null", O_WRONLY);
      if (null >= 0) ::dup2(null, 2);
    }
    ::execve(opt_.worker_exe.c_str(), const_cast<char**>(argv), envp.data());
    _exit(127);
  }
  ::close(req[0]);
  ::close(resp[1]);
  pid_ = pid;
  to_worker_ = req[1];
  from_worker_ = resp[0];
  served_ = 0;
  return Status::Ok();
}

void IsolatedExtractor::Stop(bool kill) {
  if (pid_ < 0) return;
  if (kill) ::kill(pid_, SIGKILL);
  ::close(to_worker_);  // EOF: an idle worker exits by itself.
  ::close(from_worker_);
  int status;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  to_worker_ = from_worker_ = -1;
}

Status IsolatedExtractor::WorkerDied(const std::string& what) {
  ::close(to_worker_);
  ::close(from_worker_);
  int status = 0;
  struct rusage ru {};
  ::wait4(pid_, &status, 0, &ru);
  pid_ = -1;
  to_worker_ = from_worker_ = -1;
  // A C library that hits the address-space limit usually dies of the NULL
  // malloc gave it; a peak near the limit tells that story.
  uint64_t peak_mb = static_cast<uint64_t>(ru.ru_maxrss) / 1024;
  if (opt_.memory_limit_mb > 0 && peak_mb * 10 >= opt_.memory_limit_mb * 8) {
    return Status::ResourceExhausted(what + ": exceeded the parser memory limit (" +
                                     std::to_string(opt_.memory_limit_mb) + " MB)");
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char* name = sigabbrev_np(sig);
    std::string s = std::string(what) + ": extractor crashed (SIG" + (name ? name : "?") + ")";
    if (sig == SIGXFSZ) return Status::Internal(what + ": extractor tried to write a file");
    return Status::Internal(s);
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    return Status::IOError("cannot start the extract worker (" + opt_.worker_exe + ")");
  }
  return Status::Internal(what + ": extractor exited unexpectedly (status " +
                          std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
}

Status IsolatedExtractor::SniffAndExtract(const std::string& path, TypeInfo* type, Sink* sink) {
  type->type = "binary";
  type->mime.clear();
  if (pid_ < 0) TAHQIQ_RETURN_IF_ERROR(Start());
  const std::string flags(1, opt_.ocr ? kFlagOcr : 0);
  if (!WriteFrame(to_worker_, kRequest, flags, path)) {
    // The worker died between files (e.g. recycled): start afresh once.
    Stop(true);
    TAHQIQ_RETURN_IF_ERROR(Start());
    if (!WriteFrame(to_worker_, kRequest, flags, path)) return WorkerDied("request");
  }
  const auto start = Clock::now();
  auto last_output = start;
  std::string buf;
  // Reads exactly n bytes into buf, with the idle and total deadlines.
  // Returns 1 on success, 0 on EOF, -1 on timeout.
  auto read_exact = [&](size_t n) -> int {
    buf.resize(n);
    size_t got = 0;
    while (got < n) {
      auto now = Clock::now();
      auto idle_left = std::chrono::seconds(opt_.idle_timeout_s) - (now - last_output);
      auto total_left = std::chrono::seconds(opt_.total_timeout_s) - (now - start);
      auto left = std::min(idle_left, total_left);
      if (left <= Clock::duration::zero()) return -1;
      struct pollfd p {
        from_worker_, POLLIN, 0
      };
      int ms =
          static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(left).count()) + 1;
      int rc = ::poll(&p, 1, ms);
      if (rc < 0 && errno == EINTR) continue;
      if (rc == 0) continue;  // Re-check the deadlines.
      ssize_t r = ::read(from_worker_, buf.data() + got, n - got);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return 0;
      got += static_cast<size_t>(r);
      last_output = Clock::now();
    }
    return 1;
  };
  std::string kind_name = "extract";
  for (;;) {
    int rc = read_exact(5);
    if (rc == 1) {
      char kind = buf[0];
      uint32_t len = GetU32(buf.data() + 1);
      if (len > kMaxFrame) {
        Stop(true);
        return Status::Internal(kind_name + ": extract worker sent a malformed reply");
      }
      rc = read_exact(len);
      if (rc == 1) {
        std::string_view body(buf);
        switch (kind) {
          case kType: {
            size_t z = body.find('\0');
            type->type = std::string(body.substr(0, z));
            type->mime = z == std::string_view::npos ? "" : std::string(body.substr(z + 1));
            kind_name = type->type;
            break;
          }
          case kTitle:
            sink->SetTitle(body);
            break;
          case kField:
          case kChild: {
            if (body.size() < 4) break;
            uint32_t nl =
                std::min<uint32_t>(GetU32(body.data()), static_cast<uint32_t>(body.size() - 4));
            std::string_view name = body.substr(4, nl), value = body.substr(4 + nl);
            if (kind == kField) {
              sink->AddField(name, value);
            } else {
              sink->AddChild(name, std::string(value));
            }
            break;
          }
          case kText: {
            Status st = sink->AppendText(body);
            if (!st.ok()) {
              // The sink wants no more (a limit): stop this parse now.
              Stop(true);
              return st;
            }
            break;
          }
          case kTable:
            sink->BeginTable(body);
            break;
          case kRows: {
            Row row;
            uint64_t row_number = 0;
            Status st;
            while (!body.empty() && st.ok()) {
              if (!DecodeRow(&body, &row_number, &row)) {
                Stop(true);
                return Status::Internal(kind_name + ": extract worker sent a malformed row");
              }
              st = sink->AddRow(row_number, row);
            }
            if (!st.ok()) {
              Stop(true);
              return st;
            }
            break;
          }
          case kDone: {
            StatusCode code = body.empty()
                                  ? StatusCode::kInternal
                                  : static_cast<StatusCode>(static_cast<unsigned char>(body[0]));
            if (++served_ >= opt_.files_per_worker) Stop(false);
            if (code == StatusCode::kOk) return Status::Ok();
            return Status(code, std::string(body.substr(1)));
          }
          default:
            Stop(true);
            return Status::Internal(kind_name + ": extract worker sent a malformed reply");
        }
        continue;
      }
    }
    if (rc == -1) {
      bool idle = Clock::now() - last_output >= std::chrono::seconds(opt_.idle_timeout_s);
      Stop(true);
      return Status::Cancelled(kind_name + ": timed out after " +
                               std::to_string(idle ? opt_.idle_timeout_s : opt_.total_timeout_s) +
                               (idle ? " s without output" : " s"));
    }
    return WorkerDied(kind_name);
  }
}

}  // namespace tahqiq::extract
