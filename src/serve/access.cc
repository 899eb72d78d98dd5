#include "serve/access.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>

#include "base/file_util.h"
#include "base/sha256.h"
#include "serve/internal.h"

namespace tahqiq::serve {
namespace {

// Whether an argon2id hash string ("$argon2id$v=19$m=KiB,t=passes,p=1$...")
// costs less than `cost`. A login rehashes only such hashes: a server run
// with a lower cost (a test setting, a smaller machine) must not weaken
// the hashes users already have.
bool WeakerThan(const std::string& hash, const PasswordCost& cost) {
  unsigned long long kib = 0, passes = 0;
  const size_t at = hash.find("$m=");
  if (hash.rfind("$argon2id$", 0) != 0 || at == std::string::npos ||
      std::sscanf(hash.c_str() + at, "$m=%llu,t=%llu", &kib, &passes) != 2) {
    return true;  // Another algorithm or a format we cannot read: rehash.
  }
  return kib * 1024 < cost.memlimit || passes < cost.opslimit;
}

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Status CheckName(const char* what, const std::string& name) {
  if (name.empty() || name.size() > 64) {
    return Status::InvalidArgument(std::string(what) + " names are 1 to 64 bytes long");
  }
  // EscapeForDisplay changes exactly the names that could hide or fake
  // text on a screen: controls, bidi overrides, invalid UTF-8.
  if (EscapeForDisplay(name) != name || name.front() == ' ' || name.back() == ' ') {
    return Status::InvalidArgument(std::string(what) + " name \"" + EscapeForDisplay(name) +
                                   "\" has control characters or surrounding spaces");
  }
  return Status::Ok();
}

Status CheckPassword(const std::string& pw) {
  if (pw.size() < 8) return Status::InvalidArgument("passwords are at least 8 characters long");
  if (pw.size() > 1024) return Status::InvalidArgument("passwords are at most 1024 bytes long");
  return Status::Ok();
}

// 256 random bits as hex.
std::string NewToken() {
  unsigned char bin[32];
  randombytes_buf(bin, sizeof bin);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, bin, sizeof bin);
  sodium_memzero(bin, sizeof bin);
  return hex;
}

bool IsToken(const std::string& t) {
  return t.size() == 64 && std::all_of(t.begin(), t.end(),
                                       [](char c) { return std::isxdigit(c) && !std::isupper(c); });
}

}  // namespace

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kAdmin:
      return "admin";
    case Role::kEditor:
      return "editor";
    case Role::kViewer:
      break;
  }
  return "viewer";
}

Result<Role> ParseRole(std::string_view s) {
  if (s == "admin") return Role::kAdmin;
  if (s == "editor") return Role::kEditor;
  if (s == "viewer") return Role::kViewer;
  return Status::InvalidArgument("role must be admin, editor or viewer, not \"" +
                                 EscapeForDisplay(s) + "\"");
}

std::string_view AccessName(Access a) { return a == Access::kWrite ? "write" : "read"; }

Result<Access> ParseAccess(std::string_view s) {
  if (s == "read") return Access::kRead;
  if (s == "write") return Access::kWrite;
  return Status::InvalidArgument("access must be read or write, not \"" + EscapeForDisplay(s) +
                                 "\"");
}

PasswordCost PasswordCost::Moderate() {
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}
PasswordCost PasswordCost::FromEnvironment() {
  const char* v = std::getenv("TAHQIQ_PASSWORD_COST");
  return v && std::string_view(v) == "interactive" ? Interactive() : Moderate();
}

PasswordCost PasswordCost::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

struct AccessDb::Impl {
  std::shared_ptr<AuditLog::Db> d;
  std::unique_ptr<AuditLog> audit;
  AccessOptions opt;
  std::string dummy_hash;  // Verified against for unknown users (same timing).

  sqlite3* db() { return d->db; }

