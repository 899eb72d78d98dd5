#include "serve/audit.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "base/file_util.h"

namespace tahqiq::serve {
namespace {

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tahqiq-audit-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    path_ = dir_ + "/access.db";
    auto log = AuditLog::Open(path_);
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    log_ = std::move(*log);
    const char* actions[] = {"user_add", "grant", "login", "search", "view", "download"};
    for (int i = 0; i < 6; ++i) {
      auto e = log_->Append("cli:root", actions[i], "doc" + std::to_string(i),
                            R"({"n":)" + std::to_string(i) + "}");
      ASSERT_TRUE(e.ok()) << e.status().ToString();
      ASSERT_EQ(e->seq, i + 1);
    }
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }

  // What an attacker with the sqlite3 shell does: the triggers go first.
  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    const std::string all = "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; " + sql;
    EXPECT_EQ(sqlite3_exec(db, all.c_str(), nullptr, nullptr, &err), SQLITE_OK) << err;
    sqlite3_free(err);
    sqlite3_close(db);
  }

  AuditVerdict Verify() {
    auto v = log_->Verify();
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : AuditVerdict{};
  }

  std::string dir_, path_;
  std::unique_ptr<AuditLog> log_;
};

TEST_F(AuditTest, IntactChainVerifies) {
  AuditVerdict v = Verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 6);
  EXPECT_EQ(v.head_seq, 6);
  EXPECT_EQ(v.warning, "");
  auto tail = log_->Tail(2);
  ASSERT_TRUE(tail.ok());
  ASSERT_EQ(tail->size(), 2u);
  EXPECT_EQ((*tail)[0].seq, 5);
  EXPECT_EQ((*tail)[1].action, "download");
  EXPECT_EQ((*tail)[1].hash, v.head_hash);
  EXPECT_EQ((*tail)[1].prev_hash, (*tail)[0].hash);
  EXPECT_EQ((*tail)[1].hash, AuditHash((*tail)[1]));
  EXPECT_EQ(log_->Tail(0)->front().prev_hash, std::string(64, '0'));
  // A page further back: the two entries before seq 5.
  auto page = log_->Tail(2, 5);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].seq, 3);
  EXPECT_EQ((*page)[1].seq, 4);
  EXPECT_EQ(log_->Tail(0, 3)->size(), 2u);
  // The head file names the last entry.
  auto head = ReadFile(dir_ + "/audit.head");
  ASSERT_TRUE(head.ok());
  EXPECT_NE(head->find("6 " + v.head_hash), std::string::npos) << *head;
}

TEST_F(AuditTest, HashCoversEveryField) {
  AuditEntry e = log_->Tail(1)->front();
  const std::string h = AuditHash(e);
  for (int field = 0; field < 7; ++field) {
    AuditEntry x = e;
    switch (field) {
      case 0:
        x.seq += 1;
        break;
      case 1:
        x.time[3] ^= 1;
        break;
      case 2:
        x.actor += "x";
        break;
      case 3:
        x.action = "view";
        break;
      case 4:
        x.target = "";
        break;
      case 5:
        x.details = "{}";
        break;
      case 6:
        x.prev_hash[0] = x.prev_hash[0] == 'a' ? 'b' : 'a';
        break;
    }
    EXPECT_NE(AuditHash(x), h) << field;
  }
  // Moving bytes from one field to the next changes the hash (length prefixes).
  AuditEntry a = e, b = e;
  a.actor = "ab";
  a.action = "c";
  b.actor = "a";
  b.action = "bc";
  EXPECT_NE(AuditHash(a), AuditHash(b));
}

TEST_F(AuditTest, RejectsDetailsThatAreNotAJsonObject) {
  EXPECT_EQ(log_->Append("a", "view", "t", "[1]").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(log_->Append("a", "view", "t", "{").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(log_->Append("a", "", "t").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Verify().entries, 6);
}

TEST_F(AuditTest, AppendAllIsOneTransaction) {
  std::vector<AuditEntry> batch(3);
  for (int i = 0; i < 3; ++i) {
    batch[i].actor = "user:bob";
    batch[i].action = "search";
    batch[i].details = R"({"q":"invoice )" + std::to_string(i) + "\"}";
  }
  auto out = log_->AppendAll(batch);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)[0].seq, 7);
  EXPECT_EQ((*out)[2].seq, 9);
  EXPECT_EQ((*out)[1].prev_hash, (*out)[0].hash);
  // One bad item: nothing of the batch is written.
  batch[1].details = "not json";
  EXPECT_EQ(log_->AppendAll(batch).status().code(), StatusCode::kInvalidArgument);
  AuditVerdict v = Verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 9);
  EXPECT_EQ(v.warning, "");
}

TEST_F(AuditTest, TriggersRefuseUpdateAndDelete) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit SET actor = 'x' WHERE seq = 2", nullptr, nullptr, &err),
            SQLITE_OK);
  ASSERT_NE(err, nullptr);
  EXPECT_NE(std::string(err).find("append-only"), std::string::npos);
  sqlite3_free(err);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_TRUE(Verify().ok);
}

