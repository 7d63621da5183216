#pragma once
/// Renderings of an inventory result: a console summary for people, JSON (schema
/// "ghgkit.inventory-result/1", docs/inventory-json.md) and CSV (one line per row) for pipelines.
/// Every machine-readable line traces to its input row and factor id, with the database hash and
/// the ghgkit version.

#include <string>

#include "ghgkit/calc/inventory_result.hpp"

namespace ghgkit {
inline namespace v0 {

inline constexpr std::string_view inventory_json_schema = "ghgkit.inventory-result/1";

[[nodiscard]] std::string to_text(const inventory_result& r);
[[nodiscard]] std::string to_json(const inventory_result& r);
[[nodiscard]] std::string to_csv(const inventory_result& r);

}  // namespace v0
}  // namespace ghgkit
