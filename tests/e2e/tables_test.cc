// End-to-end tests of `tahqiq table`: billing exports in the public layouts
// of the big cloud providers are ingested as typed tables, and the figures a
// story states are reproduced from their rows and traced back to them. The
// expected figures were computed by the generator of the fixtures
// (tests/fixtures/tables/generate.py), not by tahqiq.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "e2e/util.h"

namespace tahqiq::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class TablesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = MakeTempDir();
    case_ = root_ + "/case";
    const std::string billing = SourceDir() + "/tests/fixtures/tables/billing";
    fs::create_directories(root_ + "/leak");
    for (const auto& e : fs::directory_iterator(billing)) {
      if (e.path().extension() == ".csv") {
        fs::copy_file(e.path(), root_ + "/leak/" + e.path().filename().string());
      }
    }
    expected_ = json::parse(ReadAll(billing + "/expected.json"));
    RunResult r = Tahqiq({"ingest", "--case", case_, "-q", root_ + "/leak"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  json Json(const std::vector<std::string>& args, int expect = 0) {
    RunResult r = Tahqiq(args);
    EXPECT_EQ(r.exit_code, expect) << r.err;
    if (r.exit_code != 0) return json();
    return json::parse(r.out);
  }

  std::string root_, case_;
  json expected_;
};

TEST_F(TablesTest, ExportsBecomeTypedTables) {
  RunResult r = Tahqiq({"table", "list", "--case", case_, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, json> tables;
  for (const auto& line : Lines(r.out)) {
    json t = json::parse(line);
    tables[t["table"]] = t;
  }
  ASSERT_EQ(tables.size(), 3u) << r.out;
  EXPECT_EQ(tables["azure_cost"]["files"], 10);  // Ten monthly exports, one table.
  EXPECT_EQ(tables["gcp_billing"]["rows"], expected_["gcp_rows"]);

  json schema = Json({"table", "schema", "--case", case_, "azure_cost", "--json"});
  std::map<std::string, std::string> types;
  for (const auto& c : schema["columns"]) types[c["name"]] = c["type"];
  EXPECT_EQ(types["date"], "date");
  EXPECT_EQ(types["quantity"], "decimal");
  EXPECT_EQ(types["subscriptionid"], "text");
  json aws = Json({"table", "schema", "--case", case_, "aws_cur", "--json"});
  for (const auto& c : aws["columns"]) types[c["name"]] = c["type"];
  EXPECT_EQ(types["lineitem_usagestartdate"], "datetime");
  EXPECT_EQ(types["lineitem_usageaccountid"], "text");  // Leading zero: an identifier.
  EXPECT_EQ(types["lineitem_unblendedcost"], "decimal");

  // Semicolons, decimal commas, spaces between thousands, Windows-1252.
  json gcp = Json(
      {"table", "query", "--case", case_, "gcp_billing", "--agg", "sum(cost) AS total", "--json"});
  EXPECT_NEAR(gcp["rows"][0]["total"].get<double>(), expected_["gcp_cost_total"].get<double>(),
              1e-6);
}

TEST_F(TablesTest, MonthlyGroupingMatchesTheRows) {
  json r =
      Json({"table", "query", "--case", case_, "azure_cost", "--time", "date", "--bucket", "month",
            "--where", "metercategory = 'Storage'", "--agg", "sum(quantity) AS total", "--json"});
  const json& want = expected_["azure_storage_monthly"];
  ASSERT_EQ(r["rows"].size(), want.size());
  for (const auto& row : r["rows"]) {
    EXPECT_NEAR(row["total"].get<double>(), want[row["month"].get<std::string>()].get<double>(),
                1e-6)
        << row;
  }
}

TEST_F(TablesTest, CompareReproducesTheStatementsAndTracesThem) {
  // "Average monthly storage consumption in the six months after was N%
  // higher than in the four months before."
  const std::string evidence = root_ + "/storage-evidence.csv";
  json c = Json({"table", "compare", "--case", case_, "--table", "azure_cost", "--metric",
                 "quantity", "--time", "date", "--where", "metercategory = 'Storage'", "--a",
                 "2023-06..2023-09", "--b", "2023-10..2024-03", "--evidence", evidence, "--json"});
  const json& m = expected_["azure_storage_monthly"];
  double a = 0, b = 0;
  for (const char* k : {"2023-06", "2023-07", "2023-08", "2023-09"}) a += m[k].get<double>();
  for (const char* k : {"2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03"}) {
    b += m[k].get<double>();
  }
  a /= 4;
  b /= 6;
  EXPECT_NEAR(c["a"]["value"].get<double>(), a, 1e-6);
  EXPECT_NEAR(c["b"]["value"].get<double>(), b, 1e-6);
  EXPECT_NEAR(c["percent_change"].get<double>(), (b - a) / a * 100, 1e-9);
  EXPECT_EQ(c["a"]["buckets"].size(), 4u);
  EXPECT_EQ(c["b"]["empty_buckets"], 0);

  // Every evidence row names a file and a row whose record holds that value.
  const auto lines = Lines(ReadAll(evidence));
  ASSERT_EQ(lines.size(), 1u + c["a"]["rows"].get<size_t>() + c["b"]["rows"].get<size_t>());
  for (size_t i : {size_t{1}, lines.size() / 2, lines.size() - 1}) {
    std::string line = lines[i];
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    ASSERT_GE(f.size(), 13u) << line;
    const auto source = Lines(ReadAll(f[0]));
    const size_t row = std::stoul(f[3]);
    ASSERT_LE(row, source.size());
    // The evidence shows the date as ISO; the export wrote MM/DD/YYYY.
    const std::string iso = f[12];
    const std::string us = iso.substr(5, 2) + "/" + iso.substr(8, 2) + "/" + iso.substr(0, 4);
    EXPECT_NE(source[row - 1].find(us), std::string::npos) << f[0] << ":" << row;
    EXPECT_NE(source[row - 1].find(",Storage,"), std::string::npos);
  }

  // "By the end of March, monthly consumption of the ML tools was N times
  // that of September."
  json ml = Json({"table", "compare", "--case", case_, "--table", "aws_cur", "--metric",
                  "lineitem_usageamount", "--time", "lineitem_usagestartdate", "--where",
                  "lineitem_productcode = 'AmazonSageMaker'", "--a", "2023-09", "--b", "2024-03",
                  "--json"});
  const json& aws = expected_["aws_ml_monthly"];
  EXPECT_NEAR(ml["ratio"].get<double>(),
              aws["2024-03"].get<double>() / aws["2023-09"].get<double>(), 1e-9);
}

TEST_F(TablesTest, ReingestAddsNoRows) {
  json before = Json({"table", "schema", "--case", case_, "azure_cost", "--json"});
  RunResult r = Tahqiq({"ingest", "--case", case_, "-q", root_ + "/leak"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Tahqiq({"reextract", "--case", case_, "--type", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json after = Json({"table", "schema", "--case", case_, "azure_cost", "--json"});
  EXPECT_EQ(before["rows"], after["rows"]);
  EXPECT_EQ(after["files"].size(), 10u);
}

TEST_F(TablesTest, QueriesAreReadOnlyAndBounded) {
  for (const char* where : {"1); DELETE FROM azure_cost; --",
                            "1) UNION SELECT 1; ATTACH '/tmp/x' AS y --", "load_extension('x')"}) {
    RunResult r = Tahqiq({"table", "query", "--case", case_, "azure_cost", "--where", where});
    EXPECT_EQ(r.exit_code, 2) << where << " " << r.out;
    EXPECT_NE(r.err.find("tahqiq: "), std::string::npos);
  }
  RunResult slow = Tahqiq(
      {"table", "query", "--case", case_, "azure_cost", "--timeout", "0.5", "--where",
       "(WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c) SELECT max(i) FROM c) > 0"});
  EXPECT_NE(slow.exit_code, 0);
  EXPECT_NE(slow.err.find("stopped after"), std::string::npos) << slow.err;
  json after = Json({"table", "schema", "--case", case_, "azure_cost", "--json"});
  EXPECT_GT(after["rows"].get<int>(), 0);
  RunResult missing = Tahqiq({"table", "query", "--case", case_, "nosuch"});
  EXPECT_EQ(missing.exit_code, 3);
}

// Odd real-world shapes: a title line above the header, quoted newlines,
// stray quotes, ragged rows, Windows-1256 with semicolons and decimal commas
// and day-first dates, UTF-16 TSV, a Debian CSV that leaves out trailing empty
// fields, and spreadsheets with serial dates, currency formats and merged
// cells.
TEST(TablesShapesTest, OddFilesBecomeTheRightTables) {
  const std::string root = MakeTempDir();
  const std::string fixtures = SourceDir() + "/tests/fixtures/extract/";
  fs::create_directories(root + "/in");
  for (const char* f : {"csv-quoted-newlines.csv", "csv-cp1256-semicolon.csv",
                        "tsv-utf16le-bom.tsv", "distro-info-debian.csv", "typed-billing.xlsx",
                        "typed-billing.ods", "tealeg-merged_cells.xlsx"}) {
    fs::copy_file(fixtures + f, root + "/in/" + f);
  }
  RunResult r = Tahqiq({"ingest", "--case", root + "/case", "-q", root + "/in"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto query = [&](const std::string& table, std::vector<std::string> extra) {
    std::vector<std::string> args = {"table", "query", "--case", root + "/case", table, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult q = Tahqiq(args);
    EXPECT_EQ(q.exit_code, 0) << table << ": " << q.err;
    return q.exit_code == 0 ? json::parse(q.out) : json();
  };
  json q = query("csv_quoted_newlines", {"--where", "invoice = '2023-117'"});
  ASSERT_EQ(q["rows"].size(), 1u);
  EXPECT_EQ(q["rows"][0]["description"], "Engineering support,\nphase 2 (\"urgent\")");
  EXPECT_EQ(q["rows"][0]["amount"], 48500);
  q = query("csv_quoted_newlines", {"--where", "col5 IS NOT NULL", "--select", "col5", "col6"});
  ASSERT_EQ(q["rows"].size(), 1u);
  EXPECT_EQ(q["rows"][0]["col6"], "more");

  q = query("csv_cp1256_semicolon",
            {"--agg", "sum(المبلغ) AS total", "--agg", "max(التاريخ) AS last"});
  EXPECT_DOUBLE_EQ(q["rows"][0]["total"].get<double>(), 1234.5 + 12000 + 500.25);
  EXPECT_EQ(q["rows"][0]["last"], "2023-10-31");

  q = query("tsv_utf16le_bom", {"--agg", "sum(שעות) AS h"});
  EXPECT_EQ(q["rows"][0]["h"], 19064);

  q = query("distro_info_debian", {"--where", "codename = 'Bookworm'"});
  ASSERT_EQ(q["rows"].size(), 1u);
  EXPECT_EQ(q["rows"][0]["release"], "2023-06-10");

  // The same sheet saved as XLSX and as ODS: one table (same columns), the
  // two files' rows identical.
  q = query("typed_billing",
            {"--group-by", "_src", "--agg", "count(*) AS n", "--agg", "sum(التكلفة) AS cost",
             "--agg", "min(التاريخ) AS first", "--agg", "sum(النسبة) AS pct"});
  ASSERT_EQ(q["rows"].size(), 2u);
  for (const auto& row : q["rows"]) {
    EXPECT_EQ(row["n"], 3);
    EXPECT_DOUBLE_EQ(row["cost"].get<double>(), 1246.6);
    EXPECT_EQ(row["first"], "2023-10-01");
    EXPECT_DOUBLE_EQ(row["pct"].get<double>(), 23.5);
  }

  q = query("tealeg_merged_cells", {"--where", "product = 'Happy New Year!'"});
  ASSERT_EQ(q["rows"].size(), 1u);
  EXPECT_EQ(q["rows"][0]["quantity"], "Happy New Year!");  // The merged cell, filled.
}

// Two files of one name and different columns are two tables, test and
// test_2. Which is which followed the order the workers loaded them in; now
// their content decides, so cases given the same files, with any number of
// workers and in any order, name them alike. A later run's new table of that
// name takes the next number and the first two keep theirs.
TEST(TablesNamesTest, SameFileNameGivesTheSameTableNamesInEveryCase) {
  const std::string root = MakeTempDir();
  WriteFile(root + "/a/test.csv", "invoice,amount\nA-1,100\nA-2,250\n");
  WriteFile(root + "/b/test.csv", "account,balance,currency\nB-1,7,USD\nB-2,9,EUR\n");
  WriteFile(root + "/c/test.csv", "item,qty,unit\nC-1,3,kg\nC-2,4,kg\nC-3,5,kg\n");
  // The first column of each table, by table name.
  auto names = [&](const std::string& case_dir) {
    std::map<std::string, std::string> out;
    RunResult r = Tahqiq({"table", "list", "--case", case_dir, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const auto& line : Lines(r.out)) {
      const std::string table = json::parse(line)["table"];
      RunResult s = Tahqiq({"table", "schema", "--case", case_dir, table, "--json"});
      EXPECT_EQ(s.exit_code, 0) << s.err;
      out[table] = json::parse(s.out)["columns"][0]["name"];
    }
    return out;
  };
  std::vector<std::map<std::string, std::string>> seen;
  for (const auto& [workers, first, second] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"1", "a", "b"}, {"1", "b", "a"}, {"4", "a", "b"}, {"4", "b", "a"}}) {
    const std::string case_dir = root + "/case-" + workers + first;
    RunResult r = Tahqiq({"ingest", "-q", "--workers", workers, "--case", case_dir,
                          root + "/" + first, root + "/" + second});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    seen.push_back(names(case_dir));
    SCOPED_TRACE(case_dir);
    ASSERT_EQ(seen.back().size(), 2u);
    EXPECT_EQ(seen.back(), seen.front());
  }
  EXPECT_EQ(seen.front().count("test"), 1u);
  EXPECT_EQ(seen.front().count("test_2"), 1u);
  // A later run adds a third: it takes test_3, the others keep their names.
  const std::string later = root + "/case-1b";
  RunResult r = Tahqiq({"ingest", "-q", "--case", later, root + "/c"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> expect = seen.front();
  expect["test_3"] = "item";
  EXPECT_EQ(names(later), expect);
}

}  // namespace
}  // namespace tahqiq::e2e
