// AuditLog: the append-only, hash-chained audit trail of a case (the
// `audit` table of `<case>/access.db`, see access.h).
//
// Each entry has a sequence number (1, 2, ...), a UTC time, an actor, an
// action (login, login_failed, logout, search, view, download, export,
// user_add, user_remove, passwd, grant, revoke, collection_add, ...), a
// target and details (JSON text). Its hash is SHA-256 over a canonical,
// length-prefixed encoding of all those fields and the previous entry's hash
// (64 zeros for the first entry).
//
// Three layers, each with its limits:
//  - The hash chain: Verify() recomputes every hash and link, so an entry
//    edited, removed, inserted or moved in place is found (the first bad one
//    is named). Alone it cannot see a cut-off tail, nor a rewrite by someone
//    who recomputes every hash after the change (SHA-256 has no secret).
//  - `audit.head` beside access.db: the last sequence number and hash,
//    replaced atomically after each append. Verify() compares it with the
//    table, which finds a cut-off tail and a recomputed chain. Someone who
//    can write both files can still rewrite history consistently; copy the
//    head hash printed by `tahqiq audit verify` somewhere else (a notebook,
//    another machine) to catch that too.
//  - SQLite triggers refusing UPDATE and DELETE on the table: they stop
//    mistakes and careless tools, not an attacker (DROP TRIGGER is one
//    statement away).
// A crash between the commit of an entry and the head update leaves the head
// behind; Verify() reports that as a warning, not as tampering.
//
// Thread safety: one AuditLog per thread; many processes may append at once
// (SQLite serializes them; each append is its own transaction).
#ifndef TAHQIQ_SERVE_AUDIT_H_
#define TAHQIQ_SERVE_AUDIT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace tahqiq::serve {

struct AuditEntry {
  int64_t seq = 0;
  std::string time;  // UTC, "2026-11-29T13:05:09Z".
  std::string actor, action, target;
  std::string details = "{}";   // JSON text.
  std::string prev_hash, hash;  // Lower-case hex SHA-256.
};

// The hash an entry should have (all fields but `hash`).
std::string AuditHash(const AuditEntry& e);

struct AuditVerdict {
  bool ok = true;
  int64_t entries = 0;   // Entries checked.
  int64_t bad_seq = 0;   // First bad entry (0: none, or the tail/head).
  std::string problem;   // What is wrong, for people; "" when ok.
  std::string warning;   // E.g. head file behind after a crash; "" if none.
  int64_t head_seq = 0;  // Last entry of the table, and its hash.
  std::string head_hash;
};

class AuditLog {
 public:
  // Opens the audit table of the access database at `path` (created if
  // needed, with the rest of the schema).
  static Result<std::unique_ptr<AuditLog>> Open(const std::string& path);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Appends one entry (time now) and returns it. `details` must be a JSON
  // object text ("" means {}).
  Result<AuditEntry> Append(const std::string& actor, const std::string& action,
                            const std::string& target, const std::string& details = "{}");
  // Appends several entries in one transaction (one fsync instead of one per
  // entry), in order; all or none. Each item's seq, time, prev_hash and hash
  // are set here.
  Result<std::vector<AuditEntry>> AppendAll(std::vector<AuditEntry> items);
  // The last `limit` entries (0: all) before sequence number `before` (0:
  // the end), oldest first.
  Result<std::vector<AuditEntry>> Tail(size_t limit, int64_t before = 0);
  // Walks the whole chain; a broken chain is a verdict, not an error.
  Result<AuditVerdict> Verify();

  struct Db;  // Shared with AccessDb (serve/internal.h).
  explicit AuditLog(std::shared_ptr<Db> db);

 private:
  std::shared_ptr<Db> db_;
};

}  // namespace tahqiq::serve

#endif  // TAHQIQ_SERVE_AUDIT_H_
