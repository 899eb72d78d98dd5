// Test helper: registers one gtest per golden file, so that ctest lists and
// runs each file on its own. Shared by the golden suites of this folder.
#ifndef TAHQIQ_ANALYZE_GOLDEN_FILES_H_
#define TAHQIQ_ANALYZE_GOLDEN_FILES_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

namespace tahqiq::analyze {

// Registers `Test(path)` as suite.<relative name> for every file under `dir`
// whose extension is `ext` (e.g. ".txt"), in name order; with no such file,
// one test given `dir / ("*" + ext)`, which fails with a clear message.
template <typename Test>
bool RegisterGoldenFiles(const char* suite, const std::filesystem::path& dir,
                         const std::string& ext) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ext) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    const fs::path none = dir / ("*" + ext);
    testing::RegisterTest(suite, "NoFiles", nullptr, nullptr, __FILE__, __LINE__,
                          [none]() -> testing::Test* { return new Test(none); });
  }
  for (const fs::path& file : files) {
    std::string name = file.lexically_relative(dir).replace_extension().string();
    for (char& c : name) {
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    testing::RegisterTest(suite, name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                          [file]() -> testing::Test* { return new Test(file); });
  }
  return true;
}

}  // namespace tahqiq::analyze

#endif  // TAHQIQ_ANALYZE_GOLDEN_FILES_H_
