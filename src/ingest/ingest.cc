#include "ingest/ingest.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "analyze/analyzer.h"
#include "base/file_util.h"
#include "base/queue.h"
#include "base/sha256.h"
#include "extract/extractor.h"
#include "extract/isolation.h"
#include "ingest/entities.h"
#include "ingest/figures.h"
#include "ingest/indexer.h"
#include "tables/table_db.h"

namespace tahqiq::ingest {
namespace {

using Clock = std::chrono::steady_clock;

struct FileTask {
  std::string path;
  uint64_t size = 0;
  int64_t mtime = 0;
};

struct Chunk {
  std::string text;
  std::vector<analyze::Token> tokens;
  bool analyzed = false;
};

// One file or attachment, made ready for the writer by a worker.
struct Prepared {
  std::string path;    // Original path (for an attachment: its container's path).
  std::string member;  // Attachment name, "" for files.
  uint64_t size = 0;
  int64_t mtime = 0;
  std::string error;  // Unreadable file: the reason; nothing else is set.
  StatusCode error_code = StatusCode::kOk;
  std::optional<int64_t> existing;  // Content already in the case.
  store::DocumentRecord rec;
  std::vector<Chunk> chunks;  // In memory, analysed unless `spilled`.
  bool spilled = false;       // Some chunks were too many to analyse here.
  // Text beyond the in-memory budget waits in a scratch file: records of
  // [u32 length][bytes], one per chunk, numbered after `chunks`.
  std::string spill_path;
  uint32_t spill_chunks = 0;
  FigureCollector figures;  // Of `chunks`, then of the spilled chunks (issue 4).
  std::vector<Prepared> children;
  // Entity mentions of `chunks` (spilled chunks add theirs at commit).
  std::vector<store::Store::EntityMentionInput> entities;
  std::vector<std::string> collections;  // Set when committed (new documents).
};

// Table rows wait in a scratch file until the extraction is over (the
// extract worker must never wait on the tables database): records of
// [kind u8][length u32][bytes], 'B' starting a table (its sheet name), 'W' a
// row in extract::EncodeRow form.
class TableSpill {
 public:
  explicit TableSpill(std::string path) : path_(std::move(path)) {}
  ~TableSpill() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty() && tables_ > 0) ::unlink(path_.c_str());
  }
  Status Begin(std::string_view name) {
    ++tables_;
    return Put('B', name);
  }
  Status Row(uint64_t n, const extract::Row& cells) {
    row_.clear();
    extract::EncodeRow(n, cells, &row_);
    return Put('W', row_);
  }
  uint32_t tables() const { return tables_; }
  const std::string& path() const { return path_; }
  Status Close() {
    Status st = FlushBuffer();
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    return st;
  }

 private:
  Status Put(char kind, std::string_view bytes) {
    if (fd_ < 0) {
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (fd_ < 0) return ErrnoStatus("cannot create", path_);
    }
    buf_ += kind;
    const uint32_t len = static_cast<uint32_t>(bytes.size());
    buf_.append(reinterpret_cast<const char*>(&len), sizeof len);
    buf_.append(bytes);
    return buf_.size() >= (1u << 20) ? FlushBuffer() : Status::Ok();
  }
  Status FlushBuffer() {
    size_t off = 0;
    while (off < buf_.size()) {
      ssize_t w = ::write(fd_, buf_.data() + off, buf_.size() - off);
      if (w < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus("cannot write", path_);
      }
      off += static_cast<size_t>(w);
    }
    buf_.clear();
    return Status::Ok();
  }
  std::string path_;
  int fd_ = -1;
  uint32_t tables_ = 0;
  std::string buf_, row_;
};

// Reads a TableSpill back, one table at a time.
class TableSpillReader {
 public:
  Status Open(const std::string& path) {
    f_ = std::fopen(path.c_str(), "rb");
    if (!f_) return ErrnoStatus("cannot open", path);
    return Next();
  }
  ~TableSpillReader() {
    if (f_) std::fclose(f_);
  }
  // Moves to the next table (skipping rows left in the current one) and
  // gives its name; false when there are no more.
  Result<bool> NextTable(std::string* name) {
    while (kind_ == 'W') TAHQIQ_RETURN_IF_ERROR(Next());
    if (kind_ != 'B') return false;
    *name = body_;
    TAHQIQ_RETURN_IF_ERROR(Next());
    return true;
  }
  // The next row of the current table; false at its end.
  Result<bool> NextRow(uint64_t* n, extract::Row* cells) {
    if (kind_ != 'W') return false;
    std::string_view v(body_);
    if (!extract::DecodeRow(&v, n, cells)) return Status::Corrupt("table scratch file is damaged");
    TAHQIQ_RETURN_IF_ERROR(Next());
    return true;
  }

 private:
  Status Next() {
    char head[5];
    if (std::fread(head, 1, 5, f_) != 5) {
      kind_ = 0;
      return Status::Ok();
    }
    kind_ = head[0];
    uint32_t len;
    std::memcpy(&len, head + 1, 4);
    body_.resize(len);
    if (len > 0 && std::fread(body_.data(), 1, len, f_) != len) {
      return Status::Corrupt("table scratch file is cut short");
    }
    return Status::Ok();
  }
  FILE* f_ = nullptr;
  char kind_ = 0;
  std::string body_;
};

// Collects an extraction into chunks of about `chunk_bytes`, cut at line or
// word ends so no word is split between two index entries.
class ChunkingSink final : public extract::Sink {
 public:
  ChunkingSink(Prepared* p, size_t chunk_bytes, size_t memory_budget, std::string spill_path)
      : p_(p),
        chunk_bytes_(chunk_bytes),
        memory_budget_(memory_budget),
        spill_path_(spill_path),
        tables_(spill_path + "-tables") {}
  ~ChunkingSink() override {
    if (spill_fd_ >= 0) ::close(spill_fd_);
  }

