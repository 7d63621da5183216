// EXPECT-ERROR: double
// EXPECT-ERROR-GNU: conversion from 'double' to non-scalar type 'const ghgkit::v0::units::energy'
// An energy cannot be made from a bare double. Twin: named_unit_into_api.pass.cpp.
#include "ghgkit/units/dimensions.hpp"

void forbidden() {
  const ghgkit::units::energy typed = 12.0;  // FORBIDDEN: a number without a unit
  (void)typed;
}
