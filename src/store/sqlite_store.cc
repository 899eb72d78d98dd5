// SQLite implementation of Store.
//
// Durability: WAL with synchronous=FULL, because these rows are evidence
// (a committed document must survive power loss, not only a process crash).
// Writers take the lock with BEGIN IMMEDIATE so a second ingest process waits
// (busy_timeout) instead of failing half-way through a batch.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <unordered_map>

#include "store/store.h"

namespace tahqiq::store {
namespace {

// 2: chunk texts in chunk_text (see AddChunk); a version-1 case is
// brought up to 2 by its next writing open, and older builds refuse a
// version-2 case rather than miss its texts.
constexpr int kSchemaVersion = 2;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs(
  id INTEGER PRIMARY KEY,
  started TEXT NOT NULL,
  finished TEXT,
  description TEXT NOT NULL,
  ingested INTEGER NOT NULL DEFAULT 0,
  present INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS documents(
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  type TEXT NOT NULL DEFAULT '',
  mime TEXT NOT NULL DEFAULT '',
  lang TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  text_bytes INTEGER NOT NULL DEFAULT 0,
  chunks INTEGER NOT NULL DEFAULT 0,
  created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fields(
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  name TEXT NOT NULL,
  value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS fields_doc ON fields(doc_id);
CREATE TABLE IF NOT EXISTS provenance(
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  path BLOB NOT NULL,
  parent_doc INTEGER NOT NULL DEFAULT 0,
  member BLOB NOT NULL DEFAULT '',
  size INTEGER NOT NULL,
  mtime INTEGER NOT NULL,
  run_id INTEGER NOT NULL,
  UNIQUE(doc_id, path, parent_doc, member));
CREATE INDEX IF NOT EXISTS provenance_path ON provenance(path);
CREATE INDEX IF NOT EXISTS provenance_parent ON provenance(parent_doc);
CREATE TABLE IF NOT EXISTS chunks(
  doc_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY(doc_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS chunk_text(
  key INTEGER PRIMARY KEY,
  text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS file_errors(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL,
  path BLOB NOT NULL,
  reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS index_outbox(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS figures(
  doc_id INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  kind TEXT NOT NULL,
  value REAL NOT NULL,
  date TEXT NOT NULL DEFAULT '',
  date_from TEXT NOT NULL DEFAULT '',
  date_to TEXT NOT NULL DEFAULT '',
  date_lo TEXT NOT NULL DEFAULT '',
  date_hi TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  currency TEXT NOT NULL DEFAULT '',
  approx INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL,
  page INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(doc_id, start)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS figures_kind_value ON figures(kind, value);
CREATE INDEX IF NOT EXISTS figures_dates ON figures(date_lo, date_hi) WHERE date_lo <> '';
)sql";

// Made by the first ingest that names a collection, so that opening a case
// (e.g. to serve it) never changes its schema.
constexpr const char* kCollectionSchema = R"sql(
CREATE TABLE IF NOT EXISTS doc_collections(
  doc_id INTEGER NOT NULL,
  collection TEXT NOT NULL,
  PRIMARY KEY(doc_id, collection)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS doc_collections_name ON doc_collections(collection);
)sql";

// The entity stage's tables, created by every writing open with kSchema.
constexpr const char* kEntitySchema = R"sql(
CREATE TABLE IF NOT EXISTS entities(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  class TEXT NOT NULL,
  name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entity_aliases(
  value TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  PRIMARY KEY(value, entity_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_aliases_entity ON entity_aliases(entity_id);
CREATE TABLE IF NOT EXISTS entity_keys(
  key TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  PRIMARY KEY(key, entity_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entity_mentions(
  doc_id INTEGER NOT NULL,
  entity_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  text TEXT NOT NULL,
  value TEXT NOT NULL);
DROP INDEX IF EXISTS entity_mentions_doc;
CREATE INDEX IF NOT EXISTS entity_mentions_doc_entity ON entity_mentions(doc_id, entity_id);
CREATE INDEX IF NOT EXISTS entity_mentions_entity ON entity_mentions(entity_id, doc_id);
CREATE TABLE IF NOT EXISTS watchlist(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  aliases TEXT NOT NULL DEFAULT '');
)sql";

// Every table and index named in `schema` ("IF NOT EXISTS name").
std::vector<std::string> SchemaObjects(std::string_view schema) {
  std::vector<std::string> out;
  constexpr std::string_view kMark = "IF NOT EXISTS ";
  for (size_t at = schema.find(kMark); at != std::string_view::npos; at = schema.find(kMark, at)) {
    at += kMark.size();
    size_t end = schema.find_first_of("( \n", at);
    out.emplace_back(schema.substr(at, end - at));
  }
  return out;
}

std::string NowIso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Status SqlStatus(sqlite3* db, int rc, std::string_view what) {
  std::string msg(what);
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Busy(msg);
    case SQLITE_FULL:
      return Status::ResourceExhausted(msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corrupt(msg);
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
      return Status::IOError(msg);
    default:
      return Status::Internal(msg);
  }
}

// RAII prepared statement.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Status prepared() const {
    return rc_ == SQLITE_OK ? Status::Ok() : SqlStatus(db_, rc_, "prepare");
  }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Stmt& Bind(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& BindDouble(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  Stmt& BindBlob(int i, std::string_view v) {
    sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // SQLITE_ROW -> true, SQLITE_DONE -> false.
  Result<bool> Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return SqlStatus(db_, rc, "step");
  }
  Status Run() {
    auto r = Step();
    return r.ok() ? Status::Ok() : r.status();
  }
  int64_t Int(int col) { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) { return sqlite3_column_double(stmt_, col); }
  // The column's bytes in SQLite's buffer, valid until the next step or reset.
  std::string_view View(int col) {
    const void* p = sqlite3_column_blob(stmt_, col);
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string_view(static_cast<const char*>(p), static_cast<size_t>(n))
             : std::string_view();
  }
  std::string Str(int col) {
    const void* p = sqlite3_column_blob(stmt_, col);
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string(static_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
  }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  Status Init() {
    sqlite3_busy_timeout(db_, 60000);
    sqlite3_extended_result_codes(db_, 1);
    TAHQIQ_RETURN_IF_ERROR(Exec("PRAGMA journal_mode=WAL"));
    TAHQIQ_RETURN_IF_ERROR(Exec("PRAGMA synchronous=FULL"));
    TAHQIQ_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys=ON"));
    TAHQIQ_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    // The entity tables too, so a case written once by this build opens
    // read-only (InitForReading) without creating anything.
    Status st = Exec(kSchema);
    if (st.ok()) st = Exec(kEntitySchema);
    if (st.ok()) {
      entity_schema_ready_ = true;
      auto v = GetMeta("schema_version");
      if (!v.ok()) {
        st = v.status();
      } else if (!v->has_value() || std::stoi(**v) < kSchemaVersion) {
        // An older case now has what this version adds (created above).
        st = SetMeta("schema_version", std::to_string(kSchemaVersion));
      } else if (std::stoi(**v) > kSchemaVersion) {
        st = Status::Unsupported("case was written by a newer tahqiq (schema " + **v + ")");
      }
    }
    if (!st.ok()) {
      (void)Exec("ROLLBACK");
      return st;
    }
    return Exec("COMMIT");
  }

  // Read-only connection (OpenSqliteStoreForReading): true when the case has
  // every table and index of this build at its schema version, so nothing
  // needs creating; false means the caller should migrate with a writer.
  Result<bool> InitForReading() {
    sqlite3_busy_timeout(db_, 60000);
    sqlite3_extended_result_codes(db_, 1);
    std::vector<std::string> want = SchemaObjects(kSchema);
    for (auto& name : SchemaObjects(kEntitySchema)) want.push_back(std::move(name));
    Stmt s(db_, "SELECT name FROM sqlite_master WHERE type IN ('table', 'index')");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    std::set<std::string> have;
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      have.insert(s.Str(0));
    }
    for (const auto& name : want) {
      if (have.count(name) == 0) return false;
    }
    TAHQIQ_ASSIGN_OR_RETURN(auto v, GetMeta("schema_version"));
    if (!v.has_value()) return false;
    if (std::stoi(*v) > kSchemaVersion) {
      return Status::Unsupported("case was written by a newer tahqiq (schema " + *v + ")");
    }
    entity_schema_ready_ = true;  // checked above
    return std::stoi(*v) == kSchemaVersion;
  }

  Result<int64_t> BeginRun(const std::string& description) override {
    Stmt s(db_, "INSERT INTO runs(started, description) VALUES(?, ?)");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, NowIso()).Bind(2, description);
    TAHQIQ_RETURN_IF_ERROR(s.Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  }

  Status FinishRun(int64_t run_id, const RunCounts& c) override {
    Stmt s(db_, "UPDATE runs SET finished=?, ingested=?, present=?, failed=?, bytes=? WHERE id=?");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, NowIso())
        .Bind(2, static_cast<int64_t>(c.ingested))
        .Bind(3, static_cast<int64_t>(c.present))
        .Bind(4, static_cast<int64_t>(c.failed))
        .Bind(5, static_cast<int64_t>(c.bytes))
        .Bind(6, run_id);
    return s.Run();
  }

  Result<std::optional<int64_t>> FindBySha(const std::string& sha) override {
    Held c(this, "SELECT id FROM documents WHERE sha256=?");
    Stmt& s = *c;
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, sha);
    TAHQIQ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return std::optional<int64_t>();
    return std::optional<int64_t>(s.Int(0));
  }

  Status Begin() override { return Exec("BEGIN IMMEDIATE"); }
  Status Commit() override { return Exec("COMMIT"); }
  Status Rollback() override { return Exec("ROLLBACK"); }

  Status AddDocument(DocumentRecord* d) override {
    Held c(this,
           "INSERT INTO documents(sha256, size, type, mime, lang, title, status, reason, "
           "text_bytes, chunks, created) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
    Stmt& s = *c;
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, d->sha256)
        .Bind(2, static_cast<int64_t>(d->size))
        .Bind(3, d->type)
        .Bind(4, d->mime)
        .Bind(5, d->lang)
        .Bind(6, d->title)
        .Bind(7, d->status)
        .Bind(8, d->reason)
        .Bind(9, static_cast<int64_t>(d->text_bytes))
        .Bind(10, static_cast<int64_t>(d->chunks))
        .Bind(11, NowIso());
    TAHQIQ_RETURN_IF_ERROR(s.Run());
    d->id = sqlite3_last_insert_rowid(db_);
    TAHQIQ_RETURN_IF_ERROR(InsertFields(*d));
    Held co(this, "INSERT INTO index_outbox(doc_id) VALUES(?)");
    Stmt& o = *co;
    TAHQIQ_RETURN_IF_ERROR(o.prepared());
    o.Bind(1, d->id);
    return o.Run();
  }

  // Text chunks live in chunk_text, a rowid table keyed by ChunkKey(doc_id,
  // seq). The older table `chunks` (WITHOUT ROWID, key (doc_id, seq)) made
  // every lookup compare the search key with whole records: SQLite reads a
  // record that spills to overflow pages entirely for each comparison, so
  // finding one chunk read several others in full (about 0.15 ms of CPU per
  // search result; bench/RESULTS.md, issue 8). Cases written before keep
  // their chunks there: readers look in chunk_text first, then in chunks,
  // and DeleteChunks clears both.
  static constexpr int kSeqBits = 20;  // Up to 2^20 chunks (256 GiB of text) per document.
  static int64_t ChunkKey(int64_t doc_id, uint32_t seq) {
    return static_cast<int64_t>(static_cast<uint64_t>(doc_id) << kSeqBits) | seq;
  }

  Status AddChunk(int64_t doc_id, uint32_t seq, std::string_view text) override {
    if (seq >= (1u << kSeqBits) || doc_id < 0 || doc_id >= (int64_t{1} << (62 - kSeqBits))) {
      return Status::InvalidArgument("chunk " + std::to_string(seq) + " of document " +
                                     std::to_string(doc_id) + " is out of range");
    }
    if (!chunk_stmt_) {
      chunk_stmt_ = std::make_unique<Stmt>(db_, "INSERT INTO chunk_text(key, text) VALUES(?,?)");
    }
    TAHQIQ_RETURN_IF_ERROR(chunk_stmt_->prepared());
    chunk_stmt_->Reset();
    chunk_stmt_->Bind(1, ChunkKey(doc_id, seq)).Bind(2, text);
    return chunk_stmt_->Run();
  }

  Status DeleteChunks(int64_t doc_id) override {
    Stmt s(db_, "DELETE FROM chunk_text WHERE key BETWEEN ? AND ?");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, ChunkKey(doc_id, 0)).Bind(2, ChunkKey(doc_id, (1u << kSeqBits) - 1));
    TAHQIQ_RETURN_IF_ERROR(s.Run());
    Stmt old(db_, "DELETE FROM chunks WHERE doc_id=?");
    TAHQIQ_RETURN_IF_ERROR(old.prepared());
    old.Bind(1, doc_id);
    return old.Run();
  }

  Result<std::vector<int64_t>> FindDocuments(const DocumentFilter& f) override {
    Stmt s(db_,
           "SELECT id FROM documents WHERE (?1 = '' OR status = ?1) AND (?2 = '' OR type = ?2) "
           "AND (?3 = '' OR instr(reason, ?3) > 0) ORDER BY id");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, f.status).Bind(2, f.type).Bind(3, f.reason_contains);
    std::vector<int64_t> ids;
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
      if (!more) break;
      ids.push_back(s.Int(0));
    }
    return ids;
  }

  Status UpdateDocument(const DocumentRecord& d) override {
    Stmt s(db_,
           "UPDATE documents SET type=?, mime=?, lang=?, title=?, status=?, reason=?, "
           "text_bytes=?, chunks=? WHERE id=?");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, d.type)
        .Bind(2, d.mime)
        .Bind(3, d.lang)
        .Bind(4, d.title)
        .Bind(5, d.status)
        .Bind(6, d.reason)
        .Bind(7, static_cast<int64_t>(d.text_bytes))
        .Bind(8, static_cast<int64_t>(d.chunks))
        .Bind(9, d.id);
    TAHQIQ_RETURN_IF_ERROR(s.Run());
    Stmt del(db_, "DELETE FROM fields WHERE doc_id=?");
    TAHQIQ_RETURN_IF_ERROR(del.prepared());
    del.Bind(1, d.id);
    TAHQIQ_RETURN_IF_ERROR(del.Run());
    return InsertFields(d);
  }

  Result<bool> AddProvenance(int64_t doc_id, const Provenance& p) override {
    Held c(this,
           "INSERT OR IGNORE INTO provenance(doc_id, path, parent_doc, member, size, mtime, "
           "run_id) VALUES(?,?,?,?,?,?,?)");
    Stmt& s = *c;
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, doc_id)
        .BindBlob(2, p.path)
        .Bind(3, p.parent_doc)
        .BindBlob(4, p.member)
        .Bind(5, static_cast<int64_t>(p.size))
        .Bind(6, p.mtime)
        .Bind(7, p.run_id);
    TAHQIQ_RETURN_IF_ERROR(s.Run());
    return sqlite3_changes(db_) > 0;
  }

  Status RecordFileError(int64_t run_id, const std::string& path,
                         const std::string& reason) override {
    Stmt s(db_, "INSERT INTO file_errors(run_id, path, reason) VALUES(?,?,?)");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, run_id).BindBlob(2, path).Bind(3, reason);
    return s.Run();
  }

  Result<DocumentSummary> GetDocument(int64_t doc_id) override {
    return ReadDocument(doc_id, true);
  }
  Result<DocumentSummary> GetDocumentWithoutFields(int64_t doc_id) override {
    return ReadDocument(doc_id, false);
  }

  Result<DocumentSummary> ReadDocument(int64_t doc_id, bool with_fields) {
    DocumentSummary out;
    Stmt& s = Cached(
        "SELECT id, sha256, size, type, mime, lang, title, status, reason, text_bytes, chunks "
        "FROM documents WHERE id=?");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    ResetOnExit reset_s{s};
    s.Bind(1, doc_id);
    TAHQIQ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Status::NotFound("no document " + std::to_string(doc_id));
    DocumentRecord& d = out.doc;
    d.id = s.Int(0);
    d.sha256 = s.Str(1);
    d.size = static_cast<uint64_t>(s.Int(2));
    d.type = s.Str(3);
    d.mime = s.Str(4);
    d.lang = s.Str(5);
    d.title = s.Str(6);
    d.status = s.Str(7);
    d.reason = s.Str(8);
    d.text_bytes = static_cast<uint64_t>(s.Int(9));
    d.chunks = static_cast<uint32_t>(s.Int(10));
    if (with_fields) {
      Stmt& f = Cached("SELECT name, value FROM fields WHERE doc_id=? ORDER BY rowid");
      TAHQIQ_RETURN_IF_ERROR(f.prepared());
      ResetOnExit reset_f{f};
      f.Bind(1, doc_id);
      for (;;) {
        TAHQIQ_ASSIGN_OR_RETURN(bool more, f.Step());
        if (!more) break;
        d.fields.emplace_back(f.Str(0), f.Str(1));
      }
    }
    Stmt& p = Cached(
        "SELECT path, parent_doc, member, size, mtime, run_id FROM provenance WHERE doc_id=? "
        "ORDER BY id");
    TAHQIQ_RETURN_IF_ERROR(p.prepared());
    ResetOnExit reset_p{p};
    p.Bind(1, doc_id);
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, p.Step());
      if (!more) break;
      Provenance pr;
      pr.path = p.Str(0);
      pr.parent_doc = p.Int(1);
      pr.member = p.Str(2);
      pr.size = static_cast<uint64_t>(p.Int(3));
      pr.mtime = p.Int(4);
      pr.run_id = p.Int(5);
      out.provenance.push_back(std::move(pr));
    }
    TAHQIQ_ASSIGN_OR_RETURN(out.collections, CollectionsOf(doc_id));
    return out;
  }

  // ---- collections ----
  // Whether the case has had collections yet (a case from before them has
  // no table, and all its documents are in the default collection). Asked
  // on each call until the table exists, since an ingest may create it
  // while a server holds this connection, with a statement prepared once.
  Result<bool> HasCollectionsTable() {
    Stmt& has =
        Cached("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='doc_collections'");
    TAHQIQ_RETURN_IF_ERROR(has.prepared());
    ResetOnExit reset_has{has};
    TAHQIQ_ASSIGN_OR_RETURN(bool row, has.Step());
    return row && has.Int(0) > 0;
  }

  Result<std::vector<std::string>> CollectionsOf(int64_t doc_id) {
    if (!coll_stmt_) {
      // A search asks for every result: the statement is prepared once.
      TAHQIQ_ASSIGN_OR_RETURN(bool table, HasCollectionsTable());
      if (!table) return std::vector<std::string>{kDefaultCollection};
      coll_stmt_ = std::make_unique<Stmt>(
          db_, "SELECT collection FROM doc_collections WHERE doc_id=? ORDER BY collection");
    }
    TAHQIQ_RETURN_IF_ERROR(coll_stmt_->prepared());
    coll_stmt_->Reset();
    coll_stmt_->Bind(1, doc_id);
    std::vector<std::string> out;
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, coll_stmt_->Step());
      if (!more) break;
      out.push_back(coll_stmt_->Str(0));
    }
    coll_stmt_->Reset();
    if (out.empty()) out.emplace_back(kDefaultCollection);
    return out;
  }

  Result<std::vector<int64_t>> AddToCollection(int64_t doc_id, const std::string& name,
                                               bool existing) override {
    TAHQIQ_RETURN_IF_ERROR(Exec(kCollectionSchema));
    // The document and its attachments, at any depth.
    Held ctree(this,
               "WITH RECURSIVE t(id) AS (SELECT ? UNION SELECT p.doc_id FROM provenance p JOIN "
               "t ON p.parent_doc=t.id) SELECT id FROM t");
    Stmt& tree = *ctree;
    TAHQIQ_RETURN_IF_ERROR(tree.prepared());
    tree.Bind(1, doc_id);
    std::vector<int64_t> ids;
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, tree.Step());
      if (!more) break;
      ids.push_back(tree.Int(0));
    }
    Held ckeep(this,
               "INSERT OR IGNORE INTO doc_collections(doc_id, collection) SELECT ?, ? WHERE NOT "
               "EXISTS (SELECT 1 FROM doc_collections WHERE doc_id=?)");
    Held cadd(this, "INSERT OR IGNORE INTO doc_collections(doc_id, collection) VALUES(?,?)");
    Stmt &keep = *ckeep, &add = *cadd;
    TAHQIQ_RETURN_IF_ERROR(keep.prepared());
    TAHQIQ_RETURN_IF_ERROR(add.prepared());
    std::vector<int64_t> changed;
    for (int64_t id : ids) {
      if (existing) {
        keep.Reset();
        keep.Bind(1, id).Bind(2, std::string_view(kDefaultCollection)).Bind(3, id);
        TAHQIQ_RETURN_IF_ERROR(keep.Run());
      }
      add.Reset();
      add.Bind(1, id).Bind(2, name);
      TAHQIQ_RETURN_IF_ERROR(add.Run());
      if (sqlite3_changes(db_) > 0) changed.push_back(id);
    }
    return changed;
  }

