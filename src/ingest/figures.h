// Figures of stored documents: the bridge between analyze::FindFigures and
// the store's figures table, used by ingest, reextract and reindex.
//
// Offsets are relative to the document's whole extracted text (the
// concatenation of its chunks, in order); a figure that straddles two
// chunks is not found (chunks are cut at line or word ends). The page of a
// figure is 1 + the number of form feeds before it, or 0 when the document
// has no form feed at all (its pages are unknown).
//
// Thread safety: a FigureCollector is used by one thread at a time.
#ifndef TAHQIQ_INGEST_FIGURES_H_
#define TAHQIQ_INGEST_FIGURES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace tahqiq::ingest {

class FigureCollector {
 public:
  // Appends the next chunk of the document's text.
  void AddChunk(std::string_view text);
  // The figures found so far, with pages resolved; resets the collector.
  std::vector<store::FigureRecord> Take();

 private:
  uint64_t offset_ = 0;
  uint32_t formfeeds_ = 0;
  std::vector<store::FigureRecord> figures_;
};

// Replaces the stored figures of `doc_id` with those of its stored text.
// Call inside a transaction for speed.
Status RefreshFigures(store::Store& store, int64_t doc_id);

}  // namespace tahqiq::ingest

#endif  // TAHQIQ_INGEST_FIGURES_H_
