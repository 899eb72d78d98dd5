// Query: parses the search syntax and runs it against a case.
//
// Syntax (words are ANDed by default):
//   word  "a phrase"  a AND b  a OR b  NOT a  -a  ( ... )
//   =word  ="a phrase"                         exact forms only
//   type:pdf  lang:ar  status:failed          filters (no effect on ranking)
//   path:word  from:word  to:word  subject:word  title:word   field words/phrases
//   name:Microsoft  name:"Benjamin Netanyahu"  a name in any script (name keys)
//   entity:"Unit 8200"  entity:مايكروسوفت  documents where that entity was
//                       found (analyze/entities.h), under any of its aliases
// Query words go through the same Analyzer as indexed text
// (Analyzer::AnalyzeQuery), so the query mirrors index analysis: a word
// searches its exact form, its stem-field forms and its loose form, exact
// matches weighted highest (index::ExpandWord). A quoted phrase matches its
// words in the same order at consecutive positions, each in its exact or a
// stem-field form (not loose), the exact phrase ranked first; =word and
// ="a phrase" match exact forms only. A '"' between two Hebrew letters is
// gershayim (צה"ל), not a phrase.
//
// Thread safety: functions are reentrant; the Analyzer/Store/Index passed in
// must not be used by another thread during the call.
#ifndef TAHQIQ_QUERY_QUERY_H_
#define TAHQIQ_QUERY_QUERY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyze/analyzer.h"
#include "base/status.h"
#include "index/index.h"
#include "store/store.h"

namespace tahqiq::query {

// kInvalidArgument with the column of the problem for malformed queries.
Result<index::QueryNode> ParseQuery(std::string_view text, analyze::Analyzer& analyzer);

// entity:X parses to a kFilter whose term is this prefix + X; the index has
// no such term (it matches nothing) until ResolveEntityFilters() replaces it
// with the ids of the documents that mention an entity X names: an entity
// with X's normalized value (or the value X has as a pattern, e.g. a phone
// number) as an alias, or a name entity sharing X's name keys. Entity
// mentions live in the store, which re-extraction keeps current, so the
// filter never disagrees with it and reindexing needs nothing new.
inline constexpr std::string_view kEntityFilterPrefix = "\x01entity:";
Status ResolveEntityFilters(index::QueryNode* query, store::Store& store,
                            analyze::Analyzer& analyzer);

// Terms a query looks for, per index field (index::ExpandWord), used to
// mark the words of a snippet that matched: exact forms, stem-field forms,
// loose forms and name keys.
struct MatchTerms {
  std::vector<std::string> exact, stems, loose, names;
};
MatchTerms CollectTerms(const index::QueryNode& node);

struct Snippet {
  std::string text;                                  // UTF-8, an excerpt of the document.
  std::vector<std::pair<uint32_t, uint32_t>> marks;  // Byte ranges in `text` that matched.
};

// Byte ranges of the words of `text` that match `terms` (the same test as
// snippet marks), for marking query hits in a whole paragraph.
std::vector<std::pair<uint32_t, uint32_t>> MarkMatches(std::string_view text,
                                                       const MatchTerms& terms,
                                                       analyze::Analyzer& analyzer);

// Best window of about `max_words` words of `text` around query matches.
Snippet MakeSnippet(std::string_view text, const MatchTerms& terms, analyze::Analyzer& analyzer,
                    size_t max_words = 30);

struct SearchOptions {
  size_t offset = 0;
  size_t limit = 10;
  // Entity facets: the top `entity_facets` entities among (at most
  // kFacetDocuments of) the matching documents; 0 = none.
  size_t entity_facets = 0;
  // Access: with `restrict_collections`, only documents of `collections`
  // are ever matched (the restriction is part of the index query, so totals
  // and facets count nothing else). `known_collections`: every collection
  // name of the case, needed because documents indexed before collections
  // existed carry no collection term and belong to the default collection.
  bool restrict_collections = false;
  std::vector<std::string> collections, known_collections;
  // Filters (OR within one list, AND across lists); "" entries are ignored.
  std::vector<std::string> filter_collections, filter_types, filter_langs, filter_years;
  // When set, only these documents (e.g. the ones a user tagged or starred).
  std::optional<std::vector<int64_t>> only_documents;
  // Fill SearchResponse::facets from (at most kFacetDocuments of) the
  // matching documents.
  bool facets = false;
};
inline constexpr size_t kFacetDocuments = 10000;

struct ResultRow {
  int64_t id = 0;
  std::string sha256, path, type, lang, title, status;
  std::vector<std::string> collections;  // Only readable ones when restricted.
  double score = 0;
  Snippet snippet;
};

struct SearchResponse {
  std::vector<ResultRow> rows;
  uint64_t estimated_total = 0;
  // Bounds on the matching documents: `estimated_total` is exact when they
  // are equal (index::SearchResult).
  uint64_t total_lower = 0, total_upper = 0;
  // Hits of this page left out because the store has no such document (the
  // index, derived data, can briefly hold one the store does not). Any
  // other failure to read a hit fails the search.
  size_t skipped = 0;
  std::vector<store::Store::EntityInfo> entity_facets;  // `documents`: matching ones.
  store::DocumentFacetCounts facets;                    // With SearchOptions::facets.
  // With facets: the matching documents they were counted over (at most
  // kFacetDocuments), for facets the caller keeps elsewhere.
  std::vector<int64_t> facet_documents;
};

// The index query matching the documents of any of `names` (see
// SearchOptions::known_collections).
index::QueryNode CollectionFilter(const std::vector<std::string>& names,
                                  const std::vector<std::string>& known);

Result<SearchResponse> Search(std::string_view text, const SearchOptions& options,
                              store::Store& store, index::Index& index,
                              analyze::Analyzer& analyzer);

}  // namespace tahqiq::query

#endif  // TAHQIQ_QUERY_QUERY_H_
