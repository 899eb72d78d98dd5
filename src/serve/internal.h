// Private to src/serve: the SQLite connection shared by AccessDb and
// AuditLog, statement helpers, and the in-transaction audit append.
#ifndef TAHQIQ_SERVE_INTERNAL_H_
#define TAHQIQ_SERVE_INTERNAL_H_

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"
#include "serve/audit.h"

namespace tahqiq::serve {

// A prepared statement; binds by position (1-based), steps, reads columns.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return s_ != nullptr; }
  Stmt& Bind(int i, const std::string& v);
  Stmt& Bind(int i, int64_t v);
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step();
  int64_t Int(int col) const;
  std::string Text(int col) const;
  sqlite3_stmt* get() { return s_; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

struct AuditLog::Db {
  sqlite3* db = nullptr;
  std::string path, head_path, lock_path;
  std::function<int64_t()> clock;
  ~Db();

  int64_t Now() const;
  Status Error(const std::string& what) const;
  Status Exec(const char* sql);
  // Runs `body` in a BEGIN IMMEDIATE transaction, appending the audit
  // entries it returns through `append`; commits both or neither, then moves
  // the head file forward.
  Status Transaction(const std::function<Status()>& body);
  // Inside Transaction(): adds one audit entry.
  Result<AuditEntry> AppendInTx(const std::string& actor, const std::string& action,
                                const std::string& target, const std::string& details);

  int64_t pending_seq = 0;  // Last entry appended in the open transaction.
  std::string pending_hash;
};

// Opens or creates the access database with its schema (mode 0600).
Result<std::shared_ptr<AuditLog::Db>> OpenDb(const std::string& path,
                                             std::function<int64_t()> clock);

std::string IsoTime(int64_t unix_seconds);

}  // namespace tahqiq::serve

#endif  // TAHQIQ_SERVE_INTERNAL_H_
