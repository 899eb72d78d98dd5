// Local Xapian implementation of Index: one glass database per shard.
//
// Xapian throws; every entry point catches Xapian::Error here and returns a
// Status, so no exception crosses the module boundary.
#include <pthread.h>
#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <utility>

#include "analyze/name_key.h"
#include "base/file_util.h"
#include "base/queue.h"
#include "index/index.h"

namespace tahqiq::index {
namespace {

constexpr Xapian::valueno kSlotDocId = 0;
constexpr Xapian::valueno kSlotChunk = 1;
constexpr const char* kAppliedKey = "tahqiq.applied_seq";
// The index folder's list of shard databases, once a compaction wrote one.
constexpr const char* kLayoutFile = "current";
// Xapian rejects terms longer than ~245 bytes; such "words" are base64 blobs
// and similar noise, so they are dropped rather than truncated.
constexpr size_t kMaxTermBytes = 200;

Status FromXapian(const Xapian::Error& e, std::string_view what) {
  std::string msg = std::string(what) + ": " + e.get_description();
  std::string type = e.get_type();
  if (type == "DatabaseLockError") return Status::Busy(msg + " (another ingest is running?)");
  if (type == "DatabaseCorruptError") return Status::Corrupt(msg);
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError") {
    return Status::NotFound(msg);
  }
  if (type == "DatabaseModifiedError") return Status::Busy(msg);
  return Status::IOError(msg);
}

// Merging shards: each has its applied sequence (index.h, AppliedSeq); the
// merged database covers the lowest of them.
class LowestAppliedSeq final : public Xapian::Compactor {
 public:
  std::string resolve_duplicate_metadata(const std::string& key, size_t n,
                                         const std::string tags[]) override {
    if (key != kAppliedKey) return tags[0];
    uint64_t lowest = UINT64_MAX;
    for (size_t i = 0; i < n; ++i) lowest = std::min<uint64_t>(lowest, std::stoull("0" + tags[i]));
    return std::to_string(lowest);
  }
};

std::string DocKey(int64_t doc_id) {
  return Xapian::sortable_serialise(static_cast<double>(doc_id));
}

// Each shard's document id values (as DocSetSource::Packed numbers, with
// their Xapian document ids, sorted), kept by a long-lived reader for its
// document id sets: reading the value stream of every chunk was more than half of the
// instructions of a figure-filter search (13 of 25 million for
// `money>=1000`), at every request of the server, which keeps its readers
// open in a pool. A shard's values are kept from its second set on (a CLI
// search makes one), per shard UUID and revision, so a reopened reader
// reads them again.
struct DocKeyCache {
  struct Shard {
    Xapian::rev revision = 0;
    bool kept = false;  // `keys` is complete.
    std::vector<std::pair<uint64_t, Xapian::docid>> keys;
  };
  std::mutex mu;
  std::map<std::string, Shard> shards;  // By shard UUID.
};

// The chunks of a set of documents, found in one pass over each shard's
// document id values (compact, read in blocks), where an OR of one XID term
// per document opened a posting list per document (most of the cost of a
// figure filter matching a few hundred documents, bench/RESULTS.md). The
// pass is done up front so that the match count is exact, as it was with
// the terms (the search total shows it). Matches with weight 0: it
// restricts without ranking.
class DocSetSource : public Xapian::PostingSource {
 public:
  // `keys`: the documents' id values (DocKey) as Packed() numbers, sorted.
  // `cache` (may be null): the reader's DocKeyCache.
  DocSetSource(std::shared_ptr<const std::vector<uint64_t>> keys,
               std::shared_ptr<DocKeyCache> cache)
      : keys_(std::move(keys)), cache_(std::move(cache)) {}

  // A document id value as a number of the same order: sortable_serialise
  // keeps the order of numbers as byte order and ends with a non-zero byte,
  // so its first 8 bytes, zero-padded, compare like the value (a document
  // id up to 2^31 has 1 to 5 bytes). 0 for a longer value, which no key equals.
  static uint64_t Packed(std::string_view value) {
    if (value.size() > 8) return 0;
    uint64_t v = 0;
    for (size_t i = 0; i < 8; ++i) {
      v = (v << 8) | (i < value.size() ? static_cast<unsigned char>(value[i]) : 0u);
    }
    return v;
  }

