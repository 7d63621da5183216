#pragma once
/// The whole public API of ghgkit.

#include "ghgkit/version.hpp"
#include "ghgkit/error.hpp"
#include "ghgkit/units/definitions.hpp"
#include "ghgkit/units/dimensions.hpp"
#include "ghgkit/units/unit_registry.hpp"
#include "ghgkit/gases/gwp.hpp"
#include "ghgkit/gases/gas_mass.hpp"
#include "ghgkit/factors/source.hpp"
#include "ghgkit/factors/uncertainty.hpp"
#include "ghgkit/factors/region.hpp"
#include "ghgkit/factors/factor.hpp"
#include "ghgkit/factors/lookup.hpp"
#include "ghgkit/factors/database.hpp"
#include "ghgkit/calc/emission.hpp"
#include "ghgkit/calc/calculate.hpp"
#include "ghgkit/calc/batch.hpp"