  Result<std::string> Hash(const std::string& pw) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pw.data(), pw.size(), opt.password.opslimit,
                          opt.password.memlimit) != 0) {
      return Status::ResourceExhausted("access: not enough memory to hash the password");
    }
    return std::string(out);
  }

  struct UserRow {
    int64_t id = 0;
    Role role = Role::kViewer;
    std::string pwhash;
  };
  Result<std::optional<UserRow>> FindUser(const std::string& name) {
    Stmt s(db(), "SELECT id, role, pwhash FROM users WHERE name = ?");
    s.Bind(1, name);
    const int rc = s.Step();
    if (rc == SQLITE_DONE) return std::optional<UserRow>();
    if (rc != SQLITE_ROW) return d->Error("cannot read users");
    UserRow u;
    u.id = s.Int(0);
    u.role = *ParseRole(s.Text(1));
    u.pwhash = s.Text(2);
    return std::optional<UserRow>(u);
  }
  Result<int64_t> CollectionId(const std::string& name) {
    Stmt s(db(), "SELECT id FROM collections WHERE name = ?");
    s.Bind(1, name);
    const int rc = s.Step();
    if (rc == SQLITE_DONE)
      return Status::NotFound("no collection \"" + EscapeForDisplay(name) + "\"");
    if (rc != SQLITE_ROW) return d->Error("cannot read collections");
    return s.Int(0);
  }
  Result<int64_t> UserId(const std::string& name) {
    TAHQIQ_ASSIGN_OR_RETURN(auto u, FindUser(name));
    if (!u) return Status::NotFound("no user \"" + EscapeForDisplay(name) + "\"");
    return u->id;
  }
  Status Run(const char* sql, const std::function<void(Stmt&)>& bind, const char* what) {
    Stmt s(db(), sql);
    bind(s);
    if (s.Step() != SQLITE_DONE) return d->Error(what);
    return Status::Ok();
  }
  Status Audit(const std::string& actor, const std::string& action, const std::string& target,
               const json& details) {
    return d->AppendInTx(actor, action, target, Dump(details)).status();
  }

  // Seconds an attempt must still wait, given the failures of one key.
  Result<int64_t> Wait(const char* kind, const std::string& key, int max_failures, int64_t now) {
    Stmt s(db(),
           "SELECT count(*), max(at) FROM login_failures WHERE kind = ? AND key = ? AND at > ?");
    s.Bind(1, std::string(kind)).Bind(2, key).Bind(3, now - opt.failure_window_s);
    if (s.Step() != SQLITE_ROW) return d->Error("cannot read login failures");
    const int64_t n = s.Int(0), last = s.Int(1);
    if (n < max_failures) return int64_t{0};
    const int64_t extra = std::min<int64_t>(n - max_failures, 30);
    const int64_t delay = std::min(opt.max_delay_s, opt.base_delay_s << extra);
    return std::max<int64_t>(0, last + delay - now);
  }
};

