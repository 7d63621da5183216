#pragma once
// Paths to the test data, and small helpers shared by the test files (not a test file itself).

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace ghgkit_test {

/// A fresh directory under the system's temporary directory, removed at the end of the test.
class temp_dir {
 public:
  explicit temp_dir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("ghgkit-test-" + name + "-" +
               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()))) {
    std::filesystem::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  /// Writes `bytes` exactly (binary mode: no newline translation) and returns the file's path.
  std::filesystem::path write(const std::string& name, const std::string& bytes) const {
    const std::filesystem::path file = path_ / name;
    std::ofstream out(file, std::ios::binary);
    out << bytes;
    return file;
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// tests/cpp/fixtures: hand-made factor databases and bad-input files.
inline std::filesystem::path fixtures() { return GHGKIT_TEST_FIXTURES; }
/// factors/: the factor tables shipped with ghgkit.
inline std::filesystem::path shipped_factors() { return GHGKIT_TEST_FACTORS; }
/// tests/python/data: reference figures compiled from publications other than the factor YAML.
inline std::filesystem::path reference_data() { return GHGKIT_TEST_DATA; }

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// `text` with every `{key}` replaced by `value`.
inline std::string replace_all(std::string text, std::string_view key, std::string_view value) {
  for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
  return text;
}

}  // namespace ghgkit_test
