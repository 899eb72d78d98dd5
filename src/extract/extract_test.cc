// Golden tests over tests/fixtures/extract/ plus targeted checks: malformed
// input, streaming of large text, XXE / billion laughs, zip bombs, threads.
//
// TAHQIQ_REBASELINE=1 rewrites tests/golden/extract/*.expected.txt; review
// the diff by eye before committing it.

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "extract/extractor.h"
#include "extract/internal.h"

namespace tahqiq::extract {
namespace {

namespace fs = std::filesystem;

std::string SourceDir() {
  const char* env = std::getenv("TAHQIQ_SOURCE_DIR");
  return env != nullptr && *env != '\0' ? env : TAHQIQ_SOURCE_DIR;
}
fs::path FixtureDir() { return fs::path(SourceDir()) / "tests/fixtures/extract"; }
fs::path GoldenDir() { return fs::path(SourceDir()) / "tests/golden/extract"; }

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& p, std::string_view data) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

class RecordingSink : public Sink {
 public:
  void SetTitle(std::string_view t) override { titles.emplace_back(t); }
  void AddField(std::string_view name, std::string_view value) override {
    fields.emplace_back(name, value);
  }
  Status AppendText(std::string_view t) override {
    ++append_calls;
    max_block = std::max(max_block, t.size());
    total_bytes += t.size();
    if (!internal::IsValidUtf8(t)) invalid_utf8 = true;
    for (unsigned char c : t) hash = (hash ^ c) * 1099511628211ull;  // FNV-1a.
    if (keep_text) text.append(t);
    if (fail_after >= 0 && append_calls > static_cast<size_t>(fail_after)) {
      return Status::ResourceExhausted("sink full");
    }
    return Status::Ok();
  }
  void AddChild(std::string_view name, std::string bytes) override {
    children.emplace_back(name, std::move(bytes));
  }
  void BeginTable(std::string_view name) override {
    tables += "table: " + std::string(name) + "\n";
    table_rows = 0;
  }
  Status AddRow(uint64_t row_number, const Row& cells) override {
    if (++table_rows > 40) return Status::Ok();  // The head is enough for a golden.
    static const char* kKinds[] = {"", "t", "n", "%", "$", "d", "dt", "b"};
    tables += "row " + std::to_string(row_number) + ":";
    for (const Cell& c : cells) {
      tables += std::string(" [") + kKinds[c.kind] + c.unit + "]" + c.value + " |";
    }
    tables += "\n";
    return Status::Ok();
  }

