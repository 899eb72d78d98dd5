#include "app/figures_cmd.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "analyze/figures.h"
#include "app/cli_util.h"
#include "base/file_util.h"
#include "ingest/case.h"

namespace tahqiq::app {
namespace {

using json = nlohmann::ordered_json;

struct FiguresArgs {
  std::string case_dir;
  int64_t doc = 0;
  std::string kind;
  size_t limit = 0;
  bool as_json = false;
};

// Values print as integers when they are whole (10000000, not 1e+07).
std::string ValueText(double v) {
  char buf[64];
  if (v == static_cast<double>(static_cast<long long>(v)) && v < 1e18 && v > -1e18) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  } else {
    std::snprintf(buf, sizeof buf, "%.6g", v);
  }
  return buf;
}

int RunFigures(const FiguresArgs& a) {
  analyze::FigureKind kind;
  if (!a.kind.empty() && !analyze::ParseFigureKind(a.kind, &kind)) {
    return Fail(Status::InvalidArgument("unknown figure kind '" + a.kind +
                                        "' (money, quantity, percent, ratio, date, daterange)"));
  }
  auto c = ingest::Case::OpenForReading(a.case_dir);
  if (!c.ok()) return Fail(c.status());
  store::FigureQuery q;
  q.doc_id = a.doc;
  q.kind = a.kind;
  q.limit = a.limit;
  if (a.kind == "date") q.kind = "date";  // also matches date ranges (store)
  size_t n = 0;
  if (!a.as_json) {
    std::printf("%-6s %-9s %-16s %-8s %-6s %-10s %-4s  %s\n", "doc", "kind", "value", "unit", "cur",
                "offset", "page", "text");
  }
  Status st = (*c)->store().ReadFigures(q, [&](const store::FigureRecord& f) {
    ++n;
    const bool is_date = f.kind == "date" || f.kind == "daterange";
    if (a.as_json) {
      json j{{"doc", f.doc_id}, {"kind", f.kind}};
      if (is_date) {
        j["value"] = f.date;
      } else {
        j["value"] = f.value;
      }
      if (f.kind == "daterange") {
        j["from"] = f.from;
        j["to"] = f.to;
      }
      j["unit"] = f.unit;
      j["currency"] = f.currency;
      j["approx"] = f.approx;
      j["text"] = f.text;
      j["start"] = f.start;
      j["end"] = f.end;
      if (f.page > 0) j["page"] = f.page;
      std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    } else {
      std::string value = is_date ? f.date : ValueText(f.value);
      if (f.approx) value = "~" + value;
      std::printf("%-6lld %-9s %-16s %-8s %-6s %-10llu %-4s  %s\n",
                  static_cast<long long>(f.doc_id), f.kind.c_str(), value.c_str(), f.unit.c_str(),
                  f.currency.c_str(), static_cast<unsigned long long>(f.start),
                  f.page > 0 ? std::to_string(f.page).c_str() : "-",
                  EscapeForDisplay(f.text).c_str());
    }
    return Status::Ok();
  });
  if (!st.ok()) return Fail(st);
  if (!a.as_json && n == 0) std::printf("no figures\n");
  return 0;
}

}  // namespace

void AddFiguresCommand(CLI::App& app) {
  auto args = std::make_shared<FiguresArgs>();
  CLI::App* cmd = app.add_subcommand(
      "figures", "List amounts, quantities, percentages, ratios and dates found in documents");
  cmd->add_option("--case", args->case_dir, "Case directory")->required();
  cmd->add_option("--doc", args->doc, "Only this document id");
  cmd->add_option("--kind", args->kind,
                  "Only this kind: money, quantity, percent, ratio, date (with ranges), daterange");
  cmd->add_option("--limit", args->limit, "At most this many figures (default: all)");
  cmd->add_flag("--json", args->as_json,
                "One JSON object per line: doc, kind, value, unit, currency, approx, text, "
                "start, end (byte offsets into the extracted text), from/to, page");
  cmd->footer(
      "Examples:\n  tahqiq figures --case c --kind money --json\n"
      "  tahqiq figures --case c --doc 12\n"
      "Search on figures: tahqiq search --case c 'contract money>=1000000 currency:USD'");
  cmd->callback([args]() { throw CLI::RuntimeError(RunFigures(*args)); });
}

}  // namespace tahqiq::app