  void init(const Xapian::Database& db) override {
    docs_.clear();
    pos_ = 0;
    started_ = false;
    std::string uuid;
    Xapian::rev revision = 0;
    bool keep = false;
    if (cache_ != nullptr) {
      try {
        uuid = db.get_uuid();
        revision = db.get_revision();
      } catch (const Xapian::Error&) {
        uuid.clear();  // Not a single local shard: no caching.
      }
    }
    if (!uuid.empty()) {
      std::lock_guard<std::mutex> lock(cache_->mu);
      auto [at, fresh] = cache_->shards.try_emplace(uuid);
      DocKeyCache::Shard& shard = at->second;
      if (!fresh && shard.revision == revision && shard.kept) {
        for (uint64_t key : *keys_) {
          auto same = std::equal_range(
              shard.keys.begin(), shard.keys.end(), std::make_pair(key, Xapian::docid{0}),
              [](const auto& a, const auto& b) { return a.first < b.first; });
          for (auto it = same.first; it != same.second; ++it) docs_.push_back(it->second);
        }
        std::sort(docs_.begin(), docs_.end());
        return;
      }
      // Seen before at this revision: keep the values this time.
      keep = !fresh && shard.revision == revision;
      if (fresh || shard.revision != revision) shard = DocKeyCache::Shard{revision, false, {}};
    }
    std::vector<std::pair<uint64_t, Xapian::docid>> all;
    if (keep) all.reserve(db.get_doccount());
    for (auto it = db.valuestream_begin(kSlotDocId); it != db.valuestream_end(kSlotDocId); ++it) {
      const uint64_t key = Packed(*it);
      if (std::binary_search(keys_->begin(), keys_->end(), key)) docs_.push_back(it.get_docid());
      if (keep) all.emplace_back(key, it.get_docid());
    }
    if (keep) {
      std::sort(all.begin(), all.end());
      std::lock_guard<std::mutex> lock(cache_->mu);
      DocKeyCache::Shard& shard = cache_->shards[uuid];
      if (shard.revision == revision) {
        shard.keys = std::move(all);
        shard.kept = true;
      }
    }
  }
  Xapian::doccount get_termfreq_min() const override { return Count(); }
  Xapian::doccount get_termfreq_est() const override { return Count(); }
  Xapian::doccount get_termfreq_max() const override { return Count(); }
  void next(double) override {
    if (started_) {
      ++pos_;
    } else {
      started_ = true;
    }
  }
  void skip_to(Xapian::docid did, double) override {
    started_ = true;
    pos_ = static_cast<size_t>(
        std::lower_bound(docs_.begin() + static_cast<ptrdiff_t>(pos_), docs_.end(), did) -
        docs_.begin());
  }
  bool at_end() const override { return pos_ >= docs_.size(); }
  Xapian::docid get_docid() const override { return docs_[pos_]; }
  Xapian::PostingSource* clone() const override { return new DocSetSource(keys_, cache_); }
  std::string get_description() const override { return "DocSetSource"; }

 private:
  Xapian::doccount Count() const { return static_cast<Xapian::doccount>(docs_.size()); }