  void SetTitle(std::string_view t) override { p_->rec.title = ToValidUtf8(t); }
  void AddField(std::string_view n, std::string_view v) override {
    p_->rec.fields.emplace_back(std::string(n), ToValidUtf8(v));
  }
  Status AppendText(std::string_view text) override {
    cur_.append(text.data(), text.size());
    total_ += text.size();
    while (cur_.size() >= chunk_bytes_) TAHQIQ_RETURN_IF_ERROR(Cut(false));
    return Status::Ok();
  }
  void AddChild(std::string_view name, std::string bytes) override {
    children_.emplace_back(std::string(name), std::move(bytes));
  }
  void BeginTable(std::string_view name) override { table_status_ = tables_.Begin(name); }
  Status AddRow(uint64_t n, const extract::Row& cells) override {
    if (table_status_.ok()) table_status_ = tables_.Row(n, cells);
    return table_status_;
  }
  TableSpill& tables() { return tables_; }
  // Scratch text needs no fsync: after a crash it is extracted again.
  Status Finish() {
    while (!cur_.empty()) TAHQIQ_RETURN_IF_ERROR(Cut(true));
    return Status::Ok();
  }
  uint64_t total() const { return total_; }
  std::vector<std::pair<std::string, std::string>>& children() { return children_; }

 private:
  Status Cut(bool all) {
    size_t n = std::min(cur_.size(), chunk_bytes_);
    if (!all || n < cur_.size()) {
      size_t nl = cur_.rfind('\n', n - 1);
      if (nl != std::string::npos && nl > n / 2) {
        n = nl + 1;
      } else {
        size_t sp = cur_.rfind(' ', n - 1);
        if (sp != std::string::npos && sp > n / 2) {
          n = sp + 1;
        } else {
          // No break in sight: back up to a UTF-8 character boundary.
          while (n > 0 && n < cur_.size() && (static_cast<unsigned char>(cur_[n]) & 0xC0) == 0x80)
            --n;
          if (n == 0) n = std::min(cur_.size(), chunk_bytes_);
        }
      }
    }
    if (in_memory_ + n <= memory_budget_ && spill_fd_ < 0) {
      Chunk c;
      c.text = cur_.substr(0, n);
      in_memory_ += n;
      p_->chunks.push_back(std::move(c));
    } else {
      TAHQIQ_RETURN_IF_ERROR(Spill(std::string_view(cur_).substr(0, n)));
    }
    cur_.erase(0, n);
    return Status::Ok();
  }

  Status Spill(std::string_view text) {
    if (spill_fd_ < 0) {
      spill_fd_ = ::open(spill_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (spill_fd_ < 0) return ErrnoStatus("cannot create", spill_path_);
      p_->spill_path = spill_path_;
      p_->spilled = true;
    }
    uint32_t len = static_cast<uint32_t>(text.size());
    std::string rec(reinterpret_cast<const char*>(&len), sizeof len);
    rec.append(text);
    size_t off = 0;
    while (off < rec.size()) {
      ssize_t w = ::write(spill_fd_, rec.data() + off, rec.size() - off);
      if (w < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus("cannot write", spill_path_);
      }
      off += static_cast<size_t>(w);
    }
    p_->spill_chunks++;
    return Status::Ok();
  }

  Prepared* p_;
  size_t chunk_bytes_;
  size_t memory_budget_;
  std::string spill_path_;
  int spill_fd_ = -1;
  size_t in_memory_ = 0;
  std::string cur_;
  uint64_t total_ = 0;
  std::vector<std::pair<std::string, std::string>> children_;
  TableSpill tables_;
  Status table_status_;
};

struct Counters {
  std::atomic<uint64_t> files_total{0}, bytes_total{0};
  std::atomic<bool> walk_done{false};
};

bool Cancelled(const IngestOptions& o) { return o.cancel && o.cancel->load(); }

// Walks `root` depth-first in name order. Symbolic links inside folders are
// not followed (they could lead out of the evidence or loop).
// `visit` gets every regular file; `skipped` (may be null) what was left out.
using Visit = std::function<void(const std::string&, const struct stat&)>;
using Skipped = std::vector<std::pair<std::string, std::string>>;

void Walk(const std::string& root, const struct stat& root_st, dev_t case_dev, ino_t case_ino,
          const Visit& visit, const IngestOptions& opt, Skipped* skipped) {
  if (Cancelled(opt)) return;
  auto skip = [skipped](const std::string& path, std::string why) {
    if (skipped) skipped->emplace_back(path, std::move(why));
  };
  if (S_ISREG(root_st.st_mode)) {
    visit(root, root_st);
    return;
  }
  if (!S_ISDIR(root_st.st_mode)) {
    skip(root, "not a regular file or folder");
    return;
  }
  if (root_st.st_dev == case_dev && root_st.st_ino == case_ino) return;  // The case itself.
  DIR* d = ::opendir(root.c_str());
  if (!d) {
    skip(root, std::string("cannot open folder: ") + std::strerror(errno));
    return;
  }
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
    names.emplace_back(e->d_name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    std::string child = root == "/" ? "/" + name : root + "/" + name;
    struct stat st;
    if (::lstat(child.c_str(), &st) != 0) {
      skip(child, std::string("cannot stat: ") + std::strerror(errno));
      continue;
    }
    if (S_ISLNK(st.st_mode)) {
      skip(child, "symbolic link (not followed)");
      continue;
    }
    Walk(child, st, case_dev, case_ino, visit, opt, skipped);
  }
}

// The case's tables database, one writer connection for all workers of a
// run. With a connection per worker, every table one of them created made
// the others re-read the whole schema before their next load: quadratic in
// the number of distinct spreadsheet layouts (measured: 5 s of CPU for the
// first 1,000 CSVs of distinct headers, 36 s for the fourth 1,000).
struct SharedTables {
  std::mutex mu;                        // One load at a time: SQLite has one writer.
  std::unique_ptr<tables::TableDb> db;  // Opened at the first table.
};

// Gives the tables a finished run made their lasting names
// (TableDb::SettleNames): the workers loaded them in no fixed order. Also
// settles what a killed run left, even if this one loaded no table.
Status SettleTableNames(Case& c, SharedTables* tables) {
  std::lock_guard<std::mutex> lock(tables->mu);
  if (!tables->db) {
    if (!PathExists(c.tables_path())) return Status::Ok();
    TAHQIQ_ASSIGN_OR_RETURN(tables->db, tables::TableDb::Open(c.tables_path(), true));
  }
  return tables->db->SettleNames();
}

// Per-thread state of a worker.
class Worker {
 public:
  Worker(Case& c, const IngestOptions& opt, SharedTables* tables)
      : case_(c), opt_(opt), tables_(tables) {}

