// Precision/recall of analyze::EntityFinder on a labeled set, and its speed.
//
//   entities_score LABELED_DIR [--dump FILE.txt] [--speed FILE...]
//
// LABELED_DIR/<lang>/<name>.txt is a text, <name>.gold.tsv its mentions in
// text order, one "kind<TAB>surface text" per line (see bench/entities/
// SOURCES.md for the labeling rules). A found mention is correct when its
// byte span equals a gold mention's and its kind class agrees (the name
// kinds org, name and quoted form one class; others are their own kind).
// Prints one line per language and kind: gold, found, correct, precision,
// recall; then MB per CPU-second over the labeled texts (and the --speed
// files), names included (each text analyzed, then searched).
// --dump prints what the finder finds in FILE.txt in the gold format.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/entities.h"

namespace fs = std::filesystem;
using tahqiq::analyze::EntityFinder;
using tahqiq::analyze::EntityMention;

namespace {

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Class(const std::string& kind) {
  return tahqiq::analyze::IsNameKind(kind) ? "name" : kind;
}

struct Counts {
  int gold = 0, found = 0, correct_p = 0, correct_r = 0;
};

double Cpu() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr
        << "usage: entities_score LABELED_DIR [--errors] [--dump FILE.txt] [--speed FILE...]\n"
           "  --errors  prints each miss (FN) and false mention (FP) on stderr\n";
    return 2;
  }
  auto analyzer = tahqiq::analyze::Analyzer::Create();
  auto finder = EntityFinder::Create({});
  if (!analyzer.ok() || !finder.ok()) return 1;
  std::vector<std::string> speed_files;
  bool errors = false;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--errors") errors = true;
    if (a == "--dump" && i + 1 < argc) {
      const std::string text = Read(argv[++i]);
      for (const EntityMention& m : (*finder)->Find(text, **analyzer)) {
        std::cout << m.kind << '\t' << m.text << '\n';
      }
      return 0;
    }
    if (a == "--speed") {
      for (++i; i < argc; ++i) speed_files.push_back(argv[i]);
    }
  }
  std::map<std::pair<std::string, std::string>, Counts> table;  // (lang, kind)
  std::vector<std::string> texts;
  int bad = 0;
  for (const auto& lang_dir : fs::directory_iterator(argv[1])) {
    if (!lang_dir.is_directory()) continue;
    const std::string lang = lang_dir.path().filename();
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(lang_dir)) {
      if (f.path().extension() == ".txt") files.push_back(f.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      const std::string text = Read(f);
      texts.push_back(text);
      fs::path gold_path = f;
      gold_path.replace_extension(".gold.tsv");
      std::istringstream gold_in(Read(gold_path));
      struct Gold {
        std::string kind;
        size_t start, end;
        bool hit = false;
      };
      std::vector<Gold> gold;
      size_t from = 0;
      for (std::string line; std::getline(gold_in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const size_t tab = line.find('\t');
        if (tab == std::string::npos) continue;
        const std::string surface = line.substr(tab + 1);
        const size_t at = text.find(surface, from);
        if (at == std::string::npos) {
          std::cerr << gold_path.string() << ": not found after byte " << from << ": " << line
                    << "\n";
          ++bad;
          continue;
        }
        gold.push_back({line.substr(0, tab), at, at + surface.size()});
        from = at + 1;
      }
      for (const Gold& g : gold) table[{lang, g.kind}].gold++;
      for (const EntityMention& m : (*finder)->Find(text, **analyzer)) {
        Counts& c = table[{lang, m.kind}];
        c.found++;
        bool hit = false;
        for (Gold& g : gold) {
          if (!g.hit && g.start == m.start && g.end == m.end && Class(g.kind) == Class(m.kind)) {
            g.hit = hit = true;
            c.correct_p++;
            table[{lang, g.kind}].correct_r++;
            break;
          }
        }
        if (errors && !hit) {
          std::cerr << "FP " << f.filename().string() << '\t' << m.kind << '\t' << m.text << '\n';
        }
      }
      for (const Gold& g : gold) {
        if (errors && !g.hit) {
          std::cerr << "FN " << f.filename().string() << '\t' << g.kind << '\t'
                    << text.substr(g.start, g.end - g.start) << '\n';
        }
      }
    }
  }
  std::printf("%-4s %-8s %5s %5s %7s %9s %6s\n", "lang", "kind", "gold", "found", "correct",
              "precision", "recall");
  std::map<std::string, Counts> per_lang;
  for (const auto& [key, c] : table) {
    Counts& t = per_lang[key.first];
    t.gold += c.gold;
    t.found += c.found;
    t.correct_p += c.correct_p;
    t.correct_r += c.correct_r;
  }
  auto ratio = [](int num, int den) {
    if (den == 0) return std::string("-");
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(num) / den);
    return std::string(buf);
  };
  auto row = [&](const std::string& lang, const std::string& kind, const Counts& c) {
    std::printf("%-4s %-8s %5d %5d %7d %9s %6s\n", lang.c_str(), kind.c_str(), c.gold, c.found,
                c.correct_p, ratio(c.correct_p, c.found).c_str(),
                ratio(c.correct_r, c.gold).c_str());
  };
  for (const auto& [key, c] : table) row(key.first, key.second, c);
  for (const auto& [lang, c] : per_lang) row(lang, "ALL", c);

  for (const std::string& f : speed_files) texts.push_back(Read(f));
  size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  size_t total = 0, found = 0;
  const double t0 = Cpu();
  int rounds = 0;
  while (Cpu() - t0 < 2.0 || rounds < 1) {
    for (const auto& t : texts) found += (*finder)->Find(t, **analyzer).size();
    total += bytes;
    ++rounds;
  }
  const double secs = Cpu() - t0;
  std::printf("speed: %.1f MB per CPU-second (%.2f MB in %d rounds, %.2f s; analysis included)\n",
              total / secs / 1e6, bytes / 1e6, rounds, secs);
  // At ingest the tokens already exist (the indexer's analysis): the rules
  // alone.
  std::vector<std::vector<tahqiq::analyze::Token>> tokens(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) (*analyzer)->Analyze(texts[i], 0, &tokens[i]);
  total = 0;
  rounds = 0;
  const double t1 = Cpu();
  while (Cpu() - t1 < 2.0 || rounds < 1) {
    for (size_t i = 0; i < texts.size(); ++i) found += (*finder)->Find(texts[i], tokens[i]).size();
    total += bytes;
    ++rounds;
  }
  const double secs2 = Cpu() - t1;
  std::printf("speed: %.1f MB per CPU-second (rules only, tokens given; %d rounds, %.2f s)\n",
              total / secs2 / 1e6, rounds, secs2);
  std::fprintf(stderr, "(%zu mentions found while timing)\n", found);
  return bad == 0 ? 0 : 1;
}