  std::shared_ptr<const std::vector<uint64_t>> keys_;
  std::shared_ptr<DocKeyCache> cache_;
  std::vector<Xapian::docid> docs_;  // This shard's matching chunks, ascending.
  size_t pos_ = 0;
  bool started_ = false;
};

// The exact form and the stem-field forms with their position, the loose
// form (index.h), and, for fields where names occur, the word's name keys.
// Each term is built in one reused string: this runs for every word of
// every chunk.
void AddWords(Xapian::Document& doc, const std::string& pfx,
              const std::vector<analyze::Token>& tokens) {
  const std::string stem_pfx = std::string(prefix::kStem) + pfx;
  const std::string loose_pfx = std::string(prefix::kLoose) + pfx;
  const bool names =
      pfx == prefix::kBody || pfx == prefix::kTitle || pfx == prefix::kFrom || pfx == prefix::kTo;
  std::string term;
  auto add = [&](const std::string& p, std::string_view word, const uint32_t* pos) {
    if (word.empty() || word.size() > kMaxTermBytes) return;
    term.assign(p).append(word);
    if (pos != nullptr) {
      doc.add_posting(term, *pos);
    } else {
      doc.add_term(term);
    }
  };
  for (const auto& t : tokens) {
    if (t.exact.empty() || t.exact.size() > kMaxTermBytes) continue;
    // Stem-field terms carry the word's position too, so that phrases match
    // inflected forms; loose terms do not (phrases do not search them).
    ForEachTermOf(t, [&](SearchTerm::Field field, std::string_view word) {
      switch (field) {
        case SearchTerm::Field::kExact:
          add(pfx, word, &t.pos);
          break;
        case SearchTerm::Field::kStem:
          add(stem_pfx, word, &t.pos);
          break;
        case SearchTerm::Field::kLoose:
          add(loose_pfx, word, nullptr);
          break;
      }
    });
    if (names) {
      for (const auto& key : analyze::TokenNameKeysRef(t)) add(prefix::kName, key, nullptr);
    }
  }
}

Xapian::Document BuildDocument(const ChunkEntry& e) {
  Xapian::Document doc;
  AddWords(doc, prefix::kBody, e.body);
  for (const auto& [pfx, tokens] : e.fields) AddWords(doc, pfx, tokens);
  for (const auto& term : e.terms) {
    if (!term.empty() && term.size() <= kMaxTermBytes) doc.add_boolean_term(term);
  }
  doc.add_boolean_term(prefix::kDocId + std::to_string(e.doc_id));
  doc.add_value(kSlotDocId, DocKey(e.doc_id));
  doc.add_value(kSlotChunk, Xapian::sortable_serialise(e.chunk));
  doc.set_data(std::to_string(e.doc_id) + ":" + std::to_string(e.chunk));
  return doc;
}

// One shard's writer with its own thread, so the shards' index work (term
// maps, B-tree updates, compression) runs in parallel with each other and
// with the caller. Operations on a shard apply in the order given; an error
// is kept and reported by the next Commit().
class ShardWriter {
 public:
  explicit ShardWriter(Xapian::WritableDatabase db) : db_(std::move(db)), ops_(1024) {
    thread_ = std::thread([this] {
      ::pthread_setname_np(::pthread_self(), "tahqiq-shard");
      Run();
    });
  }
  ~ShardWriter() {
    ops_.Close();
    thread_.join();
  }

  void Delete(int64_t doc_id) {
    Op op;
    op.kind = Op::kDelete;
    op.doc_id = doc_id;
    ops_.Push(std::move(op));
  }
  // Blocks while the entries queued for this shard hold more than
  // kMaxQueuedTokens words: the queue's count bound alone would let a huge
  // document queue hundreds of full chunks (each word carries its stem,
  // alternatives and loose forms).
  void Add(ChunkEntry entry) {
    Op op;
    op.kind = Op::kAdd;
    op.tokens = Words(entry);
    op.entry = std::move(entry);
    {
      std::unique_lock<std::mutex> lock(budget_mu_);
      budget_cv_.wait(lock, [&] {
        return queued_tokens_ == 0 || queued_tokens_ + op.tokens <= kMaxQueuedTokens;
      });
      queued_tokens_ += op.tokens;
    }
    ops_.Push(std::move(op));
  }
  std::future<Status> Commit(uint64_t seq) {
    Op op;
    op.kind = Op::kCommit;
    op.seq = seq;
    op.done = std::make_shared<std::promise<Status>>();
    auto f = op.done->get_future();
    ops_.Push(std::move(op));
    return f;
  }
  // Reads run under the shard's lock, between operations.
  template <typename F>
  auto WithDb(F f) {
    std::lock_guard<std::mutex> lock(mu_);
    return f(db_);
  }

 private:
  static constexpr size_t kMaxQueuedTokens = 1 << 16;

  static size_t Words(const ChunkEntry& e) {
    size_t n = e.body.size();
    for (const auto& f : e.fields) n += f.second.size();
    return n;
  }

  struct Op {
    enum Kind { kAdd, kDelete, kCommit } kind = kAdd;
    ChunkEntry entry;
    size_t tokens = 0;
    int64_t doc_id = 0;
    uint64_t seq = 0;
    std::shared_ptr<std::promise<Status>> done;
  };

  void Run() {
    while (auto op = ops_.Pop()) {
      std::lock_guard<std::mutex> lock(mu_);
      try {
        switch (op->kind) {
          case Op::kAdd:
            if (error_.ok()) db_.add_document(BuildDocument(op->entry));
            break;
          case Op::kDelete:
            if (error_.ok()) db_.delete_document(prefix::kDocId + std::to_string(op->doc_id));
            break;
          case Op::kCommit:
            if (error_.ok()) {
              db_.set_metadata(kAppliedKey, std::to_string(op->seq));
              db_.commit();
            }
            break;
        }
      } catch (const Xapian::Error& e) {
        if (error_.ok()) error_ = FromXapian(e, "index write");
      } catch (const std::exception& e) {
        if (error_.ok()) error_ = Status::Internal(std::string("index write: ") + e.what());
      }
      Release(&*op);
      if (op->done) op->done->set_value(error_);
    }
  }