  Status Init() {
    if (::access(opt_.isolation.worker_exe.c_str(), X_OK) != 0) {
      return ErrnoStatus("cannot run the extract worker", opt_.isolation.worker_exe);
    }
    iso_ = std::make_unique<extract::IsolatedExtractor>(opt_.isolation);
    TAHQIQ_ASSIGN_OR_RETURN(store_, case_.OpenStore());
    TAHQIQ_ASSIGN_OR_RETURN(analyzer_, analyze::Analyzer::Create());
    TAHQIQ_ASSIGN_OR_RETURN(finder_, CaseEntityFinder(*store_));
    return Status::Ok();
  }

  // A stored document, to be extracted again from its original.
  Prepared PrepareStored(const store::DocumentSummary& d) {
    Prepared p;
    if (!d.provenance.empty()) {
      p.path = d.provenance.front().path;
      p.member = d.provenance.front().member;
      p.mtime = d.provenance.front().mtime;
    }
    p.size = d.doc.size;
    p.rec.id = d.doc.id;
    p.rec.sha256 = d.doc.sha256;
    p.rec.size = d.doc.size;
    ExtractInto(&p, 0);
    return p;
  }

  Prepared PrepareFile(const FileTask& t) {
    Prepared p;
    p.path = t.path;
    p.size = t.size;
    p.mtime = t.mtime;
    uint64_t size = 0;
    auto sha = store::HashFile(t.path, &size);
    if (!sha.ok()) {
      p.error = sha.status().message();
      p.error_code = sha.status().code();
      return p;
    }
    p.size = size;
    p.rec.sha256 = *sha;
    p.rec.size = size;
    auto found = store_->FindBySha(*sha);
    if (found.ok() && found->has_value()) {
      p.existing = **found;
      return p;
    }
    // The original is copied (and re-hashed) before anything refers to it,
    // and extraction reads the immutable copy, not the source.
    // Not fsync'd here: the writer syncs the batch's blobs at once before
    // the transaction that refers to them.
    Status st = case_.blobs().PutFile(t.path, *sha, size, /*durable=*/false);
    if (!st.ok()) {
      p.error = st.message();
      p.error_code = st.code();
      return p;
    }
    ExtractInto(&p, 0);
    return p;
  }

 private:
  void ExtractInto(Prepared* p, uint32_t depth) {
    std::string blob = case_.blobs().PathFor(p->rec.sha256);
    store::DocumentRecord& rec = p->rec;
    ChunkingSink sink(p, opt_.chunk_bytes, opt_.memory_budget, NewSpillPath());
    extract::TypeInfo type;
    Status st = iso_->SniffAndExtract(blob, &type, &sink);
    rec.type = type.type;
    rec.mime = type.mime;
    if (Status fin = sink.Finish(); !fin.ok() && st.ok()) st = fin;
    rec.text_bytes = sink.total();
    rec.chunks = static_cast<uint32_t>(p->chunks.size()) + p->spill_chunks;
    if (sink.tables().tables() > 0) LoadTables(p, &sink.tables());
    if (!st.ok()) {
      rec.status = sink.total() > 0 ? store::kStatusPartial : store::kStatusFailed;
      rec.reason = st.message().empty() ? std::string(StatusCodeName(st.code())) : st.message();
    }
    // Our own analysis runs in this process, not in the sandbox: a bug in it that throws
    // (the standard library's out_of_range, say) costs this document what that step makes,
    // recorded as its reason, instead of ending the whole run.
    auto failed = [&](const char* step, const std::exception& e) {
      if (rec.status == store::kStatusOk) rec.status = store::kStatusPartial;
      rec.reason += std::string(rec.reason.empty() ? "" : "; ") + step + " failed: " + e.what();
    };
    try {
      AnalyzeWords(p);
    } catch (const std::exception& e) {
      for (Chunk& c : p->chunks) {
        c.tokens.clear();
        c.analyzed = false;
      }
      failed("analysis", e);
    }
    try {
      for (const auto& c : p->chunks) p->figures.AddChunk(c.text);
      FindEntities(p);
    } catch (const std::exception& e) {
      p->figures = FigureCollector();
      p->entities.clear();
      failed("figures and entities", e);
    }
    for (auto& [name, bytes] : sink.children()) {
      Prepared child;
      child.path = p->path;
      child.member = name.empty() ? "(unnamed attachment)" : name;
      child.size = bytes.size();
      child.mtime = p->mtime;
      child.rec.sha256 = Sha256::HexOf(bytes);
      child.rec.size = bytes.size();
      auto found = store_->FindBySha(child.rec.sha256);
      if (found.ok() && found->has_value()) {
        child.existing = **found;
      } else if (Status put = case_.blobs().PutBytes(bytes, child.rec.sha256, false); !put.ok()) {
        child.error = put.message();
        child.error_code = put.code();
      } else if (depth + 1 >= opt_.max_depth) {
        child.rec.type = "binary";
        child.rec.status = store::kStatusFailed;
        child.rec.reason = "containers nested deeper than " + std::to_string(opt_.max_depth);
      } else {
        std::string().swap(bytes);  // The blob holds it now; free memory early.
        ExtractInto(&child, depth + 1);
      }
      p->children.push_back(std::move(child));
    }
  }

