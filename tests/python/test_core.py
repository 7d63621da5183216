"""The Python skeleton of the core: database, lookup, calculation, units, GWP and errors."""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import ghgkit

from conftest import REPO, SHARED_DATA


def _yaml_factor(path: Path, factor_id: str) -> dict:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    merged = dict(doc.get("defaults", {}))
    for f in doc["factors"]:
        if f["id"] == factor_id:
            merged.update(f)
            return merged
    raise KeyError(factor_id)


def test_france_12000_kwh_latest_year_with_provenance(db):
    e = db.calculate("electricity.grid", 12000, "kWh", region="FR")
    p = e.provenance
    # The default source for electricity.grid is the first of preferred_sources in the shipped YAML.
    activities = yaml.safe_load((REPO / "factors/electricity/activities.yaml").read_text())
    grid = next(a for a in activities["activities"] if a["path"] == "electricity.grid")
    assert p["source"]["id"] == grid["preferred_sources"][0]
    # Expected value read independently from the YAML file (g CO2e per kWh there).
    source_file = next((REPO / "factors/electricity").glob("*.yaml"), None)
    candidates = []
    for path in sorted((REPO / "factors/electricity").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text())
        for f in doc.get("factors", []):
            merged = {**doc.get("defaults", {}), **f}
            if merged.get("source") == p["source"]["id"] and merged["region"] in ("FR", "FRA") \
                    and merged["activity"] == "electricity.grid":
                candidates.append((merged["year"], merged, path))
    assert candidates and source_file
    year, factor, _ = max(candidates, key=lambda c: c[0])
    grams_per_unit = {"g": 1e-3, "kg": 1.0}[factor["mass_unit"]]
    expected_kg = 12000 * factor["values"]["CO2e"] * grams_per_unit
    assert e.co2e_kg == pytest.approx(expected_kg, rel=1e-12)
    assert p["year"] == year
    assert e.factor_id == factor["id"] == p["factor_id"]
    assert p["database_hash"] == db.content_hash and len(db.content_hash) == 64
    for key in ("publisher", "title", "year", "url", "licence"):
        assert p["source"][key], key
    assert p["gwp"] == "AR6"


@pytest.mark.skipif(not (SHARED_DATA / "codecarbon").is_dir(), reason="../shared/data not present")
def test_france_factor_matches_the_raw_owid_file(db):
    raw = json.loads((SHARED_DATA / "codecarbon/private_infra/global_energy_mix.json").read_text())["FRA"]
    e = db.calculate("electricity.grid", 12000, "kWh", region="FRA", source="owid-energy")
    assert e.provenance["year"] == raw["year"]
    assert e.co2e_kg == pytest.approx(12000 * raw["carbon_intensity"] / 1000, rel=1e-12)


def test_amount_in_kg_fails_naming_both_dimensions(db):
    with pytest.raises(ghgkit.UnitError) as info:
        db.calculate("electricity.grid", 12000, "kg", region="FR")
    assert "(mass)" in str(info.value) and "(energy)" in str(info.value)
    assert isinstance(info.value, ghgkit.Error) and isinstance(info.value, ValueError)


def test_duplicate_id_fails_with_file_and_line(tmp_path, db):
    f = tmp_path / "mine.yaml"
    f.write_text(
        "schema: ghgkit.factors/1\n"
        "defaults: {activity: electricity.grid, unit: kWh, mass_unit: kg, source: owid-energy, gwp: unspecified}\n"
        "factors:\n"
        "  - {id: my.fr, region: FR, year: 2024, values: {CO2e: 0.05}}\n"
        "  - {id: my.fr, region: FR, year: 2023, values: {CO2e: 0.06}}\n")
    with pytest.raises(ghgkit.FactorError) as info:
        db.layer(str(f))
    message = str(info.value)
    assert message.startswith(f"{f}:5:")
    assert "duplicate id 'my.fr'" in message and f"{f}:4:" in message


