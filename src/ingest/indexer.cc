#include "ingest/indexer.h"

#include <chrono>

namespace tahqiq::ingest {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

void AddField(DocTerms* t, const std::string& prefix, std::string_view text,
              analyze::Analyzer& analyzer) {
  if (text.empty()) return;
  for (auto& f : t->fields) {
    if (f.first == prefix) {
      // Several values (two paths, to + cc) sit apart so phrases do not
      // run from one value into the next.
      uint32_t next = f.second.empty() ? 1 : f.second.back().pos + 100;
      analyzer.Analyze(text, next, &f.second);
      return;
    }
  }
  std::vector<analyze::Token> tokens;
  analyzer.Analyze(text, 1, &tokens);
  t->fields.emplace_back(prefix, std::move(tokens));
}

}  // namespace

DocTerms MakeDocTerms(const store::DocumentRecord& doc, const std::vector<std::string>& paths,
                      const std::vector<std::string>& collections, analyze::Analyzer& analyzer) {
  DocTerms t;
  AddField(&t, index::prefix::kTitle, doc.title, analyzer);
  for (const auto& p : paths) {
    AddField(&t, index::prefix::kPath, p, analyzer);
    // ICU keeps "taqrir.txt" and "q3_report" whole; path:taqrir should match.
    std::string parts = p;
    for (char& ch : parts) {
      if (ch == '.' || ch == '_' || ch == '-' || ch == '/') ch = ' ';
    }
    AddField(&t, index::prefix::kPath, parts, analyzer);
  }
  for (const auto& [name, value] : doc.fields) {
    if (name == "from" || name == "to" || name == "cc") {
      const char* pfx = name == "from" ? index::prefix::kFrom : index::prefix::kTo;
      AddField(&t, pfx, value, analyzer);
      // ICU keeps "bob@example.org" as one word; its parts are searchable too.
      std::string parts = value;
      for (char& ch : parts) {
        if (ch == '@' || ch == '.') ch = ' ';
      }
      if (parts != value) AddField(&t, pfx, parts, analyzer);
    }
    if (name == "subject" && value != doc.title) {
      AddField(&t, index::prefix::kTitle, value, analyzer);
    }
  }
  t.terms.push_back(index::prefix::kType + Lower(doc.type));
  if (!doc.lang.empty()) t.terms.push_back(index::prefix::kLang + Lower(doc.lang));
  t.terms.push_back(index::prefix::kStatus + Lower(doc.status));
  for (const auto& c : collections) t.terms.push_back(index::prefix::kCollection + c);
  return t;
}

index::ChunkEntry MakeEntry(int64_t doc_id, uint32_t seq, std::vector<analyze::Token>* body,
                            const DocTerms& terms) {
  index::ChunkEntry e;
  e.doc_id = doc_id;
  e.chunk = seq;
  e.body = std::move(*body);
  e.fields = terms.fields;
  e.terms = terms.terms;
  return e;
}

Status IndexFromStore(store::Store& store, index::Index& index, analyze::Analyzer& analyzer,
                      int64_t doc_id, uint64_t safe_seq) {
  TAHQIQ_ASSIGN_OR_RETURN(store::DocumentSummary doc, store.GetDocument(doc_id));
  std::vector<std::string> paths;
  for (const auto& p : doc.provenance) paths.push_back(p.member.empty() ? p.path : p.member);
  DocTerms terms = MakeDocTerms(doc.doc, paths, doc.collections, analyzer);
  TAHQIQ_RETURN_IF_ERROR(index.DeleteDocument(doc_id));
  bool any = false;
  uint32_t pos = 1;
  TAHQIQ_RETURN_IF_ERROR(store.ReadChunks(doc_id, [&](const store::TextChunk& c) -> Status {
    std::vector<analyze::Token> tokens;
    pos = analyzer.Analyze(c.text, pos, &tokens);
    any = true;
    TAHQIQ_RETURN_IF_ERROR(index.AddChunk(MakeEntry(doc_id, c.seq, &tokens, terms)));
    if (c.seq % 64 == 63) return index.Commit(safe_seq);
    return Status::Ok();
  }));
  if (!any) {
    // Documents without text (failed, empty) stay findable by field/filter.
    std::vector<analyze::Token> none;
    TAHQIQ_RETURN_IF_ERROR(index.AddChunk(MakeEntry(doc_id, 0, &none, terms)));
  }
  return Status::Ok();
}

Result<uint64_t> CatchUp(store::Store& store, index::Index& index, analyze::Analyzer& analyzer,
                         const std::function<void(uint64_t, uint64_t)>& progress) {
  TAHQIQ_ASSIGN_OR_RETURN(uint64_t applied, index.AppliedSeq());
  TAHQIQ_ASSIGN_OR_RETURN(uint64_t last, store.LastOutboxSeq());
  if (applied >= last) return uint64_t{0};
  // Collect first: the outbox cursor must not stay open while the same
  // connection reads documents.
  std::vector<std::pair<uint64_t, int64_t>> todo;
  TAHQIQ_RETURN_IF_ERROR(store.ReadOutbox(applied, [&](uint64_t seq, int64_t doc) {
    todo.emplace_back(seq, doc);
    return Status::Ok();
  }));
  auto last_commit = std::chrono::steady_clock::now();
  uint64_t done = 0;
  uint64_t safe = applied;
  for (const auto& [seq, doc] : todo) {
    TAHQIQ_RETURN_IF_ERROR(IndexFromStore(store, index, analyzer, doc, safe));
    safe = seq;
    ++done;
    auto now = std::chrono::steady_clock::now();
    if (now - last_commit > std::chrono::seconds(2)) {
      TAHQIQ_RETURN_IF_ERROR(index.Commit(seq));
      last_commit = now;
      if (progress) progress(done, todo.size());
    }
  }
  TAHQIQ_RETURN_IF_ERROR(index.Commit(todo.back().first));
  if (progress) progress(done, todo.size());
  return done;
}

}  // namespace tahqiq::ingest
