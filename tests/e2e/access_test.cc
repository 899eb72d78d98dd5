// End-to-end tests of `tahqiq user|collection|grant|revoke|audit`: the real
// binary, passwords through a pipe, and an access.db tampered with through
// SQLite directly, as someone with the sqlite3 shell would.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e/util.h"

namespace tahqiq::e2e {
namespace {

using nlohmann::json;

std::string UnixUser() {
  const struct passwd* pw = ::getpwuid(::geteuid());
  return pw ? pw->pw_name : std::to_string(::geteuid());
}

// Runs SQL on the case's access.db directly; "" if it worked, else the error.
std::string Sql(const std::string& case_dir, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open((case_dir + "/access.db").c_str(), &db) != SQLITE_OK) return "cannot open";
  char* err = nullptr;
  std::string out;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    out = err ? err : "error";
  }
  sqlite3_free(err);
  sqlite3_close(db);
  return out;
}

std::string PasswordHash(const std::string& case_dir, const std::string& user) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open((case_dir + "/access.db").c_str(), &db) != SQLITE_OK) return out;
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT pwhash FROM users WHERE name = ?", -1, &s, nullptr);
  sqlite3_bind_text(s, 1, user.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(s) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

class AccessCliTest : public ::testing::Test {
 protected:
  void SetUp() override { case_ = MakeTempDir(); }

  RunResult Run(std::vector<std::string> args, int expect_exit = 0) {
    args.insert(args.begin() + (args[0] == "grant" || args[0] == "revoke" ? 1 : 2),
                {"--case", case_});
    RunResult r = Tahqiq(args);
    EXPECT_EQ(r.exit_code, expect_exit) << args[0] << " " << args[1] << ": " << r.err;
    return r;
  }

  std::vector<json> JsonLines(const std::string& out) {
    std::vector<json> v;
    for (const auto& l : Lines(out)) v.push_back(json::parse(l));
    return v;
  }

  // A few users, collections and grants, made through the CLI.
  void Populate() {
    for (const auto& [name, role] :
         std::vector<std::pair<std::string, std::string>>{{"alice", "editor"}, {"نور", "viewer"}}) {
      RunResult r = TahqiqWithInput({"user", "add", "--case", case_, name, "--role", role},
                                    "pass phrase for " + name + "\n");
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    Run({"collection", "add", "leak-2026", "--owner", "alice"});
    Run({"collection", "add", "shared"});
    Run({"grant", "alice", "shared", "write"});
    Run({"grant", "نور", "shared", "read"});
  }

  std::string case_;
};

TEST_F(AccessCliTest, UsersGrantsAndTheirAuditTrail) {
  Populate();
  // The password came through the pipe: it is stored as argon2id only.
  const std::string hash = PasswordHash(case_, "alice");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("pass phrase"), std::string::npos);

  auto users = JsonLines(Run({"user", "list", "--json"}).out);
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0]["user"], "alice");
  EXPECT_EQ(users[0]["role"], "editor");
  EXPECT_EQ(users[0]["grants"], json({{"shared", "write"}}));
  EXPECT_EQ(users[1]["user"], "نور");
  EXPECT_EQ(users[1]["grants"], json({{"shared", "read"}}));
  auto colls = JsonLines(Run({"collection", "list", "--json"}).out);
  ASSERT_EQ(colls.size(), 2u);
  EXPECT_EQ(colls[0]["collection"], "leak-2026");
  EXPECT_EQ(colls[0]["owner"], "alice");
  EXPECT_TRUE(colls[1]["owner"].is_null());

  // A viewer cannot be given write; revoking write leaves read.
  EXPECT_NE(Run({"grant", "نور", "shared", "write"}, 2).err.find("viewer"), std::string::npos);
  Run({"revoke", "alice", "shared", "write"});
  EXPECT_EQ(JsonLines(Run({"user", "list", "--json"}).out)[0]["grants"],
            json({{"shared", "read"}}));
  Run({"revoke", "alice", "shared", "read"});
  EXPECT_EQ(JsonLines(Run({"user", "list", "--json"}).out)[0]["grants"], json::object());
  Run({"revoke", "alice", "shared", "read"}, 3);
  Run({"grant", "alice", "nowhere", "read"}, 3);
  Run({"grant", "alice", "shared", "admin"}, 2);

  // passwd from a pipe replaces the hash.
  RunResult pw = TahqiqWithInput({"user", "passwd", "--case", case_, "alice"}, "a new secret\n");
  ASSERT_EQ(pw.exit_code, 0) << pw.err;
  EXPECT_NE(PasswordHash(case_, "alice"), hash);
  Run({"user", "remove", "نور"});
  Run({"user", "remove", "نور"}, 3);

  auto log = JsonLines(Run({"audit", "show", "--json", "--limit", "0"}).out);
  std::vector<std::string> actions;
  for (const auto& e : log) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"user_add", "user_add", "collection_add",
                                               "collection_add", "grant", "grant", "revoke",
                                               "revoke", "passwd", "user_remove"}));
  for (size_t i = 0; i < log.size(); ++i) {
    EXPECT_EQ(log[i]["seq"], i + 1);
    EXPECT_EQ(log[i]["actor"], "cli:" + UnixUser());
    if (i) {
      EXPECT_EQ(log[i]["prev_hash"], log[i - 1]["hash"]);
    }
  }
  EXPECT_EQ(log[5]["target"], "نور");
  EXPECT_EQ(log[5]["details"], json({{"access", "read"}, {"collection", "shared"}}));
  EXPECT_EQ(JsonLines(Run({"audit", "show", "--json", "--limit", "3"}).out).size(), 3u);
  // The text view shows the same entries.
  EXPECT_EQ(Lines(Run({"audit", "show", "--limit", "0"}).out).size(), log.size());

  RunResult v = Run({"audit", "verify"});
  EXPECT_NE(v.out.find("intact: 10 entries"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find(log.back()["hash"].get<std::string>()), std::string::npos);
}

