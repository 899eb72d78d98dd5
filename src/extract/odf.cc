// OpenDocument (odt, ods, odp): content.xml and meta.xml from the zip.

#include <algorithm>
#include <charconv>
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
      }
    } else if (name == "table-row" && cell_depth_ == 0) {
      row_.clear();
      row_repeat_ = ParseCount(rd.Attribute("number-rows-repeated"), 1, kMaxRepeat);
    } else if (name == "table-cell" || name == "covered-table-cell") {
      if (cell_depth_++ == 0) {
        cell_.clear();
        cell_repeat_ = ParseCount(rd.Attribute("number-columns-repeated"), 1, kMaxRepeat);
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
      }
    } else if (name == "table-row" && cell_depth_ == 0) {
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
  int sheets_ = 0;
  int pages_ = 0;
};

}  // namespace

Status ExtractOdf(const std::string& path, const std::string& type, const Options& options,
                  Sink* sink) {
  const uint64_t limit = std::min(kMaxPartBytes, options.max_in_memory_bytes);
  TAHQIQ_ASSIGN_OR_RETURN(ZipArchive zip, ZipArchive::Open(path, type));
  if (!zip.Has("content.xml")) return Status::Corrupt(type + ": missing content.xml");
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
