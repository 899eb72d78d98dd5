// Recursive-descent parser for the query syntax in query.h.
//
// Xapian's own QueryParser is not used: it tokenizes and normalizes words its
// own way, so Arabic and Hebrew query words would not be analyzed exactly as
// the indexed text is. Here every word goes through tahqiq's Analyzer.
#include <algorithm>
#include <cctype>
#include <map>

#include "analyze/name_key.h"
#include "query/query.h"

namespace tahqiq::query {
namespace {

using index::QueryNode;
using Kind = index::QueryNode::Kind;

enum class Tok { kWord, kPhrase, kLParen, kRParen, kAnd, kOr, kNot, kMinus, kEnd };

struct Lexeme {
  Tok tok = Tok::kEnd;
  std::string text;    // Word or phrase body.
  std::string field;   // "type" in type:pdf, "" if none.
  bool exact = false;  // Leading '='.
  size_t column = 0;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

const std::map<std::string, std::vector<std::string>>& TextFields() {
  static const auto* m = new std::map<std::string, std::vector<std::string>>{
      {"path", {index::prefix::kPath}},   {"from", {index::prefix::kFrom}},
      {"to", {index::prefix::kTo}},       {"subject", {index::prefix::kTitle}},
      {"title", {index::prefix::kTitle}},
  };
  return *m;
}

const std::map<std::string, std::string>& FilterFields() {
  static const auto* m = new std::map<std::string, std::string>{
      {"type", index::prefix::kType},
      {"lang", index::prefix::kLang},
      {"status", index::prefix::kStatus},
  };
  return *m;
}

constexpr const char* kNameField = "name";

bool KnownField(const std::string& f) {
  return TextFields().count(f) || FilterFields().count(f) || f == kNameField || f == "entity";
}

// A '"' between two Hebrew letters is gershayim (צה"ל), part of the word,
// not the start of a phrase. Hebrew letters are U+05D0..U+05EA, in UTF-8
// 0xD7 0x90..0xAA.
bool IsHebrewLetterAt(std::string_view s, size_t i) {
  return i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xD7 &&
         static_cast<unsigned char>(s[i + 1]) >= 0x90 &&
         static_cast<unsigned char>(s[i + 1]) <= 0xAA;
}
bool IsGershayimAt(std::string_view s, size_t i) {
  return s[i] == '"' && i >= 2 && IsHebrewLetterAt(s, i - 2) && IsHebrewLetterAt(s, i + 1);
}

Result<std::vector<Lexeme>> Lex(std::string_view s) {
  std::vector<Lexeme> out;
  size_t i = 0;
  while (i < s.size()) {
    if (IsSpace(s[i])) {
      ++i;
      continue;
    }
    Lexeme lx;
    lx.column = i + 1;
    char c = s[i];
    if (c == '(') {
      lx.tok = Tok::kLParen;
      ++i;
    } else if (c == ')') {
      lx.tok = Tok::kRParen;
      ++i;
    } else if (c == '-' && i + 1 < s.size() && !IsSpace(s[i + 1])) {
      lx.tok = Tok::kMinus;
      ++i;
    } else {
      if (c == '=' && i + 1 < s.size() && !IsSpace(s[i + 1])) {
        lx.exact = true;
        ++i;
      }
      // field:value, field:"phrase"
      size_t j = i;
      while (j < s.size() && (std::isalpha(static_cast<unsigned char>(s[j])))) ++j;
      if (j < s.size() && s[j] == ':' && j > i) {
        std::string f(s.substr(i, j - i));
        std::transform(f.begin(), f.end(), f.begin(), ::tolower);
        if (KnownField(f)) {
          lx.field = f;
          i = j + 1;
        }
      }
      if (i < s.size() && s[i] == '"') {
        size_t end = s.find('"', i + 1);
        // An unclosed quote runs to the end of the query, as users expect.
        if (end == std::string_view::npos) end = s.size();
        lx.tok = Tok::kPhrase;
        lx.text = std::string(s.substr(i + 1, end - i - 1));
        i = std::min(end + 1, s.size());
      } else {
        size_t start = i;
        while (i < s.size() && !IsSpace(s[i]) && s[i] != '(' && s[i] != ')' &&
               (s[i] != '"' || IsGershayimAt(s, i))) {
          ++i;
        }
        lx.text = std::string(s.substr(start, i - start));
        lx.tok = Tok::kWord;
        if (lx.field.empty() && !lx.exact) {
          if (lx.text == "AND" || lx.text == "&&") lx.tok = Tok::kAnd;
          if (lx.text == "OR" || lx.text == "||") lx.tok = Tok::kOr;
          if (lx.text == "NOT") lx.tok = Tok::kNot;
        }
        if (lx.tok == Tok::kWord && lx.text.empty() && !lx.field.empty()) {
          return Status::InvalidArgument("empty value after '" + lx.field + ":' at column " +
                                         std::to_string(lx.column));
        }
      }
    }
    out.push_back(std::move(lx));
  }
  Lexeme end;
  end.tok = Tok::kEnd;
  end.column = s.size() + 1;
  out.push_back(end);
  return out;
}

class Parser {
 public:
  Parser(std::vector<Lexeme> lx, analyze::Analyzer& an) : lx_(std::move(lx)), an_(an) {}