TEST_F(AccessCliTest, PasswordMustComeOnStandardInput) {
  RunResult r = TahqiqWithInput({"user", "add", "--case", case_, "bob"}, "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no password on standard input"), std::string::npos) << r.err;
  r = TahqiqWithInput({"user", "add", "--case", case_, "bob"}, "short\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("at least 8"), std::string::npos) << r.err;
  r = TahqiqWithInput({"user", "add", "--case", case_, "bob", "--role", "root"}, "long enough\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Run({"user", "list", "--json"}).out.empty());
  RunResult missing = Tahqiq({"audit", "verify", "--case", case_ + "/nope"});
  EXPECT_EQ(missing.exit_code, 3);
}

TEST_F(AccessCliTest, TamperedAuditLogIsDetected) {
  Populate();
  ASSERT_EQ(Run({"audit", "verify"}).exit_code, 0);
  // The triggers stop a plain edit.
  EXPECT_NE(Sql(case_, "UPDATE audit SET actor = 'cli:nobody' WHERE seq = 3").find("append-only"),
            std::string::npos);
  EXPECT_NE(Sql(case_, "DELETE FROM audit WHERE seq = 6").find("append-only"), std::string::npos);
  ASSERT_EQ(Run({"audit", "verify"}).exit_code, 0);
  // Without them, an edit of entry 3 is named.
  ASSERT_EQ(Sql(case_,
                "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"
                "UPDATE audit SET details = '{\"owner\":\"mallory\"}' WHERE seq = 3"),
            "");
  RunResult r = Run({"audit", "verify"}, 5);
  EXPECT_NE(r.err.find("BROKEN at entry 3"), std::string::npos) << r.err;
  auto verdict = json::parse(Run({"audit", "verify", "--json"}, 5).out);
  EXPECT_EQ(verdict["ok"], false);
  EXPECT_EQ(verdict["bad_seq"], 3);
}

TEST_F(AccessCliTest, CutOffTailIsDetected) {
  Populate();
  ASSERT_EQ(Sql(case_, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= 5"), "");
  RunResult r = Run({"audit", "verify"}, 5);
  EXPECT_NE(r.err.find("cut off"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("at entry 5"), std::string::npos) << r.err;
}

TEST_F(AccessCliTest, HelpForEveryCommand) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"user", "add", "--help"},
                                                                {"user", "remove", "--help"},
                                                                {"user", "passwd", "--help"},
                                                                {"user", "list", "--help"},
                                                                {"collection", "add", "--help"},
                                                                {"collection", "list", "--help"},
                                                                {"grant", "--help"},
                                                                {"revoke", "--help"},
                                                                {"audit", "show", "--help"},
                                                                {"audit", "verify", "--help"}}) {
    RunResult r = Tahqiq(args);
    EXPECT_EQ(r.exit_code, 0) << args[0];
    EXPECT_NE(r.out.find("--case"), std::string::npos) << args[0] << " " << args[1];
  }
}

}  // namespace
}  // namespace tahqiq::e2e
