// Crash safety: a real ingest is killed with SIGKILL at random moments, then
// run again to the end. Afterwards every file must be present exactly once
// and the index must agree with the store.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "e2e/util.h"

namespace tahqiq::e2e {
namespace {

using nlohmann::json;

// Spells n in letters (the analyzer keeps such a word whole).
std::string Tag(int n) {
  std::string s = "zq";
  do {
    s += static_cast<char>('a' + n % 26);
    n /= 26;
  } while (n);
  return s;
}

const char* kWords[] = {"contract", "invoice", "cloud", "storage", "hours",   "support", "العقد",
                        "الفاتورة", "التخزين", "ساعات", "חוזה",    "חשבונית", "אחסון"};

// Extract workers started under this test (their environment holds `mark`,
// so other tests' workers on the machine do not count) whose parent is gone
// (re-parented to init).
int OrphanWorkers(const std::string& mark) {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::string pid = entry.path().filename();
    if (pid.empty() || !std::isdigit(static_cast<unsigned char>(pid[0]))) continue;
    std::ifstream cmd(entry.path() / "cmdline");
    std::string cmdline((std::istreambuf_iterator<char>(cmd)), std::istreambuf_iterator<char>());
    if (cmdline.find(std::string("extract-worker", 14)) == std::string::npos) continue;
    std::ifstream env(entry.path() / "environ");
    std::string environ_text((std::istreambuf_iterator<char>(env)),
                             std::istreambuf_iterator<char>());
    if (environ_text.find(mark + '\0') == std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string statline;
    std::getline(stat, statline);
    size_t close = statline.rfind(')');
    if (close == std::string::npos) continue;
    int ppid = 0;
    std::sscanf(statline.c_str() + close + 1, " %*c %d", &ppid);
    if (ppid == 1) ++n;
  }
  return n;
}

TEST(KillTest, KilledIngestsResumeWithEveryFileOnce) {
  std::string root = MakeTempDir();
  std::string corpus = root + "/corpus", case_dir = root + "/case";
  unsigned seed =
      static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count());
  if (const char* s = std::getenv("TAHQIQ_KILL_SEED")) seed = static_cast<unsigned>(std::atoi(s));
  std::mt19937 rng(seed);
  SCOPED_TRACE("TAHQIQ_KILL_SEED=" + std::to_string(seed));

  const int kFiles = 600;
  int distinct = 0;
  std::string prev;
  for (int i = 0; i < kFiles; ++i) {
    std::string path = corpus + "/d" + std::to_string(i % 7) + "/f" + std::to_string(i) + ".txt";
    if (i % 10 == 9) {
      // Every tenth file repeats the content of the previous one.
      WriteFile(path, prev);
      continue;
    }
    std::string text = "killcorpus " + Tag(i) + "\n";
    int words = 200 + static_cast<int>(rng() % 3000);
    for (int w = 0; w < words; ++w) {
      text += kWords[rng() % (sizeof kWords / sizeof kWords[0])];
      text += (w % 12 == 11) ? "\n" : " ";
    }
    WriteFile(path, text);
    prev = text;
    ++distinct;
  }

  const std::string mark_value = std::to_string(::getpid()) + "-" + std::to_string(seed);
  ::setenv("TAHQIQ_KILL_TEST_MARK", mark_value.c_str(), 1);
  const std::string mark = "TAHQIQ_KILL_TEST_MARK=" + mark_value;
  std::vector<std::string> args = {"ingest", "--case", case_dir, "--quiet", corpus};
  int kills = 0;
  for (int round = 0; round < 8; ++round) {
    pid_t pid = StartTahqiq(args);
    int delay_ms = 30 + static_cast<int>(rng() % 900);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      ++kills;
    }
  }
  // Parser processes die with the ingest that started them (no orphans): a
  // worker sees its input close and exits once its current file is done,
  // which a loaded machine can stretch.
  int orphans = OrphanWorkers(mark);
  for (int i = 0; i < 100 && orphans > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    orphans = OrphanWorkers(mark);
  }
  EXPECT_EQ(orphans, 0);

  RunResult last = Tahqiq({"ingest", "--case", case_dir, "--json", corpus});
  ASSERT_EQ(last.exit_code, 0) << last.err;
  RecordProperty("kills", kills);
  std::printf("killed %d of 8 ingests (seed %u)\n", kills, seed);
  EXPECT_GT(kills, 0);

  RunResult st = Tahqiq({"status", "--case", case_dir, "--json"});
  ASSERT_EQ(st.exit_code, 0) << st.err;
  json status = json::parse(st.out);
  EXPECT_EQ(status["documents"], distinct);
  EXPECT_EQ(status["files"], kFiles);  // One provenance record per path, no more.
  EXPECT_EQ(status["failures"].size(), 0u) << status["failures"].dump();
  EXPECT_TRUE(status["index_current"].get<bool>())
      << status["index_entries"] << " entries, expected " << status["index_entries_expected"];

  RunResult all = Tahqiq({"search", "--case", case_dir, "--json", "--limit", "5000", "killcorpus"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  std::set<int64_t> ids;
  std::set<std::string> hashes;
  for (const auto& line : SearchLines(all.out)) {
    json j = json::parse(line);
    ids.insert(j["id"].get<int64_t>());
    hashes.insert(j["sha256"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), static_cast<size_t>(distinct));
  EXPECT_EQ(hashes.size(), static_cast<size_t>(distinct));
  EXPECT_EQ(SearchLines(all.out).size(), static_cast<size_t>(distinct));  // No document twice.

  for (int k = 0; k < 10; ++k) {
    int i = static_cast<int>(rng() % kFiles);
    if (i % 10 == 9) continue;
    // Exact form: "zqy" stems to "zqi", another tag.
    RunResult one = Tahqiq({"search", "--case", case_dir, "--json", "=" + Tag(i)});
    EXPECT_EQ(SearchLines(one.out).size(), 1u) << Tag(i);
  }
}

}  // namespace
}  // namespace tahqiq::e2e
