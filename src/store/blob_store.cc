#include "store/blob_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <vector>

#include "base/file_util.h"
#include "base/sha256.h"

namespace tahqiq::store {
namespace {

constexpr size_t kBuf = 1 << 20;

// Closes a descriptor on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Status WriteAll(int fd, const char* p, size_t n, const std::string& path) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot write", path);
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return Status::Ok();
}

bool ValidDigest(const std::string& sha) {
  if (sha.size() != 64) return false;
  for (char c : sha) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<BlobStore>> BlobStore::Open(const std::string& dir) {
  TAHQIQ_RETURN_IF_ERROR(MakeDirs(dir + "/tmp"));
  // Leftovers of a run killed mid-copy; they were never renamed into place.
  if (DIR* d = ::opendir((dir + "/tmp").c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name == "." || name == "..") continue;
      ::unlink((dir + "/tmp/" + name).c_str());
    }
    ::closedir(d);
  }
  return std::unique_ptr<BlobStore>(new BlobStore(dir));
}

std::unique_ptr<BlobStore> BlobStore::OpenForReading(const std::string& dir) {
  return std::unique_ptr<BlobStore>(new BlobStore(dir));
}

std::string BlobStore::PathFor(const std::string& sha) const {
  return dir_ + "/" + sha.substr(0, 2) + "/" + sha.substr(2, 2) + "/" + sha;
}

bool BlobStore::Has(const std::string& sha) const { return PathExists(PathFor(sha)); }

std::string BlobStore::TempPath() const {
  static std::atomic<uint64_t> counter{0};
  return dir_ + "/tmp/" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

bool BlobStore::HasComplete(const std::string& sha, uint64_t size) const {
  struct stat st;
  return ::stat(PathFor(sha).c_str(), &st) == 0 && static_cast<uint64_t>(st.st_size) == size;
}

Status BlobStore::Sync() {
  int fd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open", dir_);
  int rc = ::syncfs(fd);
  ::close(fd);
  if (rc != 0) return ErrnoStatus("cannot sync", dir_);
  return Status::Ok();
}

Status BlobStore::Install(const std::string& tmp, const std::string& sha, bool durable) {
  std::string dest = PathFor(sha);
  std::string parent = dest.substr(0, dest.rfind('/'));
  TAHQIQ_RETURN_IF_ERROR(MakeDirs(parent));
  ::chmod(tmp.c_str(), 0444);
  // rename() replaces a blob already there (a torn one, or the same content
  // another worker stored a moment ago) in one step. Unlinking it first left
  // a moment without it, in which that worker's extraction of it found no
  // file and the content was recorded as failed.
  if (::rename(tmp.c_str(), dest.c_str()) != 0) {
    Status st = ErrnoStatus("cannot install blob", dest);
    ::unlink(tmp.c_str());
    return st;
  }
  return durable ? FsyncDir(parent) : Status::Ok();
}

Status BlobStore::PutFile(const std::string& src, const std::string& sha, uint64_t size,
                          bool durable) {
  if (!ValidDigest(sha)) return Status::InvalidArgument("bad digest " + sha);
  if (HasComplete(sha, size)) return Status::Ok();
  Fd in;
  in.fd = ::open(src.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (in.fd < 0) return ErrnoStatus("cannot open", src);
  std::string tmp = TempPath();
  Fd out;
  out.fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out.fd < 0) return ErrnoStatus("cannot create", tmp);
  std::vector<char> buf(kBuf);
  Sha256 h;
  for (;;) {
    ssize_t n = ::read(in.fd, buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      ::unlink(tmp.c_str());
      return ErrnoStatus("cannot read", src);
    }
    if (n == 0) break;
    h.Update(std::string_view(buf.data(), static_cast<size_t>(n)));
    Status st = WriteAll(out.fd, buf.data(), static_cast<size_t>(n), tmp);
    if (!st.ok()) {
      ::unlink(tmp.c_str());
      return st;
    }
  }
  if (h.FinishHex() != sha) {
    ::unlink(tmp.c_str());
    return Status::Corrupt("file changed while being ingested: " + src);
  }
  if (durable && ::fsync(out.fd) != 0) {
    Status st = ErrnoStatus("cannot fsync", tmp);
    ::unlink(tmp.c_str());
    return st;
  }
  return Install(tmp, sha, durable);
}

Status BlobStore::PutBytes(std::string_view bytes, const std::string& sha, bool durable) {
  if (!ValidDigest(sha)) return Status::InvalidArgument("bad digest " + sha);
  if (HasComplete(sha, bytes.size())) return Status::Ok();
  if (Sha256::HexOf(bytes) != sha) return Status::Internal("blob digest mismatch");
  std::string tmp = TempPath();
  Fd out;
  out.fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out.fd < 0) return ErrnoStatus("cannot create", tmp);
  Status st = WriteAll(out.fd, bytes.data(), bytes.size(), tmp);
  if (st.ok() && durable && ::fsync(out.fd) != 0) st = ErrnoStatus("cannot fsync", tmp);
  if (!st.ok()) {
    ::unlink(tmp.c_str());
    return st;
  }
  return Install(tmp, sha, durable);
}

Result<std::string> HashFile(const std::string& path, uint64_t* size) {
  Fd in;
  in.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (in.fd < 0) return ErrnoStatus("cannot open", path);
  std::vector<char> buf(kBuf);
  Sha256 h;
  uint64_t total = 0;
  for (;;) {
    ssize_t n = ::read(in.fd, buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot read", path);
    }
    if (n == 0) break;
    total += static_cast<uint64_t>(n);
    h.Update(std::string_view(buf.data(), static_cast<size_t>(n)));
  }
  if (size) *size = total;
  return h.FinishHex();
}

}  // namespace tahqiq::store
