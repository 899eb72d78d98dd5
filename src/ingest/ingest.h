// Ingest: files and folders into a case, as a pipeline
//   walk -> hash + store original -> sniff + extract -> analyze -> commit + index
// with `workers` threads in the middle and one writer thread at the end.
//
// Guarantees: originals are copied into the blob store before anything
// refers to them; a document and its provenance, text and outbox entry are
// committed in one SQLite transaction; the index follows the outbox and is
// caught up at the start of every run. So a run killed at any point and run
// again leaves every file present exactly once and an index that agrees with
// the store. Content already in the case is a reported no-op (a new path for
// known content only adds a provenance record).
//
// Thread safety: one Ingest() per case at a time (a second one fails with
// kBusy on the index lock).
#ifndef TAHQIQ_INGEST_INGEST_H_
#define TAHQIQ_INGEST_INGEST_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "extract/isolation.h"
#include "ingest/case.h"

namespace tahqiq::ingest {

struct Progress {
  uint64_t files_done = 0, bytes_done = 0;
  uint64_t files_total = 0, bytes_total = 0;  // Grow while the walk runs.
  bool walk_done = false;
  uint64_t ingested = 0, present = 0, failed = 0;
  double seconds = 0;
};

struct IngestOptions {
  unsigned workers = 0;                       // 0: one per core.
  uint32_t max_depth = 10;                    // Nesting of attachments in attachments.
  size_t chunk_bytes = 256 << 10;             // Text per index entry.
  size_t analyze_budget = 1 << 20;            // Text a worker analyses per document; the rest
                                              // is analysed by the writer after it is stored.
  size_t memory_budget = 4 << 20;             // Text a worker keeps in memory per document;
                                              // the rest waits in a scratch file in <case>/tmp.
  std::string description;                    // Stored with the run (e.g. the command line).
  std::string collection = "default";         // Collection the files join (store.h).
  extract::IsolationOptions isolation;        // Their limits and timeouts.
  const std::atomic<bool>* cancel = nullptr;  // Set to stop early (e.g. on SIGINT).
  std::function<void(const Progress&)> on_progress;  // Called a few times a second.
};

struct IngestSummary {
  uint64_t files = 0;      // Files walked.
  uint64_t ingested = 0;   // New documents (including attachments).
  uint64_t children = 0;   // ... of which attachments.
  uint64_t present = 0;    // Files whose content was already in the case.
  uint64_t failed = 0;     // New documents that could not be extracted + unreadable files.
  uint64_t bytes = 0;      // Bytes of the files walked.
  uint64_t caught_up = 0;  // Documents indexed from an earlier interrupted run.
  double seconds = 0;
  bool cancelled = false;
};

Result<IngestSummary> Ingest(Case& c, const std::vector<std::string>& paths,
                             const IngestOptions& options);

// Extracts stored documents again from their originals (e.g. images whose
// OCR was skipped, or after a parser upgrade): text, fields and status are
// replaced, new attachments are added, the index is refreshed.
Result<IngestSummary> Reextract(Case& c, const std::vector<int64_t>& ids,
                                const IngestOptions& options);

// Rebuilds the index and the figures table (ingest/figures.h) from the store.
Result<uint64_t> Reindex(Case& c, const std::function<void(uint64_t, uint64_t)>& progress);

}  // namespace tahqiq::ingest

#endif  // TAHQIQ_INGEST_INGEST_H_
