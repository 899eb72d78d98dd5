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
    if (t == "doc" || t == "xls" || t == "ppt") return internal::ExtractOle(path, t, options, sink);
    if (t == "rtf") return internal::ExtractRtf(path, options, sink);
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
