#include "serve/server.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "analyze/bidi.h"
#include "base/file_util.h"
#include "base/sha256.h"
#include "ingest/case.h"
#include "query/figure_filter.h"
#include "query/query.h"
#include "query/watchlist.h"
#include "serve/http.h"
#include "serve/work.h"
#include "store/blob_store.h"
#include "tables/table_db.h"

namespace tahqiq::serve {
namespace {

using json = nlohmann::json;

constexpr const char* kCookie = "tahqiq_session";
constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
constexpr size_t kMaxDocText = 8u << 20;  // Text a document view shows at most.

std::string Dump(const json& j) {
  // Stored text may hold invalid UTF-8 (raw paths, broken files): replaced,
  // never an exception.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void SecurityHeaders(HttpResponse* r) {
  r->headers.emplace_back("Content-Security-Policy", kCsp);
  r->headers.emplace_back("X-Content-Type-Options", "nosniff");
  r->headers.emplace_back("Referrer-Policy", "no-referrer");
  r->headers.emplace_back("X-Frame-Options", "DENY");
}

// The `code` of an answer whose call site gives none: one per status.
const char* DefaultErrorCode(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "not_logged_in";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 409:
      return "limit_reached";
    case 413:
      return "too_large";
    case 415:
      return "unsupported_media_type";
    case 429:
      return "too_many_attempts";
    default:
      return status >= 500 ? "internal" : "error";
  }
}

// `code` is stable and made for clients to translate (the web app has a
// message per code in each interface language); `error` stays English.
void Error(HttpResponse* r, int status, const char* code, const std::string& message) {
  r->status = status;
  r->content_type = "application/json";
  if (status >= 500) {
    // Internal messages name files of the case (paths can point at a source
    // or a newsroom): they go to the server's log, the client gets a
    // reference to quote.
    static std::atomic<uint64_t> next{0};
    const std::string ref = std::to_string(::time(nullptr)) + "-" + std::to_string(++next);
    std::fprintf(stderr, "serve: error %s: %s\n", ref.c_str(), message.c_str());
    r->body = Dump(json{{"error", "internal error (reference " + ref + " in the server log)"},
                        {"code", "internal"},
                        {"ref", ref}});
    return;
  }
  r->body = Dump(json{{"error", message}, {"code", code}});
}

void Error(HttpResponse* r, int status, const std::string& message) {
  Error(r, status, DefaultErrorCode(status), message);
}

// 409 for a per-user limit reached (work.h), else 500.
int HttpStatusOf(const Status& st) {
  return st.code() == StatusCode::kResourceExhausted ? 409 : 500;
}

void Ok(HttpResponse* r, const json& j) {
  r->status = 200;
  r->content_type = "application/json";
  r->body = Dump(j);
}

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool ParseId(const std::string& s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return v > 0;
}

int64_t IntParam(const HttpRequest& req, const std::string& name, int64_t def, int64_t lo,
                 int64_t hi) {
  std::string v = req.Param(name);
  if (v.empty()) return def;
  char* end = nullptr;
  long long x = std::strtoll(v.c_str(), &end, 10);
  if (end == v.c_str() || *end != 0) return def;
  return std::clamp<int64_t>(x, lo, hi);
}

std::string CsrfOf(const std::string& token) { return Sha256::HexOf("tahqiq-csrf:" + token); }

std::string CookieToken(const HttpRequest& req, const std::string& name) {
  const std::string cookies = req.Header("cookie");
  const std::string key = name + "=";
  size_t at = 0;
  while (at < cookies.size()) {
    while (at < cookies.size() && (cookies[at] == ' ' || cookies[at] == ';')) ++at;
    size_t end = cookies.find(';', at);
    if (end == std::string::npos) end = cookies.size();
    if (cookies.compare(at, key.size(), key) == 0) {
      return cookies.substr(at + key.size(), end - at - key.size());
    }
    at = end;
  }
  return "";
}

// Constant-time comparison of the CSRF header with the expected value.
bool SameSecret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char d = 0;
  for (size_t i = 0; i < a.size(); ++i) d |= static_cast<unsigned char>(a[i] ^ b[i]);
  return d == 0;
}

std::string ContentType(const std::string& path) {
  static const std::map<std::string, std::string> kTypes = {
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"txt", "text/plain; charset=utf-8"},
      {"map", "application/json"}};
  size_t dot = path.rfind('.');
  if (dot != std::string::npos) {
    auto it = kTypes.find(path.substr(dot + 1));
    if (it != kTypes.end()) return it->second;
  }
  return "application/octet-stream";
}

bool ReadWholeFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Snippet byte marks as [text, is_match] segments.
json Segments(const query::Snippet& s) {
  json out = json::array();
  size_t at = 0;
  for (const auto& [b, e] : s.marks) {
    if (b < at || e > s.text.size() || b >= e) continue;
    if (b > at) out.push_back(json::array({s.text.substr(at, b - at), false}));
    out.push_back(json::array({s.text.substr(b, e - b), true}));
    at = e;
  }
  if (at < s.text.size()) out.push_back(json::array({s.text.substr(at), false}));
  return out;
}

// ---- audit queue: batched appends from a background thread ----
class AuditQueue {
 public:
  AuditQueue(std::string path, int flush_ms) : path_(std::move(path)), flush_ms_(flush_ms) {}
  Status Start() {
    TAHQIQ_ASSIGN_OR_RETURN(log_, AuditLog::Open(path_));
    thread_ = std::thread([this] { Loop(); });
    return Status::Ok();
  }
  void Add(const std::string& actor, const std::string& action, const std::string& target,
           const json& details) {
    AuditEntry e;
    e.actor = actor;
    e.action = action;
    e.target = target;
    e.details = Dump(details);
    std::lock_guard<std::mutex> l(mu_);
    pending_.push_back(std::move(e));
    cv_.notify_one();
  }
  void Stop() {
    {
      std::lock_guard<std::mutex> l(mu_);
      stop_ = true;
      cv_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
  }

 private:
  void Loop() {
    std::unique_lock<std::mutex> l(mu_);
    for (;;) {
      cv_.wait(l, [this] { return stop_ || !pending_.empty(); });
      if (!stop_) {
        // Let a batch gather: one transaction (one fsync) for all of it.
        cv_.wait_for(l, std::chrono::milliseconds(flush_ms_), [this] { return stop_; });
      }
      std::vector<AuditEntry> batch;
      batch.swap(pending_);
      const bool last = stop_;
      l.unlock();
      if (!batch.empty()) {
        auto r = log_->AppendAll(std::move(batch));
        if (!r.ok()) std::fprintf(stderr, "serve: audit: %s\n", r.status().ToString().c_str());
      }
      l.lock();
      if (last && pending_.empty()) return;
    }
  }

  std::string path_;
  int flush_ms_;
  std::unique_ptr<AuditLog> log_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<AuditEntry> pending_;
  bool stop_ = false;
  std::thread thread_;
};

// ---- index readers ----
// Index readers shared by the request threads. A reader sees the index as
// it was when opened, and keeps the files it opened: the shards or the
// generation a compaction has since replaced stay on disk (about 1.2 GB on
// the bench corpus) until it is closed. So readers are opened again when
// the index publishes a new state (index::LocalIndexStamp: a commit, a
// compaction, a reindex), and the idle ones of an older state are closed as
// soon as any request notices, those in use when their request ends.
// The store's outbox was the signal before, but an ingest commits the store
// before the index: a reader opened between the two could be kept, blind to
// the index commit, until the store changed again (unless a later read hit
// Xapian's DatabaseModifiedError and reopened it). Thread-safe.
class IndexReaders {
 public:
  IndexReaders(std::string dir, uint32_t shards) : dir_(std::move(dir)), shards_(shards) {}

