#include "tables/table_db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace tahqiq::tables {
namespace {

using extract::Cell;
using extract::Row;

class TableDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tahqiq-tables-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    auto db = TableDb::Open(dir_ + "/tables.db", true);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }

  static RowSource FromText(const std::vector<std::vector<std::string>>& rows) {
    auto i = std::make_shared<size_t>(0);
    return [rows, i](uint64_t* n, Row* cells) -> Result<bool> {
      if (*i >= rows.size()) return false;
      cells->clear();
      for (const auto& v : rows[*i]) {
        Cell c;
        if (!v.empty()) c = Cell{Cell::kText, v, ""};
        cells->push_back(c);
      }
      *n = ++*i;
      return true;
    };
  }

  // One month of daily usage: `per_day` each day for `service`.
  static std::vector<std::vector<std::string>> Month(const std::string& ym, int days,
                                                     const std::string& service, double per_day) {
    std::vector<std::vector<std::string>> rows = {{"UsageDate", "ServiceName", "Quantity"}};
    for (int d = 1; d <= days; ++d) {
      char date[16];
      std::snprintf(date, sizeof date, "%s-%02d", ym.c_str(), d);
      char q[32];
      std::snprintf(q, sizeof q, "%.2f", per_day);
      rows.push_back({date, service, q});
      rows.push_back({date, "Other", "1000.00"});  // Filtered out by the tests.
    }
    return rows;
  }

  Source Src(const std::string& sha, const std::string& path) {
    Source s;
    s.sha256 = sha;
    s.path = path;
    return s;
  }

  std::string dir_;
  std::unique_ptr<TableDb> db_;
};

TEST_F(TableDbTest, MonthlyExportsBecomeOneTable) {
  auto a = db_->Load(Src("a", "/leak/usage-2023-09.csv"), "usage-2023-09.csv",
                     FromText(Month("2023-09", 30, "Storage", 10)));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->table, "usage");
  EXPECT_TRUE(a->new_table);
  EXPECT_EQ(a->rows, 60u);
  auto b = db_->Load(Src("b", "/leak/usage-2023-10.csv"), "usage-2023-10.csv",
                     FromText(Month("2023-10", 31, "Storage", 16)));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->table, "usage");
  EXPECT_FALSE(b->new_table);
  auto list = db_->List();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].rows, 122u);
  EXPECT_EQ((*list)[0].sources.size(), 2u);
  EXPECT_EQ((*list)[0].columns[0].type, ColumnType::kDate);
  EXPECT_EQ((*list)[0].columns[2].type, ColumnType::kDecimal);

  // Loading the same content again replaces it: no duplicate rows.
  ASSERT_TRUE(db_->Load(Src("b", "/elsewhere/copy.csv"), "copy.csv",
                        FromText(Month("2023-10", 31, "Storage", 16)))
                  .ok());
  auto info = db_->Describe("usage");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->rows, 122u);

  QuerySpec q;
  q.table = "usage";
  q.where = "servicename = 'Storage'";
  q.time_column = "usagedate";
  q.bucket = "month";
  q.aggregates = {"sum(quantity) AS total", "count(*) AS n"};
  auto r = db_->Query(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 2u);
  EXPECT_EQ(r->columns[0], "month");
  EXPECT_EQ(r->rows[0][0].text, "2023-09");
  EXPECT_DOUBLE_EQ(r->rows[0][1].real, 300);
  EXPECT_EQ(r->rows[1][0].text, "2023-10");
  EXPECT_DOUBLE_EQ(r->rows[1][1].real, 496);
  EXPECT_EQ(r->rows[1][2].integer, 31);

  // Plain rows page by offset in the query's order.
  QuerySpec page;
  page.table = "usage";
  page.select = {"_row"};
  page.order_by = "_src, _row";
  page.limit = 5;
  page.offset = 58;
  auto p = db_->Query(page);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->rows.size(), 5u);
  page.limit = 0;
  page.offset = 0;
  auto all = db_->Query(page);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->rows.size(), 122u);
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(p->rows[i][0].integer, all->rows[58 + i][0].integer);
  page.offset = 120;
  EXPECT_EQ(db_->Query(page)->rows.size(), 2u);  // No limit: the rest.
}

