#pragma once
// Small string helpers shared by the compiled parts (not public API).

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace ghgkit::detail {

/// Levenshtein distance, for "did you mean" suggestions.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

inline bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

inline std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

/// Up to `limit` candidates within edit distance 2 (or equal ignoring case), nearest first.
template <class Range>
std::vector<std::string> near_matches(std::string_view wanted, const Range& candidates, std::size_t limit = 3) {
  std::vector<std::pair<std::size_t, std::string>> near;
  for (const auto& c : candidates) {
    std::string_view name(c);
    std::size_t d = iequals(wanted, name) ? 0 : edit_distance(wanted, name);
    if (d <= 2) near.emplace_back(d, std::string(name));
  }
  std::sort(near.begin(), near.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < near.size() && i < limit; ++i) out.push_back(near[i].second);
  return out;
}

}  // namespace ghgkit::detail
