#pragma once
/// Computing an organisation's inventory per the GHG Protocol Corporate Standard: each activity x
/// its factor, per gas; consolidation by the inventory's approach; scope 2 location- and
/// market-based per the Scope 2 Guidance hierarchy (certificates and contracts, supplier rates,
/// residual mix, grid average as a last resort, each step visible).

#include "ghgkit/activity/inventory.hpp"
#include "ghgkit/factors/database.hpp"
#include "ghgkit/calc/inventory_result.hpp"

namespace ghgkit {
inline namespace v0 {

/// The consolidation share of each entity (ownership along the tree for equity share; 1 or 0 for
/// control approaches, and 0 below an entity outside the boundary). Throws input_error on a cycle.
[[nodiscard]] std::vector<std::pair<std::string, double>> consolidation_shares(const inventory& inv);

/// `db` is the database to use (its own layers plus the inventory's `factors` files are layered on
/// top). Throws input_error only for structural problems (certificates exceeding consumption, an
/// unknown entity in a certificate); a row that cannot be computed is kept in `skipped`.
[[nodiscard]] inventory_result compute_inventory(const inventory& inv, const factor_database& db);

}  // namespace v0
}  // namespace ghgkit
