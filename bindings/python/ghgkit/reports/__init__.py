"""Inventory reports: a computed inventory -> a report model (model.py) -> renderings: Markdown
(CI summaries), self-contained HTML with inline SVG charts, JSON and CSV, and the standard tables of
the GHG Protocol, ESRS E1-6, ISO 14064-1 and the French BEGES (tables.py). See docs/reports.md.

With `result = ghgkit.Inventory.load("examples/lyon/inventory.yaml").compute()`:

    >>> import tempfile
    >>> from ghgkit import reports
    >>> written = reports.render(result, ["md", "html"], tempfile.mkdtemp())   # {'md': Path('.../report.md'), ...}
    >>> sorted(written)
    ['html', 'md']
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional, Union

from .csvjson import render_csv, render_json
from .html import render_html
from .markdown import render_markdown
from .model import DIGITAL_PREFIXES, ReportModel, Revenue, build_model
from .tables import Table, all_tables

RENDERERS: dict[str, Callable[[ReportModel], str]] = {
    "md": render_markdown, "html": render_html, "json": render_json, "csv": render_csv,
}
FORMATS = tuple(RENDERERS)
FILE_STEM = "report"

__all__ = ["DIGITAL_PREFIXES", "FORMATS", "ReportModel", "Revenue", "Table", "all_tables", "build_model",
           "load_base", "parse_formats", "parse_revenue", "render", "render_csv", "render_html", "render_json",
           "render_markdown"]


def parse_formats(text: Union[str, Iterable[str]]) -> list[str]:
    """'md,html' -> ['md', 'html']; an unknown name is a ValueError naming the valid ones.

        >>> parse_formats("md, HTML,md")
        ['md', 'html']
    """
    names = [x.strip().lower() for x in (text.split(",") if isinstance(text, str) else text) if x.strip()]
    unknown = [x for x in names if x not in RENDERERS]
    if unknown or not names:
        found = ", ".join(repr(x) for x in unknown) if unknown else "nothing"
        raise ValueError(f"format: found {found}, expected a comma-separated subset of {','.join(FORMATS)}")
    return list(dict.fromkeys(names))


def parse_revenue(text: str) -> Revenue:
    """'12.5e6EUR', '12500000 EUR' -> Revenue(12.5e6, 'EUR').

        >>> r = parse_revenue("12.5e6 eur")
        >>> r.amount, r.currency
        (12500000.0, 'EUR')
    """
    match = re.fullmatch(r"\s*([0-9][0-9_.,eE+-]*)\s*([A-Za-z]{3})\s*", text)
    if not match:
        raise ValueError(f"net revenue: found {text!r}, expected an amount and an ISO 4217 currency such as 12.5e6EUR")
    try:
        amount = float(match.group(1).replace(",", "").replace("_", ""))
    except ValueError:
        raise ValueError(f"net revenue: found {text!r}, expected an amount and a currency such as 12.5e6EUR") from None
    if not amount > 0:
        raise ValueError(f"net revenue: found {text!r}, expected an amount > 0")
    return Revenue(amount, match.group(2).upper(), "the command line (--net-revenue)")


def load_base(path: Union[str, Path]) -> dict[str, Any]:
    """A base year's result JSON (the output of `ghgkit report --format json`).

        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "base.json"
        >>> _ = path.write_text(result.to_json(), encoding="utf-8")
        >>> load_base(path)["schema"]
        'ghgkit.inventory-result/1'
    """
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or doc.get("schema") != "ghgkit.inventory-result/1":
        raise ValueError(f"{path}: found schema {doc.get('schema') if isinstance(doc, dict) else None!r}, "
                         "expected 'ghgkit.inventory-result/1' (a `ghgkit report --format json` output)")
    return doc


def render(result: Any, formats: Union[str, Iterable[str]], out_dir: Union[str, Path],
           base: Optional[Mapping[str, Any]] = None, **options: Any) -> dict[str, Path]:
    """Write `result` (an InventoryResult, a ReportModel or the result's JSON) in each of `formats`
    into `out_dir` as report.<format>; `base` is the base year's result JSON. Other keyword
    options go to build_model (db, net_revenue, ets_scope1_pct, significance_pct, monte_carlo).

        >>> import tempfile
        >>> written = render(result, "md,json", tempfile.mkdtemp())
        >>> sorted(written), written["md"].name
        (['json', 'md'], 'report.md')
    """
    names = parse_formats(formats)
    model = result if isinstance(result, ReportModel) else build_model(result, base=base, **options)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in names:
        path = out / f"{FILE_STEM}.{name}"
        path.write_text(RENDERERS[name](model), encoding="utf-8")
        written[name] = path
    return written
