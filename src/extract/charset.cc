// Charset detection and conversion to UTF-8 (ICU).

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <string>
#include <string_view>

#include "extract/internal.h"

namespace tahqiq::extract::internal {

void AppendUtf8(char32_t cp, std::string* out) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  char buf[U8_MAX_LENGTH];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, static_cast<UChar32>(cp));
  out->append(buf, static_cast<size_t>(n));
}
namespace {

// Decodes one UTF-8 sequence at `s[i]`. Returns its length, 0 if ill-formed,
// or -1 if it is a valid prefix cut by the end of `s`.
int Utf8SequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  int len;
  unsigned char lo = 0x80, hi = 0xBF;  // Allowed range of the second byte.
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // Overlong.
    if (c == 0xED) hi = 0x9F;  // Surrogates.
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // Overlong.
    if (c == 0xF4) hi = 0x8F;  // Above U+10FFFF.
  } else {
    return 0;
  }
  for (int k = 1; k < len; ++k) {
    if (i + k >= s.size()) return -1;
    const unsigned char t = b(i + k);
    if (k == 1 ? (t < lo || t > hi) : (t < 0x80 || t > 0xBF)) return 0;
  }
  return len;
}

// UTF-8 text with a few damaged bytes: many well-formed multibyte
// sequences, few bad ones. Single-byte Arabic or Hebrew text almost never
// forms a valid sequence (its letters are all lead bytes), so it fails this.
bool MostlyUtf8(std::string_view s) {
  size_t good = 0, bad = 0;
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const int len = Utf8SequenceLength(s, i);
    if (len > 0) {
      ++good;
      i += len;
    } else {
      ++bad;
      ++i;
    }
  }
  return good >= 8 && bad * 4 <= good;
}

bool IsUtf16Name(std::string_view name) {
  return name.rfind("UTF-16", 0) == 0 || name.rfind("UTF-32", 0) == 0;
}

bool IsLatinName(std::string_view name) {
  return name == "ISO-8859-1" || name == "ISO-8859-2" || name == "ISO-8859-9" ||
         name == "windows-1252" || name == "windows-1250" || name == "windows-1254";
}

bool IsHebrewName(std::string_view name) {
  return name == "ISO-8859-8" || name == "ISO-8859-8-I" || name == "windows-1255";
}

// Bytes that ISO-8859-6 leaves unassigned but windows-1256 uses (C1 letters
// such as پ at 0x81, Latin letters, harakat at 0xF0-0xFA...). One of them
// means the text cannot be ISO-8859-6.
bool IsNotIso88596(unsigned char c) {
  if (c >= 0x80 && c <= 0x9F) return true;
  if (c >= 0xA1 && c <= 0xA3) return true;
  if (c >= 0xA5 && c <= 0xAB) return true;
  if (c >= 0xAE && c <= 0xBA) return true;
  if (c >= 0xBC && c <= 0xBE) return true;
  return c == 0xC0 || (c >= 0xDB && c <= 0xDF) || c >= 0xF3;
}

// Bytes that only windows-1255 assigns (C1 punctuation, niqqud 0xC0-0xD8).
bool IsOnlyWindows1255(unsigned char c) {
  return (c >= 0x80 && c <= 0x9F) || (c >= 0xC0 && c <= 0xD8) || c == 0xA4;
}

bool AnyByte(std::string_view s, bool (*pred)(unsigned char)) {
  return std::any_of(s.begin(), s.end(),
                     [&](char c) { return pred(static_cast<unsigned char>(c)); });
}

// Western European text has high bytes inside ASCII words ("café"); Arabic
// and Hebrew single-byte text has whole words of high bytes. ICU sometimes
// prefers windows-1252 for mostly-English files with a few RTL words; this
// catches that.
bool LooksLikeRtlSingleByte(std::string_view s) {
  int rtl_words = 0, mixed_words = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !(static_cast<unsigned char>(s[i]) >= 0xC0 ||
                             std::isalpha(static_cast<unsigned char>(s[i])))) {
      ++i;
    }
    size_t high = 0, ascii = 0;
    while (i < s.size()) {
      const unsigned char c = s[i];
      if (c >= 0xC0) {
        ++high;
      } else if (std::isalpha(c)) {
        ++ascii;
      } else {
        break;
      }
      ++i;
    }
    if (high >= 2 && ascii == 0) ++rtl_words;
    if (high > 0 && ascii > 0) ++mixed_words;
  }
  return rtl_words >= 3 && rtl_words >= 4 * mixed_words;
}