AccessDb::AccessDb(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AccessDb::~AccessDb() = default;

Result<std::unique_ptr<AccessDb>> AccessDb::Open(const std::string& path, AccessOptions opt) {
  if (sodium_init() < 0) return Status::Internal("access: libsodium cannot start");
  auto impl = std::make_unique<Impl>();
  TAHQIQ_ASSIGN_OR_RETURN(impl->d, OpenDb(path, opt.clock));
  impl->audit = std::make_unique<AuditLog>(impl->d);
  impl->opt = std::move(opt);
  return std::unique_ptr<AccessDb>(new AccessDb(std::move(impl)));
}

AuditLog& AccessDb::audit() { return *impl_->audit; }

Status AccessDb::AddUser(const std::string& actor, const std::string& name, Role role,
                         const std::string& password) {
  Impl& m = *impl_;
  TAHQIQ_RETURN_IF_ERROR(CheckName("user", name));
  TAHQIQ_RETURN_IF_ERROR(CheckPassword(password));
  // Hashing takes a second; it is done before the write lock is taken.
  TAHQIQ_ASSIGN_OR_RETURN(const std::string hash, m.Hash(password));
  return m.d->Transaction([&]() -> Status {
    TAHQIQ_ASSIGN_OR_RETURN(auto existing, m.FindUser(name));
    if (existing) return Status::InvalidArgument("user \"" + name + "\" already exists");
    TAHQIQ_RETURN_IF_ERROR(m.Run(
        "INSERT INTO users(name, role, pwhash, created) VALUES(?, ?, ?, ?)",
        [&](Stmt& s) {
          s.Bind(1, name).Bind(2, std::string(RoleName(role))).Bind(3, hash);
          s.Bind(4, IsoTime(m.d->Now()));
        },
        "cannot add the user"));
    return m.Audit(actor, "user_add", name, {{"role", RoleName(role)}});
  });
}

Status AccessDb::RemoveUser(const std::string& actor, const std::string& name) {
  Impl& m = *impl_;
  return m.d->Transaction([&]() -> Status {
    TAHQIQ_ASSIGN_OR_RETURN(auto u, m.FindUser(name));
    if (!u) return Status::NotFound("no user \"" + EscapeForDisplay(name) + "\"");
    TAHQIQ_RETURN_IF_ERROR(m.Run(
        "DELETE FROM users WHERE id = ?", [&](Stmt& s) { s.Bind(1, u->id); },
        "cannot remove the user"));
    return m.Audit(actor, "user_remove", name, {{"role", RoleName(u->role)}});
  });
}

Status AccessDb::SetPassword(const std::string& actor, const std::string& name,
                             const std::string& password) {
  Impl& m = *impl_;
  TAHQIQ_RETURN_IF_ERROR(CheckPassword(password));
  TAHQIQ_ASSIGN_OR_RETURN(const std::string hash, m.Hash(password));
  return m.d->Transaction([&]() -> Status {
    TAHQIQ_ASSIGN_OR_RETURN(const int64_t id, m.UserId(name));
    TAHQIQ_RETURN_IF_ERROR(m.Run(
        "UPDATE users SET pwhash = ? WHERE id = ?", [&](Stmt& s) { s.Bind(1, hash).Bind(2, id); },
        "cannot set the password"));
    TAHQIQ_RETURN_IF_ERROR(m.Run(
        "DELETE FROM sessions WHERE user_id = ?", [&](Stmt& s) { s.Bind(1, id); },
        "cannot end sessions"));
    const int64_t ended = sqlite3_changes(m.db());
    TAHQIQ_RETURN_IF_ERROR(m.Run(
        "DELETE FROM login_failures WHERE kind = 'user' AND key = ?",
        [&](Stmt& s) { s.Bind(1, name); }, "cannot reset login failures"));
    return m.Audit(actor, "passwd", name, {{"sessions_ended", ended}});
  });
}

Result<std::vector<User>> AccessDb::ListUsers() {
  Stmt s(impl_->db(), "SELECT id, name, role, created FROM users ORDER BY name");
  std::vector<User> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    out.push_back({s.Int(0), s.Text(1), *ParseRole(s.Text(2)), s.Text(3)});
  }
  if (rc != SQLITE_DONE) return impl_->d->Error("cannot read users");
  return out;
}

Status AccessDb::AddCollection(const std::string& actor, const std::string& name,
                               const std::string& owner) {
  Impl& m = *impl_;
  TAHQIQ_RETURN_IF_ERROR(CheckName("collection", name));
  return m.d->Transaction([&]() -> Status {
    int64_t owner_id = 0;
    if (!owner.empty()) {
      TAHQIQ_ASSIGN_OR_RETURN(owner_id, m.UserId(owner));
    }
    auto existing = m.CollectionId(name);
    if (existing.ok()) return Status::InvalidArgument("collection \"" + name + "\" already exists");
    if (existing.status().code() != StatusCode::kNotFound) return existing.status();
    TAHQIQ_RETURN_IF_ERROR(m.Run(
        "INSERT INTO collections(name, owner, created) VALUES(?, ?, ?)",
        [&](Stmt& s) {
          s.Bind(1, name);
          if (owner_id) s.Bind(2, owner_id);
          s.Bind(3, IsoTime(m.d->Now()));
        },
        "cannot add the collection"));
    json details = json::object();
    if (!owner.empty()) details["owner"] = owner;
    return m.Audit(actor, "collection_add", name, details);
  });
}

Result<std::vector<Collection>> AccessDb::ListCollections() {
  Stmt s(impl_->db(),
         "SELECT c.id, c.name, coalesce(u.name, ''), c.created FROM collections c "
         "LEFT JOIN users u ON u.id = c.owner ORDER BY c.name");
  std::vector<Collection> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back({s.Int(0), s.Text(1), s.Text(2), s.Text(3)});
  if (rc != SQLITE_DONE) return impl_->d->Error("cannot read collections");
  return out;
}

