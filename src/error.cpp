#include "ghgkit/error.hpp"

#include <fmt/format.h>

namespace ghgkit {
inline namespace v0 {

std::string source_location::str() const {
  if (file.empty()) return {};
  if (line == 0) return file;
  if (column == 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

std::string quote(std::string_view text) { return fmt::format("'{}'", text); }

std::string describe_problem(const source_location& where, std::string_view field,
                             std::string_view found, std::string_view expected) {
  std::string text = where.str();
  if (!text.empty()) text += ": ";
  if (!field.empty()) text += fmt::format("field '{}': ", field);
  text += fmt::format("found {}, expected {}", found, expected);
  return text;
}

}  // namespace v0
}  // namespace ghgkit
