// Watchlist hits ("batch search"): where the watched names of a case occur.
//
// Hits are computed on demand from what the case holds now, so a name added
// today is found in documents ingested earlier, and a document ingested
// later is searched the next time hits are asked for; ingest does no
// watchlist work. For each name and each of its aliases:
//  1. candidate documents come from the index: the alias as an exact phrase
//     OR as a name in any script (the `name:` search, analyze/name_key.h);
//  2. each candidate's stored text is analyzed again and every span whose
//     words match is a hit, scored by how it matched:
//       1.0  every word has the alias's normalized exact form
//       0.8  through stems/prefix alternatives (ומיקרוסופט, والمايكروسوفت)
//       0.7  through loose forms (hamza seats, ktiv male, accents)
//       0.5  only the name keys meet (Microsoft ~ مايكروسوفت ~ מיקרוסופט)
//     (word levels are analyze::Match(); a span's score is its lowest word's).
// Overlapping hits of one name keep the best. Offsets are into the
// document's whole extracted text.
//
// Thread safety: the objects passed in must not be used by another thread
// during the call.
#ifndef TAHQIQ_QUERY_WATCHLIST_H_
#define TAHQIQ_QUERY_WATCHLIST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "base/status.h"
#include "index/index.h"
#include "store/store.h"

namespace tahqiq::query {

struct WatchHit {
  int64_t name_id = 0;
  std::string name;   // The watched name.
  std::string alias;  // The form (name or alias) that matched.
  int64_t doc_id = 0;
  uint64_t start = 0, end = 0;
  std::string text;  // The matched text.
  double score = 0;
  std::string how;  // "exact", "stem", "loose" or "name-key".
};

// Hits of every watched name, by name, document and offset. At most
// `max_docs` candidate documents per name. With `within` (e.g.
// CollectionFilter() of a caller's collections), candidates are only the
// documents matching it: the restriction is part of the index query, so no
// other document's text is read and the `max_docs` are all of them.
Result<std::vector<WatchHit>> WatchlistHits(const std::vector<store::Store::WatchedName>& names,
                                            store::Store& store, index::Index& index,
                                            analyze::Analyzer& analyzer, size_t max_docs = 10000,
                                            const index::QueryNode* within = nullptr);

}  // namespace tahqiq::query

#endif  // TAHQIQ_QUERY_WATCHLIST_H_
