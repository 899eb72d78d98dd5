// Archives (tar, 7z, rar, cpio, iso, ar, cab...) and single compressed
// streams (gz, bz2, xz, zstd, lz4...) through libarchive; zips also get a
// check of their central directory against overlapping-entry bombs.
//
// Members are handed to the sink as child documents (bytes only): a member
// name is metadata, never a path on disk, so "../../etc/passwd" or "/abs"
// cannot escape anything. Links and devices are listed, not followed.
#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "extract/internal.h"
#include "extract/lib_ptr.h"

namespace tahqiq::extract::internal {
namespace {

constexpr uint64_t kMaxMemberBytes = 256ull << 20;  // One member, in memory.
constexpr uint64_t kMaxTotalBytes = 4ull << 30;     // All members of one archive.
constexpr uint64_t kMaxRatio = 200;                 // Output per input byte...
constexpr uint64_t kRatioFloorBytes = 16ull << 20;  // ... past this much output.
constexpr size_t kMaxMembers = 10000;

std::string Err(archive* a) { return ArchiveError(a); }

uint64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

Status CheckZipOverlap(const std::string& path) {
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::IOError("zip: cannot open");
  uint64_t size = FileSize(path);
  uint64_t tail = std::min<uint64_t>(size, 65557);
  std::string buf(tail, '\0');
  f.seekg(static_cast<std::streamoff>(size - tail));
  f.read(buf.data(), static_cast<std::streamsize>(tail));
  auto u16 = [](const std::string& s, size_t i) {
    return static_cast<uint32_t>(static_cast<unsigned char>(s[i])) |
           static_cast<uint32_t>(static_cast<unsigned char>(s[i + 1])) << 8;
  };
  auto u32 = [&](const std::string& s, size_t i) { return u16(s, i) | u16(s, i + 2) << 16; };
  size_t eocd = std::string::npos;
  for (size_t i = tail >= 22 ? tail - 22 + 1 : 0; i-- > 0;) {
    if (buf.compare(i, 4, "PK\x05\x06") == 0) {
      eocd = i;
      break;
    }
  }
  if (eocd == std::string::npos || eocd + 22 > buf.size())
    return Status::Ok();  // Let libarchive judge.
  uint32_t entries = u16(buf, eocd + 10);
  uint32_t cd_size = u32(buf, eocd + 12);
  uint32_t cd_offset = u32(buf, eocd + 16);
  if (entries == 0xffff || cd_offset == 0xffffffffu) return Status::Ok();  // Zip64: not checked.
  if (static_cast<uint64_t>(cd_offset) + cd_size > size || cd_size > (64u << 20)) {
    return Status::Corrupt("zip: central directory out of bounds");
  }
  std::string cd(cd_size, '\0');
  f.seekg(cd_offset);
  f.read(cd.data(), cd_size);
  std::vector<std::pair<uint64_t, uint64_t>> spans;  // [local header, end of data)
  size_t p = 0;
  for (uint32_t i = 0; i < entries && p + 46 <= cd.size(); ++i) {
    if (cd.compare(p, 4, "PK\x01\x02") != 0) break;
    uint64_t csize = u32(cd, p + 20);
    uint32_t name_len = u16(cd, p + 28), extra_len = u16(cd, p + 30), comment_len = u16(cd, p + 32);
    uint64_t local = u32(cd, p + 42);
    // 30 bytes of local header plus the name (its extra field may differ;
    // the name is the same), then the compressed data.
    spans.emplace_back(local, local + 30 + name_len + csize);
    p += 46 + name_len + extra_len + comment_len;
  }
  std::sort(spans.begin(), spans.end());
  for (size_t i = 1; i < spans.size(); ++i) {
    if (spans[i].first < spans[i - 1].second) {
      return Status::ResourceExhausted(
          "zip: members overlap in the file (an overlapping-entry zip bomb)");
    }
  }
  return Status::Ok();
}

Status ExtractArchive(const std::string& path, const std::string& type, const Options& options,
                      Sink* sink) {
  const bool single = type == "compressed";
  ArchivePtr a(archive_read_new());
  if (!a) return Status::Internal(type + ": libarchive allocation failed");
  archive_read_support_filter_all(a.get());
  if (single) {
    archive_read_support_format_raw(a.get());
  } else {
    archive_read_support_format_all(a.get());
  }
  if (archive_read_open_filename(a.get(), path.c_str(), 64 * 1024) != ARCHIVE_OK) {
    return Status::Corrupt(type + ": cannot open (" + Err(a.get()) + ")");
  }
  const uint64_t in_size = FileSize(path);
  const uint64_t ratio_limit = std::max(kRatioFloorBytes, in_size * kMaxRatio);
  const uint64_t member_limit = std::min<uint64_t>(kMaxMemberBytes, options.max_in_memory_bytes);
  uint64_t total = 0;
  size_t members = 0;
  std::string listing;
  std::vector<std::string> skipped;
  archive_entry* e = nullptr;
  Status result;
  int rc;
  std::array<char, 64 * 1024> buf;
  while ((rc = archive_read_next_header(a.get(), &e)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
    const char* raw = archive_entry_pathname_utf8(e);
    if (raw == nullptr) raw = archive_entry_pathname(e);
    std::string name = SanitizeUtf8(raw ? raw : "");
    if (single) {
      // A bare stream has no member name; the gzip header may carry one.
      name = name.empty() || name == "data" ? "(decompressed)" : name;
    }
    listing += name;
    listing += '\n';
    if (++members > kMaxMembers) {
      result = Status::ResourceExhausted(type + ": more than " + std::to_string(kMaxMembers) +
                                         " members");
      break;
    }
    if (!single && archive_entry_filetype(e) != AE_IFREG) {
      if (archive_entry_filetype(e) != AE_IFDIR) skipped.push_back(name + " (not a regular file)");
      continue;
    }
    if (archive_entry_is_encrypted(e)) {
      skipped.push_back(name + " (encrypted)");
      continue;
    }
    std::string data;
    bool too_big = false;
    for (;;) {
      la_ssize_t n = archive_read_data(a.get(), buf.data(), buf.size());
      if (n == 0) break;
      if (n < 0) {
        result = Status::Corrupt(type + ": cannot read " + name + " (" + Err(a.get()) + ")");
        break;
      }
      total += static_cast<uint64_t>(n);
      if (total > kMaxTotalBytes || total > ratio_limit) {
        result = Status::ResourceExhausted(
            type + ": expands past " + std::to_string(std::min(kMaxTotalBytes, ratio_limit) >> 20) +
            " MiB (decompression bomb?)");
        break;
      }
      if (data.size() + static_cast<size_t>(n) > member_limit) {
        too_big = true;  // Keep reading: the bomb limits above must still see it.
        continue;
      }
      data.append(buf.data(), static_cast<size_t>(n));
    }
    if (!result.ok()) break;
    if (too_big) {
      skipped.push_back(name + " (larger than " + std::to_string(member_limit >> 20) + " MiB)");
      continue;
    }
    sink->AddChild(single && name == "(decompressed)" ? BaseName(path) + " (decompressed)" : name,
                   std::move(data));
  }
  if (result.ok() && rc != ARCHIVE_EOF && rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
    result = Status::Corrupt(type + ": damaged (" + Err(a.get()) + ")");
  }
  // The member list is text too: names are often what tells what a leaked
  // archive holds.
  if (!single) {
    sink->AddField("members", std::to_string(members));
    Status st = sink->AppendText(listing);
    if (!st.ok() && result.ok()) result = st;
  }
  for (const auto& s : skipped) sink->AddField("skipped", s);
  return result;
}

}  // namespace tahqiq::extract::internal