  // Loads the sheets of a document into the case's tables. It happens here,
  // before the writer commits the document: a load replaces any earlier load
  // of the same content, so a run killed in between repeats it harmlessly.
  // A table that fails to load leaves the document (and its text) intact and
  // says why in a field.
  void LoadTables(Prepared* p, TableSpill* spill) {
    Status st = spill->Close();
    // Threads waiting on a mutex is cheaper than on SQLite's busy timeout.
    std::lock_guard<std::mutex> lock(tables_->mu);
    if (st.ok() && !tables_->db) {
      auto db = tables::TableDb::Open(case_.tables_path(), true);
      if (db.ok()) {
        tables_->db = std::move(*db);
      } else {
        st = db.status();
      }
    }
    TableSpillReader reader;
    if (st.ok()) st = reader.Open(spill->path());
    const std::string& named = p->member.empty() ? p->path : p->member;
    std::string sheet;
    for (uint32_t index = 0; st.ok(); ++index) {
      auto more = reader.NextTable(&sheet);
      if (!more.ok()) st = more.status();
      if (!st.ok() || !*more) break;
      tables::Source src;
      src.sha256 = p->rec.sha256;
      src.path = p->path;
      src.member = p->member;
      src.sheet = ToValidUtf8(sheet);
      src.sheet_index = index;
      auto loaded = tables_->db->Load(
          src, ToValidUtf8(named),
          [&](uint64_t* n, extract::Row* cells) { return reader.NextRow(n, cells); });
      if (!loaded.ok()) {
        p->rec.fields.emplace_back("table error", loaded.status().message());
        continue;
      }
      if (!loaded->table.empty()) {
        p->rec.fields.emplace_back("table",
                                   loaded->table + " (" + std::to_string(loaded->rows) + " rows" +
                                       (src.sheet.empty() ? "" : ", sheet " + src.sheet) + ")");
      }
    }
    if (!st.ok()) p->rec.fields.emplace_back("table error", st.message());
  }

  void AnalyzeWords(Prepared* p) {
    analyze::ScriptCounts counts;
    size_t budget = opt_.analyze_budget;
    uint32_t pos = 1;
    for (auto& c : p->chunks) {
      if (c.text.size() > budget) {
        p->spilled = true;
        break;
      }
      budget -= c.text.size();
      pos = analyzer_->Analyze(c.text, pos, &c.tokens, &counts);
      c.analyzed = true;
    }
    if (counts.latin + counts.arabic + counts.hebrew == 0) {
      analyzer_->Analyze(p->rec.title, 0, &scratch_, &counts);
      scratch_.clear();
    }
    p->rec.lang = analyze::MainLanguage(counts);
  }

  // Here, in the worker threads, rather than in the single writer.
  void FindEntities(Prepared* p) {
    uint64_t offset = 0;
    for (auto& c : p->chunks) {
      AppendEntityMentions(
          c.analyzed ? finder_->Find(c.text, c.tokens) : finder_->Find(c.text, *analyzer_), offset,
          &p->entities);
      offset += c.text.size();
    }
  }

  std::string NewSpillPath() {
    static std::atomic<uint64_t> counter{0};
    return case_.tmp_dir() + "/spill-" + std::to_string(::getpid()) + "-" +
           std::to_string(counter++);
  }

  Case& case_;
  const IngestOptions& opt_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<analyze::Analyzer> analyzer_;
  std::unique_ptr<analyze::EntityFinder> finder_;
  std::unique_ptr<extract::IsolatedExtractor> iso_;
  SharedTables* tables_;  // Not owned.
  std::vector<analyze::Token> scratch_;
};

// Indexes committed documents from the store on a thread of its own: the
// big ones (analysed past the worker's budget) and the known ones that
// gained a path or collection. On the writer's thread they held the whole
// pipeline for as long as their text took to analyse (bench/RESULTS.md).
// Jobs run in the order given, each with a floor: an outbox sequence that
// every earlier entry is indexed by, which is what the index may claim
// (Floor()) while the job is pending. Started on the first job.
//
// A job waits kDelay before it runs, and takes the later jobs of the same
// document with it: it reads the store when it runs, which already holds
// what they were queued for. Copies of one file tend to come close together
// (a changelog shipped by ten packages of one source); on the benchmark
// corpus, big ones among them, each copy had the whole text analysed and
// indexed again.
class StoreIndexer {
 public:
  StoreIndexer(Case& c, index::Index& idx) : case_(c), index_(idx) {}
  ~StoreIndexer() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void Enqueue(int64_t doc_id, uint64_t floor) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      jobs_.push_back({doc_id, floor, Clock::now() + kDelay});
    }
    cv_.notify_all();
    if (!thread_.joinable()) {
      thread_ = std::thread([this] {
        ::pthread_setname_np(::pthread_self(), "tahqiq-reindex");
        Run();
      });
    }
  }

  // `upto`, or less while a job is pending: the oldest job's floor.
  uint64_t Floor(uint64_t upto) {
    std::lock_guard<std::mutex> lock(mu_);
    return jobs_.empty() ? upto : std::min(upto, jobs_.front().floor);
  }

  // The first error of a job so far.
  Status error() {
    std::lock_guard<std::mutex> lock(mu_);
    return error_;
  }

  // Runs every job now and waits until they are done (the end of a run:
  // no job comes after); returns the first error.
  Status Drain() {
    std::unique_lock<std::mutex> lock(mu_);
    draining_ = true;
    cv_.notify_all();
    cv_.wait(lock, [&] { return jobs_.empty(); });
    return error_;
  }

 private:
  static constexpr std::chrono::seconds kDelay{10};

  struct Job {
    int64_t doc_id;
    uint64_t floor;
    Clock::time_point due;
  };

  void Run() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return closed_ || !jobs_.empty(); });
      if (closed_) return;  // Abandoned jobs are the next run's catch-up.
      const Clock::time_point due = jobs_.front().due;
      if (!draining_ && Clock::now() < due) {
        cv_.wait_until(lock, due, [&] { return closed_ || draining_; });
        continue;
      }
      // The job stays at the front while it runs, so Floor() counts it.
      const Job job = jobs_.front();
      for (auto it = jobs_.begin() + 1; it != jobs_.end();) {
        it = it->doc_id == job.doc_id ? jobs_.erase(it) : it + 1;
      }
      Status st = error_;
      lock.unlock();
      if (st.ok()) st = IndexJob(job);
      lock.lock();
      if (error_.ok() && !st.ok()) error_ = st;
      jobs_.pop_front();
      cv_.notify_all();
    }
  }

  Status IndexJob(const Job& job) {
    if (!store_) {
      TAHQIQ_ASSIGN_OR_RETURN(store_, case_.OpenStore());
      TAHQIQ_ASSIGN_OR_RETURN(analyzer_, analyze::Analyzer::Create());
    }
    return IndexFromStore(*store_, index_, *analyzer_, job.doc_id, job.floor);
  }

  Case& case_;
  index::Index& index_;
  std::unique_ptr<store::Store> store_;  // This thread's own connection.
  std::unique_ptr<analyze::Analyzer> analyzer_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;  // The front one may be running.
  bool closed_ = false;
  bool draining_ = false;
  Status error_;
  std::thread thread_;
};

