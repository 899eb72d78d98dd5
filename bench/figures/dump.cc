// figures_dump: the figure extractor over labeled-set sentences, and its speed.
//
//   figures_dump < ids_and_sentences.tsv   prints "id<TAB>figures" per line, each
//       figure as "kind value [unit|currency][~]" (~: approximate), " | " between them
//   figures_dump --bench FILE...            MB of text per CPU-second (one thread)
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "analyze/figures.h"

namespace {

std::string Compact(const tahqiq::analyze::Figure& f) {
  using tahqiq::analyze::FigureKind;
  std::string out(tahqiq::analyze::FigureKindName(f.kind));
  out += ' ';
  if (f.kind == FigureKind::kDate || f.kind == FigureKind::kDateRange) {
    out += f.date;
  } else {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, f.value, std::chars_format::fixed);
    out.append(buf, r.ptr);
  }
  if (!f.currency.empty())
    out += " " + f.currency;
  else if (!f.unit.empty())
    out += " " + f.unit;
  if (f.approx) out += "~";
  return out;
}

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "--bench") {
    std::vector<std::string> texts;
    size_t bytes = 0;
    for (int i = 2; i < argc; ++i) {
      std::ifstream in(argv[i], std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "figures_dump: cannot read %s\n", argv[i]);
        return 1;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      texts.push_back(ss.str());
      bytes += texts.back().size();
    }
    size_t figures = 0;
    const double t0 = CpuSeconds();
    int rounds = 0;
    do {
      for (const std::string& t : texts) {
        // Chunks of 256 KiB, as ingest stores them.
        for (size_t off = 0; off < t.size(); off += 256 * 1024) {
          figures +=
              tahqiq::analyze::FindFigures(std::string_view(t).substr(off, 256 * 1024)).size();
        }
      }
      ++rounds;
    } while (CpuSeconds() - t0 < 3.0);
    const double s = CpuSeconds() - t0;
    std::printf("%.1f MB/s per core (%zu bytes x %d rounds in %.2f CPU s, %zu figures per round)\n",
                bytes * rounds / s / 1e6, bytes, rounds, s, figures / rounds);
    return 0;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string out;
    for (const auto& f : tahqiq::analyze::FindFigures(std::string_view(line).substr(tab + 1))) {
      if (!out.empty()) out += " | ";
      out += Compact(f);
    }
    std::cout << line.substr(0, tab) << '\t' << out << '\n';
  }
  return 0;
}
