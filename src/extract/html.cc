// HTML: visible text through libxml2's HTML parser, driven as SAX so that no
// DOM is built and deep nesting cannot exhaust the stack.

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstring>
#include <string>
#include <string_view>

#include "extract/internal.h"

namespace tahqiq::extract::internal {
namespace {

constexpr int kHtmlOptions = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS |
                             // We decode to UTF-8 ourselves; a <meta> must not
                             // make libxml2 re-decode it.
                             HTML_PARSE_IGNORE_ENC;

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

bool IsSkipped(std::string_view name) {
  return IsOneOf(name, {"script", "style", "noscript", "template"});
}

bool IsBlock(std::string_view name) {
  return IsOneOf(name,
                 {"address", "article", "aside",  "blockquote", "body",  "caption",  "dd",
                  "details", "dialog",  "div",    "dl",         "dt",    "fieldset", "figcaption",
                  "figure",  "footer",  "form",   "h1",         "h2",    "h3",       "h4",
                  "h5",      "h6",      "header", "hr",         "html",  "legend",   "li",
                  "main",    "nav",     "ol",     "option",     "p",     "pre",      "section",
                  "summary", "table",   "tbody",  "tfoot",      "thead", "tr",       "ul"});
}

// Accumulates visible text: whitespace runs collapse to one space, block
// boundaries become single newlines, no line starts or ends with a space.
class TextBuilder {
 public:
  void Text(std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
      const unsigned char c = s[i];
      // U+00A0 (C2 A0) is what &nbsp; decodes to: layout, not content.
      const bool nbsp =
          c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || nbsp) {
        pending_space_ = true;
        if (nbsp) ++i;
        continue;
      }
      if (pending_space_ && !at_line_start_) out_ += ' ';
      pending_space_ = false;
      out_ += static_cast<char>(c);
      at_line_start_ = false;
    }
  }
  // <pre>: keep spaces and line breaks as written.
  void Preformatted(std::string_view s) {
    if (pending_space_ && !at_line_start_) out_ += ' ';
    pending_space_ = false;
    for (char c : s) {
      if (c == '\r') continue;
      out_ += c;
      at_line_start_ = c == '\n';
    }
  }
  void Space() { pending_space_ = true; }
  void Newline() {
    pending_space_ = false;
    if (!at_line_start_) {
      out_ += '\n';
      at_line_start_ = true;
    }
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
  bool pending_space_ = false;
  bool at_line_start_ = true;
};

struct SaxState {
  Sink* sink = nullptr;
  htmlParserCtxtPtr ctxt = nullptr;
  Status status;
  bool set_title = true;
  bool title_done = false;
  int skip_depth = 0;  // > 0 inside script/style/... or a hidden element.
  int head_depth = 0;
  int title_depth = 0;
  int pre_depth = 0;
  TextBuilder body;
  TextBuilder title;

