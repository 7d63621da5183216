"""The change between two inventory results (`ghgkit diff OLD.json NEW.json`), by scope, scope 3
category, activity and row, split into what the activity data and what the factors changed.

Rows are matched by their `id`, else by (entity, activity, unit). For a row in both results, with
amount a and rate r = co2e_kg / amount (kg CO2e per unit of the row, consolidation share included):

    activity effect = (a_new - a_old) x r_old
    factor effect   = a_new x (r_new - r_old)      (computed as the change minus the activity effect)
    activity effect + factor effect = a_new r_new - a_old r_old = the row's change

A row only in NEW is 'added', only in OLD 'removed'; a row whose scope, category or activity changed
(or whose unit cannot be converted to the old one) counts as removed from its old place and added to
its new one. See docs/pipelines.md.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from .. import _core
from .budget import BudgetError, load_result, tonnes

DIFF_SCHEMA = "ghgkit.inventory-diff/1"
PARTS = ("old_kg", "new_kg", "change_kg", "activity_kg", "factor_kg", "added_kg", "removed_kg")

__all__ = ["DIFF_SCHEMA", "diff", "load_result", "to_markdown"]


def _row_kg(row: Mapping[str, Any], scope2: str) -> float:
    """The row's kg CO2e: market-based for scope 2 rows when `scope2` is 'market'."""
    if scope2 == "market" and row.get("scope") == 2 and row.get("co2e_market_kg") is not None:
        return float(row["co2e_market_kg"])
    return float(row["co2e_kg"])


def _keyed(rows: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Rows by their matching key: the id, else 'entity/activity/unit' (with #2, #3... on repeats)."""
    keyed: dict[str, Mapping[str, Any]] = {}
    for row in rows:
        base = str(row["id"]) if row.get("id") else f"{row.get('entity')}/{row.get('activity')}/{row.get('unit')}"
        key, n = base, 1
        while key in keyed:
            n += 1
            key = f"{base} #{n}"
        keyed[key] = row
    return keyed


@dataclass
class _Totals:
    """One line of a table: the old and new kg and the parts of the change."""

    parts: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PARTS, 0.0))
    rows: int = 0

    def add(self, **parts: float) -> None:
        for name, value in parts.items():
            self.parts[name] += value

    def as_dict(self) -> dict[str, Any]:
        return {**self.parts, "rows": self.rows}


