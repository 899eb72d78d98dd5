#include "serve/access.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>

namespace tahqiq::serve {
namespace {

class AccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tahqiq-access-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    db_ = OpenDb();
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }

  std::unique_ptr<AccessDb> OpenDb(PasswordCost cost = PasswordCost::Interactive()) {
    AccessOptions opt;
    opt.password = cost;
    opt.clock = [this] { return now_; };
    opt.session_lifetime_s = 3600;
    opt.session_idle_s = 600;
    opt.max_failures = 3;
    opt.max_failures_address = 6;
    opt.failure_window_s = 900;
    opt.base_delay_s = 2;
    opt.max_delay_s = 60;
    auto db = AccessDb::Open(dir_ + "/access.db", opt);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(*db) : nullptr;
  }

  void Add(const std::string& name, Role role, const std::string& pw = "correct horse") {
    Status st = db_->AddUser("test", name, role, pw);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  std::string dir_;
  int64_t now_ = 1'800'000'000;
  std::unique_ptr<AccessDb> db_;
};

TEST_F(AccessTest, PasswordIsHashedWithArgon2idAndNeverStored) {
  Add("alice", Role::kEditor, "s3cret-passphrase");
  auto token = db_->Login("alice", "s3cret-passphrase", "10.0.0.1");
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  EXPECT_EQ(token->size(), 64u);
  // The file holds the argon2id string, not the password or the token.
  FILE* f = std::fopen((dir_ + "/access.db").c_str(), "rb");
  ASSERT_NE(f, nullptr);
  std::string bytes;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
  std::fclose(f);
  FILE* w = std::fopen((dir_ + "/access.db-wal").c_str(), "rb");
  if (w) {
    while ((n = std::fread(buf, 1, sizeof buf, w)) > 0) bytes.append(buf, n);
    std::fclose(w);
  }
  EXPECT_EQ(bytes.find("s3cret-passphrase"), std::string::npos);
  EXPECT_EQ(bytes.find(*token), std::string::npos);
  EXPECT_NE(bytes.find("$argon2id$"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat((dir_ + "/access.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(AccessTest, LoginRehashesUpwardsOnly) {
  auto hash_of = [&](const std::string& name) {
    sqlite3* db = nullptr;
    std::string out;
    if (sqlite3_open_v2((dir_ + "/access.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
      sqlite3_stmt* s = nullptr;
      sqlite3_prepare_v2(db, "SELECT pwhash FROM users WHERE name=?", -1, &s, nullptr);
      sqlite3_bind_text(s, 1, name.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(s) == SQLITE_ROW) {
        out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
      }
      sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return out;
  };
  PasswordCost stronger = PasswordCost::Interactive();
  stronger.opslimit += 1;
  const std::string t_strong = ",t=" + std::to_string(stronger.opslimit) + ",";
  // Hashed at the stronger cost; a server at the weaker one keeps that hash.
  db_.reset();
  db_ = OpenDb(stronger);
  Add("alice", Role::kViewer);
  db_.reset();
  db_ = OpenDb();
  const std::string before = hash_of("alice");
  EXPECT_NE(before.find(t_strong), std::string::npos) << before;
  ASSERT_TRUE(db_->Login("alice", "correct horse", "a").ok());
  EXPECT_EQ(hash_of("alice"), before);
  // Hashed at the weaker cost; a server at the stronger one rehashes.
  Add("bob", Role::kViewer);
  EXPECT_EQ(hash_of("bob").find(t_strong), std::string::npos);
  db_.reset();
  db_ = OpenDb(stronger);
  ASSERT_TRUE(db_->Login("bob", "correct horse", "a").ok());
  EXPECT_NE(hash_of("bob").find(t_strong), std::string::npos) << hash_of("bob");
}

TEST_F(AccessTest, WrongPasswordAndUnknownUserGiveTheSameError) {
  Add("alice", Role::kViewer);
  auto wrong = db_->Login("alice", "correct horsE", "a");
  auto unknown = db_->Login("mallory", "correct horse", "a");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.status().ToString(), unknown.status().ToString());
  EXPECT_EQ(wrong.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(db_->Login("alice", "correct horse", "a").ok());
}

TEST_F(AccessTest, RejectsBadNamesPasswordsAndDuplicates) {
  EXPECT_EQ(db_->AddUser("t", "bob", Role::kViewer, "short").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(db_->AddUser("t", "", Role::kViewer, "long enough").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(db_->AddUser("t", "bo\u202eb", Role::kViewer, "long enough").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(db_->AddUser("t", "bob\n", Role::kViewer, "long enough").code(),
            StatusCode::kInvalidArgument);
  Add("بشرى", Role::kViewer);  // Arabic and Hebrew names are fine.
  Add("שרה", Role::kViewer);
  EXPECT_EQ(db_->AddUser("t", "שרה", Role::kAdmin, "long enough").code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(ParseRole("root").ok());
  EXPECT_FALSE(ParseAccess("delete").ok());
  auto users = db_->ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
}

TEST_F(AccessTest, PasswdChangesPasswordAndEndsSessions) {
  Add("alice", Role::kEditor);
  auto token = db_->Login("alice", "correct horse", "a");
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(db_->CheckSession(*token).ok());
  ASSERT_TRUE(db_->SetPassword("test", "alice", "battery staple").ok());
  EXPECT_EQ(db_->CheckSession(*token).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(db_->Login("alice", "correct horse", "a").ok());
  EXPECT_TRUE(db_->Login("alice", "battery staple", "a").ok());
  EXPECT_EQ(db_->SetPassword("test", "nobody", "battery staple").code(), StatusCode::kNotFound);
}

TEST_F(AccessTest, ThrottlesPerAccountWithGrowingDelay) {
  Add("alice", Role::kViewer);
  // max_failures = 3: three failures are free, then 2 s, 4 s, ... waits.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(db_->Login("alice", "guess" + std::to_string(i) + "xxxx", "addr" + std::to_string(i))
                  .status()
                  .code(),
              StatusCode::kInvalidArgument);
  }
  // Even the right password is refused while throttled, from any address.
  auto t = db_->Login("alice", "correct horse", "elsewhere");
  ASSERT_EQ(t.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(t.status().message().find("try again in 2 s"), std::string::npos)
      << t.status().message();
  now_ += 2;
  EXPECT_EQ(db_->Login("alice", "guess-again", "x").status().code(), StatusCode::kInvalidArgument);
  t = db_->Login("alice", "correct horse", "x");
  ASSERT_EQ(t.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(t.status().message().find("try again in 4 s"), std::string::npos)
      << t.status().message();
  now_ += 4;
  ASSERT_TRUE(db_->Login("alice", "correct horse", "x").ok());
  // Success clears the account's failures.
  EXPECT_EQ(db_->Login("alice", "guess-once-more", "y").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(db_->Login("alice", "correct horse", "y").ok());
}

TEST_F(AccessTest, ThrottlesPerAddressAcrossAccounts) {
  Add("alice", Role::kViewer);
  // Spraying one guess at many accounts from one address: max_failures_address = 6.
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(db_->Login("user" + std::to_string(i), "password1", "203.0.113.9").status().code(),
              StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(db_->Login("alice", "correct horse", "203.0.113.9").status().code(),
            StatusCode::kResourceExhausted);
  EXPECT_TRUE(db_->Login("alice", "correct horse", "198.51.100.1").ok());
  // Failures leave the window after failure_window_s.
  now_ += 901;
  EXPECT_TRUE(db_->Login("alice", "correct horse", "203.0.113.9").ok());
}

TEST_F(AccessTest, SessionsExpireByIdleTimeAndLifetime) {
  Add("alice", Role::kViewer);
  auto token = db_->Login("alice", "correct horse", "a");
  ASSERT_TRUE(token.ok());
  auto s = db_->CheckSession(*token);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->user, "alice");
  EXPECT_EQ(s->role, Role::kViewer);
  // Activity every 500 s keeps it alive (idle 600 s) until the 3600 s lifetime.
  for (int i = 0; i < 7; ++i) {
    now_ += 500;
    EXPECT_TRUE(db_->CheckSession(*token).ok()) << i;
  }
  now_ += 100;  // 3600 s after login.
  EXPECT_EQ(db_->CheckSession(*token).status().code(), StatusCode::kNotFound);

  auto idle = db_->Login("alice", "correct horse", "a");
  ASSERT_TRUE(idle.ok());
  now_ += 600;
  EXPECT_EQ(db_->CheckSession(*idle).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(db_->CheckSession("not a token").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(db_->CheckSession(std::string(64, 'a')).status().code(), StatusCode::kNotFound);
}

TEST_F(AccessTest, FrequentChecksKeepASessionAlive) {
  Add("alice", Role::kViewer);
  auto token = db_->Login("alice", "correct horse", "a");
  ASSERT_TRUE(token.ok());
  // Checks every 30 s (below the 60 s refresh step) for 50 minutes.
  for (int i = 0; i < 100; ++i) {
    now_ += 30;
    ASSERT_TRUE(db_->CheckSession(*token).ok()) << i;
  }
  now_ += 599;
  EXPECT_TRUE(db_->CheckSession(*token).ok());
  now_ += 600;
  EXPECT_FALSE(db_->CheckSession(*token).ok());
}

TEST_F(AccessTest, RevocationIsImmediateAcrossConnections) {
  Add("alice", Role::kEditor);
  ASSERT_TRUE(db_->AddCollection("test", "leak").ok());
  ASSERT_TRUE(db_->Grant("test", "alice", "leak", Access::kWrite).ok());
  // A second connection stands for the server process; db_ for the CLI.
  auto server = OpenDb();
  auto token = server->Login("alice", "correct horse", "a");
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(*server->Can("alice", "leak", Access::kWrite));
  ASSERT_TRUE(db_->Revoke("test", "alice", "leak", Access::kWrite).ok());
  EXPECT_FALSE(*server->Can("alice", "leak", Access::kWrite));
  EXPECT_TRUE(*server->Can("alice", "leak", Access::kRead));
  ASSERT_TRUE(db_->Revoke("test", "alice", "leak", Access::kRead).ok());
  EXPECT_FALSE(*server->Can("alice", "leak", Access::kRead));
  EXPECT_EQ(db_->Revoke("test", "alice", "leak", Access::kRead).code(), StatusCode::kNotFound);
  EXPECT_TRUE(server->CheckSession(*token).ok());
  ASSERT_TRUE(db_->RemoveUser("test", "alice").ok());
  EXPECT_EQ(server->CheckSession(*token).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(db_->RemoveUser("test", "alice").code(), StatusCode::kNotFound);
  // A new user of the same name does not inherit anything.
  Add("alice", Role::kEditor);
  EXPECT_EQ(server->CheckSession(*token).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(*server->Can("alice", "leak", Access::kRead));
}

TEST_F(AccessTest, LogoutEndsTheSession) {
  Add("alice", Role::kViewer);
  auto token = db_->Login("alice", "correct horse", "a");
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(db_->Logout(*token).ok());
  EXPECT_EQ(db_->CheckSession(*token).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(db_->Logout(*token).code(), StatusCode::kNotFound);
}

// Every role against a collection it owns, one shared with it (granted read,
// granted write) and a foreign one.
TEST_F(AccessTest, PermissionMatrix) {
  const struct {
    const char* name;
    Role role;
  } users[] = {{"ada", Role::kAdmin}, {"eve", Role::kEditor}, {"vic", Role::kViewer}};
  for (const auto& u : users) {
    Add(u.name, u.role);
    const std::string n = u.name;
    ASSERT_TRUE(db_->AddCollection("test", n + "-own", n).ok());
    ASSERT_TRUE(db_->AddCollection("test", n + "-read").ok());
    ASSERT_TRUE(db_->AddCollection("test", n + "-write").ok());
    ASSERT_TRUE(db_->AddCollection("test", n + "-foreign").ok());
    ASSERT_TRUE(db_->Grant("test", n, n + "-read", Access::kRead).ok());
    if (u.role != Role::kViewer) {
      ASSERT_TRUE(db_->Grant("test", n, n + "-write", Access::kWrite).ok());
    } else {
      EXPECT_EQ(db_->Grant("test", n, n + "-write", Access::kWrite).code(),
                StatusCode::kInvalidArgument);
      ASSERT_TRUE(db_->Grant("test", n, n + "-write", Access::kRead).ok());
    }
  }
  // Expected [collection kind][action], per role.
  struct Row {
    const char* user;
    const char* kind;
    bool read, write;
  };
  const Row expect[] = {
      {"ada", "own", true, true},    {"ada", "read", true, true},
      {"ada", "write", true, true},  {"ada", "foreign", true, true},
      {"eve", "own", true, true},    {"eve", "read", true, false},
      {"eve", "write", true, true},  {"eve", "foreign", false, false},
      {"vic", "own", true, false},   {"vic", "read", true, false},
      {"vic", "write", true, false}, {"vic", "foreign", false, false},
  };
  for (const auto& r : expect) {
    // Own/shared/foreign collections of this user, and the other users'.
    const std::string c = std::string(r.user) + "-" + r.kind;
    EXPECT_EQ(*db_->Can(r.user, c, Access::kRead), r.read) << c;
    EXPECT_EQ(*db_->Can(r.user, c, Access::kWrite), r.write) << c;
  }
  // Other users' collections are foreign, whatever their kind.
  EXPECT_FALSE(*db_->Can("eve", "vic-own", Access::kRead));
  EXPECT_FALSE(*db_->Can("vic", "eve-write", Access::kRead));
  EXPECT_TRUE(*db_->Can("ada", "vic-own", Access::kWrite));
  // Unknown user or collection: false, not an error.
  EXPECT_FALSE(*db_->Can("nobody", "eve-own", Access::kRead));
  EXPECT_FALSE(*db_->Can("eve", "no-such", Access::kRead));
  auto readable = db_->Readable("eve");
  ASSERT_TRUE(readable.ok());
  EXPECT_EQ(*readable, (std::vector<std::string>{"eve-own", "eve-read", "eve-write"}));
  EXPECT_EQ(db_->Readable("ada")->size(), 12u);
  EXPECT_TRUE(db_->Readable("nobody")->empty());
  auto grants = db_->ListGrants("vic");
  ASSERT_TRUE(grants.ok());
  ASSERT_EQ(grants->size(), 2u);
  EXPECT_EQ((*grants)[0].collection, "vic-read");
  EXPECT_EQ((*grants)[1].access, Access::kRead);
}

TEST_F(AccessTest, RemovingAnOwnerLeavesTheCollectionOwnerless) {
  Add("eve", Role::kEditor);
  ASSERT_TRUE(db_->AddCollection("test", "leak", "eve").ok());
  EXPECT_EQ(db_->AddCollection("test", "leak").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(db_->AddCollection("test", "other", "nobody").code(), StatusCode::kNotFound);
  ASSERT_TRUE(db_->RemoveUser("test", "eve").ok());
  auto list = db_->ListCollections();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].owner, "");
}

TEST_F(AccessTest, EveryChangeAndLoginIsAudited) {
  Add("alice", Role::kEditor);
  ASSERT_TRUE(db_->AddCollection("cli:root", "leak").ok());
  ASSERT_TRUE(db_->Grant("cli:root", "alice", "leak", Access::kRead).ok());
  EXPECT_FALSE(db_->Login("alice", "wrong password", "192.0.2.7").ok());
  auto token = db_->Login("alice", "correct horse", "192.0.2.7");
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(db_->Logout(*token).ok());
  ASSERT_TRUE(db_->Revoke("cli:root", "alice", "leak", Access::kRead).ok());
  ASSERT_TRUE(db_->SetPassword("cli:root", "alice", "new password").ok());
  ASSERT_TRUE(db_->RemoveUser("cli:root", "alice").ok());
  // A failed change writes nothing.
  EXPECT_FALSE(db_->Grant("cli:root", "alice", "leak", Access::kRead).ok());
  auto log = db_->audit().Tail(0);
  ASSERT_TRUE(log.ok());
  std::vector<std::string> actions;
  for (const auto& e : *log) actions.push_back(e.action);
  EXPECT_EQ(actions,
            (std::vector<std::string>{"user_add", "collection_add", "grant", "login_failed",
                                      "login", "logout", "revoke", "passwd", "user_remove"}));
  EXPECT_EQ((*log)[2].actor, "cli:root");
  EXPECT_EQ((*log)[2].target, "alice");
  EXPECT_EQ((*log)[2].details, R"({"access":"read","collection":"leak"})");
  EXPECT_EQ((*log)[3].details, R"({"address":"192.0.2.7","reason":"wrong password"})");
  EXPECT_EQ((*log)[4].actor, "user:alice");
  EXPECT_EQ((*log)[0].time, "2027-01-15T08:00:00Z");
  auto v = db_->audit().Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->entries, 9);
}

}  // namespace
}  // namespace tahqiq::serve
