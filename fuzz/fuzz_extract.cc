// Fuzz target: extract::Sniff then extract::Extract on arbitrary file bytes.
// Built a second time as fuzz_parser (TAHQIQ_FUZZ_FORCE_TYPE): there the
// first input byte picks the parser and the rest is the file, so every
// parser sees every kind of garbage, not only what sniffs as its type.
//
// The input is written to one temp file per process (the path contains the
// pid, so parallel fuzzing jobs and ctest runs do not collide), typed by
// content and extracted into a sink that checks the Sink contract, abort on
// violation:
//  - every AppendText chunk, the title and every field value are valid UTF-8;
//  - no exception escapes (libFuzzer reports it as a crash).
// The sink stops the extraction (non-ok AppendText) after 16 MiB of text, as
// ingest's output limit does, which also exercises that path.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>

#include "extract/extractor.h"
#include "fuzz_util.h"

namespace {

using tahqiq::Status;
using tahqiq::fuzz::FirstInvalidUtf8;

constexpr size_t kMaxText = 16u << 20;

class CheckingSink : public tahqiq::extract::Sink {
 public:
  void SetTitle(std::string_view utf8) override { Check("title", utf8); }
  void AddField(std::string_view name, std::string_view utf8) override {
    Check(std::string("field ").append(name).c_str(), utf8);
  }
  Status AppendText(std::string_view utf8) override {
    Check("AppendText chunk", utf8);
    text_bytes_ += utf8.size();
    if (text_bytes_ > kMaxText) return Status::ResourceExhausted("fuzz sink: text limit");
    return Status::Ok();
  }
  void AddChild(std::string_view name, std::string bytes) override { ++children_; }
  Status AddRow(uint64_t, const tahqiq::extract::Row& cells) override {
    for (const auto& c : cells) Check("table cell", c.value);
    return Status::Ok();
  }

 private:
  static void Check(const char* what, std::string_view s) {
    const size_t bad = FirstInvalidUtf8(s);
    FUZZ_CHECK(bad == s.size(), "%s (%zu bytes) is not valid UTF-8 at byte %zu", what, s.size(),
               bad);
  }
  size_t text_bytes_ = 0;
  size_t children_ = 0;
};

std::string* g_path = nullptr;

void RemoveTempFile() {
  if (g_path != nullptr) ::unlink(g_path->c_str());
}

const std::string& TempPath() {
  if (g_path == nullptr) {
    tahqiq::extract::GlobalInit();
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    g_path = new std::string(
        (dir / ("tahqiq-fuzz-extract-" + std::to_string(::getpid()) + ".bin")).string());
    std::atexit(RemoveTempFile);
  }
  return *g_path;
}

void WriteFile(const std::string& path, const uint8_t* data, size_t size) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  FUZZ_CHECK(fd >= 0, "open %s: %s", path.c_str(), std::strerror(errno));
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    FUZZ_CHECK(n > 0, "write %s: %s", path.c_str(), std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  FUZZ_CHECK(::close(fd) == 0, "close %s: %s", path.c_str(), std::strerror(errno));
}

}  // namespace

#ifdef TAHQIQ_FUZZ_FORCE_TYPE
// Keep in this order: seeds in corpus/parser start with an index into it.
constexpr const char* kTypes[] = {"text", "html", "pdf",  "docx", "xlsx",    "pptx",       "odt",
                                  "ods",  "eml",  "mbox", "zip",  "archive", "compressed", "pst",
                                  "csv",  "rtf",  "doc",  "xls",  "ppt"};
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = TempPath();
#ifdef TAHQIQ_FUZZ_FORCE_TYPE
  if (size == 0) return 0;
  tahqiq::Result<tahqiq::extract::TypeInfo> type(
      tahqiq::extract::TypeInfo{kTypes[data[0] % (sizeof kTypes / sizeof kTypes[0])], ""});
  WriteFile(path, data + 1, size - 1);
#else
  WriteFile(path, data, size);
  auto type = tahqiq::extract::Sniff(path);
  if (!type.ok()) return 0;
#endif
  FUZZ_CHECK(!type->type.empty(), "Sniff returned an empty type");
  CheckingSink sink;
  tahqiq::extract::Options options;
  options.max_in_memory_bytes = 64u << 20;
  // Tesseract takes seconds an image: fuzzing it here would starve every
  // other parser of executions (OCR has its own e2e tests).
  options.ocr = false;
  Status st = tahqiq::extract::Extract(path, *type, &sink, options);
  (void)st;  // Failing is fine for malformed input; crashing and invalid UTF-8 are not.
  return 0;
}
