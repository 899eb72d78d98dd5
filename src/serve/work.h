// WorkDb: what users add to a case while reading it — tags, notes, stars and
// saved searches — in `<case>/work.db` (SQLite, WAL), owned by the server
// and apart from the evidence database, which the server never writes.
// Access checks are the caller's (server.cc): this layer stores and reads.
//
// Tags and notes belong to a collection of their document (the one the
// writer could write): a document whose content is in two newsrooms'
// collections is one document, and each newsroom sees only the tags and
// notes made in collections it can read. `collections` arguments restrict
// reads and removals to those collections; nullptr means all (admins).
//
// Thread safety: one WorkDb per thread; several may open the file at once.
#ifndef TAHQIQ_SERVE_WORK_H_
#define TAHQIQ_SERVE_WORK_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

struct sqlite3;

namespace tahqiq::serve {

struct Note {
  int64_t id = 0, doc_id = 0;
  std::string user, text, created;
};

struct SavedSearch {
  int64_t id = 0;
  std::string user, name, q, created;
};

// What one user may add in all (a bound on the server's storage, which any
// signed-in user writes): adding past it is ResourceExhausted.
struct WorkLimits {
  int64_t tags_per_user = 100000;
  int64_t notes_per_user = 20000;
  int64_t searches_per_user = 1000;
};

class WorkDb {
 public:
  static Result<std::unique_ptr<WorkDb>> Open(const std::string& path, WorkLimits limits = {});
  ~WorkDb();
  WorkDb(const WorkDb&) = delete;
  WorkDb& operator=(const WorkDb&) = delete;

  Status AddTag(int64_t doc, const std::string& collection, const std::string& tag,
                const std::string& user);
  // NotFound if absent from every collection in `collections`.
  Status RemoveTag(int64_t doc, const std::vector<std::string>* collections,
                   const std::string& tag);
  Result<std::vector<std::string>> Tags(int64_t doc, const std::vector<std::string>* collections);
  // Every (tag, document) pair of `collections`, by tag then document: the
  // search filter and facet (tags are few next to documents).
  Result<std::vector<std::pair<std::string, int64_t>>> TaggedDocuments(
      const std::vector<std::string>* collections);
  Result<Note> AddNote(int64_t doc, const std::string& collection, const std::string& user,
                       const std::string& text);
  // NotFound unless the note exists on `doc` and is `user`'s.
  Status RemoveNote(int64_t doc, int64_t note, const std::string& user);
  Result<std::vector<Note>> Notes(int64_t doc, const std::vector<std::string>* collections);
  Status SetStar(int64_t doc, const std::string& user, bool on);
  Result<bool> Starred(int64_t doc, const std::string& user);
  // The documents `user` starred, ascending.
  Result<std::vector<int64_t>> StarredDocuments(const std::string& user);
  Result<SavedSearch> AddSearch(const std::string& user, const std::string& name,
                                const std::string& q);
  Status RemoveSearch(const std::string& user, int64_t id);  // NotFound unless the user's.
  Result<std::vector<SavedSearch>> Searches(const std::string& user);

 private:
  WorkDb(sqlite3* db, WorkLimits limits) : db_(db), limits_(limits) {}
  Status Error(const std::string& what);
  // ResourceExhausted when `user` already has `max` rows in `table`.
  Status UnderLimit(const char* table, const std::string& user, int64_t max, const char* what);
  sqlite3* db_;
  WorkLimits limits_;
};

}  // namespace tahqiq::serve

#endif  // TAHQIQ_SERVE_WORK_H_