TEST_F(TableDbTest, CompareReproducesAStatement) {
  // Four months before at 100 a day, six months after at 160 a day:
  // "average monthly consumption 60% higher" in monthly sums it is not
  // exactly 60% (months differ in length), and the tool must say so.
  int n = 0;
  for (auto [ym, days, per_day] :
       std::vector<std::tuple<std::string, int, double>>{{"2023-06", 30, 100},
                                                         {"2023-07", 31, 100},
                                                         {"2023-08", 31, 100},
                                                         {"2023-09", 30, 100},
                                                         {"2023-10", 31, 160},
                                                         {"2023-11", 30, 160},
                                                         {"2023-12", 31, 160},
                                                         {"2024-01", 31, 160},
                                                         {"2024-02", 29, 160},
                                                         {"2024-03", 31, 160}}) {
    ASSERT_TRUE(db_->Load(Src("s" + std::to_string(n++), ym + ".csv"), "usage-" + ym + ".csv",
                          FromText(Month(ym, days, "Storage", per_day)))
                    .ok());
  }
  CompareSpec c;
  c.table = "usage";
  c.metric = "quantity";
  c.time_column = "usagedate";
  c.where = "servicename = 'Storage'";
  c.a = *ParsePeriod("2023-06..2023-09");
  c.b = *ParsePeriod("2023-10..2024-03");
  auto r = db_->Compare(c);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->a.buckets.size(), 4u);
  EXPECT_EQ(r->b.buckets.size(), 6u);
  EXPECT_DOUBLE_EQ(r->a.value, (30 + 31 + 31 + 30) * 100 / 4.0);
  EXPECT_DOUBLE_EQ(r->b.value, (31 + 30 + 31 + 31 + 29 + 31) * 160 / 6.0);
  EXPECT_NEAR(r->ratio, r->b.value / r->a.value, 1e-12);
  EXPECT_NEAR(r->percent_change, (r->ratio - 1) * 100, 1e-9);
  EXPECT_EQ(r->a.rows, 122u);

  // A single month against another: "March was N times September".
  c.a = *ParsePeriod("2023-09");
  c.b = *ParsePeriod("2024-03");
  r = db_->Compare(c);
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->ratio, 31 * 160.0 / (30 * 100.0));

  // The evidence: every row behind both figures, with its file and row.
  const std::string ev = dir_ + "/evidence.csv";
  auto written = db_->WriteCompareEvidence(c, ev);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(*written, 61u);
  std::ifstream in(ev);
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  EXPECT_EQ(header, "file,member,sheet,row,period,bucket,usagedate,servicename,quantity\r");
  EXPECT_EQ(first, "2023-09.csv,,,2,a,2023-09,2023-09-01,Storage,100\r");
}

TEST_F(TableDbTest, EmptyBucketsCountAsZero) {
  ASSERT_TRUE(db_->Load(Src("x", "x.csv"), "x.csv", FromText(Month("2023-01", 31, "S", 1))).ok());
  CompareSpec c;
  c.table = "usage";
  c.table = "x";
  c.metric = "quantity";
  c.time_column = "usagedate";
  c.where = "servicename = 'S'";
  c.a = *ParsePeriod("2023-01..2023-02");
  c.b = *ParsePeriod("2023-01");
  auto r = db_->Compare(c);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->a.empty_buckets, 1u);
  EXPECT_DOUBLE_EQ(r->a.value, 31 / 2.0);
}

TEST_F(TableDbTest, QueriesCannotWriteOrEscape) {
  ASSERT_TRUE(db_->Load(Src("x", "x.csv"), "x.csv", FromText(Month("2023-01", 3, "S", 1))).ok());
  QuerySpec q;
  q.table = "x";
  for (const char* where : {"1); DROP TABLE x; --", "load_extension('/tmp/evil.so')",
                            "(SELECT writefile('/tmp/x', 'a'))",
                            "1) UNION SELECT sqlite_version() --", "fts3_tokenizer('simple')"}) {
    q.where = where;
    auto r = db_->Query(q);
    EXPECT_FALSE(r.ok()) << where;
  }
  q.where = "";
  q.select = {"(SELECT count(*) FROM pragma_table_info('x'))"};
  EXPECT_FALSE(db_->Query(q).ok());
  q.select = {};
  // Reads are fine, including of other tables of the case.
  q.where = "quantity > (SELECT min(quantity) FROM x)";
  auto ok = db_->Query(q);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->rows.size(), 3u);
  // Still there.
  EXPECT_TRUE(db_->Describe("x").ok());
}

TEST_F(TableDbTest, RunawayQueryIsCutOff) {
  ASSERT_TRUE(db_->Load(Src("x", "x.csv"), "x.csv", FromText(Month("2023-01", 3, "S", 1))).ok());
  QuerySpec q;
  q.table = "x";
  q.where =
      "(WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c) SELECT max(i) FROM c) > 0";
  q.timeout_ms = 300;
  auto r = db_->Query(q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCancelled);
}

TEST_F(TableDbTest, RemoveContent) {
  ASSERT_TRUE(db_->Load(Src("x", "x.csv"), "x.csv", FromText(Month("2023-01", 3, "S", 1))).ok());
  ASSERT_TRUE(db_->RemoveContent("x").ok());
  auto list = db_->List();
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list->empty());
}

