// `tahqiq table ...`: list, describe, query and compare the typed tables of
// a case (see tables/table_db.h).
#include "app/table_cmd.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli_util.h"
#include "base/file_util.h"
#include "ingest/case.h"
#include "tables/table_db.h"

namespace tahqiq::app {
namespace {

using nlohmann::json;
using tables::Value;

struct TableArgs {
  std::string case_dir, table, evidence, csv_out;
  bool as_json = false, as_csv = false;
  tables::QuerySpec query;
  double timeout_s = 30;
  std::string metric, time, where, bucket = "month", bucket_agg = "sum", agg = "avg", a, b;
};

json ToJson(const Value& v) {
  switch (v.kind) {
    case Value::kInteger:
      return v.integer;
    case Value::kReal:
      return std::isfinite(v.real) ? json(v.real) : json(nullptr);
    case Value::kText:
      return v.text;
    case Value::kNull:
      break;
  }
  return nullptr;
}

std::string ToText(const Value& v) {
  switch (v.kind) {
    case Value::kInteger:
      return std::to_string(v.integer);
    case Value::kReal: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.10g", v.real);
      return buf;
    }
    case Value::kText:
      return EscapeForDisplay(v.text);
    case Value::kNull:
      break;
  }
  return "";
}

// Terminal columns a UTF-8 string takes (one per code point: good enough
// for Latin, Arabic and Hebrew text).
size_t Columns(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Cut(const std::string& s, size_t width) {
  if (Columns(s) <= width) return s;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80 && ++n > width - 1) break;
    out += s[i];
  }
  return out + "…";
}

void PrintGrid(const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows) {
  constexpr size_t kMaxWidth = 40;
  std::vector<size_t> w(header.size());
  for (size_t c = 0; c < header.size(); ++c) w[c] = std::min(kMaxWidth, Columns(header[c]));
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size() && c < w.size(); ++c) {
      w[c] = std::max(w[c], std::min(kMaxWidth, Columns(r[c])));
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t c = 0; c < w.size(); ++c) {
      const std::string cell = Cut(c < cells.size() ? cells[c] : "", w[c]);
      out += cell + std::string(w[c] - std::min(w[c], Columns(cell)), ' ');
      if (c + 1 < w.size()) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    std::printf("%s\n", out.c_str());
  };
  line(header);
  std::vector<std::string> rule;
  for (size_t c = 0; c < w.size(); ++c) rule.push_back(std::string(w[c], '-'));
  line(rule);
  for (const auto& r : rows) line(r);
}

Result<std::unique_ptr<tables::TableDb>> OpenTables(const std::string& case_dir) {
  TAHQIQ_ASSIGN_OR_RETURN(auto c, ingest::Case::Open(case_dir, false));
  return tables::TableDb::Open(c->tables_path(), false);
}

int RunList(const TableArgs& a) {
  auto db = OpenTables(a.case_dir);
  if (!db.ok()) return Fail(db.status());
  auto list = (*db)->List();
  if (!list.ok()) return Fail(list.status());
  if (a.as_json) {
    for (const auto& t : *list) {
      std::printf("%s\n", Dump({{"table", t.name},
                                {"rows", t.rows},
                                {"files", t.sources.size()},
                                {"columns", t.columns.size()}})
                              .c_str());
    }
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : *list) {
    std::string cols;
    for (const auto& c : t.columns) cols += (cols.empty() ? "" : ", ") + c.name;
    rows.push_back({EscapeForDisplay(t.name), std::to_string(t.rows),
                    std::to_string(t.sources.size()), EscapeForDisplay(cols)});
  }
  if (rows.empty()) {
    std::printf("no tables\n");
    return 0;
  }
  PrintGrid({"table", "rows", "sheets", "columns"}, rows);
  return 0;
}