  // Frees the op's entry and returns its words to the budget (once).
  void Release(Op* op) {
    if (op->tokens == 0) return;
    op->entry = ChunkEntry();
    {
      std::lock_guard<std::mutex> lock(budget_mu_);
      queued_tokens_ -= op->tokens;
    }
    op->tokens = 0;
    budget_cv_.notify_all();
  }

  std::mutex budget_mu_;
  std::condition_variable budget_cv_;
  size_t queued_tokens_ = 0;
  std::mutex mu_;
  Xapian::WritableDatabase db_;
  Status error_;
  BoundedQueue<Op> ops_;
  std::thread thread_;
};

// The databases of the index folder `dir`: those the layout file lists (its
// lines "auto NAME", Xapian's stub format, names relative to the folder), or
// shard-0 ... shard-N-1 when there is none (a case never compacted).
Result<std::vector<std::string>> ReadLayoutOf(const std::string& dir, uint32_t shards) {
  std::vector<std::string> out;
  const std::string file = dir + "/" + kLayoutFile;
  if (!PathExists(file)) {
    for (uint32_t i = 0; i < shards; ++i) out.push_back(dir + "/shard-" + std::to_string(i));
    return out;
  }
  TAHQIQ_ASSIGN_OR_RETURN(std::string text, ReadFile(file, 1 << 16));
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + at, end - at);
    at = end + 1;
    if (line.rfind("auto ", 0) != 0 || line.size() == 5 ||
        line.find('/') != std::string_view::npos) {
      return Status::Corrupt("index layout " + file + ": bad line");
    }
    out.push_back(dir + "/" + std::string(line.substr(5)));
  }
  if (out.empty() || out.size() > 256)
    return Status::Corrupt("index layout " + file + ": no shard");
  return out;
}

class XapianIndex final : public Index {
 public:
  XapianIndex(std::string dir, uint32_t shards)
      : dir_(std::move(dir)), shards_(shards), legacy_shards_(shards) {}

  Status OpenWrite(bool recreate) {
    if (recreate) {
      // A rebuild starts again from the plain layout: the published list
      // goes first, so a reader never follows it to a database being deleted.
      std::error_code ec;
      std::filesystem::remove(dir_ + "/" + kLayoutFile, ec);
      RemoveUnlisted({});
    }
    TAHQIQ_ASSIGN_OR_RETURN(paths_, ReadLayout());
    shards_ = static_cast<uint32_t>(paths_.size());
    for (uint32_t i = 0; i < shards_; ++i) {
      const int flags = recreate ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
      try {
        writers_.push_back(
            std::make_unique<ShardWriter>(Xapian::WritableDatabase(ShardPath(i), flags)));
        continue;
      } catch (const Xapian::DatabaseLockError& e) {
        return FromXapian(e, "cannot open index for writing");
      } catch (const Xapian::Error& e) {
        // The index is derived data. A shard that cannot be opened (a kill
        // while it was being created, a damaged file) is replaced by an
        // empty one; its applied sequence is then 0, so the catch-up that
        // follows rebuilds it from the store.
        std::fprintf(stderr, "tahqiq: index shard %u is unreadable (%s); rebuilding it\n", i,
                     e.get_description().c_str());
      }
      std::error_code ec;
      std::filesystem::remove_all(ShardPath(i), ec);
      try {
        writers_.push_back(std::make_unique<ShardWriter>(
            Xapian::WritableDatabase(ShardPath(i), Xapian::DB_CREATE_OR_OVERWRITE)));
      } catch (const Xapian::Error& e) {
        return FromXapian(e, "cannot recreate index shard");
      }
    }
    return Status::Ok();
  }