// The single writer: commits prepared documents in batches, then indexes
// them. Owns the case's Store connection and the index writer.
class Writer {
 public:
  Writer(Case& c, index::Index& idx, analyze::Analyzer& an, int64_t run, IngestSummary* sum,
         std::string collection = store::kDefaultCollection)
      : case_(c),
        index_(idx),
        analyzer_(an),
        run_(run),
        sum_(sum),
        collection_(std::move(collection)) {}

  Status Add(Prepared p) {
    if (!in_txn_) {
      TAHQIQ_RETURN_IF_ERROR(case_.store().Begin());
      in_txn_ = true;
      batch_started_ = Clock::now();
    }
    Status st = CommitOne(&p, 0, true);
    if (!st.ok()) return st;
    batch_.push_back(std::move(p));
    // The batch keeps analysed tokens until it is indexed, at ~20x the text
    // size, so its text is kept small.
    if (batch_.size() >= 256 || batch_bytes_ >= (4u << 20) ||
        Clock::now() - batch_started_ > std::chrono::seconds(1)) {
      return Flush();
    }
    return Status::Ok();
  }

  // Replaces a stored document with a fresh extraction of it.
  Status Replace(Prepared p) {
    if (!in_txn_) {
      TAHQIQ_RETURN_IF_ERROR(case_.store().Begin());
      in_txn_ = true;
      batch_started_ = Clock::now();
    }
    const int64_t id = p.rec.id;
    TAHQIQ_RETURN_IF_ERROR(case_.store().DeleteChunks(id));
    TAHQIQ_RETURN_IF_ERROR(case_.store().DeleteEntityMentions(id));
    TAHQIQ_RETURN_IF_ERROR(case_.store().AddEntityMentions(id, p.entities));
    TAHQIQ_RETURN_IF_ERROR(case_.store().DeleteFigures(id));
    if (p.rec.lang.empty()) p.rec.lang = "und";
    TAHQIQ_RETURN_IF_ERROR(case_.store().UpdateDocument(p.rec));
    for (size_t i = 0; i < p.chunks.size(); ++i) {
      TAHQIQ_RETURN_IF_ERROR(
          case_.store().AddChunk(id, static_cast<uint32_t>(i), p.chunks[i].text));
      batch_bytes_ += p.chunks[i].text.size();
    }
    if (!p.spill_path.empty()) TAHQIQ_RETURN_IF_ERROR(CommitSpill(&p));
    TAHQIQ_RETURN_IF_ERROR(case_.store().AddFigures(id, p.figures.Take()));
    TAHQIQ_RETURN_IF_ERROR(case_.store().EnqueueIndex(id));
    sum_->ingested++;
    if (p.rec.status == store::kStatusFailed) sum_->failed++;
    for (auto& c : p.children) TAHQIQ_RETURN_IF_ERROR(CommitOne(&c, id, false));
    // Indexed from the store, which first removes the old entries.
    p.spilled = true;
    batch_.push_back(std::move(p));
    if (batch_.size() >= 64 || Clock::now() - batch_started_ > std::chrono::seconds(1)) {
      return Flush();
    }
    return Status::Ok();
  }

  Status Flush(bool final = false) {
    if (!in_txn_) return final ? CommitIndex() : Status::Ok();
    // Originals first: no committed row may point at a blob a power loss
    // could still take away.
    TAHQIQ_RETURN_IF_ERROR(case_.blobs().Sync());
    TAHQIQ_RETURN_IF_ERROR(case_.store().Commit());
    in_txn_ = false;
    TAHQIQ_RETURN_IF_ERROR(reindexer_.error());
    // Evidence is durable; now the derived index. A crash from here on is
    // repaired by the next run's catch-up from the outbox. Every outbox
    // entry up to `floor` (the end of the previous batch) is now in the
    // index's queues or in an earlier job of the reindexer.
    TAHQIQ_ASSIGN_OR_RETURN(uint64_t last, case_.store().LastOutboxSeq());
    const uint64_t floor = committed_seq_;
    committed_seq_ = last;
    for (auto& p : batch_) TAHQIQ_RETURN_IF_ERROR(IndexTree(&p, floor));
    for (int64_t id : refresh_) reindexer_.Enqueue(id, floor);
    refresh_.clear();
    if (final) TAHQIQ_RETURN_IF_ERROR(reindexer_.Drain());
    // Index commits are the costly part (every shard writes its B-trees),
    // so they run every few seconds rather than every batch; the outbox
    // watermark makes the lag safe. Xapian holds uncommitted postings in
    // memory, so a volume limit bounds that too.
    uncommitted_bytes_ += batch_bytes_;
    if (final || uncommitted_bytes_ > (24u << 20) ||
        Clock::now() - last_index_commit_ > std::chrono::seconds(5)) {
      uncommitted_bytes_ = 0;
      const uint64_t seq = reindexer_.Floor(last);
      // The writer does not wait for the shards to write, except at the end.
      TAHQIQ_RETURN_IF_ERROR(final ? index_.Commit(seq) : index_.StartCommit(seq));
      last_index_commit_ = Clock::now();
    }
    batch_.clear();
    batch_bytes_ = 0;
    return Status::Ok();
  }

  Status CommitIndex() {
    TAHQIQ_RETURN_IF_ERROR(reindexer_.Drain());
    TAHQIQ_ASSIGN_OR_RETURN(uint64_t seq, case_.store().LastOutboxSeq());
    return index_.Commit(seq);
  }