int RunSchema(const TableArgs& a) {
  auto db = OpenTables(a.case_dir);
  if (!db.ok()) return Fail(db.status());
  auto t = (*db)->Describe(a.table);
  if (!t.ok()) return Fail(t.status());
  if (a.as_json) {
    json cols = json::array(), files = json::array();
    for (const auto& c : t->columns) {
      cols.push_back({{"name", c.name},
                      {"label", c.label},
                      {"type", std::string(tables::TypeName(c.type))},
                      {"currency", c.currency}});
    }
    for (const auto& s : t->sources) {
      files.push_back({{"path", s.source.path},
                       {"member", s.source.member},
                       {"sheet", s.source.sheet},
                       {"sha256", s.source.sha256},
                       {"header_row", s.header_row},
                       {"rows", s.rows},
                       {"cells_kept_as_text", s.fallbacks}});
    }
    std::printf(
        "%s\n",
        Dump({{"table", t->name}, {"rows", t->rows}, {"columns", cols}, {"files", files}}).c_str());
    return 0;
  }
  std::printf("table %s: %llu rows from %zu sheet(s)\n\n", EscapeForDisplay(t->name).c_str(),
              static_cast<unsigned long long>(t->rows), t->sources.size());
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : t->columns) {
    rows.push_back(
        {EscapeForDisplay(c.name),
         std::string(tables::TypeName(c.type)) + (c.currency.empty() ? "" : " " + c.currency),
         EscapeForDisplay(c.label)});
  }
  PrintGrid({"column", "type", "header"}, rows);
  std::printf("\n");
  rows.clear();
  for (const auto& s : t->sources) {
    std::string file = EscapeForDisplay(s.source.path);
    if (!s.source.member.empty()) file += " : " + EscapeForDisplay(s.source.member);
    rows.push_back({file, EscapeForDisplay(s.source.sheet), std::to_string(s.header_row),
                    std::to_string(s.rows), std::to_string(s.fallbacks)});
  }
  PrintGrid({"file", "sheet", "header row", "rows", "cells kept as text"}, rows);
  return 0;
}

