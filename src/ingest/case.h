// Case: one investigation's directory and the objects that live in it.
//
//   <dir>/case.db     Store (SQLite): documents, provenance, text, runs
//   <dir>/blobs/      BlobStore: originals by SHA-256, never modified
//   <dir>/index/      Index shards (derived; `tahqiq reindex` rebuilds them)
//   <dir>/tables.db   Typed rows of CSV files and spreadsheet sheets
//   <dir>/tmp/        scratch space of running ingests
//
// Thread safety: a Case and its Store belong to one thread; other threads
// open their own Store with OpenStore().
#ifndef TAHQIQ_INGEST_CASE_H_
#define TAHQIQ_INGEST_CASE_H_

#include <memory>
#include <string>

#include "base/status.h"
#include "index/index.h"
#include "store/blob_store.h"
#include "store/store.h"

namespace tahqiq::ingest {

class Case {
 public:
  // Opens an existing case; with `create`, makes a new one if `dir` does not
  // hold one (`shards` is used only then). kNotFound if absent and !create.
  static Result<std::unique_ptr<Case>> Open(const std::string& dir, bool create,
                                            uint32_t shards = 2);
  // Opens an existing case for commands that only read it (search, show,
  // status...): a read-only store and nothing created or cleaned on disk, so
  // it never waits for nor disturbs a running ingest. Writing through its
  // store fails. kNotFound if there is no case at `dir`. `life`: see
  // store::OpenSqliteStoreForReading (kOneShot for a command that exits
  // after its output).
  static Result<std::unique_ptr<Case>> OpenForReading(
      const std::string& dir, store::ReaderLife life = store::ReaderLife::kLongLived);

  const std::string& dir() const { return dir_; }
  std::string index_dir() const { return dir_ + "/index"; }
  std::string tmp_dir() const { return dir_ + "/tmp"; }
  std::string tables_path() const { return dir_ + "/tables.db"; }
  uint32_t shards() const { return shards_; }
  store::Store& store() { return *store_; }
  store::BlobStore& blobs() { return *blobs_; }

  // A second connection to the same store, for another thread.
  Result<std::unique_ptr<store::Store>> OpenStore() const;
  Result<std::unique_ptr<index::Index>> OpenIndex(index::OpenMode mode) const;

 private:
  Case() = default;
  std::string dir_;
  uint32_t shards_ = 1;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::BlobStore> blobs_;
};

}  // namespace tahqiq::ingest

#endif  // TAHQIQ_INGEST_CASE_H_