  // A reader for one request, given back to the pool when destroyed.
  class Lease {
   public:
    Lease(IndexReaders* pool, std::unique_ptr<index::Index> reader, uint64_t epoch)
        : pool_(pool), reader_(std::move(reader)), epoch_(epoch) {}
    Lease(Lease&& o) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (reader_) pool_->GiveBack(std::move(reader_), epoch_);
    }
    index::Index& operator*() const { return *reader_; }

   private:
    IndexReaders* pool_;
    std::unique_ptr<index::Index> reader_;
    uint64_t epoch_;
  };

  // Closes the idle readers if the index changed. A few stat() calls and a
  // lock: cheap enough for every request.
  void Refresh() {
    std::vector<std::unique_ptr<index::Index>> stale;
    Refresh(&stale);
  }

  Result<Lease> Take() {
    std::vector<std::unique_ptr<index::Index>> stale;  // Closed outside the lock.
    // The state is read before the reader is opened: one opened while the
    // index changes carries the older epoch and is dropped, never kept
    // past a change it may have missed.
    // An idle reader is taken under the same lock as the epoch it is
    // labeled with, so it is never one of a newer epoch given back as older.
    std::unique_ptr<index::Index> reader;
    const uint64_t epoch = Refresh(&stale, &reader);
    if (!reader) {
      TAHQIQ_ASSIGN_OR_RETURN(reader, index::OpenLocalIndex(dir_, shards_, index::OpenMode::kRead));
    }
    return Lease(this, std::move(reader), epoch);
  }

 private:
  // Returns the current epoch; moves the idle readers to `stale` when it
  // changes, then, if `take` is given, moves an idle reader of the current
  // epoch (if any) into it.
  uint64_t Refresh(std::vector<std::unique_ptr<index::Index>>* stale,
                   std::unique_ptr<index::Index>* take = nullptr) {
    std::string stamp = index::LocalIndexStamp(dir_, shards_);
    std::lock_guard<std::mutex> lock(mu_);
    if (stamp != stamp_) {
      stamp_ = std::move(stamp);
      ++epoch_;
      stale->swap(idle_);
    }
    if (take != nullptr && !idle_.empty()) {
      *take = std::move(idle_.back());
      idle_.pop_back();
    }
    return epoch_;
  }

  void GiveBack(std::unique_ptr<index::Index> reader, uint64_t epoch) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (epoch == epoch_) {
        idle_.push_back(std::move(reader));
        return;
      }
    }
    reader.reset();  // Of an older state: closed now, outside the lock.
  }

  const std::string dir_;
  const uint32_t shards_;
  std::mutex mu_;
  uint64_t epoch_ = 0;
  std::string stamp_;
  std::vector<std::unique_ptr<index::Index>> idle_;
};

// ---- per-thread handles ----
struct Handles {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<analyze::Analyzer> analyzer;
  std::unique_ptr<AccessDb> access;
  std::unique_ptr<WorkDb> work;
  std::unique_ptr<tables::TableDb> tables;  // Null if the case has no tables.
};

// Who asks, and what they may read.
struct Caller {
  Session session;
  std::string token;
  std::string actor;  // "user:NAME"
  bool admin = false;
  std::vector<std::string> readable;  // Collections (all of them for an admin).
  bool CanRead(const std::vector<std::string>& collections) const {
    if (admin) return true;
    for (const auto& c : collections) {
      if (std::binary_search(readable.begin(), readable.end(), c)) return true;
    }
    return false;
  }
};

