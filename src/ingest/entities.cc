#include "ingest/entities.h"

#include "analyze/name_key.h"

namespace tahqiq::ingest {

Result<std::vector<analyze::CustomPattern>> ParseEntityPatterns(const std::string& tsv) {
  std::vector<analyze::CustomPattern> out;
  size_t b = 0;
  while (b < tsv.size()) {
    size_t e = tsv.find('\n', b);
    if (e == std::string::npos) e = tsv.size();
    std::string line = tsv.substr(b, e - b);
    b = e + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      return Status::InvalidArgument("entity pattern without a tab: " + line);
    }
    out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

Result<std::unique_ptr<analyze::EntityFinder>> CaseEntityFinder(store::Store& store) {
  analyze::EntityOptions options;
  TAHQIQ_ASSIGN_OR_RETURN(auto tsv, store.GetMeta(kEntityPatternsKey));
  if (tsv) {
    TAHQIQ_ASSIGN_OR_RETURN(options.custom, ParseEntityPatterns(*tsv));
  }
  return analyze::EntityFinder::Create(options);
}

void AppendEntityMentions(const std::vector<analyze::EntityMention>& found, uint64_t offset,
                          std::vector<store::Store::EntityMentionInput>* out) {
  for (const analyze::EntityMention& m : found) {
    store::Store::EntityMentionInput in;
    in.kind = m.kind;
    in.text = m.text;
    in.value = m.value;
    in.name = m.name;
    in.start = offset + m.start;
    in.end = offset + m.end;
    if (analyze::IsNameKind(m.kind)) {
      // Keys of fewer than three consonant classes would merge unrelated
      // names (most two-consonant skeletons are shared by many words).
      for (std::string& k : analyze::NameKeys(m.value)) {
        if (k.size() >= 3) in.keys.push_back(std::move(k));
      }
    }
    out->push_back(std::move(in));
  }
}

Result<uint64_t> RescanEntities(store::Store& store,
                                const std::function<void(uint64_t, uint64_t)>& progress) {
  TAHQIQ_ASSIGN_OR_RETURN(auto finder, CaseEntityFinder(store));
  TAHQIQ_ASSIGN_OR_RETURN(auto analyzer, analyze::Analyzer::Create());
  TAHQIQ_ASSIGN_OR_RETURN(std::vector<int64_t> ids, store.FindDocuments({}));
  uint64_t done = 0;
  for (int64_t id : ids) {
    std::vector<store::Store::EntityMentionInput> mentions;
    uint64_t offset = 0;
    TAHQIQ_RETURN_IF_ERROR(store.ReadChunks(id, [&](const store::TextChunk& c) {
      AppendEntityMentions(finder->Find(c.text, *analyzer), offset, &mentions);
      offset += c.text.size();
      return Status::Ok();
    }));
    TAHQIQ_RETURN_IF_ERROR(store.Begin());
    Status st = store.DeleteEntityMentions(id);
    if (st.ok()) st = store.AddEntityMentions(id, mentions);
    if (st.ok()) st = store.Commit();
    if (!st.ok()) {
      (void)store.Rollback();
      return st;
    }
    if (progress) progress(++done, ids.size());
  }
  return static_cast<uint64_t>(ids.size());
}

}  // namespace tahqiq::ingest
