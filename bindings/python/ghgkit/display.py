"""Rich display in notebooks: compact HTML tables for results (Jupyter calls `_repr_html_`).

Importing `ghgkit` attaches these functions to the compiled result classes, so that a result on the last
line of a notebook cell shows as a table: `Emission`, `InventoryResult`, the `digital.Footprint` family
(`SciScore`, `DatacenterFootprint`, ...) and the `grid` results (`IntensitySeries`, `EmissionsResult`,
`WindowPlan`, `RegionPlan`). The tables show the object's own figures, never recomputed ones, with six
significant digits; every text from data (names, sources, messages) is HTML-escaped, and the HTML uses
no script, stylesheet or other external resource. The functions can also be called directly:

    >>> import ghgkit
    >>> from ghgkit import display
    >>> e = ghgkit.FactorDatabase.default().calculate("electricity.grid", 12000, "kWh", region="FR")
    >>> display.emission_html(e).startswith("<div")
    True
"""
from __future__ import annotations

import html
import json
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from . import _core

__all__ = [
    "SCOPE3_CATEGORIES",
    "emission_html",
    "emissions_result_html",
    "footprint_html",
    "intensity_series_html",
    "inventory_html",
    "region_plan_html",
    "window_plan_html",
]

#: The 15 scope 3 categories of the GHG Protocol Corporate Value Chain (Scope 3) Standard, table 5.4.
SCOPE3_CATEGORIES = {
    1: "Purchased goods and services",
    2: "Capital goods",
    3: "Fuel- and energy-related activities",
    4: "Upstream transportation and distribution",
    5: "Waste generated in operations",
    6: "Business travel",
    7: "Employee commuting",
    8: "Upstream leased assets",
    9: "Downstream transportation and distribution",
    10: "Processing of sold products",
    11: "Use of sold products",
    12: "End-of-life treatment of sold products",
    13: "Downstream leased assets",
    14: "Franchises",
    15: "Investments",
}

_STYLE_TABLE = "border-collapse:collapse;font-size:0.9em"
_STYLE_CELL = "text-align:left"
_STYLE_NUM = "text-align:right"

_KG_TO_T = _core.convert(1.0, "kg", "t")


def _fmt(value: Optional[float]) -> str:
    """A figure as shown in the tables: six significant digits with a thousands separator, or an em dash."""
    return "\u2014" if value is None else format(value, ",.6g")


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _row(label: str, *cells: str, numeric: bool = True) -> str:
    """One table row: `label` and `cells` are already HTML (escape text before)."""
    style = _STYLE_NUM if numeric else _STYLE_CELL
    tds = "".join(f'<td style="{style}">{c}</td>' for c in cells)
    return f'<tr><th style="{_STYLE_CELL}">{label}</th>{tds}</tr>'


def _table(rows: Iterable[str], header: Sequence[str] = ()) -> str:
    head = ""
    if header:
        head = "<thead><tr>" + "".join(f'<th style="{_STYLE_CELL}">{_esc(h)}</th>' for h in header) + "</tr></thead>"
    return f'<table class="ghgkit" style="{_STYLE_TABLE}">{head}<tbody>{"".join(rows)}</tbody></table>'


def _details(summary: str, items: Sequence[str]) -> str:
    """A collapsed list (HTML <details>, no script); empty when there is nothing to list."""
    if not items:
        return ""
    lis = "".join(f"<li>{_esc(i)}</li>" for i in items)
    return f"<details><summary>{_esc(summary)} ({len(items)})</summary><ul>{lis}</ul></details>"


def _box(title: str, *parts: str) -> str:
    return f'<div class="ghgkit-result"><strong>{_esc(title)}</strong>{"".join(parts)}</div>'


# --- calculation -----------------------------------------------------------------------------------------------


