"""Markdown: compact tables for CI job summaries and merge-request comments (GitHub and GitLab
flavoured: pipe tables, the standard tables folded in <details> blocks)."""
from __future__ import annotations

from .model import ReportModel
from .numbers import DASH, cell as _fmt_cell, line_label, pct, share, tonnes
from .tables import SCOPE3_CATEGORIES, Table, all_tables


def _cell(text: object) -> str:
    """A table cell: pipes escaped, line breaks flattened (inputs come from user files)."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def _table(header: list[str], rows: list[list[str]], right: set[int] | None = None) -> list[str]:
    right = right or set()
    align = ["---:" if i in right else "---" for i in range(len(header))]
    out = ["| " + " | ".join(map(_cell, header)) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(map(_cell, r)) + " |" for r in rows]
    return out


def _interval(m: ReportModel, key: str) -> str:
    t = m.total(key)
    return f"±{t.pct95:.1f}% ({t.rows_with_uncertainty}/{t.rows} rows)" if t.uncertainty_known else "unknown"


def _summary(m: ReportModel) -> list[str]:
    total = m.total("total_location").co2e_kg
    rows = [[line_label(k), tonnes(m.total(k).co2e_kg), share(m.total(k).co2e_kg, total), _interval(m, k)]
            for k in ("scope1", "scope2_location", "scope2_market", "scope3", "total_location", "total_market")]
    rows.append([line_label("biogenic_co2"), tonnes(m.biogenic_co2_kg), DASH, DASH])
    return _table(["", "t CO2e", "share of total (location)", "95% interval"], rows, {1, 2})


def _categories(m: ReportModel) -> list[str]:
    s3 = m.total("scope3").co2e_kg
    rows = [[f"{c}. {SCOPE3_CATEGORIES.get(c, '?')}", tonnes(t.co2e_kg), share(t.co2e_kg, s3)] for c, t in m.categories.items()]
    return _table(["Scope 3 category", "t CO2e", "share of scope 3"], rows, {1, 2})


def _comparison(m: ReportModel) -> list[str]:
    if m.base is None:
        if m.base_declared_without_data:
            return [f"Base year {m.base_year} declared; no base data given (`--base BASE.json`).", ""]
        return []
    rows = [[line_label(c.line), tonnes(c.base_kg), tonnes(c.kg), pct(c.change_pct)] for c in m.base.lines]
    out = [f"### Change from {m.base.base_year} to {m.base.year}", ""]
    out += _table(["", f"{m.base.base_year}, t", f"{m.base.year}, t", "change"], rows, {1, 2, 3})
    out += [""] + [f"- note: {_cell(n)}" for n in m.base.notes]
    return out + [""]


def _standard(t: Table) -> list[str]:
    header = ["ref", "line", *t.columns, "unit"]
    rows = []
    for x in t.lines:
        label = f"**{x.label}**" if x.kind in ("subtotal", "total") else x.label
        rows.append([x.ref, label + (f" ({x.note})" if x.note else ""), *(_fmt_cell(col, v, x.unit) for col, v in zip(t.columns, x.values)), x.unit])
    out = [f"<details><summary>{_cell(t.title)}</summary>", "", *_table(header, rows, set(range(2, 2 + len(t.columns)))), ""]
    out += [f"Source: {_cell(t.citation)}.", ""] + [f"- {_cell(n)}" for n in t.notes]
    return out + ["", "</details>", ""]


def render_markdown(m: ReportModel) -> str:
    """The report as Markdown (e.g. a CI job summary): totals, scope 3 categories, the standard tables.

        >>> text = ghgkit.reports.render_markdown(ghgkit.reports.build_model(result))
        >>> text.startswith("#"), "Lumière Textiles SAS" in text
        (True, True)
    """
    inv = m.inventory
    out = [f"## GHG inventory: {_cell(m.organisation)}, {m.year}", "",
           f"GWP-100 {m.gwp}, {inv['consolidation']}; factor database `{m.doc['database_hash'][:16]}`; "
           f"ghgkit {m.doc['ghgkit_version']}. Rows: {m.doc['rows_input']} input = {m.doc['rows_computed']} computed "
           f"+ {m.doc['rows_skipped']} skipped.", ""]
    out += _summary(m) + [""]
    if m.categories:
        out += _categories(m) + [""]
    dl, dm = m.digital_kg
    if m.digital_rows:
        out += [f"Digital services: {tonnes(dl)} t CO2e, {share(dl, m.total('total_location').co2e_kg)} of the total "
                f"(location-based), {len(m.digital_rows)} rows.", ""]
    out += _comparison(m)
    if m.skipped:
        out += [f"### Skipped rows ({len(m.skipped)})", ""]
        out += _table(["row", "id", "input", "activity", "reason"],
                      [[str(k["row"]), k["id"], k["input"], k["activity"], k["reason"]] for k in m.skipped]) + [""]
    for t in all_tables(m):
        out += _standard(t)
    return "\n".join(out).rstrip() + "\n"
