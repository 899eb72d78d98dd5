// ResolveEntityFilters (query.h): entity:X filters become document id sets.
#include <algorithm>
#include <memory>

#include "analyze/entities.h"
#include "analyze/name_key.h"
#include "query/query.h"

namespace tahqiq::query {
namespace {

Result<std::vector<int64_t>> EntityDocs(std::string_view name, store::Store& store,
                                        analyze::Analyzer& analyzer) {
  std::vector<analyze::Token> tokens;
  analyzer.Analyze(name, 0, &tokens);
  std::string value;
  for (const auto& t : tokens) value += (value.empty() ? "" : " ") + t.exact;
  std::vector<std::string> keys;
  for (std::string& k : analyze::NameKeys(name)) {
    if (k.size() >= 3) keys.push_back(std::move(k));  // As stored (ingest/entities.cc).
  }
  TAHQIQ_ASSIGN_OR_RETURN(std::vector<int64_t> ids, store.FindEntities(value, keys));
  // The query may be written as a pattern entity is (a phone number, an
  // e-mail address, Unit 8200 in any script): search its normalized value too.
  TAHQIQ_ASSIGN_OR_RETURN(auto finder, analyze::EntityFinder::Create({}));
  for (const auto& m : finder->Find(name, tokens)) {
    if (m.value == value) continue;
    TAHQIQ_ASSIGN_OR_RETURN(std::vector<int64_t> more, store.FindEntities(m.value, {}));
    ids.insert(ids.end(), more.begin(), more.end());
  }
  return store.EntityDocuments(ids);
}

}  // namespace

Status ResolveEntityFilters(index::QueryNode* n, store::Store& store, analyze::Analyzer& analyzer) {
  using Kind = index::QueryNode::Kind;
  if (n->kind == Kind::kFilter && n->term.rfind(kEntityFilterPrefix, 0) == 0) {
    TAHQIQ_ASSIGN_OR_RETURN(
        std::vector<int64_t> docs,
        EntityDocs(std::string_view(n->term).substr(kEntityFilterPrefix.size()), store, analyzer));
    index::QueryNode any;
    any.kind = docs.empty() ? Kind::kMatchNothing : Kind::kDocIds;
    std::sort(docs.begin(), docs.end());
    docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
    any.doc_ids = std::move(docs);
    *n = std::move(any);
    return Status::Ok();
  }
  for (auto& c : n->children) TAHQIQ_RETURN_IF_ERROR(ResolveEntityFilters(&c, store, analyzer));
  return Status::Ok();
}

}  // namespace tahqiq::query
