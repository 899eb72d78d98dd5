// The extract worker process: applies the limits and the syscall filter,
// then types and extracts files for its parent (see isolation.h).
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

#include "extract/isolation.h"
#include "extract/wire.h"

namespace tahqiq::extract {
namespace {

using namespace wire;  // NOLINT: the frame vocabulary of this file.

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

}  // namespace tahqiq::extract
