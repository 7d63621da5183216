"""Hourly grid carbon intensity and carbon-aware planning.

`IntensitySeries.from_csv(path)` reads a series (columns timestamp, zone, intensity_g_per_kwh and the
optional marginal_g_per_kwh; times in ISO 8601 with an offset, stored in UTC). Its methods price an hourly
load hour by hour (`emissions`), find the lowest-emission start of a job (`best_window`) or zone
(`best_region`), and score hour-matched clean supply (`cfe_score`, 24/7 carbon-free energy). Times are
given as ISO 8601 strings with an offset or timezone-aware datetimes, and returned as datetimes in UTC.
Gaps in the series are listed in `gaps` and never filled; load hours without an intensity are listed in
`unpriced`, never dropped. Methods and sources: docs/methodology/grid.md.

    >>> from ghgkit import grid
    >>> grid.parse_time("2024-10-27T02:00:00+01:00").isoformat()
    '2024-10-27T01:00:00+00:00'
"""
from __future__ import annotations

from ._core import grid as _grid

IntensitySeries = _grid.IntensitySeries
EmissionsResult = _grid.EmissionsResult
WindowPlan = _grid.WindowPlan
RegionPlan = _grid.RegionPlan
CfeResult = _grid.CfeResult
parse_time = _grid.parse_time
format_time = _grid.format_time

__all__ = ["CfeResult", "EmissionsResult", "IntensitySeries", "RegionPlan", "WindowPlan", "format_time", "parse_time"]
