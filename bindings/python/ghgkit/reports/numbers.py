"""How figures are written in every rendering: tonnes with three decimals, percentages with one,
a dash for what is not given, with thousands separators."""
from __future__ import annotations

from typing import Optional

DASH = "–"


def tonnes(kg: float) -> str:
    return f"{kg / 1000.0:,.3f}"


def value(v: Optional[float], unit: str = "t CO2e") -> str:
    """A table cell: tonnes to 3 decimals, a percentage to 1, an intensity to 4 significant figures."""
    if v is None:
        return DASH
    if unit == "%":
        return f"{v:,.1f}"
    if unit.startswith("t gas"):
        return f"{v:,.6f}"
    if unit.startswith("t CO2e per"):
        return f"{v:,.4g}"
    return f"{v:,.3f}"


def cell(column: str, v: Optional[float], unit: str) -> str:
    """A cell of a standard table: a change column in signed percent, else value(v, unit)."""
    return pct(v) if column == "% change" else value(v, unit)


def pct(v: Optional[float], signed: bool = True) -> str:
    if v is None:
        return DASH
    return f"{v:+.1f}%" if signed else f"{v:.1f}%"


def share(part: float, whole: float) -> str:
    return DASH if whole == 0 else f"{100.0 * part / whole:.1f}%"


LINE_LABELS = {
    "scope1": "Scope 1", "scope2_location": "Scope 2, location-based", "scope2_market": "Scope 2, market-based",
    "scope3": "Scope 3", "total_location": "Total (scope 2 location-based)",
    "total_market": "Total (scope 2 market-based)", "biogenic_co2": "Biogenic CO2 (outside the scopes)",
}


def line_label(key: str) -> str:
    if key.startswith("scope3_category_"):
        return f"  Scope 3 category {key.rsplit('_', 1)[1]}"
    return LINE_LABELS.get(key, key)
