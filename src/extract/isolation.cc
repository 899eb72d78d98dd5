#include "extract/isolation.h"

#include <fcntl.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
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

namespace tahqiq::extract {
namespace {

using Clock = std::chrono::steady_clock;

// Frames on the pipe: [kind u8][length u32, little endian][payload].
enum Kind : char {
  kRequest = 'R',  // parent -> worker: [flags u8] path
  kType = 'Y',     // type \0 mime
  kTitle = 'T',
  kField = 'F',  // [name length u32] name value
  kText = 'X',
  kChild = 'C',  // [name length u32] name bytes
  kTable = 'B',  // sheet name
  kRows = 'W',   // rows, each as EncodeRow() writes it
  kDone = 'D',   // [code u8] message
};
constexpr uint32_t kMaxFrame = 1u << 30;
constexpr char kFlagOcr = 1;

void PutU32(std::string* s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
uint32_t GetU32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i)
    v |= static_cast<uint32_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

bool WriteAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

bool WriteFrame(int fd, char kind, std::string_view a, std::string_view b = {}) {
  std::string head(1, kind);
  PutU32(&head, static_cast<uint32_t>(a.size() + b.size()));
  return WriteAll(fd, head.data(), head.size()) && WriteAll(fd, a.data(), a.size()) &&
         WriteAll(fd, b.data(), b.size());
}

std::string WithLength(std::string_view name) {
  std::string s;
  PutU32(&s, static_cast<uint32_t>(name.size()));
  s.append(name);
  return s;
}

// ---------------------------------------------------------------- worker side

// Forwards everything an extractor produces to the parent, as it comes.
class PipeSink final : public Sink {
 public:
  explicit PipeSink(int fd) : fd_(fd) {}
  void SetTitle(std::string_view t) override { Send(kTitle, t); }
  void BeginTable(std::string_view name) override { Send(kTable, name); }
  // Rows go in batches: one frame per row would cost three system calls
  // each on a ten-million-row export.
  Status AddRow(uint64_t row_number, const Row& cells) override {
    EncodeRow(row_number, cells, &rows_);
    if (rows_.size() >= (256u << 10)) FlushRows();
    return Status::Ok();
  }
  void FlushRows() {
    if (rows_.empty()) return;
    std::string batch = std::move(rows_);
    rows_.clear();
    if (!WriteFrame(fd_, kRows, batch)) _exit(0);
  }
  void AddField(std::string_view n, std::string_view v) override { Send(kField, WithLength(n), v); }
  Status AppendText(std::string_view t) override {
    Send(kText, t);
    return Status::Ok();
  }
  void AddChild(std::string_view n, std::string bytes) override {
    Send(kChild, WithLength(n), bytes);
  }

 private:
  void Send(char kind, std::string_view a, std::string_view b = {}) {
    FlushRows();  // Keep the document order.
    // The parent went away (or killed us): nothing left to do.
    if (!WriteFrame(fd_, kind, a, b)) _exit(0);
  }
  int fd_;
  std::string rows_;
};

void ApplyLimits(uint64_t memory_limit_mb) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // Never outlive the ingest.
  ::prctl(PR_SET_DUMPABLE, 0);
  struct rlimit zero {
    0, 0
  };
  ::setrlimit(RLIMIT_CORE, &zero);
  ::setrlimit(RLIMIT_FSIZE, &zero);  // Writing any file raises SIGXFSZ.
  struct rlimit files {
    64, 64
  };
  ::setrlimit(RLIMIT_NOFILE, &files);
#if !defined(__SANITIZE_ADDRESS__)
  // ASan reserves terabytes of address space up front, so the limit only
  // applies to normal builds.
  if (memory_limit_mb > 0) {
    struct rlimit as;
    as.rlim_cur = as.rlim_max = static_cast<rlim_t>(memory_limit_mb) << 20;
    ::setrlimit(RLIMIT_AS, &as);
  }
#else
  (void)memory_limit_mb;
#endif
}

// Denies, with an error code rather than death so libraries fail politely:
// networking, running programs, debugging others, making processes, and
// creating or changing files. Reading files stays allowed (the input, ICU
// and libmagic data).
bool ApplySeccomp() {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
  if (!ctx) return false;
  auto deny = [&](int sc, int err) {
    return seccomp_rule_add(ctx, SCMP_ACT_ERRNO(err), sc, 0) == 0;
  };
  bool ok = true;
  for (int sc : {SCMP_SYS(socket),
                 SCMP_SYS(socketpair),
                 SCMP_SYS(connect),
                 SCMP_SYS(bind),
                 SCMP_SYS(listen),
                 SCMP_SYS(accept),
                 SCMP_SYS(accept4),
                 SCMP_SYS(execve),
                 SCMP_SYS(execveat),
                 SCMP_SYS(ptrace),
                 SCMP_SYS(process_vm_readv),
                 SCMP_SYS(process_vm_writev),
                 SCMP_SYS(fork),
                 SCMP_SYS(vfork),
                 SCMP_SYS(creat),
                 SCMP_SYS(unlink),
                 SCMP_SYS(unlinkat),
                 SCMP_SYS(rename),
                 SCMP_SYS(renameat),
                 SCMP_SYS(renameat2),
                 SCMP_SYS(mkdir),
                 SCMP_SYS(mkdirat),
                 SCMP_SYS(rmdir),
                 SCMP_SYS(truncate),
                 SCMP_SYS(link),
                 SCMP_SYS(linkat),
                 SCMP_SYS(symlink),
                 SCMP_SYS(symlinkat),
                 SCMP_SYS(chmod),
                 SCMP_SYS(fchmodat),
                 SCMP_SYS(chown),
                 SCMP_SYS(fchownat),
                 SCMP_SYS(lchown),
                 SCMP_SYS(mknod),
                 SCMP_SYS(mknodat),
                 SCMP_SYS(open_by_handle_at),
                 SCMP_SYS(kill),
                 SCMP_SYS(tkill)}) {
    ok = ok && deny(sc, EPERM);
  }
  // glibc creates threads with clone3 and falls back to clone on ENOSYS;
  // clone itself is allowed only for threads, not new processes.
  ok = ok && deny(SCMP_SYS(clone3), ENOSYS);
  ok = ok && seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                              SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0)) == 0;
  // Opening for writing or creating is refused; reading is not.
  for (unsigned flag :
       {unsigned(O_WRONLY), unsigned(O_RDWR), unsigned(O_CREAT), unsigned(O_TRUNC)}) {
    ok = ok && seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(open), 1,
                                SCMP_A1(SCMP_CMP_MASKED_EQ, flag, flag)) == 0;
    ok = ok && seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(openat), 1,
                                SCMP_A2(SCMP_CMP_MASKED_EQ, flag, flag)) == 0;
  }
  ok = ok && deny(SCMP_SYS(openat2), ENOSYS);  // Its flags live in a struct; force openat.
  ok = ok && ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0;
  ok = ok && seccomp_load(ctx) == 0;
  seccomp_release(ctx);
  return ok;
}

