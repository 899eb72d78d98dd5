// RTF: text, title and author of Rich Text Format files.
//
// Written here because Debian has no RTF reading library (only programs such
// as unrtf, and spawning one per file is what this pipeline avoids). The
// grammar is small: groups, control words with an optional numeric
// parameter, control symbols, \'hh bytes in the current code page and \uN
// characters followed by \ucN fallback characters to skip.
//
// Arabic and Hebrew RTF files usually declare \ansicpg1252 and carry their
// text as \'hh bytes under a font whose \fcharset is 178 (Arabic) or 177
// (Hebrew): the code page therefore follows the current font, which is why
// the font table is read rather than skipped.
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/file_util.h"
#include "extract/internal.h"

namespace tahqiq::extract::internal {
namespace {

// Deeper nesting than this is no document anyone wrote; refusing it keeps
// the state stack bounded.
constexpr size_t kMaxDepth = 4096;

// Windows code page of an RTF \fcharset value, 0 if unknown.
int CodePageOfCharset(int charset) {
  switch (charset) {
    case 0:
      return 1252;
    case 77:
      return 10000;
    case 128:
      return 932;
    case 129:
      return 949;
    case 134:
      return 936;
    case 136:
      return 950;
    case 161:
      return 1253;
    case 162:
      return 1254;
    case 163:
      return 1258;
    case 177:
      return 1255;
    case 178:
      return 1256;
    case 186:
      return 1257;
    case 204:
      return 1251;
    case 222:
      return 874;
    case 238:
      return 1250;
    default:
      return 0;
  }
}

std::string CodePageLabel(int cp) {
  if (cp == 10000) return "macintosh";
  if (cp == 932) return "Shift_JIS";
  if (cp == 936) return "GBK";
  if (cp == 949) return "windows-949";
  if (cp == 950) return "Big5";
  if (cp == 874) return "windows-874";
  return "windows-" + std::to_string(cp);
}

// Where the characters of the current group go.
enum class Dest { kText, kSkip, kFontTable, kInfoField };

struct GroupState {
  Dest dest = Dest::kText;
  int uc = 1;         // Fallback characters after \uN.
  int code_page = 0;  // 0: the document default.
  std::string field;  // kInfoField: "title", "author"...
};

// Destinations whose content is not document text.
bool IsSkippedDestination(std::string_view w) {
  static const std::string_view kSkip[] = {
      "colortbl", "stylesheet", "listtable", "listoverridetable", "revtbl", "rsidtbl", "generator",
      "pict", "objdata", "themedata", "colorschememapping", "datastore", "latentstyles", "xmlnstbl",
      "fldinst", "bkmkstart", "bkmkend", "filetbl", "pgdsctbl", "mmathPr", "protusertbl",
      "wgrffmtfilter", "xmlopen", "defchp", "defpap", "nonshppict", "sp", "sn", "sv", "fchars",
      "lchars", "pnseclvl", "panose", "falt", "template", "docvar", "userprops", "passwordhash",
      "blipuid",
      // The rendered number or bullet of a list item.
      "listtext", "pntext"};
  for (std::string_view s : kSkip) {
    if (w == s) return true;
  }
  return false;
}

std::string_view InfoField(std::string_view w) {
  if (w == "title") return "title";
  if (w == "author") return "author";
  if (w == "subject") return "subject";
  if (w == "operator") return "last-author";
  if (w == "company") return "company";
  if (w == "keywords") return "keywords";
  return "";
}

class RtfReader {
 public:
  RtfReader(std::string_view in, Sink* sink) : in_(in), sink_(sink), out_(sink) {}

  Status Run() {
    if (in_.substr(0, 5) != "{\\rtf") return Status::Corrupt("rtf: no {\\rtf header");
    while (pos_ < in_.size()) {
      const char c = in_[pos_];
      if (c == '{') {
        ++pos_;
        if (stack_.size() >= kMaxDepth) return Status::Corrupt("rtf: groups nested too deeply");
        Flush();
        stack_.push_back(Top());
        skip_fallback_ = 0;
        continue;
      }
      if (c == '}') {
        ++pos_;
        Flush();
        EndGroup();
        skip_fallback_ = 0;
        TAHQIQ_RETURN_IF_ERROR(out_.Flush());
        continue;
      }
      if (c == '\\') {
        TAHQIQ_RETURN_IF_ERROR(Control());
        continue;
      }
      ++pos_;
      if (c == '\r' || c == '\n') continue;  // Line breaks in the file are not text.
      if (skip_fallback_ > 0) {
        --skip_fallback_;
        continue;
      }
      Byte(c);
    }
    Flush();
    for (const auto& [name, value] : info_) {
      if (value.empty()) continue;
      if (name == "title") {
        sink_->SetTitle(value);
      } else {
        sink_->AddField(name, value);
      }
    }
    sink_->AddField("encoding", CodePageLabel(default_cp_));
    return out_.Flush(/*final=*/true);
  }

