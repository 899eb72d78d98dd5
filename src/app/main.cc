// tahqiq: the command-line interface. Each subcommand is a thin shell over
// the library stages; errors print one clear line and a non-zero exit code.
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/analyzer.h"
#include "app/access_cmd.h"
#include "app/cli_util.h"
#include "app/entities_cmd.h"
#include "app/figures_cmd.h"
#include "app/table_cmd.h"
#include "base/file_util.h"
#include "extract/extractor.h"
#include "extract/isolation.h"
#include "ingest/case.h"
#include "ingest/ingest.h"
#include "query/query.h"

namespace tahqiq::app {
namespace {

using nlohmann::json;

std::atomic<bool> g_cancel{false};

void OnSignal(int) {
  if (g_cancel.exchange(true)) _exit(130);  // Second Ctrl-C: leave now.
}

std::string HumanBytes(double b) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (b >= 1000 && u < 4) {
    b /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
  return buf;
}

std::string Duration(double s) {
  char buf[32];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%.1f s", s);
  } else {
    int t = static_cast<int>(s);
    std::snprintf(buf, sizeof buf, "%d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60);
  }
  return buf;
}

void DrawProgress(const ingest::Progress& p) {
  double fps = p.seconds > 0 ? p.files_done / p.seconds : 0;
  double bps = p.seconds > 0 ? p.bytes_done / p.seconds : 0;
  std::string eta = "?";
  if (p.walk_done && bps > 0 && p.bytes_total >= p.bytes_done) {
    eta = Duration((p.bytes_total - p.bytes_done) / bps);
  }
  const int width = 24;
  double frac = p.bytes_total ? static_cast<double>(p.bytes_done) / p.bytes_total : 0;
  if (!p.walk_done) frac = 0;
  int fill = static_cast<int>(frac * width);
  std::string bar(static_cast<size_t>(fill), '#');
  bar.append(static_cast<size_t>(width - fill), p.walk_done ? '.' : '?');
  std::fprintf(stderr,
               "\r[%s] %llu/%llu%s files  %.1f files/s  %s/s  ETA %s  (new %llu, present %llu, "
               "failed %llu)\x1b[K",
               bar.c_str(), static_cast<unsigned long long>(p.files_done),
               static_cast<unsigned long long>(p.files_total), p.walk_done ? "" : "+", fps,
               HumanBytes(bps).c_str(), eta.c_str(), static_cast<unsigned long long>(p.ingested),
               static_cast<unsigned long long>(p.present),
               static_cast<unsigned long long>(p.failed));
  std::fflush(stderr);
}

std::string JoinArgs(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& a : v) {
    if (!s.empty()) s += ' ';
    s += a;
  }
  return s;
}

// Marks matched words: bold on a terminal, [[...]] otherwise.
std::string RenderSnippet(const query::Snippet& s, bool tty) {
  std::string out;
  size_t at = 0;
  for (const auto& [b, e] : s.marks) {
    out += EscapeForDisplay(std::string_view(s.text).substr(at, b - at));
    out += tty ? "\x1b[1m" : "[[";
    out += EscapeForDisplay(std::string_view(s.text).substr(b, e - b));
    out += tty ? "\x1b[0m" : "]]";
    at = e;
  }
  out += EscapeForDisplay(std::string_view(s.text).substr(at));
  return out;
}

// HTML-escaped snippet with <mark> around matches, for JSON consumers.
std::string SnippetHtml(const query::Snippet& s) {
  auto esc = [](std::string_view t) {
    std::string o;
    for (char c : t) {
      switch (c) {
        case '<':
          o += "&lt;";
          break;
        case '>':
          o += "&gt;";
          break;
        case '&':
          o += "&amp;";
          break;
        case '"':
          o += "&quot;";
          break;
        default:
          o += c;
      }
    }
    return o;
  };
  std::string out;
  size_t at = 0;
  for (const auto& [b, e] : s.marks) {
    out += esc(std::string_view(s.text).substr(at, b - at));
    out += "<mark>" + esc(std::string_view(s.text).substr(b, e - b)) + "</mark>";
    at = e;
  }
  out += esc(std::string_view(s.text).substr(at));
  return out;
}

int RunIngest(const std::string& case_dir, const std::vector<std::string>& paths, unsigned workers,
              uint32_t shards, bool compact, bool as_json, bool quiet, ingest::IngestOptions opt) {
  auto c = ingest::Case::Open(case_dir, true, shards);
  if (!c.ok()) return Fail(c.status());
  opt.workers = workers;
  opt.description = "ingest " + JoinArgs(paths);
  opt.cancel = &g_cancel;
  if (Status st = EnsureCollection(case_dir, opt.collection); !st.ok()) return Fail(st);
  bool tty = ::isatty(2) && !quiet;
  if (tty) opt.on_progress = DrawProgress;
  signal(SIGINT, OnSignal);
  signal(SIGTERM, OnSignal);
  auto sum = ingest::Ingest(**c, paths, opt);
  if (tty) std::fprintf(stderr, "\r\x1b[K");
  if (!sum.ok()) return Fail(sum.status());
  const auto& s = *sum;
  if (compact && !s.cancelled) {
    // One database instead of a shard per writer thread: a search reads
    // each term once (bench/RESULTS.md, "Query latency, round 7": 5-15 %
    // of a CLI search's CPU, for ~2.5 s of CPU at the end of the full
    // corpus's ingest). Later ingests into the case write the one database.
    auto index = (*c)->OpenIndex(index::OpenMode::kWrite);
    if (!index.ok()) return Fail(index.status());
    if (Status st = (*index)->Compact(); !st.ok()) return Fail(st);
  }
  if (as_json) {
    std::cout << Dump(json{{"files", s.files},
                           {"ingested", s.ingested},
                           {"attachments", s.children},
                           {"present", s.present},
                           {"failed", s.failed},
                           {"bytes", s.bytes},
                           {"caught_up", s.caught_up},
                           {"seconds", s.seconds},
                           {"cancelled", s.cancelled}})
              << "\n";
  } else {
    std::printf(
        "%s%llu files (%s): %llu new documents (%llu attachments), %llu already present, "
        "%llu failed, in %s (%.1f files/s, %s/s)%s\n",
        s.cancelled ? "interrupted after " : "", static_cast<unsigned long long>(s.files),
        HumanBytes(static_cast<double>(s.bytes)).c_str(),
        static_cast<unsigned long long>(s.ingested), static_cast<unsigned long long>(s.children),
        static_cast<unsigned long long>(s.present), static_cast<unsigned long long>(s.failed),
        Duration(s.seconds).c_str(), s.seconds > 0 ? s.files / s.seconds : 0.0,
        HumanBytes(s.seconds > 0 ? s.bytes / s.seconds : 0).c_str(),
        s.cancelled ? "; run the same command again to finish" : "");
    if (s.caught_up) {
      std::printf("(indexed %llu documents left over from an interrupted run)\n",
                  static_cast<unsigned long long>(s.caught_up));
    }
    if (s.failed) std::printf("see `tahqiq status --case %s` for the reasons\n", case_dir.c_str());
  }
  return s.cancelled ? 130 : 0;
}

// Ends a one-shot read-only command once its output is written: flushes
// stdout and leaves without running destructors. Nothing is left to save
// (the store and index were only read), the kernel frees memory and drops
// file locks, and closing SQLite and Xapian and freeing every result took
// 0.1-0.2 ms of a search's CPU (bench/RESULTS.md). The exit code is what
// it would have been (exit() ignores a failed final flush too).
int ExitNow(int rc) {
  std::cout.flush();
  std::fflush(stdout);
  std::fflush(stderr);
  ::_exit(rc);
}

int RunSearch(const std::string& case_dir, const std::vector<std::string>& words, size_t limit,
              size_t offset, bool as_json, size_t facets) {
  auto c = ingest::Case::OpenForReading(case_dir, store::ReaderLife::kOneShot);
  if (!c.ok()) return Fail(c.status());
  auto idx = (*c)->OpenIndex(index::OpenMode::kRead);
  if (!idx.ok()) return Fail(idx.status());
  auto an = analyze::Analyzer::Create();
  if (!an.ok()) return Fail(an.status());
  query::SearchOptions opt;
  opt.limit = limit;
  opt.offset = offset;
  opt.entity_facets = facets;
  std::string q = JoinArgs(words);
  auto res = query::Search(q, opt, (*c)->store(), **idx, **an);
  if (!res.ok()) return Fail(res.status());
  if (as_json) {
    for (const auto& r : res->rows) {
      std::cout << Dump(json{{"id", r.id},
                             {"sha256", r.sha256},
                             {"path", r.path},
                             {"type", r.type},
                             {"lang", r.lang},
                             {"title", r.title},
                             {"status", r.status},
                             {"score", r.score},
                             {"snippet", SnippetHtml(r.snippet)}})
                << "\n";
    }
    for (const auto& e : res->entity_facets) {  // After the results, marked "facet".
      std::cout << Dump(json{{"facet", "entity"},
                             {"id", e.id},
                             {"kind", e.kind},
                             {"name", e.name},
                             {"documents", e.documents}})
                << "\n";
    }
    // Always last, one object with the API's names (server.cc), so a script
    // reads the count the text output prints without a second search. It
    // has no "id", which tells it from a hit (and no "facet").
    std::cout << Dump(json{{"total", res->estimated_total},
                           {"total_is_estimate", res->total_lower != res->total_upper},
                           {"total_lower", res->total_lower},
                           {"total_upper", res->total_upper},
                           {"skipped", res->skipped}})
              << "\n";
    return ExitNow(0);
  }
  bool tty = ::isatty(1);
  // Xapian counts exactly only when it checked every candidate; otherwise
  // its estimate (of a phrase above all) can be off either way, so the
  // bounds it is sure of are shown with it.
  const auto total = static_cast<unsigned long long>(res->estimated_total);
  if (res->total_lower == res->total_upper) {
    std::printf("%llu result%s for %s\n", total, total == 1 ? "" : "s",
                EscapeForDisplay(q).c_str());
  } else {
    std::printf("about %llu result%s (%llu to %llu) for %s\n", total, total == 1 ? "" : "s",
                static_cast<unsigned long long>(res->total_lower),
                static_cast<unsigned long long>(res->total_upper), EscapeForDisplay(q).c_str());
  }
  size_t n = offset;
  for (const auto& r : res->rows) {
    ++n;
    std::printf(
        "\n%zu. [%lld] %s  (%s, %s, score %.2f)\n", n, static_cast<long long>(r.id),
        EscapeForDisplay(r.title.empty() ? r.path.substr(r.path.rfind('/') + 1) : r.title).c_str(),
        r.type.c_str(), r.lang.c_str(), r.score);
    std::printf("   %s\n", EscapeForDisplay(r.path).c_str());
    if (!r.snippet.text.empty()) std::printf("   %s\n", RenderSnippet(r.snippet, tty).c_str());
  }
  if (res->rows.empty() && res->skipped == 0) std::printf("no documents match\n");
  if (res->skipped > 0) {
    std::printf("\n%zu hit%s left out: the index has documents the store does not\n", res->skipped,
                res->skipped == 1 ? "" : "s");
  }
  if (!res->entity_facets.empty()) std::printf("\nentities in matching documents:\n");
  for (const auto& e : res->entity_facets) {
    std::printf("  %s (%s): %llu\n", EscapeForDisplay(e.name).c_str(), e.kind.c_str(),
                static_cast<unsigned long long>(e.documents));
  }
  return ExitNow(0);
}

int RunShow(const std::string& case_dir, int64_t id, bool as_json) {
  auto c = ingest::Case::OpenForReading(case_dir);
  if (!c.ok()) return Fail(c.status());
  auto d = (*c)->store().GetDocument(id);
  if (!d.ok()) return Fail(d.status());
  const auto& doc = d->doc;
  json prov = json::array();
  for (const auto& p : d->provenance) {
    prov.push_back({{"path", p.path},
                    {"member", p.member},
                    {"parent", p.parent_doc},
                    {"size", p.size},
                    {"mtime", p.mtime},
                    {"run", p.run_id}});
  }
  json fields = json::array();
  for (const auto& [k, v] : doc.fields) fields.push_back({{"name", k}, {"value", v}});
  json meta{{"id", doc.id},
            {"sha256", doc.sha256},
            {"size", doc.size},
            {"type", doc.type},
            {"mime", doc.mime},
            {"lang", doc.lang},
            {"title", doc.title},
            {"status", doc.status},
            {"reason", doc.reason},
            {"text_bytes", doc.text_bytes},
            {"blob", (*c)->blobs().PathFor(doc.sha256)},
            {"fields", fields},
            {"provenance", prov}};
  if (as_json) {
    std::string text;
    Status st = (*c)->store().ReadChunks(id, [&](const store::TextChunk& ch) {
      text += ch.text;
      return Status::Ok();
    });
    if (!st.ok()) return Fail(st);
    meta["text"] = text;
    std::cout << Dump(meta) << "\n";
    return 0;
  }
  std::printf("id: %lld\nsha256: %s\ntype: %s (%s)\nlang: %s\nsize: %s\nstatus: %s%s%s\n",
              static_cast<long long>(doc.id), doc.sha256.c_str(), doc.type.c_str(),
              doc.mime.c_str(), doc.lang.c_str(), HumanBytes(static_cast<double>(doc.size)).c_str(),
              doc.status.c_str(), doc.reason.empty() ? "" : ": ",
              EscapeForDisplay(doc.reason).c_str());
  if (!doc.title.empty()) std::printf("title: %s\n", EscapeForDisplay(doc.title).c_str());
  for (const auto& [k, v] : doc.fields) {
    std::printf("%s: %s\n", k.c_str(), EscapeForDisplay(v).c_str());
  }
  for (const auto& p : d->provenance) {
    if (p.parent_doc) {
      std::printf("found in: document %lld (%s) as %s\n", static_cast<long long>(p.parent_doc),
                  EscapeForDisplay(p.path).c_str(), EscapeForDisplay(p.member).c_str());
    } else {
      std::printf("found at: %s\n", EscapeForDisplay(p.path).c_str());
    }
  }
  std::printf("original: %s\n----\n", (*c)->blobs().PathFor(doc.sha256).c_str());
  // Text is streamed chunk by chunk: a huge document never sits in memory.
  Status st = (*c)->store().ReadChunks(id, [&](const store::TextChunk& ch) {
    std::fwrite(ch.text.data(), 1, ch.text.size(), stdout);
    return Status::Ok();
  });
  if (!st.ok()) return Fail(st);
  std::printf("\n");
  return 0;
}

int RunStatus(const std::string& case_dir, bool as_json) {
  auto c = ingest::Case::OpenForReading(case_dir);
  if (!c.ok()) return Fail(c.status());
  auto r = (*c)->store().Report(1000);
  if (!r.ok()) return Fail(r.status());
  uint64_t indexed_seq = 0, entries = 0;
  if (auto idx = (*c)->OpenIndex(index::OpenMode::kRead); idx.ok()) {
    if (auto s = (*idx)->AppliedSeq(); s.ok()) indexed_seq = *s;
    if (auto n = (*idx)->DocumentCount(); n.ok()) entries = *n;
  }
  // Current = every committed change applied, and one index entry per
  // stored chunk (so nothing is missing or doubled).
  bool index_current = indexed_seq >= r->outbox_last && entries == r->index_entries_expected;
  auto pairs = [](const std::vector<std::pair<std::string, uint64_t>>& v) {
    json j = json::object();
    for (const auto& [k, n] : v) j[k.empty() ? "und" : k] = n;
    return j;
  };
  if (as_json) {
    json failures = json::array();
    for (const auto& f : r->failures) {
      failures.push_back({{"id", f.doc_id},
                          {"path", f.path},
                          {"member", f.member},
                          {"type", f.type},
                          {"status", f.status},
                          {"reason", f.reason}});
    }
    for (const auto& [p, reason] : r->file_errors) {
      failures.push_back(
          {{"id", nullptr}, {"path", p}, {"status", "unreadable"}, {"reason", reason}});
    }
    std::cout << Dump(json{{"documents", r->documents},
                           {"files", r->files},
                           {"bytes", r->bytes},
                           {"by_type", pairs(r->by_type)},
                           {"by_lang", pairs(r->by_lang)},
                           {"by_status", pairs(r->by_status)},
                           {"index_current", index_current},
                           {"index_entries", entries},
                           {"index_entries_expected", r->index_entries_expected},
                           {"failures", failures}})
              << "\n";
    return 0;
  }
  std::printf("case %s: %llu documents from %llu files, %s\n", case_dir.c_str(),
              static_cast<unsigned long long>(r->documents),
              static_cast<unsigned long long>(r->files),
              HumanBytes(static_cast<double>(r->bytes)).c_str());
  auto print = [](const char* label, const std::vector<std::pair<std::string, uint64_t>>& v) {
    std::printf("%-9s", label);
    for (const auto& [k, n] : v) {
      std::printf(" %s %llu ", k.empty() ? "und" : k.c_str(), static_cast<unsigned long long>(n));
    }
    std::printf("\n");
  };
  print("type:", r->by_type);
  print("language:", r->by_lang);
  print("status:", r->by_status);
  std::printf("index:    %s\n", index_current
                                    ? "up to date"
                                    : "behind the store (next ingest or reindex catches up)");
  if (!r->failures.empty() || !r->file_errors.empty()) std::printf("\nnot extracted:\n");
  for (const auto& f : r->failures) {
    std::string where = f.member.empty() ? f.path : f.path + " ! " + f.member;
    std::printf("  [%lld] %s (%s, %s): %s\n", static_cast<long long>(f.doc_id),
                EscapeForDisplay(where).c_str(), f.type.c_str(), f.status.c_str(),
                EscapeForDisplay(f.reason).c_str());
  }
  for (const auto& [p, reason] : r->file_errors) {
    std::printf("  %s: %s\n", EscapeForDisplay(p).c_str(), EscapeForDisplay(reason).c_str());
  }
  return 0;
}

int RunReextract(const std::string& case_dir, const std::vector<int64_t>& ids_in,
                 const store::Store::DocumentFilter& filter, bool as_json,
                 ingest::IngestOptions opt) {
  auto c = ingest::Case::Open(case_dir, false);
  if (!c.ok()) return Fail(c.status());
  std::vector<int64_t> ids = ids_in;
  if (ids.empty()) {
    if (filter.status.empty() && filter.type.empty() && filter.reason_contains.empty()) {
      return Fail(Status::InvalidArgument(
          "say which documents: IDs, or --status/--type/--reason (see --help)"));
    }
    auto found = (*c)->store().FindDocuments(filter);
    if (!found.ok()) return Fail(found.status());
    ids = std::move(*found);
  }
  opt.cancel = &g_cancel;
  signal(SIGINT, OnSignal);
  signal(SIGTERM, OnSignal);
  bool tty = ::isatty(2);
  if (tty) opt.on_progress = DrawProgress;
  auto sum = ingest::Reextract(**c, ids, opt);
  if (tty) std::fprintf(stderr, "\r\x1b[K");
  if (!sum.ok()) return Fail(sum.status());
  if (as_json) {
    std::cout << Dump(json{{"documents", sum->files},
                           {"new_attachments", sum->children},
                           {"failed", sum->failed},
                           {"seconds", sum->seconds},
                           {"cancelled", sum->cancelled}})
              << "\n";
  } else {
    std::printf("re-extracted %llu documents (%llu new attachments), %llu failed, in %s\n",
                static_cast<unsigned long long>(sum->files),
                static_cast<unsigned long long>(sum->children),
                static_cast<unsigned long long>(sum->failed), Duration(sum->seconds).c_str());
  }
  return sum->cancelled ? 130 : 0;
}

int RunReindex(const std::string& case_dir) {
  auto c = ingest::Case::Open(case_dir, false);
  if (!c.ok()) return Fail(c.status());
  bool tty = ::isatty(2);
  auto n = ingest::Reindex(**c, [tty](uint64_t done, uint64_t total) {
    if (tty) {
      std::fprintf(stderr, "\rreindexing %llu/%llu\x1b[K", static_cast<unsigned long long>(done),
                   static_cast<unsigned long long>(total));
    }
  });
  if (tty) std::fprintf(stderr, "\r\x1b[K");
  if (!n.ok()) return Fail(n.status());
  std::printf("reindexed %llu documents\n", static_cast<unsigned long long>(*n));
  return 0;
}

int RunCompact(const std::string& case_dir) {
  auto c = ingest::Case::Open(case_dir, false);
  if (!c.ok()) return Fail(c.status());
  auto index = (*c)->OpenIndex(index::OpenMode::kWrite);
  if (!index.ok()) return Fail(index.status());
  const uint32_t before = (*index)->shard_count();
  if (Status st = (*index)->Compact(); !st.ok()) return Fail(st);
  if (before == 1) {
    std::printf("the index is one database already\n");
  } else {
    std::printf("merged %u index shards into one\n", before);
  }
  return 0;
}

// Replaces this process with the program `name` next to this one, same
// arguments: `tahqiq serve` is tahqiq-serve (src/app/serve_main.cc), and the
// commands of IsIngestCommand run in tahqiq-ingest (src/app/CMakeLists.txt).
int ExecSibling(const char* name, char** argv) {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  std::string exe = name;
  if (n > 0) {
    std::string self(buf, static_cast<size_t>(n));
    const size_t slash = self.rfind('/');
    if (slash != std::string::npos) exe = self.substr(0, slash + 1) + exe;
  }
  ::execv(exe.c_str(), argv);
  return Fail(
      Status::NotFound("cannot run " + exe + " (tahqiq " + argv[1] + "): " + std::strerror(errno)));
}

// The commands that build and free millions of objects (ingest builds its
// index terms from several threads), which the build links with jemalloc
// in tahqiq-ingest; everything else keeps glibc's malloc, which costs
// nothing to set up (jemalloc took 0.3 ms of a CLI search's start-up).
#ifdef TAHQIQ_EXEC_INGEST
bool IsIngestCommand(std::string_view command) {
  return command == "ingest" || command == "reextract" || command == "reindex" ||
         command == "table";
}
#endif

// The top-level subcommands (BuildsCommand).
constexpr std::string_view kCommands[] = {
    "ingest", "search",   "show",      "status",  "reextract", "reindex",
    "table",  "entities", "watchlist", "figures", "user",      "collection",
    "grant",  "revoke",   "audit",     "serve",   "compact"};

// Whether Main builds the subcommand `name`. A run of one subcommand (the
// first argument names it) builds only that one: building the options of
// every subcommand took 0.2 ms of CPU, about a tenth of a `tahqiq search`'s
// start-up (bench/RESULTS.md). Anything else (no subcommand, --help,
// --version, a typo) builds them all, so help and errors list every command.
bool BuildsCommand(std::string_view first, std::string_view name) {
  return first == name ||
         std::find(std::begin(kCommands), std::end(kCommands), first) == std::end(kCommands);
}

}  // namespace