  Status OpenRead() {
    // A compaction may publish a new layout and delete the old databases
    // between reading the layout and opening them: then the layout has
    // changed, and reading it again finds databases that stay.
    for (int attempt = 0;; ++attempt) {
      TAHQIQ_ASSIGN_OR_RETURN(paths_, ReadLayout());
      shards_ = static_cast<uint32_t>(paths_.size());
      try {
        Xapian::Database db;
        for (uint32_t i = 0; i < shards_; ++i) db.add_database(Xapian::Database(ShardPath(i)));
        reader_ = std::move(db);
        return Status::Ok();
      } catch (const Xapian::Error& e) {
        auto now = ReadLayout();
        if (attempt < 5 && now.ok() && *now != paths_) continue;
        return FromXapian(e, "cannot open index (`tahqiq reindex` rebuilds it)");
      }
    }
  }

  Status Compact() override {
    if (writers_.empty()) return Status::Internal("index opened read-only");
    // Leftovers of a compaction killed before it published, or before it
    // deleted the shards it replaced, are not listed.
    RemoveUnlisted(paths_);
    if (shards_ == 1) return Status::Ok();
    {
      std::lock_guard<std::mutex> lock(commit_mu_);
      TAHQIQ_RETURN_IF_ERROR(WaitStarted());
    }
    uint32_t gen = 1;
    for (const auto& p : paths_) {
      std::string name = std::filesystem::path(p).filename().string();
      if (name.rfind("gen-", 0) == 0) gen = std::max<uint32_t>(gen, std::stoul(name.substr(4)) + 1);
    }
    const std::string name = "gen-" + std::to_string(gen);
    const std::string out = dir_ + "/" + name;
    try {
      Xapian::Database all;
      for (uint32_t i = 0; i < shards_; ++i) all.add_database(Xapian::Database(ShardPath(i)));
      LowestAppliedSeq keep_lowest;
      all.compact(out + ".tmp", 0, 0, keep_lowest);
    } catch (const Xapian::Error& e) {
      return FromXapian(e, "cannot compact the index");
    }
    if (::rename((out + ".tmp").c_str(), out.c_str()) != 0) {
      return ErrnoStatus("cannot rename", out + ".tmp");
    }
    TAHQIQ_RETURN_IF_ERROR(FsyncDir(dir_));
    // The commit point: readers opening from now on find the merged
    // database; those that opened the shards keep their open files.
    TAHQIQ_RETURN_IF_ERROR(WriteFileAtomic(dir_ + "/" + kLayoutFile, "auto " + name + "\n"));
    TAHQIQ_RETURN_IF_ERROR(FsyncDir(dir_));
    std::vector<std::string> old = std::move(paths_);
    writers_.clear();
    paths_ = {out};
    shards_ = 1;
    try {
      writers_.push_back(
          std::make_unique<ShardWriter>(Xapian::WritableDatabase(out, Xapian::DB_CREATE_OR_OPEN)));
    } catch (const Xapian::Error& e) {
      return FromXapian(e, "cannot open the compacted index");
    }
    for (const auto& p : old) {
      std::error_code ec;
      std::filesystem::remove_all(p, ec);
    }
    return Status::Ok();
  }

  uint32_t shard_count() const override { return shards_; }

  Status DeleteDocument(int64_t doc_id) override {
    if (writers_.empty()) return Status::Internal("index opened read-only");
    Writer(doc_id).Delete(doc_id);
    return Status::Ok();
  }

  Status AddChunk(ChunkEntry e) override {
    if (writers_.empty()) return Status::Internal("index opened read-only");
    int64_t id = e.doc_id;
    Writer(id).Add(std::move(e));
    return Status::Ok();
  }

  Status Commit(uint64_t applied_seq) override {
    std::lock_guard<std::mutex> lock(commit_mu_);
    for (auto& w : writers_) started_.push_back(w->Commit(applied_seq));
    return WaitStarted();
  }

  Status StartCommit(uint64_t applied_seq) override {
    std::lock_guard<std::mutex> lock(commit_mu_);
    // The commits started last time are done by now as a rule (the writer
    // starts one every few seconds); waiting for them keeps one in flight.
    Status st = WaitStarted();
    for (auto& w : writers_) started_.push_back(w->Commit(applied_seq));
    return st;
  }

  Result<uint64_t> AppliedSeq() override {
    try {
      uint64_t lowest = UINT64_MAX;
      for (uint32_t i = 0; i < shards_; ++i) {
        std::string v = writers_.empty() ? Xapian::Database(ShardPath(i)).get_metadata(kAppliedKey)
                                         : writers_[i]->WithDb([](Xapian::WritableDatabase& db) {
                                             return db.get_metadata(kAppliedKey);
                                           });
        lowest = std::min<uint64_t>(lowest, v.empty() ? 0 : std::stoull(v));
      }
      return lowest == UINT64_MAX ? 0 : lowest;
    } catch (const Xapian::Error& e) {
      return FromXapian(e, "index metadata");
    }
  }