 private:
  GroupState Top() const { return stack_.empty() ? GroupState{} : stack_.back(); }
  GroupState& Cur() {
    if (stack_.empty()) stack_.emplace_back();
    return stack_.back();
  }

  void EndGroup() {
    if (stack_.empty()) return;
    const GroupState closing = stack_.back();
    stack_.pop_back();
    if (closing.dest == Dest::kFontTable && font_ >= 0) {
      fonts_[font_] = font_charset_;
      font_ = -1;
      font_charset_ = -1;
    }
  }

  int CodePage() {
    const int cp = Cur().code_page;
    return cp != 0 ? cp : default_cp_;
  }

  // A byte of text in the current code page.
  void Byte(char c) {
    if (Cur().dest == Dest::kSkip || Cur().dest == Dest::kFontTable) return;
    const int cp = CodePage();
    if (!pending_.empty() && pending_cp_ != cp) Flush();
    pending_cp_ = cp;
    pending_ += c;
  }

  // Converts the pending bytes and appends them where they belong.
  void Flush() {
    if (pending_.empty()) return;
    Text(ToUtf8(pending_, CodePageLabel(pending_cp_)));
    pending_.clear();
  }

  void Text(std::string_view utf8) {
    GroupState& g = Cur();
    if (g.dest == Dest::kText) {
      if (cell_pending_) out_.Append('\t');
      cell_pending_ = false;
      out_.Append(utf8);
    } else if (g.dest == Dest::kInfoField) {
      info_[g.field].append(utf8);
    }
  }

  void Char(char32_t cp) {
    Flush();
    std::string s;
    AppendUtf8(cp, &s);
    Text(s);
  }

  void Break(char c) {
    Flush();
    if (Cur().dest != Dest::kText) return;
    if (c == 'c') {
      // A cell ends: a tab, unless the row ends next.
      if (cell_pending_) out_.Append('\t');
      cell_pending_ = true;
      return;
    }
    if (c == '\n') cell_pending_ = false;
    if (cell_pending_) out_.Append('\t');
    cell_pending_ = false;
    if (c == '\n') {
      out_.Newline();
    } else {
      out_.Append(c);
    }
  }

  int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  Status Control() {
    ++pos_;  // The backslash.
    if (pos_ >= in_.size()) return Status::Ok();
    const char c = in_[pos_];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      ++pos_;
      return Symbol(c);
    }
    const size_t start = pos_;
    while (pos_ < in_.size() && pos_ - start < 32 &&
           ((in_[pos_] >= 'a' && in_[pos_] <= 'z') || (in_[pos_] >= 'A' && in_[pos_] <= 'Z'))) {
      ++pos_;
    }
    const std::string_view word = in_.substr(start, pos_ - start);
    bool has_param = false;
    long param = 0;
    bool negative = false;
    if (pos_ < in_.size() && in_[pos_] == '-') {
      negative = true;
      ++pos_;
    }
    int digits = 0;
    while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9') {
      if (digits < 10) param = param * 10 + (in_[pos_] - '0');
      ++digits;
      ++pos_;
    }
    has_param = digits > 0;
    if (negative) param = -param;
    if (pos_ < in_.size() && in_[pos_] == ' ') ++pos_;  // The delimiter space.
    return Word(word, has_param, param);
  }

  Status Symbol(char c) {
    switch (c) {
      case '\\':
      case '{':
      case '}':
        if (skip_fallback_ > 0) {
          --skip_fallback_;
        } else {
          Byte(c);
        }
        return Status::Ok();
      case '~':
        Char(0xA0);
        return Status::Ok();
      case '_':
        Char(0x2011);
        return Status::Ok();
      case '-':
        return Status::Ok();  // Optional hyphen.
      case '*':
        // An ignorable destination: skip it unless it is one we read.
        ignorable_ = true;
        return Status::Ok();
      case '\'': {
        if (pos_ + 2 > in_.size()) return Status::Ok();
        const int hi = HexDigit(in_[pos_]), lo = HexDigit(in_[pos_ + 1]);
        pos_ += 2;
        if (hi < 0 || lo < 0) return Status::Ok();
        if (skip_fallback_ > 0) {
          --skip_fallback_;
          return Status::Ok();
        }
        Byte(static_cast<char>(hi * 16 + lo));
        return Status::Ok();
      }
      case '\r':
      case '\n':
        Break('\n');
        return Status::Ok();  // "\<newline>" is \par.
      case '\t':
        Break('\t');
        return Status::Ok();
      default:
        return Status::Ok();
    }
  }

