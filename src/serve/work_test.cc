#include "serve/work.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <string>

namespace tahqiq::serve {
namespace {

class WorkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tahqiq-work-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    WorkLimits limits;
    limits.tags_per_user = 3;
    limits.notes_per_user = 2;
    limits.searches_per_user = 2;
    auto w = WorkDb::Open(dir_ + "/work.db", limits);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    work_ = std::move(*w);
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }

  std::string dir_;
  std::unique_ptr<WorkDb> work_;
};

TEST_F(WorkTest, EachUserAddsUpToTheLimits) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(work_->AddTag(i, "alpha", "lead", "alice").ok());
  }
  Status more = work_->AddTag(9, "alpha", "lead", "alice");
  EXPECT_EQ(more.code(), StatusCode::kResourceExhausted) << more.ToString();
  EXPECT_TRUE(work_->AddTag(9, "alpha", "lead", "bob").ok());  // Bob's own allowance.
  // Removing one makes room again.
  ASSERT_TRUE(work_->RemoveTag(0, nullptr, "lead").ok());
  EXPECT_TRUE(work_->AddTag(9, "alpha", "lead", "alice").ok());

  EXPECT_TRUE(work_->AddNote(1, "alpha", "alice", "one").ok());
  EXPECT_TRUE(work_->AddNote(1, "alpha", "alice", "two").ok());
  EXPECT_EQ(work_->AddNote(2, "alpha", "alice", "three").status().code(),
            StatusCode::kResourceExhausted);

  EXPECT_TRUE(work_->AddSearch("alice", "a", "x").ok());
  EXPECT_TRUE(work_->AddSearch("alice", "b", "y").ok());
  auto third = work_->AddSearch("alice", "c", "z");
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(third.status().message().find("at most 2 saved searches"), std::string::npos);
  auto mine = work_->Searches("alice");
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 2u);
}

}  // namespace
}  // namespace tahqiq::serve