  Result<uint64_t> DocumentCount() override {
    try {
      if (writers_.empty()) return static_cast<uint64_t>(reader_.get_doccount());
      uint64_t n = 0;
      for (auto& w : writers_) {
        n += w->WithDb([](Xapian::WritableDatabase& db) { return db.get_doccount(); });
      }
      return n;
    } catch (const Xapian::Error& e) {
      return FromXapian(e, "index count");
    }
  }

  Result<std::vector<int64_t>> MatchingDocuments(const QueryNode& q, size_t limit) override {
    if (writers_.size()) return Status::Internal("search on a writer index");
    return Read([&]() -> Result<std::vector<int64_t>> {
      Xapian::Enquire enquire(reader_);
      enquire.set_query(Build(q));
      enquire.set_collapse_key(kSlotDocId);
      // No weights and index order: the match stops once `limit` distinct
      // documents are found. The collapse key is the document id value,
      // read without fetching each document.
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);
      Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
      std::vector<int64_t> out;
      out.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        out.push_back(static_cast<int64_t>(Xapian::sortable_unserialise(it.get_collapse_key())));
      }
      return out;
    });
  }

  Result<SearchResult> Search(const QueryNode& q, size_t offset, size_t limit) override {
    if (writers_.size()) return Status::Internal("search on a writer index");
    return Read([&] { return SearchOnce(q, offset, limit); });
  }

 private:
  // Runs a read (which may throw Xapian errors) and turns errors into a
  // Status. A long-lived reader (the server keeps one per thread) whose
  // revision a writer has since discarded reopens at the latest one and
  // tries once more.
  template <typename F>
  auto Read(F&& once) -> decltype(once()) {
    for (int attempt = 0;; ++attempt) {
      try {
        return once();
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt > 0) return FromXapian(e, "search");
        try {
          reader_.reopen();
        } catch (const Xapian::Error& e2) {
          return FromXapian(e2, "search");
        }
      } catch (const Xapian::Error& e) {
        return FromXapian(e, "search");
      }
    }
  }

  // Throws Xapian errors (Search turns them into a Status).
  Result<SearchResult> SearchOnce(const QueryNode& q, size_t offset, size_t limit) {
    {
      Xapian::Enquire enquire(reader_);
      enquire.set_query(Build(q));
      enquire.set_collapse_key(kSlotDocId);
      enquire.set_weighting_scheme(Xapian::BM25Weight());
      Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(offset),
                                           static_cast<Xapian::doccount>(limit));
      SearchResult out;
      out.estimated_total = mset.get_matches_estimated();
      out.total_lower = mset.get_matches_lower_bound();
      out.total_upper = mset.get_matches_upper_bound();
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        Xapian::Document doc = it.get_document();
        Hit h;
        // The collapse key is the document id value, already read by the
        // match: fetching it again read its value stream a second time.
        h.doc_id = static_cast<int64_t>(Xapian::sortable_unserialise(it.get_collapse_key()));
        h.chunk = static_cast<uint32_t>(Xapian::sortable_unserialise(doc.get_value(kSlotChunk)));
        h.score = it.get_weight();
        out.hits.push_back(h);
      }
      return out;
    }
  }

  const std::string& ShardPath(uint32_t i) const { return paths_[i]; }

  Result<std::vector<std::string>> ReadLayout() const { return ReadLayoutOf(dir_, legacy_shards_); }

  // Deletes the databases of the index folder that `keep` does not list
  // (the writer's lock is held, so no writer uses them), and the temporary
  // files of a layout file a killed compaction was writing (WriteFileAtomic's
  // `current.tmpN`, which nothing else would ever remove).
  void RemoveUnlisted(const std::vector<std::string>& keep) const {
    std::error_code ec;
    const std::string layout_tmp = std::string(kLayoutFile) + ".tmp";
    for (const auto& e : std::filesystem::directory_iterator(dir_, ec)) {
      std::string p = e.path().string();
      std::string name = e.path().filename().string();
      if (e.is_regular_file(ec) && name.rfind(layout_tmp, 0) == 0) {
        std::filesystem::remove(p, ec);
        continue;
      }
      if (!e.is_directory(ec)) continue;
      bool ours = name.rfind("gen-", 0) == 0 || name.rfind("shard-", 0) == 0;
      if (ours && std::find(keep.begin(), keep.end(), p) == keep.end()) {
        std::filesystem::remove_all(p, ec);
      }
    }
  }
  ShardWriter& Writer(int64_t doc_id) { return *writers_[static_cast<uint64_t>(doc_id) % shards_]; }

  // A word's query (index.h, kExactBonus): its family as one
  // synonym, the exact form again as a bonus, the loose forms as a second,
  // weaker synonym.
  static Xapian::Query WordQuery(const std::vector<std::string>& fields, const Word& w,
                                 bool exact_only) {
    std::vector<Xapian::Query> exact, family, loose;
    for (const auto& f : fields) {
      for (const auto& t : ExpandWord(w, exact_only)) {
        if (t.term.empty() || t.term.size() > kMaxTermBytes) continue;
        const char* ns = t.field == SearchTerm::Field::kStem    ? prefix::kStem
                         : t.field == SearchTerm::Field::kLoose ? prefix::kLoose
                                                                : "";
        Xapian::Query q(ns + f + t.term);
        if (t.weight == kExactWeight) {
          exact.push_back(q);
          family.push_back(q);
        } else if (t.weight == kStemWeight) {
          family.push_back(q);
        } else {
          loose.push_back(q);
        }
      }
    }
    if (exact.empty()) return Xapian::Query::MatchNothing;
    Xapian::Query exact_q = exact.size() == 1
                                ? exact[0]
                                : Xapian::Query(Xapian::Query::OP_OR, exact.begin(), exact.end());
    if (exact_only) return exact_q;
    std::vector<Xapian::Query> parts{
        Xapian::Query(Xapian::Query::OP_SYNONYM, family.begin(), family.end()),
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, exact_q, kExactBonus)};
    if (!loose.empty()) {
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_SYNONYM, loose.begin(), loose.end()),
                         kLooseScale);
    }
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }

  // Every word must match one of its name keys; the keys of one word are
  // synonyms (weighted as one term).
  static Xapian::Query NameQuery(const QueryNode& q) {
    std::vector<Xapian::Query> words;
    for (const auto& w : q.words) {
      std::vector<Xapian::Query> keys;
      for (const auto& k : w.names) keys.emplace_back(prefix::kName + k);
      if (keys.empty()) return Xapian::Query::MatchNothing;
      words.emplace_back(Xapian::Query::OP_SYNONYM, keys.begin(), keys.end());
    }
    if (words.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end());
  }

  Xapian::Query Build(const QueryNode& q) const {
    using K = QueryNode::Kind;
    switch (q.kind) {
      case K::kMatchAll:
        // Weightless: it stands for "no condition" (a figure-only query, the
        // documents without a collection term), not for a word. Built anew
        // (the empty term matches every document): copying the shared
        // static Query::MatchAll from several threads races on its
        // non-atomic reference count (found as a crash under load in serve).
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(std::string()), 0.0);
      case K::kMatchNothing:
        return Xapian::Query::MatchNothing;
      case K::kWord:
        return q.words.empty() ? Xapian::Query::MatchNothing
                               : WordQuery(q.fields, q.words[0], q.exact_only);
      case K::kPhrase:
      case K::kNear: {
        if (q.words.empty()) return Xapian::Query::MatchNothing;
        if (q.words.size() == 1) return WordQuery(q.fields, q.words[0], q.exact_only);
        // Per field: the phrase of exact forms, and (unless exact_only) the
        // phrase whose every position is any form of the word's family
        // (stem-field terms carry positions), weighted below, so an exact
        // phrase ranks first. Loose forms have no positions.
        const auto op = q.kind == K::kPhrase ? Xapian::Query::OP_PHRASE : Xapian::Query::OP_NEAR;
        const auto window = static_cast<Xapian::termcount>(
            q.kind == K::kPhrase ? q.words.size() : q.window + q.words.size());
        std::vector<Xapian::Query> per_field;
        for (const auto& f : q.fields) {
          std::vector<Xapian::Query> exact, family;
          for (const auto& w : q.words) {
            exact.emplace_back(f + w.exact);
            if (q.exact_only) continue;
            std::vector<Xapian::Query> forms;
            for (const auto& t : ExpandWord(w, false)) {
              if (t.weight == kLooseWeight || t.term.empty() || t.term.size() > kMaxTermBytes) {
                continue;
              }
              forms.emplace_back((t.field == SearchTerm::Field::kStem ? prefix::kStem : "") + f +
                                 t.term);
            }
            family.emplace_back(Xapian::Query::OP_OR, forms.begin(), forms.end());
          }
          per_field.emplace_back(op, exact.begin(), exact.end(), window);
          if (!q.exact_only) {
            per_field.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                                   Xapian::Query(op, family.begin(), family.end(), window),
                                   kPhraseFamilyScale);
          }
        }
        return per_field.size() == 1
                   ? per_field[0]
                   : Xapian::Query(Xapian::Query::OP_OR, per_field.begin(), per_field.end());
      }
      case K::kAnd:
      case K::kOr: {
        std::vector<Xapian::Query> subs;
        for (const auto& c : q.children) subs.push_back(Build(c));
        if (subs.empty()) return Xapian::Query::MatchNothing;
        return Xapian::Query(q.kind == K::kAnd ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                             subs.begin(), subs.end());
      }
      case K::kAndNot:
        if (q.children.size() != 2) return Xapian::Query::MatchNothing;
        return Xapian::Query(Xapian::Query::OP_AND_NOT, Build(q.children[0]), Build(q.children[1]));
      case K::kFilter:
        // Scale 0: a filter restricts the set without changing the ranking.
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(q.term), 0.0);
      case K::kName:
        return NameQuery(q);
      case K::kDocIds: {
        if (q.doc_ids.empty()) return Xapian::Query::MatchNothing;
        auto keys = std::make_shared<std::vector<uint64_t>>();
        keys->reserve(q.doc_ids.size());
        for (int64_t id : q.doc_ids) keys->push_back(DocSetSource::Packed(DocKey(id)));
        std::sort(keys->begin(), keys->end());
        // Owned by the query (release()), which deletes it.
        return Xapian::Query((new DocSetSource(std::move(keys), doc_keys_))->release());
      }
    }
    return Xapian::Query::MatchNothing;
  }

  // The first error of the commits in `started_`, once they are done.
  Status WaitStarted() {
    Status first;
    for (auto& f : started_) {
      Status st = f.get();
      if (first.ok() && !st.ok()) first = st;
    }
    started_.clear();
    return first;
  }

  std::string dir_;
  uint32_t shards_;
  const uint32_t legacy_shards_;  // The case's shard count, for a folder without a layout file.
  std::vector<std::string> paths_;
  std::mutex commit_mu_;                      // Commits may come from several threads.
  std::vector<std::future<Status>> started_;  // Commits not waited for yet.
  std::vector<std::unique_ptr<ShardWriter>> writers_;
  Xapian::Database reader_;
  std::shared_ptr<DocKeyCache> doc_keys_ = std::make_shared<DocKeyCache>();
};

}  // namespace

