"""JSON and CSV: the result's own renderings (schema ghgkit.inventory-result/1, docs/inventory-json.md;
one CSV line per input row), written by the C++ core. A model built from a JSON document has no
C++ result behind it: its CSV is written here with the same columns."""
from __future__ import annotations

import csv
import io
import json

from .model import ReportModel

CSV_COLUMNS = ("row", "input", "id", "entity", "activity", "scope", "category", "amount", "unit", "share", "co2e_kg",
               "co2e_market_kg", "biogenic_co2_kg", "factor_id", "source", "region", "year", "status", "reason",
               "database_hash", "ghgkit_version")


def render_json(m: ReportModel) -> str:
    """The report as the result's JSON (schema ghgkit.inventory-result/1).

        >>> import json
        >>> model = ghgkit.reports.build_model(result)
        >>> json.loads(ghgkit.reports.render_json(model))["schema"]
        'ghgkit.inventory-result/1'
    """
    return m.json_text if m.json_text is not None else json.dumps(m.doc, indent=2, ensure_ascii=False) + "\n"


def render_csv(m: ReportModel) -> str:
    """The report as CSV, one line per result row (computed and skipped).

        >>> model = ghgkit.reports.build_model(result)
        >>> ghgkit.reports.render_csv(model).splitlines()[0].split(",")[:3]
        ['row', 'input', 'id']
    """
    if m.csv_text is not None:
        return m.csv_text
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    h, v = m.doc["database_hash"], m.doc["ghgkit_version"]
    for r in m.rows:
        w.writerow([r["row"], r["input"], r["id"], r["entity"], r["activity"], r["scope"],
                    "" if r["category"] is None else r["category"], r["amount"], r["unit"], r["share"], r["co2e_kg"],
                    "" if r["co2e_market_kg"] is None else r["co2e_market_kg"], r["biogenic_co2_kg"], r["factor_id"],
                    r["source"], r["region"], r["year"], "derived" if r.get("derived_from") else "computed", "", h, v])
    for k in m.skipped:
        w.writerow([k["row"], k["input"], k["id"], "", k["activity"], *[""] * 12, "skipped", k["reason"], h, v])
    return out.getvalue()
