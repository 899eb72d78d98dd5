// A full disk gives a clear error, corrupts nothing, and the run resumes
// once space is freed. The case lives on a small tmpfs this test mounts
// (root only; CI runs as root).
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "e2e/util.h"

namespace tahqiq::e2e {
namespace {

using nlohmann::json;

TEST(DiskFullTest, FullDiskStopsCleanlyAndResumes) {
  std::string root = MakeTempDir();
  std::string small = root + "/small";
  std::filesystem::create_directories(small);
  if (::geteuid() != 0 || ::mount("tmpfs", small.c_str(), "tmpfs", 0, "size=3m") != 0) {
    GTEST_SKIP() << "needs root to mount a small tmpfs: " << std::strerror(errno);
  }
  struct Unmount {
    std::string dir;
    ~Unmount() { ::umount2(dir.c_str(), MNT_DETACH); }
  } unmount{small};

  // 40 files of ~200 KB: about 8 MB of originals alone, far over 3 MB.
  std::string corpus = root + "/corpus";
  const int kFiles = 40;
  for (int i = 0; i < kFiles; ++i) {
    std::string text = "diskfullword file" + std::string(1, static_cast<char>('a' + i % 26)) +
                       std::to_string(i) + "\n";
    while (text.size() < 200000)
      text += "storage consumption record line " + std::to_string(i) + "\n";
    WriteFile(corpus + "/f" + std::to_string(i) + ".txt", text);
  }
  std::string case_dir = small + "/case";
  RunResult full = Tahqiq({"ingest", "--case", case_dir, "--json", corpus});
  EXPECT_NE(full.exit_code, 0);
  EXPECT_NE(full.err.find("resource_exhausted"), std::string::npos) << full.err;
  EXPECT_NE(full.err.find("run the same command again to resume"), std::string::npos) << full.err;

  // Nothing is corrupt: the case opens, and what it holds is consistent.
  RunResult st = Tahqiq({"status", "--case", case_dir, "--json"});
  ASSERT_EQ(st.exit_code, 0) << st.err;
  json before = json::parse(st.out);
  EXPECT_LT(before["documents"].get<int>(), kFiles);
  EXPECT_EQ(before["failures"].size(), 0u) << "a full disk must not be blamed on files";

  // Free space, run again: everything arrives, once.
  ASSERT_EQ(::mount("tmpfs", small.c_str(), "tmpfs", MS_REMOUNT, "size=64m"), 0);
  RunResult again = Tahqiq({"ingest", "--case", case_dir, "--json", corpus});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  json after = json::parse(Tahqiq({"status", "--case", case_dir, "--json"}).out);
  EXPECT_EQ(after["documents"], kFiles);
  EXPECT_EQ(after["files"], kFiles);
  EXPECT_TRUE(after["index_current"].get<bool>());
  RunResult all =
      Tahqiq({"search", "--case", case_dir, "--json", "--limit", "100", "diskfullword"});
  EXPECT_EQ(SearchLines(all.out).size(), static_cast<size_t>(kFiles));
}

}  // namespace
}  // namespace tahqiq::e2e
