"""Notebook display: the HTML tables (`_repr_html_`) show each object's own figures and escape text."""
from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

import ghgkit
from ghgkit import digital, display, grid

from conftest import REPO

SERIES = REPO / "examples" / "grid" / "synthetic_two_zones.csv"
NOW, DEADLINE = "2024-10-26T18:00:00+02:00", "2024-10-28T18:00:00+01:00"


def shown(value: float) -> str:
    """A figure as the tables print it: six significant digits with a thousands separator."""
    return format(value, ",.6g")


def tonnes(kg: float) -> str:
    return shown(ghgkit.convert(kg, "kg", "t"))


class _Balance(HTMLParser):
    """Checks that every element opened is closed, in order (void elements aside)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>"
        self.stack.pop()


def well_formed(html: str) -> str:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    assert "<script" not in html and "http" not in html.split("<details")[0]  # no resource in the table
    return html


@pytest.fixture(scope="module")
def lyon() -> ghgkit.InventoryResult:
    return ghgkit.Inventory.load(REPO / "examples" / "lyon" / "inventory.yaml").compute()


@pytest.fixture(scope="module")
def series() -> grid.IntensitySeries:
    return grid.IntensitySeries.from_csv(SERIES)


def test_import_attaches_repr_html_to_the_result_classes():
    for cls in (ghgkit.Emission, ghgkit.InventoryResult, digital.Footprint, digital.SciScore,
                grid.IntensitySeries, grid.EmissionsResult, grid.WindowPlan, grid.RegionPlan):
        assert callable(getattr(cls, "_repr_html_", None)), cls.__name__


def test_emission_html_shows_its_co2e_gases_factor_and_source(db):
    e = db.calculate("fuel.diesel", 1000, "L")
    html = well_formed(e._repr_html_())
    assert f"{shown(e.co2e_kg)} kg (AR6)" in html
    for gas, kg in e.gases_kg.items():
        assert f">{gas}</th>" in html and f"{shown(kg)} kg" in html
    assert e.factor_id in html
    assert e.provenance["source"]["publisher"] in html
    # The factor states no uncertainty: said so, never shown as zero.
    assert e.uncertainty is None and "unknown" in html


def test_inventory_html_shows_every_total_in_tonnes_and_the_row_counts(lyon):
    html = well_formed(lyon._repr_html_())
    for scope in (1, 3):
        assert tonnes(lyon.total_kg(scope=scope)) in html
    assert re.search(r"Scope 2, location-based</th><td[^>]*>" + re.escape(tonnes(lyon.total_kg(scope=2))), html)
    assert re.search(r"Scope 2, market-based</th><td[^>]*>" +
                     re.escape(tonnes(lyon.total_kg(scope=2, scope2="market"))), html)
    assert tonnes(lyon.total_kg()) in html and tonnes(lyon.total_kg(scope2="market")) in html
    for category, name in ((1, "Purchased goods and services"), (6, "Business travel"), (7, "Employee commuting")):
        assert f"category {category}: {name}" in html
        assert tonnes(lyon.total_kg(scope=3, category=category)) in html
    assert "category 4:" not in html  # only the categories that have rows
    assert (f"{lyon.input_rows} input = {lyon.computed_input_rows} computed + {len(lyon.skipped)} skipped"
            in html)
    assert "skipped rows (1)" in html and "travel.rail.natoinal" in html
    assert f"warnings ({len(lyon.warnings)})" in html


def test_inventory_html_escapes_the_organisation_and_the_skipped_reason(tmp_path: Path):
    (tmp_path / "inventory.yaml").write_text(
        "schema: ghgkit.inventory/1\n"
        "organisation: \"<b>Dupont & Fils</b> 'SA'\"\n"
        "year: 2024\n"
        "region: FR\n"
        "entities: [{id: hq}]\n"
        "activities:\n"
        "  - {entity: hq, activity: electricity.grid, amount: 1000, unit: kWh}\n"
        "  - {id: \"<i>x</i>\", entity: hq, activity: \"no.such<script>\", amount: 1, unit: kWh}\n",
        encoding="utf-8")
    result = ghgkit.Inventory.load(tmp_path / "inventory.yaml").compute()
    html = well_formed(result._repr_html_())
    assert "&lt;b&gt;Dupont &amp; Fils&lt;/b&gt; &#x27;SA&#x27;" in html
    assert "<b>" not in html and "<script" not in html and "&lt;script&gt;" in html
    assert tonnes(result.total_kg()) in html


def test_footprint_html_shows_energy_co2e_parts_range_and_figures():
    day = digital.inference("meta-llama/Meta-Llama-3.1-70B-Instruct", output_tokens=400, requests=1000, region="FR")
    html = well_formed(day._repr_html_())
    assert html.startswith('<div class="ghgkit-result"><strong>Footprint</strong>')
    for label, value in (("energy", day.energy_kwh), ("CO2e (location-based)", day.co2e_kg),
                         ("operational", day.operational_kg), ("embodied", day.embodied_kg)):
        assert re.search(re.escape(label) + r"</th><td[^>]*>" + re.escape(shown(value)), html), label
    assert day.low is not None and f"{shown(day.low)} .. {shown(day.high)} kg" in html
    assert f"figures used ({len(day.provenance['figures'])})" in html
    assert html.count("<li>") == len(day.provenance["steps"]) + len(day.provenance["warnings"])


def test_footprint_html_of_a_subclass_adds_its_own_figures():
    score = digital.sci(energy_kwh=2.4, intensity_kg_per_kwh=0.056, embodied_kg=0.05, functional_units=10000)
    html = well_formed(score._repr_html_())
    assert "<strong>SciScore</strong>" in html
    assert f"{shown(score.score_kg_per_unit)} kg CO2e per functional unit" in html
    assert "market-based" not in html and "range" not in html  # None figures are left out


def test_grid_html_shows_the_series_the_plans_and_the_unpriced_hours(series):
    html = well_formed(series._repr_html_())
    for zone in series.zones:
        assert f">{zone}</th>" in html and shown(series.average_g_per_kwh(zone)) in html
    assert "gaps (never filled) (1)" in html

    plan = series.best_window(5, 6, NOW, DEADLINE, zone="SYNTH-HIGH")
    html = well_formed(plan._repr_html_())
    assert plan.start.isoformat() in html and f"{shown(plan.co2e_kg)} kg" in html
    assert f"{shown(plan.saving_kg)} kg ({shown(plan.saving_pct)} %)" in html

    regions = series.best_region(["SYNTH-HIGH", "SYNTH-LOW"], 5, 6, NOW, DEADLINE)
    html = well_formed(regions._repr_html_())
    assert f"Best: {regions.best.zone}" in html and shown(regions.saving_kg) in html

    # Five hours across the gap of SYNTH-HIGH (2024-10-28 11:00 UTC): one is unpriced and listed.
    start = grid.parse_time("2024-10-28T09:00:00Z")
    result = series.emissions({start + timedelta(hours=h): 6.0 for h in range(5)}, zone="SYNTH-HIGH")
    html = well_formed(result._repr_html_())
    assert f"{shown(result.co2e_kg)} kg" in html and "1 hours, 6 kWh" in html
    assert "2024-10-28T11:00:00+00:00: 6 kWh (in a gap)" in html


def test_display_functions_are_public_and_return_the_same_html(lyon):
    assert display.inventory_html(lyon) == lyon._repr_html_()
    assert set(display.SCOPE3_CATEGORIES) == set(range(1, 16))