Status AccessDb::Grant(const std::string& actor, const std::string& user,
                       const std::string& collection, Access access) {
  Impl& m = *impl_;
  return m.d->Transaction([&]() -> Status {
    TAHQIQ_ASSIGN_OR_RETURN(auto u, m.FindUser(user));
    if (!u) return Status::NotFound("no user \"" + EscapeForDisplay(user) + "\"");
    if (u->role == Role::kViewer && access == Access::kWrite) {
      return Status::InvalidArgument("\"" + user +
                                     "\" is a viewer: viewers only read (make them an editor)");
    }
    TAHQIQ_ASSIGN_OR_RETURN(const int64_t cid, m.CollectionId(collection));
    TAHQIQ_RETURN_IF_ERROR(m.Run(
        "INSERT OR REPLACE INTO grants(user_id, collection_id, access) VALUES(?, ?, ?)",
        [&](Stmt& s) { s.Bind(1, u->id).Bind(2, cid).Bind(3, std::string(AccessName(access))); },
        "cannot grant"));
    return m.Audit(actor, "grant", user,
                   {{"collection", collection}, {"access", AccessName(access)}});
  });
}

Status AccessDb::Revoke(const std::string& actor, const std::string& user,
                        const std::string& collection, Access access) {
  Impl& m = *impl_;
  return m.d->Transaction([&]() -> Status {
    TAHQIQ_ASSIGN_OR_RETURN(const int64_t uid, m.UserId(user));
    TAHQIQ_ASSIGN_OR_RETURN(const int64_t cid, m.CollectionId(collection));
    Stmt s(m.db(), "SELECT access FROM grants WHERE user_id = ? AND collection_id = ?");
    s.Bind(1, uid).Bind(2, cid);
    const int rc = s.Step();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return m.d->Error("cannot read grants");
    const std::string held = rc == SQLITE_ROW ? s.Text(0) : "";
    if (held.empty() || (access == Access::kWrite && held != "write")) {
      return Status::NotFound("\"" + user + "\" has no " + std::string(AccessName(access)) +
                              " grant on \"" + collection + "\"");
    }
    if (access == Access::kRead) {
      TAHQIQ_RETURN_IF_ERROR(m.Run(
          "DELETE FROM grants WHERE user_id = ? AND collection_id = ?",
          [&](Stmt& q) { q.Bind(1, uid).Bind(2, cid); }, "cannot revoke"));
    } else {
      TAHQIQ_RETURN_IF_ERROR(m.Run(
          "UPDATE grants SET access = 'read' WHERE user_id = ? AND collection_id = ?",
          [&](Stmt& q) { q.Bind(1, uid).Bind(2, cid); }, "cannot revoke"));
    }
    return m.Audit(actor, "revoke", user,
                   {{"collection", collection}, {"access", AccessName(access)}});
  });
}

Result<std::vector<GrantInfo>> AccessDb::ListGrants(const std::string& user) {
  Stmt s(impl_->db(),
         "SELECT u.name, c.name, g.access FROM grants g JOIN users u ON u.id = g.user_id "
         "JOIN collections c ON c.id = g.collection_id WHERE ? = '' OR u.name = ? "
         "ORDER BY u.name, c.name");
  s.Bind(1, user).Bind(2, user);
  std::vector<GrantInfo> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    out.push_back({s.Text(0), s.Text(1), s.Text(2) == "write" ? Access::kWrite : Access::kRead});
  }
  if (rc != SQLITE_DONE) return impl_->d->Error("cannot read grants");
  return out;
}

Result<bool> AccessDb::Can(const std::string& user, const std::string& collection, Access action) {
  Stmt s(impl_->db(),
         "SELECT u.role, coalesce(c.owner = u.id, 0), coalesce(g.access, '') "
         "FROM users u JOIN collections c "
         "LEFT JOIN grants g ON g.user_id = u.id AND g.collection_id = c.id "
         "WHERE u.name = ? AND c.name = ?");
  s.Bind(1, user).Bind(2, collection);
  const int rc = s.Step();
  if (rc == SQLITE_DONE) return false;
  if (rc != SQLITE_ROW) return impl_->d->Error("cannot check access");
  const Role role = *ParseRole(s.Text(0));
  const bool owner = s.Int(1) != 0;
  const std::string grant = s.Text(2);
  switch (role) {
    case Role::kAdmin:
      return true;
    case Role::kViewer:
      return action == Access::kRead && (owner || !grant.empty());
    case Role::kEditor:
      return owner || grant == "write" || (action == Access::kRead && grant == "read");
  }
  return false;
}