// Matching documents per tag, most first (ties by name).
std::vector<std::pair<std::string, uint64_t>> TagFacet(
    const std::vector<std::pair<std::string, int64_t>>& tagged, std::vector<int64_t> docs) {
  std::sort(docs.begin(), docs.end());
  std::vector<std::pair<std::string, uint64_t>> out;
  for (const auto& [tag, doc] : tagged) {
    if (!std::binary_search(docs.begin(), docs.end(), doc)) continue;
    if (out.empty() || out.back().first != tag) out.emplace_back(tag, 0);
    out.back().second++;
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

class Api {
 public:
  Api(const ServeOptions& opt, uint32_t shards, const store::BlobStore& blobs, AuditQueue* audit)
      : opt_(opt),
        blobs_(blobs),
        audit_(audit),
        readers_(opt.case_dir + "/index", shards),
        cookie_(opt.secure_cookie ? std::string("__Host-") + kCookie : kCookie),
        cookie_attributes_(std::string("; HttpOnly; SameSite=Strict; Path=/") +
                           (opt.secure_cookie ? "; Secure" : "")) {}

  void Handle(const HttpRequest& req, HttpResponse* res) {
    const auto t0 = std::chrono::steady_clock::now();
    SecurityHeaders(res);
    try {
      if (req.path.rfind("/api/", 0) == 0 || req.path == "/api") {
        res->headers.emplace_back("Cache-Control", "no-store");
        HandleApi(req, res);
      } else {
        HandleStatic(req, res);
      }
    } catch (const std::exception& e) {
      // Nothing may escape into the HTTP library; a bug answers 500.
      res->headers.clear();
      SecurityHeaders(res);
      Error(res, 500, std::string("internal error: ") + e.what());
    }
    if (opt_.json_log) {
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      std::fprintf(stderr, "%s\n",
                   Dump(json{{"method", req.method},
                             {"path", req.path},
                             {"status", res->status},
                             {"ms", ms},
                             {"addr", ClientAddress(req)}})
                       .c_str());
    }
  }

 private:
  Result<std::unique_ptr<Handles>> OpenHandles() {
    auto h = std::make_unique<Handles>();
    // Read-only: the server never writes the evidence, and a running ingest
    // must not make it wait for the write lock.
    TAHQIQ_ASSIGN_OR_RETURN(h->store, store::OpenSqliteStoreForReading(opt_.case_dir + "/case.db"));
    TAHQIQ_ASSIGN_OR_RETURN(h->analyzer, analyze::Analyzer::Create());
    AccessOptions ao;
    ao.password = opt_.password;
    ao.base_delay_s = opt_.login_delay_s;
    TAHQIQ_ASSIGN_OR_RETURN(h->access, AccessDb::Open(opt_.case_dir + "/access.db", ao));
    TAHQIQ_ASSIGN_OR_RETURN(h->work, WorkDb::Open(opt_.case_dir + "/work.db"));
    if (PathExists(opt_.case_dir + "/tables.db")) {
      auto t = tables::TableDb::Open(opt_.case_dir + "/tables.db", false);
      if (t.ok()) h->tables = std::move(*t);
    }
    return h;
  }

  Result<Handles*> H() {
    thread_local std::unique_ptr<Handles> tl;
    thread_local const Api* owner = nullptr;
    if (tl && owner == this) return tl.get();
    // A thread's first request opens its handles. SQLite can fail such an
    // open with a transient error while another process (an ingest adding
    // documents to the case) holds or releases its locks: retry a few times
    // before answering 500.
    Result<std::unique_ptr<Handles>> opened = OpenHandles();
    for (int attempt = 1; !opened.ok() && attempt < 4; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50 * attempt));
      opened = OpenHandles();
    }
    if (!opened.ok()) return opened.status();
    std::unique_ptr<Handles> h = std::move(*opened);
    tl = std::move(h);
    owner = this;
    return tl.get();
  }

  // ---- static files ----
  void HandleStatic(const HttpRequest& req, HttpResponse* res) {
    if (req.method != "GET" && req.method != "HEAD") return Error(res, 405, "method not allowed");
    std::string rel = req.path;
    if (rel == "/" || rel.empty()) rel = "/index.html";
    // No "..", no hidden files, no backslashes or NULs: only files under the root.
    for (const auto& part : Split(rel)) {
      if (part == ".." || part == "." || part[0] == '.') return Error(res, 404, "not found");
    }
    if (rel.find('\\') != std::string::npos || rel.find('\0') != std::string::npos) {
      return Error(res, 404, "not found");
    }
    std::string root_real;
    {
      char buf[PATH_MAX];
      if (!::realpath(opt_.web_root.c_str(), buf)) return Error(res, 404, "no web app installed");
      root_real = buf;
    }
    auto serve_file = [&](const std::string& path) -> bool {
      char buf[PATH_MAX];
      if (!::realpath(path.c_str(), buf)) return false;
      const std::string real = buf;
      if (real.compare(0, root_real.size() + 1, root_real + "/") != 0) return false;
      struct stat st {};
      if (::stat(real.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
      std::string body;
      if (!ReadWholeFile(real, &body)) return false;
      res->status = 200;
      res->content_type = ContentType(real);
      res->body = std::move(body);
      return true;
    };
    if (serve_file(opt_.web_root + rel)) return;
    // Client-side routes (/doc/42) get the app; missing assets stay 404.
    if (rel.rfind("/static/", 0) != 0 && serve_file(opt_.web_root + "/index.html")) return;
    Error(res, 404, "not found");
  }

  // ---- API ----
  void HandleApi(const HttpRequest& req, HttpResponse* res) {
    auto handles = H();
    if (!handles.ok())
      return Error(res, 500, "cannot open the case: " + handles.status().message());
    Handles& h = **handles;
    // Any request, not only a search, closes the readers of a replaced index.
    readers_.Refresh();
    const std::vector<std::string> p = Split(req.path);  // p[0] == "api"
    const std::string& m = req.method;
    if (p.size() == 2 && p[1] == "login") {
      if (m != "POST") return Error(res, 405, "method not allowed");
      return Login(h, req, res);
    }
    // Everything else needs a session.
    Caller c;
    c.token = CookieToken(req, cookie_);
    if (c.token.empty()) return Error(res, 401, "not logged in");
    auto s = h.access->CheckSession(c.token);
    if (!s.ok()) {
      if (s.status().code() == StatusCode::kNotFound)
        return Error(res, 401, "session_expired", "session expired");
      return Error(res, 500, s.status().message());
    }
    c.session = *s;
    c.actor = "user:" + c.session.user;
    c.admin = c.session.role == Role::kAdmin;
    if (m != "GET" && m != "HEAD") {
      if (!SameSecret(req.Header("x-csrf-token"), CsrfOf(c.token))) {
        return Error(res, 403, "csrf", "missing or wrong X-CSRF-Token");
      }
    }
    auto readable = h.access->Readable(c.session.user);
    if (!readable.ok()) return Error(res, 500, readable.status().message());
    c.readable = std::move(*readable);  // Sorted by name.

    const size_t n = p.size();
    if (n == 2 && p[1] == "logout" && m == "POST") return Logout(h, c, res);
    if (n == 2 && p[1] == "me" && m == "GET") return Me(h, c, res);
    if (n == 2 && p[1] == "search" && m == "GET") return Search(h, c, req, res);
    if (n >= 3 && p[1] == "docs") {
      int64_t id = 0;
      if (!ParseId(p[2], &id)) return Error(res, 404, "no such document");
      auto doc = h.store->GetDocument(id);
      if (!doc.ok() || !c.CanRead(doc->collections)) return Error(res, 404, "no such document");
      if (n == 3 && m == "GET") return Doc(h, c, req, *doc, res);
      if (n == 4 && p[3] == "original" && m == "GET") return Original(c, *doc, res);
      if (n == 4 && p[3] == "star" && (m == "PUT" || m == "DELETE")) {
        Status st = h.work->SetStar(id, c.session.user, m == "PUT");
        if (!st.ok()) return Error(res, 500, st.message());
        audit_->Add(c.actor, m == "PUT" ? "star" : "unstar", "doc:" + std::to_string(id),
                    json::object());
        return Ok(res, json{{"starred", m == "PUT"}});
      }
      if (n >= 4 && (p[3] == "tags" || p[3] == "notes")) return DocWork(h, c, req, p, *doc, res);
      return Error(res, 404, "no_endpoint", "no such endpoint");
    }
    if (n >= 2 && p[1] == "searches") return Searches(h, c, req, p, res);
    if (n == 2 && p[1] == "namesearch" && m == "POST") return NameSearch(h, c, req, res);
    if (n == 2 && p[1] == "entities" && m == "GET") return Entities(h, c, req, res);
    if (n >= 2 && p[1] == "tables" && m == "GET") return Tables(h, c, req, p, res);
    if (n == 2 && p[1] == "audit" && m == "GET") return Audit(h, c, req, res);
    Error(res, 404, "no_endpoint", "no such endpoint");
  }

  void Login(Handles& h, const HttpRequest& req, HttpResponse* res) {
    // A cross-site form can post text/plain that happens to be JSON (login
    // CSRF: the victim would work in the attacker's account); a form cannot
    // send application/json without a CORS preflight, which we never allow.
    if (req.Header("content-type").rfind("application/json", 0) != 0) {
      return Error(res, 415, "login expects Content-Type: application/json");
    }
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("user") ||
        !body.contains("password") || !body["user"].is_string() || !body["password"].is_string()) {
      return Error(res, 400, "expected {\"user\": ..., \"password\": ...}");
    }
    const std::string user = body["user"];
    // Longer than any valid name or password: refused before the password
    // hash and the audit write, which an anonymous caller could otherwise
    // make the server do with megabytes of input.
    if (user.size() > 64 || body["password"].get_ref<const std::string&>().size() > 1024) {
      return Error(res, 400, "too_long", "user name or password too long");
    }
    auto token = h.access->Login(user, body["password"].get<std::string>(), ClientAddress(req));
    if (!token.ok()) {
      if (token.status().code() == StatusCode::kResourceExhausted) {
        // "... try again in N s"
        const std::string msg = token.status().message();
        int64_t wait = 1;
        size_t in = msg.rfind(" in ");
        if (in != std::string::npos) wait = std::max<int64_t>(1, std::atoll(msg.c_str() + in + 4));
        res->headers.emplace_back("Retry-After", std::to_string(wait));
        res->status = 429;
        res->body =
            Dump(json{{"error", msg}, {"code", "too_many_attempts"}, {"retry_after", wait}});
        return;
      }
      if (token.status().code() == StatusCode::kInvalidArgument) {
        return Error(res, 401, "wrong_password", "wrong user name or password");
      }
      return Error(res, 500, token.status().message());
    }
    auto s = h.access->CheckSession(*token);
    if (!s.ok()) return Error(res, 500, s.status().message());
    res->headers.emplace_back("Set-Cookie", cookie_ + "=" + *token + cookie_attributes_);
    Ok(res, json{{"user", s->user}, {"role", RoleName(s->role)}, {"csrf", CsrfOf(*token)}});
  }

  void Logout(Handles& h, const Caller& c, HttpResponse* res) {
    Status st = h.access->Logout(c.token);
    if (!st.ok() && st.code() != StatusCode::kNotFound) return Error(res, 500, st.message());
    res->headers.emplace_back("Set-Cookie", cookie_ + "=" + cookie_attributes_ + "; Max-Age=0");
    Ok(res, json::object());
  }

  void Me(Handles& h, const Caller& c, HttpResponse* res) {
    json cols = json::array();
    for (const auto& name : c.readable) {
      bool write = c.admin;
      if (!write) {
        auto w = h.access->Can(c.session.user, name, Access::kWrite);
        write = w.ok() && *w;
      }
      cols.push_back({{"name", name}, {"access", write ? "write" : "read"}});
    }
    Ok(res, json{{"user", c.session.user},
                 {"role", RoleName(c.session.role)},
                 {"csrf", CsrfOf(c.token)},
                 {"collections", cols}});
  }

  // Search options that keep a caller inside their collections.
  Status Restrict(Handles& h, const Caller& c, query::SearchOptions* o) {
    if (c.admin) return Status::Ok();
    o->restrict_collections = true;
    o->collections = c.readable;
    TAHQIQ_ASSIGN_OR_RETURN(std::vector<Collection> all, h.access->ListCollections());
    for (const auto& col : all) o->known_collections.push_back(col.name);
    return Status::Ok();
  }

  std::string FirstReadable(const Caller& c, const std::vector<std::string>& cols) {
    for (const auto& col : cols) {
      if (c.admin || std::binary_search(c.readable.begin(), c.readable.end(), col)) return col;
    }
    return "";
  }

  void Search(Handles& h, const Caller& c, const HttpRequest& req, HttpResponse* res) {
    const std::string q = req.Param("q");
    if (q.size() > 4096) return Error(res, 400, "too_long", "query too long");
    const int64_t page = IntParam(req, "page", 1, 1, 1000000);
    const int64_t per_page = IntParam(req, "per_page", 20, 1, 100);
    query::SearchOptions o;
    o.offset = static_cast<size_t>((page - 1) * per_page);
    o.limit = static_cast<size_t>(per_page);
    o.facets = req.Param("facets") == "1";
    o.entity_facets = o.facets ? 20 : 0;
    o.filter_collections = req.Params("collection");
    o.filter_types = req.Params("type");
    o.filter_langs = req.Params("lang");
    o.filter_years = req.Params("year");
    for (const auto& y : o.filter_years) {
      if (!y.empty() && (y.size() != 4 || !std::all_of(y.begin(), y.end(), ::isdigit))) {
        return Error(res, 400, "bad_year", "year must be 4 digits");
      }
    }
    if (Status st = Restrict(h, c, &o); !st.ok()) return Error(res, 500, st.message());
    // Tags and stars live in work.db: they become a document-id filter, and
    // tag facets are counted here over the matching documents.
    const std::vector<std::string> want_tags = req.Params("tag");
    const bool starred = req.Param("starred") == "1";
    std::vector<std::pair<std::string, int64_t>> tagged;
    if (o.facets || !want_tags.empty()) {
      auto all = h.work->TaggedDocuments(c.admin ? nullptr : &c.readable);
      if (!all.ok()) return Error(res, 500, all.status().message());
      tagged = std::move(*all);
    }
    if (!want_tags.empty()) {
      std::vector<int64_t> ids;
      for (const auto& [tag, doc] : tagged) {
        if (std::find(want_tags.begin(), want_tags.end(), tag) != want_tags.end()) {
          ids.push_back(doc);
        }
      }
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      o.only_documents = std::move(ids);
    }
    if (starred) {
      auto mine = h.work->StarredDocuments(c.session.user);
      if (!mine.ok()) return Error(res, 500, mine.status().message());
      if (o.only_documents) {
        std::vector<int64_t> both;
        std::set_intersection(o.only_documents->begin(), o.only_documents->end(), mine->begin(),
                              mine->end(), std::back_inserter(both));
        o.only_documents = std::move(both);
      } else {
        o.only_documents = std::move(*mine);
      }
    }
    auto reader = readers_.Take();
    if (!reader.ok()) return Error(res, 500, reader.status().message());
    auto r = query::Search(q, o, *h.store, **reader, *h.analyzer);
    if (!r.ok()) {
      if (r.status().code() == StatusCode::kInvalidArgument)
        return Error(res, 400, "bad_query", r.status().message());
      return Error(res, 500, r.status().message());
    }
    audit_->Add(c.actor, "search", "", json{{"q", q}, {"page", page}});
    json results = json::array();
    for (const auto& row : r->rows) {
      results.push_back({{"id", row.id},
                         {"title", row.title},
                         {"path", row.path},
                         {"type", row.type},
                         {"lang", row.lang},
                         {"collection", FirstReadable(c, row.collections)},
                         {"score", row.score},
                         {"snippet", Segments(row.snippet)}});
    }
    json out{
        {"total", r->estimated_total},   {"total_is_estimate", r->total_lower != r->total_upper},
        {"total_lower", r->total_lower}, {"total_upper", r->total_upper},
        {"skipped", r->skipped},         {"page", page},
        {"per_page", per_page},          {"results", results}};
    if (o.facets) {
      auto list = [](const std::vector<std::pair<std::string, uint64_t>>& v) {
        json a = json::array();
        for (const auto& [value, count] : v) a.push_back({{"value", value}, {"count", count}});
        return a;
      };
      json ents = json::array();
      for (const auto& e : r->entity_facets) {
        std::string name = e.name;
        if (!c.admin) {
          // The stored name may be a spelling found only in another
          // newsroom's documents (as in Entities): named from the first
          // mention in the matching documents, all readable.
          auto first = h.store->FirstMentionIn(e.id, r->facet_documents);
          if (!first.ok()) return Error(res, 500, first.status().message());
          name = std::move(*first);
        }
        ents.push_back({{"value", name}, {"kind", e.kind}, {"id", e.id}, {"count", e.documents}});
      }
      out["facets"] = {{"collection", list(r->facets.collection)},
                       {"type", list(r->facets.type)},
                       {"lang", list(r->facets.lang)},
                       {"year", list(r->facets.year)},
                       {"tag", list(TagFacet(tagged, r->facet_documents))},
                       {"entity", ents}};
    }
    Ok(res, out);
  }

  void Doc(Handles& h, const Caller& c, const HttpRequest& req, const store::DocumentSummary& d,
           HttpResponse* res) {
    const int64_t id = d.doc.id;
    std::string text;
    Status st = h.store->ReadChunks(id, [&](const store::TextChunk& ch) {
      if (text.size() < kMaxDocText) text += ch.text;
      return Status::Ok();
    });
    if (!st.ok()) return Error(res, 500, st.message());
    const bool truncated = text.size() > kMaxDocText;
    if (truncated) {
      size_t cut = kMaxDocText;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text.resize(cut);
    }
    // Marks over the whole text: [start, end) -> attribute.
    struct Mark {
      uint64_t start, end;
      int kind;  // 0 query, 1 entity, 2 figure
      int64_t ref;
    };
    std::vector<Mark> marks;
    std::map<int64_t, json> entities;
    std::map<int64_t, uint64_t> entity_counts;
    st = h.store->ReadDocumentMentions(id, [&](const store::Store::EntityMentionRow& m) {
      marks.push_back({m.start, m.end, 1, m.entity_id});
      entity_counts[m.entity_id]++;
      if (!entities.count(m.entity_id)) {
        entities[m.entity_id] = {{"id", m.entity_id}, {"kind", m.kind}, {"name", m.text}};
      }
      return Status::Ok();
    });
    if (!st.ok()) return Error(res, 500, st.message());
    json figures = json::array();
    store::FigureQuery fq;
    fq.doc_id = id;
    int64_t fig_idx = 0;
    st = h.store->ReadFigures(fq, [&](const store::FigureRecord& f) {
      json value = f.kind == "date" || f.kind == "daterange" ? json(f.date) : json(f.value);
      figures.push_back({{"idx", fig_idx},
                         {"kind", f.kind},
                         {"value", value},
                         {"unit", f.unit},
                         {"currency", f.currency},
                         {"approx", f.approx},
                         {"text", f.text}});
      marks.push_back({f.start, f.end, 2, fig_idx});
      ++fig_idx;
      return Status::Ok();
    });
    if (!st.ok()) return Error(res, 500, st.message());
    query::MatchTerms terms;
    bool have_terms = false;
    if (std::string q = req.Param("q"); !q.empty() && q.size() <= 4096) {
      auto filters = query::ExtractFigureFilters(&q);
      if (filters.ok() && q.find_first_not_of(" \t\r\n") != std::string::npos) {
        auto node = query::ParseQuery(q, *h.analyzer);
        if (node.ok()) {
          terms = query::CollectTerms(*node);
          have_terms = true;
        }
      }
    }
    // Marks by start, swept along the paragraphs and their segments (a
    // table-like document has a mark on every line: comparing every mark
    // with every paragraph was quadratic).
    std::stable_sort(marks.begin(), marks.end(),
                     [](const Mark& a, const Mark& b) { return a.start < b.start; });
    size_t next_mark = 0;
    std::vector<Mark> open_marks;  // Started before this paragraph's end.
    // Paragraphs: the extracted lines; '\f' starts a new page.
    json paragraphs = json::array();
    const bool paged = text.find('\f') != std::string::npos;
    int page = 1;
    size_t at = 0;
    while (at <= text.size()) {
      size_t end = text.find_first_of("\n\f", at);
      if (end == std::string::npos) end = text.size();
      std::string_view para(text.data() + at, end - at);
      if (!para.empty() && para.back() == '\r') para.remove_suffix(1);
      if (para.find_first_not_of(" \t\r") != std::string_view::npos) {
        std::vector<Mark> local;
        if (have_terms) {
          for (const auto& [b, e] : query::MarkMatches(para, terms, *h.analyzer)) {
            local.push_back({at + b, at + e, 0, 0});
          }
        }
        while (next_mark < marks.size() && marks[next_mark].start < at + para.size()) {
          open_marks.push_back(marks[next_mark++]);
        }
        open_marks.erase(std::remove_if(open_marks.begin(), open_marks.end(),
                                        [&](const Mark& mk) { return mk.end <= at; }),
                         open_marks.end());
        local.insert(local.end(), open_marks.begin(), open_marks.end());
        std::stable_sort(local.begin(), local.end(),
                         [](const Mark& a, const Mark& b) { return a.start < b.start; });
        std::set<uint64_t> cuts{at, at + para.size()};
        for (const auto& mk : local) {
          cuts.insert(std::clamp<uint64_t>(mk.start, at, at + para.size()));
          cuts.insert(std::clamp<uint64_t>(mk.end, at, at + para.size()));
        }
        json segs = json::array();
        size_t next_local = 0;
        std::vector<Mark> covering;  // Marks started at or before this segment.
        for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it) {
          uint64_t b = *it, e = *std::next(it);
          // Offsets from other analyses may fall inside a UTF-8 sequence;
          // such a cut is merged into the piece before.
          json seg{{"text", text.substr(b, e - b)}};
          while (next_local < local.size() && local[next_local].start <= b) {
            covering.push_back(local[next_local++]);
          }
          covering.erase(std::remove_if(covering.begin(), covering.end(),
                                        [&](const Mark& mk) { return mk.end <= b; }),
                         covering.end());
          for (const auto& mk : covering) {
            if (mk.start <= b && mk.end >= e) {
              if (mk.kind == 0) seg["q"] = true;
              if (mk.kind == 1) seg["entity"] = mk.ref;
              if (mk.kind == 2) seg["figure"] = mk.ref;
            }
          }
          segs.push_back(std::move(seg));
        }
        paragraphs.push_back({{"dir", analyze::IsRtlParagraph(para) ? "rtl" : "ltr"},
                              {"page", paged ? json(page) : json(nullptr)},
                              {"segments", segs}});
      }
      if (end < text.size() && text[end] == '\f') ++page;
      at = end + 1;
    }
    json ents = json::array();
    for (auto& [eid, e] : entities) {
      e["count"] = entity_counts[eid];
      ents.push_back(e);
    }
    json metadata = json::object();
    for (const auto& [k, v] : d.doc.fields) metadata[k] = v;
    json prov = json::array();
    // Provenance records no collection: the paths of a document that is also
    // in a collection the caller cannot read may be another newsroom's
    // folders (names that can point at a source), so they are not shown.
    const bool hide_paths = ReadableOf(c, d).size() < d.collections.size();
    for (const auto& pr : hide_paths ? std::vector<store::Provenance>{} : d.provenance) {
      prov.push_back({{"path", pr.path},
                      {"member", pr.member},
                      {"ingested", nullptr},
                      {"run", pr.run_id},
                      {"mtime", pr.mtime}});
    }
    // Tags and notes of the collections the caller reads: another newsroom's
    // work on the same content stays theirs.
    const std::vector<std::string> readable = ReadableOf(c, d);
    const std::vector<std::string>* scope = c.admin ? nullptr : &readable;
    auto tags = h.work->Tags(id, scope);
    auto notes = h.work->Notes(id, scope);
    auto starred = h.work->Starred(id, c.session.user);
    if (!tags.ok() || !notes.ok() || !starred.ok()) return Error(res, 500, "cannot read work.db");
    json jnotes = json::array();
    for (const auto& nt : *notes) {
      jnotes.push_back(
          {{"id", nt.id}, {"user", nt.user}, {"text", nt.text}, {"created", nt.created}});
    }
    const auto& first =
        d.provenance.empty() || hide_paths ? store::Provenance{} : d.provenance.front();
    audit_->Add(c.actor, "view", "doc:" + std::to_string(id), json::object());
    Ok(res, json{{"id", id},
                 {"title", d.doc.title},
                 {"path", first.member.empty() ? first.path : first.path + "!" + first.member},
                 {"type", d.doc.type},
                 {"lang", d.doc.lang},
                 {"collection", FirstReadable(c, d.collections)},
                 {"sha256", d.doc.sha256},
                 {"size", d.doc.size},
                 {"pages", page},
                 {"truncated", truncated},
                 {"metadata", metadata},
                 {"provenance", prov},
                 {"paragraphs", paragraphs},
                 {"entities", ents},
                 {"figures", figures},
                 {"tags", *tags},
                 {"notes", jnotes},
                 {"starred", *starred}});
  }

  void Original(const Caller& c, const store::DocumentSummary& d, HttpResponse* res) {
    const std::string& sha = d.doc.sha256;
    if (sha.size() != 64) return Error(res, 404, "no original stored");
    const std::string path = blobs_.PathFor(sha);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      if (fd >= 0) ::close(fd);
      // Documents from containers may have no blob of their own.
      return Error(res, 404, "no original stored for this document");
    }
    auto body = std::make_shared<FileBody>(fd, static_cast<uint64_t>(st.st_size));
    std::string name = "document";
    if (!d.provenance.empty() && ReadableOf(c, d).size() == d.collections.size()) {
      const auto& pr = d.provenance.front();
      std::string full = pr.member.empty() ? pr.path : pr.member;
      size_t slash = full.find_last_of('/');
      name = slash == std::string::npos ? full : full.substr(slash + 1);
    }
    // Only harmless bytes in the header; the UTF-8 name goes in filename*.
    std::string ascii, pct;
    for (unsigned char ch : name) {
      ascii += (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' && ch != ';')
                   ? static_cast<char>(ch)
                   : '_';
      char buf[4];
      if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_') {
        pct += static_cast<char>(ch);
      } else {
        std::snprintf(buf, sizeof buf, "%%%02X", ch);
        pct += buf;
      }
    }
    for (auto& [k, v] : res->headers) {
      if (k == "Content-Security-Policy") v = "sandbox; default-src 'none'";
    }
    res->headers.emplace_back("Content-Disposition",
                              "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + pct);
    res->status = 200;
    res->content_type = "application/octet-stream";
    res->file = std::move(body);
    audit_->Add(c.actor, "download", "doc:" + std::to_string(d.doc.id), json{{"sha256", sha}});
  }

  // The document's collections the caller may write, in name order.
  Result<std::vector<std::string>> Writable(Handles& h, const Caller& c,
                                            const store::DocumentSummary& d) {
    if (c.admin) return d.collections;
    std::vector<std::string> out;
    for (const auto& col : d.collections) {
      TAHQIQ_ASSIGN_OR_RETURN(bool w, h.access->Can(c.session.user, col, Access::kWrite));
      if (w) out.push_back(col);
    }
    return out;
  }

  // The document's collections the caller may read.
  static std::vector<std::string> ReadableOf(const Caller& c, const store::DocumentSummary& d) {
    std::vector<std::string> out;
    for (const auto& col : d.collections) {
      if (c.admin || std::binary_search(c.readable.begin(), c.readable.end(), col)) {
        out.push_back(col);
      }
    }
    return out;
  }

  void DocWork(Handles& h, const Caller& c, const HttpRequest& req,
               const std::vector<std::string>& p, const store::DocumentSummary& d,
               HttpResponse* res) {
    const int64_t id = d.doc.id;
    const std::string target = "doc:" + std::to_string(id);
    auto w = Writable(h, c, d);
    if (!w.ok()) return Error(res, 500, w.status().message());
    if (w->empty())
      return Error(res, 403, "no_write_access", "no write access to this document's collection");
    const std::vector<std::string>& writable = *w;
    const std::vector<std::string> readable = ReadableOf(c, d);
    const std::vector<std::string>* read_scope = c.admin ? nullptr : &readable;
    const bool tags = p[3] == "tags";
    if (p.size() == 4 && req.method == "POST") {
      json body = json::parse(req.body, nullptr, false);
      const char* key = tags ? "tag" : "text";
      if (body.is_discarded() || !body.is_object() || !body.contains(key) ||
          !body[key].is_string()) {
        return Error(res, 400, std::string("expected {\"") + key + "\": ...}");
      }
      std::string v = body[key];
      const size_t max = tags ? 100 : 20000;
      if (v.empty() || v.size() > max || v.find_first_not_of(" \t\r\n") == std::string::npos) {
        return Error(res, 400, "too_long",
                     std::string(key) + " must be 1.." + std::to_string(max) + " bytes");
      }
      // A tag is a path segment of its DELETE URL (decoded before routing).
      if (tags && v.find_first_of("/\x7f") != std::string::npos) {
        return Error(res, 400, "bad_tag", "a tag cannot contain '/'");
      }
      if (tags && std::any_of(v.begin(), v.end(), [](unsigned char ch) { return ch < 0x20; })) {
        return Error(res, 400, "bad_tag", "a tag cannot contain control characters");
      }
      if (tags) {
        if (Status st = h.work->AddTag(id, writable.front(), v, c.session.user); !st.ok())
          return Error(res, HttpStatusOf(st), st.message());
        audit_->Add(c.actor, "tag_add", target, json{{"tag", v}});
        auto all = h.work->Tags(id, read_scope);
        return Ok(res, json{{"tags", all.ok() ? json(*all) : json::array()}});
      }
      auto note = h.work->AddNote(id, writable.front(), c.session.user, v);
      if (!note.ok()) return Error(res, HttpStatusOf(note.status()), note.status().message());
      audit_->Add(c.actor, "note_add", target, json{{"note", note->id}});
      return Ok(res, json{{"id", note->id},
                          {"user", note->user},
                          {"text", note->text},
                          {"created", note->created}});
    }
    if (p.size() == 5 && req.method == "DELETE") {
      Status st;
      if (tags) {
        // Only from collections the caller writes.
        st = h.work->RemoveTag(id, c.admin ? nullptr : &writable, p[4]);
        if (st.ok()) audit_->Add(c.actor, "tag_remove", target, json{{"tag", p[4]}});
      } else {
        int64_t note = 0;
        if (!ParseId(p[4], &note)) return Error(res, 404, "no such note");
        st = h.work->RemoveNote(id, note, c.session.user);
        if (st.ok()) audit_->Add(c.actor, "note_remove", target, json{{"note", note}});
      }
      if (st.code() == StatusCode::kNotFound) return Error(res, 404, st.message());
      if (!st.ok()) return Error(res, 500, st.message());
      return Ok(res, json::object());
    }
    Error(res, 405, "method not allowed");
  }

  void Searches(Handles& h, const Caller& c, const HttpRequest& req,
                const std::vector<std::string>& p, HttpResponse* res) {
    if (p.size() == 2 && req.method == "GET") {
      auto all = h.work->Searches(c.session.user);
      if (!all.ok()) return Error(res, 500, all.status().message());
      json out = json::array();
      for (const auto& s : *all) {
        out.push_back({{"id", s.id}, {"name", s.name}, {"q", s.q}, {"created", s.created}});
      }
      return Ok(res, out);
    }
    if (p.size() == 2 && req.method == "POST") {
      json body = json::parse(req.body, nullptr, false);
      if (body.is_discarded() || !body.is_object() || !body.contains("name") ||
          !body.contains("q") || !body["name"].is_string() || !body["q"].is_string()) {
        return Error(res, 400, "expected {\"name\": ..., \"q\": ...}");
      }
      std::string name = body["name"], q = body["q"];
      if (name.empty() || name.size() > 200 || q.size() > 4096) {
        return Error(res, 400, "too_long", "name must be 1..200 bytes, q at most 4096");
      }
      auto s = h.work->AddSearch(c.session.user, name, q);
      if (!s.ok()) return Error(res, HttpStatusOf(s.status()), s.status().message());
      audit_->Add(c.actor, "search_save", "", json{{"name", name}, {"q", q}});
      return Ok(res, json{{"id", s->id}, {"name", s->name}, {"q", s->q}, {"created", s->created}});
    }
    if (p.size() == 3 && req.method == "DELETE") {
      int64_t id = 0;
      if (!ParseId(p[2], &id)) return Error(res, 404, "no such saved search");
      Status st = h.work->RemoveSearch(c.session.user, id);
      if (st.code() == StatusCode::kNotFound) return Error(res, 404, st.message());
      if (!st.ok()) return Error(res, 500, st.message());
      audit_->Add(c.actor, "search_delete", "", json{{"id", id}});
      return Ok(res, json::object());
    }
    Error(res, 405, "method not allowed");
  }

  // Readability of documents, asked once per document within a request.
  class ReadCache {
   public:
    ReadCache(Handles& h, const Caller& c) : h_(h), c_(c) {}
    bool operator()(int64_t doc) {
      if (c_.admin) return true;
      auto it = seen_.find(doc);
      if (it != seen_.end()) return it->second;
      auto d = h_.store->GetDocument(doc);
      const bool ok = d.ok() && c_.CanRead(d->collections);
      seen_[doc] = ok;
      return ok;
    }

   private:
    Handles& h_;
    const Caller& c_;
    std::map<int64_t, bool> seen_;
  };

  void NameSearch(Handles& h, const Caller& c, const HttpRequest& req, HttpResponse* res) {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("names") ||
        !body["names"].is_array() || body["names"].size() > 1000) {
      return Error(res, 400,
                   "expected {\"names\": [{\"name\": ..., \"aliases\": [...]}] (at most 1000)");
    }
    std::vector<store::Store::WatchedName> names;
    for (const auto& n : body["names"]) {
      if (!n.is_object() || !n.contains("name") || !n["name"].is_string()) {
        return Error(res, 400, "each name needs a \"name\" string");
      }
      store::Store::WatchedName w;
      w.id = static_cast<int64_t>(names.size()) + 1;
      w.name = n["name"];
      if (w.name.empty() || w.name.size() > 200)
        return Error(res, 400, "too_long", "names must be 1..200 bytes");
      if (n.contains("aliases") && n["aliases"].is_array()) {
        for (const auto& a : n["aliases"]) {
          if (a.is_string() && !a.get<std::string>().empty()) w.aliases.push_back(a);
        }
      }
      names.push_back(std::move(w));
    }
    // A restricted caller's collections are part of the index query: only
    // their documents are read again and matched, and the candidate limit
    // is not spent on documents they may not see.
    query::SearchOptions scope;
    if (Status st = Restrict(h, c, &scope); !st.ok()) return Error(res, 500, st.message());
    std::optional<index::QueryNode> within;
    if (scope.restrict_collections) {
      within = query::CollectionFilter(scope.collections, scope.known_collections);
    }
    auto reader = readers_.Take();
    if (!reader.ok()) return Error(res, 500, reader.status().message());
    auto hits = query::WatchlistHits(names, *h.store, **reader, *h.analyzer, 10000,
                                     within ? &*within : nullptr);
    if (!hits.ok()) return Error(res, 500, hits.status().message());
    // Backstop behind the index filter (collection terms are refreshed after
    // the store's membership changes).
    ReadCache readable(h, c);
    // Per name: readable documents, best score first.
    std::vector<std::map<int64_t, const query::WatchHit*>> best(names.size());
    for (const auto& hit : *hits) {
      if (hit.name_id < 1 || hit.name_id > static_cast<int64_t>(names.size())) continue;
      if (!readable(hit.doc_id)) continue;
      auto& slot = best[hit.name_id - 1][hit.doc_id];
      if (!slot || hit.score > slot->score) slot = &hit;
    }
    json out = json::array();
    for (size_t i = 0; i < names.size(); ++i) {
      std::vector<const query::WatchHit*> docs;
      for (const auto& [doc, hit] : best[i]) docs.push_back(hit);
      std::stable_sort(docs.begin(), docs.end(),
                       [](const auto* a, const auto* b) { return a->score > b->score; });
      json jd = json::array();
      for (size_t k = 0; k < docs.size() && k < 50; ++k) {
        auto d = h.store->GetDocument(docs[k]->doc_id);
        jd.push_back({{"id", docs[k]->doc_id},
                      {"title", d.ok() ? d->doc.title : ""},
                      {"score", docs[k]->score},
                      {"how", docs[k]->how},
                      {"snippet", json::array({json::array({docs[k]->text, true})})}});
      }
      out.push_back({{"name", names[i].name}, {"hits", docs.size()}, {"docs", jd}});
    }
    audit_->Add(c.actor, "namesearch", "", json{{"names", names.size()}});
    Ok(res, json{{"names", out}});
  }

  void Entities(Handles& h, const Caller& c, const HttpRequest& req, HttpResponse* res) {
    const std::string kind = req.Param("kind");
    const int64_t limit = IntParam(req, "limit", 100, 1, 1000);
    std::vector<store::Store::EntityInfo> list;
    if (c.admin) {
      auto all = h.store->ListEntities(kind);
      if (!all.ok()) return Error(res, 500, all.status().message());
      list = std::move(*all);
    } else {
      // Counted over readable documents only, and named from them: the
      // stored display name and aliases may be spellings found only in
      // another newsroom's documents. The store reads the mentions of those
      // documents only (it read every mention of the case, then this
      // filtered them), so the cost follows what the caller may see.
      auto docs = h.store->CollectionDocuments(c.readable);
      if (!docs.ok()) return Error(res, 500, docs.status().message());
      auto mine = h.store->ListEntitiesIn(*docs, kind);
      if (!mine.ok()) return Error(res, 500, mine.status().message());
      list = std::move(*mine);
    }
    json out = json::array();
    for (size_t i = 0; i < list.size() && static_cast<int64_t>(i) < limit; ++i) {
      const auto& e = list[i];
      out.push_back({{"id", e.id},
                     {"kind", e.kind},
                     {"name", e.name},
                     {"aliases", e.aliases},
                     {"documents", e.documents},
                     {"mentions", e.mentions}});
    }
    Ok(res, out);
  }

  // Sources of a table the caller may read (their content is a readable document).
  std::vector<const tables::SourceInfo*> ReadableSources(Handles& h, const Caller& c,
                                                         const tables::TableInfo& t) {
    ReadCache readable(h, c);
    std::vector<const tables::SourceInfo*> out;
    for (const auto& s : t.sources) {
      if (c.admin) {
        out.push_back(&s);
        continue;
      }
      auto id = h.store->FindBySha(s.source.sha256);
      if (id.ok() && id->has_value() && readable(**id)) out.push_back(&s);
    }
    return out;
  }

  // The name a caller sees for a table. A table is named after the first
  // file loaded into it, which may sit in a collection the caller cannot
  // read: a restricted caller then sees "table-ID" instead, unless one of
  // their own sources would have given the table that name.
  static std::string ShownName(const Caller& c, const tables::TableInfo& t,
                               const std::vector<const tables::SourceInfo*>& readable) {
    if (c.admin) return t.name;
    for (const auto* s : readable) {
      const std::string& file = s->source.member.empty() ? s->source.path : s->source.member;
      const std::string own = tables::TableNameFor(file, s->source.sheet);
      // A later table with the same wanted name got a numbered suffix.
      if (t.name == own ||
          (t.name.rfind(own + "_", 0) == 0 &&
           t.name.find_first_not_of("0123456789", own.size() + 1) == std::string::npos)) {
        return t.name;
      }
    }
    return "table-" + std::to_string(t.id);
  }

  static json Columns(const tables::TableInfo& t) {
    json cols = json::array();
    for (const auto& col : t.columns) {
      cols.push_back(
          {{"name", col.name}, {"label", col.label}, {"type", tables::TypeName(col.type)}});
    }
    return cols;
  }

  void Tables(Handles& h, const Caller& c, const HttpRequest& req,
              const std::vector<std::string>& p, HttpResponse* res) {
    if (!h.tables) {
      if (p.size() == 2) return Ok(res, json::array());
      return Error(res, 404, "no such table");
    }
    if (p.size() == 2) {
      auto list = h.tables->List();
      if (!list.ok()) return Error(res, 500, list.status().message());
      json out = json::array();
      for (const auto& t : *list) {
        auto srcs = ReadableSources(h, c, t);
        if (srcs.empty()) continue;
        uint64_t rows = 0;
        for (const auto* s : srcs) rows += s->rows;
        out.push_back({{"id", t.id},
                       {"name", ShownName(c, t, srcs)},
                       {"columns", Columns(t)},
                       {"rows", rows}});
      }
      return Ok(res, out);
    }
    if (p.size() != 4 || p[3] != "rows") return Error(res, 404, "no_endpoint", "no such endpoint");
    // Found by the name this caller is shown, never by a hidden one.
    Result<tables::TableInfo> info = Status::NotFound("no such table");
    if (c.admin) {
      info = h.tables->Describe(p[2]);
    } else {
      auto list = h.tables->List();
      if (!list.ok()) return Error(res, 500, list.status().message());
      for (auto& t : *list) {
        auto readable = ReadableSources(h, c, t);
        if (!readable.empty() && ShownName(c, t, readable) == p[2]) {
          info = std::move(t);
          break;
        }
      }
    }
    if (!info.ok()) return Error(res, 404, "no such table");
    auto srcs = ReadableSources(h, c, *info);
    if (srcs.empty()) return Error(res, 404, "no such table");
    const int64_t offset = IntParam(req, "offset", 0, 0, 1000000);
    const int64_t limit = IntParam(req, "limit", 100, 1, 1000);
    tables::QuerySpec spec;
    spec.table = info->name;
    spec.select = {"_src", "_row"};
    for (const auto& col : info->columns) spec.select.push_back(col.name);
    uint64_t total = 0;
    std::string in;
    std::map<int64_t, const tables::SourceInfo*> by_id;
    for (const auto* s : srcs) {
      in += (in.empty() ? "" : ",") + std::to_string(s->id);
      total += s->rows;
      by_id[s->id] = s;
    }
    spec.where = "_src IN (" + in + ")";
    const std::string sort = req.Param("sort");
    if (!sort.empty()) {
      bool known = std::any_of(info->columns.begin(), info->columns.end(),
                               [&](const auto& col) { return col.name == sort; });
      if (!known) return Error(res, 400, "bad_sort", "no such column to sort by");
      std::string quoted = "\"";
      for (char ch : sort) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      quoted += "\"";
      spec.order_by = quoted + (req.Param("desc") == "1" ? " DESC" : " ASC") + ", _src, _row";
    } else {
      spec.order_by = "_src, _row";
    }
    spec.limit = static_cast<uint64_t>(limit);
    spec.offset = static_cast<uint64_t>(offset);
    spec.timeout_ms = 5000;
    auto rs = h.tables->Query(spec);
    if (!rs.ok()) return Error(res, 400, "bad_table_query", rs.status().message());
    json rows = json::array(), sources = json::array();
    for (const auto& row : rs->rows) {
      json cells = json::array();
      for (size_t k = 2; k < row.size(); ++k) {
        const auto& v = row[k];
        switch (v.kind) {
          case tables::Value::kNull:
            cells.push_back(nullptr);
            break;
          case tables::Value::kInteger:
            cells.push_back(v.integer);
            break;
          case tables::Value::kReal:
            cells.push_back(v.real);
            break;
          case tables::Value::kText:
            cells.push_back(v.text);
            break;
        }
      }
      rows.push_back(std::move(cells));
      const auto* s = by_id[row[0].integer];
      int64_t doc = 0;
      if (s) {
        auto id = h.store->FindBySha(s->source.sha256);
        if (id.ok() && id->has_value()) doc = **id;
      }
      sources.push_back(
          {{"doc", doc}, {"sheet", s ? s->source.sheet : ""}, {"row", row[1].integer}});
    }
    audit_->Add(c.actor, "table_view", "table:" + info->name, json{{"offset", offset}});
    Ok(res,
       json{{"columns", Columns(*info)}, {"rows", rows}, {"total", total}, {"sources", sources}});
  }

  void Audit(Handles& h, const Caller& c, const HttpRequest& req, HttpResponse* res) {
    if (!c.admin) return Error(res, 403, "admins_only", "the audit trail is for admins");
    const int64_t limit = IntParam(req, "limit", 100, 1, 1000);
    const int64_t before = IntParam(req, "before", 0, 0, INT64_MAX);
    auto tail = h.access->audit().Tail(static_cast<size_t>(limit), before);
    if (!tail.ok()) return Error(res, 500, tail.status().message());
    json out = json::array();
    for (auto it = tail->rbegin(); it != tail->rend(); ++it) {
      json detail = json::parse(it->details, nullptr, false);
      out.push_back({{"seq", it->seq},
                     {"time", it->time},
                     {"actor", it->actor},
                     {"action", it->action},
                     {"target", it->target},
                     {"detail", detail.is_discarded() ? json(it->details) : detail}});
    }
    Ok(res, out);
  }

  // The client's address: the peer's, or for the trusted proxy's requests
  // the last X-Forwarded-For entry (the one that proxy appended; entries
  // before it are whatever the client sent).
  std::string ClientAddress(const HttpRequest& req) const {
    if (opt_.trusted_proxy.empty() || req.remote_addr != opt_.trusted_proxy) {
      return req.remote_addr;
    }
    const std::string chain = req.Header("x-forwarded-for");
    const size_t comma = chain.rfind(',');
    std::string last = comma == std::string::npos ? chain : chain.substr(comma + 1);
    const size_t b = last.find_first_not_of(" \t"), e = last.find_last_not_of(" \t");
    if (b == std::string::npos || e - b + 1 > 64) return req.remote_addr;
    return last.substr(b, e - b + 1);
  }

  const ServeOptions& opt_;
  const store::BlobStore& blobs_;
  AuditQueue* audit_;
  IndexReaders readers_;
  const std::string cookie_, cookie_attributes_;
};

}  // namespace

