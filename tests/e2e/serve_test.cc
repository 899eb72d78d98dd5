// End-to-end tests of `tahqiq serve`: the real binary on loopback, spoken to
// over HTTP with cpp-httplib's client. The heart is the permission matrix:
// every endpoint, for each role (admin, editor, viewer, no session), on
// documents of the caller's own, a shared and a foreign collection; and
// that nothing of a foreign collection (documents, counts, facets,
// entities, figures, name-search hits, table rows) appears in any answer.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "base/sha256.h"
#include "e2e/util.h"
#include "index/index.h"

namespace tahqiq::e2e {
namespace {

using nlohmann::json;

struct Server {
  pid_t pid = 0;
  int port = 0;
};

// Starts `tahqiq serve` and reads the port from its "listening on" line.
Server StartServer(const std::string& case_dir, const std::string& web_root,
                   const std::vector<std::string>& more = {}) {
  int out[2];
  if (::pipe(out) != 0) return {};
  std::vector<std::string> keep{TAHQIQ_BINARY, "serve",       "--case",     case_dir,
                                "--listen",    "127.0.0.1:0", "--web-root", web_root};
  keep.insert(keep.end(), more.begin(), more.end());
  std::vector<char*> argv;
  for (auto& s : keep) argv.push_back(s.data());
  argv.push_back(nullptr);
  Server s;
  s.pid = ::fork();
  if (s.pid == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  ::close(out[1]);
  std::string line;
  char ch;
  while (::read(out[0], &ch, 1) == 1 && ch != '\n') line += ch;
  ::close(out[0]);
  const std::string prefix = "listening on http://127.0.0.1:";
  if (line.rfind(prefix, 0) == 0) s.port = std::stoi(line.substr(prefix.size()));
  return s;
}

// Stops a server started by a test however the test ends: one left running
// after a failed assertion would hold ctest's pipe until its timeout.
struct StopAtExit {
  pid_t pid;
  ~StopAtExit() {
    if (pid <= 0) return;
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
};

// One client session (cookie + CSRF token), or none.
struct Who {
  std::string name, cookie, csrf;
};

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ::setenv("TAHQIQ_PASSWORD_COST", "interactive", 1);
    case_ = new std::string(MakeTempDir() + "/case");
    web_ = new std::string(MakeTempDir());
    WriteFile(*web_ + "/index.html", "<!doctype html><title>workbench</title>");
    ::mkdir((*web_ + "/static").c_str(), 0755);
    WriteFile(*web_ + "/static/app.js", "console.log('app');");
    const std::string src = SourceDir() + "/samples";
    // A canary only the foreign collection holds.
    const std::string canary = MakeTempDir() + "/canary.txt";
    WriteFile(canary, "Zanzibarquux ledger: transfer of 777,000 USD to Quuxcorp.\n");
    auto ingest = [&](const std::string& coll, std::vector<std::string> paths) {
      std::vector<std::string> args{"ingest", "-q",           "--no-ocr", "--case",
                                    *case_,   "--collection", coll};
      args.insert(args.end(), paths.begin(), paths.end());
      RunResult r = Tahqiq(args);
      ASSERT_EQ(r.exit_code, 0) << r.err;
    };
    // A ledger with the layout of gamma's invoices.csv: its rows join the
    // table named after that foreign file.
    const std::string ledger = MakeTempDir() + "/ledger-export.csv";
    WriteFile(ledger,
              "invoice,customer,amount,currency,note\n2024-001,Alpha Ltd,1200,USD,first\n"
              "2024-002,Alpha Ltd,800,USD,second\n");
    ingest("alpha", {src + "/notes", ledger});
    ingest("beta", {src + "/mail"});
    ingest("gamma", {src + "/finance", src + "/web", canary});
    // Roles and grants: alice (editor) writes alpha (her own), reads beta
    // (shared); bob (viewer: write grants are refused) reads both; gamma is
    // foreign to both. dave and eve are for the
    // revocation and throttling tests.
    for (const auto& [user, role] :
         std::vector<std::pair<std::string, std::string>>{{"root", "admin"},
                                                          {"alice", "editor"},
                                                          {"bob", "viewer"},
                                                          {"dave", "editor"},
                                                          {"eve", "viewer"}}) {
      RunResult r = TahqiqWithInput({"user", "add", "--case", *case_, user, "--role", role},
                                    "password-of-" + user + "\n");
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    for (const auto& g : std::vector<std::vector<std::string>>{{"alice", "alpha", "write"},
                                                               {"alice", "beta", "read"},
                                                               {"bob", "beta", "read"},
                                                               {"bob", "alpha", "read"},
                                                               {"dave", "beta", "read"}}) {
      RunResult r = Tahqiq({"grant", "--case", *case_, g[0], g[1], g[2]});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    server_ = new Server(StartServer(*case_, *web_));
    ASSERT_GT(server_->port, 0);
  }

  static void TearDownTestSuite() {
    if (server_ && server_->pid > 0) {
      ::kill(server_->pid, SIGTERM);
      int status = 0;
      ::waitpid(server_->pid, &status, 0);
    }
  }

  static httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port);
    c.set_read_timeout(30, 0);
    return c;
  }

  static httplib::Headers Headers(const Who& w, bool csrf = true) {
    httplib::Headers h;
    if (!w.cookie.empty()) h.emplace("Cookie", w.cookie);
    if (csrf && !w.csrf.empty()) h.emplace("X-CSRF-Token", w.csrf);
    return h;
  }

  static Who Login(const std::string& user, const std::string& password = "") {
    auto c = Client();
    json body{{"user", user}, {"password", password.empty() ? "password-of-" + user : password}};
    auto r = c.Post("/api/login", body.dump(), "application/json");
    Who w{user, "", ""};
    if (!r || r->status != 200) return w;
    const std::string set = r->get_header_value("Set-Cookie");
    w.cookie = set.substr(0, set.find(';'));
    w.csrf = json::parse(r->body)["csrf"];
    return w;
  }

  struct Reply {
    int status = 0;
    json body;
    httplib::Headers headers;
    std::string raw;
  };

  static Reply Call(const std::string& method, const std::string& path, const Who& w,
                    const json& body = nullptr, bool csrf = true) {
    auto c = Client();
    const std::string text = body.is_null() ? "" : body.dump();
    auto send = [&]() -> httplib::Result {
      if (method == "POST") return c.Post(path, Headers(w, csrf), text, "application/json");
      if (method == "PUT") return c.Put(path, Headers(w, csrf), text, "application/json");
      if (method == "DELETE") return c.Delete(path, Headers(w, csrf));
      return c.Get(path, Headers(w, csrf));
    };
    httplib::Result r = send();
    Reply out;
    if (!r) return out;
    out.status = r->status;
    out.headers = r->headers;
    out.raw = r->body;
    out.body = json::parse(r->body, nullptr, false);
    return out;
  }

  // Every document id of the case, with its collection (each document here
  // is in exactly one), as the admin sees them.
  static std::map<int64_t, std::string> AllDocs() {
    static std::map<int64_t, std::string>* docs = nullptr;
    if (docs) return *docs;
    docs = new std::map<int64_t, std::string>();
    Who root = Login("root");
    Reply r = Call("GET", "/api/search?q=&per_page=100", root);
    for (const auto& row : r.body["results"]) (*docs)[row["id"]] = row["collection"];
    return *docs;
  }

  static std::set<int64_t> DocsOf(const std::set<std::string>& collections) {
    std::set<int64_t> out;
    for (const auto& [id, c] : AllDocs()) {
      if (collections.count(c)) out.insert(id);
    }
    return out;
  }

  static std::string* case_;
  static std::string* web_;
  static Server* server_;
};

std::string* ServeTest::case_ = nullptr;
std::string* ServeTest::web_ = nullptr;
Server* ServeTest::server_ = nullptr;

// The readable collections of each user of the matrix.
const std::map<std::string, std::set<std::string>> kReadable = {
    {"root", {"alpha", "beta", "gamma", "delta", "default"}},
    {"alice", {"alpha", "beta"}},
    {"bob", {"alpha", "beta"}},
    {"", {}}};

TEST_F(ServeTest, CollectionsHoldTheirDocuments) {
  auto docs = AllDocs();
  std::map<std::string, int> per;
  for (const auto& [id, c] : docs) per[c]++;
  EXPECT_EQ(per["alpha"], 4);  // 3 notes and a ledger
  EXPECT_GE(per["beta"], 4);   // 3 e-mails and their attachments
  EXPECT_GE(per["gamma"], 5);  // 3 spreadsheets, a web page, the canary
  EXPECT_EQ(per.count("default"), 0u);
}

TEST_F(ServeTest, DocumentEndpointsFollowTheMatrix) {
  // user -> collection -> expected status of GET doc, POST tag, PUT star.
  struct Expect {
    int view, tag, star;
  };
  const std::map<std::string, std::map<std::string, Expect>> want = {
      {"root", {{"alpha", {200, 200, 200}}, {"beta", {200, 200, 200}}, {"gamma", {200, 200, 200}}}},
      // alice: alpha own (write), beta shared (read), gamma foreign.
      {"alice",
       {{"alpha", {200, 200, 200}}, {"beta", {200, 403, 200}}, {"gamma", {404, 404, 404}}}},
      // bob: a viewer never writes, whatever the grant.
      {"bob", {{"alpha", {200, 403, 200}}, {"beta", {200, 403, 200}}, {"gamma", {404, 404, 404}}}},
      {"", {{"alpha", {401, 401, 401}}, {"beta", {401, 401, 401}}, {"gamma", {401, 401, 401}}}}};
  for (const auto& [user, per] : want) {
    Who w = user.empty() ? Who{} : Login(user);
    if (!user.empty()) {
      ASSERT_FALSE(w.cookie.empty()) << user;
    }
    for (const auto& [coll, e] : per) {
      for (int64_t id : DocsOf({coll})) {
        const std::string doc = "/api/docs/" + std::to_string(id);
        SCOPED_TRACE(user + " " + coll + " " + doc);
        EXPECT_EQ(Call("GET", doc, w).status, e.view);
        EXPECT_EQ(Call("GET", doc + "/original", w).status, e.view == 200 ? 200 : e.view);
        EXPECT_EQ(Call("POST", doc + "/tags", w, json{{"tag", "checked"}}).status, e.tag);
        EXPECT_EQ(Call("POST", doc + "/notes", w, json{{"text", "a note"}}).status, e.tag);
        EXPECT_EQ(Call("PUT", doc + "/star", w).status, e.star);
        EXPECT_EQ(Call("DELETE", doc + "/star", w).status, e.star);
      }
    }
    // A document that does not exist looks exactly like a foreign one.
    if (!user.empty()) {
      Reply missing = Call("GET", "/api/docs/999999", w);
      EXPECT_EQ(missing.status, 404);
      for (int64_t id : DocsOf({"gamma"})) {
        if (user == "root") break;
        EXPECT_EQ(Call("GET", "/api/docs/" + std::to_string(id), w).raw, missing.raw);
      }
    }
  }
}

TEST_F(ServeTest, SearchCountsAndFacetsOnlyReadableDocuments) {
  for (const auto& user : {"root", "alice", "bob"}) {
    SCOPED_TRACE(user);
    Who w = Login(user);
    const std::set<int64_t> readable = DocsOf(kReadable.at(user));
    // Everything: exactly the readable documents, counted as such.
    Reply all = Call("GET", "/api/search?q=&per_page=100&facets=1", w);
    ASSERT_EQ(all.status, 200) << all.raw;
    std::set<int64_t> got;
    for (const auto& r : all.body["results"]) got.insert(r["id"].get<int64_t>());
    EXPECT_EQ(got, readable);
    EXPECT_EQ(all.body["total"].get<size_t>(), readable.size());
    // Every match fits on the page: the total is a count, not an estimate.
    EXPECT_EQ(all.body["total_is_estimate"], false);
    EXPECT_EQ(all.body["total_lower"], all.body["total"]);
    EXPECT_EQ(all.body["total_upper"], all.body["total"]);
    uint64_t type_sum = 0, coll_sum = 0;
    for (const auto& f : all.body["facets"]["type"]) type_sum += f["count"].get<uint64_t>();
    for (const auto& f : all.body["facets"]["collection"]) {
      EXPECT_TRUE(kReadable.at(user).count(f["value"])) << f;
      coll_sum += f["count"].get<uint64_t>();
    }
    EXPECT_EQ(type_sum, readable.size());
    EXPECT_EQ(coll_sum, readable.size());
    // Words, figures, entities and names of the foreign canary.
    const bool sees_gamma = kReadable.at(user).count("gamma") > 0;
    for (const std::string q : {"Zanzibarquux", "money>=777000", "name:Quuxcorp"}) {
      Reply r = Call("GET", "/api/search?facets=1&q=" + httplib::detail::encode_query_param(q), w);
      ASSERT_EQ(r.status, 200) << q << r.raw;
      EXPECT_EQ(r.body["total"].get<int>() > 0, sees_gamma) << q;
      for (const auto& row : r.body["results"]) EXPECT_TRUE(readable.count(row["id"])) << q;
    }
    // A word in every collection: the facet of the foreign one is absent.
    Reply inv = Call("GET", "/api/search?q=invoice&per_page=100&facets=1", w);
    for (const auto& row : inv.body["results"]) EXPECT_TRUE(readable.count(row["id"]));
    for (const auto& f : inv.body["facets"]["collection"]) {
      EXPECT_TRUE(kReadable.at(user).count(f["value"])) << f;
    }
    // Asking for a foreign collection by name gives nothing.
    Reply foreign = Call("GET", "/api/search?q=&collection=gamma", w);
    EXPECT_EQ(foreign.body["total"].get<int>() > 0, sees_gamma);
  }
  EXPECT_EQ(Call("GET", "/api/search?q=invoice", Who{}).status, 401);
}

TEST_F(ServeTest, EntitiesNameSearchAndTablesOnlyFromReadableDocuments) {
  Who root = Login("root");
  // Entity document counts, recomputed from the documents each user reads.
  std::map<int64_t, std::set<int64_t>> mentioned_in;           // entity -> docs
  std::map<int64_t, std::map<int64_t, uint64_t>> mentions_in;  // entity -> doc -> mentions
  for (const auto& [id, c] : AllDocs()) {
    Reply d = Call("GET", "/api/docs/" + std::to_string(id), root);
    for (const auto& e : d.body["entities"]) {
      mentioned_in[e["id"]].insert(id);
      mentions_in[e["id"]][id] = e["count"];
    }
  }
  // Table id -> source document -> rows, as the admin sees them.
  std::map<int64_t, std::map<int64_t, uint64_t>> table_sources;
  std::map<int64_t, std::string> real_name;
  for (const auto& t : Call("GET", "/api/tables", root).body) {
    Reply r = Call("GET", "/api/tables/" + t["name"].get<std::string>() + "/rows?limit=1000", root);
    for (const auto& s : r.body["sources"]) table_sources[t["id"]][s["doc"]]++;
    real_name[t["id"]] = t["name"];
  }
  for (const auto& user : {"root", "alice", "bob"}) {
    SCOPED_TRACE(user);
    Who w = Login(user);
    const std::set<int64_t> readable = DocsOf(kReadable.at(user));
    Reply ents = Call("GET", "/api/entities?limit=1000", w);
    ASSERT_EQ(ents.status, 200);
    std::set<int64_t> listed;
    json before;
    for (const auto& e : ents.body) {
      int64_t expect = 0;
      for (int64_t d : mentioned_in[e["id"]]) expect += readable.count(d);
      EXPECT_EQ(e["documents"].get<int64_t>(), expect) << e;
      uint64_t mentions = 0;
      for (const auto& [d, n] : mentions_in[e["id"]]) mentions += readable.count(d) ? n : 0;
      EXPECT_EQ(e["mentions"].get<uint64_t>(), mentions) << e;
      listed.insert(e["id"].get<int64_t>());
      // Most documents first, then most mentions, then the oldest entity.
      if (!before.is_null()) {
        EXPECT_TRUE(std::make_tuple(-before["documents"].get<int64_t>(),
                                    -before["mentions"].get<int64_t>(),
                                    before["id"].get<int64_t>()) <
                    std::make_tuple(-e["documents"].get<int64_t>(), -e["mentions"].get<int64_t>(),
                                    e["id"].get<int64_t>()))
            << before << " " << e;
      }
      before = e;
    }
    for (const auto& [eid, docs] : mentioned_in) {
      bool any = false;
      for (int64_t d : docs) any = any || readable.count(d);
      EXPECT_EQ(listed.count(eid) > 0, any) << eid;
    }
    // Name search: the canary name is foreign; a name in every collection
    // hits readable documents only.
    json names{{"names", json::array({json{{"name", "Quuxcorp"}},
                                      json{{"name", "Ministry of Finance"},
                                           {"aliases", {"وزارة المالية", "משרד האוצר"}}}})}};
    Reply ns = Call("POST", "/api/namesearch", w, names);
    ASSERT_EQ(ns.status, 200) << ns.raw;
    const bool sees_gamma = kReadable.at(user).count("gamma") > 0;
    EXPECT_EQ(ns.body["names"][0]["hits"].get<int>() > 0, sees_gamma);
    EXPECT_GT(ns.body["names"][1]["hits"].get<int>(), 0);
    for (const auto& n : ns.body["names"]) {
      for (const auto& d : n["docs"]) EXPECT_TRUE(readable.count(d["id"])) << d;
    }
    // Tables: those with a source document the user reads, with only the
    // rows of such sources, under a name no foreign file gave them.
    Reply tables = Call("GET", "/api/tables", w);
    ASSERT_EQ(tables.status, 200);
    std::map<int64_t, uint64_t> shown;
    std::map<int64_t, std::string> shown_name;
    for (const auto& t : tables.body) {
      shown[t["id"]] = t["rows"];
      shown_name[t["id"]] = t["name"];
    }
    for (const auto& [id, sources] : table_sources) {
      const std::string& name = real_name[id];
      uint64_t rows = 0;
      for (const auto& [doc, n] : sources) rows += readable.count(doc) ? n : 0;
      EXPECT_EQ(shown.count(id) ? shown[id] : 0, rows) << name;
      if (rows == 0) {
        EXPECT_EQ(Call("GET", "/api/tables/" + name + "/rows", w).status, 404) << name;
        continue;
      }
      const bool sees_namer = sees_gamma || name != "invoices";
      EXPECT_EQ(shown_name[id], sees_namer ? name : "table-" + std::to_string(id));
      if (!sees_namer) {
        // Neither the foreign file's name nor a guess of it opens the table.
        EXPECT_EQ(Call("GET", "/api/tables/" + name + "/rows", w).status, 404) << name;
      }
      Reply r = Call("GET", "/api/tables/" + shown_name[id] + "/rows?limit=1000", w);
      ASSERT_EQ(r.status, 200) << r.raw;
      EXPECT_EQ(r.body["rows"].size(), rows);
      EXPECT_EQ(r.body["total"], rows);
      for (const auto& s : r.body["sources"]) EXPECT_TRUE(readable.count(s["doc"])) << s;
    }
  }
  EXPECT_GE(table_sources.size(), 2u);
  // The ledger joined gamma's invoices table, so the hidden name was tested.
  bool joined = false;
  for (const auto& [id, name] : real_name) {
    joined = joined || (name == "invoices" && table_sources[id].size() >= 2);
  }
  EXPECT_TRUE(joined);
}

TEST_F(ServeTest, SessionsCsrfAndRoles) {
  Who alice = Login("alice");
  Reply me = Call("GET", "/api/me", alice);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.body["role"], "editor");
  EXPECT_EQ(me.body["csrf"], alice.csrf);
  EXPECT_EQ(me.body["collections"].size(), 2u);
  // The cookie is HttpOnly and SameSite=Strict.
  {
    auto c = Client();
    auto r = c.Post("/api/login", json{{"user", "bob"}, {"password", "password-of-bob"}}.dump(),
                    "application/json");
    ASSERT_TRUE(r);
    const std::string set = r->get_header_value("Set-Cookie");
    EXPECT_NE(set.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
    // Login CSRF: a cross-site form can only send text/plain (valid JSON
    // inside), which is refused; so are oversized names, before hashing.
    auto plain = c.Post("/api/login", json{{"user", "bob"}, {"password", "password-of-bob"}}.dump(),
                        "text/plain");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->status, 415);
    EXPECT_TRUE(plain->get_header_value("Set-Cookie").empty());
    auto huge =
        c.Post("/api/login", json{{"user", std::string(100000, 'a')}, {"password", "x"}}.dump(),
               "application/json");
    ASSERT_TRUE(huge);
    EXPECT_EQ(huge->status, 400);
  }
  // State changes need the session's CSRF token.
  const std::string doc = "/api/docs/" + std::to_string(*DocsOf({"alpha"}).begin());
  EXPECT_EQ(Call("POST", doc + "/tags", alice, json{{"tag", "x"}}, false).status, 403);
  Who forged = alice;
  forged.csrf = Login("bob").csrf;  // Another session's token.
  EXPECT_EQ(Call("POST", doc + "/tags", forged, json{{"tag", "x"}}).status, 403);
  EXPECT_EQ(Call("POST", "/api/logout", alice, nullptr, false).status, 403);
  // Saved searches are per user.
  Reply saved = Call("POST", "/api/searches", alice, json{{"name", "mine"}, {"q", "invoice"}});
  ASSERT_EQ(saved.status, 200);
  Who bob = Login("bob");
  EXPECT_TRUE(Call("GET", "/api/searches", bob).body.empty());
  EXPECT_EQ(
      Call("DELETE", "/api/searches/" + std::to_string(saved.body["id"].get<int>()), bob).status,
      404);
  EXPECT_EQ(Call("GET", "/api/searches", alice).body.size(), 1u);
  // The audit trail is for admins.
  EXPECT_EQ(Call("GET", "/api/audit", alice).status, 403);
  EXPECT_EQ(Call("GET", "/api/audit", bob).status, 403);
  EXPECT_EQ(Call("GET", "/api/audit", Who{}).status, 401);
  // Logout ends the session at once.
  EXPECT_EQ(Call("POST", "/api/logout", alice).status, 200);
  EXPECT_EQ(Call("GET", "/api/me", alice).status, 401);
  EXPECT_EQ(Call("GET", "/api/search?q=x", alice).status, 401);
}

// Every error answer carries a stable `code` beside its English `error`,
// and the web app has a message for that code in each interface language.
TEST_F(ServeTest, ErrorsCarryACodeTheWorkbenchTranslates) {
  Who alice = Login("alice");
  const std::string doc = "/api/docs/" + std::to_string(*DocsOf({"alpha"}).begin());
  Who expired = alice;
  expired.cookie = "tahqiq_session=" + std::string(64, '0');
  const std::vector<std::pair<Reply, std::string>> cases = {
      {Call("GET", "/api/me", Who{}), "not_logged_in"},
      {Call("GET", "/api/me", expired), "session_expired"},
      {Call("POST", doc + "/tags", alice, json{{"tag", "x"}}, false), "csrf"},
      {Call("GET", "/api/audit", alice), "admins_only"},
      {Call("GET", "/api/docs/999999", alice), "not_found"},
      {Call("GET", "/api/nothing", alice), "no_endpoint"},
      {Call("GET", "/api/search?q=%28invoice", alice), "bad_query"},
      {Call("GET", "/api/search?q=x&year=20", alice), "bad_year"},
      {Call("POST", doc + "/tags", alice, json{{"tag", "a/b"}}), "bad_tag"},
      {Call("POST", "/api/login", Who{}, json{{"user", "alice"}, {"password", "nope"}}),
       "wrong_password"},
      {Call("POST", "/api/searches", alice, json{{"name", std::string(2 << 20, 'x')}, {"q", ""}}),
       "too_large"},
  };
  std::set<std::string> codes;
  for (const auto& [r, code] : cases) {
    SCOPED_TRACE(code);
    EXPECT_GE(r.status, 400);
    EXPECT_TRUE(r.body.contains("error")) << r.raw;
    EXPECT_EQ(r.body.value("code", ""), code) << r.raw;
    codes.insert(code);
  }
  for (const char* lang : {"en", "ar", "he"}) {
    std::FILE* f = std::fopen((SourceDir() + "/web/static/messages/" + lang + ".js").c_str(), "r");
    ASSERT_NE(f, nullptr) << lang;
    std::string text;
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    std::fclose(f);
    for (const auto& code : codes) {
      EXPECT_NE(text.find("'error." + code + "':"), std::string::npos) << lang << " " << code;
    }
  }
}

TEST_F(ServeTest, DocumentsIngestedWhileServingAreFound) {
  Who root = Login("root");
  Who alice = Login("alice");
  const std::string q = "/api/search?q=Vexillobrant";
  ASSERT_EQ(Call("GET", q, root).body["total"], 0);
  const std::string file = MakeTempDir() + "/late.txt";
  WriteFile(file, "A late memo about Vexillobrant.\n");
  RunResult r = Tahqiq({"ingest", "-q", "--case", *case_, "--collection", "delta", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int total = 0;
  for (int i = 0; i < 40 && total == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    total = Call("GET", q, root).body["total"];
  }
  EXPECT_EQ(total, 1);
  EXPECT_EQ(Call("GET", q, alice).body["total"], 0);  // Not her collection.
  // The same file ingested into beta too: it is in both, and alice (who
  // reads beta) finds it once its index entry is refreshed.
  r = Tahqiq({"ingest", "-q", "--case", *case_, "--collection", "beta", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  total = 0;
  for (int i = 0; i < 40 && total == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    total = Call("GET", q, alice).body["total"];
  }
  EXPECT_EQ(total, 1);
  Reply facets = Call("GET", q + "&facets=1", root);
  EXPECT_EQ(facets.body["facets"]["collection"].size(), 2u) << facets.raw;
  Reply mine = Call("GET", q + "&facets=1", alice);
  ASSERT_EQ(mine.body["facets"]["collection"].size(), 1u) << mine.raw;
  EXPECT_EQ(mine.body["facets"]["collection"][0]["value"], "beta");
}

// Files of the case's index folder that process `pid` holds open (as
// /proc shows them: a deleted one ends in " (deleted)").
std::vector<std::string> OpenIndexFiles(pid_t pid, const std::string& case_dir) {
  std::vector<std::string> out;
  const std::string fds = "/proc/" + std::to_string(pid) + "/fd";
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(fds, ec)) {
    std::error_code ec2;
    const std::string target = std::filesystem::read_symlink(e.path(), ec2).string();
    if (!ec2 && target.rfind(case_dir + "/index/", 0) == 0) out.push_back(target);
  }
  return out;
}

// A case of its own under `root` (`root`/case): `n` memos on `words`,
// ingested into `shards` shards left unmerged, and an admin "root".
void MakeShardedCase(const std::string& root, int n, const std::string& words, int shards) {
  for (int i = 0; i < n; ++i) {
    WriteFile(root + "/a/n" + std::to_string(i) + ".txt",
              "Memo " + std::to_string(i) + " on the " + words + ".\n");
  }
  RunResult r = Tahqiq({"ingest", "-q", "--no-ocr", "--no-compact", "--shards",
                        std::to_string(shards), "--case", root + "/case", root + "/a"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = TahqiqWithInput({"user", "add", "--case", root + "/case", "root", "--role", "admin"},
                      "password-of-root\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

// The session cookie ("name=value") of "root" logged in to the server on
// `port`; empty if the login failed.
std::string RootCookie(int port) {
  httplib::Client c("127.0.0.1", port);
  auto login = c.Post("/api/login", json{{"user", "root"}, {"password", "password-of-root"}}.dump(),
                      "application/json");
  if (!login || login->status != 200) return "";
  const std::string set = login->get_header_value("Set-Cookie");
  return set.substr(0, set.find(';'));
}

// An ingest into a case of shards ends by merging them into a generation
// (`index/current`) and deleting them: a running server must close the
// shards it had open by the next request, on every thread, or their disk
// is not freed; no request may fail meanwhile.
TEST_F(ServeTest, ReplacedIndexFilesAreClosedAfterACompaction) {
  const std::string root = MakeTempDir(), case_dir = root + "/case";
  ASSERT_NO_FATAL_FAILURE(MakeShardedCase(root, 24, "marrowfield shipment", 3));
  Server own = StartServer(case_dir, *web_, {"--threads", "4"});
  StopAtExit stop{own.pid};
  ASSERT_GT(own.port, 0);
  const std::string cookie = RootCookie(own.port);
  ASSERT_FALSE(cookie.empty());
  // Searches from several clients at once until the ingest ends, so that
  // every server thread has searched the shards; each must succeed.
  std::atomic<bool> done{false};
  std::atomic<int> answered{0}, failed{0};
  auto search = [&](const std::string& q) {
    httplib::Client c("127.0.0.1", own.port);
    c.set_read_timeout(30, 0);
    auto res = c.Get("/api/search?q=" + q, {{"Cookie", cookie}});
    if (!res || res->status != 200) return json();
    return json::parse(res->body, nullptr,
                       /*allow_exceptions=*/false);  // Discarded: counted failed.
  };
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&] {
      for (int i = 0; i < 5 || !done; ++i) {
        json j = search("marrowfield");
        // 25 once the ingest's document is found.
        if (j.is_object() && (j["total"] == 24 || j["total"] == 25)) {
          ++answered;
        } else {
          ++failed;
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // EXPECT, not ASSERT: returning here would destroy the joinable client threads.
  EXPECT_FALSE(OpenIndexFiles(own.pid, case_dir).empty());  // Searches hold the shards.
  WriteFile(root + "/b/late.txt", "A late memo on the marrowfield quillbrook.\n");
  RunResult r = Tahqiq({"ingest", "-q", "--no-ocr", "--case", case_dir, root + "/b"});
  done = true;
  for (auto& t : clients) t.join();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(answered, 40);
  EXPECT_EQ(failed, 0);
  // Merged: the layout file lists a generation, the shards are gone.
  EXPECT_FALSE(std::filesystem::exists(case_dir + "/index/shard-0"));
  ASSERT_TRUE(std::filesystem::exists(case_dir + "/index/current"));

  // The next request finds the new document (retried: the ingest's last
  // index commit may land after the clients' last search) ...
  int total = 0;
  for (int i = 0; i < 40 && total != 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    json j = search("quillbrook");
    ASSERT_TRUE(j.is_object());
    total = j["total"];
  }
  EXPECT_EQ(total, 1);
  // ... and then nothing of the shards is open in any thread.
  for (const auto& f : OpenIndexFiles(own.pid, case_dir)) {
    EXPECT_EQ(f.find("/index/shard-"), std::string::npos) << f;
  }
  EXPECT_EQ(search("marrowfield")["total"], 25);
}

// An ingest commits the store, then the index. The server's pooled readers
// are renewed on the index's own publications (index::LocalIndexStamp),
// not on the store's outbox, so an index commit that follows the store's
// reaches the next search. Here the index alone changes (a document's
// entries deleted straight in the index, the outbox unmoved): the very next
// search, by the one request thread whose pooled reader saw the entries,
// must see them gone.
TEST_F(ServeTest, AnIndexCommitAloneReachesTheNextSearch) {
  const std::string root = MakeTempDir(), case_dir = root + "/case";
  // Shards, not a merged generation, so the layout file `current`, whose
  // replacement a compaction signals by, stays out of it.
  ASSERT_NO_FATAL_FAILURE(MakeShardedCase(root, 20, "quarrystone ledger", 2));
  Server own = StartServer(case_dir, *web_, {"--threads", "1"});
  StopAtExit stop{own.pid};
  ASSERT_GT(own.port, 0);
  const httplib::Headers cookie{{"Cookie", RootCookie(own.port)}};
  httplib::Client c("127.0.0.1", own.port);
  auto search = [&] {
    auto res = c.Get("/api/search?q=quarrystone", cookie);
    return res && res->status == 200 ? json::parse(res->body, nullptr, false) : json();
  };
  // The writer is opened first: exactly one commit must follow the reader's
  // opening, as at the end of an ingest (a reader two commits behind has
  // its blocks reused and reopens when Xapian says so).
  auto w = index::OpenLocalIndex(case_dir + "/index", 2, index::OpenMode::kWrite);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  auto seq = (*w)->AppliedSeq();
  ASSERT_TRUE(seq.ok());
  json first = search();
  ASSERT_EQ(first["total"], 20) << first.dump();
  ASSERT_EQ(search()["total"], 20);  // The pooled reader, reused.
  ASSERT_TRUE((*w)->DeleteDocument(first["results"][0]["id"].get<int64_t>()).ok());
  ASSERT_TRUE((*w)->Commit(*seq).ok());  // The store's outbox does not move.
  EXPECT_EQ(search()["total"], 19);
  EXPECT_EQ(search()["total"], 19);
}

TEST_F(ServeTest, TagsAndNotesStayInTheirCollection) {
  // The same content in alpha (alice writes) and omega (olga writes) is one
  // document; each newsroom's tags and notes stay with its collection.
  const std::string file = MakeTempDir() + "/shared.txt";
  WriteFile(file, "A shared memo about Quillbrantine.\n");
  for (const char* coll : {"alpha", "omega"}) {
    RunResult r = Tahqiq({"ingest", "-q", "--case", *case_, "--collection", coll, file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  RunResult u = TahqiqWithInput({"user", "add", "--case", *case_, "olga", "--role", "editor"},
                                "password-of-olga\n");
  ASSERT_EQ(u.exit_code, 0) << u.err;
  RunResult g = Tahqiq({"grant", "--case", *case_, "olga", "omega", "write"});
  ASSERT_EQ(g.exit_code, 0) << g.err;
  Who root = Login("root"), alice = Login("alice"), olga = Login("olga"), bob = Login("bob");
  int64_t id = 0;
  for (int i = 0; i < 100 && id == 0; ++i) {
    Reply r = Call("GET", "/api/search?q=Quillbrantine&facets=1", root);
    if (r.body["total"] == 1 && r.body["facets"]["collection"].size() == 2u) {
      id = r.body["results"][0]["id"];
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ASSERT_NE(id, 0);
  const std::string doc = "/api/docs/" + std::to_string(id);
  ASSERT_EQ(Call("POST", doc + "/tags", alice, json{{"tag", "alpha-lead"}}).status, 200);
  // A tag is a segment of its DELETE URL: a slash could never be removed.
  EXPECT_EQ(Call("POST", doc + "/tags", alice, json{{"tag", "leads/2024"}}).status, 400);
  ASSERT_EQ(Call("POST", doc + "/notes", alice, json{{"text", "alpha source note"}}).status, 200);
  ASSERT_EQ(Call("POST", doc + "/tags", olga, json{{"tag", "omega-lead"}}).status, 200);
  ASSERT_EQ(Call("POST", doc + "/notes", olga, json{{"text", "omega source note"}}).status, 200);
  auto seen = [&](const Who& w) {
    Reply r = Call("GET", doc, w);
    std::string tags, notes;
    for (const auto& t : r.body["tags"]) tags += t.get<std::string>() + ";";
    for (const auto& n : r.body["notes"]) notes += n["text"].get<std::string>() + ";";
    return tags + "|" + notes;
  };
  EXPECT_EQ(seen(alice), "alpha-lead;|alpha source note;");
  EXPECT_EQ(seen(bob), "alpha-lead;|alpha source note;");  // bob reads alpha only.
  EXPECT_EQ(seen(olga), "omega-lead;|omega source note;");
  EXPECT_EQ(seen(root), "alpha-lead;omega-lead;|alpha source note;omega source note;");
  // The paths it was ingested from are shown only to who reads all its
  // collections: they may be another newsroom's folders.
  EXPECT_TRUE(Call("GET", doc, alice).body["provenance"].empty());
  EXPECT_EQ(Call("GET", doc, alice).body["path"], "");
  EXPECT_FALSE(Call("GET", doc, root).body["provenance"].empty());
  EXPECT_EQ(Call("GET", "/api/search?q=Quillbrantine", alice).body["results"][0]["path"], "");
  EXPECT_NE(Call("GET", "/api/search?q=Quillbrantine", root).body["results"][0]["path"], "");
  // Tags filter and facet searches, each caller over its own collections'
  // tags; stars filter over the caller's own stars. Retried: the index
  // commit of the ingest above may land a moment after its store commit.
  auto total = [&](const std::string& q, const Who& w, int64_t expect) {
    int64_t n = -1;
    for (int i = 0; i < 40 && n != expect; ++i) {
      if (i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      n = Call("GET", "/api/search?" + q, w).body["total"].get<int64_t>();
    }
    return n;
  };
  EXPECT_EQ(total("tag=alpha-lead", alice, 1), 1);
  EXPECT_EQ(total("q=Quillbrantine&tag=alpha-lead", alice, 1), 1);
  EXPECT_EQ(total("tag=omega-lead", root, 1), 1);
  EXPECT_EQ(total("q=invoice&tag=alpha-lead", alice, 0), 0);
  EXPECT_EQ(total("tag=omega-lead", alice, 0), 0);
  auto tag_facet = [&](const Who& w, const json& expect) {
    json got;
    for (int i = 0; i < 40 && got != expect; ++i) {
      if (i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      got = Call("GET", "/api/search?q=Quillbrantine&facets=1", w).body["facets"]["tag"];
    }
    return got;
  };
  const json alpha_only = json::parse(R"([{"value":"alpha-lead","count":1}])");
  const json both =
      json::parse(R"([{"value":"alpha-lead","count":1},{"value":"omega-lead","count":1}])");
  EXPECT_EQ(tag_facet(alice, alpha_only), alpha_only);
  EXPECT_EQ(tag_facet(root, both), both);
  EXPECT_EQ(total("starred=1", alice, 0), 0);
  ASSERT_EQ(Call("PUT", doc + "/star", alice).status, 200);
  EXPECT_EQ(total("starred=1", alice, 1), 1);
  EXPECT_EQ(total("starred=1&tag=alpha-lead", alice, 1), 1);
  EXPECT_EQ(total("starred=1", root, 0), 0);
  // olga cannot remove alpha's tag: for her it does not exist.
  EXPECT_EQ(Call("DELETE", doc + "/tags/alpha-lead", olga).status, 404);
  EXPECT_EQ(seen(alice), "alpha-lead;|alpha source note;");
}

TEST_F(ServeTest, PathWordsFindOnlyDocumentsWhosePathsTheCallerSees) {
  // One memo filed by alpha and by delta under different folders. alice
  // (alpha) is not shown its paths, so delta's folder name must not find it
  // for her, nor rule it out under NOT.
  const std::string a = MakeTempDir() + "/alphadesk", d = MakeTempDir() + "/zephyrdesk";
  ::mkdir(a.c_str(), 0755);
  ::mkdir(d.c_str(), 0755);
  WriteFile(a + "/memo.txt", "Brontolavix memo.\n");
  WriteFile(d + "/memo.txt", "Brontolavix memo.\n");
  for (const auto& [coll, dir] : {std::pair{"alpha", a}, std::pair{"delta", d}}) {
    RunResult r = Tahqiq({"ingest", "-q", "--no-ocr", "--case", *case_, "--collection", coll, dir});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  Who root = Login("root"), alice = Login("alice");
  int total = 0;
  for (int i = 0; i < 100 && total == 0; ++i) {
    total = Call("GET", "/api/search?q=Brontolavix%20path:zephyrdesk", root).body["total"];
    if (total == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(total, 1);
  EXPECT_EQ(Call("GET", "/api/search?q=Brontolavix", alice).body["total"], 1);
  EXPECT_EQ(Call("GET", "/api/search?q=Brontolavix%20path:zephyrdesk", alice).body["total"], 0);
  EXPECT_EQ(Call("GET", "/api/search?q=Brontolavix%20NOT%20path:zephyrdesk", alice).body["total"],
            0);
  EXPECT_EQ(Call("GET", "/api/search?q=Brontolavix%20NOT%20path:zephyrdesk", root).body["total"],
            0);
  // Path words still find what is only in her collections.
  EXPECT_GT(Call("GET", "/api/search?q=path:notes", alice).body["total"], 0);
}

TEST_F(ServeTest, EntityNamesComeFromReadableDocuments) {
  // delta files the address first, in its own spelling; alpha later. alice
  // (alpha) sees the entity named and aliased from alpha's mention only.
  const std::string d = MakeTempDir() + "/d.txt", a = MakeTempDir() + "/a.txt";
  WriteFile(d, "Write to Ophelia.Quarantine@Example.ORG about the shipment.\n");
  WriteFile(a, "Contact: ophelia.quarantine@example.org\n");
  for (const auto& [coll, file] : {std::pair{"delta", d}, std::pair{"alpha", a}}) {
    RunResult r =
        Tahqiq({"ingest", "-q", "--no-ocr", "--case", *case_, "--collection", coll, file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  Who root = Login("root"), alice = Login("alice");
  auto find = [&](const Who& w) {
    for (const auto& e : Call("GET", "/api/entities?kind=email&limit=1000", w).body) {
      if (e["aliases"].dump().find("ophelia") != std::string::npos) return e;
    }
    return json();
  };
  json all = find(root), mine = find(alice);
  ASSERT_FALSE(all.is_null());
  ASSERT_FALSE(mine.is_null());
  EXPECT_EQ(all["documents"], 2);
  EXPECT_EQ(all["name"], "Ophelia.Quarantine@Example.ORG");
  EXPECT_EQ(mine["documents"], 1);
  EXPECT_EQ(mine["name"], "ophelia.quarantine@example.org");
  EXPECT_EQ(mine["aliases"].dump().find("Example.ORG"), std::string::npos) << mine;
  // Not empty for a non-admin (as openapi.yaml once said): the normalized
  // values of the mentions in the documents the caller reads.
  EXPECT_EQ(mine["aliases"], json::array({"ophelia.quarantine@example.org"})) << mine;
  EXPECT_EQ(mine["mentions"], 1);
  EXPECT_EQ(all["aliases"], json::array({"ophelia.quarantine@example.org"})) << all;
  EXPECT_EQ(all["mentions"], 2);
  // Search facets name it the same way.
  auto facet = [&](const Who& w) {
    Reply r = Call("GET",
                   "/api/search?facets=1&q=" + httplib::detail::encode_query_param(
                                                   "entity:\"ophelia.quarantine@example.org\""),
                   w);
    for (const auto& e : r.body["facets"]["entity"]) {
      if (e["id"] == all["id"]) return e;
    }
    return json();
  };
  json f_all = facet(root), f_mine = facet(alice);
  EXPECT_EQ(f_all["value"], "Ophelia.Quarantine@Example.ORG") << f_all;
  EXPECT_EQ(f_all["count"], 2);
  EXPECT_EQ(f_mine["value"], "ophelia.quarantine@example.org") << f_mine;
  EXPECT_EQ(f_mine["count"], 1);
}

TEST_F(ServeTest, RevocationTakesEffectOnTheNextRequest) {
  Who dave = Login("dave");
  const std::string doc = "/api/docs/" + std::to_string(*DocsOf({"beta"}).begin());
  ASSERT_EQ(Call("GET", doc, dave).status, 200);
  RunResult r = Tahqiq({"revoke", "--case", *case_, "dave", "beta", "read"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Call("GET", doc, dave).status, 404);
  EXPECT_EQ(Call("GET", "/api/search?q=", dave).body["total"], 0);
  // Removing the user ends their session.
  r = Tahqiq({"user", "remove", "--case", *case_, "dave"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Call("GET", "/api/me", dave).status, 401);
}

// The throttle counts in whole seconds from each failure: with the default
// 1 s delay, a request that came a second later (a busy machine) found it
// lapsed and logged in. This server waits 600 s instead, far longer than
// any pause between two requests, so the count is exact: five failures are
// checked, then every attempt waits (the delay grows from there in
// AccessTest, on a fake clock).
// It shares the fixture's access.db: the failures counted per address
// (127.0.0.1, every test's) stay below that limit (20) only while the other
// tests fail few logins; past it this test's first login would get 429.
TEST_F(ServeTest, FailedLoginsAreThrottled) {
  Server own = StartServer(*case_, *web_, {"--login-delay", "600"});
  StopAtExit stop{own.pid};
  ASSERT_GT(own.port, 0);
  httplib::Client c("127.0.0.1", own.port);
  c.set_read_timeout(30, 0);
  auto login = [&](const std::string& password) {
    auto r = c.Post("/api/login", json{{"user", "eve"}, {"password", password}}.dump(),
                    "application/json");
    return r ? std::make_pair(r->status, json::parse(r->body, nullptr, false))
             : std::make_pair(0, json());
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login("wrong-guess").first, 401) << i;
  auto [status, body] = login("wrong-guess");
  EXPECT_EQ(status, 429);
  EXPECT_GT(body["retry_after"].get<int>(), 0) << body;
  EXPECT_LE(body["retry_after"].get<int>(), 600) << body;
  // Even the right password waits.
  EXPECT_EQ(login("password-of-eve").first, 429);
}

TEST_F(ServeTest, BehindAProxyClientsAreThrottledApartAndCookiesAreSecure) {
  Server proxied = StartServer(*case_, *web_, {"--trusted-proxy", "127.0.0.1", "--secure-cookie"});
  StopAtExit stop{proxied.pid};
  ASSERT_GT(proxied.port, 0);
  httplib::Client c("127.0.0.1", proxied.port);
  c.set_read_timeout(30, 0);  // Each login hashes a password: slow under ASan on a busy machine.
  auto login = [&](const std::string& user, const std::string& password, const std::string& xff) {
    return c.Post("/api/login", {{"X-Forwarded-For", xff}},
                  json{{"user", user}, {"password", password}}.dump(), "application/json");
  };
  // One client guessing many accounts through the proxy is throttled by its
  // own address (the last one the proxy appended, whatever it was sent)...
  int last = 0;
  for (int i = 0; i < 40 && last != 429; ++i) {
    auto r = login("ghost" + std::to_string(i), "guess", i % 2 ? "10.9.9.9" : "6.6.6.6, 10.9.9.9");
    ASSERT_TRUE(r);
    last = r->status;
  }
  EXPECT_EQ(last, 429);
  // ... and not everyone else behind the same proxy.
  auto other = login("root", "password-of-root", "10.9.9.10");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
  const std::string cookie = other->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie.rfind("__Host-tahqiq_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  // The secure cookie is the one this server reads.
  const std::string pair = cookie.substr(0, cookie.find(';'));
  auto me = c.Get("/api/me", {{"Cookie", pair}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(json::parse(me->body)["user"], "root");
}

TEST_F(ServeTest, OriginalsAreStreamedWhole) {
  // Many read pieces long, with multi-byte characters across their edges.
  std::string big;
  for (int i = 0; big.size() < (3u << 20) + 12345; ++i) {
    big += "line " + std::to_string(i) + " of the Vellichorant ledger, سطر " + std::to_string(i) +
           (i % 3 ? "\n" : " שורה\n");
  }
  const std::string file = MakeTempDir() + "/ledger.bin.txt";
  WriteFile(file, big);
  RunResult r =
      Tahqiq({"ingest", "-q", "--no-ocr", "--case", *case_, "--collection", "alpha", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Who alice = Login("alice");
  const std::string sha = Sha256::HexOf(big);
  int64_t id = 0;
  for (int i = 0; i < 40 && id == 0; ++i) {
    if (i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    Reply found = Call("GET", "/api/search?q=Vellichorant", alice);
    if (found.body["total"] == 1) id = found.body["results"][0]["id"];
  }
  ASSERT_NE(id, 0);
  auto c = Client();
  auto got = c.Get("/api/docs/" + std::to_string(id) + "/original",
                   {{"Cookie", alice.cookie}, {"X-CSRF-Token", alice.csrf}});
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, 200);
  EXPECT_EQ(got->get_header_value("Content-Length"), std::to_string(big.size()));
  EXPECT_EQ(got->body.size(), big.size());
  EXPECT_EQ(Sha256::HexOf(got->body), sha);
}

TEST_F(ServeTest, AuditRecordsViewsAndDownloads) {
  Who bob = Login("bob");
  const int64_t id = *DocsOf({"alpha"}).begin();
  ASSERT_EQ(Call("GET", "/api/docs/" + std::to_string(id), bob).status, 200);
  ASSERT_EQ(Call("GET", "/api/docs/" + std::to_string(id) + "/original", bob).status, 200);
  Who root = Login("root");
  std::set<std::string> actions;
  for (int i = 0; i < 50 && !(actions.count("view") && actions.count("download")); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // Batched appends.
    actions.clear();
    for (const auto& e : Call("GET", "/api/audit?limit=1000", root).body) {
      if (e["actor"] == "user:bob") actions.insert(e["action"].get<std::string>());
    }
  }
  EXPECT_TRUE(actions.count("view"));
  EXPECT_TRUE(actions.count("download"));
  EXPECT_TRUE(actions.count("login"));
}

TEST_F(ServeTest, HeadersLimitsAndStaticFiles) {
  Who alice = Login("alice");
  for (const std::string path : {"/api/me", "/", "/doc/42", "/static/app.js", "/api/nothing"}) {
    auto c = Client();
    httplib::Headers h{{"Cookie", alice.cookie}};
    auto r = c.Get(path, h);
    ASSERT_TRUE(r) << path;
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos)
        << path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << path;
  }
  auto c = Client();
  auto index = c.Get("/doc/42");
  EXPECT_NE(index->body.find("workbench"), std::string::npos);  // Client-side route.
  EXPECT_EQ(c.Get("/static/app.js")->get_header_value("Content-Type").rfind("text/javascript", 0),
            0u);
  EXPECT_EQ(c.Get("/static/missing.js")->status, 404);
  EXPECT_EQ(c.Get("/api/me")->get_header_value("Cache-Control"), "no-store");
  // Nothing outside the web root, however the path is spelled.
  for (const std::string path : {"/static/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                 "/static/..%2f..%2f..%2fetc/passwd", "/..\\..\\etc\\passwd"}) {
    auto r = c.Get(path);
    if (!r) continue;  // Refused at the HTTP level is fine too.
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
    EXPECT_NE(r->status, 500) << path;
  }
  // The original is an attachment under a sandbox policy.
  Reply orig =
      Call("GET", "/api/docs/" + std::to_string(*DocsOf({"alpha"}).begin()) + "/original", alice);
  ASSERT_EQ(orig.status, 200);
  auto header = [&](const char* k) {
    auto it = orig.headers.find(k);
    return it == orig.headers.end() ? std::string() : it->second;
  };
  EXPECT_EQ(header("Content-Security-Policy"), "sandbox; default-src 'none'");
  EXPECT_EQ(header("Content-Disposition").rfind("attachment;", 0), 0u);
  EXPECT_EQ(header("Content-Type"), "application/octet-stream");
  // Bodies over the limit are refused before anything else.
  Reply big =
      Call("POST", "/api/searches", alice, json{{"name", std::string(2 << 20, 'x')}, {"q", ""}});
  EXPECT_EQ(big.status, 413);
  // Malformed input is a clear 400.
  auto bad = c.Post("/api/login", "{not json", "application/json");
  EXPECT_EQ(bad->status, 400);
  EXPECT_TRUE(json::parse(bad->body).contains("error"));
}

TEST_F(ServeTest, DocumentViewSplitsParagraphsWithDirectionAndMarks) {
  Who alice = Login("alice");
  bool saw_rtl = false, saw_ltr = false, saw_q = false, saw_entity = false, saw_figure = false;
  for (int64_t id : DocsOf({"alpha"})) {
    Reply d = Call("GET", "/api/docs/" + std::to_string(id) + "?q=invoice", alice);
    ASSERT_EQ(d.status, 200);
    for (const auto& p : d.body["paragraphs"]) {
      std::string text;
      for (const auto& s : p["segments"]) {
        text += s["text"].get<std::string>();
        saw_q = saw_q || (s.contains("q") && s["text"] == "invoice");
        saw_entity = saw_entity || s.contains("entity");
        saw_figure = saw_figure || s.contains("figure");
      }
      ASSERT_FALSE(text.empty());
      // The direction follows the first strong character of the paragraph.
      const unsigned char first =
          static_cast<unsigned char>(text[text.find_first_not_of(" 0123456789.,-:")]);
      const bool rtl_start =
          first == 0xD7 || first == 0xD8 || first == 0xD9 || first == 0xDA || first == 0xDB;
      EXPECT_EQ(p["dir"] == "rtl", rtl_start) << text;
      saw_rtl = saw_rtl || p["dir"] == "rtl";
      saw_ltr = saw_ltr || p["dir"] == "ltr";
    }
  }
  EXPECT_TRUE(saw_rtl);
  EXPECT_TRUE(saw_ltr);
  EXPECT_TRUE(saw_q);
  EXPECT_TRUE(saw_entity);
  EXPECT_TRUE(saw_figure);
}

}  // namespace
}  // namespace tahqiq::e2e
