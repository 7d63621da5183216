"""Plots of ghgkit results with matplotlib, an optional dependency (`pip install ghgkit[plot]`).

Every function draws on `ax` (a new figure's Axes when None) and returns that Axes, so a plot can be
placed in a grid of subplots and styled further. The figures drawn are the result's own totals, read
through its API (`InventoryResult.total_kg`, `uncertainty_pct95`, `Inventory.monte_carlo`,
`IntensitySeries.points` and `emissions`): nothing is recomputed here. Masses are shown in tonnes for an
inventory and in kilograms for an hourly load.

With `result = ghgkit.Inventory.load("examples/lyon/inventory.yaml").compute()`:

    >>> from ghgkit import plot
    >>> ax = plot.scope_breakdown(result)          # bars by scope, scope 3 stacked by category
    >>> ax = plot.scope2_methods(result)           # scope 2 and total, location- against market-based
    >>> ax = plot.uncertainty(result)              # totals with their 95% intervals

`import ghgkit` does not import this module or matplotlib; `ghgkit.plot` imports it on first use.
"""
from __future__ import annotations

import math
from datetime import datetime
from typing import Any, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core
from .display import SCOPE3_CATEGORIES

__all__ = ["hourly", "scope2_methods", "scope_breakdown", "uncertainty"]

_KG_TO_T = _core.convert(1.0, "kg", "t")
_T_CO2E = "t CO2e"


