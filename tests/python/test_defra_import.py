"""DESNZ/Defra 2025 factors: the YAML in factors/defra/ against the raw flat-file CSVs.

Every spot check finds its rows in defra-2025/scope_3.csv (or out_of_scope.csv) by their category path,
then compares the numbers with the YAML, so a wrong importer fails here. Activity paths, ids and region
codes are written out by hand instead of being derived with the importer's code.
"""
from __future__ import annotations

import csv
import functools

import pytest

from conftest import DATA, REPO, skip_module_without_raw_data, yaml_loader

yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read the factor files")

FACTORS = REPO / "factors" / "defra"
skip_module_without_raw_data("the DEFRA factors cannot be compared with their raw file",
                             DATA / "defra-2025" / "scope_3.csv")

VALUE = "GHG Conversion Factor 2025"
GWP_AR5 = {"CO2": 1, "CH4": 28, "N2O": 265}
FACTOR_FILES = sorted(p.name for p in FACTORS.glob("*.yaml") if p.name not in ("activities.yaml", "sources.yaml"))


# ------------------------------------------------------------------------------------------------
# helpers


@functools.lru_cache(maxsize=None)
def raw(name: str = "scope_3.csv") -> list[dict[str, str]]:
    with (DATA / "defra-2025" / name).open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def rows(*levels: str, column: str = "", uom: str, name: str = "scope_3.csv") -> dict[str, float]:
    """GHG/Unit -> value of the rows with this Level 1-4 path (missing levels empty), Column Text and UOM."""
    want = list(levels) + [""] * (4 - len(levels))
    found = {r["GHG/Unit"]: r[VALUE] for r in raw(name)
             if [r["Level 1"], r["Level 2"], r["Level 3"], r["Level 4"]] == want
             and r["Column Text"] == column and r["UOM"] == uom}
    assert found, f"no raw rows for {levels} / {column!r} / {uom}"
    return {k: float(v) for k, v in found.items()}


doc = yaml_loader(FACTORS)


@functools.lru_cache(maxsize=None)
def all_factors() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for name in FACTOR_FILES:
        d = doc(name)
        defaults = d.get("defaults", {})
        for f in d.get("factors", []):
            assert f["id"] not in out, f"duplicate id {f['id']}"
            out[f["id"]] = {**defaults, **f, "_file": name}
    return out


def factor(fid: str) -> dict:
    found = all_factors()
    assert fid in found, f"{fid} missing from factors/defra"
    return found[fid]


def common(f: dict, *, activity: str, unit: str, region: str = "GB", basis: str | None = None) -> None:
    assert f["activity"] == activity
    assert f["unit"] == unit and f["mass_unit"] == "kg"
    assert f["region"] == region and f["year"] == 2025 and f["source"] == "desnz-defra-2025"
    assert f.get("basis") == basis


def co2e_only(f: dict, raw_rows: dict[str, float]) -> None:
    assert set(raw_rows) == {"kg CO2e"}
    assert f["values"] == {"CO2e": raw_rows["kg CO2e"]}
    assert f["gwp"] == "AR5"


def per_gas(f: dict, raw_rows: dict[str, float]) -> None:
    """The per-gas split: gas masses are DEFRA's CO2e parts divided by the AR5 GWP100."""
    v = f["values"]
    assert set(v) == {"CO2", "CH4", "N2O", "CO2e"}
    assert v["CO2e"] == raw_rows["kg CO2e"] and f["gwp"] == "AR5"
    for gas, gwp in GWP_AR5.items():
        part = raw_rows[f"kg CO2e of {gas} per unit"]
        assert v[gas] == pytest.approx(part / gwp, rel=1e-9, abs=1e-15), gas
    # the parts add up to the total within the rounding of the printed figures
    assert sum(v[g] * w for g, w in GWP_AR5.items()) == pytest.approx(v["CO2e"], abs=2e-5)


# ------------------------------------------------------------------------------------------------
# spot checks


