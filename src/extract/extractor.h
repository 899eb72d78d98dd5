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
#include <vector>

#include "base/status.h"

namespace tahqiq::extract {

// Stable short type names stored in the case and used by `type:` filters:
// "text", "html", "pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt" (Office
// 97-2003), "rtf", "eml", "mbox", "pst", "msg",
// "csv", "zip", "archive" (tar, 7z, rar, cpio...), "compressed" (gz, bz2,
// xz...: one stream), "image", "binary" (anything else).
struct TypeInfo {
  std::string type;
  std::string mime;  // libmagic's MIME type, e.g. "application/pdf".
};

// A spreadsheet or CSV cell as the file states it. CSV and text cells are
// always kText (the tables stage infers their types); XLSX and ODS say what
// a value is, and dates stored as serial numbers are converted here.
struct Cell {
  enum Kind : uint8_t { kEmpty = 0, kText, kNumber, kPercent, kCurrency, kDate, kDateTime, kBool };
  Kind kind = kEmpty;
  // kText: the text. kNumber/kCurrency: a decimal number ("1234.5").
  // kPercent: in percent units ("12.5" for 12.5%). kDate: "YYYY-MM-DD".
  // kDateTime: "YYYY-MM-DD HH:MM:SS". kBool: "1" or "0".
  std::string value;
  std::string unit;  // kCurrency: ISO 4217 code when the file names one.
};
using Row = std::vector<Cell>;

// Binary form of a row (the isolation pipe and ingest spill files use it):
// [row u64][cells u32] then per cell [kind u8][value length u32][value]
// [unit length u8][unit]. DecodeRow consumes one row from the front of `in`
// and returns false if `in` does not start with a well-formed row.
void EncodeRow(uint64_t row_number, const Row& row, std::string* out);
bool DecodeRow(std::string_view* in, uint64_t* row_number, Row* row);

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
  // Tables (CSV/TSV files, spreadsheet sheets): BeginTable starts one, with
  // the sheet's name ("" for CSV), and AddRow gives its rows in order with
  // their 1-based row number in the source. A non-ok return stops the
  // extraction like AppendText's. Sinks that do not collect tables ignore
  // them.
  virtual void BeginTable(std::string_view name) {}
  virtual Status AddRow(uint64_t row_number, const Row& cells) { return Status::Ok(); }
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