  std::vector<std::string> titles;
  std::string tables;
  uint64_t table_rows = 0;
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::pair<std::string, std::string>> children;
  std::string text;
  bool keep_text = true;
  bool invalid_utf8 = false;
  int fail_after = -1;  // Fail AppendText calls after this many.
  size_t append_calls = 0;
  size_t max_block = 0;
  uint64_t total_bytes = 0;
  uint64_t hash = 14695981039346656037ull;
};

struct Outcome {
  TypeInfo type;
  Status status;
  RecordingSink sink;
};

Outcome SniffAndExtract(const fs::path& path) {
  Outcome o;
  auto type = Sniff(path.string());
  if (!type.ok()) {
    o.status = type.status();
    return o;
  }
  o.type = *type;
  o.status = Extract(path.string(), o.type, &o.sink);
  return o;
}

// The stable textual form stored in tests/golden/extract/.
std::string Render(const Outcome& o) {
  std::string r;
  r += "type: " + o.type.type + "\n";
  r += "mime: " + o.type.mime + "\n";
  r += "status: " + o.status.ToString() + "\n";
  for (const auto& t : o.sink.titles) r += "title: " + t + "\n";
  for (const auto& [k, v] : o.sink.fields) r += "field " + k + ": " + v + "\n";
  for (const auto& [name, bytes] : o.sink.children) {
    r += "child: " + name + " (" + std::to_string(bytes.size()) + " bytes)\n";
  }
  r += "----\n";
  for (char c : o.sink.text) {
    if (c == '\f') {
      r += "[FF]\n";
    } else {
      r += c;
    }
  }
  if (!o.sink.tables.empty()) r += "---- tables\n" + o.sink.tables;
  return r;
}

std::vector<std::string> ListFixtures() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(FixtureDir(), ec)) {
    if (e.is_regular_file()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("tahqiq_extract_test_" + std::to_string(::getpid()) + "_" +
                                         std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

void WriteZip(const fs::path& path,
              const std::vector<std::pair<std::string, std::string>>& members) {
  archive* a = archive_write_new();
  ASSERT_EQ(archive_write_set_format_zip(a), ARCHIVE_OK);
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
  for (const auto& [name, data] : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    ASSERT_EQ(archive_write_header(a, e), ARCHIVE_OK);
    ASSERT_EQ(archive_write_data(a, data.data(), data.size()),
              static_cast<la_ssize_t>(data.size()));
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

const char kContentTypesDocx[] =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/)"
    R"(vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)";

std::string DocxBody(std::string_view inner) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>)") +
         R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
         "<w:body><w:p><w:r><w:t>" +
         std::string(inner) + "</w:t></w:r></w:p></w:body></w:document>";
}

class ExtractEnv : public ::testing::Environment {
 public:
  void SetUp() override { GlobalInit(); }
};
const auto* const kEnv = ::testing::AddGlobalTestEnvironment(new ExtractEnv);

// ---- golden ----------------------------------------------------------------

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, MatchesExpected) {
  const std::string name = GetParam();
  const Outcome o = SniffAndExtract(FixtureDir() / name);
  EXPECT_FALSE(o.sink.invalid_utf8) << "AppendText got invalid UTF-8";
  EXPECT_LE(o.sink.max_block, size_t{1} << 20);
  for (const auto& t : o.sink.titles) EXPECT_TRUE(internal::IsValidUtf8(t)) << t;
  for (const auto& [k, v] : o.sink.fields) EXPECT_TRUE(internal::IsValidUtf8(v)) << k;
  if (!o.status.ok()) {
    EXPECT_FALSE(o.status.message().empty());
  }

  const std::string actual = Render(o);
  const fs::path golden = GoldenDir() / (name + ".expected.txt");
  const char* rebase = std::getenv("TAHQIQ_REBASELINE");
  if (rebase != nullptr && std::string(rebase) == "1") {
    fs::create_directories(GoldenDir());
    WriteFile(golden, actual);
    GTEST_SKIP() << "rebaselined " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " missing; run with TAHQIQ_REBASELINE=1";
  EXPECT_EQ(actual, ReadFile(golden)) << "for " << name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GoldenTest, ::testing::ValuesIn(ListFixtures()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param;
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

TEST(GoldenSet, CoversEveryFormat) {
  std::vector<std::string> types;
  for (const std::string& name : ListFixtures()) {
    auto t = Sniff((FixtureDir() / name).string());
    ASSERT_TRUE(t.ok()) << name;
    types.push_back(t->type);
  }
  for (const char* want :
       {"text", "csv", "html", "pdf", "docx", "xlsx", "pptx", "odt", "ods",   "odp",   "doc",
        "xls",  "ppt", "rtf",  "eml", "mbox", "pst",  "msg",  "zip", "image", "binary"}) {
    EXPECT_NE(std::find(types.begin(), types.end(), want), types.end()) << want;
  }
}

// ---- targeted ----------------------------------------------------------------

TEST(Extract, MalformedFixturesFailWithReason) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"pdf_truncated.pdf", "pdf: truncated"},
      {"docx_corrupt.docx", "docx: "},
      {"random.bin", "binary: "},
  };
  for (const auto& [name, prefix] : cases) {
    const Outcome o = SniffAndExtract(FixtureDir() / name);
    EXPECT_FALSE(o.status.ok()) << name;
    EXPECT_EQ(o.status.message().rfind(prefix, 0), 0u) << name << ": " << o.status.ToString();
  }
}

TEST(Extract, GeneratedMalformedFiles) {
  TempDir dir;
  WriteFile(dir / "fake.pdf", "%PDF-1.7\nthis is not really a pdf\n%%EOF\n");
  WriteZip(dir / "nodoc.docx",
           {{"[Content_Types].xml", kContentTypesDocx}, {"word/styles.xml", "<w:styles/>"}});
  WriteZip(dir / "badxml.docx", {{"[Content_Types].xml", kContentTypesDocx},
                                 {"word/document.xml", "<w:document><w:body><w:p>"}});
  WriteFile(dir / "truncated.zip", std::string("PK\x03\x04\x14\x00\x00\x00", 8));
  WriteFile(dir / "empty.eml", "From: a@example.com\nSubject: x\n");

  Outcome o = SniffAndExtract(dir / "fake.pdf");
  EXPECT_EQ(o.type.type, "pdf");
  EXPECT_EQ(o.status.ToString(), "corrupt: pdf: not a PDF (poppler could not open it)");

  o = SniffAndExtract(dir / "nodoc.docx");
  EXPECT_EQ(o.type.type, "docx");
  EXPECT_EQ(o.status.ToString(), "corrupt: docx: missing word/document.xml");

  o = SniffAndExtract(dir / "badxml.docx");
  EXPECT_EQ(o.type.type, "docx");
  EXPECT_EQ(o.status.ToString(), "corrupt: docx: word/document.xml: malformed XML");

  o = SniffAndExtract(dir / "truncated.zip");
  EXPECT_EQ(o.type.type, "zip");
  EXPECT_FALSE(o.status.ok());
  EXPECT_EQ(o.status.message().rfind("zip: ", 0), 0u) << o.status.ToString();

  o = SniffAndExtract(dir / "empty.eml");
  EXPECT_EQ(o.type.type, "eml");
  EXPECT_TRUE(o.status.ok()) << o.status.ToString();
  EXPECT_EQ(o.sink.titles, std::vector<std::string>{"x"});

  auto missing = Sniff((dir / "does-not-exist").string());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto directory = Sniff((dir / "").string());
  EXPECT_EQ(directory.status().code(), StatusCode::kInvalidArgument);
}

// Cut and scrambled copies of every fixture: any status is fine, crashing
// or leaking (under ASan) is not.
TEST(Extract, DamagedCopiesNeverCrash) {
  TempDir dir;
  std::mt19937 rng(42);
  // TAHQIQ_FUZZ_ROUNDS=N scrambles N copies of each fixture (default 3).
  const char* env_rounds = std::getenv("TAHQIQ_FUZZ_ROUNDS");
  const int rounds = env_rounds != nullptr ? std::atoi(env_rounds) : 3;
  for (const std::string& name : ListFixtures()) {
    const std::string data = ReadFile(FixtureDir() / name);
    std::vector<std::string> variants;
    for (size_t cut : {data.size() / 10, data.size() / 2, data.size() * 9 / 10}) {
      variants.push_back(data.substr(0, cut));
    }
    for (int v = 0; v < rounds && !data.empty(); ++v) {
      std::string s = data;
      for (int k = 0; k < 8; ++k) s[rng() % s.size()] = static_cast<char>(rng());
      variants.push_back(std::move(s));
    }
    for (size_t i = 0; i < variants.size(); ++i) {
      const fs::path p = dir / (std::to_string(i) + "_" + name);
      WriteFile(p, variants[i]);
      const Outcome o = SniffAndExtract(p);
      if (!o.status.ok()) {
        EXPECT_FALSE(o.status.message().empty()) << p;
      }
      EXPECT_FALSE(o.sink.invalid_utf8) << p;
    }
  }
}

TEST(Extract, EmptyFileIsTextWithoutText) {
  const Outcome o = SniffAndExtract(FixtureDir() / "text_empty.txt");
  EXPECT_EQ(o.type.type, "text");
  EXPECT_TRUE(o.status.ok());
  EXPECT_EQ(o.sink.append_calls, 0u);
}

TEST(Extract, LargeTextIsStreamedInBoundedBlocks) {
  TempDir dir;
  const fs::path path = dir / "large.txt";
  const std::string line =
      "Invoice 2023-117: USD 48500 for March — الفاتورة الشهرية 48500 دولار — "
      "חשבונית חודשית\n";
  uint64_t expected_hash = 14695981039346656037ull;
  uint64_t size = 0;
  {
    std::string chunk;
    while (chunk.size() < (1u << 20)) chunk += line;
    std::ofstream out(path, std::ios::binary);
    while (size < (50ull << 20)) {
      out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      for (unsigned char c : chunk) expected_hash = (expected_hash ^ c) * 1099511628211ull;
      size += chunk.size();
    }
  }
  auto type = Sniff(path.string());
  ASSERT_TRUE(type.ok());
  EXPECT_EQ(type->type, "text");
  RecordingSink sink;
  sink.keep_text = false;
  ASSERT_TRUE(Extract(path.string(), *type, &sink).ok());
  EXPECT_GE(sink.append_calls, 50u);
  EXPECT_LE(sink.max_block, size_t{1} << 20);
  EXPECT_EQ(sink.total_bytes, size);
  EXPECT_EQ(sink.hash, expected_hash);
  EXPECT_FALSE(sink.invalid_utf8);
}

// Multibyte characters and UTF-16 surrogate pairs split by the 256 KiB read
// blocks must come out whole.
TEST(Extract, CharactersSplitAcrossBlocks) {
  TempDir dir;
  struct Case {
    std::string name, unit, bytes_unit, bom;
  };
  // "💰ab\n" is 7 bytes in UTF-8 (262144 % 7 == 1: a block ends inside the
  // emoji); "💰abc\n" is 12 bytes in UTF-16 (after the BOM a block ends
  // between the two surrogates).
  const std::vector<Case> cases = {
      {"utf8.txt",
       "\xF0\x9F\x92\xB0"
       "ab\n",
       "\xF0\x9F\x92\xB0"
       "ab\n",
       ""},
      {"utf16le.txt",
       "\xF0\x9F\x92\xB0"
       "abc\n",
       std::string("\x3D\xD8\xB0\xDC"
                   "a\0b\0c\0\n\0",
                   12),
       "\xFF\xFE"},
      {"cp1256.txt", "\xD9\xBE\xD8\xB1\xD9\x88\xD9\x86\xD8\xAF\xD9\x87 \xDA\xAF\n",
       "\x81\xD1\xE6\xE4\xCF\xE5 \x90\n", ""},
  };
  for (const Case& c : cases) {
    std::string file = c.bom, expected;
    while (file.size() < 700 * 1024) {
      file += c.bytes_unit;
      expected += c.unit;
    }
    WriteFile(dir / c.name, file);
    TypeInfo text{"text", "text/plain"};
    RecordingSink sink;
    ASSERT_TRUE(Extract((dir / c.name).string(), text, &sink).ok()) << c.name;
    EXPECT_GE(sink.append_calls, 3u) << c.name;
    EXPECT_FALSE(sink.invalid_utf8) << c.name;
    EXPECT_TRUE(sink.text == expected) << c.name << ": output differs";
  }
}

TEST(Extract, XxeAndBillionLaughsAreNotExpanded) {
  TempDir dir;
  const std::string dtd =
      R"(<!DOCTYPE w:document [)"
      R"(<!ENTITY xxe SYSTEM "file:///etc/passwd">)"
      R"(<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">)"
      R"(<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">)"
      R"(<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">)"
      R"(<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">)"
      R"(<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">)"
      R"(<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">)"
      R"(<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">)"
      R"(<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">)"
      R"(<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">)"
      R"(]>)";
  std::string doc = DocxBody("before &xxe; &lol9; after");
  doc.insert(doc.find("?>") + 2, dtd);
  WriteZip(dir / "evil.docx",
           {{"[Content_Types].xml", kContentTypesDocx}, {"word/document.xml", doc}});
  const Outcome o = SniffAndExtract(dir / "evil.docx");
  EXPECT_EQ(o.type.type, "docx");
  EXPECT_FALSE(o.status.ok());
  EXPECT_EQ(o.sink.text.find("root:"), std::string::npos);
  EXPECT_EQ(o.sink.text.find("lol"), std::string::npos);
  EXPECT_LT(o.sink.total_bytes, 1000u);

  // The same through the XML reader on its own: whatever the DTD check, the
  // parser options never substitute entities.
  const std::string xml = "<a>x&amp;y</a>";
  internal::XmlReader rd(xml, "t");
  internal::XmlEvent ev;
  std::string text;
  while (rd.Next(&ev)) {
    if (ev.kind == internal::XmlEvent::kText) text.append(ev.text);
  }
  EXPECT_EQ(text, "x&y");
}