def test_wtt_fuel_net_cv():
    f = factor("defra-2025.fuel.wtt.natural_gas.kwh.net_cv")
    common(f, activity="fuel.wtt.natural_gas", unit="kWh", basis="net_cv")
    co2e_only(f, rows("WTT- fuels", "Gaseous fuels", "Natural gas", uom="kWh (Net CV)"))
    assert "wtt" in f["tags"]


def test_wtt_fuel_gross_cv_and_mass():
    f = factor("defra-2025.fuel.wtt.diesel_average_biofuel_blend.kwh.gross_cv")
    common(f, activity="fuel.wtt.diesel_average_biofuel_blend", unit="kWh", basis="gross_cv")
    co2e_only(f, rows("WTT- fuels", "Liquid fuels", "Diesel (average biofuel blend)", uom="kWh (Gross CV)"))
    f = factor("defra-2025.fuel.wtt.diesel_average_biofuel_blend.tonne")
    common(f, activity="fuel.wtt.diesel_average_biofuel_blend", unit="t")
    co2e_only(f, rows("WTT- fuels", "Liquid fuels", "Diesel (average biofuel blend)", uom="tonnes"))


@pytest.mark.parametrize("column, rf", [("With RF", "with_rf"), ("Without RF", "without_rf")])
def test_air_per_gas_split(column, rf):
    f = factor(f"defra-2025.travel.air.short_haul.economy.{rf}.passenger_km")
    common(f, activity=f"travel.air.short_haul.economy.{rf}", unit="passenger.km")
    per_gas(f, rows("Business travel- air", "Flights", "Short-haul, to/from UK", "Economy class", column=column,
                    uom="passenger.km"))
    assert f["tags"] == [rf]


def test_air_rf_uplift_is_on_co2():
    with_rf = factor("defra-2025.travel.air.long_haul.business.with_rf.passenger_km")["values"]
    without = factor("defra-2025.travel.air.long_haul.business.without_rf.passenger_km")["values"]
    assert with_rf["CO2"] / without["CO2"] == pytest.approx(1.7, rel=1e-3)
    assert with_rf["CH4"] == without["CH4"] and with_rf["N2O"] == without["N2O"]


def test_td_losses_per_gas():
    f = factor("defra-2025.electricity.td_losses.kwh")
    common(f, activity="electricity.td_losses", unit="kWh")
    per_gas(f, rows("Transmission and distribution", "T&D- UK electricity", "Electricity: UK", "kWh", uom="kWh"))
    assert f["scope"] == 3 and f["category"] == 3


def test_freight_hgv_tonne_km():
    f = factor("defra-2025.freight.hgv.all_hgvs.laden_average.tonne_km")
    common(f, activity="freight.hgv.all_hgvs.laden_average", unit="tonne.km")
    per_gas(f, rows("Freighting goods", "HGV (all diesel)", "All HGVs", column="Average laden", uom="tonne.km"))


def test_sea_freight_size_with_lost_dash():
    # the mirror lost DEFRA's en dash ('120,000\ufffd199,999 dwt'); the size becomes 120000_199999_dwt
    f = factor("defra-2025.freight.sea.crude_tanker.120000_199999_dwt.tonne_km")
    level4 = next(r["Level 4"] for r in raw() if r["Level 3"] == "Crude tanker" and r["Level 4"].startswith("120,000"))
    per_gas(f, rows("Freighting goods", "Sea tanker", "Crude tanker", level4, uom="tonne.km"))


def test_rail_passenger_km():
    f = factor("defra-2025.travel.rail.national.passenger_km")
    common(f, activity="travel.rail.national", unit="passenger.km")
    per_gas(f, rows("Business travel- land", "Rail", "National rail", uom="passenger.km"))


