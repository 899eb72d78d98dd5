// One Analyzer per fuzz process, shared by the targets that analyze text.
#ifndef TAHQIQ_FUZZ_FUZZ_ANALYZER_H_
#define TAHQIQ_FUZZ_FUZZ_ANALYZER_H_

#include <utility>

#include "analyze/analyzer.h"
#include "fuzz_util.h"

namespace tahqiq::fuzz {

// libFuzzer runs inputs on one thread, so one instance serves them all.
inline analyze::Analyzer& GetAnalyzer() {
  static analyze::Analyzer* analyzer = [] {
    auto created = analyze::Analyzer::Create();
    FUZZ_CHECK(created.ok(), "Analyzer::Create: %s", created.status().ToString().c_str());
    return std::move(created).value().release();
  }();
  return *analyzer;
}

}  // namespace tahqiq::fuzz

#endif  // TAHQIQ_FUZZ_FUZZ_ANALYZER_H_
