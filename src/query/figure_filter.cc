#include "query/figure_filter.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

#include "analyze/figures.h"

namespace tahqiq::query {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// 1000000, 1,000,000, 2.5, 10k, 5m, 1.5bn.
bool ParseAmount(std::string_view s, double* v) {
  std::string digits;
  size_t i = 0;
  for (; i < s.size() &&
         (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == ',');
       ++i) {
    if (s[i] != ',') digits.push_back(s[i]);
  }
  if (digits.empty()) return false;
  const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), *v);
  if (r.ec != std::errc() || r.ptr != digits.data() + digits.size()) return false;
  const std::string suffix = Lower(s.substr(i));
  if (suffix.empty()) return true;
  if (suffix == "k") return *v *= 1e3, true;
  if (suffix == "m" || suffix == "mn") return *v *= 1e6, true;
  if (suffix == "b" || suffix == "bn") return *v *= 1e9, true;
  return false;
}

Status Bad(std::string_view word, size_t column, std::string_view why) {
  return Status::InvalidArgument("figure filter '" + std::string(word) + "' at column " +
                                 std::to_string(column) + ": " + std::string(why));
}

struct Word {
  size_t start, end;
  int depth;
  bool quoted;
};

}  // namespace

Result<std::vector<store::FigureQuery>> ExtractFigureFilters(std::string* text) {
  // Split into words as the query lexer does: quotes and parentheses apart.
  std::vector<Word> words;
  const std::string& s = *text;
  int depth = 0;
  for (size_t i = 0; i < s.size();) {
    if (IsSpace(s[i])) {
      ++i;
      continue;
    }
    if (s[i] == '(' || s[i] == ')') {
      depth += s[i] == '(' ? 1 : -1;
      words.push_back({i, i + 1, depth, false});
      ++i;
      continue;
    }
    size_t j = i;
    bool quoted = false;
    while (j < s.size() && !IsSpace(s[j]) && s[j] != '(' && s[j] != ')') {
      if (s[j] == '"') {
        quoted = true;
        const size_t close = s.find('"', j + 1);
        j = close == std::string::npos ? s.size() : close + 1;
      } else {
        ++j;
      }
    }
    words.push_back({i, j, depth, quoted});
    i = j;
  }

  std::vector<store::FigureQuery> groups;
  auto group = [&](const std::string& kind) -> store::FigureQuery& {
    for (auto& g : groups) {
      if (g.kind == kind) return g;
    }
    groups.emplace_back();
    groups.back().kind = kind;
    return groups.back();
  };
  std::vector<size_t> taken;
  for (size_t w = 0; w < words.size(); ++w) {
    const Word& word = words[w];
    if (word.quoted) continue;
    const std::string_view raw = std::string_view(s).substr(word.start, word.end - word.start);
    const size_t column = word.start + 1;
    const std::string lower = Lower(raw);
    bool is_filter = false;
    // kind op value
    for (std::string_view kind : {"money", "quantity", "percent", "ratio"}) {
      if (lower.compare(0, kind.size(), kind) != 0 || lower.size() == kind.size()) continue;
      std::string_view rest = std::string_view(lower).substr(kind.size());
      if (rest[0] != '<' && rest[0] != '>' && rest[0] != '=') continue;
      is_filter = true;
      std::string_view op = rest.substr(0, rest.size() > 1 && rest[1] == '=' ? 2 : 1);
      rest.remove_prefix(op.size());
      double v = 0;
      if (!ParseAmount(rest, &v)) {
        return Bad(raw, column,
                   "expected a number after '" + std::string(op) +
                       "' (e.g. 1000000, 2.5, 10k, 5m, 1.5bn)");
      }
      store::FigureQuery& g = group(std::string(kind));
      if (op == "<" || op == "<=" || op == "=") {
        g.max = v;
        g.max_inclusive = op != "<";
      }
      if (op == ">" || op == ">=" || op == "=") {
        g.min = v;
        g.min_inclusive = op != ">";
      }
      break;
    }
    if (!is_filter && lower.rfind("currency:", 0) == 0) {
      is_filter = true;
      std::string code(raw.substr(9));
      for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (code.size() != 3 ||
          !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        return Bad(raw, column, "expected an ISO 4217 code such as USD, EUR, ILS, SAR");
      }
      group("money").currency = code;
    }
    if (!is_filter && lower.rfind("unit:", 0) == 0) {
      is_filter = true;
      const std::string unit(raw.substr(5));
      if (unit.empty()) return Bad(raw, column, "expected a unit such as hour, day, GB, user");
      // Canonical units are lower-case words or unit symbols (GB, km).
      bool symbol = std::any_of(unit.begin(), unit.end(),
                                [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
      group("quantity").unit = symbol ? unit : Lower(unit);
    }
    if (!is_filter && lower.rfind("date:", 0) == 0) {
      is_filter = true;
      const std::string_view spec = raw.substr(5);
      const size_t dots = spec.find("..");
      const std::string_view a = dots == std::string_view::npos ? spec : spec.substr(0, dots);
      const std::string_view b = dots == std::string_view::npos ? spec : spec.substr(dots + 2);
      if (a.empty() && b.empty()) {
        return Bad(raw, column, "expected a date or range: 2023, 2023-10, 2023-10-05, A..B");
      }
      store::FigureQuery& g = group("date");
      std::string lo, hi, unused;
      if (!a.empty() && !analyze::IsoDateBounds(a, &lo, &unused)) {
        return Bad(raw, column,
                   "'" + std::string(a) + "' is not a date (2023, 2023-10, 2023-10-05)");
      }
      if (!b.empty() && !analyze::IsoDateBounds(b, &unused, &hi)) {
        return Bad(raw, column,
                   "'" + std::string(b) + "' is not a date (2023, 2023-10, 2023-10-05)");
      }
      if (!lo.empty() && !hi.empty() && lo > hi) {
        return Bad(raw, column, "the range ends before it starts");
      }
      g.date_lo = lo;
      g.date_hi = hi;
    }
    if (!is_filter) continue;
    if (word.depth > 0) {
      return Bad(raw, column,
                 "figure filters apply to the whole query; move it out of parentheses");
    }
    auto is_op = [&](size_t k) {
      const std::string_view o =
          std::string_view(s).substr(words[k].start, words[k].end - words[k].start);
      return o == "OR" || o == "||" || o == "NOT";
    };
    if ((w > 0 && is_op(w - 1)) || (w + 1 < words.size() && is_op(w + 1)) || raw[0] == '-') {
      return Bad(raw, column, "figure filters cannot be combined with OR or NOT");
    }
    taken.push_back(w);
    // "contract AND money>5": the AND goes with the filter.
    auto is_and = [&](size_t k) {
      const std::string_view o =
          std::string_view(s).substr(words[k].start, words[k].end - words[k].start);
      return o == "AND" || o == "&&";
    };
    if (w > 0 && is_and(w - 1)) {
      taken.push_back(w - 1);
    } else if (w + 1 < words.size() && is_and(w + 1)) {
      taken.push_back(w + 1);
    }
  }
  for (size_t w : taken) {
    std::fill(text->begin() + static_cast<ptrdiff_t>(words[w].start),
              text->begin() + static_cast<ptrdiff_t>(words[w].end), ' ');
  }
  return groups;
}

}  // namespace tahqiq::query