def emission_html(e: Any) -> str:
    """HTML of an `Emission` (one calculation): CO2e, gases, factor and source, fallbacks, uncertainty."""
    p = e.provenance
    src = p.get("source") or {}
    rows = [_row("CO2e", f"{_fmt(e.co2e_kg)} kg ({_esc(p.get('gwp', ''))})")]
    rows += [_row(_esc(gas), f"{_fmt(kg)} kg") for gas, kg in e.gases_kg.items()]
    if e.biogenic_co2_kg:
        rows.append(_row("biogenic CO2 (outside the scopes)", f"{_fmt(e.biogenic_co2_kg)} kg"))
    u = e.uncertainty
    if u is not None and "low" in u:
        rows.append(_row("95% interval", f"{_fmt(u['low'])} .. {_fmt(u['high'])} kg"))
    elif u is not None:
        rows.append(_row("95% interval", f"-{_fmt(u['pct95_minus'])} % / +{_fmt(u['pct95_plus'])} %"))
    else:
        rows.append(_row("95% interval", "unknown (the factor states no uncertainty)", numeric=False))
    rows.append(_row("activity", f"{_fmt(p.get('amount'))} {_esc(p.get('unit', ''))} of {_esc(p.get('activity', ''))}",
                     numeric=False))
    rows.append(_row("factor", f"<code>{_esc(e.factor_id)}</code>", numeric=False))
    rows.append(_row("source", _esc(f"{src.get('publisher', '')}: {src.get('title', '')} ({src.get('year', '')}), "
                                    f"licence {src.get('licence', '')}"), numeric=False))
    rows.append(_row("region, year", _esc(f"{p.get('region')} {p.get('year')}"), numeric=False))
    fallbacks = [f"{f['kind']}: {f['from']} -> {f['to']}" + (f" ({f['reason']})" if f.get("reason") else "")
                 for f in p.get("fallbacks", [])]
    return _box("Emission", _table(rows), _details("fallbacks", fallbacks),
                _details("conversions", p.get("conversions", [])), _details("warnings", list(e.warnings)))


# --- inventory -------------------------------------------------------------------------------------------------


def _total_cells(t: Dict[str, Any]) -> Tuple[str, str, str]:
    """(t CO2e, 95% interval, rows) cells of one total of the inventory JSON."""
    if t["rows_with_uncertainty"] == 0:
        interval = "unknown"
    else:
        interval = f"\u00b1{t['pct95']:.1f}% ({t['rows_with_uncertainty']} of {t['rows']} rows)"
    return f"{_fmt(t['co2e_kg'] * _KG_TO_T)}", interval, str(t["rows"])


def _inventory_rows(totals: Dict[str, Any]) -> List[str]:
    rows = [_row("Scope 1", *_total_cells(totals["scope1"])),
            _row("Scope 2, location-based", *_total_cells(totals["scope2_location"])),
            _row("Scope 2, market-based", *_total_cells(totals["scope2_market"])),
            _row("Scope 3", *_total_cells(totals["scope3"]))]
    for key, t in sorted(totals["scope3_categories"].items(), key=lambda kv: int(kv[0])):
        name = SCOPE3_CATEGORIES.get(int(key), "")
        rows.append(_row(f"&nbsp;&nbsp;category {int(key)}: {_esc(name)}", *_total_cells(t)))
    rows += [_row("Total (scope 2 location-based)", *_total_cells(totals["total_location"])),
             _row("Total (scope 2 market-based)", *_total_cells(totals["total_market"])),
             _row("Biogenic CO2 (outside the scopes)", _fmt(totals["biogenic_co2_kg"] * _KG_TO_T), "", "")]
    return rows


def inventory_html(result: Any) -> str:
    """HTML of an `InventoryResult`: totals per scope and scope 3 category (t CO2e), scope 2 by both methods,
    95% intervals, the row count (input = computed + skipped), the skipped rows with their reason, warnings."""
    doc = json.loads(result.to_json())
    inv = doc["inventory"]
    title = f"GHG inventory: {inv['organisation']}, {inv['year']} ({inv['consolidation']}, GWP-100 {inv['gwp']})"
    counts = (f"<p>Rows: {doc['rows_input']} input = {doc['rows_computed']} computed + {doc['rows_skipped']} skipped"
              f"; {doc['rows_derived']} derived (category 3). Factor database <code>{_esc(doc['database_hash'][:12])}"
              f"</code>, ghgkit {_esc(doc['ghgkit_version'])}.</p>")
    skipped = [f"{s['input']} ({s['activity']}): {s['reason']}" for s in doc["skipped"]]
    table = _table(_inventory_rows(doc["totals"]), header=("", "t CO2e", "95% interval", "rows"))
    return _box(title, table, counts, _details("skipped rows", skipped), _details("warnings", doc["warnings"]))