  Result<DocumentFacetCounts> DocumentFacets(const std::vector<int64_t>& doc_ids) override {
    std::map<std::string, uint64_t> type, lang, year, coll;
    Stmt d(db_,
           "SELECT type, lang, (SELECT substr(value,1,4) FROM fields f WHERE f.doc_id=documents.id "
           "AND f.name='date' LIMIT 1) FROM documents WHERE id=?");
    TAHQIQ_RETURN_IF_ERROR(d.prepared());
    for (int64_t id : doc_ids) {
      d.Reset();
      d.Bind(1, id);
      TAHQIQ_ASSIGN_OR_RETURN(bool row, d.Step());
      if (!row) continue;
      type[d.Str(0)]++;
      lang[d.Str(1)]++;
      std::string y = d.Str(2);
      if (y.size() == 4 &&
          std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        year[y]++;
      }
      TAHQIQ_ASSIGN_OR_RETURN(std::vector<std::string> cs, CollectionsOf(id));
      for (auto& c : cs) coll[c]++;
    }
    auto sorted = [](const std::map<std::string, uint64_t>& m) {
      std::vector<std::pair<std::string, uint64_t>> v(m.begin(), m.end());
      std::stable_sort(v.begin(), v.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      return v;
    };
    DocumentFacetCounts out;
    out.type = sorted(type);
    out.lang = sorted(lang);
    out.year = sorted(year);
    out.collection = sorted(coll);
    return out;
  }

  Result<std::vector<int64_t>> DocumentsOfYear(const std::string& year) override {
    Stmt s(db_,
           "SELECT DISTINCT doc_id FROM fields WHERE name='date' AND substr(value,1,4)=? ORDER BY "
           "doc_id");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, year);
    std::vector<int64_t> out;
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
      if (!more) break;
      out.push_back(s.Int(0));
    }
    return out;
  }
  Result<std::vector<int64_t>> CollectionDocuments(
      const std::vector<std::string>& collections) override {
    TAHQIQ_ASSIGN_OR_RETURN(const bool table, HasCollectionsTable());
    const bool with_default =
        std::find(collections.begin(), collections.end(), kDefaultCollection) != collections.end();
    std::vector<int64_t> out;
    auto collect = [&out](Stmt& s) -> Status {
      for (;;) {
        TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
        if (!more) return Status::Ok();
        out.push_back(s.Int(0));
      }
    };
    if (!table) {
      // A case from before collections: everything is in the default one.
      if (!with_default) return out;
      Stmt all(db_, "SELECT id FROM documents ORDER BY id");
      TAHQIQ_RETURN_IF_ERROR(all.prepared());
      TAHQIQ_RETURN_IF_ERROR(collect(all));
      return out;
    }
    // Through the index on the collection name (cases whose last ingest
    // predates it scan the memberships, still without reading a document).
    Stmt member(db_, "SELECT doc_id FROM doc_collections WHERE collection=?");
    TAHQIQ_RETURN_IF_ERROR(member.prepared());
    for (const std::string& name : collections) {
      member.Reset();
      member.Bind(1, name);
      TAHQIQ_RETURN_IF_ERROR(collect(member));
    }
    if (with_default) {
      // Documents ingested before the case had collections have no row.
      Stmt none(db_,
                "SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM doc_collections c "
                "WHERE c.doc_id=d.id)");
      TAHQIQ_RETURN_IF_ERROR(none.prepared());
      TAHQIQ_RETURN_IF_ERROR(collect(none));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  // ---- end collections ----

  Status ReadChunks(int64_t doc_id, const std::function<Status(const TextChunk&)>& fn) override {
    Stmt s(db_, "SELECT key - ?1, text FROM chunk_text WHERE key BETWEEN ?1 AND ?2 ORDER BY key");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, ChunkKey(doc_id, 0)).Bind(2, ChunkKey(doc_id, (1u << kSeqBits) - 1));
    // Rows of (seq, text) to `fn`; *any tells whether there was one.
    auto each = [&fn](Stmt& st, bool* any) -> Status {
      TextChunk c;
      for (;;) {
        TAHQIQ_ASSIGN_OR_RETURN(bool more, st.Step());
        if (!more) break;
        *any = true;
        c.seq = static_cast<uint32_t>(st.Int(0));
        c.text = st.Str(1);
        TAHQIQ_RETURN_IF_ERROR(fn(c));
      }
      return Status::Ok();
    };
    bool any = false;
    TAHQIQ_RETURN_IF_ERROR(each(s, &any));
    if (any) return Status::Ok();
    // A document stored by an older build.
    Stmt old(db_, "SELECT seq, text FROM chunks WHERE doc_id=? ORDER BY seq");
    TAHQIQ_RETURN_IF_ERROR(old.prepared());
    old.Bind(1, doc_id);
    return each(old, &any);
  }

  Result<std::string> ReadChunk(int64_t doc_id, uint32_t seq) override {
    std::string text;
    TAHQIQ_RETURN_IF_ERROR(WithChunk(doc_id, seq, [&](std::string_view t) { text.assign(t); }));
    return text;
  }

  Status WithChunk(int64_t doc_id, uint32_t seq,
                   const std::function<void(std::string_view)>& use) override {
    if (seq < (1u << kSeqBits)) {
      Stmt& s = Cached("SELECT text FROM chunk_text WHERE key=?");
      TAHQIQ_RETURN_IF_ERROR(s.prepared());
      ResetOnExit reset_s{s};
      s.Bind(1, ChunkKey(doc_id, seq));
      TAHQIQ_ASSIGN_OR_RETURN(bool row, s.Step());
      if (row) {
        use(s.View(0));
        return Status::Ok();
      }
    }
    // A document stored by an older build.
    Stmt& s = Cached("SELECT text FROM chunks WHERE doc_id=? AND seq=?");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    ResetOnExit reset_s{s};
    s.Bind(1, doc_id).Bind(2, static_cast<int64_t>(seq));
    TAHQIQ_ASSIGN_OR_RETURN(bool row, s.Step());
    use(row ? s.View(0) : std::string_view());
    return Status::Ok();
  }

  Result<StatusReport> Report(size_t max_failures) override {
    StatusReport r;
    TAHQIQ_RETURN_IF_ERROR(Scalar("SELECT count(*) FROM documents", &r.documents));
    TAHQIQ_RETURN_IF_ERROR(Scalar("SELECT coalesce(sum(size),0) FROM documents", &r.bytes));
    TAHQIQ_RETURN_IF_ERROR(Scalar("SELECT count(*) FROM provenance", &r.files));
    TAHQIQ_RETURN_IF_ERROR(Scalar("SELECT coalesce(max(seq),0) FROM index_outbox", &r.outbox_last));
    TAHQIQ_RETURN_IF_ERROR(
        Scalar("SELECT coalesce(sum(max(chunks,1)),0) FROM documents", &r.index_entries_expected));
    TAHQIQ_RETURN_IF_ERROR(Counts(
        "SELECT type, count(*) FROM documents GROUP BY type ORDER BY 2 DESC, 1", &r.by_type));
    TAHQIQ_RETURN_IF_ERROR(Counts(
        "SELECT lang, count(*) FROM documents GROUP BY lang ORDER BY 2 DESC, 1", &r.by_lang));
    TAHQIQ_RETURN_IF_ERROR(Counts(
        "SELECT status, count(*) FROM documents GROUP BY status ORDER BY 2 DESC, 1", &r.by_status));
    Stmt f(db_,
           "SELECT d.id, coalesce(p.path,''), coalesce(p.member,''), d.type, d.status, d.reason "
           "FROM documents d LEFT JOIN provenance p ON p.id = "
           "(SELECT min(id) FROM provenance WHERE doc_id=d.id) "
           "WHERE d.status != 'ok' ORDER BY d.id LIMIT ?");
    TAHQIQ_RETURN_IF_ERROR(f.prepared());
    f.Bind(1, static_cast<int64_t>(max_failures));
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, f.Step());
      if (!more) break;
      r.failures.push_back({f.Int(0), f.Str(1), f.Str(2), f.Str(3), f.Str(4), f.Str(5)});
    }
    // Unreadable files of the latest run that had any (earlier runs' errors
    // may since have been fixed and ingested).
    Stmt e(db_,
           "SELECT path, reason FROM file_errors WHERE run_id = "
           "(SELECT max(run_id) FROM file_errors) ORDER BY id LIMIT ?");
    TAHQIQ_RETURN_IF_ERROR(e.prepared());
    e.Bind(1, static_cast<int64_t>(max_failures));
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, e.Step());
      if (!more) break;
      r.file_errors.emplace_back(e.Str(0), e.Str(1));
    }
    return r;
  }

  Status ReadOutbox(uint64_t after_seq,
                    const std::function<Status(uint64_t, int64_t)>& fn) override {
    Stmt s(db_, "SELECT seq, doc_id FROM index_outbox WHERE seq > ? ORDER BY seq");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, static_cast<int64_t>(after_seq));
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
      if (!more) break;
      TAHQIQ_RETURN_IF_ERROR(fn(static_cast<uint64_t>(s.Int(0)), s.Int(1)));
    }
    return Status::Ok();
  }

  Status EnqueueIndex(int64_t doc_id) override {
    Held c(this, "INSERT INTO index_outbox(doc_id) VALUES(?)");
    TAHQIQ_RETURN_IF_ERROR(c->prepared());
    c->Bind(1, doc_id);
    return c->Run();
  }

  Result<uint64_t> LastOutboxSeq() override {
    uint64_t v = 0;
    TAHQIQ_RETURN_IF_ERROR(Scalar("SELECT coalesce(max(seq),0) FROM index_outbox", &v));
    return v;
  }

  Result<std::optional<std::string>> GetMeta(const std::string& key) override {
    Stmt s(db_, "SELECT value FROM meta WHERE key=?");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, key);
    TAHQIQ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return std::optional<std::string>();
    return std::optional<std::string>(s.Str(0));
  }

  Status SetMeta(const std::string& key, const std::string& value) override {
    Stmt s(db_,
           "INSERT INTO meta(key, value) VALUES(?,?) "
           "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, key).Bind(2, value);
    return s.Run();
  }

 private:
  Status Exec(const char* sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    if (rc == SQLITE_OK) return Status::Ok();
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return SqlStatus(nullptr, rc, msg);
  }

  Status Scalar(const char* sql, uint64_t* out) {
    Stmt s(db_, sql);
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    TAHQIQ_ASSIGN_OR_RETURN(bool row, s.Step());
    *out = row ? static_cast<uint64_t>(s.Int(0)) : 0;
    return Status::Ok();
  }

  Status Counts(const char* sql, std::vector<std::pair<std::string, uint64_t>>* out) {
    Stmt s(db_, sql);
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
      if (!more) break;
      out->emplace_back(s.Str(0), static_cast<uint64_t>(s.Int(1)));
    }
    return Status::Ok();
  }

  Status InsertFields(const DocumentRecord& d) {
    if (d.fields.empty()) return Status::Ok();
    Held c(this, "INSERT INTO fields(doc_id, name, value) VALUES(?,?,?)");
    Stmt& f = *c;
    TAHQIQ_RETURN_IF_ERROR(f.prepared());
    for (const auto& [name, value] : d.fields) {
      f.Reset();
      f.Bind(1, d.id).Bind(2, name).Bind(3, value);
      TAHQIQ_RETURN_IF_ERROR(f.Run());
    }
    return Status::Ok();
  }

  // ---- figures ----
 public:
  Status AddFigures(int64_t doc_id, const std::vector<FigureRecord>& figures) override {
    if (figures.empty()) return Status::Ok();
    if (!figure_stmt_) {
      figure_stmt_ = std::make_unique<Stmt>(
          db_,
          "INSERT OR REPLACE INTO figures(doc_id, start, end, kind, value, date, date_from, "
          "date_to, date_lo, date_hi, unit, currency, approx, text, page) "
          "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    }
    TAHQIQ_RETURN_IF_ERROR(figure_stmt_->prepared());
    for (const FigureRecord& f : figures) {
      Stmt& s = *figure_stmt_;
      s.Reset();
      s.Bind(1, doc_id)
          .Bind(2, static_cast<int64_t>(f.start))
          .Bind(3, static_cast<int64_t>(f.end))
          .Bind(4, f.kind)
          .BindDouble(5, f.value)
          .Bind(6, f.date)
          .Bind(7, f.from)
          .Bind(8, f.to)
          .Bind(9, f.date_lo)
          .Bind(10, f.date_hi)
          .Bind(11, f.unit)
          .Bind(12, f.currency)
          .Bind(13, static_cast<int64_t>(f.approx ? 1 : 0))
          .Bind(14, f.text)
          .Bind(15, static_cast<int64_t>(f.page));
      TAHQIQ_RETURN_IF_ERROR(s.Run());
    }
    return Status::Ok();
  }

  Status DeleteFigures(int64_t doc_id) override {
    Stmt s(db_, "DELETE FROM figures WHERE doc_id=?");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, doc_id);
    return s.Run();
  }

  Status ReadFigures(const FigureQuery& q,
                     const std::function<Status(const FigureRecord&)>& fn) override {
    std::string sql =
        "SELECT doc_id, start, end, kind, value, date, date_from, date_to, date_lo, date_hi, "
        "unit, currency, approx, text, page FROM figures WHERE " +
        FigureWhere(q) + " ORDER BY doc_id, start";
    if (q.limit > 0) sql += " LIMIT " + std::to_string(q.limit);
    Stmt s(db_, sql.c_str());
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    BindFigureQuery(q, &s);
    FigureRecord f;
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
      if (!more) break;
      f.doc_id = s.Int(0);
      f.start = static_cast<uint64_t>(s.Int(1));
      f.end = static_cast<uint64_t>(s.Int(2));
      f.kind = s.Str(3);
      f.value = s.Double(4);
      f.date = s.Str(5);
      f.from = s.Str(6);
      f.to = s.Str(7);
      f.date_lo = s.Str(8);
      f.date_hi = s.Str(9);
      f.unit = s.Str(10);
      f.currency = s.Str(11);
      f.approx = s.Int(12) != 0;
      f.text = s.Str(13);
      f.page = static_cast<uint32_t>(s.Int(14));
      TAHQIQ_RETURN_IF_ERROR(fn(f));
    }
    return Status::Ok();
  }

  Result<std::vector<int64_t>> FigureDocuments(const FigureQuery& q) override {
    const std::string sql =
        "SELECT DISTINCT doc_id FROM figures WHERE " + FigureWhere(q) + " ORDER BY doc_id";
    Stmt s(db_, sql.c_str());
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    BindFigureQuery(q, &s);
    std::vector<int64_t> ids;
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
      if (!more) break;
      ids.push_back(s.Int(0));
    }
    return ids;
  }

 private:
  // Only the criteria that are set, with numbered parameters. A criterion
  // written as (?2 = '' OR kind = ?2) kept SQLite from using the index on
  // (kind, value): every figure filter scanned the whole table (20 ms per
  // search on the benchmark case, bench/serve).
  static std::string FigureWhere(const FigureQuery& q) {
    std::string w = "1";
    if (q.doc_id != 0) w += " AND doc_id = ?1";
    if (q.kind == "date") {
      // Dates are most figures: reading them through the index on kind is
      // slower than one scan of the table (the unary + keeps the index out).
      w += " AND +kind IN (?2, 'daterange')";
    } else if (!q.kind.empty()) {
      w += " AND kind = ?2";
    }
    if (!q.unit.empty()) w += " AND unit = ?3";
    if (!q.currency.empty()) w += " AND currency = ?4";
    if (q.min) w += q.min_inclusive ? " AND value >= ?5" : " AND value > ?5";
    if (q.max) w += q.max_inclusive ? " AND value <= ?6" : " AND value < ?6";
    if (!q.date_lo.empty() || !q.date_hi.empty()) w += " AND date_lo <> ''";
    if (!q.date_hi.empty()) w += " AND date_lo <= ?7";
    if (!q.date_lo.empty()) w += " AND date_hi >= ?8";
    return w;
  }
  static void BindFigureQuery(const FigureQuery& q, Stmt* s) {
    s->Bind(1, q.doc_id).Bind(2, q.kind).Bind(3, q.unit).Bind(4, q.currency);
    if (q.min) s->BindDouble(5, *q.min);
    if (q.max) s->BindDouble(6, *q.max);
    if (!q.date_hi.empty()) s->Bind(7, q.date_hi);
    if (!q.date_lo.empty()) s->Bind(8, q.date_lo);
  }
  std::unique_ptr<Stmt> figure_stmt_;
  // ---- end figures ----

  sqlite3* db_;
  std::unique_ptr<Stmt> chunk_stmt_;

  // ---- entities (store.h) and watchlists ----
  // The tables are created on first use, so cases made before entities
  // existed gain them without a schema migration.
 public:
  Status AddEntityMentions(int64_t doc_id, const std::vector<EntityMentionInput>& ms) override {
    if (ms.empty()) return Status::Ok();
    TAHQIQ_RETURN_IF_ERROR(EntitySchema());
    if (!entity_stmts_) {
      entity_stmts_ = std::make_unique<EntityStmts>(db_);
      for (Stmt* st : entity_stmts_->all()) {
        if (Status p = st->prepared(); !p.ok()) {
          entity_stmts_.reset();
          return p;
        }
      }
    }
    EntityStmts& es = *entity_stmts_;
    // A statement left on a row would hold its read snapshot (and the WAL)
    // after the transaction ends.
    struct ResetAll {
      EntityStmts& es;
      ~ResetAll() {
        for (Stmt* st : es.all()) st->Reset();
      }
    } reset_all{es};
    Stmt &by_value = es.by_value, &by_key = es.by_key, &create = es.create, &alias = es.alias,
         &key = es.key, &upgrade = es.upgrade, &mention = es.mention, &latin_alias = es.latin_alias;
    for (const EntityMentionInput& m : ms) {
      const bool name_class = m.kind == "org" || m.kind == "name" || m.kind == "quoted";
      const std::string cls = name_class ? "name" : m.kind;
      int64_t id = 0;
      by_value.Reset();
      by_value.Bind(1, m.value).Bind(2, cls);
      TAHQIQ_ASSIGN_OR_RETURN(bool row, by_value.Step());
      if (row) id = by_value.Int(0);
      // Name keys join spellings across scripts (and Arabic or Hebrew
      // transliteration variants); two different Latin spellings are two
      // names (Notes, Notice), so a Latin value never joins by key an
      // entity that already has a Latin alias.
      const bool latin = IsLatinValue(m.value);
      for (size_t k = 0; id == 0 && name_class && k < m.keys.size(); ++k) {
        by_key.Reset();
        by_key.Bind(1, m.keys[k]);
        TAHQIQ_ASSIGN_OR_RETURN(bool found, by_key.Step());
        if (!found) continue;
        const int64_t candidate = by_key.Int(0);
        bool clash = false;
        if (latin) {
          latin_alias.Reset();
          latin_alias.Bind(1, candidate);
          for (;;) {
            TAHQIQ_ASSIGN_OR_RETURN(bool more, latin_alias.Step());
            if (!more) break;
            clash |= IsLatinValue(latin_alias.Str(0));
          }
        }
        if (!clash) id = candidate;
      }
      if (id == 0) {
        create.Reset();
        create.Bind(1, m.kind).Bind(2, cls).Bind(3, m.name.empty() ? m.text : m.name);
        TAHQIQ_RETURN_IF_ERROR(create.Run());
        id = sqlite3_last_insert_rowid(db_);
      } else if (name_class && m.kind != "quoted") {
        upgrade.Reset();
        upgrade.Bind(1, m.kind).Bind(2, id).Bind(3, id).Bind(4, m.kind);
        TAHQIQ_RETURN_IF_ERROR(upgrade.Run());
      }
      alias.Reset();
      alias.Bind(1, m.value).Bind(2, id);
      TAHQIQ_RETURN_IF_ERROR(alias.Run());
      for (const std::string& k : m.keys) {
        key.Reset();
        key.Bind(1, k).Bind(2, id);
        TAHQIQ_RETURN_IF_ERROR(key.Run());
      }
      mention.Reset();
      mention.Bind(1, doc_id)
          .Bind(2, id)
          .Bind(3, m.kind)
          .Bind(4, static_cast<int64_t>(m.start))
          .Bind(5, static_cast<int64_t>(m.end))
          .Bind(6, m.text)
          .Bind(7, m.value);
      TAHQIQ_RETURN_IF_ERROR(mention.Run());
    }
    return Status::Ok();
  }

  Status DeleteEntityMentions(int64_t doc_id) override {
    TAHQIQ_RETURN_IF_ERROR(EntitySchema());
    Stmt s(db_, "DELETE FROM entity_mentions WHERE doc_id=?");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, doc_id);
    return s.Run();
  }

  Result<std::vector<EntityInfo>> ListEntities(const std::string& kind) override {
    TAHQIQ_RETURN_IF_ERROR(EntitySchema());
    Stmt s(db_,
           "SELECT e.id, e.kind, e.name, count(DISTINCT m.doc_id), count(*) FROM entities e "
           "JOIN entity_mentions m ON m.entity_id=e.id WHERE ?1='' OR e.kind=?1 "
           "GROUP BY e.id ORDER BY 4 DESC, 5 DESC, e.id");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, kind);
    std::vector<EntityInfo> out;
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
      if (!more) break;
      EntityInfo e;
      e.id = s.Int(0);
      e.kind = s.Str(1);
      e.name = s.Str(2);
      e.documents = static_cast<uint64_t>(s.Int(3));
      e.mentions = static_cast<uint64_t>(s.Int(4));
      out.push_back(std::move(e));
    }
    Stmt a(db_,
           "SELECT value FROM entity_mentions WHERE entity_id=? GROUP BY value "
           "ORDER BY count(*) DESC, value");
    TAHQIQ_RETURN_IF_ERROR(a.prepared());
    for (EntityInfo& e : out) {
      a.Reset();
      a.Bind(1, e.id);
      for (;;) {
        TAHQIQ_ASSIGN_OR_RETURN(bool more, a.Step());
        if (!more) break;
        e.aliases.push_back(a.Str(0));
      }
    }
    return out;
  }

  Result<std::vector<EntityInfo>> ListEntitiesIn(const std::vector<int64_t>& doc_ids,
                                                 const std::string& kind) override {
    TAHQIQ_RETURN_IF_ERROR(EntitySchema());
    struct Seen {
      EntityInfo info;
      std::map<std::string, uint64_t> values;
    };
    std::unordered_map<int64_t, Seen> seen;
    // One index range of (doc_id, entity_id) per document: the work follows
    // the documents asked for, not the case.
    Stmt s(db_,
           "SELECT m.entity_id, e.kind, m.text, m.value FROM entity_mentions m JOIN entities e ON "
           "e.id=m.entity_id WHERE m.doc_id=?1 AND (?2='' OR e.kind=?2) ORDER BY m.start");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    for (int64_t d : doc_ids) {
      s.Reset();
      s.Bind(1, d).Bind(2, kind);
      std::set<int64_t> in_doc;
      for (;;) {
        TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
        if (!more) break;
        const int64_t id = s.Int(0);
        Seen& e = seen[id];
        if (e.info.id == 0) {
          e.info.id = id;
          e.info.kind = s.Str(1);
          e.info.name = s.Str(2);
        }
        if (in_doc.insert(id).second) e.info.documents++;
        e.info.mentions++;
        e.values[s.Str(3)]++;
      }
    }
    std::vector<EntityInfo> out;
    out.reserve(seen.size());
    for (auto& [id, e] : seen) {
      std::vector<std::pair<uint64_t, std::string>> by_count;
      for (auto& [v, n] : e.values) by_count.emplace_back(n, v);
      std::stable_sort(by_count.begin(), by_count.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      for (auto& [n, v] : by_count) e.info.aliases.push_back(std::move(v));
      out.push_back(std::move(e.info));
    }
    std::sort(out.begin(), out.end(), [](const EntityInfo& a, const EntityInfo& b) {
      if (a.documents != b.documents) return a.documents > b.documents;
      if (a.mentions != b.mentions) return a.mentions > b.mentions;
      return a.id < b.id;
    });
    return out;
  }

  Status ReadEntityMentions(int64_t entity_id,
                            const std::function<Status(const EntityMentionRow&)>& fn) override {
    return ReadMentions("WHERE ?1=0 OR entity_id=?1 ORDER BY doc_id, start", entity_id, fn);
  }

  Status ReadDocumentMentions(int64_t doc_id,
                              const std::function<Status(const EntityMentionRow&)>& fn) override {
    return ReadMentions("WHERE doc_id=?1 ORDER BY start", doc_id, fn);
  }

  // Mentions selected by `where` (with one parameter, ?1 = `key`).
  Status ReadMentions(const std::string& where, int64_t key,
                      const std::function<Status(const EntityMentionRow&)>& fn) {
    TAHQIQ_RETURN_IF_ERROR(EntitySchema());
    const std::string sql =
        "SELECT doc_id, entity_id, kind, text, value, start, end FROM entity_mentions " + where;
    Stmt s(db_, sql.c_str());
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, key);
    EntityMentionRow r;
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
      if (!more) break;
      r.doc_id = s.Int(0);
      r.entity_id = s.Int(1);
      r.kind = s.Str(2);
      r.text = s.Str(3);
      r.value = s.Str(4);
      r.start = static_cast<uint64_t>(s.Int(5));
      r.end = static_cast<uint64_t>(s.Int(6));
      TAHQIQ_RETURN_IF_ERROR(fn(r));
    }
    return Status::Ok();
  }

  Result<std::vector<int64_t>> FindEntities(const std::string& value,
                                            const std::vector<std::string>& keys) override {
    TAHQIQ_RETURN_IF_ERROR(EntitySchema());
    std::set<int64_t> ids;
    Stmt v(db_, "SELECT entity_id FROM entity_aliases WHERE value=?");
    TAHQIQ_RETURN_IF_ERROR(v.prepared());
    v.Bind(1, value);
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, v.Step());
      if (!more) break;
      ids.insert(v.Int(0));
    }
    Stmt k(db_, "SELECT entity_id FROM entity_keys WHERE key=?");
    TAHQIQ_RETURN_IF_ERROR(k.prepared());
    for (const std::string& key : keys) {
      k.Reset();
      k.Bind(1, key);
      for (;;) {
        TAHQIQ_ASSIGN_OR_RETURN(bool more, k.Step());
        if (!more) break;
        ids.insert(k.Int(0));
      }
    }
    return std::vector<int64_t>(ids.begin(), ids.end());
  }

  Result<std::vector<int64_t>> EntityDocuments(const std::vector<int64_t>& entity_ids) override {
    TAHQIQ_RETURN_IF_ERROR(EntitySchema());
    std::set<int64_t> docs;
    Stmt s(db_, "SELECT DISTINCT doc_id FROM entity_mentions WHERE entity_id=?");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    for (int64_t id : entity_ids) {
      s.Reset();
      s.Bind(1, id);
      for (;;) {
        TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
        if (!more) break;
        docs.insert(s.Int(0));
      }
    }
    return std::vector<int64_t>(docs.begin(), docs.end());
  }

  Result<std::string> FirstMentionIn(int64_t entity_id,
                                     const std::vector<int64_t>& doc_ids) override {
    TAHQIQ_RETURN_IF_ERROR(EntitySchema());
    std::vector<int64_t> docs(doc_ids);
    std::sort(docs.begin(), docs.end());
    // In the (entity_id, doc_id) index's order: one range of the index,
    // stopped at the first document asked for.
    Stmt s(db_,
           "SELECT doc_id, text FROM entity_mentions WHERE entity_id=? ORDER BY doc_id, start");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, entity_id);
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
      if (!more) return std::string();
      if (std::binary_search(docs.begin(), docs.end(), s.Int(0))) return s.Str(1);
    }
  }

  Result<std::vector<EntityInfo>> EntityFacets(const std::vector<int64_t>& doc_ids,
                                               size_t limit) override {
    TAHQIQ_RETURN_IF_ERROR(EntitySchema());
    std::unordered_map<int64_t, uint64_t> counts;
    // Answered from the index on (doc_id, entity_id) alone, in its order:
    // with an index on doc_id only, each mention cost a lookup of its row
    // and each document a temporary b-tree (search facets in the server:
    // 150 ms for a word in 3,000 documents; bench/RESULTS.md, issue 8).
    Stmt s(db_, "SELECT DISTINCT entity_id FROM entity_mentions WHERE doc_id=?");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    for (int64_t d : doc_ids) {
      s.Reset();
      s.Bind(1, d);
      for (;;) {
        TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
        if (!more) break;
        counts[s.Int(0)]++;
      }
    }
    std::vector<std::pair<int64_t, uint64_t>> top(counts.begin(), counts.end());
    // Most documents first, then the lowest id.
    auto before = [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    if (top.size() > limit) {
      std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(limit), top.end(),
                        before);
      top.resize(limit);
    } else {
      std::sort(top.begin(), top.end(), before);
    }
    std::vector<EntityInfo> out;
    Stmt e(db_, "SELECT kind, name FROM entities WHERE id=?");
    TAHQIQ_RETURN_IF_ERROR(e.prepared());
    for (const auto& [id, n] : top) {
      e.Reset();
      e.Bind(1, id);
      TAHQIQ_ASSIGN_OR_RETURN(bool row, e.Step());
      if (!row) continue;
      EntityInfo info;
      info.id = id;
      info.kind = e.Str(0);
      info.name = e.Str(1);
      info.documents = n;
      out.push_back(std::move(info));
    }
    return out;
  }

  Result<int64_t> AddWatchedName(const WatchedName& w) override {
    TAHQIQ_RETURN_IF_ERROR(EntitySchema());
    std::string aliases;
    for (const std::string& a : w.aliases) {
      if (!aliases.empty()) aliases += '\n';
      aliases += a;
    }
    Stmt s(db_,
           "INSERT INTO watchlist(name, aliases) VALUES(?,?) "
           "ON CONFLICT(name) DO UPDATE SET aliases=excluded.aliases RETURNING id");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, w.name).Bind(2, aliases);
    TAHQIQ_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return Status::Internal("watchlist insert returned no id");
    return s.Int(0);
  }

  Result<std::vector<WatchedName>> ListWatchedNames() override {
    TAHQIQ_RETURN_IF_ERROR(EntitySchema());
    Stmt s(db_, "SELECT id, name, aliases FROM watchlist ORDER BY id");
    TAHQIQ_RETURN_IF_ERROR(s.prepared());
    std::vector<WatchedName> out;
    for (;;) {
      TAHQIQ_ASSIGN_OR_RETURN(bool more, s.Step());
      if (!more) break;
      WatchedName w;
      w.id = s.Int(0);
      w.name = s.Str(1);
      const std::string a = s.Str(2);
      for (size_t b = 0; b < a.size();) {
        size_t e = a.find('\n', b);
        if (e == std::string::npos) e = a.size();
        if (e > b) w.aliases.push_back(a.substr(b, e - b));
        b = e + 1;
      }
      out.push_back(std::move(w));
    }
    return out;
  }

 private:
  Status EntitySchema() {
    if (entity_schema_ready_) return Status::Ok();
    TAHQIQ_RETURN_IF_ERROR(Exec(kEntitySchema));
    entity_schema_ready_ = true;
    return Status::Ok();
  }

  static bool IsLatinValue(std::string_view v) {
    return !v.empty() && static_cast<unsigned char>(v[0]) < 0x80;
  }

  bool entity_schema_ready_ = false;
  // Statements of the write path, prepared once per connection (keyed by
  // the address of their SQL literal). A holder resets its statement when
  // it goes: one left on a row would keep its read snapshot open.
  class Held {
   public:
    Held(SqliteStore* store, const char* sql) {
      std::unique_ptr<Stmt>& p = store->cached_[sql];
      if (!p || !p->prepared().ok()) p = std::make_unique<Stmt>(store->db_, sql);
      stmt_ = p.get();
    }
    ~Held() { stmt_->Reset(); }
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;
    Stmt& operator*() { return *stmt_; }
    Stmt* operator->() { return stmt_; }

   private:
    Stmt* stmt_;
  };
  std::unordered_map<const char*, std::unique_ptr<Stmt>> cached_;
  // AddEntityMentions' statements, prepared once per connection (it runs for
  // every committed document).
  struct EntityStmts {
    explicit EntityStmts(sqlite3* db)
        : by_value(db,
                   "SELECT a.entity_id FROM entity_aliases a JOIN entities e ON "
                   "e.id=a.entity_id WHERE a.value=? AND e.class=? ORDER BY a.entity_id LIMIT 1"),
          by_key(db,
                 "SELECT k.entity_id FROM entity_keys k JOIN entities e ON e.id=k.entity_id "
                 "WHERE k.key=? AND e.class='name' ORDER BY k.entity_id LIMIT 1"),
          create(db, "INSERT INTO entities(kind, class, name) VALUES(?,?,?)"),
          alias(db, "INSERT OR IGNORE INTO entity_aliases(value, entity_id) VALUES(?,?)"),
          key(db, "INSERT OR IGNORE INTO entity_keys(key, entity_id) VALUES(?,?)"),
          upgrade(db,
                  "UPDATE entities SET kind=? WHERE id=? AND kind='quoted' OR id=? AND ?='org'"),
          mention(db,
                  "INSERT INTO entity_mentions(doc_id, entity_id, kind, start, end, text, value) "
                  "VALUES(?,?,?,?,?,?,?)"),
          latin_alias(db, "SELECT value FROM entity_aliases WHERE entity_id=?") {}
    std::vector<Stmt*> all() {
      return {&by_value, &by_key, &create, &alias, &key, &upgrade, &mention, &latin_alias};
    }
    Stmt by_value, by_key, create, alias, key, upgrade, mention, latin_alias;
  };
  std::unique_ptr<EntityStmts> entity_stmts_;
  // ---- end entities ----
  std::unique_ptr<Stmt> coll_stmt_;  // CollectionsOf, prepared once (hot in search).

  // Statements run for every search result (GetDocument, ReadChunk) are
  // prepared once per connection: preparing is a parse and a query plan,
  // repeated 40 times for 10 results. Keyed by the address of the SQL
  // literal. A statement holds its read snapshot until reset, so users
  // reset it when done (ResetOnExit), or a long-lived connection (the
  // server's) would keep reading an old snapshot.
  // (The same cache as Held, which the write path uses.)
  Stmt& Cached(const char* sql) {
    auto& st = cached_[sql];
    if (!st || !st->prepared().ok()) st = std::make_unique<Stmt>(db_, sql);
    st->Reset();
    return *st;
  }
  struct ResetOnExit {
    Stmt& stmt;
    ~ResetOnExit() { stmt.Reset(); }
  };
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& db_path) {
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(db_path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status st = SqlStatus(db, rc, "cannot open " + db_path);
    sqlite3_close_v2(db);
    return st;
  }
  auto store = std::make_unique<SqliteStore>(db);
  TAHQIQ_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

namespace {

Result<std::unique_ptr<Store>> OpenForReading(const std::string& db_path, ReaderLife life,
                                              bool migrate) {
  if (life == ReaderLife::kOneShot) {
    // No bulk page cache: SQLite otherwise allocates and links 20 page
    // slots (87 KB, ~20 page faults) at the first page it reads, while a
    // mapped reader caches little more than page 1. Process-wide, so only
    // in a one-shot process; refused (and harmless) once SQLite has started.
    (void)sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, 0, 0);
  }
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status st = rc == SQLITE_CANTOPEN ? Status::NotFound("no store at " + db_path)
                                      : SqlStatus(db, rc, "cannot open " + db_path);
    sqlite3_close_v2(db);
    return st;
  }
  // Reads through a memory map instead of a pread per page: a search reads
  // each result's text chunk (up to 256 KiB, a chain of overflow pages).
  // The map only ever covers pages of the file that exist: the store never
  // shrinks case.db (no VACUUM), which is what makes mapping it safe.
  (void)sqlite3_exec(db, "PRAGMA mmap_size=1073741824", nullptr, nullptr, nullptr);
  // The read transaction starts at the first SELECT (InitForReading's) and
  // ends with the connection; a read-only connection can begin one.
  if (life == ReaderLife::kOneShot &&
      sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Status st = SqlStatus(db, sqlite3_errcode(db), "cannot begin reading " + db_path);
    sqlite3_close_v2(db);
    return st;
  }
  auto store = std::make_unique<SqliteStore>(db);
  TAHQIQ_ASSIGN_OR_RETURN(bool current, store->InitForReading());
  if (!current && migrate) {
    // Written by an older build: one writing open adds what is missing.
    store.reset();
    TAHQIQ_RETURN_IF_ERROR(OpenSqliteStore(db_path).status());
    return OpenForReading(db_path, life, false);
  }
  if (!current) return Status::Corrupt(db_path + ": schema incomplete after migration");
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStoreForReading(const std::string& db_path,
                                                         ReaderLife life) {
  return OpenForReading(db_path, life, true);
}

}  // namespace tahqiq::store
