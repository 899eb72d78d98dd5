#include "serve/work.h"

#include <sqlite3.h>

#include <ctime>

#include "serve/internal.h"

namespace tahqiq::serve {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS doc_tags(doc_id INTEGER NOT NULL, collection TEXT NOT NULL,
  tag TEXT NOT NULL, user TEXT NOT NULL, created TEXT NOT NULL,
  PRIMARY KEY(doc_id, collection, tag)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS doc_notes(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL,
  collection TEXT NOT NULL, user TEXT NOT NULL, text TEXT NOT NULL, created TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS doc_notes_doc ON doc_notes(doc_id);
CREATE INDEX IF NOT EXISTS doc_notes_user ON doc_notes(user);
CREATE INDEX IF NOT EXISTS doc_tags_user ON doc_tags(user);
CREATE TABLE IF NOT EXISTS stars(user TEXT NOT NULL, doc_id INTEGER NOT NULL,
  PRIMARY KEY(user, doc_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS searches(id INTEGER PRIMARY KEY, user TEXT NOT NULL,
  name TEXT NOT NULL, q TEXT NOT NULL, created TEXT NOT NULL);
)sql";

std::string Now() { return IsoTime(static_cast<int64_t>(std::time(nullptr))); }

// " AND collection IN (?,...)" for `collections` (nothing when null: all),
// its parameters bound from index `first`.
std::string InCollections(const std::vector<std::string>* collections) {
  if (collections == nullptr) return "";
  std::string sql = " AND collection IN (";
  for (size_t i = 0; i < collections->size(); ++i) sql += i ? ",?" : "?";
  return sql + ")";
}
void BindCollections(Stmt& s, int first, const std::vector<std::string>* collections) {
  if (collections == nullptr) return;
  for (size_t i = 0; i < collections->size(); ++i)
    s.Bind(first + static_cast<int>(i), (*collections)[i]);
}

}  // namespace

Result<std::unique_ptr<WorkDb>> WorkDb::Open(const std::string& path, WorkLimits limits) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::IOError("cannot open " + path + ": " + msg);
  }
  std::unique_ptr<WorkDb> w(new WorkDb(db, limits));
  sqlite3_busy_timeout(db, 10000);
  char* err = nullptr;
  if (sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, &err) != SQLITE_OK ||
      sqlite3_exec(db, kSchema, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "error";
    sqlite3_free(err);
    return Status::IOError("cannot create " + path + ": " + msg);
  }
  return w;
}

WorkDb::~WorkDb() { sqlite3_close_v2(db_); }

Status WorkDb::Error(const std::string& what) {
  return Status::IOError("work.db: " + what + ": " + sqlite3_errmsg(db_));
}

Status WorkDb::UnderLimit(const char* table, const std::string& user, int64_t max,
                          const char* what) {
  Stmt s(db_, (std::string("SELECT count(*) FROM ") + table + " WHERE user=?").c_str());
  s.Bind(1, user);
  if (s.Step() != SQLITE_ROW) return Error("count");
  if (s.Int(0) >= max) {
    return Status::ResourceExhausted("limit reached: at most " + std::to_string(max) + " " + what +
                                     " per user");
  }
  return Status::Ok();
}

Status WorkDb::AddTag(int64_t doc, const std::string& collection, const std::string& tag,
                      const std::string& user) {
  TAHQIQ_RETURN_IF_ERROR(UnderLimit("doc_tags", user, limits_.tags_per_user, "tags"));
  Stmt s(
      db_,
      "INSERT OR IGNORE INTO doc_tags(doc_id, collection, tag, user, created) VALUES(?,?,?,?,?)");
  s.Bind(1, doc).Bind(2, collection).Bind(3, tag).Bind(4, user).Bind(5, Now());
  return s.Step() == SQLITE_DONE ? Status::Ok() : Error("add tag");
}

Status WorkDb::RemoveTag(int64_t doc, const std::vector<std::string>* collections,
                         const std::string& tag) {
  const std::string sql =
      "DELETE FROM doc_tags WHERE doc_id=? AND tag=?" + InCollections(collections);
  Stmt s(db_, sql.c_str());
  s.Bind(1, doc).Bind(2, tag);
  BindCollections(s, 3, collections);
  if (s.Step() != SQLITE_DONE) return Error("remove tag");
  return sqlite3_changes(db_) > 0 ? Status::Ok() : Status::NotFound("no such tag");
}

Result<std::vector<std::string>> WorkDb::Tags(int64_t doc,
                                              const std::vector<std::string>* collections) {
  const std::string sql = "SELECT DISTINCT tag FROM doc_tags WHERE doc_id=?" +
                          InCollections(collections) + " ORDER BY tag";
  Stmt s(db_, sql.c_str());
  s.Bind(1, doc);
  BindCollections(s, 2, collections);
  std::vector<std::string> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Text(0));
  if (rc != SQLITE_DONE) return Error("read tags");
  return out;
}

