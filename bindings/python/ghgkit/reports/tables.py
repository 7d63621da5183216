"""The standard disclosure tables, built from a ReportModel: the GHG Protocol corporate inventory
(with its per-gas table), ESRS E1-6, ISO 14064-1:2018 categories 1 to 6 and the French regulatory
BEGES (method v5). Every figure is in tonnes (the frameworks' unit); each table cites the text it
follows and says where a mapping is ghgkit's own reading. The mappings are in docs/reports.md.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from .model import ReportModel

Value = Optional[float]  # None: not applicable, not given or no row (shown as a dash)

SCOPE3_CATEGORIES = {
    1: "Purchased goods and services", 2: "Capital goods",
    3: "Fuel- and energy-related activities (not in scope 1 or 2)", 4: "Upstream transportation and distribution",
    5: "Waste generated in operations", 6: "Business travel", 7: "Employee commuting", 8: "Upstream leased assets",
    9: "Downstream transportation and distribution", 10: "Processing of sold products", 11: "Use of sold products",
    12: "End-of-life treatment of sold products", 13: "Downstream leased assets", 14: "Franchises", 15: "Investments",
}


@dataclass(frozen=True)
class Line:
    ref: str
    label: str
    values: tuple[Value, ...]
    unit: str = "t CO2e"
    kind: str = "line"  # line | detail | subtotal | total | memo
    note: str = ""


@dataclass(frozen=True)
class Table:
    """A standard table (GHG Protocol, ESRS E1-6, ISO 14064-1, BEGES): lines of values in `columns`,
    with the citation of the standard and notes.

        >>> table = all_tables(build_model(result))[0]
        >>> table.key, table.columns
        ('ghg_protocol', ...)
    """

    key: str
    title: str
    citation: str
    columns: tuple[str, ...]
    lines: list[Line]
    notes: list[str] = field(default_factory=list)

    def line(self, ref: str) -> Line:
        """The line whose reference is `ref` (StopIteration when there is none).

            >>> table = all_tables(build_model(result))[0]
            >>> table.line(table.lines[0].ref) is table.lines[0]
            True
        """
        return next(x for x in self.lines if x.ref == ref)


def _t(kg: float) -> float:
    return kg / 1000.0


def _uncategorised_kg(m: ReportModel) -> float:
    return m.total("scope3").co2e_kg - math.fsum(t.co2e_kg for t in m.categories.values())


# --- GHG Protocol -------------------------------------------------------------------------------
def ghg_protocol(m: ReportModel) -> Table:
    s1, s2l, s2m, s3 = (m.total(k).co2e_kg for k in ("scope1", "scope2_location", "scope2_market", "scope3"))
    lines = [Line("S1", "Scope 1: direct emissions", (_t(s1),)),
             Line("S2-L", "Scope 2, location-based", (_t(s2l),)),
             Line("S2-M", "Scope 2, market-based", (_t(s2m),)),
             Line("S3", "Scope 3", (_t(s3),), kind="subtotal")]
    for c, name in SCOPE3_CATEGORIES.items():
        total = m.categories.get(c)
        lines.append(Line(f"S3.{c}", f"Category {c}: {name}", (None if total is None else _t(total.co2e_kg),),
                          kind="detail", note="" if total else "no row in the inventory"))
    if abs(_uncategorised_kg(m)) > 0:
        lines.append(Line("S3.?", "Scope 3 rows without a category", (_t(_uncategorised_kg(m)),), kind="detail"))
    lines += [Line("T-L", "Scopes 1 + 2 + 3, scope 2 location-based", (_t(m.total("total_location").co2e_kg),), kind="total"),
              Line("T-M", "Scopes 1 + 2 + 3, scope 2 market-based", (_t(m.total("total_market").co2e_kg),), kind="total"),
              Line("BIO", "Biogenic CO2 (outside the scopes)", (_t(m.biogenic_co2_kg),), unit="t CO2", kind="memo")]
    return Table("ghg_protocol", "GHG Protocol corporate inventory",
                 "GHG Protocol Corporate Standard (WRI/WBCSD, revised 2004), ch. 9 'Reporting GHG emissions'; "
                 "Scope 2 Guidance (2015) ch. 7 (both methods); Corporate Value Chain (Scope 3) Standard (2011) "
                 "ch. 11 (by category)",
                 ("t CO2e",), lines,
                 [f"GWP-100 set {m.gwp}; consolidation {m.inventory['consolidation']}.",
                  "Categories without a row are not reported, which is not the same as zero: say why in the "
                  "inventory's exclusions."])


# The seven Kyoto gases / groups of the Corporate Standard.
GAS_GROUPS = ("CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3")
GAS_UNIT = "t gas / t CO2e"
_PFCS = ("CF4", "C2F6", "C3F8", "C4F10", "C5F12", "C6F14", "C10F18", "c-C4F8", "C-C4F8", "PFC")


def gas_group(gas: str) -> str:
    """The Corporate Standard's group of a ghgkit gas name; blends (R-4xx, R-5xx) are reported with
    the HFCs they are made of (the shipped blends are HFC and HFC/PFC mixtures: see the note)."""
    g = gas.upper()
    if g.startswith("CO2"):
        return "CO2"
    if g.startswith("CH4"):
        return "CH4"
    if g.startswith("N2O"):
        return "N2O"
    if g in ("SF6", "NF3"):
        return g
    if gas.startswith(_PFCS) or g.startswith("PFC"):
        return "PFCs"
    if g.startswith("HFC") or g.startswith("R-"):
        return "HFCs"
    return "other"


def ghg_protocol_gases(m: ReportModel) -> Table:
    """Scopes 1 and 2 by gas: tonnes of each gas and their CO2e (mass x GWP of the result's set); the
    rest of each scope comes from factors given in CO2e only and is shown as such."""
    lines: list[Line] = []
    scope_totals = {1: m.total("scope1").co2e_kg, 2: m.total("scope2_location").co2e_kg}
    split = {1: 0.0, 2: 0.0}
    gases = sorted({g for s in (1, 2) for g in m.gases_kg.get(s, {})},
                   key=lambda g: (GAS_GROUPS.index(gas_group(g)) if gas_group(g) in GAS_GROUPS else 99, g))
    for gas in gases:
        cells: list[Value] = []
        for s in (1, 2):
            kg = m.gases_kg.get(s, {}).get(gas)
            co2e = None if kg is None else m.gas_co2e_kg(gas, kg)
            cells += [None if kg is None else _t(kg), None if co2e is None else _t(co2e)]
            split[s] += co2e or 0.0
        lines.append(Line(gas_group(gas), f"{gas_group(gas)}: {gas}" if gas_group(gas) != gas else gas, tuple(cells),
                          unit=GAS_UNIT))
    rest = tuple(v for s in (1, 2) for v in (None, _t(scope_totals[s] - split[s])))
    lines.append(Line("CO2e-only", "Not split by gas (factors given in CO2e only)", rest, unit=GAS_UNIT))
    lines.append(Line("total", "Total", (None, _t(scope_totals[1]), None, _t(scope_totals[2])), unit=GAS_UNIT, kind="total"))
    return Table("ghg_protocol_gases", "Scopes 1 and 2 by gas",
                 "GHG Protocol Corporate Standard ch. 9: emissions data for scopes 1 and 2 separately for each "
                 "of the seven GHGs, in tonnes and in tonnes of CO2e",
                 ("scope 1, t of gas", "scope 1, t CO2e", "scope 2, t of gas", "scope 2, t CO2e"), lines,
                 [f"CO2e of each gas = mass x GWP-100 ({m.gwp}) from the factor database; scope 2 location-based.",
                  "Refrigerant blends are listed under HFCs with their own GWP (the shipped blends are HFC "
                  "mixtures; R-508A/B also hold PFC-116)."])


# --- ESRS E1-6 ----------------------------------------------------------------------------------
def esrs_e1_6(m: ReportModel) -> Table:
    base = {c.line: c for c in m.base.lines} if m.base else {}

    def line(ref: str, label: str, kg: float | None, key: str | None = None, kind: str = "line",
             unit: str = "t CO2e", note: str = "", scale: Callable[[float], float] = _t) -> Line:
        value = None if kg is None else scale(kg)
        if not m.base:
            return Line(ref, label, (value,), unit, kind, note)
        change = base.get(key or "")
        b = None if change is None else scale(change.base_kg)
        pct = None if change is None or change.change_pct is None else change.change_pct
        return Line(ref, label, (b, value, pct), unit, kind, note)

    s3 = m.total("scope3").co2e_kg
    threshold = m.significance_pct / 100.0 * s3
    significant = {c: t for c, t in m.categories.items() if t.co2e_kg > 0 and t.co2e_kg >= threshold}
    lines = [line("48a", "Gross Scope 1 GHG emissions", m.total("scope1").co2e_kg, "scope1"),
             Line("48b", "Percentage of Scope 1 GHG emissions from regulated emission trading schemes",
                  ((None, m.ets_scope1_pct, None) if m.base else (m.ets_scope1_pct,)), "%",
                  note="" if m.ets_scope1_pct is not None else "not given: --ets-share"),
             line("49a", "Gross location-based Scope 2 GHG emissions", m.total("scope2_location").co2e_kg, "scope2_location"),
             line("49b", "Gross market-based Scope 2 GHG emissions", m.total("scope2_market").co2e_kg, "scope2_market"),
             line("51", "Total gross indirect (Scope 3) GHG emissions", s3, "scope3", kind="subtotal")]
    for c, t in significant.items():
        lines.append(line(f"51.{c}", f"{c} {SCOPE3_CATEGORIES[c]}", t.co2e_kg, f"scope3_category_{c}", kind="detail"))
    rest = s3 - math.fsum(t.co2e_kg for t in significant.values())
    if abs(rest) > 0:
        lines.append(line("51.other", f"Other scope 3 (categories under {m.significance_pct:g}% of scope 3, "
                                      "or without a category)", rest, kind="detail"))
    lines += [line("52a", "Total GHG emissions (location-based)", m.total("total_location").co2e_kg, "total_location", kind="total"),
              line("52b", "Total GHG emissions (market-based)", m.total("total_market").co2e_kg, "total_market", kind="total")]
    rev = m.net_revenue
    for ref, key, label in (("53a", "total_location", "location-based"), ("53b", "total_market", "market-based")):
        per_m = None if rev is None else m.total(key).co2e_kg / 1000.0 / (rev.amount / 1e6)
        unit = f"t CO2e per million {rev.currency}" if rev else "t CO2e per million of net revenue"
        lines.append(Line(ref, f"GHG intensity per net revenue ({label})",
                          ((None, per_m, None) if m.base else (per_m,)), unit,
                          note="" if rev else "net revenue not given: intensity entry 'net revenue' or --net-revenue"))
    lines.append(line("AR43c", "Biogenic CO2 emissions (reported apart from the scopes)", m.biogenic_co2_kg,
                      "biogenic_co2", kind="memo", unit="t CO2"))
    notes = [f"Significant scope 3 categories: those of at least {m.significance_pct:g}% of scope 3 "
             "(--significance; 0 lists every category with emissions)."]
    if rev:
        notes.append(f"Net revenue {rev.amount:,.2f} {rev.currency}, from {rev.origin}.")
    columns = (f"base year {m.base.base_year}", str(m.year), "% change") if m.base else (str(m.year),)
    return Table("esrs_e1_6", "ESRS E1-6: gross Scopes 1, 2, 3 and total GHG emissions",
                 "Commission Delegated Regulation (EU) 2023/2772, Annex I, ESRS E1 'Climate change', disclosure "
                 "requirement E1-6, paragraphs 44 to 55 and AR 39 to AR 55",
                 columns, lines, notes)


# --- ISO 14064-1:2018 ---------------------------------------------------------------------------
ISO_CATEGORIES: dict[int, tuple[str, tuple[int, ...]]] = {
    1: ("Direct GHG emissions and removals", ()),
    2: ("Indirect GHG emissions from imported energy", ()),
    3: ("Indirect GHG emissions from transportation", (4, 6, 7, 9)),
    4: ("Indirect GHG emissions from products used by the organization", (1, 2, 3, 5, 8)),
    5: ("Indirect GHG emissions associated with the use of products from the organization", (10, 11, 12, 13, 15)),
    6: ("Indirect GHG emissions from other sources", (14,)),
}


def iso_14064_1(m: ReportModel) -> Table:
    lines = [Line("1", ISO_CATEGORIES[1][0], (_t(m.total("scope1").co2e_kg),) * 2, note="GHG Protocol scope 1"),
             Line("2", ISO_CATEGORIES[2][0], (_t(m.total("scope2_location").co2e_kg), _t(m.total("scope2_market").co2e_kg)),
                  note="GHG Protocol scope 2")]
    for iso in (3, 4, 5, 6):
        name, cats = ISO_CATEGORIES[iso]
        kg = math.fsum(m.categories[c].co2e_kg for c in cats if c in m.categories)
        if iso == 6:
            kg += _uncategorised_kg(m)
        lines.append(Line(str(iso), name, (_t(kg),) * 2,
                          note="scope 3 categories " + ", ".join(map(str, cats)) + (" and scope 3 rows without a category" if iso == 6 else "")))
        for c in cats:
            if c in m.categories:
                lines.append(Line(f"{iso}.s3-{c}", f"scope 3 category {c}: {SCOPE3_CATEGORIES[c]}",
                                  (_t(m.categories[c].co2e_kg),) * 2, kind="detail"))
    lines.append(Line("total", "Total", (_t(m.total("total_location").co2e_kg), _t(m.total("total_market").co2e_kg)), kind="total"))
    lines.append(Line("bio", "Biogenic CO2 (quantified separately)", (_t(m.biogenic_co2_kg),) * 2, unit="t CO2", kind="memo"))
    return Table("iso_14064_1", "ISO 14064-1:2018 categories",
                 "ISO 14064-1:2018, clause 5.2.4 and Annex B (categories of indirect emissions); mapping from "
                 "the GHG Protocol scope 3 categories by ghgkit (docs/reports.md)",
                 ("t CO2e (category 2 location-based)", "t CO2e (category 2 market-based)"), lines,
                 ["Investments (scope 3 category 15) are in category 5 and franchises (14) in category 6, "
                  "as in the French BEGES method v5 that follows ISO 14064-1; the ISO text itself was not "
                  "available to check (docs/reports.md)."])


# --- BEGES (France, method v5) ------------------------------------------------------------------
BEGES_POSTS: dict[str, str] = {
    "1.1": "Émissions directes des sources fixes de combustion",
    "1.2": "Émissions directes des sources mobiles de combustion",
    "1.3": "Émissions directes des procédés hors énergie",
    "1.4": "Émissions directes fugitives",
    "1.5": "Émissions issues de la biomasse (sols et forêts)",
    "2.1": "Émissions indirectes liées à la consommation d'électricité",
    "2.2": "Émissions indirectes liées à la consommation d'énergie autre que l'électricité",
    "3.1": "Transport de marchandise amont",
    "3.2": "Transport de marchandise aval",
    "3.3": "Déplacements domicile-travail",
    "3.4": "Déplacements des visiteurs et des clients",
    "3.5": "Déplacements professionnels",
    "4.1": "Achats de biens",
    "4.2": "Immobilisations de biens",
    "4.3": "Gestion des déchets",
    "4.4": "Actifs en leasing amont",
    "4.5": "Achats de services",
    "5.1": "Utilisation des produits vendus",
    "5.2": "Actifs en leasing aval",
    "5.3": "Fin de vie des produits vendus",
    "5.4": "Investissements",
    "6.1": "Autres émissions indirectes",
}
BEGES_CATEGORIES = {
    1: "Émissions directes de GES", 2: "Émissions indirectes associées à l'énergie",
    3: "Émissions indirectes associées au transport", 4: "Émissions indirectes associées aux produits achetés",
    5: "Émissions indirectes associées aux produits vendus", 6: "Autres émissions indirectes",
}
# Scope 1 fuels burnt in vehicles (poste 1.2); other fuels count as fixed combustion (1.1).
MOBILE_FUELS = ("fuel.diesel", "fuel.motor_gasoline", "fuel.petrol", "fuel.jet", "fuel.aviation", "fuel.marine",
                "fuel.biodiesel", "fuel.bioethanol", "vehicle.", "managed_assets.", "travel.", "freight.")
SCOPE3_TO_BEGES = {4: "3.1", 9: "3.2", 7: "3.3", 6: "3.5", 1: "4.1", 2: "4.2", 3: "4.1", 5: "4.3", 8: "4.4",
                   10: "5.1", 11: "5.1", 13: "5.2", 12: "5.3", 15: "5.4", 14: "6.1"}


def beges_post(row: dict[str, Any]) -> str:
    """The BEGES v5 poste of a result row (its scope, category and activity path; docs/reports.md)."""
    activity, scope, category = str(row["activity"]), int(row["scope"]), row["category"]
    if scope == 1:
        if activity.startswith(("refrigerant.", "fugitive.")):
            return "1.4"
        if activity.startswith("process."):
            return "1.3"
        return "1.2" if activity.startswith(MOBILE_FUELS) else "1.1"
    if scope == 2:
        return "2.1" if activity.startswith("electricity.") else "2.2"
    if category == 6 and activity.startswith("hotel."):
        return "4.5"  # a night in a hotel is a purchased service, not a journey
    if category == 1 and "service" in activity:
        return "4.5"
    return SCOPE3_TO_BEGES.get(category, "6.1") if category is not None else "6.1"


def beges(m: ReportModel) -> Table:
    loc: dict[str, float] = {}
    mkt: dict[str, float] = {}
    for r in m.rows:
        post = beges_post(r)
        loc[post] = loc.get(post, 0.0) + r["co2e_kg"]
        mkt[post] = mkt.get(post, 0.0) + (r["co2e_market_kg"] if r["co2e_market_kg"] is not None else r["co2e_kg"])
    lines: list[Line] = []
    for cat, name in BEGES_CATEGORIES.items():
        posts = [p for p in BEGES_POSTS if p.startswith(f"{cat}.")]
        lines.append(Line(str(cat), f"Catégorie {cat} : {name}",
                          (_t(math.fsum(loc.get(p, 0.0) for p in posts)), _t(math.fsum(mkt.get(p, 0.0) for p in posts))),
                          kind="subtotal"))
        for p in posts:
            lines.append(Line(p, BEGES_POSTS[p], (None, None) if p not in loc else (_t(loc[p]), _t(mkt[p])), kind="detail"))
    lines.append(Line("total", "Total", (_t(math.fsum(loc.values())), _t(math.fsum(mkt.values()))), kind="total"))
    lines.append(Line("bio", "CO2 biogénique (hors total)", (_t(m.biogenic_co2_kg),) * 2, unit="t CO2", kind="memo"))
    return Table("beges", "BEGES réglementaire (France): bilan d'émissions de gaz à effet de serre",
                 "Code de l'environnement art. L229-25 and R229-45 to R229-50-1 (décret n° 2022-982 du 1er juillet "
                 "2022); Ministère de la Transition écologique / ADEME, « Méthode pour la réalisation des bilans "
                 "d'émissions de gaz à effet de serre », version 5 (juillet 2022), § 4.2.2: 6 catégories, 22 postes",
                 ("t CO2e (poste 2.1 location-based)", "t CO2e (poste 2.1 market-based)"), lines,
                 ["Poste of each row from its scope, scope 3 category and activity path (docs/reports.md): "
                  "fuels of vehicles (diesel, petrol, jet fuel...) in 1.2, other fuels in 1.1; cloud and other "
                  "services and hotel nights in 4.5; well-to-tank and upstream energy (scope 3 category 3) in 4.1.",
                  "A diesel generator's fuel lands in 1.2 by this rule: give such rows an activity of their own "
                  "or move them by hand."])


def all_tables(m: ReportModel) -> list[Table]:
    """Every standard table of the model: GHG Protocol (totals, then by gas), ESRS E1-6, ISO 14064-1, BEGES.

        >>> [t.key for t in all_tables(build_model(result))]
        [...]
    """
    return [ghg_protocol(m), ghg_protocol_gases(m), esrs_e1_6(m), iso_14064_1(m), beges(m)]