Result<std::vector<std::string>> AccessDb::Readable(const std::string& user) {
  Stmt s(impl_->db(),
         "SELECT c.name FROM collections c JOIN users u ON u.name = ? "
         "WHERE u.role = 'admin' OR c.owner = u.id OR EXISTS("
         "  SELECT 1 FROM grants g WHERE g.user_id = u.id AND g.collection_id = c.id) "
         "ORDER BY c.name");
  s.Bind(1, user);
  std::vector<std::string> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Text(0));
  if (rc != SQLITE_DONE) return impl_->d->Error("cannot check access");
  return out;
}

Result<std::string> AccessDb::Login(const std::string& name, const std::string& password,
                                    const std::string& address) {
  Impl& m = *impl_;
  const int64_t now = m.d->Now();
  const std::string actor = "user:" + name;
  TAHQIQ_ASSIGN_OR_RETURN(const int64_t wait_user, m.Wait("user", name, m.opt.max_failures, now));
  TAHQIQ_ASSIGN_OR_RETURN(const int64_t wait_addr,
                          m.Wait("addr", address, m.opt.max_failures_address, now));
  if (wait_user > 0 || wait_addr > 0) {
    const int64_t wait = std::max(wait_user, wait_addr);
    TAHQIQ_RETURN_IF_ERROR(m.d->Transaction([&] {
      return m.Audit(actor, "login_failed", "",
                     {{"address", address},
                      {"reason", wait_user > 0 ? "throttled (account)" : "throttled (address)"}});
    }));
    return Status::ResourceExhausted("too many failed logins; try again in " +
                                     std::to_string(wait) + " s");
  }
  TAHQIQ_ASSIGN_OR_RETURN(auto u, m.FindUser(name));
  bool good = false;
  if (u) {
    good = crypto_pwhash_str_verify(u->pwhash.c_str(), password.data(), password.size()) == 0;
  } else {
    if (m.dummy_hash.empty()) {
      TAHQIQ_ASSIGN_OR_RETURN(m.dummy_hash, m.Hash(NewToken()));
    }
    // Same work as for a real user, so the time taken does not tell
    // whether the name exists.
    const int ignored =
        crypto_pwhash_str_verify(m.dummy_hash.c_str(), password.data(), password.size());
    (void)ignored;
  }
  if (!good) {
    TAHQIQ_RETURN_IF_ERROR(m.d->Transaction([&]() -> Status {
      for (const auto& failure : {std::pair<std::string, std::string>{"user", name},
                                  std::pair<std::string, std::string>{"addr", address}}) {
        TAHQIQ_RETURN_IF_ERROR(m.Run(
            "INSERT INTO login_failures(kind, key, at) VALUES(?, ?, ?)",
            [&](Stmt& s) { s.Bind(1, failure.first).Bind(2, failure.second).Bind(3, now); },
            "cannot record the failure"));
      }
      TAHQIQ_RETURN_IF_ERROR(m.Run(
          "DELETE FROM login_failures WHERE at <= ?",
          [&](Stmt& s) { s.Bind(1, now - m.opt.failure_window_s); }, "cannot expire failures"));
      return m.Audit(actor, "login_failed", "",
                     {{"address", address}, {"reason", u ? "wrong password" : "no such user"}});
    }));
    return Status::InvalidArgument("wrong user name or password");
  }
  std::string rehash;
  if (crypto_pwhash_str_needs_rehash(u->pwhash.c_str(), m.opt.password.opslimit,
                                     m.opt.password.memlimit) != 0 &&
      WeakerThan(u->pwhash, m.opt.password)) {
    TAHQIQ_ASSIGN_OR_RETURN(rehash, m.Hash(password));
  }
  const std::string token = NewToken();
  TAHQIQ_RETURN_IF_ERROR(m.d->Transaction([&]() -> Status {
    // The password may have changed, or the user gone, while we hashed.
    TAHQIQ_ASSIGN_OR_RETURN(auto again, m.FindUser(name));
    if (!again || again->id != u->id || again->pwhash != u->pwhash) {
      return Status::InvalidArgument("wrong user name or password");
    }
    if (!rehash.empty()) {
      TAHQIQ_RETURN_IF_ERROR(m.Run(
          "UPDATE users SET pwhash = ? WHERE id = ?",
          [&](Stmt& s) { s.Bind(1, rehash).Bind(2, u->id); }, "cannot update the hash"));
    }
    TAHQIQ_RETURN_IF_ERROR(m.Run(
        "INSERT INTO sessions(token_hash, user_id, address, created, last_seen, expires) "
        "VALUES(?, ?, ?, ?, ?, ?)",
        [&](Stmt& s) {
          s.Bind(1, Sha256::HexOf(token)).Bind(2, u->id).Bind(3, address).Bind(4, now);
          s.Bind(5, now).Bind(6, now + m.opt.session_lifetime_s);
        },
        "cannot start the session"));
    TAHQIQ_RETURN_IF_ERROR(m.Run(
        "DELETE FROM login_failures WHERE kind = 'user' AND key = ?",
        [&](Stmt& s) { s.Bind(1, name); }, "cannot reset login failures"));
    return m.Audit(actor, "login", "", {{"address", address}});
  }));
  return token;
}