// Hebrew letters are 0xE0-0xFA in both Hebrew code pages; Arabic letters
// spread over 0xC1-0xFE.
bool HighLettersAreHebrew(std::string_view s) {
  size_t hebrew = 0, other = 0;
  for (char ch : s) {
    const unsigned char c = ch;
    if (c >= 0xE0 && c <= 0xFA) {
      ++hebrew;
    } else if (c >= 0xC1) {
      ++other;
    }
  }
  return hebrew > 10 * other;
}

Charset Make(std::string name) {
  Charset cs;
  cs.name = name;
  cs.decoder = std::move(name);
  return cs;
}

// Chooses the decoder for a detected or declared single-byte charset. The
// windows code pages are supersets (or near enough) of their ISO siblings,
// so bytes outside the ISO repertoire still decode to the intended letters.
Charset Refine(std::string name, std::string_view sample) {
  if (IsHebrewName(name)) {
    Charset cs;
    cs.name = (name == "windows-1255" || AnyByte(sample, IsOnlyWindows1255)) ? "windows-1255"
                                                                             : "ISO-8859-8";
    cs.decoder = "windows-1255";
    return cs;
  }
  if (name == "ISO-8859-6" && AnyByte(sample, IsNotIso88596)) return Make("windows-1256");
  if (name == "ISO-8859-1" || name == "US-ASCII") {
    Charset cs = Make("ISO-8859-1");
    cs.decoder = "windows-1252";
    return cs;
  }
  return Make(std::move(name));
}

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

std::string IcuDetect(std::string_view sample, bool markup) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&st));
  if (U_FAILURE(st)) return "";
  ucsdet_enableInputFilter(det.get(), markup);
  ucsdet_setText(det.get(), sample.data(), static_cast<int32_t>(sample.size()), &st);
  int32_t n = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &n, &st);
  if (U_FAILURE(st)) return "";
  std::string best, rtl;
  for (int32_t i = 0; i < n; ++i) {
    UErrorCode e = U_ZERO_ERROR;
    const char* name = ucsdet_getName(matches[i], &e);
    if (U_FAILURE(e) || name == nullptr) continue;
    // Our own checks handle UTF-16/32; ICU offers them for any input.
    if (IsUtf16Name(name) || std::strcmp(name, "UTF-8") == 0) continue;
    if (best.empty()) best = name;
    if (rtl.empty() && (IsHebrewName(name) || std::strcmp(name, "windows-1256") == 0 ||
                        std::strcmp(name, "ISO-8859-6") == 0)) {
      rtl = name;
    }
  }
  if ((best.empty() || IsLatinName(best)) && LooksLikeRtlSingleByte(sample)) {
    if (!rtl.empty()) return rtl;
    return HighLettersAreHebrew(sample) ? "windows-1255" : "windows-1256";
  }
  return best;
}

// ICU's default toUnicode substitution may emit U+001A for single-byte code
// pages; the sink wants U+FFFD for anything undecodable.
void ReplaceWithFffd(const void*, UConverterToUnicodeArgs* args, const char*, int32_t,
                     UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // Reset, close or clone: nothing to do.
  static const UChar kReplacement = 0xFFFD;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

}  // namespace

bool IsValidUtf8(std::string_view s, bool allow_truncated_tail) {
  size_t i = 0;
  while (i < s.size()) {
    // Fast path over ASCII.
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const int len = Utf8SequenceLength(s, i);
    if (len == 0) return false;
    if (len < 0) return allow_truncated_tail;
    i += len;
  }
  return true;
}

