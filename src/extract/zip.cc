// Zip members through libarchive, with limits against zip bombs.

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>

#include "extract/internal.h"
#include "extract/lib_ptr.h"

namespace tahqiq::extract::internal {
namespace {

// A member may inflate to this many times the size of the whole zip, past a
// floor that ordinary documents never reach. Real office XML compresses
// 5-30x; bombs compress 1000x and more.
constexpr uint64_t kMaxRatio = 200;
constexpr uint64_t kRatioFloorBytes = 16ull << 20;
constexpr uint64_t kMaxMemberBytes = 256ull << 20;
constexpr size_t kMaxZipChildren = 10000;

Result<ArchivePtr> OpenArchive(const std::string& path, const std::string& what) {
  ArchivePtr a(archive_read_new());
  if (!a) return Status::Internal(what + ": libarchive allocation failed");
  archive_read_support_format_zip(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 64 * 1024) != ARCHIVE_OK) {
    return Status::Corrupt(what + ": not a readable zip (" + ArchiveError(a.get()) + ")");
  }
  return a;
}

std::string EntryName(archive_entry* e) {
  // Names are UTF-8 when the zip says so; otherwise raw bytes in an unknown
  // code page, which become U+FFFD rather than invalid UTF-8.
  const char* n = archive_entry_pathname_utf8(e);
  if (n == nullptr) n = archive_entry_pathname(e);
  return n ? SanitizeUtf8(n) : std::string();
}

bool NextHeader(archive* a, archive_entry** e, int* rc) {
  *rc = archive_read_next_header(a, e);
  return *rc == ARCHIVE_OK || *rc == ARCHIVE_WARN;
}

Result<std::string> ReadData(archive* a, archive_entry* e, const std::string& name,
                             uint64_t max_bytes, uint64_t file_size, const std::string& what) {
  if (archive_entry_is_encrypted(e)) {
    return Status::Unsupported(what + ": " + name + " is encrypted");
  }
  max_bytes = std::min(max_bytes, kMaxMemberBytes);
  const uint64_t ratio_limit = std::max(kRatioFloorBytes, file_size * kMaxRatio);
  std::string out;
  std::array<char, 64 * 1024> buf;
  for (;;) {
    const la_ssize_t n = archive_read_data(a, buf.data(), buf.size());
    if (n == 0) break;
    if (n < 0) {
      return Status::Corrupt(what + ": cannot read " + name + " (" + ArchiveError(a) + ")");
    }
    out.append(buf.data(), static_cast<size_t>(n));
    if (out.size() > max_bytes) {
      return Status::ResourceExhausted(what + ": " + name + " inflates past " +
                                       std::to_string(max_bytes) + " bytes");
    }
    if (out.size() > ratio_limit) {
      return Status::ResourceExhausted(what + ": " + name +
                                       " has a suspicious compression ratio (zip bomb?)");
    }
  }
  return out;
}

uint64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

}  // namespace

Result<ZipArchive> ZipArchive::Open(const std::string& path, std::string what) {
  TAHQIQ_ASSIGN_OR_RETURN(ArchivePtr a, OpenArchive(path, what));
  ZipArchive zip;
  zip.path_ = path;
  zip.what_ = std::move(what);
  zip.file_size_ = FileSize(path);
  archive_entry* e = nullptr;
  int rc;
  while (NextHeader(a.get(), &e, &rc)) {
    zip.names_.push_back(EntryName(e));
    if (zip.names_.size() > 100000) {
      return Status::ResourceExhausted(zip.what_ + ": more than 100000 zip members");
    }
  }
  if (rc != ARCHIVE_EOF) {
    return Status::Corrupt(zip.what_ + ": damaged zip (" + ArchiveError(a.get()) + ")");
  }
  return zip;
}

bool ZipArchive::Has(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

Result<std::string> ZipArchive::Read(std::string_view name, uint64_t max_bytes) const {
  if (!Has(name)) return Status::NotFound(what_ + ": missing " + std::string(name));
  TAHQIQ_ASSIGN_OR_RETURN(ArchivePtr a, OpenArchive(path_, what_));
  archive_entry* e = nullptr;
  int rc;
  while (NextHeader(a.get(), &e, &rc)) {
    // Data of members we pass over is skipped (seeked over) by libarchive.
    if (EntryName(e) == name) {
      return ReadData(a.get(), e, std::string(name), max_bytes, file_size_, what_);
    }
  }
  if (rc == ARCHIVE_EOF) return Status::NotFound(what_ + ": missing " + std::string(name));
  return Status::Corrupt(what_ + ": damaged zip (" + ArchiveError(a.get()) + ")");
}

Status ZipArchive::ForEachImpl(uint64_t max_member_bytes,
                               Status (*fn)(void*, const std::string&, std::string),
                               void* ctx) const {
  TAHQIQ_ASSIGN_OR_RETURN(ArchivePtr a, OpenArchive(path_, what_));
  archive_entry* e = nullptr;
  int rc;
  while (NextHeader(a.get(), &e, &rc)) {
    if (archive_entry_filetype(e) != AE_IFREG) continue;
    const std::string name = EntryName(e);
    TAHQIQ_ASSIGN_OR_RETURN(std::string bytes,
                            ReadData(a.get(), e, name, max_member_bytes, file_size_, what_));
    TAHQIQ_RETURN_IF_ERROR(fn(ctx, name, std::move(bytes)));
  }
  if (rc == ARCHIVE_EOF) return Status::Ok();
  return Status::Corrupt(what_ + ": damaged zip (" + ArchiveError(a.get()) + ")");
}

Status ListZip(const std::string& path, std::vector<std::string>* names,
               std::string* odf_mimetype) {
  // Lenient on purpose: a damaged docx should still be typed "docx" so that
  // its extraction failure says so; the names seen before the damage do.
  names->clear();
  odf_mimetype->clear();
  TAHQIQ_ASSIGN_OR_RETURN(ArchivePtr a, OpenArchive(path, "zip"));
  archive_entry* e = nullptr;
  int rc;
  while (NextHeader(a.get(), &e, &rc) && names->size() < 100000) {
    names->push_back(EntryName(e));
    if (names->back() == "mimetype") {
      auto m = ReadData(a.get(), e, "mimetype", 256, FileSize(path), "zip");
      if (m.ok()) *odf_mimetype = *m;
    }
  }
  if (names->empty() && rc != ARCHIVE_EOF) {
    return Status::Corrupt("zip: not a readable zip (" + ArchiveError(a.get()) + ")");
  }
  return Status::Ok();
}

Status ExtractZip(const std::string& path, const Options& options, Sink* sink) {
  TAHQIQ_ASSIGN_OR_RETURN(ZipArchive zip, ZipArchive::Open(path, "zip"));
  // The member list is the zip's own text: names are often all that tells
  // what a leaked archive holds.
  BlockWriter text(sink);
  for (const std::string& name : zip.names()) {
    text.Append(name);
    text.Append('\n');
    TAHQIQ_RETURN_IF_ERROR(text.Flush());
  }
  TAHQIQ_RETURN_IF_ERROR(text.Flush(true));
  sink->AddField("members", std::to_string(zip.names().size()));
  size_t children = 0;
  return zip.ForEach(
      options.max_in_memory_bytes, [&](const std::string& name, std::string bytes) -> Status {
        if (++children > kMaxZipChildren) {
          return Status::ResourceExhausted("zip: more than " + std::to_string(kMaxZipChildren) +
                                           " files");
        }
        sink->AddChild(name, std::move(bytes));
        return Status::Ok();
      });
}

}  // namespace tahqiq::extract::internal
