// AccessDb: who may read and write which collections of a case.
//
// Everything lives in `<case>/access.db` (SQLite, WAL, synchronous=FULL),
// apart from the evidence database, so that the evidence is never written by
// the server and an access mistake cannot damage it. The file is created
// with mode 0600: it holds password hashes.
//
// Model. Users have a role: admin (reads and writes every collection, the
// operator of the server), editor (reads collections granted `read`, also
// writes — tags, notes — where granted `write` or where it is the owner),
// viewer (only reads, whatever the grant says). A collection may have an
// owner, who has write access to it without a grant.
//
// Every check (`Can`, `CheckSession`) reads the database, nothing is cached:
// removing a user, revoking a grant or changing a password takes effect on
// the very next request, in every process that has the file open.
//
// Every change (users, collections, grants) and every login, failed login
// and logout writes an audit entry (see audit.h) in the same transaction as
// the change itself: there is no change without its entry.
//
// Passwords are hashed with argon2id (libsodium crypto_pwhash_str); the
// plain text is never stored, logged or kept longer than the call. Session
// tokens are 256 random bits, handed out once and stored only as SHA-256.
//
// Thread safety: one AccessDb per thread (it owns one SQLite connection).
// Any number of processes may open the same file at once.
#ifndef TAHQIQ_SERVE_ACCESS_H_
#define TAHQIQ_SERVE_ACCESS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "serve/audit.h"

namespace tahqiq::serve {

enum class Role { kAdmin, kEditor, kViewer };
// Grant level, and the action asked of `Can`: write implies read.
enum class Access { kRead, kWrite };

std::string_view RoleName(Role r);  // "admin", "editor", "viewer"
Result<Role> ParseRole(std::string_view s);
std::string_view AccessName(Access a);  // "read", "write"
Result<Access> ParseAccess(std::string_view s);

// argon2id cost. The hash string records its own parameters, so changing
// these never breaks existing passwords (a login rehashes with the new ones
// when they cost more, never to weaker ones).
struct PasswordCost {
  uint64_t opslimit = 0;
  size_t memlimit = 0;
  // libsodium's MODERATE limits (3 passes, 256 MiB, about 0.7 s here): the
  // default. Logins are rare and throttled, so the cost falls on an attacker
  // who stole the file, not on users.
  static PasswordCost Moderate();
  // libsodium's INTERACTIVE limits (2 passes, 64 MiB): for tests.
  static PasswordCost Interactive();
  // Interactive() if the environment sets TAHQIQ_PASSWORD_COST=interactive
  // (tests, which hash many passwords), else Moderate().
  static PasswordCost FromEnvironment();
};

struct AccessOptions {
  PasswordCost password = PasswordCost::Moderate();
  int64_t session_lifetime_s = 12 * 3600;  // Absolute expiry after login.
  int64_t session_idle_s = 30 * 60;        // Expiry after no request.
  // Throttling: after `max_failures` failed logins within `failure_window_s`
  // (per account, and separately per address with `max_failures_address`),
  // each further attempt must wait base * 2^(extra failures) seconds after the
  // last failure, at most `max_delay_s`. Attempts while waiting are refused
  // without checking the password, and do not count.
  int max_failures = 5;
  int max_failures_address = 20;
  int64_t failure_window_s = 15 * 60;
  int64_t base_delay_s = 1;
  int64_t max_delay_s = 15 * 60;
  // Seconds since the epoch (UTC); tests inject a fake clock.
  std::function<int64_t()> clock;
};

struct User {
  int64_t id = 0;
  std::string name;
  Role role = Role::kViewer;
  std::string created;  // UTC ISO 8601.
};

struct Collection {
  int64_t id = 0;
  std::string name;
  std::string owner;  // "" if none.
  std::string created;
};

struct GrantInfo {
  std::string user, collection;
  Access access = Access::kRead;
};

// A live session, as found by CheckSession.
struct Session {
  int64_t user_id = 0;
  std::string user;
  Role role = Role::kViewer;
  int64_t expires = 0;  // Absolute expiry, seconds since the epoch.
};

class AccessDb {
 public:
  // Opens (creating if needed) the database at `path`, e.g. <case>/access.db;
  // the audit head file is `path`'s folder + "/audit.head".
  static Result<std::unique_ptr<AccessDb>> Open(const std::string& path, AccessOptions opt = {});
  ~AccessDb();
  AccessDb(const AccessDb&) = delete;
  AccessDb& operator=(const AccessDb&) = delete;

  // `actor` names who makes the change in the audit trail ("cli:alice",
  // "user:bob"). Names: 1-64 bytes of valid UTF-8, no control characters,
  // no leading or trailing space. Passwords: 8 to 1024 bytes.
  Status AddUser(const std::string& actor, const std::string& name, Role role,
                 const std::string& password);
  // Deletes the user, their grants and sessions (logged out at once).
  // Collections they own lose their owner.
  Status RemoveUser(const std::string& actor, const std::string& name);
  // Sets a new password and ends every session of the user.
  Status SetPassword(const std::string& actor, const std::string& name,
                     const std::string& password);
  Result<std::vector<User>> ListUsers();

  // `owner` may be "" (no owner); otherwise an existing user.
  Status AddCollection(const std::string& actor, const std::string& name,
                       const std::string& owner = "");
  Result<std::vector<Collection>> ListCollections();

  // Gives `user` `access` to `collection` (replacing a previous grant).
  Status Grant(const std::string& actor, const std::string& user, const std::string& collection,
               Access access);
  // Revoking read removes the grant; revoking write leaves read. NotFound if
  // the user does not hold that access through a grant.
  Status Revoke(const std::string& actor, const std::string& user, const std::string& collection,
                Access access);
  // All grants, or those of one user.
  Result<std::vector<GrantInfo>> ListGrants(const std::string& user = "");

  // May `user` do `action` on `collection`? False (not an error) for an
  // unknown user or collection, so a caller cannot tell a foreign
  // collection from a missing one.
  Result<bool> Can(const std::string& user, const std::string& collection, Access action);
  // Names of the collections `user` may read, sorted.
  Result<std::vector<std::string>> Readable(const std::string& user);

  // Checks the password and starts a session; returns its token (64 hex
  // characters), which is not stored and cannot be found again. Errors:
  // InvalidArgument "wrong user name or password" (the same for an unknown
  // user, checked in the same time), ResourceExhausted when throttled (the
  // message says how many seconds to wait). `address` is the client's.
  Result<std::string> Login(const std::string& name, const std::string& password,
                            const std::string& address);
  // The session of `token`, refreshing its idle timer; NotFound if the token
  // is unknown, expired, idle too long, or its user was removed. The timer is
  // written at most every min(idle/10, 60) s (so checks are mostly reads); a
  // session may end that much before a full idle period.
  Result<Session> CheckSession(const std::string& token);
  // Ends the session (NotFound if there is none).
  Status Logout(const std::string& token);

  // The audit trail in the same file (owned by this AccessDb, valid as long
  // as it is); its appends commit on their own.
  AuditLog& audit();

  struct Impl;

 private:
  explicit AccessDb(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tahqiq::serve

#endif  // TAHQIQ_SERVE_ACCESS_H_
