// Analyzer throughput in MB per CPU-second (one thread, so "per core").
//
//   analyze_throughput FILE...
//
// Reads the files, analyzes their text in 256 KiB chunks (as ingest does)
// several times, and prints bytes, tokens and MB/s measured with the
// thread's CPU clock, so a busy machine does not skew the number. Mix the
// input (Arabic, Hebrew, English) to measure "mixed text".
#include <time.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/name_key.h"

namespace {

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE...\n", argv[0]);
    return 2;
  }
  std::string text;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", argv[i]);
      return 1;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    text += ss.str();
    text += '\n';
  }
  auto created = tahqiq::analyze::Analyzer::Create();
  if (!created.ok()) {
    std::fprintf(stderr, "%s\n", created.status().ToString().c_str());
    return 1;
  }
  auto& analyzer = **created;
  constexpr size_t kChunk = 256 * 1024;
  constexpr int kRounds = 3;
  std::vector<tahqiq::analyze::Token> tokens;
  size_t token_count = 0, alternatives = 0, loose = 0, name_keys = 0;
  double best = 1e30;
  for (int round = 0; round < kRounds; ++round) {
    const double t0 = CpuSeconds();
    token_count = alternatives = loose = 0;
    for (size_t off = 0; off < text.size(); off += kChunk) {
      // Cut at a line end so no word is split between chunks.
      size_t end = std::min(text.size(), off + kChunk);
      tokens.clear();
      analyzer.Analyze(std::string_view(text).substr(off, end - off), 1, &tokens);
      token_count += tokens.size();
      for (const auto& t : tokens) {
        alternatives += t.alts.size();
        loose += !t.loose.empty();
      }
    }
    best = std::min(best, CpuSeconds() - t0);
  }
  // Name keys are computed by the index writer threads, not by Analyze();
  // measured over the same tokens, first with TokenNameKeys' per-thread memo
  // cold, then warm (as after the first documents of an ingest).
  double keys_time = 1e30, keys_cold = 0;
  for (int round = 0; round < kRounds; ++round) {
    const double t0 = CpuSeconds();
    name_keys = 0;
    for (size_t off = 0; off < text.size(); off += kChunk) {
      size_t end = std::min(text.size(), off + kChunk);
      tokens.clear();
      analyzer.Analyze(std::string_view(text).substr(off, end - off), 1, &tokens);
      for (const auto& t : tokens) name_keys += tahqiq::analyze::TokenNameKeys(t).size();
    }
    keys_time = std::min(keys_time, CpuSeconds() - t0);
    if (round == 0) keys_cold = CpuSeconds() - t0;
  }
  const double mb = static_cast<double>(text.size()) / 1e6;
  std::printf("bytes %zu  tokens %zu  alternatives %zu  loose %zu  name keys %zu\n", text.size(),
              token_count, alternatives, loose, name_keys);
  std::printf("analyze: %.1f MB/s per core (%.3f s CPU)\n", mb / best, best);
  std::printf(
      "analyze + name keys: %.1f MB/s per core (%.3f s CPU; first pass, memo cold: %.1f MB/s)\n",
      mb / keys_time, keys_time, mb / keys_cold);
  return 0;
}