  Result<QueryNode> Parse() {
    if (Peek().tok == Tok::kEnd) return Status::InvalidArgument("empty query");
    TAHQIQ_ASSIGN_OR_RETURN(QueryNode n, OrExpr());
    if (Peek().tok == Tok::kRParen) {
      return Status::InvalidArgument("unbalanced ')' at column " + std::to_string(Peek().column));
    }
    if (Peek().tok != Tok::kEnd) {
      return Status::InvalidArgument("unexpected input at column " + std::to_string(Peek().column));
    }
    return n;
  }

 private:
  const Lexeme& Peek() const { return lx_[pos_]; }
  const Lexeme& Next() { return lx_[pos_ < lx_.size() - 1 ? pos_++ : pos_]; }

  Result<QueryNode> OrExpr() {
    QueryNode node;
    node.kind = Kind::kOr;
    TAHQIQ_ASSIGN_OR_RETURN(QueryNode first, AndExpr());
    node.children.push_back(std::move(first));
    while (Peek().tok == Tok::kOr) {
      Next();
      TAHQIQ_ASSIGN_OR_RETURN(QueryNode n, AndExpr());
      node.children.push_back(std::move(n));
    }
    if (node.children.size() == 1) return std::move(node.children[0]);
    return node;
  }

  Result<QueryNode> AndExpr() {
    std::vector<QueryNode> pos, neg;
    for (;;) {
      Tok t = Peek().tok;
      if (t == Tok::kEnd || t == Tok::kRParen || t == Tok::kOr) break;
      if (t == Tok::kAnd) {
        Next();
        continue;
      }
      bool negate = false;
      if (t == Tok::kNot || t == Tok::kMinus) {
        Next();
        negate = true;
      }
      TAHQIQ_ASSIGN_OR_RETURN(QueryNode p, Primary());
      (negate ? neg : pos).push_back(std::move(p));
    }
    if (pos.empty() && neg.empty()) {
      return Status::InvalidArgument("missing search term at column " +
                                     std::to_string(Peek().column));
    }
    QueryNode positive;
    if (pos.empty()) {
      positive.kind = Kind::kMatchAll;
    } else if (pos.size() == 1) {
      positive = std::move(pos[0]);
    } else {
      positive.kind = Kind::kAnd;
      positive.children = std::move(pos);
    }
    if (neg.empty()) return positive;
    QueryNode negative;
    if (neg.size() == 1) {
      negative = std::move(neg[0]);
    } else {
      negative.kind = Kind::kOr;
      negative.children = std::move(neg);
    }
    QueryNode out;
    out.kind = Kind::kAndNot;
    out.children.push_back(std::move(positive));
    out.children.push_back(std::move(negative));
    return out;
  }

  Result<QueryNode> Primary() {
    const Lexeme& lx = Next();
    switch (lx.tok) {
      case Tok::kLParen: {
        size_t col = lx.column;
        // Each level recurses; a hostile query must not exhaust the stack.
        if (++depth_ > kMaxDepth) {
          return Status::InvalidArgument("parentheses nested deeper than " +
                                         std::to_string(kMaxDepth) + " at column " +
                                         std::to_string(col));
        }
        TAHQIQ_ASSIGN_OR_RETURN(QueryNode n, OrExpr());
        --depth_;
        if (Peek().tok != Tok::kRParen) {
          return Status::InvalidArgument("'(' at column " + std::to_string(col) +
                                         " is never closed");
        }
        Next();
        return n;
      }
      case Tok::kWord:
      case Tok::kPhrase:
        return Leaf(lx);
      case Tok::kAnd:
      case Tok::kOr:
      case Tok::kNot:
      case Tok::kMinus:
      case Tok::kRParen:
      case Tok::kEnd:
        break;
    }
    return Status::InvalidArgument("expected a search term at column " + std::to_string(lx.column));
  }

