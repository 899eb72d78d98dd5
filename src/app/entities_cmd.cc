// `tahqiq entities` and `tahqiq watchlist`: entities found at ingest
// (analyze/entities.h, stored per document) and watched names searched on
// demand (query/watchlist.h).
//
// Watchlist CSV (UTF-8, comma-separated, RFC 4180 quoting with ""):
//   name,aliases
//   Microsoft,مايكروسوفت|מיקרוסופט|MSFT
//   "Unit 8200",الوحدة 8200|יחידה 8200
// The first column is the name, the second (optional) its aliases in any
// script separated by '|'. A first row "name,aliases" is a header and
// skipped. Adding a name again replaces its aliases.
#include "app/entities_cmd.h"

#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyze/analyzer.h"
#include "app/cli_util.h"
#include "base/file_util.h"
#include "ingest/case.h"
#include "ingest/entities.h"
#include "query/watchlist.h"

namespace tahqiq::app {
namespace {

using nlohmann::json;

// One CSV record per line (a quoted field may not span lines).
Result<std::vector<std::vector<std::string>>> ParseCsv(const std::string& data) {
  std::vector<std::vector<std::string>> rows;
  size_t i = 0, line = 1;
  if (data.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;  // BOM from spreadsheet exports.
  while (i < data.size()) {
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, was_quoted = false;
    for (; i < data.size(); ++i) {
      const char c = data[i];
      if (quoted) {
        if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else if (c == '\n') {
          return Status::InvalidArgument("line " + std::to_string(line) + ": unclosed quote");
        } else {
          field += c;
        }
      } else if (c == '"' && field.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else if (c == ',') {
        row.push_back(std::move(field));
        field.clear();
        was_quoted = false;
      } else if (c == '\n') {
        break;
      } else if (c != '\r') {
        field += c;
      }
    }
    if (quoted) return Status::InvalidArgument("line " + std::to_string(line) + ": unclosed quote");
    ++i;
    ++line;
    row.push_back(std::move(field));
    if (row.size() == 1 && row[0].find_first_not_of(" \t") == std::string::npos) continue;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string Trim(std::string s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

int RunEntities(const std::string& case_dir, const std::string& kind, bool with_mentions,
                const std::vector<std::string>& defines, bool rescan, bool as_json) {
  auto c = ingest::Case::Open(case_dir, false);
  if (!c.ok()) return Fail(c.status());
  store::Store& st = (*c)->store();
  if (!defines.empty()) {
    auto old = st.GetMeta(ingest::kEntityPatternsKey);
    if (!old.ok()) return Fail(old.status());
    std::string tsv = old->value_or("");
    for (const std::string& d : defines) {
      const size_t eq = d.find('=');
      if (eq == std::string::npos || eq == 0) {
        return Fail(Status::InvalidArgument("--define wants NAME=REGEX, got " + d));
      }
      if (!tsv.empty() && tsv.back() != '\n') tsv += '\n';
      tsv += d.substr(0, eq) + '\t' + d.substr(eq + 1) + '\n';
    }
    // Refuse a pattern that does not compile before storing it.
    auto patterns = ingest::ParseEntityPatterns(tsv);
    if (!patterns.ok()) return Fail(patterns.status());
    analyze::EntityOptions options;
    options.custom = *patterns;
    if (auto f = analyze::EntityFinder::Create(options); !f.ok()) return Fail(f.status());
    if (Status s = st.SetMeta(ingest::kEntityPatternsKey, tsv); !s.ok()) return Fail(s);
    rescan = true;
  }
  if (rescan) {
    auto n = ingest::RescanEntities(st, nullptr);
    if (!n.ok()) return Fail(n.status());
    std::fprintf(stderr, "scanned %llu documents for entities\n",
                 static_cast<unsigned long long>(*n));
  }
  auto list = st.ListEntities(kind);
  if (!list.ok()) return Fail(list.status());
  std::map<int64_t, json> mentions;
  if (with_mentions) {
    Status s = st.ReadEntityMentions(0, [&](const store::Store::EntityMentionRow& m) {
      json& arr = mentions[m.entity_id];
      if (arr.is_null()) arr = json::array();
      arr.push_back({{"doc", m.doc_id},
                     {"start", m.start},
                     {"end", m.end},
                     {"text", m.text},
                     {"kind", m.kind}});
      return Status::Ok();
    });
    if (!s.ok()) return Fail(s);
  }
  for (const auto& e : *list) {
    if (as_json) {
      json j{{"id", e.id},           {"kind", e.kind},           {"name", e.name},
             {"aliases", e.aliases}, {"documents", e.documents}, {"mentions", e.mentions}};
      if (with_mentions) j["occurrences"] = mentions[e.id];
      std::cout << Dump(j) << "\n";
      continue;
    }
    std::string aliases;
    for (const auto& a : e.aliases) aliases += (aliases.empty() ? "" : " | ") + a;
    std::printf("[%lld] %-7s %s  (%llu docs, %llu mentions)  aliases: %s\n",
                static_cast<long long>(e.id), e.kind.c_str(), EscapeForDisplay(e.name).c_str(),
                static_cast<unsigned long long>(e.documents),
                static_cast<unsigned long long>(e.mentions), EscapeForDisplay(aliases).c_str());
    if (with_mentions) {
      for (const auto& m : mentions[e.id]) {
        std::printf("    doc %lld [%llu, %llu) %s\n", m["doc"].get<long long>(),
                    m["start"].get<unsigned long long>(), m["end"].get<unsigned long long>(),
                    EscapeForDisplay(m["text"].get<std::string>()).c_str());
      }
    }
  }
  if (list->empty() && !as_json) std::printf("no entities\n");
  return 0;
}

int RunWatchAdd(const std::string& case_dir, const std::string& file) {
  auto data = ReadFile(file);
  if (!data.ok()) return Fail(data.status());
  auto rows = ParseCsv(*data);
  if (!rows.ok()) return Fail(rows.status());
  auto c = ingest::Case::Open(case_dir, false);
  if (!c.ok()) return Fail(c.status());
  store::Store& st = (*c)->store();
  if (Status s = st.Begin(); !s.ok()) return Fail(s);
  size_t added = 0;
  for (size_t r = 0; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    store::Store::WatchedName w;
    w.name = Trim(row[0]);
    if (r == 0 && w.name == "name") continue;  // Header.
    if (w.name.empty()) continue;
    if (row.size() > 1) {
      const std::string& a = row[1];
      for (size_t b = 0; b <= a.size();) {
        size_t e = a.find('|', b);
        if (e == std::string::npos) e = a.size();
        std::string alias = Trim(a.substr(b, e - b));
        if (!alias.empty() && alias != w.name) w.aliases.push_back(std::move(alias));
        b = e + 1;
      }
    }
    if (auto id = st.AddWatchedName(w); !id.ok()) {
      (void)st.Rollback();
      return Fail(id.status());
    }
    ++added;
  }
  if (Status s = st.Commit(); !s.ok()) return Fail(s);
  std::printf("watching %zu name%s from %s\n", added, added == 1 ? "" : "s",
              EscapeForDisplay(file).c_str());
  return 0;
}

int RunWatchList(const std::string& case_dir, bool as_json) {
  auto c = ingest::Case::OpenForReading(case_dir);
  if (!c.ok()) return Fail(c.status());
  auto names = (*c)->store().ListWatchedNames();
  if (!names.ok()) return Fail(names.status());
  for (const auto& w : *names) {
    if (as_json) {
      std::cout << Dump(json{{"id", w.id}, {"name", w.name}, {"aliases", w.aliases}}) << "\n";
    } else {
      std::string aliases;
      for (const auto& a : w.aliases) aliases += (aliases.empty() ? "" : " | ") + a;
      std::printf("[%lld] %s%s%s\n", static_cast<long long>(w.id), EscapeForDisplay(w.name).c_str(),
                  aliases.empty() ? "" : "  aliases: ", EscapeForDisplay(aliases).c_str());
    }
  }
  if (names->empty() && !as_json) std::printf("the watchlist is empty\n");
  return 0;
}

int RunWatchHits(const std::string& case_dir, bool as_json) {
  auto c = ingest::Case::OpenForReading(case_dir);
  if (!c.ok()) return Fail(c.status());
  auto names = (*c)->store().ListWatchedNames();
  if (!names.ok()) return Fail(names.status());
  auto idx = (*c)->OpenIndex(index::OpenMode::kRead);
  if (!idx.ok()) return Fail(idx.status());
  auto an = analyze::Analyzer::Create();
  if (!an.ok()) return Fail(an.status());
  auto hits = query::WatchlistHits(*names, (*c)->store(), **idx, **an);
  if (!hits.ok()) return Fail(hits.status());
  int64_t last_name = -1;
  for (const auto& h : *hits) {
    if (as_json) {
      std::cout << Dump(json{{"name_id", h.name_id},
                             {"name", h.name},
                             {"alias", h.alias},
                             {"doc", h.doc_id},
                             {"start", h.start},
                             {"end", h.end},
                             {"text", h.text},
                             {"score", h.score},
                             {"match", h.how}})
                << "\n";
      continue;
    }
    if (h.name_id != last_name) {
      std::printf("%s\n", EscapeForDisplay(h.name).c_str());
      last_name = h.name_id;
    }
    std::printf("  doc %lld [%llu, %llu) %.1f %-8s %s\n", static_cast<long long>(h.doc_id),
                static_cast<unsigned long long>(h.start), static_cast<unsigned long long>(h.end),
                h.score, h.how.c_str(), EscapeForDisplay(h.text).c_str());
  }
  if (hits->empty() && !as_json) std::printf("no hits\n");
  return 0;
}

}  // namespace

std::function<int()> AddEntityCommands(CLI::App& app) {
  struct Args {
    std::string case_dir, kind, file;
    std::vector<std::string> defines;
    bool json = false, mentions = false, rescan = false;
  };
  auto a = std::make_shared<Args>();
  auto* ent = app.add_subcommand("entities", "Entities found in the case (names, orgs, emails...)");
  ent->add_option("--case", a->case_dir, "Case directory")->required();
  ent->add_option("--kind", a->kind,
                  "Only this kind: org name quoted unit email phone url iban custom:NAME");
  ent->add_flag("--mentions", a->mentions, "List every mention (document, offsets, text)");
  ent->add_option("--define", a->defines,
                  "Define an identifier pattern NAME=REGEX (ICU syntax), kept in the case and\n"
                  "applied to every document now and at later ingests (kind custom:NAME)");
  ent->add_flag("--rescan", a->rescan, "Find the entities of every stored document again");
  ent->add_flag("--json", a->json, "One JSON object per entity line");
  ent->footer(
      "Examples:\n  tahqiq entities --case c --kind org\n"
      "  tahqiq entities --case c --define 'case=CASE-[0-9]{4}' --kind custom:case --json");

  auto* watch = app.add_subcommand("watchlist", "Names to find in every document, in any script");
  watch->require_subcommand(1);
  auto* add = watch->add_subcommand("add", "Watch the names of a CSV file (name,aliases)");
  add->add_option("--case", a->case_dir, "Case directory")->required();
  add->add_option("file", a->file, "CSV: name,alias1|alias2|... (header row optional)")->required();
  auto* list = watch->add_subcommand("list", "The watched names and their aliases");
  list->add_option("--case", a->case_dir, "Case directory")->required();
  list->add_flag("--json", a->json, "One JSON object per name line");
  auto* hits = watch->add_subcommand(
      "hits", "Where the watched names occur (every document in the case, searched now)");
  hits->add_option("--case", a->case_dir, "Case directory")->required();
  hits->add_flag("--json", a->json, "One JSON object per hit line");
  hits->footer(
      "Scores: 1.0 exact normalized words, 0.8 through prefixes/stems, 0.7 loose spelling,\n"
      "0.5 same name in another script (name keys).");

  return [a, ent, add, list, hits]() -> int {
    if (*ent) {
      return RunEntities(a->case_dir, a->kind, a->mentions, a->defines, a->rescan, a->json);
    }
    if (*add) return RunWatchAdd(a->case_dir, a->file);
    if (*list) return RunWatchList(a->case_dir, a->json);
    if (*hits) return RunWatchHits(a->case_dir, a->json);
    return -1;
  };
}

}  // namespace tahqiq::app
