// Index: the full-text index of a case, a set of shards behind one interface.
//
// The index is derived data: everything in it can be rebuilt from the Store.
// Each document is split into chunks (bounded memory for huge texts, and
// better snippets); a chunk is one index entry, and results are collapsed to
// one hit per document. Documents are routed to shard `doc_id % shards`.
// The embedded implementation (OpenLocalIndex) keeps Xapian databases under
// one directory; remote shards can implement the same interface later.
//
// Each commit records the last store outbox sequence it covers
// (AppliedSeq), which is how ingest catches the index up after a crash.
//
// Thread safety: one writer object per case at a time (Xapian's lock makes a
// second writer fail with kBusy); readers may run alongside in other
// processes. A writer's DeleteDocument, AddChunk and Commit may be called
// from several threads, as long as one document's changes come from one
// thread; anything else is used by one thread at a time.
#ifndef TAHQIQ_INDEX_INDEX_H_
#define TAHQIQ_INDEX_INDEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyze/analyzer.h"
#include "base/status.h"

namespace tahqiq::index {

// Term prefixes, shared by the indexer and the query parser.
//
// Each word of a text field is indexed in three fields at the same position
// (analyze/analyzer.h): its exact form under the field's prefix, with the
// position (phrases use it); its stem-field forms (the primary stem and the
// alternatives, except any equal to the exact form) under kStem + the
// field's prefix, also with the position (phrases on inflected forms); its
// loose form, when it has one, under kLoose + the field's prefix. Name keys (analyze/name_key.h) of
// name-like words of the body, title, from and to fields go under kName. Terms are case-folded, so
// an uppercase prefix letter never clashes with a word.
namespace prefix {
inline constexpr const char* kBody = "";
inline constexpr const char* kTitle = "S";    // Title / e-mail subject.
inline constexpr const char* kPath = "P";     // Words of the original path(s).
inline constexpr const char* kFrom = "XF";    // E-mail sender (words + whole address).
inline constexpr const char* kTo = "XO";      // E-mail recipients (to, cc).
inline constexpr const char* kType = "XY";    // Boolean: document type.
inline constexpr const char* kLang = "XL";    // Boolean: main language.
inline constexpr const char* kStatus = "XS";  // Boolean: extraction status.
inline constexpr const char* kDocId = "XID";  // Boolean: the document id.
// Boolean: a collection the document belongs to (name as given, not folded).
// Documents indexed before collections existed have none: they are in the
// default collection (store::kDefaultCollection).
inline constexpr const char* kCollection = "XC";
inline constexpr const char* kStem = "Z";   // Put before a field prefix: stem field.
inline constexpr const char* kLoose = "L";  // Put before a field prefix: loose field.
inline constexpr const char* kName = "N";   // Name keys (uppercase: N + "MKRSFT").
}  // namespace prefix

// One index entry: a chunk of a document's text plus the document's fields
// and filter terms (repeated on every chunk so filters apply to each).
struct ChunkEntry {
  int64_t doc_id = 0;
  uint32_t chunk = 0;
  std::vector<analyze::Token> body;
  std::vector<std::pair<std::string, std::vector<analyze::Token>>> fields;  // prefix -> words
  std::vector<std::string> terms;  // Boolean terms, prefixed (e.g. "XYpdf").
};

// A query as a tree, built by the query parser and executed by the index.
struct Word {
  std::string exact, stem;         // Analyzed forms (query side); stem may be empty.
  std::vector<std::string> alts;   // Further stem-field forms (analyze::Token::alts).
  std::string loose;               // Loose form; empty when it is the primary stem.
  std::vector<std::string> names;  // kName: the word's name keys.
};
struct QueryNode {
  enum class Kind {
    kMatchAll,
    kMatchNothing,
    kWord,
    kPhrase,
    kNear,
    kAnd,
    kOr,
    kAndNot,
    kFilter,
    kName,
    kDocIds
  };
  Kind kind = Kind::kMatchNothing;
  std::vector<std::string> fields;  // Prefixes searched (kWord/kPhrase/kNear); {""} = body.
  std::vector<Word> words;          // kWord: one; kPhrase/kNear: several; kName: one or more,
                                    // each of which must match one of its keys.
  uint32_t window = 0;              // kNear: max distance between words.
  bool exact_only = false;          // Match the exact form only (no stems).
  std::string term;                 // kFilter: a boolean term.
  std::vector<int64_t> doc_ids;     // kDocIds: the documents kept, sorted, unique; weightless
                                    // (one pass over the index's document id values, instead
                                    // of one posting list per document).
  std::vector<QueryNode> children;  // kAnd/kOr; kAndNot: {positive, negative}.
};

// The terms a query word searches in one text field, without prefixes, and
// their weights: what analyze::Match() promises, as index terms.
//   kExact 1.0: the exact form.
//   kStem 0.5:  each stem-field form (primary stem, alternatives) in the
//               stem field, and in the exact field where it differs from
//               the exact form (a word whose stem is itself has no stem term).
//   kLoose 0.3: the loose form in the loose field, and in the stem and exact
//               fields where not already searched.
// exact_only keeps the exact term only.
struct SearchTerm {
  enum class Field : uint8_t { kExact, kStem, kLoose } field;
  std::string term;
  double weight;
};
inline constexpr double kExactWeight = 1.0;
inline constexpr double kStemWeight = 0.5;
inline constexpr double kLooseWeight = 0.3;
// How the Xapian index scores a word (BM25), from these levels: the exact
// and stem-level terms form one synonym, the word's family, counted as one
// term the way a conflating stemmer counts it (so a document that uses the
// word only in other forms is not pushed down by documents that use the
// exact form once); the exact term adds kExactBonus of its own weight, so
// that the exact form ranks first among documents using the family alike;
// the loose-level terms form a second synonym scaled by kLooseScale.
// Measured in bench/relevance (bench/RESULTS.md).
inline constexpr double kExactBonus = 0.3;
inline constexpr double kLooseScale = 0.3;
// A phrase (or NEAR) of several words matches its exact forms, and also any
// exact or stem-level form of each word at the same positions, scaled by
// kPhraseFamilyScale (an exact phrase matches both and ranks first).
inline constexpr double kPhraseFamilyScale = 0.5;
std::vector<SearchTerm> ExpandWord(const Word& word, bool exact_only);

// The terms an indexed token has, without prefixes (views into `token`):
// exact (with its position), stem-field terms other than exact, and the
// loose term (empty if none). See the prefix comment above.
struct TokenTerms {
  std::string_view exact;
  std::vector<std::string_view> stem;
  std::string_view loose;
};
TokenTerms TermsOf(const analyze::Token& token);
// The same terms, one call of f(SearchTerm::Field, std::string_view) each,
// in the same order, without building vectors (the index writer does this
// for every word it indexes). An empty loose form is not passed.
template <typename F>
void ForEachTermOf(const analyze::Token& t, F&& f) {
  f(SearchTerm::Field::kExact, std::string_view(t.exact));
  if (!t.stem.empty()) f(SearchTerm::Field::kStem, std::string_view(t.stem));
  for (const auto& a : t.alts) {
    if (a != t.exact) f(SearchTerm::Field::kStem, std::string_view(a));
  }
  if (!t.loose.empty()) f(SearchTerm::Field::kLoose, std::string_view(t.loose));
}

struct Hit {
  int64_t doc_id = 0;
  uint32_t chunk = 0;  // Best-scoring chunk of the document.
  double score = 0;
};

struct SearchResult {
  std::vector<Hit> hits;
  uint64_t estimated_total = 0;  // Documents, after collapsing chunks.
  // Bounds on that number; the estimate is exact when they are equal
  // (a phrase, for one, is estimated from its words' counts, in either
  // direction, unless every candidate was checked).
  uint64_t total_lower = 0, total_upper = 0;
};

class Index {
 public:
  virtual ~Index() = default;
  virtual uint32_t shard_count() const = 0;  // As opened (1 after Compact).