int RunQuery(TableArgs& a) {
  auto db = OpenTables(a.case_dir);
  if (!db.ok()) return Fail(db.status());
  a.query.table = a.table;
  a.query.timeout_ms = static_cast<int>(a.timeout_s * 1000);
  if (!a.query.bucket.empty() && a.query.time_column.empty()) {
    return Fail(Status::InvalidArgument("--bucket needs --time COLUMN"));
  }
  auto r = (*db)->Query(a.query);
  if (!r.ok()) return Fail(r.status());
  if (!a.evidence.empty()) {
    auto n = (*db)->WriteQueryEvidence(a.query, a.evidence);
    if (!n.ok()) return Fail(n.status());
    std::fprintf(stderr, "evidence: %llu rows with their file, sheet and row in %s\n",
                 static_cast<unsigned long long>(*n), a.evidence.c_str());
  }
  if (a.as_json) {
    json rows = json::array();
    for (const auto& row : r->rows) {
      json o = json::object();
      for (size_t c = 0; c < row.size(); ++c) o[r->columns[c]] = ToJson(row[c]);
      rows.push_back(std::move(o));
    }
    std::printf("%s\n", Dump({{"columns", r->columns}, {"rows", rows}}).c_str());
    return 0;
  }
  if (a.as_csv) {
    std::string out;
    for (size_t c = 0; c < r->columns.size(); ++c) {
      if (c) out += ',';
      Value h;
      h.kind = Value::kText;
      h.text = r->columns[c];
      tables::AppendCsvField(h, &out);
    }
    out += "\r\n";
    for (const auto& row : r->rows) {
      for (size_t c = 0; c < row.size(); ++c) {
        if (c) out += ',';
        tables::AppendCsvField(row[c], &out);
      }
      out += "\r\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : r->rows) {
    std::vector<std::string> cells;
    for (const auto& v : row) cells.push_back(ToText(v));
    rows.push_back(std::move(cells));
  }
  PrintGrid(r->columns, rows);
  std::printf("(%zu rows)\n", rows.size());
  return 0;
}

json SideJson(const tables::CompareResult::Side& s) {
  json buckets = json::array();
  for (const auto& b : s.buckets) {
    buckets.push_back({{"bucket", b.label}, {"value", b.value}, {"rows", b.rows}});
  }
  return {{"period", s.period.text},
          {"from", s.period.start},
          {"until", s.period.end},
          {"value", s.value},
          {"rows", s.rows},
          {"buckets", buckets},
          {"empty_buckets", s.empty_buckets}};
}

int RunCompare(const TableArgs& a) {
  auto db = OpenTables(a.case_dir);
  if (!db.ok()) return Fail(db.status());
  tables::CompareSpec c;
  c.table = a.table;
  c.metric = a.metric;
  c.time_column = a.time;
  c.where = a.where;
  c.bucket = a.bucket;
  c.bucket_agg = a.bucket_agg;
  c.agg = a.agg;
  c.timeout_ms = static_cast<int>(a.timeout_s * 1000);
  auto pa = tables::ParsePeriod(a.a);
  if (!pa.ok()) return Fail(pa.status());
  auto pb = tables::ParsePeriod(a.b);
  if (!pb.ok()) return Fail(pb.status());
  c.a = *pa;
  c.b = *pb;
  auto r = (*db)->Compare(c);
  if (!r.ok()) return Fail(r.status());
  uint64_t evidence_rows = 0;
  if (!a.evidence.empty()) {
    auto n = (*db)->WriteCompareEvidence(c, a.evidence);
    if (!n.ok()) return Fail(n.status());
    evidence_rows = *n;
  }
  if (a.as_json) {
    json j = {{"table", c.table},
              {"metric", c.metric},
              {"time", c.time_column},
              {"where", c.where},
              {"bucket", c.bucket},
              {"bucket_agg", c.bucket_agg},
              {"agg", c.agg},
              {"a", SideJson(r->a)},
              {"b", SideJson(r->b)},
              {"ratio", std::isfinite(r->ratio) ? json(r->ratio) : json(nullptr)},
              {"percent_change",
               std::isfinite(r->percent_change) ? json(r->percent_change) : json(nullptr)}};
    if (!a.evidence.empty()) {
      j["evidence"] = a.evidence;
      j["evidence_rows"] = evidence_rows;
    }
    std::printf("%s\n", Dump(j).c_str());
    return 0;
  }
  const std::string what = c.agg + " of " + c.bucket + "ly " + c.bucket_agg + "s of " + c.metric;
  for (const auto* side : {&r->a, &r->b}) {
    std::printf(
        "%s  %s: %s = %.6g  (%llu rows, %zu %ss%s)\n", side == &r->a ? "A" : "B",
        side->period.text.c_str(), what.c_str(), side->value,
        static_cast<unsigned long long>(side->rows), side->buckets.size(), c.bucket.c_str(),
        side->empty_buckets
            ? (", " + std::to_string(side->empty_buckets) + " without rows, counted as 0").c_str()
            : "");
    for (const auto& b : side->buckets) {
      std::printf("     %-12s %14.6g  (%llu rows)\n", b.label.c_str(), b.value,
                  static_cast<unsigned long long>(b.rows));
    }
  }
  if (std::isfinite(r->ratio)) {
    std::printf("B / A = %.4g   change %+.1f%%\n", r->ratio, r->percent_change);
  } else {
    std::printf("B / A: undefined (A is 0)\n");
  }
  if (!c.where.empty()) std::printf("filter: %s\n", c.where.c_str());
  if (!a.evidence.empty()) {
    std::printf("evidence: %llu rows with their file, sheet and row in %s\n",
                static_cast<unsigned long long>(evidence_rows), a.evidence.c_str());
  }
  return 0;
}

}  // namespace

