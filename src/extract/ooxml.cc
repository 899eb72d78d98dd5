// OOXML (docx, xlsx, pptx): zip members parsed with the safe XmlReader.

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "extract/internal.h"

namespace tahqiq::extract::internal {
namespace {

constexpr uint64_t kMaxPartBytes = 256ull << 20;
constexpr size_t kMaxSheets = 1000;
constexpr size_t kMaxSlides = 10000;

uint64_t PartLimit(const Options& o) { return std::min(kMaxPartBytes, o.max_in_memory_bytes); }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string Trim(std::string_view s) {
  const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// The N of "prefixN.xml", or -1.
long NumberIn(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix || !EndsWith(name, ".xml")) return -1;
  const std::string_view digits = name.substr(prefix.size(), name.size() - prefix.size() - 4);
  long n = -1;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || p != digits.data() + digits.size()) return -1;
  return n;
}

// Members "prefixN.xml" in numeric order (slide2 before slide10).
std::vector<std::string> NumberedParts(const ZipArchive& zip, std::string_view prefix) {
  std::vector<std::pair<long, std::string>> found;
  for (const std::string& n : zip.names()) {
    if (long k = NumberIn(n, prefix); k >= 0) found.emplace_back(k, n);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& [k, n] : found) out.push_back(std::move(n));
  return out;
}

// Resolves a relationship target against the folder of the part that owns
// the relationships ("xl/" + "worksheets/sheet1.xml", "../media/x").
std::string ResolveTarget(std::string_view base_dir, std::string_view target) {
  std::vector<std::string> parts;
  std::string_view path = target;
  std::string joined;
  if (!target.empty() && target.front() == '/') {
    path.remove_prefix(1);
  } else {
    joined = std::string(base_dir) + std::string(target);
    path = joined;
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.emplace_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

struct Relationship {
  std::string type;    // Last path segment of the Type URI, e.g. "worksheet".
  std::string target;  // Resolved member name.
};

// Id -> relationship, from a .rels part; empty if absent or unreadable.
std::map<std::string, Relationship> ReadRels(const ZipArchive& zip, const std::string& rels_name,
                                             std::string_view base_dir, uint64_t limit) {
  std::map<std::string, Relationship> rels;
  auto xml = zip.Read(rels_name, limit);
  if (!xml.ok()) return rels;
  XmlReader rd(*xml, rels_name);
  XmlEvent ev;
  while (rd.Next(&ev)) {
    if (ev.kind != XmlEvent::kStart || ev.local_name != "Relationship") continue;
    if (rd.Attribute("TargetMode") == "External") continue;
    std::string type = rd.Attribute("Type");
    type = type.substr(type.rfind('/') + 1);
    rels[rd.Attribute("Id")] = {type, ResolveTarget(base_dir, rd.Attribute("Target"))};
  }
  return rels;
}

// Title, author and creation date from docProps/core.xml.
void ReadCoreProperties(const ZipArchive& zip, uint64_t limit, Sink* sink) {
  auto xml = zip.Read("docProps/core.xml", limit);
  if (!xml.ok()) return;
  XmlReader rd(*xml, "docProps/core.xml");
  XmlEvent ev;
  std::string current, text;
  std::string title, author, created;
  while (rd.Next(&ev)) {
    if (ev.kind == XmlEvent::kStart) {
      current.assign(ev.local_name);
      text.clear();
    } else if (ev.kind == XmlEvent::kText) {
      text.append(ev.text);
    } else {
      if (ev.local_name == "title") title = Trim(text);
      if (ev.local_name == "creator") author = Trim(text);
      if (ev.local_name == "created") created = Trim(text);
      text.clear();
    }
  }
  if (!title.empty()) sink->SetTitle(title);
  if (!author.empty()) sink->AddField("author", author);
  if (!created.empty()) sink->AddField("date", created);
}

// Finds the part whose content type ends with `suffix` in [Content_Types].xml
// (for documents whose main part is not at the usual place).
std::string PartByContentType(const ZipArchive& zip, std::string_view suffix, uint64_t limit) {
  auto xml = zip.Read("[Content_Types].xml", limit);
  if (!xml.ok()) return "";
  XmlReader rd(*xml, "[Content_Types].xml");
  XmlEvent ev;
  while (rd.Next(&ev)) {
    if (ev.kind == XmlEvent::kStart && ev.local_name == "Override" &&
        EndsWith(rd.Attribute("ContentType"), suffix)) {
      return ResolveTarget("", rd.Attribute("PartName"));
    }
  }
  return "";
}

std::string MainPart(const ZipArchive& zip, const std::string& usual, std::string_view suffix,
                     uint64_t limit) {
  if (zip.Has(usual)) return usual;
  std::string other = PartByContentType(zip, suffix, limit);
  return zip.Has(other) ? other : usual;
}

// ---- docx -----------------------------------------------------------------

// Text of one WordprocessingML part (document, header, footnotes...).
// Paragraphs become lines, except inside table cells: a table row becomes
// one line with its cells separated by tabs (paragraphs in a cell by
// spaces), as for spreadsheets.
Status DocxPart(const ZipArchive& zip, const std::string& name, uint64_t limit, BlockWriter* out) {
  TAHQIQ_ASSIGN_OR_RETURN(std::string xml, zip.Read(name, limit));
  XmlReader rd(xml, "docx: " + name);
  XmlEvent ev;
  std::vector<std::string> stack;
  size_t skip_until = 0;  // While > 0, inside a subtree whose text we ignore.
  int cell_depth = 0;
  std::vector<int> cells_in_row;  // One entry per open table row (nesting).
  // Separator owed before the next text in a cell; dropped at row end, so
  // that rows carry no trailing tabs or spaces.
  char pending = 0;
  const auto emit = [&](std::string_view text) {
    if (text.empty()) return;
    if (pending != 0) out->Append(pending);
    pending = 0;
    out->Append(text);
  };
  while (rd.Next(&ev)) {
    if (ev.kind == XmlEvent::kStart) {
      stack.emplace_back(ev.local_name);
      // Taken after the push: a view into the vector taken before it would
      // dangle when the vector reallocates (found by fuzz_replay_extract).
      const std::string_view parent =
          stack.size() < 2 ? std::string_view() : std::string_view(stack[stack.size() - 2]);
      if (skip_until > 0) continue;
      const std::string_view el = ev.local_name;
      // mc:Fallback repeats the mc:Choice content (e.g. a text box as VML).
      if (el == "Fallback") {
        skip_until = stack.size();
      } else if (el == "tr") {
        out->Newline();
        cells_in_row.push_back(0);
        pending = 0;
      } else if (el == "tc") {
        ++cell_depth;
        if (!cells_in_row.empty() && cells_in_row.back()++ > 0) pending = '\t';
      } else if (parent == "r") {
        if (el == "tab" || el == "ptab") emit("\t");
        if (el == "noBreakHyphen") emit("-");
        if (el == "br" || el == "cr") {
          if (cell_depth > 0) {
            if (pending == 0) pending = ' ';
          } else {
            out->Newline();
          }
        }
      }
    } else if (ev.kind == XmlEvent::kEnd) {
      if (skip_until == stack.size()) skip_until = 0;
      if (skip_until == 0) {
        if (ev.local_name == "p") {
          if (cell_depth > 0) {
            if (pending == 0) pending = ' ';
          } else {
            out->Newline();
          }
        } else if (ev.local_name == "tc" && cell_depth > 0) {
          --cell_depth;
        } else if (ev.local_name == "tr" && !cells_in_row.empty()) {
          cells_in_row.pop_back();
          pending = 0;
          out->Newline();
        }
        TAHQIQ_RETURN_IF_ERROR(out->Flush());
      }
      if (!stack.empty()) stack.pop_back();
    } else if (skip_until == 0 && !stack.empty() && stack.back() == "t") {
      // w:t (and m:t in equations); w:delText and w:instrText are not text.
      emit(ev.text);
    }
  }
  return rd.status();
}

Status ExtractDocx(const ZipArchive& zip, const Options& options, Sink* sink) {
  const uint64_t limit = PartLimit(options);
  const std::string main = MainPart(zip, "word/document.xml", "document.main+xml", limit);
  if (!zip.Has(main)) return Status::Corrupt("docx: missing word/document.xml");
  ReadCoreProperties(zip, limit, sink);
  BlockWriter out(sink);
  TAHQIQ_RETURN_IF_ERROR(DocxPart(zip, main, limit, &out));
  // Then the text around the body, in a stable order.
  std::vector<std::string> extra;
  for (std::string_view prefix : {"word/header", "word/footer"}) {
    for (std::string& n : NumberedParts(zip, prefix)) extra.push_back(std::move(n));
  }
  for (const char* n : {"word/footnotes.xml", "word/endnotes.xml", "word/comments.xml"}) {
    if (zip.Has(n)) extra.emplace_back(n);
  }
  for (const std::string& n : extra) {
    TAHQIQ_RETURN_IF_ERROR(DocxPart(zip, n, limit, &out));
  }
  return out.Flush(true);
}

// ---- pptx -----------------------------------------------------------------

// DrawingML text (a:t, a:p) of a slide or notes part. Notes skip fields
// (a:fld): there they hold the slide number and date placeholders.
Status PptxPart(const ZipArchive& zip, const std::string& name, bool skip_fields, uint64_t limit,
                BlockWriter* out) {
  TAHQIQ_ASSIGN_OR_RETURN(std::string xml, zip.Read(name, limit));
  XmlReader rd(xml, "pptx: " + name);
  XmlEvent ev;
  std::vector<std::string> stack;
  size_t skip_until = 0;
  while (rd.Next(&ev)) {
    if (ev.kind == XmlEvent::kStart) {
      stack.emplace_back(ev.local_name);
      if (skip_until > 0) continue;
      if (ev.local_name == "Fallback" || (skip_fields && ev.local_name == "fld")) {
        skip_until = stack.size();
      } else if (ev.local_name == "br") {
        out->Append('\n');
      }
    } else if (ev.kind == XmlEvent::kEnd) {
      if (skip_until == stack.size()) skip_until = 0;
      if (skip_until == 0 && ev.local_name == "p") out->Newline();
      if (!stack.empty()) stack.pop_back();
    } else if (skip_until == 0 && !stack.empty() && stack.back() == "t") {
      out->Append(ev.text);
    }
  }
  TAHQIQ_RETURN_IF_ERROR(rd.status());
  return out->Flush();
}

Status ExtractPptx(const ZipArchive& zip, const Options& options, Sink* sink) {
  const uint64_t limit = PartLimit(options);
  std::vector<std::string> slides = NumberedParts(zip, "ppt/slides/slide");
  if (slides.empty() && !zip.Has("ppt/presentation.xml")) {
    return Status::Corrupt("pptx: missing ppt/presentation.xml");
  }
  if (slides.size() > kMaxSlides) slides.resize(kMaxSlides);
  ReadCoreProperties(zip, limit, sink);
  sink->AddField("slides", std::to_string(slides.size()));
  BlockWriter out(sink);
  for (size_t i = 0; i < slides.size(); ++i) {
    if (i > 0) out.PageBreak();
    TAHQIQ_RETURN_IF_ERROR(PptxPart(zip, slides[i], false, limit, &out));
    // Speaker notes are linked from the slide's relationships.
    const std::string& slide = slides[i];
    const size_t slash = slide.rfind('/');
    const std::string dir = slide.substr(0, slash + 1);
    const std::string rels_name = dir + "_rels/" + slide.substr(slash + 1) + ".rels";
    for (const auto& [id, rel] : ReadRels(zip, rels_name, dir, limit)) {
      if (rel.type == "notesSlide" && zip.Has(rel.target)) {
        TAHQIQ_RETURN_IF_ERROR(PptxPart(zip, rel.target, true, limit, &out));
      }
    }
  }
  return out.Flush(true);
}

// ---- xlsx -----------------------------------------------------------------

Result<std::vector<std::string>> SharedStrings(const ZipArchive& zip, const std::string& name,
                                               uint64_t limit) {
  std::vector<std::string> strings;
  if (!zip.Has(name)) return strings;
  TAHQIQ_ASSIGN_OR_RETURN(std::string xml, zip.Read(name, limit));
  XmlReader rd(xml, "xlsx: " + name);
  XmlEvent ev;
  std::vector<std::string> stack;
  bool in_phonetic = false;  // rPh: pronunciation hints, not cell text.
  std::string current;
  while (rd.Next(&ev)) {
    if (ev.kind == XmlEvent::kStart) {
      stack.emplace_back(ev.local_name);
      if (ev.local_name == "si") current.clear();
      if (ev.local_name == "rPh") in_phonetic = true;
    } else if (ev.kind == XmlEvent::kEnd) {
      if (ev.local_name == "si") strings.push_back(current);
      if (ev.local_name == "rPh") in_phonetic = false;
      if (!stack.empty()) stack.pop_back();
    } else if (!in_phonetic && !stack.empty() && stack.back() == "t") {
      current.append(ev.text);
    }
  }
  TAHQIQ_RETURN_IF_ERROR(rd.status());
  return strings;
}

// A cell value on one line: tabs and newlines would break the row layout.
void AppendCell(std::string_view value, BlockWriter* out) {
  for (char c : value) out->Append(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
}

// Number formats by style index (cellXfs), from styles.xml.
struct XlsxStyles {
  std::vector<NumberFormat> by_xf;
  bool date1904 = false;
};

Result<XlsxStyles> ReadStyles(const ZipArchive& zip, const std::string& name, uint64_t limit) {
  XlsxStyles styles;
  if (!zip.Has(name)) return styles;
  TAHQIQ_ASSIGN_OR_RETURN(std::string xml, zip.Read(name, limit));
  XmlReader rd(xml, "xlsx: " + name);
  XmlEvent ev;
  std::map<int, std::string> codes;
  bool in_cell_xfs = false;
  while (rd.Next(&ev)) {
    if (ev.kind == XmlEvent::kStart) {
      if (ev.local_name == "numFmt") {
        int id = -1;
        const std::string v = rd.Attribute("numFmtId");
        std::from_chars(v.data(), v.data() + v.size(), id);
        if (id >= 0) codes[id] = rd.Attribute("formatCode");
      } else if (ev.local_name == "cellXfs") {
        in_cell_xfs = !ev.empty;
      } else if (ev.local_name == "xf" && in_cell_xfs && styles.by_xf.size() < 65536) {
        int id = 0;
        const std::string v = rd.Attribute("numFmtId");
        std::from_chars(v.data(), v.data() + v.size(), id);
        auto it = codes.find(id);
        styles.by_xf.push_back(
            ClassifyNumberFormat(id, it == codes.end() ? std::string_view() : it->second));
      }
    } else if (ev.kind == XmlEvent::kEnd && ev.local_name == "cellXfs") {
      in_cell_xfs = false;
    }
  }
  TAHQIQ_RETURN_IF_ERROR(rd.status());
  return styles;
}

// <mergeCell ref="A1:C2"/> elements come after the rows; find them first
// with a plain scan so rows can be filled as they stream.
void ScanMerges(std::string_view xml, MergeFill* merges) {
  for (size_t at = xml.find("mergeCell"); at != std::string_view::npos;
       at = xml.find("mergeCell", at + 9)) {
    const size_t close = xml.find('>', at);
    if (close == std::string_view::npos) break;
    const std::string_view tag = xml.substr(at, close - at);
    const size_t ref = tag.find("ref=\"");
    if (ref == std::string_view::npos) continue;
    const size_t end = tag.find('"', ref + 5);
    if (end == std::string_view::npos) continue;
    const std::string_view range = tag.substr(ref + 5, end - ref - 5);
    const size_t colon = range.find(':');
    if (colon == std::string_view::npos) continue;
    uint32_t c1, c2;
    uint64_t r1, r2;
    if (ParseCellRef(range.substr(0, colon), &c1, &r1) &&
        ParseCellRef(range.substr(colon + 1), &c2, &r2) && r1 > 0 && r2 > 0) {
      merges->Add(r1, c1, r2, c2);
    }
  }
}

// The typed value of a finished <c> element.
Cell XlsxCell(const std::string& type, const std::string& style, std::string value,
              const std::vector<std::string>& shared, const XlsxStyles& styles) {
  Cell cell;
  if (type == "s") {
    size_t idx = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), idx);
    if (ec == std::errc() && idx < shared.size() && !shared[idx].empty()) {
      cell.kind = Cell::kText;
      cell.value = shared[idx];
    }
    return cell;
  }
  if (value.empty()) return cell;
  if (type == "b") {
    cell.kind = Cell::kBool;
    cell.value = value == "1" ? "1" : "0";
  } else if (type == "str" || type == "inlineStr" || type == "e") {
    cell.kind = Cell::kText;
    cell.value = std::move(value);
  } else if (type == "d") {  // ISO 8601 date cell.
    cell.kind = value.size() > 10 ? Cell::kDateTime : Cell::kDate;
    cell.value = value.substr(0, 19);
    if (cell.value.size() > 10) cell.value[10] = ' ';
  } else {
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (end == value.c_str() || *end != '\0') {
      cell.kind = Cell::kText;
      cell.value = std::move(value);
      return cell;
    }
    size_t xf = 0;
    std::from_chars(style.data(), style.data() + style.size(), xf);
    const NumberFormat fmt = xf < styles.by_xf.size() ? styles.by_xf[xf] : NumberFormat{};
    cell.kind = fmt.kind;
    if (fmt.kind == Cell::kDate || fmt.kind == Cell::kDateTime) {
      if (!SerialToIso(v, styles.date1904, fmt.kind == Cell::kDateTime, &cell.value)) {
        cell.kind = Cell::kNumber;
        cell.value = NumberText(v);
      }
    } else if (fmt.kind == Cell::kPercent) {
      cell.value = NumberText(v * 100);
    } else {
      cell.value = NumberText(v);
      cell.unit = fmt.currency;
    }
  }
  return cell;
}

Status XlsxSheet(const ZipArchive& zip, const std::string& name,
                 const std::vector<std::string>& shared, const XlsxStyles& styles, uint64_t limit,
                 BlockWriter* out, Sink* sink) {
  TAHQIQ_ASSIGN_OR_RETURN(std::string xml, zip.Read(name, limit));
  MergeFill merges;
  ScanMerges(xml, &merges);
  XmlReader rd(xml, "xlsx: " + name);
  XmlEvent ev;
  std::vector<std::string> stack;
  std::string type, style, ref, value;
  int cells_in_row = 0;
  bool in_phonetic = false;
  uint64_t row_number = 0;
  uint32_t next_col = 0;
  Row cells;
  while (rd.Next(&ev)) {
    if (ev.kind == XmlEvent::kStart) {
      stack.emplace_back(ev.local_name);
      if (ev.local_name == "row") {
        cells_in_row = 0;
        cells.clear();
        next_col = 0;
        uint64_t r = 0;
        const std::string v = rd.Attribute("r");
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), r);
        row_number = ec == std::errc() && r > row_number ? r : row_number + 1;
      } else if (ev.local_name == "c") {
        type = rd.Attribute("t");
        style = rd.Attribute("s");
        ref = rd.Attribute("r");
        value.clear();
      } else if (ev.local_name == "rPh") {
        in_phonetic = true;
      }
    } else if (ev.kind == XmlEvent::kEnd) {
      if (ev.local_name == "rPh") in_phonetic = false;
      if (ev.local_name == "c") {
        std::string shown;
        if (type == "s") {
          size_t idx = 0;
          auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), idx);
          if (ec == std::errc() && idx < shared.size()) shown = shared[idx];
        } else if (type == "b") {
          shown = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value;
        } else {
          shown = value;  // Numbers as written, formula results, inline strings, errors.
        }
        Cell typed = XlsxCell(type, style, value, shared, styles);
        // Dates are serial numbers in the file; the text shows them as a
        // reader (and a search for "2023-10-01") expects.
        if (typed.kind == Cell::kDate || typed.kind == Cell::kDateTime) shown = typed.value;
        if (typed.kind == Cell::kPercent) shown = typed.value + "%";
        if (!shown.empty()) {
          if (cells_in_row++ > 0) out->Append('\t');
          AppendCell(shown, out);
        }
        uint32_t col = next_col;
        uint64_t unused_row;
        if (!ref.empty() && !ParseCellRef(ref, &col, &unused_row)) col = next_col;
        if (col < kMaxSheetColumns) {
          if (cells.size() <= col) cells.resize(col + 1);
          cells[col] = std::move(typed);
          next_col = col + 1;
        }
      } else if (ev.local_name == "row") {
        if (cells_in_row > 0) out->Append('\n');
        merges.Apply(row_number, &cells);
        TrimRow(&cells);
        if (!cells.empty()) TAHQIQ_RETURN_IF_ERROR(sink->AddRow(row_number, cells));
        TAHQIQ_RETURN_IF_ERROR(out->Flush());
      }
      if (!stack.empty()) stack.pop_back();
    } else if (!stack.empty()) {
      const std::string_view el = stack.back();
      const std::string_view parent =
          stack.size() >= 2 ? std::string_view(stack[stack.size() - 2]) : std::string_view();
      // <v> holds values; inline strings are <is><t> or <is><r><t>.
      if (el == "v" && parent == "c") value.append(ev.text);
      if (el == "t" && !in_phonetic && type == "inlineStr") value.append(ev.text);
    }
  }
  return rd.status();
}

