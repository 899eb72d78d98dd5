// Store: the case's evidence database (documents, provenance, extraction
// status, extracted text, ingest runs) behind a narrow interface.
//
// The embedded implementation is SQLite (OpenSqliteStore); a PostgreSQL one
// can implement the same interface. Everything here is the source of truth:
// the full-text index is derived from it (see the index outbox below).
//
// Thread safety: a Store object is used by one thread at a time. Several
// processes may open one case; writes serialize on the database lock.
// Errors: Status/Result, never exceptions.
#ifndef TAHQIQ_STORE_STORE_H_
#define TAHQIQ_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace tahqiq::store {

// Extraction outcome of a document.
inline constexpr const char* kStatusOk = "ok";
inline constexpr const char* kStatusPartial = "partial";  // Text kept, then an error.
inline constexpr const char* kStatusFailed = "failed";

struct Provenance {
  std::string path;        // Original path as given/walked (raw bytes).
  int64_t parent_doc = 0;  // Container document id, 0 for files on disk.
  std::string member;      // Name inside the container (raw), "" for files.
  uint64_t size = 0;
  int64_t mtime = 0;  // Seconds since the epoch; 0 if unknown.
  int64_t run_id = 0;
};

struct DocumentRecord {
  int64_t id = 0;  // Assigned by the store.
  std::string sha256;
  uint64_t size = 0;
  std::string type, mime, lang, title;
  std::string status = kStatusOk;
  std::string reason;  // Why extraction failed or stopped; "" when ok.
  uint64_t text_bytes = 0;
  uint32_t chunks = 0;
  std::vector<std::pair<std::string, std::string>> fields;  // from, to, subject...
};

struct DocumentSummary {  // What `show` and search results need.
  DocumentRecord doc;
  std::vector<Provenance> provenance;
  std::vector<std::string> collections;  // Sorted; never empty (see AddToCollection).
};

// The collection of documents that were never given one (cases made before
// collections existed, ingests without --collection).
inline constexpr const char* kDefaultCollection = "default";

// Counts of a set of documents by type, language, year (of the `date`
// field) and collection; each list most frequent first.
struct DocumentFacetCounts {
  std::vector<std::pair<std::string, uint64_t>> type, lang, year, collection;
};

struct RunCounts {
  uint64_t ingested = 0, present = 0, failed = 0, bytes = 0;
};

struct StatusReport {
  uint64_t documents = 0, files = 0, bytes = 0;
  std::vector<std::pair<std::string, uint64_t>> by_type, by_lang, by_status;
  struct Failure {
    int64_t doc_id;
    std::string path, member, type, status, reason;
  };
  std::vector<Failure> failures;
  std::vector<std::pair<std::string, std::string>> file_errors;  // path, reason (latest run)
  uint64_t outbox_last = 0;
  uint64_t index_entries_expected = 0;  // Chunks, at least one per document.
};

// Chunks of a document's extracted text, in order, for indexing.
struct TextChunk {
  uint32_t seq = 0;
  std::string text;
};

// ---- figures ----
// A typed figure found in a document's extracted text (analyze/figures.h).
struct FigureRecord {
  int64_t doc_id = 0;
  std::string kind;  // money, quantity, percent, ratio, date, daterange
  double value = 0;  // 0 for dates
  std::string date;  // ISO 8601 for dates; "from/to" for date ranges
  std::string from, to;
  // The full dates ("YYYY-MM-DD") a date or range covers; "" when it has no
  // year ("--10-05") or is not a date. Date filters compare these.
  std::string date_lo, date_hi;
  std::string unit, currency;
  bool approx = false;
  std::string text;             // Surface text.
  uint64_t start = 0, end = 0;  // Byte offsets into the whole extracted text.
  uint32_t page = 0;            // 1-based ('\f' separates pages); 0 if unknown.
};

// Figures wanted: every non-empty criterion must hold for the same figure.
struct FigureQuery {
  int64_t doc_id = 0;  // 0: every document
  std::string kind, unit, currency;
  std::optional<double> min, max;  // value bounds
  bool min_inclusive = true, max_inclusive = true;
  std::string date_lo, date_hi;  // overlap with [date_lo, date_hi]; "" = open
  size_t limit = 0;              // 0: no limit
};
// ---- end figures ----

class Store {
 public:
  virtual ~Store() = default;

  // Ingest runs.
  virtual Result<int64_t> BeginRun(const std::string& description) = 0;
  virtual Status FinishRun(int64_t run_id, const RunCounts& counts) = 0;

  // Document id for a content hash, if the document exists.
  virtual Result<std::optional<int64_t>> FindBySha(const std::string& sha256) = 0;