Status Serve(const ServeOptions& options, const std::atomic<bool>& stop,
             const std::function<void(int port)>& on_ready) {
  ServeOptions opt = options;
  // Read-only: a writing open would also clear blobs/tmp, where a running
  // ingest copies the files it is adding.
  TAHQIQ_ASSIGN_OR_RETURN(auto c, ingest::Case::OpenForReading(opt.case_dir));
  const uint32_t shards = c->shards();
  {
    // Documents that were never given a collection are in "default": it
    // must exist for grants to name it.
    AccessOptions ao;
    ao.password = opt.password;
    TAHQIQ_ASSIGN_OR_RETURN(auto access, AccessDb::Open(opt.case_dir + "/access.db", ao));
    TAHQIQ_ASSIGN_OR_RETURN(auto cols, access->ListCollections());
    if (std::none_of(cols.begin(), cols.end(),
                     [](const Collection& x) { return x.name == store::kDefaultCollection; })) {
      TAHQIQ_RETURN_IF_ERROR(access->AddCollection("serve", store::kDefaultCollection));
    }
  }
  AuditQueue audit(opt.case_dir + "/access.db", opt.audit_flush_ms);
  TAHQIQ_RETURN_IF_ERROR(audit.Start());
  Api api(opt, shards, c->blobs(), &audit);
  HttpOptions ho;
  ho.host = opt.host;
  ho.port = opt.port;
  ho.threads = opt.threads;
  auto server = HttpServer::Bind(
      ho, [&api](const HttpRequest& req, HttpResponse* res) { api.Handle(req, res); },
      [](int status, HttpResponse* res) {
        SecurityHeaders(res);
        Error(res, status,
              status == 413   ? "request body too large"
              : status == 400 ? "bad request"
                              : "request refused");
      });
  if (!server.ok()) {
    audit.Stop();
    return server.status();
  }
  std::atomic<bool> done{false};
  std::thread watcher([&] {
    while (!stop.load() && !done.load())
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    (*server)->Stop();
  });
  Status st;
  std::thread runner([&] {
    st = (*server)->Run();
    done = true;
  });
  // listen_after_bind() starts accepting at once; the socket is bound, so
  // connections made now wait in the backlog until then.
  on_ready((*server)->port());
  runner.join();
  watcher.join();
  audit.Stop();
  return st;
}

}  // namespace tahqiq::serve
