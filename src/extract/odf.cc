// OpenDocument (odt, ods, odp): content.xml and meta.xml from the zip.

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "extract/internal.h"

namespace tahqiq::extract::internal {
namespace {

constexpr uint64_t kMaxPartBytes = 256ull << 20;
// Repeat counts are attacker-controlled ("16384 columns"); repeating a value
// more than this adds nothing to search.
constexpr long kMaxRepeat = 100;

std::string Trim(std::string_view s) {
  const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return std::string(s);
}

long ParseCount(const std::string& s, long fallback, long max) {
  long n = fallback;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || n < 1) return fallback;
  return std::min(n, max);
}

bool NsContains(std::string_view ns, std::string_view what) {
  return ns.find(what) != std::string_view::npos;
}

void ReadMeta(const ZipArchive& zip, uint64_t limit, Sink* sink) {
  auto xml = zip.Read("meta.xml", limit);
  if (!xml.ok()) return;
  XmlReader rd(*xml, "meta.xml");
  XmlEvent ev;
  std::string text, title, creator, initial_creator, created;
  while (rd.Next(&ev)) {
    if (ev.kind == XmlEvent::kStart) {
      text.clear();
    } else if (ev.kind == XmlEvent::kText) {
      text.append(ev.text);
    } else {
      if (ev.local_name == "title") title = Trim(text);
      if (ev.local_name == "creator") creator = Trim(text);
      if (ev.local_name == "initial-creator") initial_creator = Trim(text);
      if (ev.local_name == "creation-date") created = Trim(text);
      text.clear();
    }
  }
  if (!title.empty()) sink->SetTitle(title);
  const std::string& author = initial_creator.empty() ? creator : initial_creator;
  if (!author.empty()) sink->AddField("author", author);
  if (!created.empty()) sink->AddField("date", created);
}

// Walks content.xml. Paragraphs become lines; table cells are collected per
// row and joined with tabs; sheets (ods) and pages (odp) are separated by
// '\f'. Nested tables flatten into their outer cell.
class ContentWalker {
 public:
  ContentWalker(const std::string& type, Sink* sink) : type_(type), sink_(sink), out_(sink) {}

  Status Walk(std::string_view xml) {
    XmlReader rd(xml, type_ + ": content.xml");
    XmlEvent ev;
    while (rd.Next(&ev)) {
      if (ev.kind == XmlEvent::kStart) {
        ++depth_;
        if (skip_until_ == 0) Start(rd, ev);
      } else if (ev.kind == XmlEvent::kEnd) {
        if (skip_until_ == 0) {
          End(ev);
        } else if (skip_until_ == depth_) {
          skip_until_ = 0;
        }
        --depth_;
        if (cell_depth_ == 0) TAHQIQ_RETURN_IF_ERROR(out_.Flush());
        TAHQIQ_RETURN_IF_ERROR(row_status_);
      } else if (skip_until_ == 0 && paragraph_depth_ > 0) {
        Text(ev.text);
      }
    }
    TAHQIQ_RETURN_IF_ERROR(rd.status());
    if (type_ == "ods") sink_->AddField("sheets", std::to_string(sheets_));
    if (type_ == "odp") sink_->AddField("slides", std::to_string(pages_));
    return out_.Flush(true);
  }

