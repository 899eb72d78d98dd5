#include "serve/audit.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "base/file_util.h"
#include "base/sha256.h"
#include "serve/internal.h"

namespace tahqiq::serve {
namespace {

const std::string kZeroHash(64, '0');

// Every table of access.db; see access.h and audit.h for what they hold.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS users(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK(role IN ('admin', 'editor', 'viewer')),
  pwhash TEXT NOT NULL,
  created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS collections(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  owner INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS grants(
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  access TEXT NOT NULL CHECK(access IN ('read', 'write')),
  PRIMARY KEY(user_id, collection_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sessions(
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  created INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  expires INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
CREATE TABLE IF NOT EXISTS login_failures(
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures(kind, key, at);
CREATE TABLE IF NOT EXISTS audit(
  seq INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

struct Head {
  int64_t seq = 0;
  std::string hash;
};

std::string HeadText(const Head& h) {
  return "tahqiq-audit-head 1\n" + std::to_string(h.seq) + " " + h.hash + "\n";
}

Result<Head> ParseHead(const std::string& text) {
  Head h;
  char hash[65] = {};
  long long seq = 0;
  if (std::sscanf(text.c_str(), "tahqiq-audit-head 1\n%lld %64[0-9a-f]", &seq, hash) != 2 ||
      std::string(hash).size() != 64 || seq < 0) {
    return Status::Corrupt("audit.head is not a head file");
  }
  h.seq = seq;
  h.hash = hash;
  return h;
}

AuditEntry ReadEntry(Stmt& s) {
  AuditEntry e;
  e.seq = s.Int(0);
  e.time = s.Text(1);
  e.actor = s.Text(2);
  e.action = s.Text(3);
  e.target = s.Text(4);
  e.details = s.Text(5);
  e.prev_hash = s.Text(6);
  e.hash = s.Text(7);
  return e;
}

constexpr const char* kEntryColumns = "seq, time, actor, action, target, details, prev_hash, hash";

}  // namespace

Stmt::Stmt(sqlite3* db, const char* sql) {
  if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK) s_ = nullptr;
}
Stmt::~Stmt() { sqlite3_finalize(s_); }
Stmt& Stmt::Bind(int i, const std::string& v) {
  sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(s_, i, v);
  return *this;
}
int Stmt::Step() { return s_ ? sqlite3_step(s_) : SQLITE_MISUSE; }
int64_t Stmt::Int(int col) const { return sqlite3_column_int64(s_, col); }
std::string Stmt::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, col))) : std::string();
}

std::string IsoTime(int64_t t) {
  const time_t tt = static_cast<time_t>(t);
  struct tm tm {};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

AuditLog::Db::~Db() { sqlite3_close_v2(db); }

int64_t AuditLog::Db::Now() const {
  return clock ? clock() : static_cast<int64_t>(std::time(nullptr));
}

Status AuditLog::Db::Error(const std::string& what) const {
  return Status::IOError("access: " + what + ": " + sqlite3_errmsg(db) + " (" + path + ")");
}

Status AuditLog::Db::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "error";
    sqlite3_free(err);
    if (sqlite3_errcode(db) == SQLITE_BUSY) return Status::Busy("access: " + m + " (" + path + ")");
    return Status::IOError("access: " + m + " (" + path + ")");
  }
  return Status::Ok();
}

Status AuditLog::Db::Transaction(const std::function<Status()>& body) {
  TAHQIQ_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  pending_seq = 0;
  Status st = body();
  if (st.ok()) st = Exec("COMMIT");
  if (!st.ok()) {
    Exec("ROLLBACK").ok();
    pending_seq = 0;
    return st;
  }
  if (pending_seq == 0) return Status::Ok();
  // After the commit, under a lock, and only forwards: two processes that
  // commit one after the other may reach this point in the other order.
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoStatus("access: cannot open", lock_path);
  ::flock(fd, LOCK_EX);
  Status hs;
  auto cur = ReadFile(head_path, 4096);
  Result<Head> old = cur.ok() ? ParseHead(*cur) : Result<Head>(Head{});
  if (!old.ok() || old->seq < pending_seq) {
    hs = WriteFileAtomic(head_path, HeadText({pending_seq, pending_hash}));
  }
  ::flock(fd, LOCK_UN);
  ::close(fd);
  pending_seq = 0;
  if (!hs.ok()) {
    return Status(hs.code(), "the change is recorded, but audit.head could not be updated (" +
                                 hs.message() +
                                 "); `tahqiq audit verify` will warn until the "
                                 "next change");
  }
  return Status::Ok();
}

Result<AuditEntry> AuditLog::Db::AppendInTx(const std::string& actor, const std::string& action,
                                            const std::string& target, const std::string& details) {
  AuditEntry e;
  e.details = details.empty() ? "{}" : details;
  auto parsed = nlohmann::json::parse(e.details, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return Status::InvalidArgument("audit: details must be a JSON object");
  }
  if (action.empty()) return Status::InvalidArgument("audit: empty action");
  Stmt last(db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
  const int rc = last.Step();
  if (rc == SQLITE_ROW) {
    e.seq = last.Int(0) + 1;
    e.prev_hash = last.Text(1);
  } else if (rc == SQLITE_DONE) {
    e.seq = 1;
    e.prev_hash = kZeroHash;
  } else {
    return Error("cannot read the audit log");
  }
  e.time = IsoTime(Now());
  e.actor = actor;
  e.action = action;
  e.target = target;
  e.hash = AuditHash(e);
  Stmt ins(db,
           "INSERT INTO audit(seq, time, actor, action, target, details, prev_hash, hash) "
           "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  ins.Bind(1, e.seq).Bind(2, e.time).Bind(3, e.actor).Bind(4, e.action).Bind(5, e.target);
  ins.Bind(6, e.details).Bind(7, e.prev_hash).Bind(8, e.hash);
  if (ins.Step() != SQLITE_DONE) return Error("cannot append to the audit log");
  pending_seq = e.seq;
  pending_hash = e.hash;
  return e;
}

Result<std::shared_ptr<AuditLog::Db>> OpenDb(const std::string& path,
                                             std::function<int64_t()> clock) {
  auto d = std::make_shared<AuditLog::Db>();
  d->path = path;
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
  d->head_path = dir + "/audit.head";
  d->lock_path = dir + "/audit.head.lock";
  d->clock = std::move(clock);
  // Created here, before SQLite, so that the file (and the -wal and -shm
  // files SQLite gives the same mode) is private from the first byte. Only
  // when it does not exist yet: closing any descriptor of a file drops all
  // of this process's POSIX locks on it, including those of SQLite
  // connections that other threads (the server's) hold on it, which broke
  // their locking ("disk I/O error") and could corrupt the database.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) return ErrnoStatus("access: cannot create", path);
    if (fd >= 0) ::close(fd);
  }
  if (sqlite3_open_v2(path.c_str(), &d->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    return d->Error("cannot open");
  }
  sqlite3_busy_timeout(d->db, 10000);
  TAHQIQ_RETURN_IF_ERROR(
      d->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
  TAHQIQ_RETURN_IF_ERROR(d->Transaction([&] { return d->Exec(kSchema); }));
  return d;
}

std::string AuditHash(const AuditEntry& e) {
  // Length-prefixed fields: no choice of field contents can make two
  // different entries encode to the same bytes.
  Sha256 h;
  h.Update("tahqiq-audit-v1\n");
  for (const std::string& f :
       {std::to_string(e.seq), e.time, e.actor, e.action, e.target, e.details, e.prev_hash}) {
    h.Update(std::to_string(f.size()));
    h.Update(":");
    h.Update(f);
    h.Update("\n");
  }
  return h.FinishHex();
}

AuditLog::AuditLog(std::shared_ptr<Db> db) : db_(std::move(db)) {}
AuditLog::~AuditLog() = default;

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const std::string& path) {
  TAHQIQ_ASSIGN_OR_RETURN(auto db, OpenDb(path, nullptr));
  return std::make_unique<AuditLog>(std::move(db));
}

Result<AuditEntry> AuditLog::Append(const std::string& actor, const std::string& action,
                                    const std::string& target, const std::string& details) {
  AuditEntry out;
  TAHQIQ_RETURN_IF_ERROR(db_->Transaction([&]() -> Status {
    TAHQIQ_ASSIGN_OR_RETURN(out, db_->AppendInTx(actor, action, target, details));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<AuditEntry>> AuditLog::AppendAll(std::vector<AuditEntry> items) {
  TAHQIQ_RETURN_IF_ERROR(db_->Transaction([&]() -> Status {
    for (auto& e : items) {
      TAHQIQ_ASSIGN_OR_RETURN(e, db_->AppendInTx(e.actor, e.action, e.target, e.details));
    }
    return Status::Ok();
  }));
  return items;
}

Result<std::vector<AuditEntry>> AuditLog::Tail(size_t limit, int64_t before) {
  const std::string sql = std::string("SELECT ") + kEntryColumns + " FROM audit" +
                          (before > 0 ? " WHERE seq < ?" : "") + " ORDER BY seq DESC" +
                          (limit ? " LIMIT " + std::to_string(limit) : "");
  Stmt s(db_->db, sql.c_str());
  if (before > 0) s.Bind(1, before);
  std::vector<AuditEntry> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadEntry(s));
  if (rc != SQLITE_DONE) return db_->Error("cannot read the audit log");
  return std::vector<AuditEntry>(out.rbegin(), out.rend());
}

Result<AuditVerdict> AuditLog::Verify() {
  AuditVerdict v;
  auto fail = [&v](int64_t seq, std::string problem) {
    if (!v.ok) return;
    v.ok = false;
    v.bad_seq = seq;
    v.problem = std::move(problem);
  };
  // One read transaction: entries appended meanwhile are not half-seen.
  TAHQIQ_RETURN_IF_ERROR(db_->Exec("BEGIN"));
  std::string head_text;
  bool head_exists = false;
  {
    // Read under the head lock so that an append in another process does
    // not move the head between reading the table and reading the file.
    const int fd = ::open(db_->lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) ::flock(fd, LOCK_SH);
    Stmt s(db_->db, (std::string("SELECT ") + kEntryColumns + " FROM audit ORDER BY seq").c_str());
    std::string prev = kZeroHash;
    int64_t expect = 1;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      const AuditEntry e = ReadEntry(s);
      ++v.entries;
      if (e.seq != expect) {
        fail(e.seq, e.seq > expect
                        ? "entr" + std::string(e.seq - expect > 1 ? "ies " : "y ") +
                              std::to_string(expect) +
                              (e.seq - expect > 1 ? "-" + std::to_string(e.seq - 1) : "") +
                              " missing before entry " + std::to_string(e.seq)
                        : "entry out of sequence");
      } else if (AuditHash(e) != e.hash) {
        fail(e.seq, "entry " + std::to_string(e.seq) + " was changed (its hash does not match)");
      } else if (e.prev_hash != prev) {
        fail(e.seq, "entry " + std::to_string(e.seq) +
                        " does not follow the entry before it (removed, inserted or reordered)");
      }
      prev = e.hash;
      expect = e.seq + 1;
      v.head_seq = e.seq;
      v.head_hash = e.hash;
    }
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
      auto h = ReadFile(db_->head_path, 4096);
      head_exists = h.ok();
      if (h.ok()) head_text = *h;
    }
    if (fd >= 0) ::close(fd);
    if (rc != SQLITE_DONE) {
      db_->Exec("ROLLBACK").ok();
      return db_->Error("cannot read the audit log");
    }
  }
  db_->Exec("COMMIT").ok();
  if (!head_exists) {
    if (v.entries > 0) {
      fail(0, "audit.head is missing: the end of the log cannot be checked");
    }
    return v;
  }
  auto head = ParseHead(head_text);
  if (!head.ok()) {
    fail(0, "audit.head is damaged: the end of the log cannot be checked");
    return v;
  }
  if (head->seq > v.head_seq) {
    fail(v.head_seq + 1, "the log ends at entry " + std::to_string(v.head_seq) +
                             " but audit.head records entry " + std::to_string(head->seq) +
                             ": entries were cut off the end");
    return v;
  }
  if (head->seq > 0) {
    Stmt s(db_->db, "SELECT hash FROM audit WHERE seq = ?");
    s.Bind(1, head->seq);
    const std::string at = s.Step() == SQLITE_ROW ? s.Text(0) : "";
    if (at != head->hash) {
      fail(head->seq, "entry " + std::to_string(head->seq) +
                          " differs from the hash in audit.head: the log was rewritten");
      return v;
    }
  }
  if (head->seq < v.head_seq) {
    v.warning = "entries " + std::to_string(head->seq + 1) + "-" + std::to_string(v.head_seq) +
                " are newer than audit.head (a crash after writing them, or appended by hand)";
  }
  return v;
}

}  // namespace tahqiq::serve
