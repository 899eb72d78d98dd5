#include <gtest/gtest.h>

#include "base/file_util.h"
#include "base/sha256.h"
#include "base/status.h"

namespace tahqiq {
namespace {

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Sha256::HexOf(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256::HexOf("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 h;
  h.Update("a");
  h.Update("bc");
  EXPECT_EQ(h.FinishHex(), Sha256::HexOf("abc"));
}

TEST(StatusTest, ResultCarriesValueOrError) {
  Result<int> good(7);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  Result<int> bad(Status::NotFound("no such case"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().ToString(), "not_found: no such case");
  Result<int> from_ok{Status::Ok()};
  EXPECT_FALSE(from_ok.ok());  // An ok Status is never a value.
}

TEST(EscapeTest, ControlsBidiAndInvalidBytesAreEscaped) {
  EXPECT_EQ(EscapeForDisplay("plain.txt"), "plain.txt");
  EXPECT_EQ(EscapeForDisplay("\xD9\x85\xD9\x84\xD9\x81"), "\xD9\x85\xD9\x84\xD9\x81");  // ملف
  EXPECT_EQ(EscapeForDisplay("a\xE2\x80\xAE"
                             "fdp.exe"),
            "a\\u{202E}fdp.exe");
  EXPECT_EQ(EscapeForDisplay(std::string("a\0b", 3)), "a\\u{0000}b");
  EXPECT_EQ(EscapeForDisplay("bad\xFF"), "bad\\xFF");
  // Runs of printable ASCII are copied whole; a backslash or DEL inside one
  // still ends it.
  EXPECT_EQ(EscapeForDisplay("C:\\dir\x7F~ end\tx"), "C:\\\\dir\\u{007F}~ end\\u{0009}x");
  EXPECT_EQ(ToValidUtf8("x\xC0\xAFy"), "x\xEF\xBF\xBD\xEF\xBF\xBDy");  // Overlong '/'.
}

}  // namespace
}  // namespace tahqiq
