#include "query/watchlist.h"

#include <algorithm>
#include <map>
#include <set>

#include "analyze/entities.h"
#include "analyze/name_key.h"
#include "query/query.h"

namespace tahqiq::query {
namespace {

struct Form {
  std::string text;
  std::vector<analyze::Token> words;  // AnalyzeQuery() of the text.
  std::vector<std::string> keys;      // Name keys of >= 3 classes.
};

bool KeysMeet(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const auto& k : a) {
    if (std::find(b.begin(), b.end(), k) != b.end()) return true;
  }
  return false;
}

// Quotes are dropped: the form is searched as a phrase of its words.
std::string Unquoted(const std::string& s) {
  std::string out;
  for (char c : s) out.push_back(c == '"' ? ' ' : c);
  return out;
}

void MatchChunk(const std::string& text, uint64_t offset, const std::vector<Form>& forms,
                analyze::Analyzer& analyzer, std::vector<WatchHit>* out, const WatchHit& proto) {
  std::vector<analyze::Token> tokens;
  analyzer.Analyze(text, 0, &tokens);
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (const Form& f : forms) {
      const size_t n = f.words.size();
      double score = 0;
      std::string how;
      size_t len = 0;
      if (n > 0 && i + n <= tokens.size()) {
        analyze::MatchLevel worst = analyze::MatchLevel::kExact;
        for (size_t k = 0; k < n && worst != analyze::MatchLevel::kNone; ++k) {
          worst = std::min(worst, analyze::Match(f.words[k], tokens[i + k]));
        }
        switch (worst) {
          case analyze::MatchLevel::kExact:
            score = 1.0, how = "exact";
            break;
          case analyze::MatchLevel::kStem:
            score = 0.8, how = "stem";
            break;
          case analyze::MatchLevel::kLoose:
            score = 0.7, how = "loose";
            break;
          default:
            break;
        }
        len = n;
      }
      if (score == 0 && !f.keys.empty() && !analyze::TokenNameKeys(tokens[i]).empty()) {
        // Another script may spell the name in more or fewer words.
        for (size_t k = std::max<size_t>(n, 2) - 1; k <= n + 1 && i + k <= tokens.size(); ++k) {
          if (k == 0) continue;
          const std::string_view span(text.data() + tokens[i].start,
                                      tokens[i + k - 1].end - tokens[i].start);
          if (KeysMeet(analyze::NameKeys(span), f.keys)) {
            score = 0.5, how = "name-key", len = k;
            break;
          }
        }
      }
      if (score == 0) continue;
      WatchHit h = proto;
      h.alias = f.text;
      h.start = offset + tokens[i].start;
      h.end = offset + tokens[i + len - 1].end;
      h.text = text.substr(tokens[i].start, tokens[i + len - 1].end - tokens[i].start);
      h.score = score;
      h.how = how;
      out->push_back(std::move(h));
    }
  }
}

}  // namespace

Result<std::vector<WatchHit>> WatchlistHits(const std::vector<store::Store::WatchedName>& names,
                                            store::Store& store, index::Index& index,
                                            analyze::Analyzer& analyzer, size_t max_docs,
                                            const index::QueryNode* within) {
  std::vector<WatchHit> all;
  for (const auto& w : names) {
    std::vector<Form> forms;
    index::QueryNode any;
    any.kind = index::QueryNode::Kind::kOr;
    std::vector<std::string> texts{w.name};
    texts.insert(texts.end(), w.aliases.begin(), w.aliases.end());
    for (const std::string& t : texts) {
      Form f;
      f.text = t;
      analyzer.AnalyzeQuery(t, 0, &f.words);
      for (std::string& k : analyze::NameKeys(t)) {
        if (k.size() >= 3) f.keys.push_back(std::move(k));
      }
      if (f.words.empty()) continue;
      const std::string q = Unquoted(t);
      for (const std::string& query : {"\"" + q + "\"", "name:\"" + q + "\""}) {
        auto node = ParseQuery(query, analyzer);
        if (node.ok()) any.children.push_back(std::move(*node));
      }
      forms.push_back(std::move(f));
    }
    if (forms.empty()) continue;
    if (within != nullptr) {
      index::QueryNode both;
      both.kind = index::QueryNode::Kind::kAnd;
      both.children.push_back(std::move(any));
      both.children.push_back(*within);
      any = std::move(both);
    }
    TAHQIQ_ASSIGN_OR_RETURN(index::SearchResult found, index.Search(any, 0, max_docs));
    std::set<int64_t> docs;
    for (const auto& h : found.hits) docs.insert(h.doc_id);
    WatchHit proto;
    proto.name_id = w.id;
    proto.name = w.name;
    for (int64_t doc : docs) {
      proto.doc_id = doc;
      std::vector<WatchHit> hits;
      uint64_t offset = 0;
      TAHQIQ_RETURN_IF_ERROR(store.ReadChunks(doc, [&](const store::TextChunk& c) {
        MatchChunk(c.text, offset, forms, analyzer, &hits, proto);
        offset += c.text.size();
        return Status::Ok();
      }));
      // Best first, then keep the hits that do not overlap a better one.
      std::stable_sort(hits.begin(), hits.end(), [](const WatchHit& a, const WatchHit& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.end - a.start > b.end - b.start;
      });
      for (WatchHit& h : analyze::KeepDisjoint(std::move(hits))) all.push_back(std::move(h));
    }
  }
  return all;
}

}  // namespace tahqiq::query