// Two new tables wanting one name are named by their content once settled,
// whichever loaded first; a table settled before keeps its name.
TEST_F(TableDbTest, NewTablesOfOneNameAreNamedByContentNotLoadOrder) {
  const std::vector<std::vector<std::string>> a = {{"invoice", "amount"}, {"A-1", "100"}};
  const std::vector<std::vector<std::string>> b = {
      {"account", "balance", "currency"}, {"B-1", "7", "USD"}, {"B-2", "9", "EUR"}};
  auto first_column = [](TableDb& db, const std::string& table) -> std::string {
    auto t = db.Describe(table);
    return t.ok() && !t->columns.empty() ? t->columns[0].name : "";
  };
  auto other = TableDb::Open(dir_ + "/other.db", true);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  ASSERT_TRUE(db_->Load(Src("aaa", "/x/test.csv"), "test.csv", FromText(a)).ok());
  ASSERT_TRUE(db_->Load(Src("bbb", "/y/test.csv"), "test.csv", FromText(b)).ok());
  ASSERT_TRUE((*other)->Load(Src("bbb", "/y/test.csv"), "test.csv", FromText(b)).ok());
  ASSERT_TRUE((*other)->Load(Src("aaa", "/x/test.csv"), "test.csv", FromText(a)).ok());
  EXPECT_EQ(first_column(**other, "test"), "account");  // Loaded first.
  for (TableDb* db : {db_.get(), other->get()}) {
    ASSERT_TRUE(db->SettleNames().ok());
    EXPECT_EQ(first_column(*db, "test"), "invoice");  // The smaller content hash.
    EXPECT_EQ(first_column(*db, "test_2"), "account");
    QuerySpec q;
    q.table = "test_2";
    q.where = "currency = 'EUR'";
    auto rows = db->Query(q);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(rows->rows.size(), 1u);
  }
  // Settled names stay: a later table whose content sorts first is test_3.
  ASSERT_TRUE(
      db_->Load(Src("000", "/z/test.csv"), "test.csv", FromText({{"item", "qty"}, {"C-1", "3"}}))
          .ok());
  ASSERT_TRUE(db_->SettleNames().ok());
  EXPECT_EQ(first_column(*db_, "test"), "invoice");
  EXPECT_EQ(first_column(*db_, "test_3"), "item");
}

TEST(ParsePeriod, Forms) {
  auto p = ParsePeriod("2023-10..2024-03");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->start, "2023-10-01");
  EXPECT_EQ(p->end, "2024-04-01");
  p = ParsePeriod("2023-12");
  EXPECT_EQ(p->end, "2024-01-01");
  p = ParsePeriod("2024-02-28..2024-02-29");
  EXPECT_EQ(p->end, "2024-03-01");
  p = ParsePeriod("2023");
  EXPECT_EQ(p->start, "2023-01-01");
  EXPECT_EQ(p->end, "2024-01-01");
  EXPECT_FALSE(ParsePeriod("2024-03..2023-10").ok());
  EXPECT_FALSE(ParsePeriod("March").ok());
  EXPECT_FALSE(ParsePeriod("2023-13").ok());
}

TEST(TableNameFor, Names) {
  EXPECT_EQ(TableNameFor("Billing-2024-03.csv", ""), "billing");
  EXPECT_EQ(TableNameFor("/x/y/usage_oct.csv", ""), "usage");
  EXPECT_EQ(TableNameFor("report.xlsx", "Sheet1"), "report");
  EXPECT_EQ(TableNameFor("report.xlsx", "Costs 2023"), "report_costs_2023");
  EXPECT_EQ(TableNameFor("2024.csv", ""), "table");
  EXPECT_EQ(TableNameFor("typed-billing.ods", "typed-billing"), "typed_billing");
  EXPECT_EQ(TableNameFor("invoices-q1.xlsx", "Hours"), "invoices_hours");
  EXPECT_EQ(TableNameFor("billing_oct_2023.csv", ""), "billing");
  EXPECT_EQ(TableNameFor("report2023.csv", ""), "report");
  EXPECT_EQ(TableNameFor("csv-cp1256-semicolon.csv", ""), "csv_cp1256_semicolon");
}

TEST(AppendCsvField, QuotesAndDefusesFormulas) {
  auto field = [](const std::string& s) {
    Value v;
    v.kind = Value::kText;
    v.text = s;
    std::string out;
    AppendCsvField(v, &out);
    return out;
  };
  EXPECT_EQ(field("a,b"), "\"a,b\"");
  EXPECT_EQ(field("say \"x\""), "\"say \"\"x\"\"\"");
  EXPECT_EQ(field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(field("-12.5"), "-12.5");
  EXPECT_EQ(field("@SUM(A1)"), "'@SUM(A1)");
}

}  // namespace
}  // namespace tahqiq::tables