  Status Word(std::string_view w, bool has_param, long param) {
    GroupState& g = Cur();
    const bool ignorable = ignorable_;
    ignorable_ = false;
    if (w == "bin") {
      // Raw binary data follows; never text.
      const size_t n = has_param && param > 0 ? static_cast<size_t>(param) : 0;
      pos_ = n > in_.size() - pos_ ? in_.size() : pos_ + n;
      return Status::Ok();
    }
    if (skip_fallback_ > 0) {
      // A control word counts as one fallback character.
      --skip_fallback_;
      return Status::Ok();
    }
    if (w == "u" && has_param) {
      long v = param;
      if (v < 0) v += 65536;
      if (g.dest == Dest::kText || g.dest == Dest::kInfoField) {
        // Surrogate pairs arrive as two \u words.
        if (v >= 0xD800 && v <= 0xDBFF) {
          high_surrogate_ = static_cast<char32_t>(v);
        } else if (v >= 0xDC00 && v <= 0xDFFF && high_surrogate_ != 0) {
          Char(0x10000 + ((high_surrogate_ - 0xD800) << 10) + (static_cast<char32_t>(v) - 0xDC00));
          high_surrogate_ = 0;
        } else {
          Char(static_cast<char32_t>(v));
        }
      }
      skip_fallback_ = g.uc;
      return Status::Ok();
    }
    if (w == "uc") {
      g.uc = has_param && param >= 0 && param < 16 ? static_cast<int>(param) : 1;
      return Status::Ok();
    }
    if (w == "ansicpg" && has_param && param > 0 && param < 100000) {
      default_cp_ = static_cast<int>(param);
      return Status::Ok();
    }
    if (w == "mac") {
      default_cp_ = 10000;
      return Status::Ok();
    }
    if (w == "fonttbl") {
      g.dest = Dest::kFontTable;
      return Status::Ok();
    }
    if (g.dest == Dest::kFontTable) {
      if (w == "f" && has_param) {
        if (font_ >= 0) fonts_[font_] = font_charset_;
        font_ = static_cast<int>(param);
        font_charset_ = -1;
      } else if (w == "fcharset" && has_param) {
        font_charset_ = static_cast<int>(param);
      }
      return Status::Ok();
    }
    if (w == "f" && has_param) {
      Flush();
      auto it = fonts_.find(static_cast<int>(param));
      g.code_page = it != fonts_.end() ? CodePageOfCharset(it->second) : 0;
      return Status::Ok();
    }
    if (w == "info") {
      // Only the fields named below are read; others (comments, link bases)
      // are not body text.
      g.dest = Dest::kSkip;
      return Status::Ok();
    }
    if (const std::string_view field = InfoField(w); !field.empty()) {
      Flush();
      // Some writers repeat a field; the first one counts.
      g.dest = info_.count(std::string(field)) ? Dest::kSkip : Dest::kInfoField;
      g.field = std::string(field);
      if (g.dest == Dest::kInfoField) info_[g.field];
      return Status::Ok();
    }
    if (IsSkippedDestination(w) || (ignorable && !IsKeptDestination(w))) {
      Flush();
      g.dest = Dest::kSkip;
      return Status::Ok();
    }
    if (g.dest == Dest::kSkip) return Status::Ok();
    if (w == "par" || w == "line" || w == "row" || w == "sect" || w == "page") {
      Break('\n');
    } else if (w == "tab") {
      Break('\t');
    } else if (w == "cell") {
      Break('c');
    } else {
      static const std::pair<std::string_view, char32_t> kSymbols[] = {
          {"emdash", 0x2014},  {"endash", 0x2013},    {"bullet", 0x2022},    {"lquote", 0x2018},
          {"rquote", 0x2019},  {"ldblquote", 0x201C}, {"rdblquote", 0x201D}, {"emspace", ' '},
          {"enspace", ' '},    {"qmspace", ' '},      {"zwj", 0x200D},       {"zwnj", 0x200C},
          {"rtlmark", 0x200F}, {"ltrmark", 0x200E}};
      for (const auto& [name, cp] : kSymbols) {
        if (w == name) Char(cp);
      }
    }
    return Status::Ok();
  }

  // \* destinations whose text is document text.
  static bool IsKeptDestination(std::string_view w) {
    return w == "shpinst" || w == "shptxt" || w == "fldrslt" || w == "footnote" ||
           w == "annotation" || w == "atnauthor";
  }

  std::string_view in_;
  size_t pos_ = 0;
  Sink* sink_;
  BlockWriter out_;
  std::vector<GroupState> stack_;
  bool ignorable_ = false;
  int skip_fallback_ = 0;
  bool cell_pending_ = false;
  char32_t high_surrogate_ = 0;
  int default_cp_ = 1252;
  std::map<int, int> fonts_;  // Font number -> \fcharset.
  int font_ = -1, font_charset_ = -1;
  std::string pending_;
  int pending_cp_ = 0;
  std::map<std::string, std::string> info_;
};

}  // namespace

Status ExtractRtf(const std::string& path, const Options& options, Sink* sink) {
  auto bytes = ReadFile(path, options.max_in_memory_bytes);
  if (!bytes.ok()) return bytes.status();
  RtfReader reader(*bytes, sink);
  return reader.Run();
}

}  // namespace tahqiq::extract::internal