 private:
  void Start(const XmlReader& rd, const XmlEvent& ev) {
    const std::string_view name = ev.local_name;
    // Deleted text kept for change tracking, alt text of shapes, and the
    // author/date of comments are not document text.
    if (name == "tracked-changes" || name == "note-citation" ||
        (NsContains(ev.ns, "svg") && (name == "title" || name == "desc")) ||
        NsContains(ev.ns, "purl.org/dc")) {
      skip_until_ = depth_;
      return;
    }
    if (name == "p" || name == "h") {
      if (paragraph_depth_ > 0) Text(" ");  // Footnote body inside a paragraph.
      ++paragraph_depth_;
    } else if (name == "s") {
      Text(std::string(ParseCount(rd.Attribute("c"), 1, 1000), ' '));
    } else if (name == "tab") {
      Text(cell_depth_ > 0 ? " " : "\t");
    } else if (name == "line-break") {
      Text(cell_depth_ > 0 ? " " : "\n");
    } else if (name == "table" && cell_depth_ == 0) {
      if (type_ == "ods") {
        if (sheets_++ > 0) out_.PageBreak();
        const std::string sheet = rd.Attribute("name");
        if (!sheet.empty()) {
          out_.Append(sheet);
          out_.Append('\n');
        }
        sink_->BeginTable(sheet.empty() ? "Sheet" + std::to_string(sheets_) : sheet);
        merges_ = MergeFill();
        row_number_ = 0;
      }
    } else if (name == "table-row" && cell_depth_ == 0) {
      row_.clear();
      typed_.clear();
      pending_empty_ = 0;
      // Repeated rows: empty ones only move the row number (a sheet often
      // ends with a million of them); others are emitted, up to a bound.
      repeat_attr_ = ParseCount(rd.Attribute("number-rows-repeated"), 1, 1 << 30);
      row_repeat_ = std::min(repeat_attr_, kMaxRepeat);
    } else if (name == "table-cell" || name == "covered-table-cell") {
      if (cell_depth_++ == 0) {
        cell_.clear();
        cell_repeat_ = ParseCount(rd.Attribute("number-columns-repeated"), 1, kMaxRepeat);
        if (type_ == "ods") StartTypedCell(rd, name == "covered-table-cell");
      }
    } else if (name == "page" && NsContains(ev.ns, "drawing")) {
      if (pages_++ > 0) out_.PageBreak();
    }
  }

  void End(const XmlEvent& ev) {
    const std::string_view name = ev.local_name;
    if (name == "p" || name == "h") {
      if (paragraph_depth_ > 0) --paragraph_depth_;
      if (paragraph_depth_ == 0) {
        if (cell_depth_ > 0) {
          cell_ += ' ';
        } else {
          out_.Newline();
        }
      }
    } else if ((name == "table-cell" || name == "covered-table-cell") && cell_depth_ > 0) {
      if (--cell_depth_ == 0) {
        const std::string value = Trim(cell_);
        if (!value.empty()) {
          for (long i = 0; i < cell_repeat_; ++i) row_.push_back(value);
        }
        if (type_ == "ods") EndTypedCell(value);
      }
    } else if (name == "table-row" && cell_depth_ == 0) {
      if (type_ == "ods") EmitTypedRows();
      if (row_.empty()) return;
      for (long r = 0; r < row_repeat_; ++r) {
        for (size_t i = 0; i < row_.size(); ++i) {
          if (i > 0) out_.Append('\t');
          out_.Append(row_[i]);
        }
        out_.Append('\n');
      }
      row_.clear();
    }
  }

  void Text(std::string_view text) {
    if (cell_depth_ > 0) {
      for (char c : text) cell_ += (c == '\t' || c == '\n') ? ' ' : c;
    } else {
      out_.Append(text);
    }
  }

  // Typed cells for the tables stage (ods only). ODF says each cell's type
  // in office:value-type and its machine value in office:value,
  // office:date-value or office:boolean-value.
  void StartTypedCell(const XmlReader& rd, bool covered) {
    cell_typed_ = Cell{};
    cell_repeat_attr_ = ParseCount(rd.Attribute("number-columns-repeated"), 1, kMaxSheetColumns);
    if (covered) return;
    const std::string type = rd.Attribute("value-type");
    if (type == "float" || type == "percentage" || type == "currency") {
      char* end = nullptr;
      const std::string v = rd.Attribute("value");
      const double d = std::strtod(v.c_str(), &end);
      if (!v.empty() && end && *end == '\0') {
        cell_typed_.kind = type == "float"        ? Cell::kNumber
                           : type == "percentage" ? Cell::kPercent
                                                  : Cell::kCurrency;
        cell_typed_.value = NumberText(type == "percentage" ? d * 100 : d);
        if (type == "currency") cell_typed_.unit = rd.Attribute("currency");
      }
    } else if (type == "date") {
      std::string v = rd.Attribute("date-value");
      if (v.size() >= 10) {
        cell_typed_.kind = v.size() > 10 ? Cell::kDateTime : Cell::kDate;
        v = v.substr(0, 19);
        if (v.size() > 10) v[10] = ' ';
        cell_typed_.value = v;
      }
    } else if (type == "boolean") {
      cell_typed_.kind = Cell::kBool;
      cell_typed_.value = rd.Attribute("boolean-value") == "true" ? "1" : "0";
    }
    const long cols = ParseCount(rd.Attribute("number-columns-spanned"), 1, kMaxSheetColumns);
    const long rows = ParseCount(rd.Attribute("number-rows-spanned"), 1, 1 << 20);
    if (cols > 1 || rows > 1) {
      const uint64_t col = typed_.size() + pending_empty_;
      const uint64_t row = row_number_ + 1;
      merges_.Add(row, static_cast<uint32_t>(col), row + rows - 1,
                  static_cast<uint32_t>(col + cols - 1));
    }
  }