@pytest.mark.parametrize("name, region, fid", [
    ("France", "FR", "defra-2025.hotel.stay.FR.room_night"),
    ("Korea", "KR", "defra-2025.hotel.stay.KR.room_night"),
    ("Hong Kong, China", "HK", "defra-2025.hotel.stay.HK.room_night"),
    ("UK", "GB", "defra-2025.hotel.stay.room_night"),
])
def test_hotel_by_country(name, region, fid):
    f = factor(fid)
    common(f, activity="hotel.stay", unit="room.night", region=region)
    co2e_only(f, rows("Hotel stay", "Hotel stay", name, uom="Room per night"))


def test_hotel_london_and_blank_countries():
    f = factor("defra-2025.hotel.stay.london.room_night")
    common(f, activity="hotel.stay.london", unit="room.night", region="GB")
    co2e_only(f, rows("Hotel stay", "Hotel stay", "UK (London)", uom="Room per night"))
    # Argentina has no value in the 2025 file: skipped, not written as zero
    argentina = [r for r in raw() if r["Level 1"] == "Hotel stay" and r["Level 3"] == "Argentina"]
    assert argentina and all(r[VALUE] == "" for r in argentina)
    assert not any(f["region"] == "AR" for f in all_factors().values())


def test_material_and_waste():
    f = factor("defra-2025.material.plastics_pet.primary.tonne")
    common(f, activity="material.plastics_pet.primary", unit="t")
    co2e_only(f, rows("Material use", "Plastic", "Plastics: PET (incl. forming)", column="Primary material production",
                      uom="tonnes"))
    f = factor("defra-2025.waste.paper.landfill.tonne")
    common(f, activity="waste.paper.landfill", unit="t")
    co2e_only(f, rows("Waste disposal", "Paper", "Paper and board: paper", column="Landfill", uom="tonnes"))


def test_water_and_homeworking():
    f = factor("defra-2025.water.supply.m3")
    common(f, activity="water.supply", unit="m3")
    co2e_only(f, rows("Water supply", "Water supply", "Water supply", uom="cubic metres"))
    f = factor("defra-2025.homeworking.fte_hour")
    common(f, activity="homeworking", unit="h")
    co2e_only(f, rows("Homeworking", "Homeworking (office equipment + heating)", uom="per FTE Working Hour"))


def test_outside_of_scopes_biogenic():
    f = factor("defra-2025.fuel.wood_pellets.outside_of_scopes.tonne")
    common(f, activity="fuel.wood_pellets.outside_of_scopes", unit="t")
    r = rows("Outside of scopes", "Biomass", "Wood pellets", uom="tonnes", name="out_of_scope.csv")
    assert f["values"] == {"CO2_biogenic": r["kg CO2e of CO2 per unit"]}
    assert "gwp" not in f and set(f["tags"]) == {"biogenic", "outside_of_scopes"}


# ------------------------------------------------------------------------------------------------
# whole-file properties


def test_no_per_mile_factor_and_miles_match_km():
    assert not any(f["unit"] == "mi" for f in all_factors().values())
    km = rows("Business travel- land", "Cars (by size)", "Average car", column="Diesel", uom="km")
    mi = rows("Business travel- land", "Cars (by size)", "Average car", column="Diesel", uom="miles")
    assert mi["kg CO2e"] == pytest.approx(km["kg CO2e"] * 1.609344, abs=5e-5)


def test_every_value_is_a_number_and_ids_unique():
    seen = all_factors()
    assert len(seen) > 1000
    for f in seen.values():
        for gas, v in f["values"].items():
            assert isinstance(v, (int, float)) and not isinstance(v, bool), (f["id"], gas, v)


def test_source_entry():
    src = doc("sources.yaml")["sources"]
    assert [s["id"] for s in src] == ["desnz-defra-2025"]
    s = src[0]
    assert s["licence"] == "OGL-UK-3.0" and s["year"] == 2025
    assert "scope3emissiontest-oss/JulesProject@0c3571d4d23ab7ead2c2b2fb1bf212a6d90d2b81" in s["retrieved"]
    assert s["url"].startswith("https://www.gov.uk/")
