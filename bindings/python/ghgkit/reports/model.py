"""The report model: one computed inventory (an InventoryResult or its JSON, schema
ghgkit.inventory-result/1) brought into the figures every rendering needs: totals by scope and
category, gases, uncertainty, rows and skipped rows, the digital-services share, the factors used
with their citations, and the comparison with a base year. Renderers read this model only.

    >>> model = build_model(ghgkit.Inventory.load("examples/lyon/inventory.yaml").compute())
    >>> model.total("total_location").co2e_kg
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, Mapping

# Totals of the result JSON, in the order a report shows them.
TOTAL_KEYS = ("scope1", "scope2_location", "scope2_market", "scope3", "total_location", "total_market")

# A row is digital when its activity path starts with one of these (docs/reports.md, "Digital services"):
# cloud usage and LLM inference computed by ghgkit.digital, and the spend on cloud services and on
# computer hardware. Electricity of entities named as data centres is not counted: an entity's name
# says nothing reliable about what its meter feeds.
DIGITAL_PREFIXES = ("cloud.", "llm.", "digital.", "spend.cloud_services", "spend.computer_hardware")


@dataclass(frozen=True)
class Total:
    """A total of the result: kg CO2e and its Approach 1 95% half-width over the rows that state one."""

    co2e_kg: float
    rows: int = 0
    rows_with_uncertainty: int = 0
    pct95: float = 0.0

    @property
    def uncertainty_known(self) -> bool:
        return self.rows_with_uncertainty > 0

    @staticmethod
    def of(d: Mapping[str, Any]) -> "Total":
        return Total(float(d["co2e_kg"]), int(d.get("rows", 0)), int(d.get("rows_with_uncertainty", 0)),
                     float(d.get("pct95") or 0.0))


@dataclass(frozen=True)
class FactorUse:
    """A factor used by at least one row, with its source's citation."""

    factor_id: str
    source_id: str
    publisher: str
    title: str
    year: Any
    url: str
    licence: str
    rows: int
    co2e_kg: float


@dataclass(frozen=True)
class Change:
    """One line of the base-year comparison."""

    line: str
    base_kg: float
    kg: float

    @property
    def change_kg(self) -> float:
        return self.kg - self.base_kg

    @property
    def change_pct(self) -> float | None:
        return None if self.base_kg == 0 else 100.0 * (self.kg - self.base_kg) / self.base_kg


@dataclass(frozen=True)
class Comparison:
    base_year: int
    year: int
    lines: list[Change]
    notes: list[str]


@dataclass(frozen=True)
class Revenue:
    """Net revenue for the ESRS E1-6 intensity, in a currency.

        >>> Revenue(12.5e6, "EUR", "the annual accounts").currency
        'EUR'
    """

    amount: float
    currency: str
    origin: str  # where it came from: the inventory's intensity entry or a command-line option


