// Sniff(): typing by content (libmagic, then a look inside zips and text).

#include <fcntl.h>
#include <magic.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.h"
#include "extract/internal.h"

namespace tahqiq::extract {
namespace internal {
namespace {

constexpr size_t kSniffBytes = 256 * 1024;

// libmagic handles are not thread-safe; each thread loads its own copy of
// the database once.
class MagicHandle {
 public:
  MagicHandle() {
    cookie_ = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    if (cookie_ != nullptr && magic_load(cookie_, nullptr) != 0) {
      magic_close(cookie_);
      cookie_ = nullptr;
    }
  }
  ~MagicHandle() {
    if (cookie_ != nullptr) magic_close(cookie_);
  }
  MagicHandle(const MagicHandle&) = delete;
  MagicHandle& operator=(const MagicHandle&) = delete;
  magic_t get() const { return cookie_; }

 private:
  magic_t cookie_ = nullptr;
};

// "" when libmagic is unavailable; the content checks below still work.
std::string MagicMime(std::string_view head) {
  thread_local MagicHandle magic;
  if (magic.get() == nullptr) return "";
  const char* mime = magic_buffer(magic.get(), head.data(), head.size());
  return mime ? mime : "";
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Text in some charset: few control characters, no NULs unless UTF-16.
bool LooksLikeText(std::string_view head) {
  if (DetectBom(head).bom_length > 0) return true;
  const std::string_view sample = head.substr(0, kCharsetSampleBytes);
  if (!DetectUtf16WithoutBom(sample).empty()) return true;
  size_t controls = 0;
  for (char ch : sample) {
    const unsigned char c = ch;
    if (c == 0) return false;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) || c == 0x7F) {
      ++controls;
    }
  }
  return controls * 100 <= sample.size();
}

// libmagic names some plain text files after a binary format whose magic
// number happens to match their first bytes (HP-GL for a README starting
// with "IN", Sega ROMs, Wine .ini files). Text that is well-formed UTF-8 with
// no control characters at all is text, whatever the magic says.
bool LooksLikeCleanText(std::string_view head) {
  const std::string_view sample = head.substr(0, kCharsetSampleBytes);
  if (sample.empty() || !IsValidUtf8(sample, /*allow_truncated_tail=*/true)) return false;
  for (char ch : sample) {
    const unsigned char c = ch;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) return false;
  }
  return true;
}

// Splits `head` into records of delimiter-separated fields, honouring
// double quotes, and says whether every record has the same number (>1) of
// fields for some delimiter.
bool LooksDelimited(std::string_view head, bool whole) {
  if (!whole) {
    // Drop the last, probably cut, line.
    const size_t nl = head.rfind('\n');
    if (nl == std::string_view::npos) return false;
    head = head.substr(0, nl + 1);
  }
  for (char delim : {',', ';', '\t', '|'}) {
    std::vector<int> counts;
    int fields = 1;
    bool quoted = false, empty_line = true;
    for (size_t i = 0; i < head.size() && counts.size() < 50; ++i) {
      const char c = head[i];
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == delim) {
        ++fields;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        if (!empty_line) counts.push_back(fields);
        fields = 1;
        empty_line = true;
        continue;
      }
      empty_line = false;
    }
    if (!empty_line && whole) counts.push_back(fields);
    if (counts.size() < 2 || counts[0] < 2) continue;
    // Prose puts a space after its commas; CSV writers do not.
    if (delim == ',') {
      size_t commas = 0, spaced = 0;
      for (size_t i = 0; i + 1 < head.size(); ++i) {
        if (head[i] != ',') continue;
        ++commas;
        if (head[i + 1] == ' ') ++spaced;
      }
      if (spaced * 2 > commas) continue;
    }
    if (counts.size() == 2 && counts[0] < 3) continue;
    if (std::all_of(counts.begin(), counts.end(), [&](int n) { return n == counts[0]; })) {
      return true;
    }
  }
  return false;
}

// What libmagic's MIME type says about an office zip, when the zip itself
// is too damaged to look inside.
std::string TypeOfOfficeMime(const std::string& mime) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {"application/vnd.openxmlformats-officedocument.wordprocessingml", "docx"},
      {"application/vnd.openxmlformats-officedocument.spreadsheetml", "xlsx"},
      {"application/vnd.openxmlformats-officedocument.presentationml", "pptx"},
      {"application/vnd.oasis.opendocument.text", "odt"},
      {"application/vnd.oasis.opendocument.spreadsheet", "ods"},
      {"application/vnd.oasis.opendocument.presentation", "odp"},
  };
  for (const auto& [prefix, type] : kTypes) {
    if (StartsWith(mime, prefix)) return type;
  }
  return "zip";
}

std::string TypeOfZip(const std::string& path, const std::string& mime) {
  std::vector<std::string> names;
  std::string odf;
  if (!ListZip(path, &names, &odf).ok()) return TypeOfOfficeMime(mime);
  odf = Lower(odf);
  const std::string_view odf_prefix = "application/vnd.oasis.opendocument.";
  if (StartsWith(odf, odf_prefix)) {
    const std::string_view kind = std::string_view(odf).substr(odf_prefix.size());
    if (StartsWith(kind, "text")) return "odt";
    if (StartsWith(kind, "spreadsheet")) return "ods";
    if (StartsWith(kind, "presentation")) return "odp";
    return "zip";
  }
  if (std::find(names.begin(), names.end(), "[Content_Types].xml") == names.end()) {
    return TypeOfOfficeMime(mime);
  }
  const auto any_under = [&](std::string_view dir) {
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& n) { return StartsWith(n, dir); });
  };
  if (any_under("word/")) return "docx";
  if (any_under("xl/")) return "xlsx";
  if (any_under("ppt/")) return "pptx";
  return TypeOfOfficeMime(mime);
}

