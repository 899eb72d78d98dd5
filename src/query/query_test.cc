#include <gtest/gtest.h>

#include "query/query.h"

namespace tahqiq::query {
namespace {

using Kind = index::QueryNode::Kind;

class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = analyze::Analyzer::Create();
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(*a);
  }
  Result<index::QueryNode> Parse(std::string_view q) { return ParseQuery(q, *analyzer_); }
  std::unique_ptr<analyze::Analyzer> analyzer_;
};

TEST_F(QueryTest, WordsAreAndedAndAnalyzedLikeText) {
  auto q = Parse("Invoices الفاتورة");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  ASSERT_EQ(q->kind, Kind::kAnd);
  ASSERT_EQ(q->children.size(), 2u);
  EXPECT_EQ(q->children[0].kind, Kind::kWord);
  EXPECT_EQ(q->children[0].words[0].exact, "invoices");
  EXPECT_EQ(q->children[0].words[0].stem, "invoic");
  EXPECT_EQ(q->children[1].words[0].exact, "الفاتوره");  // Teh marbuta folded.
}

TEST_F(QueryTest, BooleanOperatorsAndPrecedence) {
  auto q = Parse("a OR b c");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->kind, Kind::kOr);
  EXPECT_EQ(q->children[1].kind, Kind::kAnd);  // AND binds tighter than OR.

  auto n = Parse("(azure OR aws) NOT draft -old");
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(n->kind, Kind::kAndNot);
  EXPECT_EQ(n->children[0].kind, Kind::kOr);
  EXPECT_EQ(n->children[1].kind, Kind::kOr);  // draft OR old are excluded.

  auto only_not = Parse("-draft");
  ASSERT_TRUE(only_not.ok());
  EXPECT_EQ(only_not->children[0].kind, Kind::kMatchAll);
}

TEST_F(QueryTest, PhrasesFieldsAndFilters) {
  auto q = Parse("\"cloud services\" type:PDF lang:ar from:alice subject:\"the contract\"");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  ASSERT_EQ(q->children.size(), 5u);
  EXPECT_EQ(q->children[0].kind, Kind::kPhrase);
  EXPECT_EQ(q->children[0].words.size(), 2u);
  EXPECT_EQ(q->children[1].kind, Kind::kFilter);
  EXPECT_EQ(q->children[1].term, "XYpdf");
  EXPECT_EQ(q->children[2].term, "XLar");
  EXPECT_EQ(q->children[3].fields, std::vector<std::string>{"XF"});
  EXPECT_EQ(q->children[4].kind, Kind::kPhrase);
  EXPECT_EQ(q->children[4].fields, std::vector<std::string>{"S"});
}

TEST_F(QueryTest, ExactOnlyAndUnknownFields) {
  auto q = Parse("=running");
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(q->exact_only);
  auto u = Parse("http://example.com");  // Not a field: searched as words.
  ASSERT_TRUE(u.ok());
  EXPECT_NE(u->kind, Kind::kFilter);
}

TEST_F(QueryTest, MalformedQueriesGiveClearErrors) {
  EXPECT_EQ(Parse("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Parse("(a OR b").status().message(), "'(' at column 1 is never closed");
  EXPECT_EQ(Parse("a)").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Parse("a OR").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Parse("type:").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Parse("\"unclosed phrase").ok());
  // Regression: fuzz/crashers/query/deep_parens_stack_overflow.
  std::string deep(10000, '(');
  EXPECT_EQ(Parse(deep + "a").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Parse(std::string(60, '(') + "a" + std::string(60, ')')).ok());
}

TEST_F(QueryTest, SnippetMarksMatchedSurfaceForms) {
  std::string text =
      "Intro words that do not matter. The invoice for cloud services was paid. "
      "More words follow here.";
  auto q = Parse("invoices cloud");
  ASSERT_TRUE(q.ok());
  Snippet s = MakeSnippet(text, CollectTerms(*q), *analyzer_, 8);
  ASSERT_EQ(s.marks.size(), 2u);
  EXPECT_EQ(s.text.substr(s.marks[0].first, s.marks[0].second - s.marks[0].first), "invoice");
  EXPECT_EQ(s.text.substr(s.marks[1].first, s.marks[1].second - s.marks[1].first), "cloud");
}

TEST_F(QueryTest, SnippetFindsArabicWithDiacritics) {
  std::string text = "تقرير عن الفَاتُورَة الشهرية للخدمات السحابية";
  auto q = Parse("الفاتورة");
  ASSERT_TRUE(q.ok());
  Snippet s = MakeSnippet(text, CollectTerms(*q), *analyzer_);
  ASSERT_EQ(s.marks.size(), 1u);
  EXPECT_EQ(s.text.substr(s.marks[0].first, s.marks[0].second - s.marks[0].first),
            "الفَاتُورَة");
}

}  // namespace
}  // namespace tahqiq::query
