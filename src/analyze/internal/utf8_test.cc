#include "analyze/internal/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace tahqiq::analyze::internal {
namespace {

std::string Sanitize(std::string_view in) {
  std::string scratch;
  return std::string(SanitizeUtf8(in, &scratch));
}

TEST(SanitizeUtf8Test, ValidTextIsReturnedWithoutCopy) {
  const std::string text = "plain ASCII, عربي, עברית, 😀";
  std::string scratch;
  EXPECT_EQ(SanitizeUtf8(text, &scratch).data(), text.data());
  EXPECT_TRUE(scratch.empty());
}

TEST(SanitizeUtf8Test, EveryBadByteBecomesOneQuestionMark) {
  EXPECT_EQ(Sanitize("a\x80"
                     "b"),
            "a?b");
  EXPECT_EQ(Sanitize("\xE2\x82"), "??");            // Truncated at the end.
  EXPECT_EQ(Sanitize("\xE2\x82x"), "??x");          // Truncated in the middle.
  EXPECT_EQ(Sanitize("\xC0\xAF"), "??");            // Overlong.
  EXPECT_EQ(Sanitize("\xED\xA0\x80"), "???");       // Surrogate.
  EXPECT_EQ(Sanitize("\xF4\x90\x80\x80"), "????");  // Above U+10FFFF.
  EXPECT_EQ(Sanitize("\xFF\xFE"
                     "كتب"),
            "??كتب");
  EXPECT_EQ(Sanitize(std::string("12345678\xD8", 9)), "12345678?");  // After the ASCII fast path.
}

TEST(AppendUtf8Test, EncodesAllLengths) {
  std::string out;
  for (char32_t c : {U'a', U'\u00E9', U'\u0643', U'\u20AC', U'\U0001F600'}) AppendUtf8(c, &out);
  EXPECT_EQ(out, "aéك€😀");
}

}  // namespace
}  // namespace tahqiq::analyze::internal