Status ExtractXlsx(const ZipArchive& zip, const Options& options, Sink* sink) {
  const uint64_t limit = PartLimit(options);
  const std::string workbook = MainPart(zip, "xl/workbook.xml", "sheet.main+xml", limit);
  if (!zip.Has(workbook)) return Status::Corrupt("xlsx: missing xl/workbook.xml");
  const std::string dir = workbook.substr(0, workbook.rfind('/') + 1);
  const std::string rels_name = dir + "_rels/" + workbook.substr(dir.size()) + ".rels";
  const auto rels = ReadRels(zip, rels_name, dir, limit);

  // Sheets in workbook order, with their names.
  std::vector<std::pair<std::string, std::string>> sheets;  // name, part
  bool date1904 = false;
  {
    TAHQIQ_ASSIGN_OR_RETURN(std::string xml, zip.Read(workbook, limit));
    XmlReader rd(xml, "xlsx: " + workbook);
    XmlEvent ev;
    while (rd.Next(&ev)) {
      if (ev.kind == XmlEvent::kStart && ev.local_name == "workbookPr") {
        const std::string v = rd.Attribute("date1904");
        date1904 = v == "1" || v == "true";
      }
      if (ev.kind != XmlEvent::kStart || ev.local_name != "sheet") continue;
      auto it = rels.find(rd.Attribute("id"));
      if (it == rels.end() || it->second.type != "worksheet") continue;
      sheets.emplace_back(rd.Attribute("name"), it->second.target);
    }
    TAHQIQ_RETURN_IF_ERROR(rd.status());
  }
  if (sheets.empty()) {
    // Relationships missing or odd: fall back to the usual part names.
    for (std::string& part : NumberedParts(zip, dir + "worksheets/sheet")) {
      sheets.emplace_back("", std::move(part));
    }
  }
  if (sheets.size() > kMaxSheets) sheets.resize(kMaxSheets);

  std::string shared_name = dir + "sharedStrings.xml";
  std::string styles_name = dir + "styles.xml";
  for (const auto& [id, rel] : rels) {
    if (rel.type == "sharedStrings") shared_name = rel.target;
    if (rel.type == "styles") styles_name = rel.target;
  }
  TAHQIQ_ASSIGN_OR_RETURN(std::vector<std::string> shared, SharedStrings(zip, shared_name, limit));
  // Without styles every number is plain: text still works.
  XlsxStyles styles;
  if (auto st = ReadStyles(zip, styles_name, limit); st.ok()) styles = std::move(*st);
  styles.date1904 = date1904;

  ReadCoreProperties(zip, limit, sink);
  sink->AddField("sheets", std::to_string(sheets.size()));
  BlockWriter out(sink);
  for (size_t i = 0; i < sheets.size(); ++i) {
    if (i > 0) out.PageBreak();
    if (!sheets[i].first.empty()) {
      AppendCell(sheets[i].first, &out);
      out.Append('\n');
    }
    if (!zip.Has(sheets[i].second)) continue;
    sink->BeginTable(sheets[i].first.empty() ? "Sheet" + std::to_string(i + 1) : sheets[i].first);
    TAHQIQ_RETURN_IF_ERROR(XlsxSheet(zip, sheets[i].second, shared, styles, limit, &out, sink));
  }
  return out.Flush(true);
}

}  // namespace

Status ExtractOoxml(const std::string& path, const std::string& type, const Options& options,
                    Sink* sink) {
  TAHQIQ_ASSIGN_OR_RETURN(ZipArchive zip, ZipArchive::Open(path, type));
  if (type == "docx") return ExtractDocx(zip, options, sink);
  if (type == "xlsx") return ExtractXlsx(zip, options, sink);
  return ExtractPptx(zip, options, sink);
}

}  // namespace tahqiq::extract::internal
