#pragma once
// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM. Each record keeps its line.

#include <filesystem>
#include <string>
#include <vector>

namespace ghgkit::detail {

struct csv_record {
  std::size_t line = 0;  ///< 1-based line where the record starts
  std::vector<std::string> fields;
};

struct csv_table {
  std::vector<std::string> header;
  std::vector<csv_record> rows;
};

/// Reads a whole CSV file; throws input_error (file:line) on an unterminated quote or a missing file.
csv_table read_csv(const std::filesystem::path& file);

}  // namespace ghgkit::detail