  void Abort() {
    if (in_txn_) (void)case_.store().Rollback();
    in_txn_ = false;
  }

  // The index's applied sequence when the writer starts (after catch-up).
  void set_watermark(uint64_t w) { committed_seq_ = w; }

 private:
  Status CommitOne(Prepared* p, int64_t parent, bool top) {
    store::Provenance prov{p->path, parent, p->member, p->size, p->mtime, run_};
    if (!p->error.empty()) {
      // A full disk is not this file's fault: stop the run (it resumes once
      // space is freed) instead of failing every file after it.
      if (p->error_code == StatusCode::kResourceExhausted) {
        return Status::ResourceExhausted(p->error);
      }
      TAHQIQ_RETURN_IF_ERROR(case_.store().RecordFileError(run_, p->path, p->error));
      sum_->failed++;
      return Status::Ok();
    }
    if (!p->existing) {
      // Two workers may have prepared the same content at once.
      TAHQIQ_ASSIGN_OR_RETURN(auto found, case_.store().FindBySha(p->rec.sha256));
      if (found) p->existing = *found;
    }
    if (p->existing) {
      if (!p->spill_path.empty()) ::unlink(p->spill_path.c_str());
      TAHQIQ_ASSIGN_OR_RETURN(bool added, case_.store().AddProvenance(*p->existing, prov));
      if (added) {
        // A new path or attachment name is searchable (path:), so the
        // document is refreshed.
        TAHQIQ_RETURN_IF_ERROR(case_.store().EnqueueIndex(*p->existing));
        refresh_.insert(*p->existing);
      }
      if (!collection_.empty()) {
        // Known content ingested into another collection, as a file or as an
        // attachment of a new container there, belongs to both, with its
        // attachments; their collection terms are refreshed.
        TAHQIQ_ASSIGN_OR_RETURN(std::vector<int64_t> changed,
                                case_.store().AddToCollection(*p->existing, collection_, true));
        for (int64_t id : changed) {
          TAHQIQ_RETURN_IF_ERROR(case_.store().EnqueueIndex(id));
          refresh_.insert(id);
        }
      }
      if (top) sum_->present++;
      p->rec.id = 0;  // Nothing to index.
      p->children.clear();
      return Status::Ok();
    }
    if (p->rec.lang.empty()) p->rec.lang = "und";  // Never analysed (e.g. too deep).
    TAHQIQ_RETURN_IF_ERROR(case_.store().AddDocument(&p->rec));
    // An attachment joins its container's collections (on re-extraction
    // the container may be in several).
    if (parent == 0) {
      p->collections = {collection_};
    } else {
      TAHQIQ_ASSIGN_OR_RETURN(store::DocumentSummary container, case_.store().GetDocument(parent));
      p->collections = container.collections;
    }
    for (const auto& name : p->collections) {
      TAHQIQ_RETURN_IF_ERROR(case_.store().AddToCollection(p->rec.id, name, false).status());
    }
    TAHQIQ_RETURN_IF_ERROR(case_.store().AddEntityMentions(p->rec.id, p->entities));
    for (size_t i = 0; i < p->chunks.size(); ++i) {
      TAHQIQ_RETURN_IF_ERROR(
          case_.store().AddChunk(p->rec.id, static_cast<uint32_t>(i), p->chunks[i].text));
      batch_bytes_ += p->chunks[i].text.size();
    }
    if (!p->spill_path.empty()) TAHQIQ_RETURN_IF_ERROR(CommitSpill(p));
    TAHQIQ_RETURN_IF_ERROR(case_.store().AddFigures(p->rec.id, p->figures.Take()));
    TAHQIQ_ASSIGN_OR_RETURN(bool added, case_.store().AddProvenance(p->rec.id, prov));
    (void)added;
    sum_->ingested++;
    if (!top) sum_->children++;
    if (p->rec.status == store::kStatusFailed) sum_->failed++;
    for (auto& c : p->children) TAHQIQ_RETURN_IF_ERROR(CommitOne(&c, p->rec.id, false));
    return Status::Ok();
  }

