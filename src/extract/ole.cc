// Office 97-2003 binary files inside OLE2 compound files: Word (.doc),
// PowerPoint (.ppt) and Excel (.xls).
//
// libgsf opens the compound file and its streams; FreeXL reads Excel's BIFF
// cells. Debian has no library under a licence we can link that reads Word
// or PowerPoint text (wv is GPL, LibreOffice is a program), so the two
// record layouts below are read here, following Microsoft's published
// [MS-DOC] and [MS-PPT] specifications: only what text extraction needs.
#include <freexl.h>
#include <gsf/gsf-doc-meta-data.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-meta-names.h>
#include <gsf/gsf-msole-utils.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "extract/internal.h"
#include "extract/lib_ptr.h"

namespace tahqiq::extract::internal {
namespace {

constexpr size_t kMaxStream = 512u << 20;

Result<GPtr<GsfInfile>> OpenOle(const std::string& path, const char* what) {
  GError* error = nullptr;
  GPtr<GsfInput> file(gsf_input_stdio_new(path.c_str(), &error));
  if (!file) {
    if (error) g_error_free(error);
    return Status::IOError(std::string(what) + ": cannot open");
  }
  GPtr<GsfInfile> ole(gsf_infile_msole_new(file.get(), &error));
  if (!ole) {
    std::string why = error ? error->message : "not an OLE2 compound file";
    if (error) g_error_free(error);
    return Status::Corrupt(std::string(what) + ": " + why);
  }
  return ole;
}

bool HasChild(GsfInfile* dir, const char* name) {
  GPtr<GsfInput> in(gsf_infile_child_by_name(dir, name));
  return in != nullptr;
}

Result<std::string> ReadChild(GsfInfile* dir, const char* name, uint64_t limit) {
  GPtr<GsfInput> in(gsf_infile_child_by_name(dir, name));
  if (!in) return Status::NotFound(std::string("no ") + name + " stream");
  const gsf_off_t size = gsf_input_size(in.get());
  if (size < 0) return Status::Corrupt(std::string("bad ") + name + " stream");
  if (static_cast<uint64_t>(size) > limit) {
    return Status::ResourceExhausted(std::string(name) + " stream too large");
  }
  std::string out(static_cast<size_t>(size), '\0');
  if (size > 0 &&
      gsf_input_read(in.get(), size, reinterpret_cast<guint8*>(out.data())) == nullptr) {
    return Status::Corrupt(std::string("cannot read ") + name + " stream");
  }
  return out;
}

uint16_t U16(std::string_view s, size_t at) {
  if (at + 2 > s.size()) return 0;
  return static_cast<uint16_t>(static_cast<uint8_t>(s[at]) | static_cast<uint8_t>(s[at + 1]) << 8);
}
uint32_t U32(std::string_view s, size_t at) {
  if (at + 4 > s.size()) return 0;
  return static_cast<uint32_t>(U16(s, at)) | static_cast<uint32_t>(U16(s, at + 2)) << 16;
}

// Title and author from the SummaryInformation property set.
void ReadSummary(GsfInfile* ole, Sink* sink) {
  GPtr<GsfInput> in(gsf_infile_child_by_name(ole, "\005SummaryInformation"));
  if (!in) return;
  GPtr<GsfDocMetaData> meta(gsf_doc_meta_data_new());
  GError* err = gsf_doc_meta_data_read_from_msole(meta.get(), in.get());
  if (err != nullptr) {
    g_error_free(err);
    return;
  }
  const auto get = [&](const char* name) -> std::string {
    GsfDocProp* prop = gsf_doc_meta_data_lookup(meta.get(), name);
    if (prop == nullptr) return "";
    const GValue* v = gsf_doc_prop_get_val(prop);
    if (v == nullptr || !G_VALUE_HOLDS_STRING(v)) return "";
    const char* s = g_value_get_string(v);
    return s ? SanitizeUtf8(s) : "";
  };
  const std::string title = get(GSF_META_NAME_TITLE);
  const std::string author = get(GSF_META_NAME_CREATOR);
  if (!title.empty()) sink->SetTitle(title);
  if (!author.empty()) sink->AddField("author", author);
}

// ---- Word ------------------------------------------------------------------

// Word's special characters in the text stream, as plain text. Field codes
// (between 0x13 and 0x14) are instructions, not text; their results (between
// 0x14 and 0x15) are kept.
class WordText {
 public:
  explicit WordText(BlockWriter* out) : out_(out) {}
  void Add(char32_t c) {
    switch (c) {
      case 0x13:
        ++field_depth_;
        in_code_ = true;
        return;
      case 0x14:
        in_code_ = false;
        return;
      case 0x15:
        if (field_depth_ > 0) --field_depth_;
        in_code_ = false;
        return;
      default:
        break;
    }
    if (in_code_) return;
    // A cell ends with 0x07 and its row with one more: the cell mark becomes
    // a tab only once we know the row goes on.
    if (c == 0x07) {
      if (cell_pending_) {
        cell_pending_ = false;
        out_->Newline();
      } else {
        cell_pending_ = true;
      }
      return;
    }
    if (cell_pending_) {
      cell_pending_ = false;
      out_->Append('\t');
    }
    switch (c) {
      case 0x0D:
      case 0x0B:
      case 0x0C:
        out_->Newline();
        return;
      case 0x09:
        out_->Append('\t');
        return;
      case 0x1E:
        out_->Append('-');
        return;  // Non-breaking hyphen.
      case 0x1F:
        return;  // Optional hyphen.
      case 0xA0:
        out_->Append(" ");
        return;
      default:
        break;
    }
    if (c < 0x20) return;  // Anchors of pictures, notes, objects.
    std::string s;
    AppendUtf8(c, &s);
    out_->Append(s);
  }