// Fault injection for the tests of this file and of ingest: active only when
// TAHQIQ_TEST_HOOKS=1, on files that start with "TAHQIQ-TEST-".
bool RunTestHook(const std::string& path, PipeSink* sink, uint64_t memory_limit_mb) {
  static const bool enabled = [] {
    const char* e = std::getenv("TAHQIQ_TEST_HOOKS");
    return e && std::string_view(e) == "1";
  }();
  if (!enabled) return false;
  char head[32] = {};
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  ssize_t n = ::read(fd, head, sizeof head - 1);
  ::close(fd);
  std::string_view h(head, n > 0 ? static_cast<size_t>(n) : 0);
  if (h.rfind("TAHQIQ-TEST-", 0) != 0) return false;
  h.remove_prefix(12);
  if (h.rfind("CRASH", 0) == 0) std::raise(SIGSEGV);
  if (h.rfind("HANG", 0) == 0) {
    for (;;) ::pause();
  }
  if (h.rfind("ALLOC", 0) == 0) {
    std::vector<std::unique_ptr<char[]>> hog;
    for (uint64_t mb = 0;; mb += 64) {
      // Under ASan there is no address-space limit: stand in for it.
      if (memory_limit_mb > 0 && mb > memory_limit_mb) throw std::bad_alloc();
      hog.emplace_back(new char[64 << 20]);
      std::memset(hog.back().get(), 1, 64 << 20);
    }
  }
  if (h.rfind("PROBE", 0) == 0) {
    // Reports what the sandbox allows, as text the test can read.
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    std::string report = s >= 0 ? "socket allowed\n" : "socket denied\n";
    int w = ::open("/tmp/tahqiq-sandbox-probe", O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    report += w >= 0 ? "write allowed\n" : "write denied\n";
    pid_t p = ::fork();
    if (p == 0) _exit(0);
    report += p >= 0 ? "fork allowed\n" : "fork denied\n";
    sink->AddField("probe", "1");
    (void)sink->AppendText(report);
    return true;
  }
  return false;
}

}  // namespace

int RunExtractWorker(int in_fd, int out_fd, uint64_t memory_limit_mb) {
  ApplyLimits(memory_limit_mb);
  GlobalInit();  // Loads libxml2/GMime/poppler state before the filter.
  if (!ApplySeccomp()) {
    WriteFrame(out_fd, kDone, std::string(1, static_cast<char>(StatusCode::kInternal)),
               "extract worker: cannot install the syscall filter");
    return 1;
  }
  std::string head(5, '\0');
  for (;;) {
    size_t got = 0;
    while (got < 5) {
      ssize_t r = ::read(in_fd, head.data() + got, 5 - got);
      if (r == 0) return 0;  // Parent closed: done.
      if (r < 0) {
        if (errno == EINTR) continue;
        return 1;
      }
      got += static_cast<size_t>(r);
    }
    uint32_t len = GetU32(head.data() + 1);
    if (head[0] != kRequest || len < 1 || len > 65536) return 2;
    std::string request(len, '\0');
    got = 0;
    while (got < len) {
      ssize_t r = ::read(in_fd, request.data() + got, len - got);
      if (r <= 0) return 1;
      got += static_cast<size_t>(r);
    }
    Options options;
    options.ocr = (request[0] & kFlagOcr) != 0;
    const std::string path = request.substr(1);
    PipeSink sink(out_fd);
    Status st;
    try {
      if (!RunTestHook(path, &sink, memory_limit_mb)) {
        auto type = Sniff(path);
        if (!type.ok()) {
          st = type.status();
        } else {
          WriteFrame(out_fd, kType, type->type, std::string(1, '\0') + type->mime);
          st = Extract(path, *type, &sink, options);
        }
      }
    } catch (const std::bad_alloc&) {
      st = Status::ResourceExhausted("out of memory (parser memory limit)");
    } catch (...) {
      st = Status::Internal("unexpected error in extract worker");
    }
    sink.FlushRows();
    if (!WriteFrame(out_fd, kDone, std::string(1, static_cast<char>(st.code())), st.message())) {
      return 0;
    }
  }
}

// ---------------------------------------------------------------- parent side

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
  const char* argv[] = {"tahqiq", "extract-worker", "--memory-mb", mem.c_str(), nullptr};
  bool quiet = std::getenv("TAHQIQ_WORKER_STDERR") == nullptr;
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
    ::execv(opt_.worker_exe.c_str(), const_cast<char**>(argv));
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