TEST(Extract, ZipBombIsRefused) {
  TempDir dir;
  const std::string big(40u << 20, 'a');
  WriteZip(dir / "bomb.docx",
           {{"[Content_Types].xml", kContentTypesDocx}, {"word/document.xml", DocxBody(big)}});
  ASSERT_LT(fs::file_size(dir / "bomb.docx"), 1u << 20);
  const Outcome o = SniffAndExtract(dir / "bomb.docx");
  EXPECT_EQ(o.type.type, "docx");
  EXPECT_EQ(o.status.code(), StatusCode::kResourceExhausted) << o.status.ToString();
  EXPECT_NE(o.status.message().find("compression ratio"), std::string::npos);
}

TEST(Extract, SinkCanStopExtraction) {
  for (const char* name : {"text_utf8.txt", "html_utf8.html", "report.pdf", "report.docx",
                           "report.odt", "invoices.xlsx", "eml_multipart.eml"}) {
    auto type = Sniff((FixtureDir() / name).string());
    ASSERT_TRUE(type.ok());
    RecordingSink sink;
    sink.fail_after = 0;
    const Status s = Extract((FixtureDir() / name).string(), *type, &sink);
    EXPECT_EQ(s.ToString(), "resource_exhausted: sink full") << name;
    EXPECT_EQ(sink.append_calls, 1u) << name;
  }
}

