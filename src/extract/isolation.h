// Isolated extraction: every parse runs in a worker process.
//
// The parsers tahqiq relies on (poppler, libarchive, libxml2, GMime,
// libmagic) keep receiving memory-safety fixes, and a leak is hostile input
// by definition. IsolatedExtractor runs Sniff()+Extract() in a child process
// (`tahqiq-extract extract-worker`) that has resource limits (address space, file
// size 0, open files, no core dumps) and a seccomp filter (no sockets, no
// exec, no ptrace, no file writes or creation), and is killed when it goes
// quiet for too long or exceeds the total time. A crash, timeout or memory
// exhaustion becomes the file's recorded reason; the worker is replaced and
// the run goes on.
//
// The worker is a separate program, `tahqiq-extract`, next to `tahqiq`: the
// parsing libraries (and their own dependencies) are linked there only, so
// the main program starts fast and never has a parser in its address space. Text, fields and
// attachments stream back over a pipe into the caller's Sink as they are produced.
//
// Thread safety: an IsolatedExtractor (one worker process) belongs to one
// thread. RunExtractWorker() is the child's main loop.
#ifndef TAHQIQ_EXTRACT_ISOLATION_H_
#define TAHQIQ_EXTRACT_ISOLATION_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "extract/extractor.h"

namespace tahqiq::extract {

// `tahqiq-extract` in the directory of the running program.
std::string DefaultWorkerExe();

struct IsolationOptions {
  std::string worker_exe = DefaultWorkerExe();  // The worker program.
  int idle_timeout_s = 60;          // Kill a worker that produces nothing for this long.
  int total_timeout_s = 1800;       // ... or that works on one file longer than this.
  uint64_t memory_limit_mb = 3072;  // Address-space limit (not applied under ASan).
  uint32_t files_per_worker = 500;  // Recycle the process now and then.
  bool ocr = true;                  // Passed to Extract() as Options::ocr.
};

class IsolatedExtractor {
 public:
  explicit IsolatedExtractor(IsolationOptions options);
  ~IsolatedExtractor();
  IsolatedExtractor(const IsolatedExtractor&) = delete;
  IsolatedExtractor& operator=(const IsolatedExtractor&) = delete;

  // Types and extracts the file at `path` in the worker, streaming into
  // `sink`. `type` receives the detected type (type "binary" if the worker
  // died before saying). Returns the extraction's Status; a dead or killed
  // worker gives kInternal ("crashed: SIGSEGV"), kResourceExhausted ("memory
  // limit"), or kCancelled ("timed out"). Failing to start a worker is kIOError.
  Status SniffAndExtract(const std::string& path, TypeInfo* type, Sink* sink);

 private:
  Status Start();
  void Stop(bool kill);
  Status WorkerDied(const std::string& what);

  IsolationOptions opt_;
  pid_t pid_ = -1;
  int to_worker_ = -1, from_worker_ = -1;
  uint32_t served_ = 0;
};

// Main loop of `tahqiq-extract extract-worker` (worker.cc, linked only into
// the worker): applies the limits and the syscall
// filter, then serves requests from `in_fd` until EOF. Returns an exit code.
int RunExtractWorker(int in_fd, int out_fd, uint64_t memory_limit_mb);

}  // namespace tahqiq::extract

#endif  // TAHQIQ_EXTRACT_ISOLATION_H_
