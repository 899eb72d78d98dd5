// TableDb: the typed tables of a case (`<case>/tables.db`, SQLite).
//
// Every sheet of a spreadsheet and every CSV/TSV file is loaded as typed rows
// (see infer.h), each row keeping its source file, sheet and row number.
// Sheets whose columns have the same names (monthly exports of one report)
// are loaded into the same table, so they are queried together as one.
// Loading a source again (same content hash and sheet) replaces its rows:
// loads are idempotent, which is what makes a killed ingest safe to rerun.
//
// Queries take SQL expressions from the user (filters, groupings,
// aggregates) and run them on a separate read-only connection under an
// authorizer that allows reading and a list of pure functions only (no
// ATTACH, PRAGMA, writes or extension loading), with a deadline and a memory
// limit. So no query can change the case or reach outside it, and a runaway
// one is cut off with a clear error.
//
// Thread safety: one TableDb per thread. Several processes may open the same
// file; a load holds the write lock for its duration.
#ifndef TAHQIQ_TABLES_TABLE_DB_H_
#define TAHQIQ_TABLES_TABLE_DB_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "extract/extractor.h"
#include "tables/infer.h"

namespace tahqiq::tables {

// Where a sheet came from.
struct Source {
  std::string sha256;  // Content hash of the file it is in.
  std::string path;    // Path as ingested (raw bytes).
  std::string member;  // Name inside a container (zip, e-mail), "" for files on disk.
  std::string sheet;   // Sheet name, "" for CSV.
  uint32_t sheet_index = 0;
};

// Produces the rows of one source in order; false at the end.
using RowSource = std::function<Result<bool>(uint64_t* row_number, extract::Row* cells)>;

struct LoadStats {
  std::string table;
  uint64_t rows = 0;
  uint64_t fallbacks = 0;  // Cells kept as text because they did not fit their column.
  bool new_table = false;
};

struct ColumnInfo {
  std::string name, label;
  ColumnType type = ColumnType::kText;
  std::string currency;
};

struct SourceInfo {
  int64_t id = 0;
  Source source;
  uint64_t header_row = 0, rows = 0, fallbacks = 0;
};

struct TableInfo {
  int64_t id = 0;  // Stable for the table's life; never reused while it exists.
  std::string name;
  uint64_t rows = 0;
  std::vector<ColumnInfo> columns;
  std::vector<SourceInfo> sources;
};

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

// One query. Strings are SQL expressions over the table's column names,
// checked by the authorizer.
struct QuerySpec {
  std::string table;
  std::vector<std::string> select;      // Plain rows: these columns (default: all).
  std::string where;                    // Filter.
  std::vector<std::string> group_by;    // Group columns or expressions.
  std::string time_column;              // With `bucket`: group by this date column's ...
  std::string bucket;                   // ... "day", "week", "month", "quarter" or "year".
  std::vector<std::string> aggregates;  // e.g. "sum(cost)"; default count(*) when grouping.
  std::string order_by;                 // Default: the groups, in order.
  uint64_t limit = 0;                   // 0: all rows.
  uint64_t offset = 0;                  // Rows skipped first (paging).
  int timeout_ms = 30000;
};

// A period, inclusive at the granularity written: "2023-10..2024-03",
// "2023-09", "2023-10-07..2024-03-31", "2023".
struct Period {
  std::string text;
  std::string start, end;  // [start, end) as ISO dates.
};
Result<Period> ParsePeriod(const std::string& text);

struct CompareSpec {
  std::string table, metric, time_column, where;
  std::string bucket = "month";
  std::string bucket_agg = "sum";  // Per bucket: sum, avg, count, min or max of the metric.
  std::string agg = "avg";         // Over the buckets of a period: avg or sum.
  Period a, b;
  int timeout_ms = 30000;
};

struct CompareResult {
  struct Bucket {
    std::string label;
    double value = 0;
    uint64_t rows = 0;
  };
  struct Side {
    Period period;
    std::vector<Bucket> buckets;  // Every bucket of the period; empty ones have 0 rows.
    double value = 0;
    uint64_t rows = 0;
    uint64_t empty_buckets = 0;
  };
  Side a, b;
  double ratio = 0;           // b / a (NaN when a is 0).
  double percent_change = 0;  // (b - a) / a * 100.
};

class TableDb {
 public:
  // Opens (creating it if `writable`) the tables database at `path`.
  // kNotFound if it does not exist and !writable.
  static Result<std::unique_ptr<TableDb>> Open(const std::string& path, bool writable);
  ~TableDb();
  TableDb(const TableDb&) = delete;
  TableDb& operator=(const TableDb&) = delete;

  // Loads one source (replacing an earlier load of the same sha256+sheet).
  // `file_name` names a new table ("billing-2024-03.csv" -> "billing").
  Result<LoadStats> Load(const Source& source, const std::string& file_name, const RowSource& rows);
  // Removes every table row that came from content `sha256`.
  Status RemoveContent(const std::string& sha256);
  // Gives the tables made since the last call their lasting names. A new
  // table is named at once after its file, with _2, _3... when the name is
  // taken, but loads run in whatever order the workers finish; so the new
  // tables that wanted one name take that name and its free numbered ones
  // in the order of their smallest source content hash (then sheet), and
  // two cases given the same files end with the same names. Tables named
  // before (earlier runs, older cases) keep theirs. Called at the end of an
  // ingest; until then a new table's name may still change.
  Status SettleNames();

  Result<std::vector<TableInfo>> List();
  Result<TableInfo> Describe(const std::string& table);

  Result<ResultSet> Query(const QuerySpec& spec);
  Result<CompareResult> Compare(const CompareSpec& spec);

  // Writes the rows behind a query (its filter) or a comparison (its filter
  // and both periods) as CSV with their provenance: file, member, sheet,
  // row, then every column. Returns the number of rows written.
  Result<uint64_t> WriteQueryEvidence(const QuerySpec& spec, const std::string& csv_path);
  Result<uint64_t> WriteCompareEvidence(const CompareSpec& spec, const std::string& csv_path);

 private:
  struct Impl;
  explicit TableDb(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A table name from a file name: lower case, without extension, dates and
// trailing numbers ("Billing-2024-03.csv" -> "billing"), plus the sheet name
// unless it is a default one ("Sheet1").
std::string TableNameFor(const std::string& file_name, const std::string& sheet);

// Writes one CSV field (RFC 4180 quoting). Text that a spreadsheet program
// would run as a formula (=, +, -, @ not followed by a number) gets a
// leading apostrophe: leaked cells must not execute on a reporter's machine.
void AppendCsvField(const Value& v, std::string* out);

}  // namespace tahqiq::tables

#endif  // TAHQIQ_TABLES_TABLE_DB_H_