  // Transactions group many writes into one durable commit (fsync'd).
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Inserts a new document (fills `doc->id`) and appends it to the index
  // outbox. Chunks are added with AddChunk before Commit.
  virtual Status AddDocument(DocumentRecord* doc) = 0;
  virtual Status AddChunk(int64_t doc_id, uint32_t seq, std::string_view text) = 0;
  // Removes a document's text, before it is extracted again.
  virtual Status DeleteChunks(int64_t doc_id) = 0;
  // Updates type/lang/title/status/reason/text_bytes/chunks/fields of `doc`.
  virtual Status UpdateDocument(const DocumentRecord& doc) = 0;
  // Records a path for a document; returns false if that exact provenance
  // (document, path, parent, member) is already known.
  virtual Result<bool> AddProvenance(int64_t doc_id, const Provenance& p) = 0;

  // A file that could not even be read (so has no content hash).
  virtual Status RecordFileError(int64_t run_id, const std::string& path,
                                 const std::string& reason) = 0;

  virtual Result<DocumentSummary> GetDocument(int64_t doc_id) = 0;
  // GetDocument without the document's fields (doc.fields stays empty):
  // for search results, which show none of them.
  virtual Result<DocumentSummary> GetDocumentWithoutFields(int64_t doc_id) = 0;
  // Ids of documents matching every non-empty criterion, in id order.
  struct DocumentFilter {
    std::string status, type, reason_contains;
  };
  virtual Result<std::vector<int64_t>> FindDocuments(const DocumentFilter& filter) = 0;
  virtual Status ReadChunks(int64_t doc_id, const std::function<Status(const TextChunk&)>& fn) = 0;
  virtual Result<std::string> ReadChunk(int64_t doc_id, uint32_t seq) = 0;
  // Calls `use` with the text ReadChunk would return, in place (no copy: a
  // chunk is up to 256 KiB, and a search's snippet reads a few KiB of it).
  // The view is valid during the call only; `use` must not call the store.
  virtual Status WithChunk(int64_t doc_id, uint32_t seq,
                           const std::function<void(std::string_view)>& use) {
    TAHQIQ_ASSIGN_OR_RETURN(std::string text, ReadChunk(doc_id, seq));
    use(text);
    return Status::Ok();
  }
  virtual Result<StatusReport> Report(size_t max_failures) = 0;

  // Index outbox: (sequence, document) pairs in commit order. The index
  // stores the last sequence it applied, so it can catch up after a crash.
  virtual Status ReadOutbox(uint64_t after_seq,
                            const std::function<Status(uint64_t seq, int64_t doc_id)>& fn) = 0;
  virtual Result<uint64_t> LastOutboxSeq() = 0;
  // Asks the index to refresh a document (e.g. it gained a path).
  virtual Status EnqueueIndex(int64_t doc_id) = 0;

  // Key/value settings of the case (e.g. the shard count).
  virtual Result<std::optional<std::string>> GetMeta(const std::string& key) = 0;
  virtual Status SetMeta(const std::string& key, const std::string& value) = 0;

  // ---- collections ----
  // Membership of documents in collections (names as in access.db). A
  // document without any membership row belongs to kDefaultCollection only;
  // adding an `existing` document (one that may already be implicitly in
  // the default collection) to another collection keeps it in the default
  // one. Attachments (provenance children, recursively) join with their
  // container. Returns the ids whose membership changed (their index
  // entries carry one term per collection and must be refreshed).
  virtual Result<std::vector<int64_t>> AddToCollection(int64_t doc_id, const std::string& name,
                                                       bool existing) = 0;
  // Facet counts over `doc_ids`.
  virtual Result<DocumentFacetCounts> DocumentFacets(const std::vector<int64_t>& doc_ids) = 0;
  // Documents whose `date` field falls in `year` ("2001"), ascending.
  virtual Result<std::vector<int64_t>> DocumentsOfYear(const std::string& year) = 0;
  // Documents of any of `collections`, ascending (a document with no
  // membership row counts as kDefaultCollection's). Reads the memberships
  // of those collections only (one index range each), plus, when
  // `collections` holds the default one, the documents of cases made before
  // collections.
  virtual Result<std::vector<int64_t>> CollectionDocuments(
      const std::vector<std::string>& collections) = 0;
  // ---- end collections ----

