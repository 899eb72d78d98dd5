// OCR with Tesseract (models from Debian: ara, heb, eng, osd) and Leptonica.
//
// The model is picked per page from the script Tesseract's orientation and
// script detection (OSD) sees: Arabic -> ara+eng, Hebrew -> heb+eng, Latin ->
// eng; when OSD cannot tell (little text, odd layout) all three are used.
// Page text is marked as OCR through fields: "ocr" (the models used),
// "ocr_confidence" (Tesseract's mean word confidence, 0-100) and, for PDFs,
// "ocr_pages".
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>

#include "extract/internal.h"

namespace tahqiq::extract::internal {
namespace {

// Larger images are refused before decoding into Tesseract: a 30000x30000
// "image bomb" is 900 M pixels.
constexpr int64_t kMaxPixels = 80'000'000;

struct PixFree {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;
struct PixaFree {
  void operator()(Pixa* p) const { pixaDestroy(&p); }
};

// Tesseract reads its models on Init: for ara+heb+eng that is most of the
// cost of a small image or a page with little text. The worker serves file
// after file, so it keeps the OSD engine and the last recognition engine
// (re-initialised only when the models change); Clear() drops the image.
struct Engines {
  std::mutex mu;  // one OCR at a time per process
  std::unique_ptr<tesseract::TessBaseAPI> osd;
  bool osd_failed = false;
  std::unique_ptr<tesseract::TessBaseAPI> ocr;
  std::string ocr_langs;
};

// Never destroyed: Tesseract's dictionary cache is a static created by the
// first recognition Init and destroyed before anything created earlier.
// The engines are ended by an exit handler registered after that Init, so
// it runs before the cache is torn down.
Engines& Cached() {
  static Engines* engines = new Engines;
  return *engines;
}

void EndEngines() {
  Engines& e = Cached();
  std::unique_lock<std::mutex> lock(e.mu, std::try_to_lock);
  if (!lock.owns_lock()) return;  // exit during an OCR: leave them
  e.osd.reset();
  e.ocr.reset();
}

void EndAtExit() {
  static bool once = [] { return std::atexit(EndEngines) == 0; }();
  (void)once;
}

std::string DetectLanguages(Engines& e, Pix* pix) {
  if (!e.osd && !e.osd_failed) {
    e.osd = std::make_unique<tesseract::TessBaseAPI>();
    if (e.osd->Init(nullptr, "osd") != 0) {
      e.osd.reset();
      e.osd_failed = true;
    } else {
      e.osd->SetPageSegMode(tesseract::PSM_OSD_ONLY);
    }
  }
  if (!e.osd) return "ara+heb+eng";
  e.osd->SetImage(pix);
  std::string langs = "ara+heb+eng";
  int orientation = 0;
  float orientation_conf = 0, script_conf = 0;
  const char* script_name = nullptr;
  if (e.osd->DetectOrientationScript(&orientation, &orientation_conf, &script_name, &script_conf) &&
      script_name != nullptr && script_conf > 1.0f) {
    const std::string script = script_name;
    if (script == "Arabic")
      langs = "ara+eng";
    else if (script == "Hebrew")
      langs = "heb+eng";
    else if (script == "Latin")
      langs = "eng";
  }
  e.osd->Clear();
  return langs;
}

}  // namespace

Status OcrPix(Pix* pix, std::string* text, int* confidence, std::string* langs) {
  if (pix == nullptr) return Status::Corrupt("ocr: no image");
  const int64_t pixels = static_cast<int64_t>(pixGetWidth(pix)) * pixGetHeight(pix);
  if (pixels > kMaxPixels) {
    return Status::ResourceExhausted("ocr: image of " + std::to_string(pixels / 1000000) +
                                     " megapixels is too large");
  }
  // A page of one grey value (a blank page rendered from a PDF, an empty
  // image) holds no text: a quarter of the OCR time on the shared corpus
  // went to such pages. Reported with no model and confidence 0.
  PixPtr grey(pixConvertTo8(pix, 0));
  l_int32 lo = 0, hi = 255;
  if (grey && pixGetRangeValues(grey.get(), 1, L_SELECT_MIN, &lo, &hi) == 0 && lo == hi) {
    text->clear();
    *confidence = 0;
    langs->clear();
    return Status::Ok();
  }
  grey.reset();
  Engines& e = Cached();
  std::lock_guard<std::mutex> lock(e.mu);
  *langs = DetectLanguages(e, pix);
  if (!e.ocr || e.ocr_langs != *langs) {
    e.ocr.reset();  // free the old models before loading others
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    if (api->Init(nullptr, langs->c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      return Status::Unsupported("ocr: Tesseract models missing for " + *langs);
    }
    api->SetPageSegMode(tesseract::PSM_AUTO);
    e.ocr = std::move(api);
    e.ocr_langs = *langs;
    EndAtExit();
  }
  e.ocr->SetImage(pix);
  std::unique_ptr<char[]> out(e.ocr->GetUTF8Text());
  *confidence = e.ocr->MeanTextConf();
  e.ocr->Clear();
  *text = SanitizeUtf8(out ? out.get() : "");
  return Status::Ok();
}

Status ExtractImage(const std::string& path, const Options& options, Sink* sink) {
  if (!options.ocr) return Status::Unsupported("image: OCR skipped for this run");
  // TIFF may hold many pages; every other format is one.
  std::unique_ptr<Pixa, PixaFree> pages;
  int format = IFF_UNKNOWN;
  if (findFileFormat(path.c_str(), &format) != 0) return Status::Corrupt("image: unknown format");
  if (format == IFF_TIFF || format == IFF_TIFF_G4 || format == IFF_TIFF_G3 ||
      format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP || format == IFF_TIFF_PACKBITS ||
      format == IFF_TIFF_RLE || format == IFF_TIFF_JPEG) {
    pages.reset(pixaReadMultipageTiff(path.c_str()));
  } else {
    PixPtr one(pixRead(path.c_str()));
    if (one) {
      pages.reset(pixaCreate(1));
      pixaAddPix(pages.get(), one.release(), L_INSERT);
    }
  }
  if (!pages || pixaGetCount(pages.get()) == 0) {
    return Status::Corrupt("image: cannot decode (Leptonica could not read it)");
  }
  const int n = pixaGetCount(pages.get());
  if (n > 1) sink->AddField("pages", std::to_string(n));
  int64_t conf_sum = 0;
  std::string used;
  for (int i = 0; i < n; ++i) {
    PixPtr pix(pixaGetPix(pages.get(), i, L_CLONE));
    std::string text, langs;
    int conf = 0;
    TAHQIQ_RETURN_IF_ERROR(OcrPix(pix.get(), &text, &conf, &langs));
    conf_sum += conf;
    if (!langs.empty() && ("," + used + ",").find("," + langs + ",") == std::string::npos) {
      used += (used.empty() ? "" : ",") + langs;
    }
    if (i > 0) text.insert(text.begin(), '\f');
    TAHQIQ_RETURN_IF_ERROR(sink->AppendText(text));
  }
  sink->AddField("ocr", "tesseract " + (used.empty() ? std::string("(blank)") : used));
  sink->AddField("ocr_confidence", std::to_string(conf_sum / n));
  return Status::Ok();
}

}  // namespace tahqiq::extract::internal