Result<Session> AccessDb::CheckSession(const std::string& token) {
  Impl& m = *impl_;
  if (!IsToken(token)) return Status::NotFound("no such session");
  const std::string th = Sha256::HexOf(token);
  const int64_t now = m.d->Now();
  Session out;
  int64_t last_seen = 0;
  {
    // A plain read: most requests take no write lock at all.
    Stmt s(m.db(),
           "SELECT s.user_id, u.name, u.role, s.last_seen, s.expires FROM sessions s "
           "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?");
    s.Bind(1, th);
    const int rc = s.Step();
    if (rc == SQLITE_DONE) return Status::NotFound("no such session");
    if (rc != SQLITE_ROW) return m.d->Error("cannot read sessions");
    out.user_id = s.Int(0);
    out.user = s.Text(1);
    out.role = *ParseRole(s.Text(2));
    last_seen = s.Int(3);
    out.expires = s.Int(4);
  }
  if (now >= out.expires || now - last_seen >= m.opt.session_idle_s) {
    TAHQIQ_RETURN_IF_ERROR(m.Run(
        "DELETE FROM sessions WHERE token_hash = ?", [&](Stmt& q) { q.Bind(1, th); },
        "cannot end the session"));
    return Status::NotFound("session expired");
  }
  // The idle timer moves in steps of a tenth of the timeout (at most a
  // minute), so a busy session writes once a minute, not once a request.
  const int64_t step = std::clamp<int64_t>(m.opt.session_idle_s / 10, 0, 60);
  if (now - last_seen >= step) {
    TAHQIQ_RETURN_IF_ERROR(m.Run(
        "UPDATE sessions SET last_seen = ? WHERE token_hash = ? AND last_seen < ?",
        [&](Stmt& q) { q.Bind(1, now).Bind(2, th).Bind(3, now); }, "cannot refresh the session"));
  }
  return out;
}

Status AccessDb::Logout(const std::string& token) {
  Impl& m = *impl_;
  if (!IsToken(token)) return Status::NotFound("no such session");
  const std::string th = Sha256::HexOf(token);
  return m.d->Transaction([&]() -> Status {
    Stmt s(m.db(),
           "SELECT u.name, s.address FROM sessions s JOIN users u ON u.id = s.user_id "
           "WHERE s.token_hash = ?");
    s.Bind(1, th);
    if (s.Step() != SQLITE_ROW) return Status::NotFound("no such session");
    const std::string user = s.Text(0), address = s.Text(1);
    TAHQIQ_RETURN_IF_ERROR(m.Run(
        "DELETE FROM sessions WHERE token_hash = ?", [&](Stmt& q) { q.Bind(1, th); },
        "cannot end the session"));
    return m.Audit("user:" + user, "logout", "", {{"address", address}});
  });
}

}  // namespace tahqiq::serve