 private:
  BlockWriter* out_;
  int field_depth_ = 0;
  bool in_code_ = false;
  bool cell_pending_ = false;
};

// Compressed (8-bit) pieces hold Windows-1252 text, except for a few code
// points that [MS-DOC] maps explicitly; cp1252 covers those same ones.
char32_t Cp1252(uint8_t b) {
  static const char16_t kHigh[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  if (b >= 0x80 && b < 0xA0) return kHigh[b - 0x80];
  return b;
}

Status ExtractDocText(GsfInfile* ole, const Options& options, Sink* sink) {
  const uint64_t limit = std::min<uint64_t>(kMaxStream, options.max_in_memory_bytes);
  TAHQIQ_ASSIGN_OR_RETURN(std::string word, ReadChild(ole, "WordDocument", limit));
  if (word.size() < 0x200 || U16(word, 0) != 0xA5EC) return Status::Corrupt("doc: no Word header");
  const uint16_t nfib = U16(word, 2);
  if (nfib < 101) return Status::Unsupported("doc: Word 95 or older format");
  const uint16_t flags = U16(word, 0x0A);
  if (flags & 0x0100) return Status::Unsupported("doc: encrypted");
  // The FIB's variable parts: fibRgW, fibRgLw, then fibRgFcLcb, whose
  // 34th pair is the offset and size of the Clx (the piece table).
  size_t at = 32;
  const uint16_t csw = U16(word, at);
  at += 2 + size_t{csw} * 2;
  const uint16_t cslw = U16(word, at);
  at += 2 + size_t{cslw} * 4;
  const uint16_t cb_fc_lcb = U16(word, at);
  at += 2;
  if (cb_fc_lcb < 34) return Status::Corrupt("doc: FIB too short");
  const uint32_t fc_clx = U32(word, at + 33 * 8), lcb_clx = U32(word, at + 33 * 8 + 4);
  const char* table_name = (flags & 0x0200) ? "1Table" : "0Table";
  TAHQIQ_ASSIGN_OR_RETURN(std::string table, ReadChild(ole, table_name, limit));
  if (uint64_t{fc_clx} + lcb_clx > table.size() || lcb_clx == 0) {
    return Status::Corrupt("doc: piece table outside the table stream");
  }
  std::string_view clx(table.data() + fc_clx, lcb_clx);
  // Skip the Prc records (formatting), find the Pcdt.
  size_t p = 0;
  while (p < clx.size() && clx[p] == 0x01) {
    p += 3 + U16(clx, p + 1);
  }
  if (p + 5 > clx.size() || clx[p] != 0x02) return Status::Corrupt("doc: no piece table");
  const uint32_t lcb = U32(clx, p + 1);
  p += 5;
  if (lcb > clx.size() - p || lcb < 4) return Status::Corrupt("doc: bad piece table size");
  std::string_view plc = clx.substr(p, lcb);
  const size_t pieces = (plc.size() - 4) / 12;
  BlockWriter out(sink);
  WordText text(&out);
  for (size_t i = 0; i < pieces; ++i) {
    const uint32_t cp_start = U32(plc, i * 4), cp_end = U32(plc, (i + 1) * 4);
    if (cp_end <= cp_start) continue;
    const size_t pcd = (pieces + 1) * 4 + i * 8;
    const uint32_t fc_raw = U32(plc, pcd + 2);
    const bool compressed = (fc_raw & 0x40000000u) != 0;
    const uint32_t fc = fc_raw & 0x3FFFFFFFu;
    const uint64_t chars = cp_end - cp_start;
    if (compressed) {
      const uint64_t start = fc / 2;
      if (start + chars > word.size()) return Status::Corrupt("doc: piece outside the text");
      for (uint64_t k = 0; k < chars; ++k) text.Add(Cp1252(static_cast<uint8_t>(word[start + k])));
    } else {
      if (uint64_t{fc} + chars * 2 > word.size())
        return Status::Corrupt("doc: piece outside the text");
      for (uint64_t k = 0; k < chars; ++k) {
        char32_t c = U16(word, fc + k * 2);
        if (c >= 0xD800 && c <= 0xDBFF && k + 1 < chars) {
          const char32_t lo = U16(word, fc + (k + 1) * 2);
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            std::string s;
            AppendUtf8(0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00), &s);
            out.Append(s);
            ++k;
            continue;
          }
        }
        text.Add(c);
      }
    }
    TAHQIQ_RETURN_IF_ERROR(out.Flush());
  }
  return out.Flush(/*final=*/true);
}

// ---- PowerPoint ------------------------------------------------------------

constexpr uint16_t kRtSlide = 0x03EE;
constexpr uint16_t kRtSlideListWithText = 0x0FF0;
constexpr uint16_t kRtNotes = 0x03F0;
constexpr uint16_t kRtSlidePersistAtom = 0x03F3;
constexpr uint16_t kRtMainMaster = 0x03F8;
constexpr uint16_t kRtHandout = 0x0FC9;
constexpr uint16_t kRtTextCharsAtom = 0x0FA0;
constexpr uint16_t kRtTextBytesAtom = 0x0FA8;

Status ExtractPptText(GsfInfile* ole, const Options& options, Sink* sink) {
  const uint64_t limit = std::min<uint64_t>(kMaxStream, options.max_in_memory_bytes);
  TAHQIQ_ASSIGN_OR_RETURN(std::string doc, ReadChild(ole, "PowerPoint Document", limit));
  BlockWriter out(sink);
  int slides = 0;
  bool wrote = false, page_pending = false, seen_slide = false;
  // Records are [ver/instance u16][type u16][length u32]; a version of 0xF
  // marks a container, whose children follow at once. Walking them in file
  // order reads the text kept in the slide list (PowerPoint's placeholders,
  // one SlidePersistAtom per slide) and in each slide's and notes page's
  // drawing (text boxes; LibreOffice keeps all text there). Either starts a
  // new page, written only when text follows so that no page is empty.
  // Masters, the masters' slide list and handouts hold templates ("Click to
  // edit Master text styles", "*" for the slide number): skipped, as is text
  // outside any slide or notes page. The notes master has the notes pages'
  // record type; it is the one that comes before the first slide.
  struct Open {
    size_t end;
    uint16_t type, instance;
  };
  std::vector<Open> stack;
  size_t p = 0;
  while (p + 8 <= doc.size()) {
    while (!stack.empty() && p >= stack.back().end) stack.pop_back();
    const uint16_t ver = U16(doc, p) & 0x0F;
    const uint16_t instance = U16(doc, p) >> 4;
    const uint16_t type = U16(doc, p + 2);
    const uint32_t len = U32(doc, p + 4);
    p += 8;
    if (len > doc.size() - p) break;
    if (ver == 0x0F) {
      if (type == kRtMainMaster || type == kRtHandout ||
          (type == kRtSlideListWithText && instance != 0) || (type == kRtNotes && !seen_slide) ||
          stack.size() >= 64) {
        p += len;  // Skip the whole container.
        continue;
      }
      if (type == kRtSlide) ++slides, seen_slide = true;
      if (type == kRtSlide || type == kRtNotes) page_pending = true;
      stack.push_back({p + len, type, instance});
      continue;
    }
    std::string_view body(doc.data() + p, len);
    p += len;
    if (type == kRtSlidePersistAtom) page_pending = true;
    if (type != kRtTextCharsAtom && type != kRtTextBytesAtom) continue;
    const bool in_page = std::any_of(stack.begin(), stack.end(), [](const Open& o) {
      return o.type == kRtSlide || o.type == kRtNotes || o.type == kRtSlideListWithText;
    });
    if (!in_page) continue;
    std::string s =
        type == kRtTextCharsAtom ? ToUtf8(body, "UTF-16LE") : ToUtf8(body, "ISO-8859-1");
    for (char& c : s) {
      if (c == '\r' || c == '\v') c = '\n';
    }
    const size_t first = s.find_first_not_of(" \n\t");
    if (first == std::string::npos) continue;
    // "*" alone is the placeholder of a slide-number field.
    if (s.substr(first, s.find_last_not_of(" \n\t") + 1 - first) == "*") continue;
    if (page_pending && wrote) out.PageBreak();
    page_pending = false;
    wrote = true;
    out.Append(s);
    out.Newline();
    TAHQIQ_RETURN_IF_ERROR(out.Flush());
  }
  if (slides > 0) sink->AddField("slides", std::to_string(slides));
  return out.Flush(/*final=*/true);
}

// ---- Excel -----------------------------------------------------------------

struct XlsClose {
  void operator()(const void* h) const { freexl_close(h); }
};

Status ExtractXlsCells(const std::string& path, Sink* sink) {
  const void* raw = nullptr;
  const int rc = freexl_open(path.c_str(), &raw);
  std::unique_ptr<const void, XlsClose> xls(raw);
  if (rc == FREEXL_BIFF_PASSWORD) return Status::Unsupported("xls: password protected");
  if (rc != FREEXL_OK) {
    return Status::Corrupt("xls: FreeXL cannot read it (code " + std::to_string(rc) + ")");
  }
  // FreeXL reports success without a workbook for files it declines to
  // read: encrypted ones, and some code pages (old Mac Excel) it lacks.
  if (raw == nullptr) {
    return Status::Unsupported(
        "xls: FreeXL cannot read this workbook (encrypted, or an unsupported code page)");
  }
  unsigned int sheets = 0;
  if (freexl_get_info(raw, FREEXL_BIFF_SHEET_COUNT, &sheets) != FREEXL_OK) {
    return Status::Corrupt("xls: no sheets");
  }
  BlockWriter out(sink);
  for (unsigned short s = 0; s < sheets; ++s) {
    if (freexl_select_active_worksheet(raw, s) != FREEXL_OK) continue;
    const char* name = nullptr;
    freexl_get_worksheet_name(raw, s, &name);
    const std::string sheet = name ? SanitizeUtf8(name) : "Sheet" + std::to_string(s + 1);
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (freexl_worksheet_dimensions(raw, &rows, &cols) != FREEXL_OK) continue;
    if (s > 0) out.PageBreak();
    out.Append(sheet);
    out.Newline();
    sink->BeginTable(sheet);
    const unsigned short ncols = std::min<unsigned short>(cols, kMaxSheetColumns);
    for (unsigned int r = 0; r < rows; ++r) {
      Row row(ncols);
      std::string line;
      for (unsigned short c = 0; c < ncols; ++c) {
        FreeXL_CellValue v;
        if (freexl_get_cell_value(raw, r, c, &v) != FREEXL_OK) continue;
        Cell& cell = row[c];
        switch (v.type) {
          case FREEXL_CELL_INT:
            cell.kind = Cell::kNumber;
            cell.value = std::to_string(v.value.int_value);
            break;
          case FREEXL_CELL_DOUBLE:
            cell.kind = Cell::kNumber;
            cell.value = NumberText(v.value.double_value);
            break;
          case FREEXL_CELL_TEXT:
          case FREEXL_CELL_SST_TEXT:
            cell.kind = Cell::kText;
            cell.value = v.value.text_value ? SanitizeUtf8(v.value.text_value) : "";
            break;
          case FREEXL_CELL_DATE:
            cell.kind = Cell::kDate;
            cell.value = v.value.text_value ? v.value.text_value : "";
            break;
          case FREEXL_CELL_DATETIME:
            cell.kind = Cell::kDateTime;
            cell.value = v.value.text_value ? v.value.text_value : "";
            break;
          case FREEXL_CELL_TIME:
            cell.kind = Cell::kText;
            cell.value = v.value.text_value ? v.value.text_value : "";
            break;
          default:
            break;
        }
        if (cell.kind == Cell::kText && cell.value.empty()) cell.kind = Cell::kEmpty;
        if (c > 0) line += '\t';
        line += cell.value;
      }
      TrimRow(&row);
      if (row.empty()) continue;
      while (!line.empty() && line.back() == '\t') line.pop_back();
      out.Append(line);
      out.Newline();
      TAHQIQ_RETURN_IF_ERROR(sink->AddRow(r + 1, row));
      TAHQIQ_RETURN_IF_ERROR(out.Flush());
    }
  }
  sink->AddField("sheets", std::to_string(sheets));
  return out.Flush(/*final=*/true);
}

}  // namespace

std::string OleDocumentType(const std::string& path) {
  auto ole = OpenOle(path, "ole");
  if (!ole.ok()) return "";
  GsfInfile* root = ole->get();
  if (HasChild(root, "WordDocument")) return "doc";
  if (HasChild(root, "Workbook") || HasChild(root, "Book")) return "xls";
  if (HasChild(root, "PowerPoint Document")) return "ppt";
  return "";
}

Status ExtractOle(const std::string& path, const std::string& type, const Options& options,
                  Sink* sink) {
  TAHQIQ_ASSIGN_OR_RETURN(GPtr<GsfInfile> ole, OpenOle(path, type.c_str()));
  ReadSummary(ole.get(), sink);
  if (type == "doc") return ExtractDocText(ole.get(), options, sink);
  if (type == "ppt") return ExtractPptText(ole.get(), options, sink);
  if (type == "xls") return ExtractXlsCells(path, sink);
  return Status::InvalidArgument("ole: unknown type " + type);
}

}  // namespace tahqiq::extract::internal