std::string Classify(const std::string& path, std::string_view head, bool whole,
                     const std::string& mime) {
  if (StartsWith(mime, "image/")) return "image";
  if (StartsWith(head, "!BDN")) return "pst";  // Outlook data file (PST/OST).
  // An OLE2 compound file holding a MAPI message: Outlook .msg.
  if (StartsWith(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") &&
      (mime == "application/vnd.ms-outlook" ||
       head.find(std::string_view("_\0_\0s\0u\0b\0s\0t\0g\0", 16)) != std::string_view::npos)) {
    return "msg";
  }
  if (StartsWith(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    std::string office = OleDocumentType(path);
    if (!office.empty()) return office;
  }
  if (mime == "text/rtf" || StartsWith(head, "{\\rtf")) return "rtf";
  // Readers accept junk before the header, so libmagic may miss such files.
  if (mime == "application/pdf" || StartsWith(head, "%PDF-") ||
      ((mime.empty() || mime == "application/octet-stream") &&
       head.substr(0, 1024).find("%PDF-") != std::string_view::npos)) {
    return "pdf";
  }
  if (StartsWith(head, "PK\x03\x04") || StartsWith(head, "PK\x05\x06") ||
      mime == "application/zip" ||
      StartsWith(mime, "application/vnd.openxmlformats-officedocument.") ||
      StartsWith(mime, "application/vnd.oasis.opendocument.")) {
    return TypeOfZip(path, mime);
  }
  if (mime == "application/x-tar" || mime == "application/x-7z-compressed" ||
      mime == "application/x-rar" || mime == "application/vnd.rar" ||
      mime == "application/x-cpio" || mime == "application/x-iso9660-image" ||
      mime == "application/x-archive" || mime == "application/vnd.ms-cab-compressed" ||
      mime == "application/x-xar" || mime == "application/x-lha" ||
      mime == "application/x-lzh-compressed") {
    return "archive";
  }
  if (mime == "application/gzip" || mime == "application/x-gzip" || mime == "application/x-bzip2" ||
      mime == "application/x-xz" || mime == "application/x-lzma" || mime == "application/zstd" ||
      mime == "application/x-lzip" || mime == "application/x-lz4" ||
      mime == "application/x-compress") {
    return "compressed";
  }
  if (mime == "application/mbox" || (StartsWith(head, "From ") && LooksLikeMail(head))) {
    return "mbox";
  }
  if (StartsWith(mime, "message/")) return "eml";
  if (mime == "text/html" || mime == "application/xhtml+xml") return "html";
  if ((mime == "text/xml" || mime == "application/xml") &&
      Lower(head.substr(0, 4096)).find("<html") != std::string::npos) {
    return "html";
  }
  if (mime == "text/csv" || mime == "application/csv" || mime == "text/tab-separated-values") {
    return "csv";
  }
  const bool texty = StartsWith(mime, "text/") || mime == "application/json" ||
                     mime == "application/javascript" || mime == "application/xml" ||
                     mime == "application/x-ndjson";
  if (!texty && !(mime.empty() || mime == "application/octet-stream") &&
      !LooksLikeCleanText(head)) {
    return "binary";
  }
  if (!LooksLikeText(head)) return "binary";
  if (LooksLikeMail(head)) return "eml";
  if (LooksDelimited(head, whole)) return "csv";
  return "text";
}

}  // namespace

bool LooksLikeMail(std::string_view head) {
  size_t pos = 0;
  if (StartsWith(head, "From ")) {  // mbox separator line.
    pos = head.find('\n');
    if (pos == std::string_view::npos) return false;
    ++pos;
  }
  int headers = 0, strong = 0;
  for (int lines = 0; lines < 60 && pos < head.size(); ++lines) {
    size_t end = head.find('\n', pos);
    if (end == std::string_view::npos) end = head.size();
    std::string_view line = head.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // End of the header block.
    if (line[0] == ' ' || line[0] == '\t') {
      if (headers == 0) return false;
      continue;  // Folded header.
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    const std::string_view name = line.substr(0, colon);
    if (!std::all_of(name.begin(), name.end(), [](char c) { return c > 32 && c < 127; })) {
      return false;
    }
    ++headers;
    const std::string n = Lower(name);
    if (n == "from" || n == "received" || n == "return-path" || n == "mime-version" ||
        n == "message-id" || n == "delivered-to" || n == "x-mailer" || n == "in-reply-to") {
      ++strong;
    }
  }
  return headers >= 2 && strong >= 1;
}

}  // namespace internal

Result<TypeInfo> Sniff(const std::string& path) {
  try {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const int err = errno;
      if (err == ENOENT) return Status::NotFound("sniff: no such file");
      return Status::IOError(std::string("sniff: cannot open: ") + std::strerror(err));
    }
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      return Status::InvalidArgument("sniff: not a regular file");
    }
    std::string head(internal::kSniffBytes, '\0');
    size_t got = 0;
    while (got < head.size()) {
      const ssize_t r = ::read(fd, head.data() + got, head.size() - got);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) break;
      got += static_cast<size_t>(r);
    }
    ::close(fd);
    head.resize(got);
    if (head.empty()) return TypeInfo{"text", "application/x-empty"};
    const bool whole = static_cast<uint64_t>(st.st_size) <= got;
    std::string mime = internal::MagicMime(head);
    std::string type = internal::Classify(path, head, whole, mime);
    if (mime.empty()) mime = "application/octet-stream";
    return TypeInfo{std::move(type), std::move(mime)};
  } catch (const std::exception& e) {
    return Status::Internal(std::string("sniff: ") + e.what());
  }
}

}  // namespace tahqiq::extract