int Main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "serve") return ExecSibling("tahqiq-serve", argv);
#ifdef TAHQIQ_EXEC_INGEST
  if (argc > 1 && IsIngestCommand(argv[1])) return ExecSibling("tahqiq-ingest", argv);
#endif
  const std::string_view first = argc > 1 ? argv[1] : "";
  // A UTF-8 C library locale for the commands that may pass names through
  // it. A search does not (SQLite, Xapian, ICU and the output ignore
  // LC_CTYPE), and loading the locale files took 0.1 ms of its CPU.
  if (first != "search") std::setlocale(LC_CTYPE, "C.UTF-8");
  auto want = [first](std::string_view name) { return BuildsCommand(first, name); };
  CLI::App app{"tahqiq: ingest, search and cite leaked documents in Arabic, Hebrew and English"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tahqiq 0.1.0");
  std::string case_dir;
  bool as_json = false;

  CLI::App* ingest_cmd = nullptr;
  std::vector<std::string> paths;
  unsigned workers = 0;
  uint32_t shards = 2;
  bool quiet = false;
  ingest::IngestOptions ingest_opt;
  bool no_ocr = false;
  bool no_compact = false;
  if (want("ingest")) {
    ingest_cmd = app.add_subcommand("ingest", "Add files and folders to a case (created if new)");
    ingest_cmd->add_option("--case", case_dir, "Case directory")->required();
    ingest_cmd->add_option("paths", paths, "Files or folders to ingest")->required();
    ingest_cmd->add_option("--workers", workers, "Extraction threads (default: one per core)");
    ingest_cmd->add_option("--shards", shards,
                           "Index shards the ingest writes in parallel (default 2; merged into "
                           "one at the end unless --no-compact)");
    ingest_cmd->add_flag("--no-compact", no_compact,
                         "Keep the index shards at the end (see `tahqiq compact`)");
    ingest_cmd->add_flag("--json", as_json, "Print the summary as JSON");
    ingest_cmd->add_flag("--quiet,-q", quiet, "No progress bar");
    ingest_cmd->add_flag("--no-ocr", no_ocr,
                         "Skip OCR of images and scanned PDF pages (they are recorded as such)");
    ingest_cmd->add_option("--collection", ingest_opt.collection,
                           "Collection the documents join (default \"default\"; created if new)");
    ingest_cmd->add_option(
        "--parse-timeout", ingest_opt.isolation.idle_timeout_s,
        "Seconds a parser may go without output before it is killed (default 60)");
    ingest_cmd->add_option("--parse-memory", ingest_opt.isolation.memory_limit_mb,
                           "Address-space limit of a parser process in MB (default 3072)");
  }

  CLI::App* search_cmd = nullptr;
  std::vector<std::string> words;
  size_t limit = 10, offset = 0;
  size_t facets = 0;
  if (want("search")) {
    search_cmd = app.add_subcommand("search", "Ranked full-text search");
    search_cmd->add_option("--case", case_dir, "Case directory")->required();
    search_cmd->add_option("--limit", limit, "Results to show (default 10)");
    search_cmd->add_option("--offset", offset, "Results to skip (paging)");
    search_cmd->add_flag("--json", as_json,
                         "One JSON object per result line, then one with total, "
                         "total_is_estimate, total_lower, total_upper, skipped");
    search_cmd->add_option("--facets", facets,
                           "Also list the N entities mentioned in most matching documents\n"
                           "(with --json: lines {\"facet\":\"entity\",...} after the results)");
    search_cmd
        ->add_option("query", words,
                     "Query: words, \"phrases\", AND OR NOT ( ), -word, =word, "
                     "type: lang: path: from: to: subject: name: entity:")
        ->required();
    search_cmd->footer(
        "Examples:\n  tahqiq search --case c 'invoice AND (azure OR aws)'\n"
        "  tahqiq search --case c '\"cloud services\" lang:en -draft'\n"
        "  tahqiq search --case c 'from:alice subject:contract type:eml'");
  }

  CLI::App* show_cmd = nullptr;
  int64_t id = 0;
  if (want("show")) {
    show_cmd = app.add_subcommand("show", "Print a document's text and metadata");
    show_cmd->add_option("--case", case_dir, "Case directory")->required();
    show_cmd->add_option("id", id, "Document id (from search or status)")->required();
    show_cmd->add_flag("--json", as_json, "Print as one JSON object");
  }

  CLI::App* status_cmd = nullptr;
  if (want("status")) {
    status_cmd = app.add_subcommand("status", "Counts by type, language, status; failures");
    status_cmd->add_option("--case", case_dir, "Case directory")->required();
    status_cmd->add_flag("--json", as_json, "Print as JSON");
  }

  CLI::App* reextract_cmd = nullptr;
  std::vector<int64_t> reextract_ids;
  store::Store::DocumentFilter filter;
  bool re_no_ocr = false;
  ingest::IngestOptions re_opt;
  if (want("reextract")) {
    reextract_cmd = app.add_subcommand(
        "reextract", "Extract stored documents again from their originals (e.g. deferred OCR)");
    reextract_cmd->add_option("--case", case_dir, "Case directory")->required();
    reextract_cmd->add_option("ids", reextract_ids, "Document ids");
    reextract_cmd->add_option("--status", filter.status,
                              "Documents with this status (failed, partial, ok)");
    reextract_cmd->add_option("--type", filter.type, "Documents of this type (image, pdf, ...)");
    reextract_cmd->add_option("--reason", filter.reason_contains,
                              "Documents whose failure reason contains this text");
    reextract_cmd->add_flag("--no-ocr", re_no_ocr, "Skip OCR");
    reextract_cmd->add_option("--parse-timeout", re_opt.isolation.idle_timeout_s,
                              "Seconds a parser may go without output (default 60)");
    reextract_cmd->add_flag("--json", as_json, "Print the summary as JSON");
    reextract_cmd->footer(
        "Example, OCR what an ingest --no-ocr skipped:\n"
        "  tahqiq reextract --case c --reason 'OCR skipped'");
  }

  CLI::App* reindex_cmd = nullptr;
  if (want("reindex")) {
    reindex_cmd = app.add_subcommand("reindex", "Rebuild the full-text index from the store");
    reindex_cmd->add_option("--case", case_dir, "Case directory")->required();
  }

  CLI::App* compact_cmd = nullptr;
  if (want("compact")) {
    compact_cmd = app.add_subcommand(
        "compact",
        "Merge the index shards into one database (faster searches; later ingests "
        "write one shard; `reindex` goes back to shards)");
    compact_cmd->add_option("--case", case_dir, "Case directory")->required();
  }

  std::function<int()> run_table, run_entity_command, run_access;
  if (want("table")) run_table = AddTableCommands(&app);
  if (want("entities") || want("watchlist")) run_entity_command = AddEntityCommands(app);
  if (want("figures")) AddFiguresCommand(app);  // issue 4: app/figures_cmd.cc
  if (want("user") || want("collection") || want("grant") || want("revoke") || want("audit")) {
    run_access = AddAccessCommands(&app);
  }
  // Listed here for --help; run by ExecSibling before parsing.
  if (want("serve")) {
    app.add_subcommand("serve", "The web workbench and its JSON API (docs/api)")->allow_extras();
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  auto ran = [](const CLI::App* cmd) { return cmd != nullptr && cmd->parsed(); };
  if (ran(ingest_cmd)) {
    ingest_opt.isolation.ocr = !no_ocr;
    return RunIngest(case_dir, paths, workers, shards, !no_compact, as_json, quiet, ingest_opt);
  }
  if (ran(search_cmd)) return RunSearch(case_dir, words, limit, offset, as_json, facets);
  if (ran(show_cmd)) return RunShow(case_dir, id, as_json);
  if (ran(status_cmd)) return RunStatus(case_dir, as_json);
  if (ran(reextract_cmd)) {
    re_opt.isolation.ocr = !re_no_ocr;
    re_opt.description = "reextract";
    return RunReextract(case_dir, reextract_ids, filter, as_json, re_opt);
  }
  if (ran(reindex_cmd)) return RunReindex(case_dir);
  if (ran(compact_cmd)) return RunCompact(case_dir);
  for (const auto* run : {&run_table, &run_entity_command, &run_access}) {
    if (!*run) continue;
    if (int rc = (*run)(); rc >= 0) return rc;
  }
  return 2;
}

}  // namespace tahqiq::app

int main(int argc, char** argv) { return tahqiq::app::Main(argc, argv); }
