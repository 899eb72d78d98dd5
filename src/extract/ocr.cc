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

#include <memory>
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

std::string DetectLanguages(Pix* pix) {
  tesseract::TessBaseAPI osd;
  if (osd.Init(nullptr, "osd") != 0) return "ara+heb+eng";
  osd.SetPageSegMode(tesseract::PSM_OSD_ONLY);
  osd.SetImage(pix);
  std::string langs = "ara+heb+eng";
  int orientation = 0;
  float orientation_conf = 0, script_conf = 0;
  const char* script_name = nullptr;
  if (osd.DetectOrientationScript(&orientation, &orientation_conf, &script_name, &script_conf) &&
      script_name != nullptr && script_conf > 1.0f) {
    const std::string script = script_name;
    if (script == "Arabic")
      langs = "ara+eng";
    else if (script == "Hebrew")
      langs = "heb+eng";
    else if (script == "Latin")
      langs = "eng";
  }
  osd.End();
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
  *langs = DetectLanguages(pix);
  tesseract::TessBaseAPI api;
  if (api.Init(nullptr, langs->c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return Status::Unsupported("ocr: Tesseract models missing for " + *langs);
  }
  api.SetPageSegMode(tesseract::PSM_AUTO);
  api.SetImage(pix);
  std::unique_ptr<char[]> out(api.GetUTF8Text());
  *confidence = api.MeanTextConf();
  api.End();
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
    if (("," + used + ",").find("," + langs + ",") == std::string::npos) {
      used += (used.empty() ? "" : ",") + langs;
    }
    if (i > 0) text.insert(text.begin(), '\f');
    TAHQIQ_RETURN_IF_ERROR(sink->AppendText(text));
  }
  sink->AddField("ocr", "tesseract " + used);
  sink->AddField("ocr_confidence", std::to_string(conf_sum / n));
  return Status::Ok();
}

}  // namespace tahqiq::extract::internal
