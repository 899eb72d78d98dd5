// Entities at ingest: runs analyze::EntityFinder over a document's extracted
// text and stores the mentions (store.h, "entities" block), with offsets into
// the whole text (each ~256 KiB chunk's mentions are shifted by the bytes of
// the chunks before it).
//
// The finder of a case also applies the case's custom identifier patterns,
// kept in the store setting "entity_patterns" (one "name<TAB>ICU regex" per
// line, see `tahqiq entities --define`).
//
// Thread safety: functions use only their arguments.
#ifndef TAHQIQ_INGEST_ENTITIES_H_
#define TAHQIQ_INGEST_ENTITIES_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "analyze/entities.h"
#include "store/store.h"

namespace tahqiq::ingest {

inline constexpr const char* kEntityPatternsKey = "entity_patterns";

// Parses "name<TAB>regex" lines (blank lines and '#' comments skipped).
Result<std::vector<analyze::CustomPattern>> ParseEntityPatterns(const std::string& tsv);

// A finder with the case's custom patterns.
Result<std::unique_ptr<analyze::EntityFinder>> CaseEntityFinder(store::Store& store);

// Mentions of one chunk as store rows: offsets shifted by `offset` (the
// chunk's start in the whole text), name keys added for the name kinds.
void AppendEntityMentions(const std::vector<analyze::EntityMention>& found, uint64_t offset,
                          std::vector<store::Store::EntityMentionInput>* out);

// Finds the entities of every stored document again (after patterns
// changed, or for a case ingested before entities existed), one
// transaction per document. Returns the number of documents scanned.
Result<uint64_t> RescanEntities(store::Store& store,
                                const std::function<void(uint64_t, uint64_t)>& progress);

}  // namespace tahqiq::ingest

#endif  // TAHQIQ_INGEST_ENTITIES_H_