Result<std::unique_ptr<Index>> OpenLocalIndex(const std::string& dir, uint32_t shards,
                                              OpenMode mode) {
  if (shards == 0 || shards > 256) return Status::InvalidArgument("shard count must be 1..256");
  auto idx = std::make_unique<XapianIndex>(dir, shards);
  if (mode == OpenMode::kRead) {
    TAHQIQ_RETURN_IF_ERROR(idx->OpenRead());
  } else {
    TAHQIQ_RETURN_IF_ERROR(MakeDirs(dir));
    TAHQIQ_RETURN_IF_ERROR(idx->OpenWrite(mode == OpenMode::kRecreate));
  }
  return std::unique_ptr<Index>(std::move(idx));
}

std::string LocalIndexStamp(const std::string& dir, uint32_t shards) {
  // Glass publishes each commit by renaming a new version file over
  // `iamglass`, so its inode and time change with every commit; a
  // compaction or reindex replaces the layout file or the databases. Only
  // stat() calls: the server asks on every request.
  std::string stamp;
  auto add = [&stamp](const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      stamp += "-;";
      return;
    }
    stamp += std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" +
             std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + ":" +
             std::to_string(st.st_size) + ";";
  };
  add(dir + "/" + kLayoutFile);
  auto dbs = ReadLayoutOf(dir, shards);
  if (!dbs.ok()) return stamp + "bad layout";
  for (const auto& db : *dbs) add(db + "/iamglass");
  return stamp;
}

}  // namespace tahqiq::index