TEST(Extract, EmailAttachmentsAreChildren) {
  const Outcome o = SniffAndExtract(FixtureDir() / "eml_multipart.eml");
  ASSERT_TRUE(o.status.ok());
  ASSERT_EQ(o.sink.children.size(), 3u);
  EXPECT_EQ(o.sink.children[0].first, "hours.csv");
  EXPECT_EQ(o.sink.children[0].second, "month,hours\r\nJanuary,1010\r\nMarch,1240\r\n");
  EXPECT_EQ(o.sink.children[1].first, "فاتورة.txt.gz");
  EXPECT_EQ(o.sink.children[1].second.substr(0, 2), "\x1f\x8b");
  EXPECT_EQ(o.sink.children[2].first, "message.eml");
  EXPECT_EQ(o.sink.text.find("HTML-ALTERNATIVE-MUST-NOT-APPEAR"), std::string::npos);

  // The forwarded message is itself a valid email.
  TempDir dir;
  WriteFile(dir / "fwd.eml", o.sink.children[2].second);
  const Outcome fwd = SniffAndExtract(dir / "fwd.eml");
  EXPECT_EQ(fwd.type.type, "eml");
  EXPECT_EQ(fwd.sink.titles, std::vector<std::string>{"הערה פנימית"});
}

TEST(Extract, ConcurrentCallsGiveTheSameResults) {
  const std::vector<std::string> names = ListFixtures();
  std::vector<std::string> expected;
  for (const std::string& n : names) expected.push_back(Render(SniffAndExtract(FixtureDir() / n)));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < names.size(); ++i) {
        const size_t k = (i + t * 7) % names.size();
        if (Render(SniffAndExtract(FixtureDir() / names[k])) != expected[k]) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

TEST(Charset, DetectsCommonEncodings) {
  EXPECT_EQ(internal::DetectCharset("plain ascii", true).name, "UTF-8");
  EXPECT_EQ(internal::DetectCharset("\xEF\xBB\xBFhi", true).bom_length, 3u);
  EXPECT_EQ(internal::DetectCharset(std::string("h\0i\0 \0t\0h\0e\0r\0e\0", 16), true).name,
            "UTF-16LE");
  EXPECT_EQ(internal::SanitizeUtf8("a\xFF"
                                   "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(internal::Utf8SafePrefix("ab\xD8"), 2u);
  EXPECT_EQ(internal::Utf8SafePrefix("ab\xD8\xB9"), 4u);
  EXPECT_EQ(internal::ToUtf8("\xE3\xD1\xCD\xC8\xC7", "windows-1256"), "مرحبا");
  EXPECT_EQ(internal::ToUtf8("\xF9\xEC\xE5\xED", "iso-8859-8-i"), "שלום");
  EXPECT_EQ(internal::ToUtf8("caf\xC3\xA9", "us-ascii"), "café");  // Mislabelled UTF-8.
}

}  // namespace
}  // namespace tahqiq::extract