  void EndTypedCell(const std::string& text) {
    if (cell_typed_.kind == Cell::kEmpty && !text.empty()) {
      cell_typed_.kind = Cell::kText;
      cell_typed_.value = text;
    }
    if (cell_typed_.kind == Cell::kEmpty) {
      // Only materialised if a value follows: rows often end with
      // thousands of repeated empty cells.
      pending_empty_ += static_cast<uint64_t>(cell_repeat_attr_);
      return;
    }
    for (uint64_t i = 0; i < pending_empty_ && typed_.size() < kMaxSheetColumns; ++i) {
      typed_.emplace_back();
    }
    pending_empty_ = 0;
    for (long i = 0; i < cell_repeat_ && typed_.size() < kMaxSheetColumns; ++i) {
      typed_.push_back(cell_typed_);
    }
  }

  void EmitTypedRows() {
    const uint64_t first = row_number_ + 1;
    row_number_ += static_cast<uint64_t>(repeat_attr_);
    merges_.Apply(first, &typed_);
    TrimRow(&typed_);
    if (typed_.empty()) return;
    for (long r = 0; r < row_repeat_ && row_status_.ok(); ++r) {
      row_status_ = sink_->AddRow(first + static_cast<uint64_t>(r), typed_);
    }
  }

  const std::string type_;
  Sink* sink_;
  BlockWriter out_;
  size_t depth_ = 0;
  size_t skip_until_ = 0;
  int paragraph_depth_ = 0;
  int cell_depth_ = 0;
  long cell_repeat_ = 1;
  long row_repeat_ = 1;
  std::string cell_;
  std::vector<std::string> row_;
  Cell cell_typed_;
  Row typed_;
  uint64_t pending_empty_ = 0;
  uint64_t row_number_ = 0;
  long repeat_attr_ = 1;
  long cell_repeat_attr_ = 1;
  MergeFill merges_;
  Status row_status_;
  int sheets_ = 0;
  int pages_ = 0;
};

}  // namespace

Status ExtractOdf(const std::string& path, const std::string& type, const Options& options,
                  Sink* sink) {
  const uint64_t limit = std::min(kMaxPartBytes, options.max_in_memory_bytes);
  TAHQIQ_ASSIGN_OR_RETURN(ZipArchive zip, ZipArchive::Open(path, type));
  if (!zip.Has("content.xml")) {
    // Style templates (.ott with only styles.xml) are valid and have no body.
    if (!zip.Has("styles.xml")) return Status::Corrupt(type + ": missing content.xml");
    ReadMeta(zip, limit, sink);
    sink->AddField("content", "styles only");
    return Status::Ok();
  }
  // Password-protected ODF keeps its zip layout but encrypts content.xml.
  if (auto manifest = zip.Read("META-INF/manifest.xml", limit);
      manifest.ok() && manifest->find("encryption-data") != std::string::npos) {
    return Status::Unsupported(type + ": encrypted (password protected)");
  }
  ReadMeta(zip, limit, sink);
  TAHQIQ_ASSIGN_OR_RETURN(std::string xml, zip.Read("content.xml", limit));
  ContentWalker walker(type, sink);
  return walker.Walk(xml);
}

}  // namespace tahqiq::extract::internal