  // Writer side. DeleteDocument removes every chunk of a document; AddChunk
  // then adds fresh ones. Both may work in the background (the local index
  // has a thread per shard); their errors are returned by the next Commit,
  // which makes every change before it visible and durable.
  virtual Status DeleteDocument(int64_t doc_id) = 0;
  virtual Status AddChunk(ChunkEntry entry) = 0;
  virtual Status Commit(uint64_t applied_seq) = 0;
  // Starts a commit and returns without waiting for it, so the caller goes
  // on while the shards write (a later change waits behind it). Returns the
  // first error of the commits started before; a later Commit() waits for
  // this one too and returns its error.
  virtual Status StartCommit(uint64_t applied_seq) = 0;
  // Merges the shards into one database (Xapian compaction), for searches
  // that then read each term once instead of once per shard. Call it after
  // Commit (uncommitted changes are lost). Atomic for readers: one that
  // opens the index meanwhile sees the shards or the merged database, never
  // a missing or partial one, and one already open keeps its snapshot. The
  // writer then writes the single database. A no-op on one shard.
  virtual Status Compact() = 0;
  // The lowest outbox sequence committed in every shard.
  virtual Result<uint64_t> AppliedSeq() = 0;
  virtual Result<uint64_t> DocumentCount() = 0;  // Index entries (chunks).

  // Reader side.
  virtual Result<SearchResult> Search(const QueryNode& query, size_t offset, size_t limit) = 0;
  // Ids of up to `limit` documents matching `query`, unranked (for facets):
  // the lowest index entries first, so a common word stops after `limit`
  // documents instead of ranking every match.
  virtual Result<std::vector<int64_t>> MatchingDocuments(const QueryNode& query, size_t limit) = 0;
};

enum class OpenMode { kRead, kWrite, kRecreate };

// Opens the shards under `dir`: those its file `current` lists once a
// compaction wrote it, else shard-0 ... shard-N-1 (`shards` is used only
// then; kRecreate drops the list and starts again with `shards`).
Result<std::unique_ptr<Index>> OpenLocalIndex(const std::string& dir, uint32_t shards,
                                              OpenMode mode);

// A value that changes whenever the local index under `dir` publishes a new
// state (a commit, a compaction, a reindex), read without opening it: a few
// stat() calls. For a pool of long-lived readers, which see the index as it
// was when opened: a reader opened after the value was read sees at least
// that state, so it may be kept until the value changes. `shards` as for
// OpenLocalIndex. Never fails: an unreadable folder gives a value of its own.
std::string LocalIndexStamp(const std::string& dir, uint32_t shards);

}  // namespace tahqiq::index

#endif  // TAHQIQ_INDEX_INDEX_H_
