#pragma once
// The unit of a coefficient: parsed with the unit registry and, where the specification's table of
// quantities fixes a dimension (factors/cloud/README.md), checked against it.

#include <string_view>

#include "ghgkit/units/unit_registry.hpp"

namespace ghgkit::detail {

class yaml_map;

/// The `unit` field of coefficient entry `m` whose quantity is `quantity`; throws factor_error for an
/// unknown unit or one of another dimension than the quantity's.
unit coefficient_unit(const yaml_map& m, std::string_view quantity);

}  // namespace ghgkit::detail