std::function<int()> AddTableCommands(CLI::App* app) {
  auto args = std::make_shared<TableArgs>();
  auto run = std::make_shared<std::function<int()>>();
  auto* table = app->add_subcommand(
      "table", "Typed tables from CSV/TSV files and spreadsheets: list, schema, query, compare");
  table->require_subcommand(1);
  table->footer(
      "Every CSV/TSV file and spreadsheet sheet is loaded at ingest with typed columns;\n"
      "sheets with the same column names (monthly exports) form one table.");

  auto* list = table->add_subcommand("list", "Tables of the case, with rows and sheets");
  list->add_option("--case", args->case_dir, "Case directory")->required();
  list->add_flag("--json", args->as_json, "One JSON object per table");
  list->callback([=] { *run = [=] { return RunList(*args); }; });

  auto* schema = table->add_subcommand("schema", "Columns, types and source files of a table");
  schema->add_option("--case", args->case_dir, "Case directory")->required();
  schema->add_option("table", args->table, "Table name (from `table list`)")->required();
  schema->add_flag("--json", args->as_json, "Print as JSON");
  schema->callback([=] { *run = [=] { return RunSchema(*args); }; });

  auto* query = table->add_subcommand("query", "Filter, group, aggregate and sort a table");
  auto& q = args->query;
  query->add_option("--case", args->case_dir, "Case directory")->required();
  query->add_option("table", args->table, "Table name")->required();
  query->add_option("--select", q.select, "Columns or expressions to show (plain rows)");
  query->add_option("--where", q.where, "Filter, e.g. \"service = 'Storage' AND cost > 10\"");
  query->add_option("--group-by", q.group_by, "Group by these columns or expressions");
  query->add_option("--time", q.time_column, "Date column for --bucket");
  query->add_option("--bucket", q.bucket, "Group by day, week, month, quarter or year of --time")
      ->check(CLI::IsMember({"day", "week", "month", "quarter", "year"}));
  query->add_option("--agg", q.aggregates,
                    "Aggregates, e.g. 'sum(cost)' 'avg(quantity)' (default count(*))");
  query->add_option("--order-by", q.order_by, "Sort, e.g. 'sum(cost) DESC'");
  query->add_option("--limit", q.limit, "At most this many rows");
  query->add_option("--timeout", args->timeout_s, "Stop the query after this many seconds (30)");
  query->add_option("--evidence", args->evidence,
                    "Write the rows behind the result (the filtered rows) with their file,\n"
                    "sheet and row number to this CSV file");
  auto* qjson = query->add_flag("--json", args->as_json, "Print as JSON");
  query->add_flag("--csv", args->as_csv, "Print as CSV")->excludes(qjson);
  query->footer(
      "Expressions are SQL (SQLite) over the column names `table schema` shows; they can\n"
      "only read the case's tables.\nExamples:\n"
      "  tahqiq table query --case c billing --time usagedate --bucket month \\\n"
      "      --group-by servicename --agg 'sum(cost)' --where \"currency = 'USD'\"\n"
      "  tahqiq table query --case c billing --where 'cost > 1000' --limit 20");
  query->callback([=] { *run = [=] { return RunQuery(*args); }; });

  auto* compare = table->add_subcommand(
      "compare", "Compare a metric between two periods (per-bucket values, ratio, change)");
  compare->add_option("--case", args->case_dir, "Case directory")->required();
  compare->add_option("--table", args->table, "Table name")->required();
  compare->add_option("--metric", args->metric, "Column (or expression) to aggregate")->required();
  compare->add_option("--time", args->time, "Date column")->required();
  compare->add_option("--where", args->where, "Filter applied to both periods");
  compare->add_option("--bucket", args->bucket, "day, week, month (default), quarter or year")
      ->check(CLI::IsMember({"day", "week", "month", "quarter", "year"}));
  compare
      ->add_option("--bucket-agg", args->bucket_agg,
                   "Per bucket: sum (default), avg, count, min or max of the metric")
      ->check(CLI::IsMember({"sum", "avg", "count", "min", "max"}));
  compare->add_option("--agg", args->agg, "Over a period's buckets: avg (default) or sum")
      ->check(CLI::IsMember({"avg", "sum"}));
  compare->add_option("--a", args->a, "First period, e.g. 2023-06..2023-09")->required();
  compare->add_option("--b", args->b, "Second period, e.g. 2023-10..2024-03")->required();
  compare->add_option("--timeout", args->timeout_s, "Stop after this many seconds (30)");
  compare->add_option("--evidence", args->evidence,
                      "Write every row behind both figures, with file, sheet, row, period and\n"
                      "bucket, to this CSV file");
  compare->add_flag("--json", args->as_json, "Print as JSON");
  compare->footer(
      "Example: average monthly storage use in six months against the four before:\n"
      "  tahqiq table compare --case c --table usage --metric quantity --time usagedate \\\n"
      "      --where \"metercategory = 'Storage'\" --a 2023-06..2023-09 --b 2023-10..2024-03 \\\n"
      "      --evidence storage-rows.csv");
  compare->callback([=] { *run = [=] { return RunCompare(*args); }; });

  return [run] { return *run ? (*run)() : -1; };
}

}  // namespace tahqiq::app
