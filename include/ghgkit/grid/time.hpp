#pragma once
/// UTC instants for hourly grid data: ISO 8601 text with a zone offset in, UTC seconds inside.
///
///     auto t = ghgkit::grid::parse_time("2024-10-27T02:00:00+01:00");
///     ghgkit::grid::format_time(t);  // "2024-10-27T01:00:00Z"
///
/// The offset carries daylight saving time: 2024-10-27T02:00+02:00 and 2024-10-27T02:00+01:00 are
/// two different UTC hours (00:00Z and 01:00Z), so a local day of 23 or 25 hours has 23 or 25 UTC
/// hours. A time without an offset is refused: it could be either.

#include <chrono>
#include <string>
#include <string_view>

#include "ghgkit/error.hpp"

namespace ghgkit {
inline namespace v0 {
namespace grid {

/// An instant in UTC, to the second.
using utc_time = std::chrono::sys_seconds;

/// Parses `YYYY-MM-DDTHH:MM[:SS][.fff](Z|+HH:MM|-HH:MM)` into UTC. Fractional seconds must be zero;
/// no leap second (SS <= 59). Throws input_error worded with `where` and `field`, e.g.
/// `prices.csv:4: field 'timestamp': found '2024-03-31T01:00:00', expected a zone offset ...`.
[[nodiscard]] utc_time parse_time(std::string_view text, const source_location& where = {},
                                  std::string_view field = "timestamp");

/// `2024-03-31T01:00:00Z`: the one way ghgkit writes an instant.
[[nodiscard]] std::string format_time(utc_time t);

}  // namespace grid
}  // namespace v0
}  // namespace ghgkit
