// Text extraction from untrusted files.
//
// Sniff() types a file from its content (libmagic, plus a look inside zip
// containers for OOXML/ODF), never from its name. Extract() streams what a
// file contains into a Sink: title, metadata fields, UTF-8 text and embedded
// files (email attachments) that become child documents.
//
// Thread safety: both functions are safe to call from several threads at once
// (per-thread library handles). Errors: a file that cannot be read returns a
// non-ok Status whose message is the recorded reason; text already handed to
// the sink stays valid (partial extraction). No exception escapes.
#ifndef TAHQIQ_EXTRACT_EXTRACTOR_H_
#define TAHQIQ_EXTRACT_EXTRACTOR_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tahqiq::extract {

// Stable short type names stored in the case and used by `type:` filters:
// "text", "html", "pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "eml", "mbox", "pst", "msg",
// "csv", "zip", "archive" (tar, 7z, rar, cpio...), "compressed" (gz, bz2,
// xz...: one stream), "image", "binary" (anything else).
struct TypeInfo {
  std::string type;
  std::string mime;  // libmagic's MIME type, e.g. "application/pdf".
};

// Receives an extraction in document order. Implemented by the ingest stage.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void SetTitle(std::string_view utf8) = 0;
  // Metadata: "from", "to", "cc", "subject", "date", "author", "encoding",
  // "pages", "sheets", ... Values are valid UTF-8. A name may repeat.
  virtual void AddField(std::string_view name, std::string_view utf8) = 0;
  // Valid UTF-8 text. Paragraphs end with '\n'; pages are separated by '\f'.
  // A non-ok return (e.g. the output limit was reached) asks the extractor to
  // stop and return that Status.
  virtual Status AppendText(std::string_view utf8) = 0;
  // An embedded file to ingest as a child document (raw bytes, any type).
  // `name` is untrusted and may be empty.
  virtual void AddChild(std::string_view name, std::string bytes) = 0;
};

struct Options {
  // Files above this size are not read whole into memory by formats that need
  // that (PDF, OOXML); plain text is always streamed.
  uint64_t max_in_memory_bytes = 512ull << 20;
  // OCR images and PDF pages without a text layer (slow: seconds a page).
  bool ocr = true;
};

// Types the file at `path` from its content.
Result<TypeInfo> Sniff(const std::string& path);

// Extracts the file at `path`, already typed by Sniff().
Status Extract(const std::string& path, const TypeInfo& type, Sink* sink,
               const Options& options = {});

// Must be called once from main() before any thread calls the functions
// above (initialises libxml2 and GMime).
void GlobalInit();

}  // namespace tahqiq::extract

#endif  // TAHQIQ_EXTRACT_EXTRACTOR_H_
