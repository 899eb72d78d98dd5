// Extract(): dispatch by type, and the one place where exceptions stop.

#include "extract/extractor.h"

#include <algorithm>
#include <exception>
#include <mutex>
#include <new>
#include <string>

#include "extract/internal.h"

namespace tahqiq::extract {

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] {
    internal::InitXml();
    internal::InitEmail();
    internal::InitPdf();
  });
}

Status Extract(const std::string& path, const TypeInfo& type, Sink* sink, const Options& options) {
  if (sink == nullptr) return Status::InvalidArgument("extract: no sink");
  // Cheap after the first call; protects callers that forgot GlobalInit().
  GlobalInit();
  const std::string& t = type.type;
  try {
    if (t == "text" || t == "csv") {
      // Text files that are tables (TSV, CSV with title lines or ragged
      // rows, UTF-16 exports) are read as tables too.
      internal::CsvTableSink csv(sink, /*only_if_tabular=*/t == "text");
      TAHQIQ_RETURN_IF_ERROR(internal::ExtractPlainText(path, &csv));
      return csv.Finish();
    }
    if (t == "html") return internal::ExtractHtml(path, options, sink);
    if (t == "pdf") return internal::ExtractPdf(path, options, sink);
    if (t == "docx" || t == "xlsx" || t == "pptx") {
      return internal::ExtractOoxml(path, t, options, sink);
    }
    if (t == "odt" || t == "ods" || t == "odp") return internal::ExtractOdf(path, t, options, sink);
    if (t == "eml") return internal::ExtractEmail(path, options, sink);
    if (t == "mbox") return internal::ExtractMbox(path, options, sink);
    if (t == "pst") return internal::ExtractPst(path, options, sink);
    if (t == "msg") return internal::ExtractMsg(path, options, sink);
    if (t == "zip") {
      TAHQIQ_RETURN_IF_ERROR(internal::CheckZipOverlap(path));
      return internal::ExtractZip(path, options, sink);
    }
    if (t == "archive" || t == "compressed") {
      return internal::ExtractArchive(path, t, options, sink);
    }
    if (t == "image") return internal::ExtractImage(path, options, sink);
    if (t == "binary") {
      return Status::Unsupported("binary: no text extractor for " +
                                 (type.mime.empty() ? std::string("this file") : type.mime));
    }
    return Status::InvalidArgument("extract: unknown type \"" + t + "\"");
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted(t + ": out of memory");
  } catch (const std::exception& e) {
    return Status::Internal(t + ": unexpected error: " + e.what());
  } catch (...) {
    return Status::Internal(t + ": unexpected error");
  }
}

}  // namespace tahqiq::extract

namespace tahqiq::extract {
namespace {

void PutLe(std::string* out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

bool GetLe(std::string_view* in, int bytes, uint64_t* v) {
  if (in->size() < static_cast<size_t>(bytes)) return false;
  *v = 0;
  for (int i = 0; i < bytes; ++i) {
    *v |= static_cast<uint64_t>(static_cast<unsigned char>((*in)[i])) << (8 * i);
  }
  in->remove_prefix(bytes);
  return true;
}

}  // namespace

void EncodeRow(uint64_t row_number, const Row& row, std::string* out) {
  PutLe(out, row_number, 8);
  PutLe(out, row.size(), 4);
  for (const Cell& c : row) {
    out->push_back(static_cast<char>(c.kind));
    PutLe(out, c.value.size(), 4);
    out->append(c.value);
    const size_t unit = std::min<size_t>(c.unit.size(), 255);
    out->push_back(static_cast<char>(unit));
    out->append(c.unit, 0, unit);
  }
}

bool DecodeRow(std::string_view* in, uint64_t* row_number, Row* row) {
  std::string_view s = *in;
  uint64_t n = 0, len = 0;
  if (!GetLe(&s, 8, row_number) || !GetLe(&s, 4, &n)) return false;
  if (n > s.size()) return false;  // Each cell takes at least 6 bytes.
  row->resize(n);
  for (Cell& c : *row) {
    uint64_t kind = 0;
    if (!GetLe(&s, 1, &kind) || kind > Cell::kBool || !GetLe(&s, 4, &len) || len > s.size()) {
      return false;
    }
    c.kind = static_cast<Cell::Kind>(kind);
    c.value.assign(s.substr(0, len));
    s.remove_prefix(len);
    if (!GetLe(&s, 1, &len) || len > s.size()) return false;
    c.unit.assign(s.substr(0, len));
    s.remove_prefix(len);
  }
  *in = s;
  return true;
}

}  // namespace tahqiq::extract
