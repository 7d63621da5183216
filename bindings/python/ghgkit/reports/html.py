"""HTML: one self-contained page (inline CSS and SVG, no script, nothing loaded from the network),
print-friendly. Every text that comes from an input is escaped."""
from __future__ import annotations

from html import escape
from typing import Iterable, Optional

from .model import ReportModel
from .numbers import DASH, cell as _fmt_cell, line_label, pct, share, tonnes
from .svg import bar_chart
from .tables import SCOPE3_CATEGORIES, Table, all_tables, ghg_protocol_gases

CSS = """
:root { --ink: #1d2731; --muted: #5b6770; --rule: #d5dbe0; --accent: #2f6f8f; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink);
       max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta, .note, caption, .cite { color: var(--muted); font-size: 12.5px; }
caption { caption-side: bottom; text-align: left; padding-top: 4px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; }
th, td { border-bottom: 1px solid var(--rule); padding: 3px 6px; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
.nw { white-space: nowrap; } a { overflow-wrap: anywhere; }
th { background: #f2f5f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.subtotal td, tr.total td { font-weight: 600; } tr.total td { border-top: 2px solid var(--ink); }
tr.detail td:nth-child(2) { padding-left: 20px; } tr.memo td { font-style: italic; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { flex: 1 1 150px; border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px; }
.card b { display: block; font-size: 20px; } .card span { color: var(--muted); font-size: 12px; }
svg.chart { max-width: 900px; display: block; margin: 8px 0; }
svg .chart-title { font-weight: 600; font-size: 14px; fill: var(--ink); }
svg .label, svg .value, svg .legend { font-size: 12px; fill: var(--ink); }
.warn { background: #fff6e5; border-left: 4px solid #d9822b; padding: 6px 10px; }
code { font-size: 12px; overflow-wrap: anywhere; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section { break-inside: avoid-page; } h2 { break-after: avoid; } tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4; margin: 15mm; }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _code(text: object) -> str:
    """An identifier (row id, activity path, factor id, file:line): monospace, broken anywhere if long."""
    return f"<code>{_e(text)}</code>"


def _table(header: list[str], rows: Iterable[list[str]], num: Optional[set[int]] = None, caption: str = "",
           classes: Optional[list[str]] = None) -> str:
    """`rows` hold already-escaped cells (HTML); `header` is plain text."""
    num = num or set()
    head = "".join(f'<th class="num">{_e(h)}</th>' if i in num else f"<th>{_e(h)}</th>" for i, h in enumerate(header))
    body = []
    for k, r in enumerate(rows):
        cls = f' class="{classes[k]}"' if classes and classes[k] else ""
        body.append(f"<tr{cls}>" + "".join(f'<td class="num">{c}</td>' if i in num else f"<td>{c}</td>"
                                            for i, c in enumerate(r)) + "</tr>")
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _section(anchor: str, title: str, *parts: str) -> str:
    return f'<section id="{anchor}"><h2>{_e(title)}</h2>' + "\n".join(parts) + "</section>"


def _interval(m: ReportModel, key: str) -> str:
    t = m.total(key)
    if not t.uncertainty_known:
        return "unknown"
    return f"±{t.pct95:.1f}% ({t.rows_with_uncertainty} of {t.rows} rows)"


def _summary(m: ReportModel) -> str:
    cards = "".join(f'<div class="card"><span>{_e(line_label(k))}</span><b>{tonnes(m.total(k).co2e_kg)}</b>'
                    f"<span>t CO2e</span></div>"
                    for k in ("total_location", "total_market", "scope1", "scope2_location", "scope3"))
    total = m.total("total_location").co2e_kg
    rows = [[_e(line_label(k)), tonnes(m.total(k).co2e_kg), share(m.total(k).co2e_kg, total), _e(_interval(m, k))]
            for k in ("scope1", "scope2_location", "scope2_market", "scope3", "total_location", "total_market")]
    rows.append([_e(line_label("biogenic_co2")), tonnes(m.biogenic_co2_kg), DASH, DASH])
    d = m.doc
    counts = (f'<p class="note">Rows: {d["rows_input"]} input = {d["rows_computed"]} computed + {d["rows_skipped"]} '
              f'skipped{"; " + str(d.get("rows_derived", 0)) + " scope 3 category 3 rows derived from them" if d.get("rows_derived") else ""}.</p>')
    return _section("summary", "Summary", f'<div class="cards">{cards}</div>',
                    _table(["", "t CO2e", "share of total (location)", "95% interval (IPCC Approach 1)"], rows, {1, 2}),
                    counts)


def _breakdown(m: ReportModel) -> str:
    rows: list[tuple[str, list[Optional[float]]]] = [("Scope 1", [m.total("scope1").co2e_kg / 1000]),
                                                     ("Scope 2 (location-based)", [m.total("scope2_location").co2e_kg / 1000])]
    rows += [(f"S3 cat. {c}: {SCOPE3_CATEGORIES.get(c, '?')}"[:44], [t.co2e_kg / 1000]) for c, t in m.categories.items()]
    chart = bar_chart("Emissions by scope and scope 3 category", rows, ["t CO2e"])
    s3 = m.total("scope3").co2e_kg
    table = _table(["Scope 3 category", "t CO2e", "share of scope 3", "rows"],
                   [[_e(f"{c}. {SCOPE3_CATEGORIES.get(c, '?')}"), tonnes(t.co2e_kg), share(t.co2e_kg, s3), str(t.rows)]
                    for c, t in m.categories.items()], {1, 2, 3})
    return _section("breakdown", "Scopes and categories", chart, table)


def _scope2(m: ReportModel) -> str:
    keys = (("Scope 2", "scope2_location", "scope2_market"), ("Total", "total_location", "total_market"))
    chart = bar_chart("Scope 2: location-based and market-based",
                      [(label, [m.total(a).co2e_kg / 1000, m.total(b).co2e_kg / 1000]) for label, a, b in keys],
                      ["location-based", "market-based"])
    rows = []
    for r in m.rows:
        if r["scope"] != 2:
            continue
        steps = "; ".join(f"{s['kind']}{' ' + s['instrument'] if s['instrument'] else ''}: {s['kwh']:,.0f} kWh "
                          f"x {s['kg_per_kwh']:.5g} kg/kWh" for s in r["market_steps"]) or "location factor (heat, steam, cooling)"
        market = r["co2e_market_kg"] if r["co2e_market_kg"] is not None else r["co2e_kg"]
        rows.append([_e(r["id"]), _e(r["entity"]), tonnes(r["co2e_kg"]), tonnes(market), _e(steps)])
    table = _table(["row", "entity", "location, t", "market, t", "market-based steps (Scope 2 Guidance hierarchy)"],
                   rows, {2, 3})
    return _section("scope2", "Scope 2: location-based and market-based", chart, table)


def _gases(m: ReportModel) -> str:
    return _section("gases", "Scopes 1 and 2 by gas", _standard(ghg_protocol_gases(m), heading=False))


def _uncertainty(m: ReportModel) -> str:
    keys = ("scope1", "scope2_location", "scope2_market", "scope3", "total_location", "total_market")
    rows = [(line_label(k), [m.total(k).co2e_kg / 1000]) for k in keys]
    intervals = []
    for k in keys:
        t = m.total(k)
        half = t.co2e_kg / 1000 * t.pct95 / 100 if t.uncertainty_known else None
        intervals.append([None if half is None else (t.co2e_kg / 1000 - half, t.co2e_kg / 1000 + half)])
    parts = [bar_chart("Totals with their 95% interval (IPCC Approach 1)", rows, ["t CO2e"], intervals=intervals)]
    known = sum(1 for k in keys if m.total(k).uncertainty_known)
    if known < len(keys):
        parts.append('<p class="note">A total without whiskers has no row with a known uncertainty: the factors used '
                     "state none (each such row says so in its warnings). Run with --monte-carlo N for Approach 2 "
                     "over the activity uncertainties.</p>")
    mc = m.monte_carlo
    if mc:
        mrows = [(line_label(k), [mc[k]["mean_kg"] / 1000]) for k in keys]
        mint = [[(mc[k]["low_kg"] / 1000, mc[k]["high_kg"] / 1000)] for k in keys]
        parts.append(bar_chart(f"Monte Carlo (IPCC Approach 2), {mc['iterations']} iterations, seed {mc['seed']}",
                               mrows, ["mean, t CO2e"], intervals=mint))
        parts.append(_table(["", "low (2.5%), t", "mean, t", "high (97.5%), t", "rows held fixed (no factor uncertainty)"],
                            [[_e(line_label(k)), tonnes(mc[k]["low_kg"]), tonnes(mc[k]["mean_kg"]), tonnes(mc[k]["high_kg"]),
                              f"{mc[k]['rows_without_uncertainty']} of {mc[k]['rows']}"] for k in keys], {1, 2, 3, 4}))
    return _section("uncertainty", "Uncertainty", *parts)


def _comparison(m: ReportModel) -> str:
    if m.base is None:
        text = (f'<p class="warn">Base year {_e(m.base_year)} is declared, but no base-year data was given: run with '
                f"<code>--base BASE.json</code> (the base year's <code>ghgkit report --format json</code> output).</p>"
                if m.base_declared_without_data else '<p class="note">No base year declared.</p>')
        return _section("comparison", "Year-over-year comparison", text)
    b = m.base
    main = [c for c in b.lines if not c.line.startswith("scope3_category_") and c.line != "biogenic_co2"]
    chart = bar_chart(f"{b.base_year} (base year) and {b.year}",
                      [(line_label(c.line), [c.base_kg / 1000, c.kg / 1000]) for c in main],
                      [f"{b.base_year}", f"{b.year}"])
    table = _table(["", f"{b.base_year}, t", f"{b.year}, t", "change, t", "change"],
                   [[_e(line_label(c.line)), tonnes(c.base_kg), tonnes(c.kg), tonnes(c.change_kg), pct(c.change_pct)]
                    for c in b.lines], {1, 2, 3, 4})
    notes = "".join(f'<p class="warn">{_e(n)}</p>' for n in b.notes)
    return _section("comparison", "Year-over-year comparison", chart, table, notes)


def _digital(m: ReportModel) -> str:
    loc, mkt = m.digital_kg
    total = m.total("total_location").co2e_kg
    rule = ('<p class="note">Digital rows: activity paths starting with cloud., llm., digital., spend.cloud_services '
            "or spend.computer_hardware (docs/reports.md). Electricity of a server room is not counted here: its "
            "meter is not known to feed only IT.</p>")
    if not m.digital_rows:
        return _section("digital", "Digital services", "<p>No digital row in this inventory.</p>", rule)
    rows = [[_code(r["id"]), _code(r["activity"]), str(r["scope"]), _e(r["category"] if r["category"] is not None else DASH),
             tonnes(r["co2e_kg"]), share(r["co2e_kg"], total)] for r in m.digital_rows]
    text = (f"<p>{tonnes(loc)} t CO2e, <b>{share(loc, total)}</b> of the total (scope 2 location-based); "
            f"{tonnes(mkt)} t, {share(mkt, m.total('total_market').co2e_kg)} of the market-based total.</p>")
    return _section("digital", "Digital services", text,
                    _table(["row", "activity", "scope", "category", "t CO2e", "share of total"], rows, {4, 5}), rule)


def _standard(t: Table, heading: bool = True) -> str:
    header = ["ref", "line", *t.columns, "unit"]
    rows, classes = [], []
    for x in t.lines:
        label = _e(x.label) + (f' <span class="note">({_e(x.note)})</span>' if x.note else "")
        rows.append([f'<span class="nw">{_e(x.ref)}</span>', label,
                     *(_fmt_cell(col, v, x.unit) for col, v in zip(t.columns, x.values)), f'<span class="nw">{_e(x.unit)}</span>'])
        classes.append(x.kind if x.kind != "line" else "")
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in t.notes)
    title = f"<h3>{_e(t.title)}</h3>" if heading else ""
    return (f'<div class="std" id="table-{_e(t.key)}">{title}'
            + _table(header, rows, set(range(2, 2 + len(t.columns))), f"Source: {_e(t.citation)}.", classes) + notes + "</div>")


def _rows(m: ReportModel) -> str:
    rows = [[str(r["row"]) + (" (derived)" if r.get("derived_from") else ""), _code(r["id"]), _code(r["entity"]), _code(r["activity"]), str(r["scope"]),
             _e(r["category"] if r["category"] is not None else DASH), f"{r['amount']:,.6g} {_e(r['unit'])}",
             f"{r['share']:g}", tonnes(r["co2e_kg"]), _code(r["factor_id"])] for r in m.rows]
    return _section("rows", "Computed rows",
                    _table(["row", "id", "entity", "activity", "scope", "cat.", "amount", "share", "t CO2e", "factor"],
                           rows, {6, 7, 8}))


def _skipped(m: ReportModel) -> str:
    if not m.skipped:
        return _section("skipped", "Skipped rows", "<p>None: every input row was computed.</p>")
    rows = [[str(k["row"]), _code(k["id"]), _code(k["input"]), _code(k["activity"]), _e(k["reason"])] for k in m.skipped]
    return _section("skipped", f"Skipped rows ({len(m.skipped)})",
                    '<p class="note">Rows that could not be computed are listed, never dropped: input = computed + skipped.</p>',
                    _table(["row", "id", "input", "activity", "reason"], rows))


def _link(url: str) -> str:
    if url.startswith(("https://", "http://")):
        return f'<a href="{_e(url)}">{_e(url)}</a>'
    return _e(url)


def _appendix(m: ReportModel) -> str:
    rows = [[_code(f.factor_id), _code(f.source_id), _e(f"{f.publisher}: {f.title}" if f.publisher else f.title or DASH),
             _e(f.year), _e(f.licence or DASH), _link(f.url) if f.url else DASH, str(f.rows), tonnes(f.co2e_kg)]
            for f in m.factors]
    warnings = "".join(f"<li>{_e(w)}</li>" for w in m.warnings)
    method = ("<p>Emissions = activity x factor, converted through checked units; CO2e under GWP-100 "
              f"{_e(m.gwp)}; consolidation {_e(m.inventory['consolidation'])} (GHG Protocol Corporate Standard ch. 3). "
              "Scope 2 both ways (Scope 2 Guidance): location-based grid average, market-based hierarchy of "
              "certificates, supplier rates, residual mix, then the grid average. Uncertainty: IPCC 2006 Vol. 1 ch. 3. "
              "Mappings of the standard tables: docs/reports.md.</p>")
    return _section("appendix", "Methodology and sources", method,
                    _table(["factor", "source", "citation", "year", "licence", "url", "rows", "t CO2e"], rows, {6, 7}),
                    f"<h3>Notes</h3><ul>{warnings}</ul>" if warnings else "",
                    f'<p class="cite">Factor database SHA-256 <code>{_e(m.doc["database_hash"])}</code>; ghgkit '
                    f'{_e(m.doc["ghgkit_version"])}; inventory <code>{_e(m.inventory["file"])}</code>.</p>')


def render_html(m: ReportModel) -> str:
    """The report as one self-contained HTML page (inline SVG charts, no script, no external link).

        >>> page = ghgkit.reports.render_html(ghgkit.reports.build_model(result))
        >>> page.startswith("<!DOCTYPE html>"), "<script" in page
        (True, False)
    """
    title = f"GHG inventory: {m.organisation}, {m.year}"
    header = (f"<header><h1>{_e(title)}</h1><p class=\"meta\">GWP-100 {_e(m.gwp)} · "
              f"{_e(m.inventory['consolidation'])} · base year {_e(m.base_year if m.base_year is not None else DASH)} · "
              f"factor database <code>{_e(m.doc['database_hash'][:16])}</code> · ghgkit {_e(m.doc['ghgkit_version'])}</p></header>")
    body = [header, _summary(m), _breakdown(m), _scope2(m), _gases(m), _uncertainty(m), _comparison(m), _digital(m),
            _section("standards", "Standard tables", *(_standard(t) for t in all_tables(m) if t.key != "ghg_protocol_gases")),
            _rows(m), _skipped(m), _appendix(m)]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{_e(title)}</title><style>{CSS}</style></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n")
