// The hostile corpus (tests/fixtures/hostile, made by
// tests/fixtures/make_hostile_fixtures.py): every file must end as a
// recorded failure or as correct (partial) text, and nothing may be written
// outside the case.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "e2e/util.h"

namespace tahqiq::e2e {
namespace {

using nlohmann::json;

class HostileTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new std::string(MakeTempDir());
    std::string cwd = *root_ + "/cwd";
    std::filesystem::create_directories(cwd);
    for (const char* p : {"/tmp/tahqiq-zip-slip.txt", "/tmp/tahqiq-zip-abs.txt"}) ::unlink(p);
    // Run from an empty folder, so anything written "nearby" would show.
    char old[4096];
    ASSERT_NE(::getcwd(old, sizeof old), nullptr);
    ASSERT_EQ(::chdir(cwd.c_str()), 0);
    ingest_ = new RunResult(Tahqiq(
        {"ingest", "--case", *root_ + "/case", "--json", SourceDir() + "/tests/fixtures/hostile"}));
    ASSERT_EQ(::chdir(old), 0);
    RunResult st = Tahqiq({"status", "--case", *root_ + "/case", "--json"});
    status_ = new json(json::parse(st.out));
  }
  static void TearDownTestSuite() {
    delete ingest_;
    delete status_;
    delete root_;
  }

  static std::vector<json> Search(const std::string& q) {
    std::vector<json> out;
    for (const auto& line : SearchLines(
             Tahqiq({"search", "--case", *root_ + "/case", "--json", "--limit", "100", q}).out)) {
      out.push_back(json::parse(line));
    }
    return out;
  }
  static json Show(int64_t id) {
    return json::parse(
        Tahqiq({"show", "--case", *root_ + "/case", "--json", std::to_string(id)}).out);
  }
  // Reason recorded for a failed document whose path or member ends with `suffix`.
  static std::string Reason(const std::string& suffix) {
    for (const auto& f : (*status_)["failures"]) {
      std::string where = f["member"].is_string() && !f["member"].get<std::string>().empty()
                              ? f["member"].get<std::string>()
                              : f["path"].get<std::string>();
      if (where.size() >= suffix.size() &&
          where.compare(where.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return f["reason"];
      }
    }
    return "";
  }

  static std::string* root_;
  static RunResult* ingest_;
  static json* status_;
};
std::string* HostileTest::root_;
RunResult* HostileTest::ingest_;
json* HostileTest::status_;

TEST_F(HostileTest, RunCompletesAndWritesNothingOutsideTheCase) {
  ASSERT_EQ(ingest_->exit_code, 0) << ingest_->err;
  EXPECT_TRUE(std::filesystem::is_empty(*root_ + "/cwd"));
  EXPECT_NE(::access("/tmp/tahqiq-zip-slip.txt", F_OK), 0);
  EXPECT_NE(::access("/tmp/tahqiq-zip-abs.txt", F_OK), 0);
  EXPECT_TRUE((*status_)["index_current"].get<bool>());
}

TEST_F(HostileTest, DecompressionBombsAreRefused) {
  EXPECT_NE(Reason("bomb-zeros.bz2").find("decompression bomb"), std::string::npos);
  EXPECT_NE(Reason("bomb-overlap.zip").find("overlap"), std::string::npos);
}

TEST_F(HostileTest, NestingStopsAtTheDepthLimit) {
  EXPECT_NE(Reason("level10.zip").find("nested deeper than 10"), std::string::npos);
  EXPECT_TRUE(Search("matryoshkacore").empty());  // Below the limit: not opened.
  EXPECT_NE(Reason("message.eml").find("nested deeper than 10"), std::string::npos);
}

TEST_F(HostileTest, MemberNamesStayNames) {
  auto slip = Search("slipword");
  ASSERT_EQ(slip.size(), 1u);
  json doc = Show(slip[0]["id"]);
  EXPECT_EQ(doc["provenance"][0]["member"], "../../../../tmp/tahqiq-zip-slip.txt");
  auto bidi = Search("bidiname");
  ASSERT_EQ(bidi.size(), 1u);
  EXPECT_EQ(Show(bidi[0]["id"])["provenance"][0]["member"], "invoice\u202egpj.exe");
  RunResult text = Tahqiq({"search", "--case", *root_ + "/case", "bidiname"});
  EXPECT_NE(text.out.find("invoice\\u{202E}gpj.exe"), std::string::npos);  // Escaped on screen.
  EXPECT_EQ(text.out.find("\u202e"), std::string::npos);
  EXPECT_EQ(Search("longname").size(), 1u);
}

TEST_F(HostileTest, LinksAreListedNotFollowed) {
  auto tar = Search("tarmember");
  ASSERT_EQ(tar.size(), 1u);
  auto archive = Search("path:links type:archive");
  ASSERT_EQ(archive.size(), 1u);
  json doc = Show(archive[0]["id"]);
  int skipped = 0;
  for (const auto& f : doc["fields"]) skipped += f["name"] == "skipped";
  EXPECT_EQ(skipped, 3);                // Symlink, hard link, device.
  EXPECT_TRUE(Search("root").empty());  // Nothing of /etc/passwd came in.
  EXPECT_TRUE(Search("daemon").empty());
}

TEST_F(HostileTest, XmlEntitiesAreNeverExpanded) {
  EXPECT_NE(Reason("xxe.docx").find("DTD"), std::string::npos);
  EXPECT_TRUE(Search("aaaaaaaaaa").empty());
}

// Malformed archives from libarchive's test suite (Debian source package
// libarchive 3.6.2; see tests/fixtures/hostile/debian-libarchive/SOURCES.md).
TEST_F(HostileTest, DebianMalformedArchivesEndCleanly) {
  auto hits = Search("path:libarchive");
  ASSERT_GE(hits.size(), 12u);  // Every file, plus whatever members came out.
  int failed = 0;
  for (const auto& h : hits) {
    json doc = Show(h["id"]);
    bool recorded = doc["status"] == "ok" || !doc["reason"].get<std::string>().empty();
    EXPECT_TRUE(recorded) << h["path"];
    failed += doc["status"] != "ok";
  }
  EXPECT_GT(failed, 0);  // Most of them are not readable at all.
}

TEST_F(HostileTest, OrdinaryArchivesAndBrokenFilesEndCleanly) {
  EXPECT_EQ(Search("tarballword").size(), 1u);
  auto ar = Search("تقرير");
  ASSERT_EQ(ar.size(), 1u);
  EXPECT_EQ(ar[0]["lang"], "ar");
  EXPECT_FALSE(Reason("truncated.gz").empty());
  // Each of these ends either extracted or with a reason; none hangs or kills the run.
  for (const char* q : {"path:cyclic.pdf", "path:malformed.eml"}) {
    auto hits = Search(q);
    ASSERT_EQ(hits.size(), 1u) << q;
    json doc = Show(hits[0]["id"]);
    EXPECT_TRUE(doc["status"] == "ok" || !doc["reason"].get<std::string>().empty()) << q;
  }
}

}  // namespace
}  // namespace tahqiq::e2e
