// PDF through poppler-cpp.

#include <fcntl.h>
#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include <ctime>
#include <memory>
#include <string>

#include "extract/internal.h"

namespace tahqiq::extract::internal {
namespace {

void DiscardPopplerMessage(const std::string&, void*) {}

std::string Utf8(const poppler::ustring& u) {
  const poppler::byte_array bytes = u.to_utf8();
  std::string s(bytes.begin(), bytes.end());
  // Info strings may carry a NUL terminator or stray control bytes.
  while (!s.empty() && (s.back() == '\0' || s.back() == ' ' || s.back() == '\n' ||
                        s.back() == '\r' || s.back() == '\t')) {
    s.pop_back();
  }
  return SanitizeUtf8(s);
}

bool IsBidiControl(UChar32 c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// Poppler wraps right-to-left runs, and the numbers inside them, in bidi
// embedding controls. They are invisible noise to search, but dropping them
// can glue a number to a word ("1,240ساعة"), which word segmentation then
// keeps as one token; so where one separated two letters or digits, a space
// takes its place. Also drops poppler's page-final form feed and the
// padding spaces of its layout.
std::string CleanPageText(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  UChar32 prev = ' ';
  bool owed_space = false;
  const int32_t len = static_cast<int32_t>(in.size());
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(in.data(), i, len, c);
    if (c < 0) c = 0xFFFD;
    if (IsBidiControl(c)) {
      owed_space = owed_space || u_isalnum(prev);
      continue;
    }
    if (c == '\f' || c == '\r') c = '\n';
    if (c == ' ' && (prev == ' ' || prev == '\n')) continue;
    if (c == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
    }
    if (owed_space && u_isalnum(c)) out += ' ';
    owed_space = false;
    char buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    out.append(buf, n);
    prev = c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

// Poppler rebuilds the cross-reference table of a truncated file and then
// shows what it could recover; the missing %%EOF is how we notice.
bool HasEofMarker(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const off_t size = ::lseek(fd, 0, SEEK_END);
  const off_t start = size > 2048 ? size - 2048 : 0;
  std::string tail(static_cast<size_t>(size - start), '\0');
  const ssize_t got = size > 0 ? ::pread(fd, tail.data(), tail.size(), start) : 0;
  ::close(fd);
  if (got <= 0) return false;
  tail.resize(static_cast<size_t>(got));
  return tail.find("%%EOF") != std::string::npos;
}

std::string IsoDate(time_t t) {
  std::tm tm;
  if (gmtime_r(&t, &tm) == nullptr) return "";
  char buf[32];
  return std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) ? buf : "";
}

// Renders a page at 300 dpi in grey and runs OCR on it.
Status OcrPdfPage(const poppler::page& page, std::string* text, int* conf, std::string* langs) {
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  const poppler::rectf box = page.page_rect();
  // A page "as large as a football field" would render to gigapixels.
  if (box.width() * box.height() > 4000.0 * 4000.0) {
    return Status::ResourceExhausted("pdf: page too large to OCR");
  }
  poppler::image img = renderer.render_page(&page, 300, 300);
  if (!img.is_valid()) return Status::Corrupt("pdf: page cannot be rendered");
  const int w = img.width(), h = img.height();
  Pix* pix = pixCreate(w, h, 8);
  if (pix == nullptr) return Status::ResourceExhausted("pdf: no memory for the page image");
  const char* src = img.const_data();
  const int stride = img.bytes_per_row();
  l_uint32* dst = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < h; ++y) {
    const unsigned char* row = reinterpret_cast<const unsigned char*>(src + y * stride);
    l_uint32* line = dst + y * wpl;
    for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  Status st = OcrPix(pix, text, conf, langs);
  pixDestroy(&pix);
  return st;
}

}  // namespace

void InitPdf() { poppler::set_debug_error_function(DiscardPopplerMessage, nullptr); }

Status ExtractPdf(const std::string& path, const Options& options, Sink* sink) {
  // load_from_file reads pages on demand: no whole-file copy in memory.
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) {
    if (!HasEofMarker(path)) {
      return Status::Corrupt("pdf: truncated (no %%EOF marker; poppler could not open it)");
    }
    return Status::Corrupt("pdf: not a PDF (poppler could not open it)");
  }
  if (doc->is_locked()) return Status::Unsupported("pdf: encrypted (needs a password)");

  if (std::string title = Utf8(doc->get_title()); !title.empty()) sink->SetTitle(title);
  if (std::string author = Utf8(doc->get_author()); !author.empty()) {
    sink->AddField("author", author);
  }
  if (const time_t created = doc->get_creation_date_t(); created > 0) {
    if (std::string date = IsoDate(created); !date.empty()) sink->AddField("date", date);
  }
  const int pages = doc->pages();
  sink->AddField("pages", std::to_string(pages));

  std::string text;
  std::string ocr_pages, ocr_langs;
  int64_t ocr_conf = 0;
  int ocr_count = 0;
  for (int i = 0; i < pages; ++i) {
    text.clear();
    if (i > 0) text += '\f';
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (page) {
      // Reading order as pdftotext prints it by default (not the raw
      // content-stream order, not a space-padded physical layout).
      std::string page_text = CleanPageText(
          Utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout)));
      if (page_text.empty() && options.ocr) {
        // No text layer: a scan. Render it and read it.
        int conf = 0;
        std::string langs;
        Status st = OcrPdfPage(*page, &page_text, &conf, &langs);
        if (st.ok()) {
          ocr_pages += (ocr_pages.empty() ? "" : ",") + std::to_string(i + 1);
          if (!langs.empty() &&
              ("," + ocr_langs + ",").find("," + langs + ",") == std::string::npos) {
            ocr_langs += (ocr_langs.empty() ? "" : ",") + langs;
          }
          ocr_conf += conf;
          ++ocr_count;
        }
      }
      if (!page_text.empty()) {
        text += page_text;
        text += '\n';
      }
    }
    TAHQIQ_RETURN_IF_ERROR(AppendInBlocks(text, sink));
  }
  if (ocr_count > 0) {
    sink->AddField("ocr", "tesseract " + (ocr_langs.empty() ? std::string("(blank)") : ocr_langs));
    sink->AddField("ocr_pages", ocr_pages);
    sink->AddField("ocr_confidence", std::to_string(ocr_conf / ocr_count));
  }
  if (!HasEofMarker(path)) {
    return Status::Corrupt("pdf: truncated (no %%EOF marker); text may be incomplete");
  }
  return Status::Ok();
}

}  // namespace tahqiq::extract::internal