def _groups(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    groups = [("total", "total"), ("by_scope", str(row.get("scope"))), ("by_activity", str(row.get("activity")))]
    if row.get("scope") == 3 and row.get("category") is not None:
        groups.append(("by_category", str(row["category"])))
    return groups


def _comparable_amount(old: Mapping[str, Any], new: Mapping[str, Any]) -> float | None:
    """The new amount in the old row's unit, or None when the units cannot be converted."""
    if old.get("unit") == new.get("unit"):
        return float(new["amount"])
    try:
        return _core.convert(float(new["amount"]), str(new["unit"]), str(old["unit"]))
    except _core.Error:
        return None


def _split(old: Mapping[str, Any], new: Mapping[str, Any], scope2: str) -> dict[str, Any] | None:
    """The activity and factor effects of a row present in both results; None when not comparable."""
    if any(old.get(k) != new.get(k) for k in ("scope", "category", "activity")):
        return None
    a_new = _comparable_amount(old, new)
    if a_new is None:
        return None
    a_old, c_old, c_new = float(old["amount"]), _row_kg(old, scope2), _row_kg(new, scope2)
    r_old = c_old / a_old if a_old else (c_new / a_new if a_new else 0.0)
    r_new = c_new / a_new if a_new else r_old
    activity = (a_new - a_old) * r_old
    return {"old_amount": a_old, "new_amount": a_new, "old_kg": c_old, "new_kg": c_new, "change_kg": c_new - c_old,
            "activity_kg": activity, "factor_kg": (c_new - c_old) - activity,
            "old_rate_kg_per_unit": r_old, "new_rate_kg_per_unit": r_new}


def _row_entry(key: str, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None, scope2: str) -> dict[str, Any]:
    row = new if new is not None else old
    assert row is not None
    entry: dict[str, Any] = {"key": key, "id": row.get("id"), "entity": row.get("entity"),
                             "activity": row.get("activity"), "scope": row.get("scope"),
                             "category": row.get("category"), "unit": (old or row).get("unit"),
                             "old_factor_id": old.get("factor_id") if old else None,
                             "new_factor_id": new.get("factor_id") if new else None}
    split = _split(old, new, scope2) if old is not None and new is not None else None
    if split is not None:
        changed = split["change_kg"] != 0 or split["old_amount"] != split["new_amount"]
        return {**entry, **split, "status": "changed" if changed else "unchanged", "added_kg": 0.0, "removed_kg": 0.0}
    old_kg = _row_kg(old, scope2) if old is not None else 0.0
    new_kg = _row_kg(new, scope2) if new is not None else 0.0
    status = "replaced" if old is not None and new is not None else ("added" if new is not None else "removed")
    return {**entry, "status": status, "old_amount": old.get("amount") if old else None,
            "new_amount": new.get("amount") if new else None, "old_kg": old_kg, "new_kg": new_kg,
            "change_kg": new_kg - old_kg, "activity_kg": 0.0, "factor_kg": 0.0, "added_kg": new_kg,
            "removed_kg": -old_kg}


def _side(doc: Mapping[str, Any], name: str) -> dict[str, Any]:
    inv = doc.get("inventory", {})
    return {"file": name, "organisation": inv.get("organisation"), "year": inv.get("year"),
            "database_hash": doc.get("database_hash"), "ghgkit_version": doc.get("ghgkit_version"),
            "rows_skipped": [s.get("id") or s.get("input") for s in doc.get("skipped", [])]}


def diff(old: Mapping[str, Any], new: Mapping[str, Any], scope2: str = "location",
         names: Sequence[str] = ("OLD", "NEW")) -> dict[str, Any]:
    """The change from `old` to `new` (inventory results' JSON documents) as a JSON-ready document
    (`schema: ghgkit.inventory-diff/1`), masses in kg CO2e, scope 2 by the `scope2` method.

        >>> doc = json.loads(result.to_json())
        >>> d = diff_results(doc, doc)
        >>> d["schema"]
        'ghgkit.inventory-diff/1'
    """
    if scope2 not in ("location", "market"):
        raise BudgetError(f"scope2: found {scope2!r}, expected location or market")
    old_rows, new_rows = _keyed(old["rows"]), _keyed(new["rows"])
    keys = list(old_rows) + [k for k in new_rows if k not in old_rows]
    rows = [_row_entry(k, old_rows.get(k), new_rows.get(k), scope2) for k in keys]
    tables: dict[str, dict[str, _Totals]] = defaultdict(lambda: defaultdict(_Totals))
    for entry in rows:
        _accumulate(tables, entry, old_rows.get(entry["key"]), new_rows.get(entry["key"]))
    doc = {"schema": DIFF_SCHEMA, "scope2": scope2, "old": _side(old, names[0]), "new": _side(new, names[1]),
           "database_changed": old.get("database_hash") != new.get("database_hash")}
    doc["total"] = tables["total"]["total"].as_dict()
    for table in ("by_scope", "by_category", "by_activity"):
        doc[table] = {k: v.as_dict() for k, v in sorted(tables[table].items(), key=lambda kv: _order(kv[0]))}
    doc["rows"] = rows
    return doc


def _order(key: str) -> tuple[int, str]:
    return (int(key), "") if key.isdigit() else (10**6, key)


def _accumulate(tables: dict[str, dict[str, _Totals]], entry: Mapping[str, Any],
                old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> None:
    """Add a row's parts to its groups; a replaced row leaves its old groups and joins its new ones."""
    if entry["status"] in ("changed", "unchanged"):
        assert new is not None
        for table, key in _groups(new):
            tables[table][key].add(**{p: entry[p] for p in PARTS})
            tables[table][key].rows += 1
        return
    touched: set[tuple[str, str]] = set()
    if old is not None:
        for table, key in _groups(old):
            tables[table][key].add(old_kg=entry["old_kg"], change_kg=-entry["old_kg"], removed_kg=-entry["old_kg"])
            touched.add((table, key))
    if new is not None:
        for table, key in _groups(new):
            tables[table][key].add(new_kg=entry["new_kg"], change_kg=entry["new_kg"], added_kg=entry["new_kg"])
            touched.add((table, key))
    for table, key in touched:
        tables[table][key].rows += 1


# --------------------------------------------------------------------------------------------------
# Markdown


def _t(kg: float) -> str:
    return tonnes(kg, fixed=True)


def _signed(kg: float) -> str:
    text = _t(kg)
    return text if text.startswith("-") or text == "0.000" else f"+{text}"


_HEADER = ["old t", "new t", "change t", "activity effect t", "factor effect t", "added t", "removed t"]


def _table(title: str, rows: Mapping[str, Mapping[str, float]], first: str, label: str = "{}") -> list[str]:
    lines = [f"### {title}", "", f"| {first} | " + " | ".join(_HEADER) + " |", "|---" + "|---:" * len(_HEADER) + "|"]
    for key, t in rows.items():
        cells = [_t(t["old_kg"]), _t(t["new_kg"])] + [_signed(t[p]) for p in PARTS[2:]]
        lines.append(f"| {label.format(key)} | " + " | ".join(cells) + " |")
    return lines + [""]


def _amount(value: Any) -> str:
    return "-" if value is None else f"{float(value):,.6g}"


def to_markdown(doc: Mapping[str, Any]) -> str:
    """The diff document as Markdown: the databases, then tables by scope, category, activity and row.

        >>> doc = json.loads(result.to_json())
        >>> to_markdown(diff_results(doc, doc)).startswith("#")
        True
    """
    old, new = doc["old"], doc["new"]
    lines = [f"## Inventory change: {old['organisation']} {old['year']} -> {new['organisation']} {new['year']}", "",
             f"- OLD `{old['file']}`: factor database `{str(old['database_hash'])[:16]}`",
             f"- NEW `{new['file']}`: factor database `{str(new['database_hash'])[:16]}`",
             "- The factor databases " + (
                 "differ: the factor effect includes the factor updates." if doc["database_changed"]
                 else "are the same: a factor effect comes from other changes of a row's rate "
                 "(share, region, year, conversions, market instruments)."),
             f"- Scope 2 {doc['scope2']}-based. Change = activity effect + factor effect + added + removed; "
             "activity effect = (new amount - old amount) x old rate, "
             "factor effect = new amount x (new rate - old rate), rate = co2e_kg / amount of the row.", ""]
    for side, name in ((old, "OLD"), (new, "NEW")):
        if side["rows_skipped"]:
            lines.insert(-1, f"- {name} skipped {len(side['rows_skipped'])} row(s), missing from its totals: "
                         + ", ".join(f"`{s}`" for s in side["rows_skipped"]))
    lines += _table("Total", {"total": doc["total"]}, "")
    lines += _table("By scope", doc["by_scope"], "scope")
    if doc["by_category"]:
        lines += _table("By scope 3 category", doc["by_category"], "category")
    lines += _table("By activity", {k: v for k, v in doc["by_activity"].items() if _moved(v)}, "activity", "`{}`")
    lines += _row_table([r for r in doc["rows"] if r["status"] != "unchanged"])
    return "\n".join(lines).rstrip() + "\n"


def _moved(t: Mapping[str, float]) -> bool:
    return any(t[p] != 0 for p in PARTS[2:])


def _row_table(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    lines = ["### Rows that changed", ""]
    if not rows:
        return lines + ["None.", ""]
    lines += ["| row | status | activity | amount old -> new | old t | new t | change t | activity effect t "
              "| factor effect t | factor |", "|---|---|---|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        factor = r["new_factor_id"] or r["old_factor_id"] or "-"
        if r["old_factor_id"] and r["new_factor_id"] and r["old_factor_id"] != r["new_factor_id"]:
            factor = f"{r['old_factor_id']} -> {r['new_factor_id']}"
        amount = f"{_amount(r['old_amount'])} -> {_amount(r['new_amount'])} {r['unit']}"
        lines.append(f"| `{r['key']}` | {r['status']} | `{r['activity']}` | {amount} | {_t(r['old_kg'])} | "
                     f"{_t(r['new_kg'])} | {_signed(r['change_kg'])} | {_signed(r['activity_kg'])} | "
                     f"{_signed(r['factor_kg'])} | `{factor}` |")
    return lines + [""]


def to_json(doc: Mapping[str, Any]) -> str:
    """The diff document as JSON text.

        >>> doc = json.loads(result.to_json())
        >>> json.loads(to_json(diff_results(doc, doc)))["schema"]
        'ghgkit.inventory-diff/1'
    """
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
