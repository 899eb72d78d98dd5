// Helpers shared by the format extractors. Not part of the public API; no
// third-party headers here so that each .cc keeps its library to itself.
#ifndef TAHQIQ_EXTRACT_INTERNAL_H_
#define TAHQIQ_EXTRACT_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "extract/extractor.h"

struct Pix;  // Leptonica's image; its header stays out of this one.

namespace tahqiq::extract::internal {

// Text is handed to the sink in pieces of about this size.
inline constexpr size_t kTextBlockBytes = 256 * 1024;
// Charset detection looks at this much of the start of a file.
inline constexpr size_t kCharsetSampleBytes = 64 * 1024;

// ---- charset.cc ----------------------------------------------------------

// True if `s` is well-formed UTF-8. With `allow_truncated_tail`, an incomplete
// but so far valid sequence at the very end is accepted (a cut sample).
bool IsValidUtf8(std::string_view s, bool allow_truncated_tail = false);

// Appends `cp` as UTF-8; surrogates and values past U+10FFFF become U+FFFD.
void AppendUtf8(char32_t cp, std::string* out);

// Replaces ill-formed sequences with U+FFFD.
std::string SanitizeUtf8(std::string_view s);

// Length of the longest prefix of `s` that does not end inside a UTF-8
// sequence (so that `s` can be cut there).
size_t Utf8SafePrefix(std::string_view s);

struct Charset {
  std::string name;     // Reported in the "encoding" field, e.g. "windows-1256".
  std::string decoder;  // ICU converter actually used (a superset when safer).
  size_t bom_length = 0;
};

// A Charset with bom_length > 0 if `head` starts with a Unicode byte order
// mark, else one with bom_length == 0 and no name.
Charset DetectBom(std::string_view head);

// "UTF-16LE"/"UTF-16BE" if `sample` looks like BOM-less UTF-16, else "".
std::string DetectUtf16WithoutBom(std::string_view sample);

// Guesses the charset of `sample`, the start of a file. `is_whole` says the
// sample is the entire file (no cut multibyte sequence at its end).
// `markup` strips tags before statistical detection (HTML).
Charset DetectCharset(std::string_view sample, bool is_whole, bool markup = false);

// Normalises a charset label from a document (meta tag, MIME parameter) to a
// Charset usable by Decoder, or returns false if ICU does not know it.
bool CharsetFromLabel(std::string_view label, Charset* out);

// Streaming conversion of any ICU-supported charset to valid UTF-8. Bytes
// that are invalid in the source charset become U+FFFD. A multibyte sequence
// split between two Decode() calls is handled.
class Decoder {
 public:
  static Result<std::unique_ptr<Decoder>> Create(const std::string& charset);
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Appends the UTF-8 for `in` to `out`; `flush` on the last call.
  Status Decode(std::string_view in, bool flush, std::string* out);