  void Flush(bool final) {
    if (!status.ok()) return;
    if (final) body.Newline();
    if (body.out().size() < kTextBlockBytes && !(final && !body.out().empty())) return;
    status = AppendInBlocks(body.out(), sink);
    body.out().clear();
    if (!status.ok() && ctxt != nullptr) xmlStopParser(ctxt);
  }
};

SaxState* State(void* ctx) { return static_cast<SaxState*>(ctx); }

std::string_view Name(const xmlChar* name) {
  return name ? std::string_view(reinterpret_cast<const char*>(name)) : std::string_view();
}

void OnStart(void* ctx, const xmlChar* xname, const xmlChar** atts) {
  SaxState* s = State(ctx);
  const std::string_view name = Name(xname);
  if (s->skip_depth > 0) {
    ++s->skip_depth;
    return;
  }
  bool hidden = false;
  for (const xmlChar** a = atts; a != nullptr && *a != nullptr; a += 2) {
    if (Name(a[0]) == "hidden") hidden = true;
  }
  if (IsSkipped(name) || hidden) {
    s->skip_depth = 1;
    return;
  }
  if (name == "head") ++s->head_depth;
  if (name == "title") ++s->title_depth;
  if (name == "pre") ++s->pre_depth;
  if (name == "br") {
    s->body.Newline();
  } else if (name == "td" || name == "th") {
    s->body.Space();
  } else if (IsBlock(name)) {
    s->body.Newline();
  }
}

void OnEnd(void* ctx, const xmlChar* xname) {
  SaxState* s = State(ctx);
  const std::string_view name = Name(xname);
  if (s->skip_depth > 0) {
    --s->skip_depth;
    return;
  }
  if (name == "head" && s->head_depth > 0) --s->head_depth;
  if (name == "pre" && s->pre_depth > 0) --s->pre_depth;
  if (name == "title" && s->title_depth > 0) {
    if (--s->title_depth == 0 && !s->title_done) {
      s->title_done = true;
      s->title.Newline();
      std::string t = s->title.out();
      while (!t.empty() && t.back() == '\n') t.pop_back();
      if (s->set_title && !t.empty()) s->sink->SetTitle(t);
    }
  }
  if (name == "td" || name == "th") {
    s->body.Space();
  } else if (IsBlock(name)) {
    s->body.Newline();
  }
  s->Flush(false);
}

void OnText(void* ctx, const xmlChar* ch, int len) {
  SaxState* s = State(ctx);
  if (s->skip_depth > 0 || len <= 0) return;
  const std::string_view text(reinterpret_cast<const char*>(ch), static_cast<size_t>(len));
  if (s->title_depth > 0) {
    if (!s->title_done) s->title.Text(text);
    return;
  }
  if (s->head_depth > 0) return;
  if (s->pre_depth > 0) {
    s->body.Preformatted(text);
  } else {
    s->body.Text(text);
  }
  s->Flush(false);
}

// Script and style bodies arrive here; they are never visible text.
void OnRawText(void*, const xmlChar*, int) {}

// Finds a charset declared inside the document: <meta charset=...>,
// <meta http-equiv content="...; charset=...">, or an XML declaration.
std::string FindDeclaredCharset(std::string_view bytes) {
  std::string low(bytes.substr(0, 8192));
  std::transform(low.begin(), low.end(), low.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  const auto value_after = [&](size_t pos, size_t end) -> std::string {
    while (pos < end && (low[pos] == ' ' || low[pos] == '\t' || low[pos] == '\n')) ++pos;
    if (pos >= end || low[pos] != '=') return "";
    ++pos;
    while (pos < end && (low[pos] == ' ' || low[pos] == '"' || low[pos] == '\'')) ++pos;
    size_t stop = pos;
    while (stop < end && !std::strchr("\"'; >/\t\n\r", low[stop])) ++stop;
    return low.substr(pos, stop - pos);
  };
  if (low.rfind("<?xml", 0) == 0) {
    const size_t end = std::min(low.find("?>"), low.size());
    const size_t enc = low.find("encoding");
    if (enc < end) {
      std::string v = value_after(enc + 8, end);
      if (!v.empty()) return v;
    }
  }
  for (size_t pos = low.find("<meta"); pos != std::string::npos; pos = low.find("<meta", pos)) {
    const size_t end = std::min(low.find('>', pos), low.size());
    const size_t cs = low.find("charset", pos);
    if (cs < end) {
      std::string v = value_after(cs + 7, end);
      if (!v.empty()) return v;
    }
    pos = end;
  }
  return "";
}

Charset ChooseCharset(std::string_view bytes, const std::string& external_label) {
  if (Charset bom = DetectBom(bytes); bom.bom_length > 0) return bom;
  const std::string_view sample = bytes.substr(0, kCharsetSampleBytes);
  const bool whole = bytes.size() <= kCharsetSampleBytes;
  const bool utf8 = IsValidUtf8(sample, !whole);
  const bool ascii = std::all_of(sample.begin(), sample.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  // Non-ASCII text that is valid UTF-8 is UTF-8 whatever a label says:
  // documents are often re-saved without fixing their <meta>.
  if (utf8 && !ascii) return DetectCharset(sample, whole);
  for (const std::string& label : {external_label, FindDeclaredCharset(bytes)}) {
    Charset cs;
    if (!label.empty() && CharsetFromLabel(label, &cs) && (cs.decoder != "UTF-8" || utf8)) {
      return cs;
    }
  }
  return DetectCharset(sample, whole, /*markup=*/true);
}

}  // namespace

Status HtmlToText(std::string_view bytes, const HtmlOptions& options, Sink* sink) {
  const Charset cs = ChooseCharset(bytes, options.charset_label);
  if (options.add_encoding_field) sink->AddField("encoding", cs.name);
  std::string utf8;
  {
    TAHQIQ_ASSIGN_OR_RETURN(std::unique_ptr<Decoder> decoder, Decoder::Create(cs.decoder));
    TAHQIQ_RETURN_IF_ERROR(decoder->Decode(bytes.substr(cs.bom_length), true, &utf8));
  }
  if (utf8.size() > INT_MAX) return Status::ResourceExhausted("html: document too large");
  if (utf8.empty()) return Status::Ok();

  SaxState state;
  state.sink = sink;
  state.set_title = options.set_title;
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(utf8.data(), static_cast<int>(utf8.size()));
  if (ctxt == nullptr) return Status::Internal("html: cannot create parser");
  state.ctxt = ctxt;
  // Replace the tree-building handlers: we only want the text.
  std::memset(ctxt->sax, 0, sizeof(*ctxt->sax));
  ctxt->sax->initialized = 1;
  ctxt->sax->startElement = OnStart;
  ctxt->sax->endElement = OnEnd;
  ctxt->sax->characters = OnText;
  ctxt->sax->ignorableWhitespace = OnText;
  ctxt->sax->cdataBlock = OnRawText;
  ctxt->userData = &state;
  htmlCtxtUseOptions(ctxt, kHtmlOptions);
  xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
  htmlParseDocument(ctxt);
  if (ctxt->myDoc != nullptr) xmlFreeDoc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  htmlFreeParserCtxt(ctxt);
  state.ctxt = nullptr;
  state.Flush(true);
  return state.status;
}

Status ExtractHtml(const std::string& path, const Options& options, Sink* sink) {
  TAHQIQ_ASSIGN_OR_RETURN(std::string bytes,
                          ReadWholeFile(path, options.max_in_memory_bytes, "html"));
  return HtmlToText(bytes, HtmlOptions{}, sink);
}

}  // namespace tahqiq::extract::internal
