// Plain text and CSV: streamed, so memory stays bounded for any file size.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "extract/internal.h"

namespace tahqiq::extract::internal {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Fills `buf` as far as the file allows; short only at end of file.
Status ReadFull(int fd, char* buf, size_t n, size_t* got) {
  *got = 0;
  while (*got < n) {
    const ssize_t r = ::read(fd, buf + *got, n - *got);
    if (r < 0) {
      if (errno == EINTR) continue;
      return Status::IOError(std::string("text: read failed: ") + std::strerror(errno));
    }
    if (r == 0) break;
    *got += static_cast<size_t>(r);
  }
  return Status::Ok();
}

}  // namespace

void NormalizeNewlines(std::string* s, bool* pending_cr) {
  size_t w = 0;
  for (size_t r = 0; r < s->size(); ++r) {
    const char c = (*s)[r];
    if (c == '\n' && *pending_cr) {
      *pending_cr = false;
      continue;
    }
    *pending_cr = c == '\r';
    (*s)[w++] = c == '\r' ? '\n' : c;
  }
  s->resize(w);
}

Status AppendInBlocks(std::string_view utf8, Sink* sink) {
  while (!utf8.empty()) {
    size_t n = utf8.size();
    if (n > kTextBlockBytes) {
      n = Utf8SafePrefix(utf8.substr(0, kTextBlockBytes));
      if (n == 0) n = kTextBlockBytes;  // Not UTF-8 at all; cannot happen for our callers.
    }
    TAHQIQ_RETURN_IF_ERROR(sink->AppendText(utf8.substr(0, n)));
    utf8.remove_prefix(n);
  }
  return Status::Ok();
}

Result<std::string> ReadWholeFile(const std::string& path, uint64_t max_bytes,
                                  std::string_view what) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return Status::IOError(std::string(what) + ": cannot open: " + std::strerror(errno));
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return Status::IOError(std::string(what) + ": not a regular file");
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    return Status::ResourceExhausted(std::string(what) + ": file of " + std::to_string(st.st_size) +
                                     " bytes is above the in-memory limit");
  }
  std::string data(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  Status s = ReadFull(fd.get(), data.data(), data.size(), &got);
  if (!s.ok()) return Status::IOError(std::string(what) + ": read failed");
  data.resize(got);  // The file may have shrunk meanwhile.
  return data;
}

Status ExtractPlainText(const std::string& path, Sink* sink) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return Status::IOError(std::string("text: cannot open: ") + std::strerror(errno));
  }
  std::string block(kTextBlockBytes, '\0');
  size_t got = 0;
  TAHQIQ_RETURN_IF_ERROR(ReadFull(fd.get(), block.data(), block.size(), &got));
  if (got == 0) return Status::Ok();  // Empty file: no text, no encoding.
  bool eof = got < block.size();

  const Charset cs = DetectCharset(std::string_view(block.data(), got), eof);
  sink->AddField("encoding", cs.name);
  TAHQIQ_ASSIGN_OR_RETURN(std::unique_ptr<Decoder> decoder, Decoder::Create(cs.decoder));

  std::string out;
  bool pending_cr = false;
  std::string_view in(block.data() + cs.bom_length, got - cs.bom_length);
  for (;;) {
    out.clear();
    TAHQIQ_RETURN_IF_ERROR(decoder->Decode(in, eof, &out));
    NormalizeNewlines(&out, &pending_cr);
    if (!out.empty()) TAHQIQ_RETURN_IF_ERROR(sink->AppendText(out));
    if (eof) break;
    TAHQIQ_RETURN_IF_ERROR(ReadFull(fd.get(), block.data(), block.size(), &got));
    eof = got < block.size();
    in = std::string_view(block.data(), got);
  }
  return Status::Ok();
}

}  // namespace tahqiq::extract::internal