def test_user_layer_overrides_a_shipped_factor_and_says_so(tmp_path, db):
    shipped = db.find("electricity.grid", region="FR")
    f = tmp_path / "override.yaml"
    f.write_text(
        "schema: ghgkit.factors/1\n"
        "factors:\n"
        f"  - id: {shipped.id}\n"
        "    activity: electricity.grid\n    unit: MWh\n    mass_unit: kg\n    values: {CO2e: 50}\n"
        "    gwp: AR6\n    region: FR\n"
        f"    year: {shipped.year}\n    source: owid-energy\n    uncertainty: {{pct95: 10}}\n")
    mine = db.layer(str(f))
    assert len(db) == len(mine) and db.content_hash != mine.content_hash
    e = mine.calculate("electricity.grid", 12000, "kWh", region="FR")
    assert e.factor_id == shipped.id
    assert e.co2e_kg == pytest.approx(12 * 50)  # 12 MWh x 50 kg/MWh
    assert e.provenance["overrides"] and str(f) in e.provenance["factor_location"]
    assert e.uncertainty["low"] == pytest.approx(540) and e.uncertainty["high"] == pytest.approx(660)
    # The shipped database is unchanged.
    assert db.calculate("electricity.grid", 12000, "kWh", region="FR").provenance["overrides"] == []


def test_region_fallback_is_recorded_and_strict_refuses_it(db):
    # Monaco has no grid factor of its own in the shipped data; it falls back through its groups.
    e = db.calculate("electricity.grid", 1, "MWh", region="MC")
    steps = e.provenance["fallbacks"]
    assert steps and steps[0]["kind"] == "region" and steps[0]["from"] == "MC"
    with pytest.raises(ghgkit.FactorLookupError, match="strict"):
        db.calculate("electricity.grid", 1, "MWh", region="MC", strict=True)


def test_unknown_region_suggests_near_codes(db):
    with pytest.raises(ghgkit.FactorLookupError, match="unknown region 'FRX'"):
        db.calculate("electricity.grid", 1, "kWh", region="FRX")


def test_convert_uses_exact_definitions():
    assert ghgkit.convert(1, "MMBtu", "kWh") == pytest.approx(1055.05585262e6 / 3.6e6, rel=1e-15)
    assert ghgkit.convert(1, "US_gal", "L") == pytest.approx(3.785411784, rel=1e-15)
    assert ghgkit.convert(2.5, "t", "lb") == pytest.approx(2500 / 0.45359237, rel=1e-15)
    with pytest.raises(ghgkit.UnitError, match=r"did you mean 'kWh'"):
        ghgkit.convert(1, "kwh", "J")
    with pytest.raises(ghgkit.UnitError, match=r"money \(EUR\).*money \(USD\)"):
        ghgkit.convert(1, "EUR", "USD")


def test_gwp_sets_and_blends():
    assert ghgkit.gwp("CH4_fossil") == 29.8
    assert ghgkit.gwp("N2O", "AR5") == 265
    assert ghgkit.gwp("R-410A", "AR4") == pytest.approx(0.5 * 675 + 0.5 * 3500)
    with pytest.raises(ghgkit.FactorError, match="biogenic"):
        ghgkit.gwp("CO2_biogenic")


def test_batch_keeps_every_row_and_reconciles(db):
    activity = ["electricity.grid"] * 4 + ["no.such.activity"]
    amount = [1000.0, 2000.0, -1.0, math.nan, 10.0]
    r = db.calculate_batch(activity, amount, "kWh", region=["FR", "DE", "FR", "FR", "FR"])
    assert r["computed"] == [True, True, False, False, False]
    assert r["computed_rows"] + r["skipped_rows"] == 5
    assert r["total_co2e_kg"] == pytest.approx(sum(r["co2e_kg"][:2]))
    singles = [db.calculate("electricity.grid", a, "kWh", region=reg).co2e_kg for a, reg in ((1000, "FR"), (2000, "DE"))]
    assert r["co2e_kg"][:2] == pytest.approx(singles, rel=1e-15)
    assert "amount" in r["reason"][2] and "no factor for activity 'no.such.activity'" in r["reason"][4]


def test_factor_objects_carry_their_source(db):
    factors = db.factors(activity="electricity.grid", region="FR")
    assert factors and all(f.region == "FR" for f in factors)
    f = factors[0]
    assert f.source["licence"] and f.unit == "kWh" and "CO2e" in f.values


def test_cli_calc_csv_lists_skipped_rows_and_reconciles():
    out = subprocess.run([sys.executable, "-m", "ghgkit.cli", "calc", "--csv", str(REPO / "examples/quickstart.csv")],
                         capture_output=True, text=True, check=True).stdout
    assert "rows: 7 = 5 computed + 2 skipped" in out
    assert "cannot convert 'kg' (mass) to 'kWh' (energy)" in out
