// The term sets of index.h: what a query word searches, what a token
// stores. Both the Xapian index and the snippet marker use these, so that
// highlighting agrees with matching.
#include <algorithm>

#include "index/index.h"

namespace tahqiq::index {
namespace {

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

std::vector<SearchTerm> ExpandWord(const Word& w, bool exact_only) {
  using F = SearchTerm::Field;
  std::vector<SearchTerm> out;
  out.push_back({F::kExact, w.exact, kExactWeight});
  if (exact_only) return out;
  const std::string& primary = w.stem.empty() ? w.exact : w.stem;
  std::vector<std::string> stems{primary};
  for (const auto& a : w.alts) {
    if (!Contains(stems, a)) stems.push_back(a);
  }
  for (const auto& s : stems) {
    out.push_back({F::kStem, s, kStemWeight});
    if (s != w.exact) out.push_back({F::kExact, s, kStemWeight});
  }
  const std::string& loose = w.loose.empty() ? primary : w.loose;
  out.push_back({F::kLoose, loose, kLooseWeight});
  if (!Contains(stems, loose)) {
    out.push_back({F::kStem, loose, kLooseWeight});
    if (loose != w.exact) out.push_back({F::kExact, loose, kLooseWeight});
  }
  return out;
}

TokenTerms TermsOf(const analyze::Token& t) {
  TokenTerms out;
  ForEachTermOf(t, [&](SearchTerm::Field field, std::string_view term) {
    switch (field) {
      case SearchTerm::Field::kExact:
        out.exact = term;
        break;
      case SearchTerm::Field::kStem:
        out.stem.push_back(term);
        break;
      case SearchTerm::Field::kLoose:
        out.loose = term;
        break;
    }
  });
  return out;
}

}  // namespace tahqiq::index