def _pyplot() -> Any:
    """matplotlib.pyplot, imported on first use; an ImportError naming the extra when it is missing."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as error:
        raise ImportError("ghgkit.plot needs matplotlib, an optional dependency: pip install ghgkit[plot]") from error
    return plt


def _axes(ax: Any) -> Any:
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    return ax


def _check_scope2(scope2: str) -> None:
    if scope2 not in ("location", "market"):
        raise ValueError(f"scope2: found {scope2!r}, expected 'location' or 'market'")


def _categories(result: Any) -> List[Tuple[int, float]]:
    """The scope 3 categories that have rows, in order: [(number, kg CO2e)]."""
    return [(c, result.total_kg(scope=3, category=c)) for c in SCOPE3_CATEGORIES
            if result.uncertainty_pct95(scope=3, category=c)["rows"] > 0]


def scope_breakdown(result: Any, *, scope2: str = "location", ax: Any = None) -> Any:
    """Bars of an `InventoryResult` by scope (t CO2e), scope 3 stacked by category.

    One bar for scope 1, one for scope 2 by the `scope2` method ('location' or 'market'), and one stacked
    segment per scope 3 category that has rows (plus "scope 3, no category" for scope 3 rows without one).
    Returns the Axes.

        >>> ax = scope_breakdown(result, scope2="market")
        >>> ax.get_ylabel()
        't CO2e'
    """
    _check_scope2(scope2)
    ax = _axes(ax)
    ax.bar(0, result.total_kg(scope=1) * _KG_TO_T, color="C0", label="Scope 1")
    ax.bar(1, result.total_kg(scope=2, scope2=scope2) * _KG_TO_T, color="C1", label=f"Scope 2 ({scope2}-based)")
    categories = _categories(result)
    bottom = 0.0
    for i, (number, kg) in enumerate(categories):
        ax.bar(2, kg * _KG_TO_T, bottom=bottom, color=f"C{(i + 2) % 10}",
               label=f"3.{number} {SCOPE3_CATEGORIES[number]}")
        bottom += kg * _KG_TO_T
    categorised_rows = sum(result.uncertainty_pct95(scope=3, category=c)["rows"] for c, _ in categories)
    if result.uncertainty_pct95(scope=3)["rows"] > categorised_rows:
        rest = result.total_kg(scope=3) * _KG_TO_T - bottom
        ax.bar(2, rest, bottom=bottom, color="0.6", label="Scope 3, no category")
    ax.set_xticks([0, 1, 2], ["Scope 1", f"Scope 2\n({scope2}-based)", "Scope 3"])
    ax.set_ylabel(_T_CO2E)
    ax.set_title("Emissions by scope and scope 3 category")
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def scope2_methods(result: Any, *, ax: Any = None) -> Any:
    """Grouped bars of an `InventoryResult`: scope 2 and the total, location-based against market-based
    (t CO2e, GHG Protocol Scope 2 Guidance dual reporting), each bar labelled with its value. Returns the Axes.

        >>> ax = scope2_methods(result)
        >>> len(ax.patches)
        4
    """
    ax = _axes(ax)
    groups = ("Scope 2", "Total")
    width = 0.38
    for offset, method, color in ((-width / 2, "location", "C1"), (width / 2, "market", "C2")):
        values = [result.total_kg(scope=2, scope2=method) * _KG_TO_T, result.total_kg(scope2=method) * _KG_TO_T]
        bars = ax.bar([g + offset for g in range(len(groups))], values, width, color=color, label=f"{method}-based")
        ax.bar_label(bars, fmt="%.4g", fontsize="small")
    ax.set_xticks(range(len(groups)), groups)
    ax.set_ylabel(_T_CO2E)
    ax.set_title("Scope 2: location-based and market-based")
    ax.legend(fontsize="small")
    return ax


# (label, scope, scope2 method, key in Inventory.monte_carlo's dict)
_TOTALS = (
    ("Scope 1", 1, "location", "scope1"),
    ("Scope 2, location-based", 2, "location", "scope2_location"),
    ("Scope 2, market-based", 2, "market", "scope2_market"),
    ("Scope 3", 3, "location", "scope3"),
    ("Total, location-based", None, "location", "total_location"),
    ("Total, market-based", None, "market", "total_market"),
)


def _interval(result: Any, scope: Optional[int], method: str, key: str,
              monte_carlo: Optional[Mapping[str, Any]]) -> Tuple[float, float, float, str]:
    """(value, minus, plus, note) in tonnes for one total: from the Monte Carlo dict, else IPCC Approach 1."""
    value = result.total_kg(scope=scope, scope2=method)
    if monte_carlo is not None:
        t = monte_carlo[key]
        note = f"{t['rows_without_uncertainty']} of {t['rows']} rows without factor uncertainty"
        minus, plus = max(value - t["low_kg"], 0.0), max(t["high_kg"] - value, 0.0)
    else:
        u = result.uncertainty_pct95(scope=scope, scope2=method)
        note = f"{u['rows_with_uncertainty']} of {u['rows']} rows with uncertainty"
        minus = plus = abs(value) * u["pct95"] / 100.0
    return value * _KG_TO_T, minus * _KG_TO_T, plus * _KG_TO_T, note


def uncertainty(result: Any, monte_carlo: Optional[Mapping[str, Any]] = None, *, ax: Any = None) -> Any:
    """Totals of an `InventoryResult` (t CO2e) with their 95% intervals as error bars, horizontal.

    Six bars, top to bottom: scope 1, scope 2 location- and market-based, scope 3, and the two totals. The
    intervals come from `monte_carlo`, the dict returned by `Inventory.monte_carlo(result, ...)`, when given
    (IPCC Approach 2, low and high of the draws); otherwise from `result.uncertainty_pct95` (IPCC Approach 1,
    over the rows whose uncertainty is known). Each tick says how many rows the interval covers. Returns the
    Axes.

        >>> ax = uncertainty(result)
        >>> ax.get_xlabel(), len(ax.get_yticks())
        ('t CO2e', 6)
    """
    ax = _axes(ax)
    points = [_interval(result, scope, method, key, monte_carlo) for _, scope, method, key in _TOTALS]
    values = [p[0] for p in points]
    errors = [[p[1] for p in points], [p[2] for p in points]]
    ax.barh(range(len(points)), values, xerr=errors, capsize=4, color="C0", ecolor="k", alpha=0.85)
    ax.set_yticks(range(len(points)), [f"{label}\n({p[3]})" for (label, *_), p in zip(_TOTALS, points)],
                  fontsize="small")
    ax.invert_yaxis()
    ax.set_xlabel(_T_CO2E)
    if monte_carlo is not None:
        ax.set_title(f"95% intervals, Monte Carlo ({monte_carlo['iterations']} draws, seed {monte_carlo['seed']})")
    else:
        ax.set_title("95% intervals (IPCC Approach 1, rows with known uncertainty)")
    return ax


# --- hourly -----------------------------------------------------------------------------------------------------

LoadLike = Union[Mapping[Any, float], Sequence[Tuple[Any, float]]]


def _zone_of(series: Any, zone: Optional[str]) -> str:
    if zone is not None:
        return zone
    if len(series.zones) == 1:
        return str(series.zones[0])
    raise ValueError(f"zone: found None, expected one of the series' zones: {', '.join(series.zones)}")


def _intensity_line(series: Any, zone: str) -> Tuple[List[datetime], List[float], List[float]]:
    """(times, average, marginal) of a zone, with a NaN at each gap so that the line breaks there."""
    gaps = {start for z, start, _ in series.gaps if z == zone}
    times: List[datetime] = []
    average: List[float] = []
    marginal: List[float] = []
    for t, g, m in series.points(zone):
        times.append(t)
        average.append(g)
        marginal.append(math.nan if m is None else m)
        if t + series.step(zone) in gaps:
            times.append(t + series.step(zone))
            average.append(math.nan)
            marginal.append(math.nan)
    return times, average, marginal


def _hourly_emissions(series: Any, load: LoadLike, zone: str) -> Tuple[List[datetime], List[float]]:
    """(times, kg CO2e) of each load hour, priced by the series itself; NaN for an unpriced hour."""
    from .grid import parse_time

    items = load.items() if isinstance(load, Mapping) else load
    times: List[datetime] = []
    kg: List[float] = []
    for when, kwh in items:
        r = series.emissions({when: kwh}, zone=zone)
        times.append(parse_time(when) if isinstance(when, str) else when)
        kg.append(math.nan if r.unpriced else r.co2e_kg)
    return times, kg


def hourly(series: Any, load: Optional[LoadLike] = None, *, zone: Optional[str] = None, window: Any = None,
           ax: Any = None) -> Any:
    """Hourly carbon intensity of a `grid.IntensitySeries` and, given a load, its hourly emissions.

    `load` is what `IntensitySeries.emissions` takes ({time: kWh} or [(time, kWh)]); each hour is priced by
    `series.emissions` (an unpriced hour, in a gap, shows no bar). Without a load the intensity (gCO2e/kWh,
    and the marginal intensity where the series has it) is drawn on `ax`; with a load the emissions are bars
    on `ax` (kg CO2e per hour) and the intensity a line on a twin axis, `ax.right_ax` (the name pandas uses).
    `window`, a `grid.WindowPlan` (or anything with `start` and `end`), is shaded. Gaps break the line.
    Times are UTC. Returns the Axes.

        >>> from datetime import timedelta
        >>> series = ghgkit.grid.IntensitySeries.from_csv("examples/grid/synthetic_two_zones.csv")
        >>> plan = series.best_window(5, 6.0, "2024-10-26T18:00:00+02:00", "2024-10-28T18:00:00+01:00", zone="SYNTH-HIGH")
        >>> load = {plan.start + timedelta(hours=h): 6.0 for h in range(5)}
        >>> ax = hourly(series, load, zone="SYNTH-HIGH", window=plan)
        >>> len(ax.patches) >= 5, hasattr(ax, "right_ax")
        (True, True)
    """
    if not hasattr(series, "points"):
        raise TypeError(f"series: found {type(series).__name__}, expected a ghgkit.grid.IntensitySeries "
                        "(an EmissionsResult holds totals only: pass the series and the load)")
    ax = _axes(ax)
    zone = _zone_of(series, zone)
    line_ax = ax
    if load is not None:
        times, kg = _hourly_emissions(series, load, zone)
        width = series.step(zone).total_seconds() / 86400.0 * 0.9   # matplotlib dates count in days
        ax.bar(times, kg, width=width, align="edge", color="C1", label="load emissions")
        ax.set_ylabel("kg CO2e per hour")
        line_ax = ax.twinx()
        ax.right_ax = line_ax
    times, average, marginal = _intensity_line(series, zone)
    line_ax.plot(times, average, color="C0", label=f"intensity {zone}")
    if any(not math.isnan(m) for m in marginal):
        line_ax.plot(times, marginal, color="C3", linestyle="--", label=f"marginal {zone}")
    line_ax.set_ylabel("gCO2e/kWh")
    if window is not None:
        ax.axvspan(window.start, window.end, color="C2", alpha=0.2, label="chosen window")
    _date_axis(ax)
    handles, labels = [], []
    for a in {id(ax): ax, id(line_ax): line_ax}.values():
        h, lab = a.get_legend_handles_labels()
        handles += h
        labels += lab
    ax.legend(handles, labels, fontsize="small", loc="upper left")
    ax.set_title(f"Hourly carbon intensity, {zone}")
    return ax


def _date_axis(ax: Any) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.set_xlabel("time (UTC)")
