#pragma once
/// One error hierarchy for the whole library, and one way to word a problem:
/// `file:line:column: field 'unit': found 'kg/kWh', expected a mass per energy such as 'kgCO2e/kWh'`.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ghgkit {
inline namespace v0 {

/// Base of every error ghgkit throws.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A unit string that cannot be parsed, or a conversion across dimensions.
class unit_error : public error {
 public:
  using error::error;
};

/// A factor database that cannot be loaded or a factor that cannot be used.
class factor_error : public error {
 public:
  using error::error;
};

/// No factor fits a lookup (after every allowed fallback), or several fit and none is preferred.
class lookup_error : public factor_error {
 public:
  using factor_error::factor_error;
};

/// Bad activity data or API arguments.
class input_error : public error {
 public:
  using error::error;
};

/// Where a value came from: a file position (1-based) or nothing when it came from an API call.
struct source_location {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;

  /// "file:line:column", "file" or "" depending on what is known.
  [[nodiscard]] std::string str() const;
};

/// The one wording of a problem: location, field, what was found and what was expected.
[[nodiscard]] std::string describe_problem(const source_location& where, std::string_view field,
                                           std::string_view found, std::string_view expected);

/// `'text'`: how found values are quoted in messages.
[[nodiscard]] std::string quote(std::string_view text);

/// Throws `Error` with the wording of describe_problem().
template <class Error>
[[noreturn]] void raise(const source_location& where, std::string_view field,
                        std::string_view found, std::string_view expected) {
  throw Error(describe_problem(where, field, found, expected));
}

}  // namespace v0
}  // namespace ghgkit