@dataclass
class ReportModel:
    """What a report says, computed once from a result's JSON: totals with their intervals, scope 3
    categories, gases, factors used with their sources, digital rows, the base-year comparison; each
    renderer (Markdown, HTML, JSON, CSV) and each standard table reads it.

        >>> model = build_model(result)
        >>> model.organisation, model.year, round(model.total("total_location").co2e_kg / 1000, 3)
        ('Lumière Textiles SAS', 2024, 164.821)
    """

    doc: dict[str, Any]                       # the result JSON, parsed
    totals: dict[str, Total]
    categories: dict[int, Total]              # scope 3 by category
    gases_kg: dict[int, dict[str, float]]     # scope -> gas -> kg of the gas (consolidated)
    gwp_values: dict[str, float | None]       # gas -> GWP-100 of the result's set (None: not in the database)
    factors: list[FactorUse]
    digital_rows: list[dict[str, Any]]
    base: Comparison | None = None
    base_declared_without_data: bool = False
    net_revenue: Revenue | None = None
    ets_scope1_pct: float | None = None
    significance_pct: float = 0.0
    monte_carlo: dict[str, Any] | None = None
    csv_text: str | None = None
    json_text: str | None = None
    notes: list[str] = field(default_factory=list)

    # --- what the inventory says ---------------------------------------------------------------
    @property
    def inventory(self) -> dict[str, Any]:
        inventory: dict[str, Any] = self.doc["inventory"]
        return inventory

    @property
    def organisation(self) -> str:
        return str(self.inventory["organisation"])

    @property
    def year(self) -> int:
        return int(self.inventory["year"])

    @property
    def base_year(self) -> int | None:
        return self.inventory.get("base_year")

    @property
    def gwp(self) -> str:
        return str(self.inventory["gwp"])

    @property
    def rows(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self.doc["rows"]
        return rows

    @property
    def skipped(self) -> list[dict[str, Any]]:
        skipped: list[dict[str, Any]] = self.doc["skipped"]
        return skipped

    @property
    def warnings(self) -> list[str]:
        return [str(w) for w in self.doc.get("warnings", [])]

    @property
    def biogenic_co2_kg(self) -> float:
        return float(self.doc["totals"]["biogenic_co2_kg"])

    def total(self, key: str) -> Total:
        """The total named `key`: scope1, scope2_location, scope2_market, scope3, total_location, total_market.

            >>> round(build_model(result).total("scope1").co2e_kg / 1000, 3)
            69.999
        """
        return self.totals[key]

    @property
    def digital_kg(self) -> tuple[float, float]:
        """(location-based, market-based) kg CO2e of the digital rows."""
        loc = math.fsum(r["co2e_kg"] for r in self.digital_rows)
        mkt = math.fsum(r["co2e_market_kg"] if r["co2e_market_kg"] is not None else r["co2e_kg"]
                        for r in self.digital_rows)
        return loc, mkt

    def gas_co2e_kg(self, gas: str, kg: float) -> float | None:
        """kg CO2e of `kg` of a gas under the result's GWP set (None when the database has no GWP for it).

            >>> build_model(result).gas_co2e_kg("CO2", 10.0)
            10.0
        """
        g = self.gwp_values.get(gas)
        return None if g is None else kg * g


def _gwp_values(db: Any, gases: set[str], gwp_set: str) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for gas in sorted(gases):
        try:
            out[gas] = float(db.gwp(gas, gwp_set)) if db is not None else None
        except Exception:  # noqa: BLE001 - a gas without a GWP in the database is shown without CO2e
            out[gas] = None
    return out


def _gases(rows: list[dict[str, Any]]) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {1: {}, 2: {}, 3: {}}
    for r in rows:
        for gas, kg in (r.get("gases_kg") or {}).items():
            out.setdefault(int(r["scope"]), {})
            out[int(r["scope"])][gas] = out[int(r["scope"])].get(gas, 0.0) + float(kg)
    return out


def _factor_uses(rows: list[dict[str, Any]], sources: Mapping[str, Mapping[str, Any]]) -> list[FactorUse]:
    by_id: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_id.setdefault(r["factor_id"], []).append(r)
    out = []
    for factor_id, used in sorted(by_id.items()):
        source_id = used[0]["source"]
        s = sources.get(source_id, {})
        out.append(FactorUse(factor_id, source_id, str(s.get("publisher", "")), str(s.get("title", "")),
                             s.get("year", ""), str(s.get("url", "")), str(s.get("licence", "")), len(used),
                             math.fsum(r["co2e_kg"] for r in used)))
    return out


def _sources(result: Any, db: Any, doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Source citations by id: from the live result's provenance, else from the database."""
    out: dict[str, dict[str, Any]] = {}
    if result is not None:
        for r in result.rows:
            s = r["provenance"]["source"]
            out.setdefault(s["id"], dict(s))
    if db is not None:
        known = db.sources
        for r in doc["rows"]:
            if r["source"] not in out and r["source"] in known:
                out[r["source"]] = dict(known[r["source"]])
    return out


def compare(base: Mapping[str, Any], current: Mapping[str, Any]) -> Comparison:
    """The change of every total from a base-year result JSON to the current one (GHG Protocol
    Corporate Standard ch. 5), with notes where the method differs (GWP set, database, consolidation)."""
    bt, ct = base["totals"], current["totals"]
    lines = [Change(k, float(bt[k]["co2e_kg"]), float(ct[k]["co2e_kg"])) for k in TOTAL_KEYS[:4]]
    cats = sorted({int(c) for c in bt["scope3_categories"]} | {int(c) for c in ct["scope3_categories"]})
    for c in cats:
        lines.append(Change(f"scope3_category_{c}", float(bt["scope3_categories"].get(str(c), {}).get("co2e_kg", 0.0)),
                            float(ct["scope3_categories"].get(str(c), {}).get("co2e_kg", 0.0))))
    lines += [Change(k, float(bt[k]["co2e_kg"]), float(ct[k]["co2e_kg"])) for k in TOTAL_KEYS[4:]]
    lines.append(Change("biogenic_co2", float(bt["biogenic_co2_kg"]), float(ct["biogenic_co2_kg"])))
    notes = []
    bi, ci = base["inventory"], current["inventory"]
    if bi["gwp"] != ci["gwp"]:
        notes.append(f"GWP set differs: {bi['gwp']} in the base year, {ci['gwp']} now")
    if base.get("database_hash") != current.get("database_hash"):
        notes.append("the factor database differs (a methodological change the GHG Protocol asks to explain; "
                     "a base-year recalculation may be due)")
    if bi["consolidation"] != ci["consolidation"]:
        notes.append(f"consolidation differs: {bi['consolidation']} in the base year, {ci['consolidation']} now")
    if ci.get("base_year") is not None and bi["year"] != ci["base_year"]:
        notes.append(f"the base data is of {bi['year']}, the inventory declares base year {ci['base_year']}")
    return Comparison(int(bi["year"]), int(ci["year"]), lines, notes)


def _revenue(doc: dict[str, Any], given: Revenue | None) -> Revenue | None:
    if given is not None:
        return given
    for d in doc.get("intensity", []):
        if str(d["name"]).strip().lower() in ("net revenue", "net_revenue", "revenue", "net turnover", "turnover"):
            return Revenue(float(d["value"]), str(d["unit"]), f"the inventory's intensity entry '{d['name']}'")
    return None


def build_model(result: Any, *, db: Any = None, base: Mapping[str, Any] | None = None,
                net_revenue: Revenue | None = None, ets_scope1_pct: float | None = None,
                significance_pct: float = 0.0, monte_carlo: dict[str, Any] | None = None,
                digital_prefixes: tuple[str, ...] = DIGITAL_PREFIXES) -> ReportModel:
    """The report model of `result` (an InventoryResult, or the dict / text of its JSON).

    `db` resolves the citations of a JSON result's sources and the GWP of each gas (default: the
    shipped database); `base` is the base year's result JSON (dict); `net_revenue` and
    `ets_scope1_pct` feed the ESRS E1-6 table; scope 3 categories under `significance_pct` percent of
    scope 3 are grouped as not significant there.

        >>> model = build_model(result, net_revenue=Revenue(12.5e6, "EUR", "the annual accounts"))
        >>> model.net_revenue.currency, len(model.rows) == len(result.rows)
        ('EUR', True)
    """
    live = result if hasattr(result, "to_json") else None
    if live is not None:
        json_text = live.to_json()
        doc = json.loads(json_text)
        csv_text: str | None = live.to_csv()
    else:
        json_text = result if isinstance(result, str) else json.dumps(result, indent=2, ensure_ascii=False) + "\n"
        doc = json.loads(result) if isinstance(result, str) else dict(result)
        csv_text = None
    if doc.get("schema") != "ghgkit.inventory-result/1":
        raise ValueError(f"found schema {doc.get('schema')!r}, expected 'ghgkit.inventory-result/1'")
    if db is None:
        from .. import _core
        db = _core.FactorDatabase.default()
    if not 0.0 <= significance_pct <= 100.0:
        raise ValueError(f"significance threshold {significance_pct}%: expected a percentage from 0 to 100")
    if ets_scope1_pct is not None and not 0.0 <= ets_scope1_pct <= 100.0:
        raise ValueError(f"ETS share {ets_scope1_pct}%: expected a percentage from 0 to 100")
    t = doc["totals"]
    gases = _gases(doc["rows"])
    model = ReportModel(
        doc=doc,
        totals={k: Total.of(t[k]) for k in TOTAL_KEYS},
        categories={int(c): Total.of(v) for c, v in sorted(t["scope3_categories"].items(), key=lambda kv: int(kv[0]))},
        gases_kg=gases,
        gwp_values=_gwp_values(db, {g for s in gases.values() for g in s}, doc["inventory"]["gwp"]),
        factors=_factor_uses(doc["rows"], _sources(live, db, doc)),
        digital_rows=[r for r in doc["rows"] if str(r["activity"]).startswith(digital_prefixes)],
        base=compare(base, doc) if base is not None else None,
        base_declared_without_data=base is None and doc["inventory"].get("base_year") is not None,
        net_revenue=_revenue(doc, net_revenue),
        ets_scope1_pct=ets_scope1_pct,
        significance_pct=significance_pct,
        monte_carlo=monte_carlo,
        csv_text=csv_text,
        json_text=json_text,
    )
    return model