size_t Utf8SafePrefix(std::string_view s) {
  // A sequence is at most 4 bytes: look back from the end for a lead byte.
  size_t n = s.size();
  for (size_t back = 1; back <= 4 && back <= n; ++back) {
    const unsigned char c = s[n - back];
    if ((c & 0xC0) == 0x80) continue;  // Continuation byte.
    if (c < 0x80) return n;            // ASCII ends the string cleanly.
    const size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

std::string SanitizeUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 16);
  size_t i = 0;
  while (i < s.size()) {
    const int len = Utf8SequenceLength(s, i);
    if (len > 0) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
  return out;
}

std::string DetectUtf16WithoutBom(std::string_view s) {
  const size_t pairs = s.size() / 2;
  if (pairs < 2) return "";
  size_t zero_even = 0, zero_odd = 0, zero_both = 0;
  for (size_t i = 0; i + 1 < s.size(); i += 2) {
    const bool e = s[i] == 0, o = s[i + 1] == 0;
    if (e && o) {
      ++zero_both;
    } else if (e) {
      ++zero_even;
    } else if (o) {
      ++zero_odd;
    }
  }
  // Spaces, digits and newlines put a NUL in the high byte of many units;
  // NUL characters themselves are rare in text.
  if (zero_both * 100 > pairs) return "";
  const bool le = zero_odd * 20 >= pairs && zero_even * 50 <= zero_odd;
  const bool be = zero_even * 20 >= pairs && zero_odd * 50 <= zero_even;
  if (le == be) return "";
  // Reject unpaired surrogates and control characters other than spacing.
  size_t controls = 0;
  bool expect_low = false;
  for (size_t i = 0; i + 1 < s.size(); i += 2) {
    const unsigned char b0 = s[i], b1 = s[i + 1];
    const unsigned u = le ? (b1 << 8 | b0) : (b0 << 8 | b1);
    const bool high = u >= 0xD800 && u <= 0xDBFF, low = u >= 0xDC00 && u <= 0xDFFF;
    if (expect_low != low) return "";
    expect_low = high;
    if (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f') ++controls;
  }
  if (controls * 100 > pairs) return "";
  return le ? "UTF-16LE" : "UTF-16BE";
}

Charset DetectBom(std::string_view head) {
  const auto starts = [&](std::string_view p) { return head.substr(0, p.size()) == p; };
  Charset cs;
  if (starts(std::string_view("\xFF\xFE\0\0", 4))) {
    cs = Make("UTF-32LE");
    cs.bom_length = 4;
  } else if (starts(std::string_view("\0\0\xFE\xFF", 4))) {
    cs = Make("UTF-32BE");
    cs.bom_length = 4;
  } else if (starts("\xEF\xBB\xBF")) {
    cs = Make("UTF-8");
    cs.bom_length = 3;
  } else if (starts("\xFF\xFE")) {
    cs = Make("UTF-16LE");
    cs.bom_length = 2;
  } else if (starts("\xFE\xFF")) {
    cs = Make("UTF-16BE");
    cs.bom_length = 2;
  }
  return cs;
}

Charset DetectCharset(std::string_view sample, bool is_whole, bool markup) {
  if (Charset bom = DetectBom(sample); bom.bom_length > 0) return bom;
  if (sample.size() > kCharsetSampleBytes) {
    sample = sample.substr(0, kCharsetSampleBytes);
    is_whole = false;
  }
  // UTF-16 first: its ASCII characters are valid UTF-8 too (with NULs).
  if (std::string utf16 = DetectUtf16WithoutBom(sample); !utf16.empty()) return Make(utf16);
  if (IsValidUtf8(sample, !is_whole) || MostlyUtf8(sample)) return Make("UTF-8");
  std::string name = IcuDetect(sample, markup);
  if (name.empty()) name = "windows-1252";
  return Refine(std::move(name), sample);
}

bool CharsetFromLabel(std::string_view label, Charset* out) {
  std::string name(label);
  // Trim and strip quotes, which appear in sloppy meta tags and headers.
  const auto junk = [](char c) { return c == ' ' || c == '"' || c == '\'' || c == '\t'; };
  while (!name.empty() && junk(name.back())) name.pop_back();
  size_t start = 0;
  while (start < name.size() && junk(name[start])) ++start;
  name.erase(0, start);
  if (name.empty() || name.size() > 64) return false;
  UErrorCode st = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(name.c_str(), &st);
  if (U_FAILURE(st) || cnv == nullptr) return false;
  const char* icu_name = ucnv_getName(cnv, &st);
  std::string canon = U_SUCCESS(st) && icu_name ? icu_name : name;
  ucnv_close(cnv);
  // Report the usual label (windows-1256), not ICU's table name
  // (ibm-9448_X100-2005).
  for (const char* standard : {"MIME", "IANA"}) {
    st = U_ZERO_ERROR;
    const char* std_name = ucnv_getStandardName(canon.c_str(), standard, &st);
    if (U_SUCCESS(st) && std_name != nullptr) {
      canon = std_name;
      break;
    }
  }
  std::string upper = canon;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  if (upper == "UTF-16" || upper == "UTF-32") return false;  // Needs a BOM; let detection decide.
  if (upper.rfind("WINDOWS-", 0) == 0) canon = "windows-" + upper.substr(8);
  if (upper == "ISO-8859-8-I" || upper == "ISO-8859-8-E") canon = "ISO-8859-8";
  *out = Refine(canon, "");
  return true;
}

struct Decoder::Impl {
  UConverter* source = nullptr;
  UConverter* utf8 = nullptr;
  // ucnv_convertEx keeps characters between calls in this pivot buffer.
  std::array<UChar, 4096> pivot;
  UChar* pivot_source = nullptr;
  UChar* pivot_target = nullptr;
  bool reset = true;
  ~Impl() {
    if (source) ucnv_close(source);
    if (utf8) ucnv_close(utf8);
  }
};

Decoder::Decoder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Decoder::~Decoder() = default;

Result<std::unique_ptr<Decoder>> Decoder::Create(const std::string& charset) {
  auto impl = std::make_unique<Impl>();
  UErrorCode st = U_ZERO_ERROR;
  impl->source = ucnv_open(charset.c_str(), &st);
  if (U_FAILURE(st)) return Status::Unsupported("unknown charset " + charset);
  impl->utf8 = ucnv_open("UTF-8", &st);
  if (U_FAILURE(st)) return Status::Internal("ICU cannot open the UTF-8 converter");
  ucnv_setToUCallBack(impl->source, ReplaceWithFffd, nullptr, nullptr, nullptr, &st);
  // The UTF-8 converter's substitution character is U+FFFD, which is what
  // we want for the unpaired surrogates of broken UTF-16.
  ucnv_setFromUCallBack(impl->utf8, UCNV_FROM_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr,
                        &st);
  if (U_FAILURE(st)) return Status::Internal("ICU converter setup failed");
  impl->pivot_source = impl->pivot_target = impl->pivot.data();
  return std::unique_ptr<Decoder>(new Decoder(std::move(impl)));
}

Status Decoder::Decode(std::string_view in, bool flush, std::string* out) {
  Impl& d = *impl_;
  const char* source = in.data();
  const char* const source_limit = in.data() + in.size();
  for (;;) {
    const size_t old = out->size();
    // One byte of a single-byte charset is at most 3 bytes of UTF-8.
    out->resize(old + std::min<size_t>(in.size(), kTextBlockBytes) * 3 + 64);
    char* target = out->data() + old;
    UErrorCode st = U_ZERO_ERROR;
    ucnv_convertEx(d.utf8, d.source, &target, out->data() + out->size(), &source, source_limit,
                   d.pivot.data(), &d.pivot_source, &d.pivot_target,
                   d.pivot.data() + d.pivot.size(), d.reset, flush, &st);
    d.reset = false;
    out->resize(target - out->data());
    if (st == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(st))
      return Status::Corrupt(std::string("charset conversion failed: ") + u_errorName(st));
    return Status::Ok();
  }
}

std::string ToUtf8(std::string_view bytes, std::string_view charset_label) {
  // A byte order mark is more reliable than any label.
  Charset cs = DetectBom(bytes);
  if (cs.bom_length == 0) {
    // Non-ASCII text that is valid UTF-8 is UTF-8 whatever the label says
    // (mail clients often declare us-ascii or iso-8859-1 and send UTF-8).
    const bool ascii = std::all_of(bytes.begin(), bytes.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii && IsValidUtf8(bytes)) {
      cs = Make("UTF-8");
    } else if (!CharsetFromLabel(charset_label, &cs)) {
      cs = DetectCharset(bytes, /*is_whole=*/true);
    }
  }
  bytes.remove_prefix(cs.bom_length);
  auto decoder = Decoder::Create(cs.decoder);
  std::string out;
  if (!decoder.ok() || !(*decoder)->Decode(bytes, /*flush=*/true, &out).ok()) {
    return SanitizeUtf8(bytes);
  }
  return out;
}

}  // namespace tahqiq::extract::internal
