#include <string.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <vector>

#include "analyze/name_key.h"
#include "query/figure_filter.h"
#include "query/query.h"

namespace tahqiq::query {

namespace {

// A word is marked when one of the terms it is indexed under is one the
// query searched, field by field, so the surface form found through a stem,
// an alternative, its loose form or a name key is marked too.
bool IsHit(const analyze::Token& token, const MatchTerms& terms) {
  const index::TokenTerms t = index::TermsOf(token);
  auto has = [](const std::vector<std::string>& v, std::string_view x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  if (has(terms.exact, t.exact) || (!t.loose.empty() && has(terms.loose, t.loose))) return true;
  for (const auto& stem : t.stem) {
    if (has(terms.stems, stem)) return true;
  }
  if (!terms.names.empty()) {
    for (const auto& key : analyze::TokenNameKeys(token)) {
      if (has(terms.names, key)) return true;
    }
  }
  return false;
}

index::QueryNode FilterNode(const std::string& term) {
  index::QueryNode f;
  f.kind = index::QueryNode::Kind::kFilter;
  f.term = term;
  return f;
}

index::QueryNode And(index::QueryNode a, index::QueryNode b) {
  index::QueryNode both;
  both.kind = index::QueryNode::Kind::kAnd;
  both.children.push_back(std::move(a));
  both.children.push_back(std::move(b));
  return both;
}

// Whether the query searches the words of the original paths.
bool SearchesPaths(const index::QueryNode& n) {
  return std::find(n.fields.begin(), n.fields.end(), index::prefix::kPath) != n.fields.end() ||
         std::any_of(n.children.begin(), n.children.end(), SearchesPaths);
}

// Documents whose id is in `ids` (in any order, repeats allowed).
index::QueryNode DocIdsNode(std::vector<int64_t> ids) {
  index::QueryNode docs;
  docs.kind = ids.empty() ? index::QueryNode::Kind::kMatchNothing : index::QueryNode::Kind::kDocIds;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  docs.doc_ids = std::move(ids);
  return docs;
}

// OR of one prefixed term per non-empty value; nullopt (no filter) when
// there are no values.
std::optional<index::QueryNode> TermsNode(const char* prefix,
                                          const std::vector<std::string>& values, bool fold) {
  index::QueryNode any;
  any.kind = index::QueryNode::Kind::kOr;
  for (std::string v : values) {
    if (v.empty()) continue;
    if (fold) {
      for (char& c : v) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
    }
    any.children.push_back(FilterNode(prefix + v));
  }
  if (any.children.empty()) return std::nullopt;
  return any;
}

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool AsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Where analysis may start: a little before the first place where the
// bytes of a searched exact form or stem occur (ASCII letters compared
// without case), so a chunk whose match is far in is not analysed from its
// start (this was most of a search's CPU in the server, bench/serve, and of
// a CLI search's after start-up). 0 when the match is near the start or no
// form occurs as such (a match through a loose form or a name key, or text
// that differs from its normalized form): then everything is analysed. The
// snippet then shows the first match found from there, which can differ
// from the document's very first match only when an earlier one differs
// from every searched form.
size_t SkipToLikelyHit(std::string_view text, const MatchTerms& terms, size_t piece) {
  if (text.size() <= 2 * piece) return 0;
  std::vector<std::string_view> forms;
  size_t longest = 0;
  for (const auto* v : {&terms.exact, &terms.stems}) {
    for (const auto& f : *v) {
      if (f.size() < 3) continue;
      forms.push_back(f);
      longest = std::max(longest, f.size());
    }
  }
  if (forms.empty()) return 0;
  // Searched forms are case-folded; when one has Latin letters, an
  // ASCII-lowered copy of the text lets the library's substring search
  // (memchr/memcmp) do the scanning.
  const bool latin = std::any_of(forms.begin(), forms.end(), [](std::string_view f) {
    return std::any_of(f.begin(), f.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  });
  // The text is searched (and lowered) in growing prefixes: the first match
  // is usually near the start, and chunks run to 256 KiB. An occurrence
  // that starts at least `longest - 1` bytes before a prefix's end is the
  // first in the whole text: no earlier one can reach past that end.
  std::string lowered;
  size_t first = std::string_view::npos;
  size_t from = 0;
  for (size_t end = std::min(text.size(), 4 * piece);; end = std::min(text.size(), 2 * end)) {
    std::string_view low = text.substr(0, end);
    if (latin) {
      const size_t had = lowered.size();
      lowered.append(text.substr(had, end - had));
      for (size_t i = had; i < end; ++i) {
        char& c = lowered[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      low = lowered;
    }
    for (std::string_view f : forms) {
      // memmem rather than string_view::find, which stops at every byte
      // equal to the form's first: in Hebrew or Arabic text, every other
      // byte (0xD7, 0xD8, 0xD9 lead most letters).
      // A form that starts with a Latin letter, found right after another
      // Latin letter, is inside a longer word ("cloud" in "gcloud"): no
      // word starts between two letters, and every form of a word starts
      // at the word's start, so that place cannot be a match; the search
      // goes on past it.
      const bool inside_words = AsciiLetter(f[0]);
      for (size_t at = from; at < low.size();) {
        const void* hit = ::memmem(low.data() + at, low.size() - at, f.data(), f.size());
        if (hit == nullptr) break;
        const size_t found = static_cast<size_t>(static_cast<const char*>(hit) - low.data());
        if (inside_words && found > 0 && AsciiLetter(text[found - 1])) {
          at = found + 1;
          continue;
        }
        first = std::min(first, found);
        break;
      }
    }
    const size_t settled = end == text.size() ? end : end - std::min(end, longest - 1);
    if (end == text.size() || (first != std::string_view::npos && first < settled)) break;
    first = std::string_view::npos;  // Found again (or an earlier one) in the next prefix.
    from = settled;
  }
  if (first == std::string_view::npos || first < piece) return 0;
  // Start after a line break or space some way before it, never inside a
  // word or a UTF-8 sequence.
  const size_t back = first - piece / 2;
  const size_t cut = text.find_first_of(" \n\t\f", back);
  return cut == std::string_view::npos || cut >= first ? 0 : cut + 1;
}

}  // namespace

index::QueryNode CollectionFilter(const std::vector<std::string>& names,
                                  const std::vector<std::string>& known) {
  index::QueryNode any;
  any.kind = index::QueryNode::Kind::kOr;
  for (const auto& n : names) {
    any.children.push_back(FilterNode(index::prefix::kCollection + n));
  }
  if (Contains(names, store::kDefaultCollection)) {
    // Documents with no collection term at all are in the default one.
    index::QueryNode tagged;
    tagged.kind = index::QueryNode::Kind::kOr;
    for (const auto& n : known)
      tagged.children.push_back(FilterNode(index::prefix::kCollection + n));
    for (const auto& n : names)
      tagged.children.push_back(FilterNode(index::prefix::kCollection + n));
    index::QueryNode untagged;
    untagged.kind = index::QueryNode::Kind::kAndNot;
    index::QueryNode all;
    all.kind = index::QueryNode::Kind::kMatchAll;
    untagged.children.push_back(std::move(all));
    untagged.children.push_back(std::move(tagged));
    any.children.push_back(std::move(untagged));
  }
  if (any.children.empty()) any.kind = index::QueryNode::Kind::kMatchNothing;
  return any;
}

std::vector<std::pair<uint32_t, uint32_t>> MarkMatches(std::string_view text,
                                                       const MatchTerms& terms,
                                                       analyze::Analyzer& analyzer) {
  std::vector<analyze::Token> tokens;
  analyzer.Analyze(text, 1, &tokens);
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const auto& t : tokens) {
    if (IsHit(t, terms)) out.emplace_back(t.start, t.end);
  }
  return out;
}

Snippet MakeSnippet(std::string_view text, const MatchTerms& terms, analyze::Analyzer& analyzer,
                    size_t max_words) {
  Snippet out;
  if (text.empty() || max_words == 0) return out;
  // Snippets come from one chunk (up to ~256 KiB); analysing it again is
  // cheaper than storing per-token offsets in the index. It is analysed in
  // pieces, and analysis stops a few windows past the first match: most of
  // a long chunk never needs it (on a CLI search this was most of the cost).
  // Pieces start small and double: most matches are near the start, where a
  // 16 KiB first piece analysed five times more text than a snippet needs.
  size_t piece = 1 << 10;
  constexpr size_t kMaxPiece = 64 << 10;
  // Tokens wanted past the first match (the window loop below looks at
  // windows starting up to 4 * max_words past it).
  const size_t lookahead = 5 * max_words;
  std::vector<analyze::Token> tokens;
  // About what the loop below analyses when the match is near the start;
  // growing the vector from empty moved every token eight times.
  tokens.reserve(lookahead + 2 * max_words);
  std::vector<char> hit;
  size_t first_hit = std::string_view::npos;
  uint32_t pos = 0;
  const bool no_terms =
      terms.exact.empty() && terms.stems.empty() && terms.loose.empty() && terms.names.empty();
  // Only Latin words that begin like a searched form need their stems (a
  // sixth of a `kernel` search's instructions went to stemming the others).
  uint32_t initials = 0;
  for (const auto* v : {&terms.exact, &terms.stems, &terms.loose}) {
    for (const auto& t : *v) initials |= analyze::Analyzer::LatinInitialBit(t);
  }
  // Half a KiB before the first likely match leaves room for the words of
  // every window that contains it (windows before it contain no match).
  const size_t from_off = SkipToLikelyHit(text, terms, 1 << 10);
  for (size_t off = from_off; off < text.size();) {
    if (first_hit != std::string_view::npos) {
      // Past the first match, analyse about what the remaining tokens need
      // (bytes per token so far, plus a quarter), not a doubled piece.
      const size_t want = first_hit + lookahead + 1 - tokens.size();
      const size_t per_token =
          std::max<size_t>(1, (off - from_off) / std::max<size_t>(1, tokens.size()));
      piece = std::clamp<size_t>(want * per_token + want * per_token / 4, 256, kMaxPiece);
    }
    size_t len = std::min(piece, text.size() - off);
    piece = std::min(piece * 2, kMaxPiece);
    if (off + len < text.size()) {
      // End the piece after a space or line break, never inside a word.
      const size_t cut = text.substr(off, len).find_last_of(" \n\t\f");
      if (cut != std::string_view::npos && cut > len / 2) {
        len = cut + 1;
      } else {
        // No space in sight: at least never inside a UTF-8 sequence.
        while (len > 1 && (static_cast<unsigned char>(text[off + len]) & 0xC0) == 0x80) --len;
      }
    }
    const size_t before = tokens.size();
    if (no_terms) {
      // Only the first max_words words are shown: the piece is analysed in
      // small steps, each ending after a space, until there are enough
      // (the same words as analysing it whole; a quarter of the work for a
      // figure-only query's rows).
      for (size_t done = 0; done < len && tokens.size() < max_words;) {
        size_t step = std::min<size_t>(256, len - done);
        if (done + step < len) {
          const size_t cut = text.substr(off + done, step).find_last_of(" \n\t\f");
          step = cut != std::string_view::npos ? cut + 1 : len - done;
        }
        const size_t at = tokens.size();
        pos = analyzer.Analyze(text.substr(off + done, step), pos, &tokens);
        for (size_t i = at; i < tokens.size(); ++i) {
          tokens[i].start += static_cast<uint32_t>(done);
          tokens[i].end += static_cast<uint32_t>(done);
        }
        done += step;
      }
    } else {
      pos = analyzer.AnalyzeForInitials(text.substr(off, len), pos, &tokens, initials);
    }
    for (size_t i = before; i < tokens.size(); ++i) {
      tokens[i].start += static_cast<uint32_t>(off);
      tokens[i].end += static_cast<uint32_t>(off);
    }
    hit.resize(tokens.size(), 0);
    for (size_t i = before; i < tokens.size(); ++i) {
      hit[i] = IsHit(tokens[i], terms);
      if (hit[i] && first_hit == std::string_view::npos) first_hit = i;
    }
    off += len;
    // The window loop below looks at windows starting up to 4 * max_words
    // past the first match.
    if (first_hit != std::string_view::npos && tokens.size() > first_hit + lookahead) break;
    // Nothing to mark (a figure- or filter-only query): the first piece
    // gives the snippet.
    if (no_terms) break;
  }
  if (tokens.empty()) {
    // Regression: fuzz/crashers/query/snippet_cut_midchar. Cut at a
    // character boundary, never inside a UTF-8 sequence.
    size_t n = std::min<size_t>(text.size(), 200);
    while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    out.text = std::string(text.substr(0, n));
    return out;
  }
  // Slide a window of max_words tokens; score = distinct matched forms, then
  // total matches, so a window with every query word beats repetition of one.
  size_t best_start = 0;
  std::pair<size_t, size_t> best_score{0, 0};
  size_t n = tokens.size();
  size_t w = std::min(max_words, n);
  // Each window counts its matches from the list of matched positions, and
  // its distinct forms in a small vector (a hash set per window was a tenth
  // of a snippet's instructions, most of them allocation).
  std::vector<size_t> hit_at;
  for (size_t i = 0; i < n; ++i) {
    if (hit[i]) hit_at.push_back(i);
  }
  std::vector<std::string_view> distinct;
  size_t next_hit = 0;  // First entry of hit_at at or after `start`.
  for (size_t start = 0; start + w <= n; ++start) {
    // Windows start up to 4 * max_words past the first match, whatever was
    // analysed beyond (so the snippet does not depend on piece sizes).
    if (first_hit != std::string_view::npos && start > first_hit + 4 * max_words) break;
    if (start > 0 && !hit[start + w - 1] && !hit[start - 1]) continue;
    while (next_hit < hit_at.size() && hit_at[next_hit] < start) ++next_hit;
    distinct.clear();
    size_t total = 0;
    for (size_t k = next_hit; k < hit_at.size() && hit_at[k] < start + w; ++k) {
      std::string_view form = tokens[hit_at[k]].exact;
      if (std::find(distinct.begin(), distinct.end(), form) == distinct.end()) {
        distinct.push_back(form);
      }
      ++total;
    }
    std::pair<size_t, size_t> score{distinct.size(), total};
    if (score > best_score) {
      best_score = score;
      best_start = start;
    }
  }
  // Start a few words before the first match so it has context.
  if (best_score.first > 0) {
    size_t first = best_start;
    while (first < best_start + w && !hit[first]) ++first;
    size_t lead = std::min<size_t>(4, first);
    best_start = std::max<size_t>(best_start, first - lead);
    if (best_start + w > n) best_start = n - w;
  }
  size_t from = tokens[best_start].start;
  size_t to = tokens[best_start + w - 1].end;
  out.text = std::string(text.substr(from, to - from));
  for (size_t i = best_start; i < best_start + w; ++i) {
    if (hit[i]) {
      out.marks.emplace_back(static_cast<uint32_t>(tokens[i].start - from),
                             static_cast<uint32_t>(tokens[i].end - from));
    }
  }
  // Newlines and tabs inside a one-line snippet read as spaces.
  for (char& c : out.text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == '\f') c = ' ';
  }
  return out;
}

Result<SearchResponse> Search(std::string_view text, const SearchOptions& options,
                              store::Store& store, index::Index& index,
                              analyze::Analyzer& analyzer) {
  // ---- figures ----
  // Figure filters (query/figure_filter.h) select documents from the
  // store's figures table; the search is restricted to them as a document
  // id set (index.h, kDocIds). Each kind's set is read once from an index
  // on (kind, value).
  std::string rest(text);
  TAHQIQ_ASSIGN_OR_RETURN(std::vector<store::FigureQuery> figure_filters,
                          ExtractFigureFilters(&rest));
  index::QueryNode q;
  // An empty query (or only figure filters) matches every document.
  if (rest.find_first_not_of(" \t\r\n") != std::string::npos) {
    TAHQIQ_ASSIGN_OR_RETURN(q, ParseQuery(rest, analyzer));
  } else {
    q.kind = index::QueryNode::Kind::kMatchAll;
  }
  TAHQIQ_RETURN_IF_ERROR(ResolveEntityFilters(&q, store, analyzer));
  if (!figure_filters.empty()) {
    std::vector<int64_t> ids;
    for (size_t i = 0; i < figure_filters.size(); ++i) {
      TAHQIQ_ASSIGN_OR_RETURN(std::vector<int64_t> found, store.FigureDocuments(figure_filters[i]));
      if (i == 0) {
        ids = std::move(found);
      } else {
        std::vector<int64_t> both;
        std::set_intersection(ids.begin(), ids.end(), found.begin(), found.end(),
                              std::back_inserter(both));
        ids = std::move(both);
      }
    }
    q = And(std::move(q), DocIdsNode(std::move(ids)));
  }
  // ---- end figures ----
  // Snippets mark the words of the query, not of the filters added below.
  MatchTerms terms = CollectTerms(q);
  if (options.restrict_collections) {
    q = And(std::move(q), CollectionFilter(options.collections, options.known_collections));
  }
  if (options.restrict_collections && SearchesPaths(q)) {
    // Provenance records no collection, so the path of a document that is
    // also in a collection the caller cannot read may be that newsroom's
    // folder (search rows and the viewer hide it). Its path words must not
    // find it either, nor exclude it under NOT.
    index::QueryNode others;
    others.kind = index::QueryNode::Kind::kOr;
    for (const auto& n : options.known_collections) {
      if (!Contains(options.collections, n)) {
        others.children.push_back(FilterNode(index::prefix::kCollection + n));
      }
    }
    if (!others.children.empty()) {
      index::QueryNode kept;
      kept.kind = index::QueryNode::Kind::kAndNot;
      kept.children.push_back(std::move(q));
      kept.children.push_back(std::move(others));
      q = std::move(kept);
    }
  }
  if (std::any_of(options.filter_collections.begin(), options.filter_collections.end(),
                  [](const std::string& c) { return !c.empty(); })) {
    q = And(std::move(q), CollectionFilter(options.filter_collections, options.known_collections));
  }
  if (auto t = TermsNode(index::prefix::kType, options.filter_types, true)) {
    q = And(std::move(q), std::move(*t));
  }
  if (auto l = TermsNode(index::prefix::kLang, options.filter_langs, true)) {
    q = And(std::move(q), std::move(*l));
  }
  if (!options.filter_years.empty()) {
    std::vector<int64_t> ids;
    for (const auto& y : options.filter_years) {
      if (y.empty()) continue;
      TAHQIQ_ASSIGN_OR_RETURN(std::vector<int64_t> found, store.DocumentsOfYear(y));
      ids.insert(ids.end(), found.begin(), found.end());
    }
    q = And(std::move(q), DocIdsNode(std::move(ids)));  // Sorts and drops repeats.
  }
  if (options.only_documents) q = And(std::move(q), DocIdsNode(*options.only_documents));
  TAHQIQ_ASSIGN_OR_RETURN(index::SearchResult found,
                          index.Search(q, options.offset, options.limit));
  SearchResponse resp;
  resp.estimated_total = found.estimated_total;
  resp.total_lower = found.total_lower;
  resp.total_upper = found.total_upper;
  for (const auto& h : found.hits) {
    auto doc = store.GetDocumentWithoutFields(h.doc_id);
    // The index is derived data and may briefly hold a document the store
    // does not (never the reverse): such a hit is left out but counted, so
    // the caller can say results are missing. Any other failure to read the
    // store fails the search, like a failure to read the snippet's chunk.
    if (!doc.ok()) {
      if (doc.status().code() != StatusCode::kNotFound) return doc.status();
      ++resp.skipped;
      continue;
    }
    ResultRow row;
    row.id = h.doc_id;
    row.score = h.score;
    row.sha256 = doc->doc.sha256;
    row.type = doc->doc.type;
    row.lang = doc->doc.lang;
    row.title = doc->doc.title;
    row.status = doc->doc.status;
    for (const auto& c : doc->collections) {
      if (!options.restrict_collections || Contains(options.collections, c)) {
        row.collections.push_back(c);
      }
    }
    // Backstop behind the index filter: a row the caller may not read is
    // never returned, whatever the index says about its collections.
    if (options.restrict_collections && row.collections.empty()) continue;
    // Provenance records no collection: when the document is also in a
    // collection the caller cannot read, its path may be that newsroom's
    // folder, so none is shown.
    if (!doc->provenance.empty() && row.collections.size() == doc->collections.size()) {
      const auto& p = doc->provenance.front();
      row.path = p.member.empty() ? p.path : p.path + "!" + p.member;
    }
    TAHQIQ_RETURN_IF_ERROR(store.WithChunk(h.doc_id, h.chunk, [&](std::string_view chunk) {
      row.snippet = MakeSnippet(chunk, terms, analyzer);
    }));
    resp.rows.push_back(std::move(row));
  }
  if (options.entity_facets > 0 || options.facets) {
    TAHQIQ_ASSIGN_OR_RETURN(std::vector<int64_t> docs, index.MatchingDocuments(q, kFacetDocuments));
    if (options.entity_facets > 0) {
      TAHQIQ_ASSIGN_OR_RETURN(resp.entity_facets, store.EntityFacets(docs, options.entity_facets));
    }
    if (options.facets) {
      TAHQIQ_ASSIGN_OR_RETURN(resp.facets, store.DocumentFacets(docs));
      resp.facet_documents = std::move(docs);  // Not used below.
      if (options.restrict_collections) {
        // A readable document may also be in a collection this user cannot
        // see; that collection's name is not shown.
        auto& c = resp.facets.collection;
        c.erase(
            std::remove_if(c.begin(), c.end(),
                           [&](const auto& f) { return !Contains(options.collections, f.first); }),
            c.end());
      }
    }
  }
  return resp;
}

}  // namespace tahqiq::query
