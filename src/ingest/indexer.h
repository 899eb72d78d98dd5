// Indexer: turns stored documents into index entries, and keeps the index in
// step with the store through the outbox (crash catch-up and full reindex).
//
// Thread safety: functions use only their arguments; the objects passed in
// must not be shared with another thread during a call.
#ifndef TAHQIQ_INGEST_INDEXER_H_
#define TAHQIQ_INGEST_INDEXER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "analyze/analyzer.h"
#include "index/index.h"
#include "store/store.h"

namespace tahqiq::ingest {

// Fields and filter terms of a document, repeated on each of its chunks.
struct DocTerms {
  std::vector<std::pair<std::string, std::vector<analyze::Token>>> fields;
  std::vector<std::string> terms;
};

// `collections`: the document's collections (one kCollection term each).
DocTerms MakeDocTerms(const store::DocumentRecord& doc, const std::vector<std::string>& paths,
                      const std::vector<std::string>& collections, analyze::Analyzer& analyzer);

// Builds the entry for one chunk; `body` is moved from.
index::ChunkEntry MakeEntry(int64_t doc_id, uint32_t seq, std::vector<analyze::Token>* body,
                            const DocTerms& terms);

// Replaces a document in the index with what the store holds. Huge
// documents are committed part-way, stamped with `safe_seq` (a watermark
// that does not yet cover this document), to bound the index's memory.
Status IndexFromStore(store::Store& store, index::Index& index, analyze::Analyzer& analyzer,
                      int64_t doc_id, uint64_t safe_seq);

// Indexes every outbox entry newer than the index's watermark, committing
// as it goes. Returns how many documents were (re)indexed. `progress` is
// called with (done, total) now and then; may be empty.
Result<uint64_t> CatchUp(store::Store& store, index::Index& index, analyze::Analyzer& analyzer,
                         const std::function<void(uint64_t, uint64_t)>& progress);

}  // namespace tahqiq::ingest

#endif  // TAHQIQ_INGEST_INDEXER_H_