  // Moves chunks from the scratch file into the store, one at a time.
  Status CommitSpill(Prepared* p) {
    int fd = ::open(p->spill_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus("cannot open", p->spill_path);
    uint32_t seq = static_cast<uint32_t>(p->chunks.size());
    std::string text;
    Status st;
    uint64_t offset = 0;  // Where the spilled text starts in the whole text.
    for (const auto& c : p->chunks) offset += c.text.size();
    if (!finder_) {
      auto f = CaseEntityFinder(case_.store());
      if (!f.ok()) return f.status();
      finder_ = std::move(*f);
    }
    for (uint32_t i = 0; i < p->spill_chunks && st.ok(); ++i) {
      uint32_t len = 0;
      if (::read(fd, &len, sizeof len) != static_cast<ssize_t>(sizeof len)) {
        st = Status::IOError("short read in " + p->spill_path);
        break;
      }
      text.resize(len);
      size_t off = 0;
      while (off < len) {
        ssize_t r = ::read(fd, text.data() + off, len - off);
        if (r <= 0) break;
        off += static_cast<size_t>(r);
      }
      if (off != len) {
        st = Status::IOError("short read in " + p->spill_path);
        break;
      }
      st = case_.store().AddChunk(p->rec.id, seq++, text);
      p->figures.AddChunk(text);
      batch_bytes_ += len;
      if (st.ok()) {
        std::vector<store::Store::EntityMentionInput> mentions;
        AppendEntityMentions(finder_->Find(text, analyzer_), offset, &mentions);
        st = case_.store().AddEntityMentions(p->rec.id, mentions);
      }
      offset += len;
    }
    ::close(fd);
    ::unlink(p->spill_path.c_str());
    return st;
  }

  Status IndexTree(Prepared* p, uint64_t floor) {
    if (p->rec.id != 0 && p->error.empty()) {
      if (p->spilled) {
        // From the store, which holds every path the batch gave it.
        reindexer_.Enqueue(p->rec.id, floor);
        refresh_.erase(p->rec.id);
      } else {
        std::vector<std::string> paths{p->member.empty() ? p->path : p->member};
        DocTerms terms;
        if (auto again = refresh_.find(p->rec.id); again != refresh_.end()) {
          // The same content came again in this batch (another path or
          // collection): index it once, with everything the store now
          // says, rather than here and then again from the store.
          TAHQIQ_ASSIGN_OR_RETURN(store::DocumentSummary d, case_.store().GetDocument(p->rec.id));
          paths.clear();
          for (const auto& pr : d.provenance)
            paths.push_back(pr.member.empty() ? pr.path : pr.member);
          terms = MakeDocTerms(d.doc, paths, d.collections, analyzer_);
          refresh_.erase(again);
        } else {
          terms = MakeDocTerms(p->rec, paths, p->collections, analyzer_);
        }
        if (p->chunks.empty()) {
          std::vector<analyze::Token> none;
          TAHQIQ_RETURN_IF_ERROR(index_.AddChunk(MakeEntry(p->rec.id, 0, &none, terms)));
        }
        for (size_t i = 0; i < p->chunks.size(); ++i) {
          TAHQIQ_RETURN_IF_ERROR(index_.AddChunk(
              MakeEntry(p->rec.id, static_cast<uint32_t>(i), &p->chunks[i].tokens, terms)));
        }
      }
    }
    for (auto& c : p->children) TAHQIQ_RETURN_IF_ERROR(IndexTree(&c, floor));
    return Status::Ok();
  }

  Case& case_;
  index::Index& index_;
  analyze::Analyzer& analyzer_;
  std::unique_ptr<analyze::EntityFinder> finder_;  // For spilled chunks; made on first use.
  int64_t run_;
  IngestSummary* sum_;
  std::string collection_;
  bool in_txn_ = false;
  Clock::time_point batch_started_;
  std::vector<Prepared> batch_;
  std::set<int64_t> refresh_;  // Known documents that gained a path (once per batch).
  size_t batch_bytes_ = 0;
  uint64_t committed_seq_ = 0;  // Last outbox sequence of the store's last commit.
  Clock::time_point last_index_commit_ = Clock::now();
  size_t uncommitted_bytes_ = 0;           // Text added to the index since its last commit.
  StoreIndexer reindexer_{case_, index_};  // Last: stops before the members it uses go.
};

}  // namespace

Result<IngestSummary> Ingest(Case& c, const std::vector<std::string>& paths,
                             const IngestOptions& opt) {
  auto t0 = Clock::now();
  IngestSummary sum;
  // Check every argument before touching the case, so a typo costs nothing.
  std::vector<std::pair<std::string, struct stat>> roots;
  for (const auto& p : paths) {
    char buf[PATH_MAX];
    if (!::realpath(p.c_str(), buf)) return ErrnoStatus("cannot ingest", p);
    struct stat st;
    if (::stat(buf, &st) != 0) return ErrnoStatus("cannot stat", p);
    roots.emplace_back(buf, st);
  }
  struct stat case_st {};
  ::stat(c.dir().c_str(), &case_st);

  TAHQIQ_ASSIGN_OR_RETURN(auto index, c.OpenIndex(index::OpenMode::kWrite));
  // Holding the index lock, we are the only ingest: scratch files left in
  // tmp/ belong to a run that died, and their text will be extracted again.
  if (DIR* d = ::opendir(c.tmp_dir().c_str())) {
    while (dirent* e = ::readdir(d)) {
      if (std::strncmp(e->d_name, "spill-", 6) == 0) {
        ::unlink((c.tmp_dir() + "/" + e->d_name).c_str());
      }
    }
    ::closedir(d);
  }
  TAHQIQ_ASSIGN_OR_RETURN(auto analyzer, analyze::Analyzer::Create());
  // Finish what an interrupted run committed but did not index.
  TAHQIQ_ASSIGN_OR_RETURN(sum.caught_up, CatchUp(c.store(), *index, *analyzer, nullptr));
  TAHQIQ_ASSIGN_OR_RETURN(int64_t run, c.store().BeginRun(opt.description));

  unsigned nworkers = opt.workers ? opt.workers : std::max(1u, std::thread::hardware_concurrency());
  BoundedQueue<FileTask> files(1024);
  BoundedQueue<Prepared> prepared(nworkers * 2);
  Counters counters;
  Skipped skipped;

  // The walker feeds the pipeline and waits when it is ahead; a second walk
  // only counts, so the progress bar knows the total (and an ETA) early.
  std::thread walker([&] {
    ::pthread_setname_np(::pthread_self(), "tahqiq-walk");
    Visit push = [&](const std::string& path, const struct stat& st) {
      files.Push({path, static_cast<uint64_t>(st.st_size), st.st_mtime});
    };
    for (const auto& [path, st] : roots) {
      Walk(path, st, case_st.st_dev, case_st.st_ino, push, opt, &skipped);
    }
    files.Close();
  });
  std::thread counter([&] {
    ::pthread_setname_np(::pthread_self(), "tahqiq-count");
    Visit count = [&](const std::string&, const struct stat& st) {
      counters.files_total++;
      counters.bytes_total += static_cast<uint64_t>(st.st_size);
    };
    for (const auto& [path, st] : roots) {
      Walk(path, st, case_st.st_dev, case_st.st_ino, count, opt, nullptr);
    }
    counters.walk_done = true;
  });

  SharedTables tables;
  std::vector<std::unique_ptr<Worker>> workers;
  Status init;
  for (unsigned i = 0; i < nworkers && init.ok(); ++i) {
    workers.push_back(std::make_unique<Worker>(c, opt, &tables));
    init = workers.back()->Init();
  }
  std::atomic<unsigned> running{nworkers};
  std::vector<std::thread> threads;
  if (init.ok()) {
    for (auto& w : workers) {
      threads.emplace_back([&, wp = w.get()] {
        ::pthread_setname_np(::pthread_self(), "tahqiq-extract");
        while (auto task = files.Pop()) {
          if (Cancelled(opt)) continue;  // Drain so the walker can finish.
          if (!prepared.Push(wp->PrepareFile(*task))) break;
        }
        if (--running == 0) prepared.Close();
      });
    }
  } else {
    files.Close();
    prepared.Close();
  }

  Writer writer(c, *index, *analyzer, run, &sum,
                opt.collection.empty() ? std::string(store::kDefaultCollection) : opt.collection);
  TAHQIQ_ASSIGN_OR_RETURN(uint64_t wm, index->AppliedSeq());
  writer.set_watermark(wm);
  Status st = init;
  auto last_report = Clock::now();
  uint64_t done_files = 0, done_bytes = 0;
  while (auto p = prepared.Pop()) {
    if (!st.ok()) continue;  // Drain after an error so workers can exit.
    done_files++;
    done_bytes += p->size;
    st = writer.Add(std::move(*p));
    if (!st.ok()) {
      files.Close();
      prepared.Close();
      continue;
    }
    if (opt.on_progress && Clock::now() - last_report > std::chrono::milliseconds(200)) {
      last_report = Clock::now();
      Progress pr{done_files,
                  done_bytes,
                  counters.files_total.load(),
                  counters.bytes_total.load(),
                  counters.walk_done.load(),
                  sum.ingested,
                  sum.present,
                  sum.failed,
                  std::chrono::duration<double>(Clock::now() - t0).count()};
      opt.on_progress(pr);
    }
  }
  files.Close();
  walker.join();
  counter.join();
  for (auto& t : threads) t.join();
  if (st.ok()) st = writer.Flush(/*final=*/true);
  if (!st.ok()) {
    writer.Abort();
    return st;
  }
  for (const auto& [path, reason] : skipped) {
    TAHQIQ_RETURN_IF_ERROR(c.store().RecordFileError(run, path, "skipped: " + reason));
  }
  // An interrupted run's tables are settled with the rest by the run that
  // completes it.
  if (!Cancelled(opt)) TAHQIQ_RETURN_IF_ERROR(SettleTableNames(c, &tables));
  sum.files = done_files;
  sum.bytes = done_bytes;
  sum.cancelled = Cancelled(opt);
  sum.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  store::RunCounts rc{sum.ingested, sum.present, sum.failed, sum.bytes};
  TAHQIQ_RETURN_IF_ERROR(c.store().FinishRun(run, rc));
  if (opt.on_progress) {
    Progress pr{done_files,
                done_bytes,
                counters.files_total.load(),
                counters.bytes_total.load(),
                true,
                sum.ingested,
                sum.present,
                sum.failed,
                sum.seconds};
    opt.on_progress(pr);
  }
  return sum;
}