# --- digital ---------------------------------------------------------------------------------------------------

# Attributes some Footprint subclasses add (SciScore, DatacenterFootprint), with their label and unit.
_EXTRA_FIGURES = (
    ("score_kg_per_unit", "SCI score", "kg CO2e per functional unit"),
    ("it_energy_kwh", "IT energy", "kWh"),
    ("facility_energy_kwh", "facility energy", "kWh"),
    ("erf", "energy reuse factor", ""),
    ("avoided_kg", "avoided (reported apart)", "kg CO2e"),
    ("wue_l_per_kwh", "WUE", "L/kWh"),
    ("cfe_score", "CFE score", ""),
)


def _unit(symbol: str) -> str:
    return "" if symbol == "1" else symbol  # "1": a pure number (a count, a ratio)


def footprint_html(f: Any) -> str:
    """HTML of a `digital.Footprint` (and its subclasses): energy, CO2e location- and market-based, operational
    and embodied parts, low/high, then the figures used with their origin, the steps and the warnings."""
    rows = [_row("energy", f"{_fmt(f.energy_kwh)} kWh"),
            _row("CO2e (location-based)", f"{_fmt(f.co2e_kg)} kg")]
    if f.co2e_market_kg is not None:
        rows.append(_row("CO2e (market-based)", f"{_fmt(f.co2e_market_kg)} kg"))
    rows += [_row("operational", f"{_fmt(f.operational_kg)} kg"), _row("embodied", f"{_fmt(f.embodied_kg)} kg")]
    if f.low is not None and f.high is not None:
        rows.append(_row("range", f"{_fmt(f.low)} .. {_fmt(f.high)} kg"))
    for attr, label, unit in _EXTRA_FIGURES:
        value = getattr(f, attr, None)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            rows.append(_row(_esc(label), f"{_fmt(value)} {_esc(unit)}".rstrip()))
    p = f.provenance
    figures = _table([_row(_esc(x["name"]), f"{_fmt(x['value'])} {_esc(_unit(x['unit']))}".rstrip(), _esc(x["origin"]))
                      for x in p.get("figures", [])], header=("figure", "value", "origin"))
    figures_box = f"<details><summary>figures used ({len(p.get('figures', []))})</summary>{figures}</details>"
    return _box(type(f).__name__, _table(rows), figures_box if p.get("figures") else "",
                _details("steps", p.get("steps", [])), _details("warnings", p.get("warnings", [])))


# --- grid ------------------------------------------------------------------------------------------------------


def _time(t: Any) -> str:
    return _esc(t.isoformat() if hasattr(t, "isoformat") else t)


def intensity_series_html(s: Any) -> str:
    """HTML of a `grid.IntensitySeries`: per zone, the steps, first and last time, resolution, mean intensity."""
    rows = []
    for zone in s.zones:
        points = s.points(zone)
        rows.append(_row(_esc(zone), str(len(points)), _time(points[0][0]) if points else "",
                         _time(points[-1][0]) if points else "", _esc(s.step(zone)),
                         _fmt(s.average_g_per_kwh(zone))))
    gaps = [f"{zone}: {start.isoformat()} to {end.isoformat()}" for zone, start, end in s.gaps]
    table = _table(rows, header=("zone", "steps", "first (UTC)", "last (UTC)", "step", "mean gCO2e/kWh"))
    return _box("IntensitySeries", table, _details("gaps (never filled)", gaps))