TEST_F(AuditTest, DetectsAnEditedField) {
  Tamper("UPDATE audit SET actor = 'cli:someone-else' WHERE seq = 3");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 3);
  EXPECT_NE(v.problem.find("entry 3 was changed"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, DetectsAnEditWithItsHashRecomputed) {
  // Editing the details and fixing that entry's own hash breaks the next link.
  AuditEntry e = log_->Tail(0)->at(1);
  e.details = R"({"n":99})";
  Tamper("UPDATE audit SET details = '" + e.details + "', hash = '" + AuditHash(e) +
         "' WHERE seq = 2");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 3);
  EXPECT_NE(v.problem.find("does not follow"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, DetectsARemovedEntry) {
  Tamper("DELETE FROM audit WHERE seq = 4");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 5);
  EXPECT_NE(v.problem.find("entry 4 missing before entry 5"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, DetectsARemovedAndRenumberedEntry) {
  Tamper(
      "DELETE FROM audit WHERE seq = 4; UPDATE audit SET seq = seq + 100 WHERE seq > 4;"
      "UPDATE audit SET seq = seq - 101 WHERE seq > 100");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 4);
}

TEST_F(AuditTest, DetectsSwappedEntries) {
  Tamper(
      "UPDATE audit SET seq = -2 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3;"
      "UPDATE audit SET seq = 3 WHERE seq = -2");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 2);
}

TEST_F(AuditTest, DetectsAnInsertedEntry) {
  // A forged entry squeezed in at 3, the rest moved up by one.
  Tamper(
      "UPDATE audit SET seq = seq + 100 WHERE seq >= 3;"
      "UPDATE audit SET seq = seq - 99 WHERE seq > 100;"
      "INSERT INTO audit SELECT 3, time, actor, 'grant', 'mallory', details, hash, hash "
      "FROM audit WHERE seq = 2");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 3);
}

TEST_F(AuditTest, DetectsACutOffTailThroughTheHeadFile) {
  Tamper("DELETE FROM audit WHERE seq >= 5");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 5);
  EXPECT_NE(v.problem.find("cut off"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, DetectsARecomputedChainThroughTheHeadFile) {
  // Rewrite entry 2 and every hash after it: the chain is consistent again,
  // only the head file knows.
  auto all = *log_->Tail(0);
  all[1].target = "innocent";
  std::string sql;
  for (size_t i = 1; i < all.size(); ++i) {
    all[i].prev_hash = all[i - 1].hash;
    all[i].hash = AuditHash(all[i]);
    sql += "UPDATE audit SET target = '" + all[i].target + "', prev_hash = '" + all[i].prev_hash +
           "', hash = '" + all[i].hash + "' WHERE seq = " + std::to_string(all[i].seq) + ";";
  }
  Tamper(sql);
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.bad_seq, 6);
  EXPECT_NE(v.problem.find("rewritten"), std::string::npos) << v.problem;
}

TEST_F(AuditTest, MissingHeadFileIsReported) {
  ASSERT_EQ(::unlink((dir_ + "/audit.head").c_str()), 0);
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.problem.find("audit.head is missing"), std::string::npos);
}

TEST_F(AuditTest, HeadBehindIsAWarning) {
  // As after a crash between the commit and the head update.
  const std::string head = *ReadFile(dir_ + "/audit.head");
  ASSERT_TRUE(log_->Append("user:bob", "view", "42").ok());
  ASSERT_TRUE(WriteFileAtomic(dir_ + "/audit.head", head).ok());
  AuditVerdict v = Verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_NE(v.warning.find("entries 7-7"), std::string::npos) << v.warning;
  // The next append moves the head forward again.
  ASSERT_TRUE(log_->Append("user:bob", "view", "43").ok());
  EXPECT_EQ(Verify().warning, "");
}

TEST_F(AuditTest, SecondWriterContinuesTheChain) {
  auto other = AuditLog::Open(path_);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Append("user:bob", "search", "", R"({"q":"فاتورة"})").ok());
  ASSERT_TRUE(log_->Append("user:carol", "view", "7").ok());
  AuditVerdict v = Verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 8);
}

TEST_F(AuditTest, ConcurrentProcessesKeepOneChainAndTheHead) {
  std::vector<pid_t> kids;
  for (int p = 0; p < 3; ++p) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto log = AuditLog::Open(path_);
      int bad = !log.ok();
      for (int i = 0; i < 30 && !bad; ++i) {
        bad = !(*log)->Append("user:p" + std::to_string(p), "view", std::to_string(i)).ok();
      }
      _exit(bad);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  AuditVerdict v = Verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 6 + 90);
  // The head moved only forwards: it names the last entry.
  EXPECT_EQ(v.warning, "");
}

}  // namespace
}  // namespace tahqiq::serve
