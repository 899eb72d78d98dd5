// Owning pointers for the C libraries extract/ adapts (libarchive, GLib/
// GMime objects), shared by the extractors that use them. Internal to
// src/extract: it includes third-party headers.
#ifndef TAHQIQ_EXTRACT_LIB_PTR_H_
#define TAHQIQ_EXTRACT_LIB_PTR_H_

#include <archive.h>
#include <glib-object.h>

#include <memory>
#include <string>

namespace tahqiq::extract::internal {

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

inline std::string ArchiveError(archive* a) {
  const char* e = archive_error_string(a);
  return e ? e : "unknown error";
}

struct GObjectUnref {
  void operator()(void* p) const {
    if (p != nullptr) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

}  // namespace tahqiq::extract::internal

#endif  // TAHQIQ_EXTRACT_LIB_PTR_H_
