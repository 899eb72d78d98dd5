// Replays a fuzz target's entry point over files, without libFuzzer, so that
// ordinary gcc/ASan builds and ctest re-run the seed corpora and every kept
// crasher. Arguments are files or directories (read non-recursively, in name
// order); a missing directory is skipped. Exits non-zero if no input was found
// at all; a failing input aborts the process (FUZZ_CHECK, ASan, UBSan).
//
//   fuzz_replay_query fuzz/corpus/query fuzz/crashers/query
//   fuzz_replay_extract some/crash-file
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

namespace fs = std::filesystem;

bool RunFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return false;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Exactly-sized heap copy, as libFuzzer does, so ASan sees any overread.
  std::unique_ptr<uint8_t[]> data(new uint8_t[bytes.size()]);
  std::copy(bytes.begin(), bytes.end(), data.get());
  std::fprintf(stderr, "replay %s (%zu bytes)\n", path.c_str(), bytes.size());
  std::fflush(stderr);
  LLVMFuzzerTestOneInput(data.get(), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  size_t ran = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg(argv[i]);
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(arg, ec)) {
        if (entry.is_regular_file(ec) && entry.path().filename().string()[0] != '.') {
          files.push_back(entry.path());
        }
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        ok = RunFile(f) && ok;
        ++ran;
      }
    } else if (fs::exists(arg, ec)) {
      ok = RunFile(arg) && ok;
      ++ran;
    } else {
      std::fprintf(stderr, "skipping missing %s\n", argv[i]);
    }
  }
  std::fprintf(stderr, "replayed %zu input(s)\n", ran);
  if (ran == 0) return 1;
  return ok ? 0 : 1;
}