Result<IngestSummary> Reextract(Case& c, const std::vector<int64_t>& ids,
                                const IngestOptions& opt) {
  auto t0 = Clock::now();
  IngestSummary sum;
  TAHQIQ_ASSIGN_OR_RETURN(auto index, c.OpenIndex(index::OpenMode::kWrite));
  TAHQIQ_ASSIGN_OR_RETURN(auto analyzer, analyze::Analyzer::Create());
  TAHQIQ_ASSIGN_OR_RETURN(sum.caught_up, CatchUp(c.store(), *index, *analyzer, nullptr));
  TAHQIQ_ASSIGN_OR_RETURN(int64_t run, c.store().BeginRun(opt.description));
  SharedTables tables;
  Worker worker(c, opt, &tables);
  TAHQIQ_RETURN_IF_ERROR(worker.Init());
  Writer writer(c, *index, *analyzer, run, &sum, "");
  TAHQIQ_ASSIGN_OR_RETURN(uint64_t wm, index->AppliedSeq());
  writer.set_watermark(wm);
  uint64_t bytes = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (Cancelled(opt)) break;
    TAHQIQ_ASSIGN_OR_RETURN(store::DocumentSummary doc, c.store().GetDocument(ids[i]));
    if (!c.blobs().Has(doc.doc.sha256)) {
      writer.Abort();
      return Status::Corrupt("document " + std::to_string(ids[i]) + ": original missing from " +
                             c.blobs().PathFor(doc.doc.sha256));
    }
    bytes += doc.doc.size;
    Status st = writer.Replace(worker.PrepareStored(doc));
    if (!st.ok()) {
      writer.Abort();
      return st;
    }
    sum.files++;
    if (opt.on_progress) {
      Progress pr{
          sum.files,   bytes,      ids.size(),
          0,           true,       sum.ingested,
          sum.present, sum.failed, std::chrono::duration<double>(Clock::now() - t0).count()};
      opt.on_progress(pr);
    }
  }
  TAHQIQ_RETURN_IF_ERROR(writer.Flush(/*final=*/true));
  if (!Cancelled(opt)) TAHQIQ_RETURN_IF_ERROR(SettleTableNames(c, &tables));
  sum.bytes = bytes;
  sum.cancelled = Cancelled(opt);
  sum.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  TAHQIQ_RETURN_IF_ERROR(
      c.store().FinishRun(run, store::RunCounts{sum.ingested, sum.present, sum.failed, bytes}));
  return sum;
}

Result<uint64_t> Reindex(Case& c, const std::function<void(uint64_t, uint64_t)>& progress) {
  // Figures are derived from the stored text too: recompute them (a case
  // made before figures existed, or a newer figure grammar).
  TAHQIQ_ASSIGN_OR_RETURN(std::vector<int64_t> ids, c.store().FindDocuments({}));
  for (size_t i = 0; i < ids.size(); i += 256) {
    TAHQIQ_RETURN_IF_ERROR(c.store().Begin());
    for (size_t j = i; j < ids.size() && j < i + 256; ++j) {
      if (Status st = RefreshFigures(c.store(), ids[j]); !st.ok()) {
        (void)c.store().Rollback();
        return st;
      }
    }
    TAHQIQ_RETURN_IF_ERROR(c.store().Commit());
  }
  TAHQIQ_ASSIGN_OR_RETURN(auto index, c.OpenIndex(index::OpenMode::kRecreate));
  TAHQIQ_ASSIGN_OR_RETURN(auto analyzer, analyze::Analyzer::Create());
  return CatchUp(c.store(), *index, *analyzer, progress);
}

}  // namespace tahqiq::ingest
