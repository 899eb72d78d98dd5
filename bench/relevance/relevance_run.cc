// Runs judged queries over one language's documents in every compared
// configuration and writes one TREC run file per configuration.
//
//   relevance_run LANG DOCS.tsv QUERIES.tsv OUTDIR
//
// DOCS.tsv: document id, tab, text (bench/relevance/prepare.py).
// QUERIES.tsv: query id, tab, AND or OR, tab, query words.
// Writes OUTDIR/run-LANG-CONFIG.txt with the top 100 documents per query.
//
// Every configuration shares ICU word segmentation (tahqiq's Analyzer) and
// Xapian BM25 with default parameters, so only the term analysis differs:
//   none      tahqiq's normalized exact form, no stemming
//   lucene    Arabic: Lucene's ArabicAnalyzer chain re-implemented from the
//             published algorithms (lower case, Arabic-Indic digits, the
//             ArabicNormalizer, the light10 stemmer of Larkey et al.);
//             Hebrew: Lucene's StandardAnalyzer (lower case only, marks
//             kept); English: possessive removal + Porter (EnglishAnalyzer)
//   snowball  libstemmer on the normalized form: arabic, english (no
//             Snowball Hebrew exists)
//   tahqiq    the real index (index::OpenLocalIndex, its exact/stem/loose
//             fields) and the real query parser (query::ParseQuery)
#include <libstemmer.h>
#include <unistd.h>
#include <xapian.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "index/index.h"
#include "query/query.h"

namespace {

using tahqiq::analyze::Analyzer;
using tahqiq::analyze::Token;

constexpr size_t kDepth = 100;

struct Doc {
  std::string id, text;
};
struct Query {
  std::string id, op, text;
};

std::vector<std::vector<std::string>> ReadTsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    rows.push_back(cols);
  }
  return rows;
}