Result<std::vector<std::pair<std::string, int64_t>>> WorkDb::TaggedDocuments(
    const std::vector<std::string>* collections) {
  const std::string sql = "SELECT DISTINCT tag, doc_id FROM doc_tags WHERE 1" +
                          InCollections(collections) + " ORDER BY tag, doc_id";
  Stmt s(db_, sql.c_str());
  BindCollections(s, 1, collections);
  std::vector<std::pair<std::string, int64_t>> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.emplace_back(s.Text(0), s.Int(1));
  if (rc != SQLITE_DONE) return Error("read tags");
  return out;
}

Result<Note> WorkDb::AddNote(int64_t doc, const std::string& collection, const std::string& user,
                             const std::string& text) {
  TAHQIQ_RETURN_IF_ERROR(UnderLimit("doc_notes", user, limits_.notes_per_user, "notes"));
  Note n{0, doc, user, text, Now()};
  Stmt s(db_, "INSERT INTO doc_notes(doc_id, collection, user, text, created) VALUES(?,?,?,?,?)");
  s.Bind(1, doc).Bind(2, collection).Bind(3, user).Bind(4, text).Bind(5, n.created);
  if (s.Step() != SQLITE_DONE) return Error("add note");
  n.id = sqlite3_last_insert_rowid(db_);
  return n;
}

Status WorkDb::RemoveNote(int64_t doc, int64_t note, const std::string& user) {
  Stmt s(db_, "DELETE FROM doc_notes WHERE id=? AND doc_id=? AND user=?");
  s.Bind(1, note).Bind(2, doc).Bind(3, user);
  if (s.Step() != SQLITE_DONE) return Error("remove note");
  return sqlite3_changes(db_) > 0 ? Status::Ok() : Status::NotFound("no such note of yours");
}

Result<std::vector<Note>> WorkDb::Notes(int64_t doc, const std::vector<std::string>* collections) {
  const std::string sql = "SELECT id, user, text, created FROM doc_notes WHERE doc_id=?" +
                          InCollections(collections) + " ORDER BY id";
  Stmt s(db_, sql.c_str());
  s.Bind(1, doc);
  BindCollections(s, 2, collections);
  std::vector<Note> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW)
    out.push_back({s.Int(0), doc, s.Text(1), s.Text(2), s.Text(3)});
  if (rc != SQLITE_DONE) return Error("read notes");
  return out;
}

Status WorkDb::SetStar(int64_t doc, const std::string& user, bool on) {
  Stmt s(db_, on ? "INSERT OR IGNORE INTO stars(doc_id, user) VALUES(?,?)"
                 : "DELETE FROM stars WHERE doc_id=? AND user=?");
  s.Bind(1, doc).Bind(2, user);
  return s.Step() == SQLITE_DONE ? Status::Ok() : Error("star");
}

Result<bool> WorkDb::Starred(int64_t doc, const std::string& user) {
  Stmt s(db_, "SELECT 1 FROM stars WHERE doc_id=? AND user=?");
  s.Bind(1, doc).Bind(2, user);
  int rc = s.Step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("read star");
  return rc == SQLITE_ROW;
}

Result<std::vector<int64_t>> WorkDb::StarredDocuments(const std::string& user) {
  Stmt s(db_, "SELECT doc_id FROM stars WHERE user=? ORDER BY doc_id");
  s.Bind(1, user);
  std::vector<int64_t> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Int(0));
  if (rc != SQLITE_DONE) return Error("read stars");
  return out;
}

Result<SavedSearch> WorkDb::AddSearch(const std::string& user, const std::string& name,
                                      const std::string& q) {
  TAHQIQ_RETURN_IF_ERROR(UnderLimit("searches", user, limits_.searches_per_user, "saved searches"));
  SavedSearch out{0, user, name, q, Now()};
  Stmt s(db_, "INSERT INTO searches(user, name, q, created) VALUES(?,?,?,?)");
  s.Bind(1, user).Bind(2, name).Bind(3, q).Bind(4, out.created);
  if (s.Step() != SQLITE_DONE) return Error("save search");
  out.id = sqlite3_last_insert_rowid(db_);
  return out;
}

Status WorkDb::RemoveSearch(const std::string& user, int64_t id) {
  Stmt s(db_, "DELETE FROM searches WHERE id=? AND user=?");
  s.Bind(1, id).Bind(2, user);
  if (s.Step() != SQLITE_DONE) return Error("remove search");
  return sqlite3_changes(db_) > 0 ? Status::Ok() : Status::NotFound("no such saved search");
}

Result<std::vector<SavedSearch>> WorkDb::Searches(const std::string& user) {
  Stmt s(db_, "SELECT id, name, q, created FROM searches WHERE user=? ORDER BY id");
  s.Bind(1, user);
  std::vector<SavedSearch> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW)
    out.push_back({s.Int(0), user, s.Text(1), s.Text(2), s.Text(3)});
  if (rc != SQLITE_DONE) return Error("read searches");
  return out;
}

}  // namespace tahqiq::serve
