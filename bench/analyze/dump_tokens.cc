// Prints how the analyzer indexes and queries words, one input line each:
//
//   analyze_dump < words.txt
//
// Output, tab-separated, one line per token of each input line:
//   line number, exact, primary stem, index alternatives (comma-separated),
//   loose, query alternatives, name keys (comma-separated).
// For measurements (conflation statistics, relevance harness); not a test.
#include <iostream>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/name_key.h"

namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += ',';
    out += s;
  }
  return out;
}

}  // namespace

int main() {
  auto created = tahqiq::analyze::Analyzer::Create();
  if (!created.ok()) {
    std::cerr << created.status().ToString() << "\n";
    return 1;
  }
  auto& analyzer = **created;
  std::string line;
  size_t n = 0;
  std::vector<tahqiq::analyze::Token> index, query;
  while (std::getline(std::cin, line)) {
    ++n;
    index.clear();
    query.clear();
    analyzer.Analyze(line, 1, &index);
    analyzer.AnalyzeQuery(line, 1, &query);
    for (size_t i = 0; i < index.size(); ++i) {
      const auto& t = index[i];
      std::cout << n << '\t' << t.exact << '\t' << (t.stem.empty() ? t.exact : t.stem) << '\t'
                << Join(t.alts) << '\t' << t.loose << '\t'
                << (i < query.size() ? Join(query[i].alts) : "") << '\t'
                << Join(tahqiq::analyze::NameKeys(t.exact)) << '\n';
    }
  }
  return 0;
}