  Result<QueryNode> Leaf(const Lexeme& lx) {
    QueryNode n;
    auto f = FilterFields().find(lx.field);
    if (f != FilterFields().end()) {
      std::string v = lx.text;
      std::transform(v.begin(), v.end(), v.begin(), ::tolower);
      n.kind = Kind::kFilter;
      n.term = f->second + v;
      return n;
    }
    if (lx.field == "entity") {  // Resolved against the store: ResolveEntityFilters().
      n.kind = Kind::kFilter;
      n.term = std::string(kEntityFilterPrefix) + lx.text;
      return n;
    }
    n.exact_only = lx.exact;
    if (lx.field == kNameField) return NameLeaf(lx);
    auto tf = TextFields().find(lx.field);
    // Bare words search the body and the title.
    n.fields = tf != TextFields().end()
                   ? tf->second
                   : std::vector<std::string>{index::prefix::kBody, index::prefix::kTitle};
    std::vector<analyze::Token> tokens;
    an_.AnalyzeQuery(lx.text, 1, &tokens);
    if (tokens.empty()) {
      // Only punctuation: matches nothing rather than everything.
      n.kind = Kind::kMatchNothing;
      return n;
    }
    for (auto& t : tokens) n.words.push_back(ToWord(std::move(t)));
    // A "word" the analyzer splits (e-mail, بـ10) is searched as a phrase.
    // A quoted phrase also matches other forms of its words at the same
    // positions, below the exact phrase; ="..." keeps it exact.
    n.kind = (lx.tok == Tok::kPhrase || n.words.size() > 1) ? Kind::kPhrase : Kind::kWord;
    return n;
  }

  static index::Word ToWord(analyze::Token t) {
    index::Word w;
    w.exact = std::move(t.exact);
    w.stem = std::move(t.stem);
    w.alts = std::move(t.alts);
    w.loose = std::move(t.loose);
    return w;
  }

  // name:Microsoft, name:"Benjamin Netanyahu": each word by its name keys,
  // or the whole name keyed as one word (Abd al-Rahman = Abdulrahman).
  // Words too short for a key (Ali, al) are left out; a name with no key at
  // all is searched as ordinary words.
  Result<QueryNode> NameLeaf(const Lexeme& lx) {
    std::vector<analyze::Token> tokens;
    an_.AnalyzeQuery(lx.text, 1, &tokens);
    QueryNode words;
    words.kind = Kind::kName;
    for (auto& t : tokens) {
      index::Word w;
      w.names = analyze::NameKeys(t.exact);
      if (w.names.empty()) continue;
      w.exact = std::move(t.exact);
      words.words.push_back(std::move(w));
    }
    if (words.words.empty()) {
      Lexeme plain = lx;
      plain.field.clear();
      return Leaf(plain);
    }
    if (tokens.size() == 1) return words;
    QueryNode whole;
    whole.kind = Kind::kName;
    index::Word w;
    w.names = analyze::NameKeys(lx.text);
    w.exact = lx.text;
    whole.words.push_back(std::move(w));
    QueryNode either;
    either.kind = Kind::kOr;
    either.children.push_back(std::move(words));
    if (!whole.words[0].names.empty()) either.children.push_back(std::move(whole));
    return either.children.size() == 1 ? std::move(either.children[0]) : either;
  }

  static constexpr int kMaxDepth = 64;
  std::vector<Lexeme> lx_;
  size_t pos_ = 0;
  int depth_ = 0;
  analyze::Analyzer& an_;
};

void Collect(const QueryNode& n, bool negated, MatchTerms* out) {
  if (n.kind == Kind::kName) {
    if (negated) return;
    for (const auto& w : n.words)
      out->names.insert(out->names.end(), w.names.begin(), w.names.end());
    return;
  }
  if (n.kind == Kind::kWord || n.kind == Kind::kPhrase || n.kind == Kind::kNear) {
    if (negated) return;
    for (const auto& w : n.words) {
      for (const auto& t : index::ExpandWord(w, n.exact_only)) {
        // Phrases do not search loose forms (they have no positions).
        if (n.words.size() > 1 && t.weight == index::kLooseWeight) continue;
        switch (t.field) {
          case index::SearchTerm::Field::kExact:
            out->exact.push_back(t.term);
            break;
          case index::SearchTerm::Field::kStem:
            out->stems.push_back(t.term);
            break;
          case index::SearchTerm::Field::kLoose:
            out->loose.push_back(t.term);
            break;
        }
      }
    }
    return;
  }
  for (size_t i = 0; i < n.children.size(); ++i) {
    Collect(n.children[i], negated || (n.kind == Kind::kAndNot && i == 1), out);
  }
}

}  // namespace

Result<QueryNode> ParseQuery(std::string_view text, analyze::Analyzer& analyzer) {
  TAHQIQ_ASSIGN_OR_RETURN(std::vector<Lexeme> lx, Lex(text));
  Parser p(std::move(lx), analyzer);
  return p.Parse();
}

MatchTerms CollectTerms(const QueryNode& node) {
  MatchTerms t;
  Collect(node, false, &t);
  auto uniq = [](std::vector<std::string>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  uniq(t.exact);
  uniq(t.stems);
  uniq(t.loose);
  uniq(t.names);
  return t;
}

}  // namespace tahqiq::query