// --- UTF-8 <-> UTF-32, enough for well-formed analyzer output.
std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += static_cast<size_t>(n);
  }
  return out;
}
std::string Encode(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::u32string LowerAscii(std::u32string w) {
  for (auto& c : w) {
    if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
  }
  return w;
}

// Lucene ArabicAnalyzer, from the published description: DecimalDigitFilter,
// ArabicNormalizer (alef forms -> ALEF, ALEF MAKSURA -> YEH, TEH MARBUTA ->
// HEH, tatweel and the eight harakat removed) and the light10 stemmer (one
// prefix of ال وال بال كال فال لل و, then each suffix of ها ان ات ون ين يه
// ية ه ة ي in turn, keeping at least two letters; و only from words of four
// letters or more).
std::string LuceneArabic(std::string_view surface) {
  std::u32string w = LowerAscii(Decode(surface));
  std::u32string n;
  for (char32_t c : w) {
    if (c >= 0x0660 && c <= 0x0669) c = U'0' + (c - 0x0660);
    if (c >= 0x06F0 && c <= 0x06F9) c = U'0' + (c - 0x06F0);
    if (c == 0x0640 || (c >= 0x064B && c <= 0x0652)) continue;
    if (c == 0x0622 || c == 0x0623 || c == 0x0625) c = 0x0627;
    if (c == 0x0649) c = 0x064A;
    if (c == 0x0629) c = 0x0647;
    n.push_back(c);
  }
  static const std::vector<std::u32string> kPrefixes = {U"ال",  U"وال", U"بال", U"كال",
                                                        U"فال", U"لل",  U"و"};
  static const std::vector<std::u32string> kSuffixes = {U"ها", U"ان", U"ات", U"ون", U"ين",
                                                        U"يه", U"ية", U"ه",  U"ة",  U"ي"};
  for (const auto& p : kPrefixes) {
    if (p.size() == 1 && n.size() < 4) continue;
    if (n.size() < p.size() + 2) continue;
    if (n.compare(0, p.size(), p) == 0) {
      n.erase(0, p.size());
      break;
    }
  }
  for (const auto& s : kSuffixes) {
    if (n.size() < s.size() + 2) continue;
    if (n.compare(n.size() - s.size(), s.size(), s) == 0) n.resize(n.size() - s.size());
  }
  return Encode(n);
}

// Lucene EnglishAnalyzer: EnglishPossessiveFilter then Porter (libstemmer's
// "porter" is the original Porter algorithm, as Lucene's PorterStemFilter).
class Stemmer {
 public:
  explicit Stemmer(const char* algo) : s_(sb_stemmer_new(algo, "UTF_8")) {}
  ~Stemmer() {
    if (s_) sb_stemmer_delete(s_);
  }
  std::string Stem(const std::string& w) {
    const sb_symbol* r = sb_stemmer_stem(s_, reinterpret_cast<const sb_symbol*>(w.data()),
                                         static_cast<int>(w.size()));
    return r ? std::string(reinterpret_cast<const char*>(r),
                           static_cast<size_t>(sb_stemmer_length(s_)))
             : w;
  }
  bool ok() const { return s_ != nullptr; }

 private:
  sb_stemmer* s_;
};

std::string Possessive(std::string w) {
  for (const char* s : {"'s", "\xE2\x80\x99s"}) {
    const std::string suf(s);
    if (w.size() > suf.size() && w.compare(w.size() - suf.size(), suf.size(), suf) == 0) {
      w.resize(w.size() - suf.size());
    }
  }
  return w;
}

using TermFn = std::function<std::string(const Token&, std::string_view surface)>;

void WriteRun(
    const std::string& path, const std::string& config,
    const std::vector<std::pair<std::string, std::vector<std::pair<size_t, double>>>>& res,
    const std::vector<Doc>& docs) {
  std::ofstream out(path);
  for (const auto& [qid, hits] : res) {
    size_t rank = 1;
    for (const auto& [d, score] : hits) {
      out << qid << " Q0 " << docs[d].id << ' ' << rank++ << ' ' << score << ' ' << config << '\n';
    }
  }
}

// A baseline: one temporary Xapian database with the terms of `fn`.
void RunBaseline(const std::string& config, const TermFn& fn, Analyzer& analyzer,
                 const std::vector<Doc>& docs, const std::vector<Query>& queries,
                 const std::string& out_path) {
  const std::string dir = out_path + ".db";
  std::filesystem::remove_all(dir);
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
  std::vector<Token> toks;
  for (const auto& d : docs) {
    toks.clear();
    analyzer.Analyze(d.text, 0, &toks);
    Xapian::Document xd;
    for (const auto& t : toks) {
      std::string term = fn(t, std::string_view(d.text).substr(t.start, t.end - t.start));
      if (!term.empty() && term.size() < 200) xd.add_term(term);
    }
    db.add_document(xd);
  }
  db.commit();
  std::vector<std::pair<std::string, std::vector<std::pair<size_t, double>>>> res;
  for (const auto& q : queries) {
    toks.clear();
    analyzer.AnalyzeQuery(q.text, 0, &toks);
    std::vector<Xapian::Query> terms;
    for (const auto& t : toks) {
      terms.emplace_back(fn(t, std::string_view(q.text).substr(t.start, t.end - t.start)));
    }
    Xapian::Enquire enq(db);
    enq.set_weighting_scheme(Xapian::BM25Weight());
    enq.set_query(Xapian::Query(q.op == "OR" ? Xapian::Query::OP_OR : Xapian::Query::OP_AND,
                                terms.begin(), terms.end()));
    Xapian::MSet m = enq.get_mset(0, kDepth);
    std::vector<std::pair<size_t, double>> hits;
    for (auto it = m.begin(); it != m.end(); ++it) hits.emplace_back(*it - 1, it.get_weight());
    res.emplace_back(q.id, std::move(hits));
  }
  WriteRun(out_path, config, res, docs);
  db.close();
  std::filesystem::remove_all(dir);
}

// tahqiq: the real index and query parser, one shard in a temporary folder.
int RunTahqiq(Analyzer& analyzer, const std::vector<Doc>& docs, const std::vector<Query>& queries,
              const std::string& out_dir, const std::string& out_path) {
  namespace ix = tahqiq::index;
  const std::string dir = out_dir + "/index-tahqiq";
  std::filesystem::remove_all(dir);
  {
    auto w = ix::OpenLocalIndex(dir, 1, ix::OpenMode::kRecreate);
    if (!w.ok()) {
      std::fprintf(stderr, "%s\n", w.status().ToString().c_str());
      return 1;
    }
    for (size_t i = 0; i < docs.size(); ++i) {
      ix::ChunkEntry e;
      e.doc_id = static_cast<int64_t>(i + 1);
      analyzer.Analyze(docs[i].text, 0, &e.body);
      auto st = (*w)->AddChunk(std::move(e));
      if (!st.ok()) {
        std::fprintf(stderr, "%s\n", st.ToString().c_str());
        return 1;
      }
    }
    auto st = (*w)->Commit(1);
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.ToString().c_str());
      return 1;
    }
  }
  auto r = ix::OpenLocalIndex(dir, 1, ix::OpenMode::kRead);
  if (!r.ok()) {
    std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
    return 1;
  }
  std::vector<std::pair<std::string, std::vector<std::pair<size_t, double>>>> res;
  for (const auto& q : queries) {
    std::string text = q.text;
    if (q.op == "OR") {
      std::vector<Token> toks;
      analyzer.AnalyzeQuery(q.text, 0, &toks);
      text.clear();
      for (const auto& t : toks) {
        if (!text.empty()) text += " OR ";
        text += q.text.substr(t.start, t.end - t.start);
      }
    }
    auto node = tahqiq::query::ParseQuery(text, analyzer);
    std::vector<std::pair<size_t, double>> hits;
    if (node.ok()) {
      auto found = (*r)->Search(*node, 0, kDepth);
      if (found.ok()) {
        for (const auto& h : found->hits) {
          hits.emplace_back(static_cast<size_t>(h.doc_id - 1), h.score);
        }
      } else {
        std::fprintf(stderr, "%s: %s\n", q.id.c_str(), found.status().ToString().c_str());
      }
    } else {
      std::fprintf(stderr, "%s: %s\n", q.id.c_str(), node.status().ToString().c_str());
    }
    res.emplace_back(q.id, std::move(hits));
  }
  WriteRun(out_path, "tahqiq", res, docs);
  uintmax_t bytes = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) bytes += e.file_size();
  }
  std::fprintf(stderr, "tahqiq index: %zu documents, %.1f MB\n", docs.size(),
               static_cast<double>(bytes) / 1e6);
  std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s LANG DOCS.tsv QUERIES.tsv OUTDIR\n", argv[0]);
    return 2;
  }
  const std::string lang = argv[1], out_dir = argv[4];
  std::vector<Doc> docs;
  for (auto& row : ReadTsv(argv[2])) {
    if (row.size() >= 2) docs.push_back({row[0], row[1]});
  }
  std::vector<Query> queries;
  for (auto& row : ReadTsv(argv[3])) {
    if (row.size() >= 3) queries.push_back({row[0], row[1], row[2]});
  }
  auto created = Analyzer::Create();
  if (!created.ok()) {
    std::fprintf(stderr, "%s\n", created.status().ToString().c_str());
    return 1;
  }
  Analyzer& analyzer = **created;
  std::filesystem::create_directories(out_dir);
  auto path = [&](const std::string& c) { return out_dir + "/run-" + lang + "-" + c + ".txt"; };

  RunBaseline(
      "none", [](const Token& t, std::string_view) { return t.exact; }, analyzer, docs, queries,
      path("none"));
  if (lang == "ar") {
    RunBaseline(
        "lucene", [](const Token&, std::string_view s) { return LuceneArabic(s); }, analyzer, docs,
        queries, path("lucene"));
  } else if (lang == "he") {
    RunBaseline(
        "lucene", [](const Token&, std::string_view s) { return Encode(LowerAscii(Decode(s))); },
        analyzer, docs, queries, path("lucene"));
  } else {
    Stemmer porter("porter");
    RunBaseline(
        "lucene",
        [&](const Token&, std::string_view s) {
          return porter.Stem(Possessive(Encode(LowerAscii(Decode(s)))));
        },
        analyzer, docs, queries, path("lucene"));
  }
  if (lang == "ar" || lang == "en") {
    Stemmer snowball(lang == "ar" ? "arabic" : "english");
    if (!snowball.ok()) {
      std::fprintf(stderr, "libstemmer has no %s stemmer\n", lang.c_str());
      return 1;
    }
    RunBaseline(
        "snowball", [&](const Token& t, std::string_view) { return snowball.Stem(t.exact); },
        analyzer, docs, queries, path("snowball"));
  }
  return RunTahqiq(analyzer, docs, queries, out_dir, path("tahqiq"));
}