 private:
  struct Impl;
  explicit Decoder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Whole-buffer conversion; never fails (unknown charsets fall back to
// detection).
std::string ToUtf8(std::string_view bytes, std::string_view charset_label);

// ---- text.cc --------------------------------------------------------------

// Hands `utf8` to the sink in blocks of about kTextBlockBytes.
Status AppendInBlocks(std::string_view utf8, Sink* sink);

// CRLF and lone CR become LF. `pending_cr` carries a CR that ended the
// previous piece of a stream, so that a CRLF split between pieces is one
// line break.
void NormalizeNewlines(std::string* s, bool* pending_cr);

// Buffers extracted UTF-8 and hands it to the sink in blocks. Callers append
// whole characters only (libxml2 and our converters never split one).
class BlockWriter {
 public:
  explicit BlockWriter(Sink* sink) : sink_(sink) {}
  void Append(std::string_view s) {
    if (s.empty()) return;
    buf_.append(s);
    last_ = s.back();
  }
  void Append(char c) {
    buf_ += c;
    last_ = c;
  }
  // Ends the current line unless nothing is written yet or one just ended.
  void Newline() {
    if (last_ != '\0' && last_ != '\n' && last_ != '\f') Append('\n');
  }
  // Page (slide, sheet) separator: call it before every page but the first.
  void PageBreak() {
    Newline();
    Append('\f');
  }
  // Hands over the buffer once it is big enough, or always if `final`.
  Status Flush(bool final = false) {
    if (buf_.empty() || (!final && buf_.size() < kTextBlockBytes)) return Status::Ok();
    Status s = AppendInBlocks(buf_, sink_);
    buf_.clear();
    return s;
  }

 private:
  Sink* sink_;
  std::string buf_;
  char last_ = '\0';
};

Status ExtractPlainText(const std::string& path, Sink* sink);

// ---- csv.cc ---------------------------------------------------------------

// The delimiter (',', '\t', ';' or '|') that splits the records of `sample`
// most consistently; ',' if none does. `whole` says the sample is the file.
char DetectDelimiter(std::string_view sample, bool whole);
// True if `sample` reads as records of the same width (at least 2 fields) for
// at least half of its first records, 3 or more: plain text that is a table.
bool LooksTabular(std::string_view sample, bool whole, char delim);

// Passes everything to `inner` and also parses the text as CSV (RFC 4180,
// leniently: stray quotes kept, ragged rows kept as they are), handing rows
// to inner->BeginTable/AddRow. Row numbers count records, blank ones
// included, as a spreadsheet program shows them. Call Finish() after the
// last AppendText. With `only_if_tabular` (files typed "text"), rows are
// made only if the start of the text LooksTabular().
class CsvTableSink final : public Sink {
 public:
  CsvTableSink(Sink* inner, bool only_if_tabular);
  void SetTitle(std::string_view t) override { inner_->SetTitle(t); }
  void AddField(std::string_view n, std::string_view v) override { inner_->AddField(n, v); }
  Status AppendText(std::string_view utf8) override;
  void AddChild(std::string_view n, std::string bytes) override {
    inner_->AddChild(n, std::move(bytes));
  }
  Status Finish();

 private:
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };
  Status StartParsing(bool whole);
  Status Parse(std::string_view s);
  void AddChar(char c);
  void EndField();
  Status EndRecord();

  Sink* inner_;
  bool only_if_tabular_;
  bool off_ = false;  // Not a table: text only.
  std::string head_;  // Text seen before the delimiter is known.
  char delim_ = 0;
  State state_ = State::kFieldStart;
  bool field_started_ = false;
  std::string field_;
  Row row_;
  uint64_t record_ = 0;
};

// The whole file, or kResourceExhausted if it is larger than `max_bytes`.
// `what` prefixes error messages.
Result<std::string> ReadWholeFile(const std::string& path, uint64_t max_bytes,
                                  std::string_view what);

// ---- sheet.cc (typed rows of xlsx and ods) ---------------------------------

inline constexpr uint32_t kMaxSheetColumns = 16384;

// A spreadsheet date serial (days since 1899-12-30, or since 1904-01-01) as
// "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS"; false if it is no plausible date.
bool SerialToIso(double serial, bool date1904, bool with_time, std::string* out);
// The shortest decimal text that reads back as `v`.
std::string NumberText(double v);

// What a number format says a number is: kNumber (plain), kDate, kDateTime,
// kPercent or kCurrency (with the currency when the format names one).
struct NumberFormat {
  Cell::Kind kind = Cell::kNumber;
  std::string currency;
};
NumberFormat ClassifyNumberFormat(int builtin_id, std::string_view code);

// "AB12" -> column 27 (0-based), row 12; row 0 when the reference has none.
bool ParseCellRef(std::string_view ref, uint32_t* column, uint64_t* row);

// Merged cell ranges: every cell of a range shows the value of its top-left
// cell, so that a grouped column stays filled in every row.
class MergeFill {
 public:
  void Add(uint64_t first_row, uint32_t first_col, uint64_t last_row, uint32_t last_col);
  // Call for rows in increasing order.
  void Apply(uint64_t row, Row* cells);

 private:
  struct Range {
    uint64_t first_row;
    uint32_t first_col;
    uint64_t last_row;
    uint32_t last_col;
    Cell value;
  };
  std::vector<Range> ranges_;
};

// Drops empty cells at the end of a row.
void TrimRow(Row* cells);

// ---- html.cc --------------------------------------------------------------

struct HtmlOptions {
  // Charset declared outside the document (e.g. MIME); wins over <meta>.
  std::string charset_label;
  bool set_title = true;
  bool add_encoding_field = true;
};
Status HtmlToText(std::string_view bytes, const HtmlOptions& options, Sink* sink);
Status ExtractHtml(const std::string& path, const Options& options, Sink* sink);

// ---- zip.cc ---------------------------------------------------------------

// Read-only view of a zip file's members, by name. Reading a member re-opens
// the archive, which is cheap for seekable zips (central directory).
class ZipArchive {
 public:
  // `what` prefixes error messages ("docx", "zip"...).
  static Result<ZipArchive> Open(const std::string& path, std::string what);

  const std::vector<std::string>& names() const { return names_; }
  bool Has(std::string_view name) const;
  // The whole member; kNotFound if absent, kResourceExhausted over `max_bytes`
  // or for a suspicious compression ratio, kCorrupt/kUnsupported on errors.
  Result<std::string> Read(std::string_view name, uint64_t max_bytes) const;
  uint64_t file_size() const { return file_size_; }

  // Calls `fn(name, bytes)` for every regular member in archive order;
  // stops with its non-ok Status.
  template <typename Fn>
  Status ForEach(uint64_t max_member_bytes, Fn fn) const;