def emissions_result_html(r: Any) -> str:
    """HTML of a `grid.EmissionsResult`: hour-matched against annual-average CO2e, unpriced hours."""
    rows = [_row("zone", _esc(r.zone), numeric=False),
            _row("energy", f"{_fmt(r.energy_kwh)} kWh ({_fmt(r.priced_energy_kwh)} priced)"),
            _row("CO2e, hour by hour", f"{_fmt(r.co2e_kg)} kg"),
            _row("CO2e at the average intensity", f"{_fmt(r.co2e_average_kg)} kg ({_fmt(r.average_g_per_kwh)} g/kWh)"),
            _row("difference", f"{_fmt(r.difference_kg)} kg ({_fmt(r.difference_pct)} %)"),
            _row("unpriced", f"{len(r.unpriced)} hours, {_fmt(r.unpriced_energy_kwh)} kWh")]
    return _box("EmissionsResult", _table(rows), _details("steps", list(r.steps)),
                _details("unpriced hours",
                         [f"{t.isoformat()}: {kwh:g} kWh ({reason})" for t, kwh, reason in r.unpriced]))


def window_plan_html(p: Any) -> str:
    """HTML of a `grid.WindowPlan`: the best start against starting now."""
    rows = [_row("zone", _esc(p.zone), numeric=False),
            _row("best window (UTC)", f"{_time(p.start)} to {_time(p.end)}", numeric=False),
            _row("energy", f"{_fmt(p.energy_kwh)} kWh"),
            _row("CO2e in the window", f"{_fmt(p.co2e_kg)} kg"),
            _row("CO2e starting now", f"{_fmt(p.now_co2e_kg)} kg"),
            _row("saving", f"{_fmt(p.saving_kg)} kg ({_fmt(p.saving_pct)} %)"),
            _row("windows", f"{p.windows_considered} considered, {p.windows_skipped} skipped (gaps)")]
    return _box("WindowPlan", _table(rows))


def region_plan_html(p: Any) -> str:
    """HTML of a `grid.RegionPlan`: each candidate zone's best window, the best zone, the saving."""
    rows = []
    for c in p.candidates:
        best = c["best"]
        if best is None:
            rows.append(_row(_esc(c["zone"]), "", "", _esc(c.get("reason") or "")))
        else:
            rows.append(_row(_esc(c["zone"]), _time(best.start), f"{_fmt(best.co2e_kg)} kg", ""))
    summary = (f"<p>Best: {_esc(p.best.zone)} from {_time(p.best.start)}, {_fmt(p.best.co2e_kg)} kg CO2e; "
               f"saving {_fmt(p.saving_kg)} kg ({_fmt(p.saving_pct)} %) against {_esc(p.baseline_zone)} now "
               f"({_fmt(p.baseline_co2e_kg)} kg).</p>")
    return _box("RegionPlan", _table(rows, header=("zone", "best start (UTC)", "CO2e", "reason")), summary)


def _method(render: Callable[[Any], str]) -> Callable[[Any], str]:
    """A `_repr_html_` method calling `render`. One signature and docstring for every class: the stubs of
    ghgkit._core (tools/stubs.py), generated after `import ghgkit` has run, list it as a plain method."""

    def _repr_html_(self: Any) -> str:
        """HTML table of this result, for notebooks (ghgkit.display)."""
        return render(self)

    return _repr_html_


def _attach() -> None:
    """Set `_repr_html_` on the compiled classes (pybind11 classes accept new attributes; a subclass such as
    digital.SciScore inherits its base's)."""
    reprs: Tuple[Tuple[type, Callable[[Any], str]], ...] = (
        (_core.Emission, emission_html),
        (_core.InventoryResult, inventory_html),
        (_core.digital.Footprint, footprint_html),
        (_core.grid.IntensitySeries, intensity_series_html),
        (_core.grid.EmissionsResult, emissions_result_html),
        (_core.grid.WindowPlan, window_plan_html),
        (_core.grid.RegionPlan, region_plan_html),
    )
    for cls, render in reprs:
        setattr(cls, "_repr_html_", _method(render))


_attach()
