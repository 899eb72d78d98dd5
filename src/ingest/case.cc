#include "ingest/case.h"

#include "base/file_util.h"

namespace tahqiq::ingest {

Result<std::unique_ptr<Case>> Case::Open(const std::string& dir, bool create, uint32_t shards) {
  if (dir.empty()) return Status::InvalidArgument("no case directory given (--case DIR)");
  std::string db = dir + "/case.db";
  if (!PathExists(db)) {
    if (!create) return Status::NotFound("no case at " + dir + " (run `tahqiq ingest` first)");
    if (shards == 0 || shards > 256) return Status::InvalidArgument("--shards must be 1..256");
    TAHQIQ_RETURN_IF_ERROR(MakeDirs(dir));
  }
  std::unique_ptr<Case> c(new Case());
  c->dir_ = dir;
  TAHQIQ_ASSIGN_OR_RETURN(c->store_, store::OpenSqliteStore(db));
  TAHQIQ_ASSIGN_OR_RETURN(auto stored, c->store_->GetMeta("index_shards"));
  if (stored.has_value()) {
    c->shards_ = static_cast<uint32_t>(std::stoul(*stored));
  } else {
    c->shards_ = shards ? shards : 1;
    TAHQIQ_RETURN_IF_ERROR(c->store_->SetMeta("index_shards", std::to_string(c->shards_)));
  }
  TAHQIQ_ASSIGN_OR_RETURN(c->blobs_, store::BlobStore::Open(dir + "/blobs"));
  TAHQIQ_RETURN_IF_ERROR(MakeDirs(c->tmp_dir()));
  return c;
}

Result<std::unique_ptr<Case>> Case::OpenForReading(const std::string& dir, store::ReaderLife life) {
  if (dir.empty()) return Status::InvalidArgument("no case directory given (--case DIR)");
  std::string db = dir + "/case.db";
  if (!PathExists(db))
    return Status::NotFound("no case at " + dir + " (run `tahqiq ingest` first)");
  std::unique_ptr<Case> c(new Case());
  c->dir_ = dir;
  TAHQIQ_ASSIGN_OR_RETURN(c->store_, store::OpenSqliteStoreForReading(db, life));
  TAHQIQ_ASSIGN_OR_RETURN(auto stored, c->store_->GetMeta("index_shards"));
  // Every case gets the key at creation; a case without it takes the
  // writing path once, as before.
  if (!stored.has_value()) {
    c.reset();  // Its read transaction (kOneShot) must not hold up the writer.
    return Open(dir, false);
  }
  c->shards_ = static_cast<uint32_t>(std::stoul(*stored));
  c->blobs_ = store::BlobStore::OpenForReading(dir + "/blobs");
  return c;
}

Result<std::unique_ptr<store::Store>> Case::OpenStore() const {
  return store::OpenSqliteStore(dir_ + "/case.db");
}

Result<std::unique_ptr<index::Index>> Case::OpenIndex(index::OpenMode mode) const {
  return index::OpenLocalIndex(index_dir(), shards_, mode);
}

}  // namespace tahqiq::ingest