 private:
  Status ForEachImpl(uint64_t max_member_bytes,
                     Status (*fn)(void*, const std::string&, std::string), void* ctx) const;
  std::string path_;
  std::string what_;
  uint64_t file_size_ = 0;
  std::vector<std::string> names_;
};

template <typename Fn>
Status ZipArchive::ForEach(uint64_t max_member_bytes, Fn fn) const {
  return ForEachImpl(
      max_member_bytes,
      [](void* ctx, const std::string& name, std::string bytes) {
        return (*static_cast<Fn*>(ctx))(name, std::move(bytes));
      },
      &fn);
}

// Every member name of a zip, or an error if it is not a readable zip.
// Used by Sniff to tell OOXML/ODF from other zips; `odf_mimetype` receives
// the content of an ODF "mimetype" member if there is one.
Status ListZip(const std::string& path, std::vector<std::string>* names, std::string* odf_mimetype);

Status ExtractZip(const std::string& path, const Options& options, Sink* sink);

// ---- rtf.cc ---------------------------------------------------------------

Status ExtractRtf(const std::string& path, const Options& options, Sink* sink);

// ---- ole.cc ---------------------------------------------------------------

// "doc", "xls" or "ppt" for an Office 97-2003 compound file, else "".
std::string OleDocumentType(const std::string& path);
// Text (and, for "xls", typed rows of every sheet) of such a file.
Status ExtractOle(const std::string& path, const std::string& type, const Options& options,
                  Sink* sink);

// ---- ocr.cc ---------------------------------------------------------------

// OCR of one image: text, mean confidence (0-100), the models used (empty
// for an image of one grey value, which is not run through Tesseract).
// Keeps the loaded models for the next call (one call at a time).
Status OcrPix(::Pix* pix, std::string* text, int* confidence, std::string* langs);
// Text of images (PNG, JPEG, TIFF with all its pages, ...) by OCR.
Status ExtractImage(const std::string& path, const Options& options, Sink* sink);

// ---- archive.cc -----------------------------------------------------------

// Members of tar/7z/rar/cpio/... ("archive") or the content of one
// compressed stream ("compressed") become children of the sink.
Status ExtractArchive(const std::string& path, const std::string& type, const Options& options,
                      Sink* sink);
// kResourceExhausted if the central directory's members overlap (Fifield's
// non-recursive zip bomb); ok if they do not or the zip cannot be parsed.
Status CheckZipOverlap(const std::string& path);

// ---- ooxml.cc / odf.cc ------------------------------------------------------

Status ExtractOoxml(const std::string& path, const std::string& type, const Options& options,
                    Sink* sink);
Status ExtractOdf(const std::string& path, const std::string& type, const Options& options,
                  Sink* sink);

// ---- xml.cc -----------------------------------------------------------------

// Minimal pull-parser events over libxml2's xmlTextReader, configured safely
// (no entity expansion, no DTD loading, no network).
struct XmlEvent {
  enum Kind { kStart, kEnd, kText } kind;
  std::string_view local_name;  // kStart/kEnd.
  std::string_view ns;          // Namespace URI, kStart/kEnd.
  std::string_view text;        // kText (text, CDATA and significant spaces).
  bool empty = false;           // kStart of an empty element (no kEnd follows).
};

class XmlReader {
 public:
  // `what` names the part in error messages, e.g. "docx: word/document.xml".
  // `xml` is not copied: it must outlive the reader.
  XmlReader(std::string_view xml, std::string what);
  ~XmlReader();
  XmlReader(const XmlReader&) = delete;
  XmlReader& operator=(const XmlReader&) = delete;

  // Next event; false at the end or on error (then status() says which).
  bool Next(XmlEvent* event);
  // Attribute of the current kStart element, by local name ("" if absent).
  std::string Attribute(std::string_view local_name) const;
  Status status() const { return status_; }

 private:
  void* reader_ = nullptr;
  std::string what_;
  Status status_;
  bool pending_end_ = false;
  std::string pending_name_, pending_ns_;
  std::string name_buf_, ns_buf_;
};

// ---- pdf.cc / email.cc --------------------------------------------------------

Status ExtractPdf(const std::string& path, const Options& options, Sink* sink);
Status ExtractEmail(const std::string& path, const Options& options, Sink* sink);
// Every e-mail of an Outlook PST becomes a child (.eml, rebuilt with
// GMime); the text lists them with their folders.
Status ExtractPst(const std::string& path, const Options& options, Sink* sink);
// An Outlook .msg: the message rebuilt as a child .eml (libgsf + GMime).
Status ExtractMsg(const std::string& path, const Options& options, Sink* sink);
// Every message of an mbox becomes a child (.eml); the text lists them.
Status ExtractMbox(const std::string& path, const Options& options, Sink* sink);

void InitPdf();
void InitXml();
void InitEmail();

// ---- sniff.cc -------------------------------------------------------------------
bool LooksLikeMail(std::string_view head);

}  // namespace tahqiq::extract::internal

#endif  // TAHQIQ_EXTRACT_INTERNAL_H_
