// BlobStore: originals, content-addressed by SHA-256 under <case>/blobs.
//
// A blob is written once to a temporary file, fsync'd, verified against its
// address and renamed into place, so a crash leaves either no blob or a
// complete one; blobs are read-only (0444) and never modified. Temporary
// files of a crashed run are removed by Open(); OpenForReading() touches
// nothing on disk (a search must not delete the temp files of a running
// ingest) and gives a store only for PathFor/Has.
//
// Thread safety: all methods may be called concurrently.
#ifndef TAHQIQ_STORE_BLOB_STORE_H_
#define TAHQIQ_STORE_BLOB_STORE_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tahqiq::store {

class BlobStore {
 public:
  static Result<std::unique_ptr<BlobStore>> Open(const std::string& dir);
  static std::unique_ptr<BlobStore> OpenForReading(const std::string& dir);

  // Where the blob with this digest lives (whether or not it exists).
  std::string PathFor(const std::string& sha256) const;
  bool Has(const std::string& sha256) const;

  // Copies the file at `src` into the store. Fails with kCorrupt if its
  // content no longer hashes to `sha256` (the file changed under us).
  // With `durable` false the data is not fsync'd one by one: call Sync()
  // before committing anything that refers to the blob. A blob whose size
  // does not match `size` (torn by a power loss before Sync) is rewritten.
  Status PutFile(const std::string& src, const std::string& sha256, uint64_t size,
                 bool durable = true);
  Status PutBytes(std::string_view bytes, const std::string& sha256, bool durable = true);
  // Makes every blob written so far durable (one syncfs for the batch).
  Status Sync();

 private:
  explicit BlobStore(std::string dir) : dir_(std::move(dir)) {}
  Status Install(const std::string& tmp, const std::string& sha256, bool durable);
  bool HasComplete(const std::string& sha256, uint64_t size) const;
  std::string TempPath() const;
  std::string dir_;
};

// Hashes a file without loading it whole; fills `size`.
Result<std::string> HashFile(const std::string& path, uint64_t* size);

}  // namespace tahqiq::store

#endif  // TAHQIQ_STORE_BLOB_STORE_H_