  // ---- entities (analyze/entities.h) and watchlists ----
  // A document's entity mentions, each attached to one entity of the case.
  // A mention joins the entity of its merge class ("name" for the name
  // kinds org/name/quoted, else its kind) that already has its value as an
  // alias; else, for the name class, an entity sharing one of its name
  // `keys`; else a new entity. The entity gains the value (and keys) as
  // aliases; a name entity's kind becomes the most specific seen (org >
  // name > quoted). Offsets are into the document's whole extracted text.
  struct EntityMentionInput {
    std::string kind, text, value;
    uint64_t start = 0, end = 0;
    std::vector<std::string> keys;  // Name keys of `value` (name kinds only).
    std::string name;               // Display name for a new entity; "" = `text`.
  };
  virtual Status AddEntityMentions(int64_t doc_id,
                                   const std::vector<EntityMentionInput>& mentions) = 0;
  // Before a document is extracted again.
  virtual Status DeleteEntityMentions(int64_t doc_id) = 0;
  struct EntityInfo {
    int64_t id = 0;
    std::string kind, name;            // name: display name of the first mention.
    std::vector<std::string> aliases;  // Normalized values, most mentioned first.
    uint64_t documents = 0, mentions = 0;
  };
  // Entities that have mentions, most documents first; `kind` "" = all.
  virtual Result<std::vector<EntityInfo>> ListEntities(const std::string& kind) = 0;
  // The same over the mentions in `doc_ids` only (ascending, as given by
  // CollectionDocuments), reading those documents' mentions and nothing
  // else: counts within them, `name` the text of their first mention (by
  // document, then offset), aliases their values most mentioned first (then
  // by value); most documents first, then most mentions, then id.
  virtual Result<std::vector<EntityInfo>> ListEntitiesIn(const std::vector<int64_t>& doc_ids,
                                                         const std::string& kind) = 0;
  struct EntityMentionRow {
    int64_t doc_id = 0, entity_id = 0;
    std::string kind, text, value;
    uint64_t start = 0, end = 0;
  };
  // Mentions of one entity (0: all), by document and offset.
  virtual Status ReadEntityMentions(int64_t entity_id,
                                    const std::function<Status(const EntityMentionRow&)>& fn) = 0;
  // Mentions in one document, by offset.
  virtual Status ReadDocumentMentions(int64_t doc_id,
                                      const std::function<Status(const EntityMentionRow&)>& fn) = 0;
  // Entities with `value` as an alias, or (if `keys` is non-empty) a name
  // entity sharing one of `keys`.
  virtual Result<std::vector<int64_t>> FindEntities(const std::string& value,
                                                    const std::vector<std::string>& keys) = 0;
  // Documents that mention any of the entities, in id order.
  virtual Result<std::vector<int64_t>> EntityDocuments(const std::vector<int64_t>& entity_ids) = 0;
  // The text of the first mention (by document id, then offset) of
  // `entity_id` in any of `doc_ids`; "" when none of them mentions it. Reads
  // the entity's mentions in document order up to that one.
  virtual Result<std::string> FirstMentionIn(int64_t entity_id,
                                             const std::vector<int64_t>& doc_ids) = 0;
  // The `limit` entities mentioned in most of `doc_ids` (EntityInfo with
  // `documents` counted within them; aliases and mentions not filled; `name`
  // is the stored one, which may come from a document outside `doc_ids`).
  virtual Result<std::vector<EntityInfo>> EntityFacets(const std::vector<int64_t>& doc_ids,
                                                       size_t limit) = 0;
  // Watchlist: names (with aliases in any script) to find in every document.
  struct WatchedName {
    int64_t id = 0;
    std::string name;
    std::vector<std::string> aliases;
  };
  // Adds a name, or replaces the aliases of a name already watched.
  virtual Result<int64_t> AddWatchedName(const WatchedName& name) = 0;
  virtual Result<std::vector<WatchedName>> ListWatchedNames() = 0;
  // ---- end entities ----
  // ---- figures ----
  // A document's figures, derived from its text: replaced whenever the
  // text is (ingest, reextract, reindex). Inside a transaction if one is open.
  virtual Status AddFigures(int64_t doc_id, const std::vector<FigureRecord>& figures) = 0;
  virtual Status DeleteFigures(int64_t doc_id) = 0;
  // Figures matching `q`, by document then offset.
  virtual Status ReadFigures(const FigureQuery& q,
                             const std::function<Status(const FigureRecord&)>& fn) = 0;
  // Ids of the documents with at least one figure matching `q`, ascending.
  virtual Result<std::vector<int64_t>> FigureDocuments(const FigureQuery& q) = 0;
  // ---- end figures ----
};

// Opens or creates the SQLite store at `db_path` (WAL, synchronous=FULL).
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& db_path);
// Opens an existing store on a read-only connection: no schema statements,
// no transaction, no checkpoint, so readers never wait for a running ingest
// nor write to the case. Writing methods fail. A case whose schema lacks a
// table of this build is opened once with OpenSqliteStore instead (which adds
// it). kNotFound if there is no store at `db_path`.
//
// kOneShot is for a process that reads a few things and exits (a CLI
// search): every read then runs in one read transaction, begun at the
// first statement and held until the store is closed, so the reads see one
// snapshot and SQLite takes and releases no lock per statement. A reader
// that lives on (the server) must not hold it: it keeps a running ingest's
// checkpoints from passing its snapshot.
enum class ReaderLife { kLongLived, kOneShot };
Result<std::unique_ptr<Store>> OpenSqliteStoreForReading(const std::string& db_path,
                                                         ReaderLife life = ReaderLife::kLongLived);

}  // namespace tahqiq::store

#endif  // TAHQIQ_STORE_STORE_H_
