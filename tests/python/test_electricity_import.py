"""Electricity grid factors: the YAML in factors/electricity/ against the raw public files.

Every spot check reads the raw file itself (CSV/JSON of ../shared/data) and compares with the YAML, so a
wrong importer fails here. Region codes of the spot checks are written out by hand (ISO 3166) instead of
being derived with the importer's code. Later these checks will also go through the ghgkit Python API.
"""
from __future__ import annotations

import csv
import functools
import json

import pytest

from conftest import DATA, REPO, skip_module_without_raw_data, yaml_loader

yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read the factor files")

FACTORS = REPO / "factors" / "electricity"
skip_module_without_raw_data("the electricity factors cannot be compared with their raw files")


# ------------------------------------------------------------------------------------------------
# helpers


doc = yaml_loader(FACTORS)


@functools.lru_cache(maxsize=None)
def factors(name: str) -> dict[str, dict]:
    """Factors of a file by id, with the file's defaults applied."""
    d = doc(name)
    defaults = d.get("defaults", {})
    return {f["id"]: {**defaults, **f} for f in d.get("factors", [])}


def factor(name: str, fid: str) -> dict:
    found = factors(name)
    assert fid in found, f"{fid} missing from factors/electricity/{name}"
    return found[fid]


def regions_of(name: str, source: str | None = None) -> set[str]:
    return {f["region"] for f in factors(name).values() if source is None or f["source"] == source}


def raw_json(rel: str):
    return json.loads((DATA / rel).read_text(encoding="utf-8"))


def raw_csv(rel: str) -> list[list[str]]:
    with (DATA / rel).open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


def raw_dicts(rel: str, skip: int = 0) -> list[dict[str, str]]:
    rows = raw_csv(rel)[skip:]
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def grid(f: dict, *, unit="kWh", mass_unit="g", basis: str | None = None) -> None:
    assert f["activity"] == "electricity.grid"
    assert f["unit"] == unit and f["mass_unit"] == mass_unit
    assert "location_based" in f["tags"]
    if basis:
        assert basis in f["tags"]


ALL_FILES = sorted(p.name for p in FACTORS.glob("*.yaml"))
FACTOR_FILES = [n for n in ALL_FILES if n != "activities.yaml"]


# ------------------------------------------------------------------------------------------------
# spot checks, one or more per source dataset


@pytest.mark.parametrize("iso3, alpha2", [("FRA", "FR"), ("SWE", "SE"), ("NOR", "NO"), ("ESH", "EH")])
def test_owid_codecarbon_country(iso3, alpha2):
    rec = raw_json("codecarbon/private_infra/global_energy_mix.json")[iso3]
    f = factor("owid_energy.yaml", f"owid-energy.electricity.grid.{alpha2}.{rec['year']}")
    grid(f, basis="lifecycle")
    assert f["region"] == alpha2 and f["year"] == rec["year"]
    assert f["values"] == {"CO2e": rec["carbon_intensity"]}
    assert f["gwp"] == "unspecified" and f["source"] == "owid-energy"


def test_owid_codecarbon_zero_and_count():
    raw = raw_json("codecarbon/private_infra/global_energy_mix.json")
    assert raw["CAF"]["carbon_intensity"] == 0
    assert "CF" not in regions_of("owid_energy.yaml")  # a lifecycle intensity of 0 is impossible: skipped
    usable = [k for k, v in raw.items() if v.get("carbon_intensity")]
    assert len(factors("owid_energy.yaml")) == len(usable) == 212


def test_owid_carbontracker_row():
    row = next(r for r in raw_dicts("carbontracker/carbon-intensities.csv") if r["Code"] == "DEU")
    f = factor("owid_carbontracker.yaml", f"owid-carbontracker.electricity.grid.{row['alpha-2']}.{row['Year']}")
    grid(f, basis="lifecycle")
    assert f["values"]["CO2e"] == float(row["Carbon intensity of electricity (gCO2/kWh)"])


@pytest.mark.parametrize("code, alpha2, year", [("SWE", "SE", "2020"), ("FRA", "FR", "2000"), ("GBR", "GB", "2019")])
def test_eea_by_year(code, alpha2, year):
    rows = raw_dicts("codecarbon/private_infra/2020/eu-carbon-intensity-electricity.csv")
    row = next(r for r in rows if r["Code"] == code and r["Year"] == year)
    f = factor("eea_codecarbon.yaml", f"eea-codecarbon.electricity.grid.{alpha2}.{year}")
    grid(f, basis="direct")
    assert f["values"] == {"CO2e": float(row["Carbon intensity of electricity (gCO2/kWh)"])}
    assert f["year"] == int(year)


def test_eea_aggregates_skipped_all_years_kept():
    rows = raw_dicts("codecarbon/private_infra/2020/eu-carbon-intensity-electricity.csv")
    countries = [r for r in rows if r["Code"]]
    assert len(factors("eea_codecarbon.yaml")) == len(countries) == 588
    assert not any(r.startswith("EU") for r in regions_of("eea_codecarbon.yaml"))
    assert {f["year"] for f in factors("eea_codecarbon.yaml").values()} == set(range(2000, 2021))


@pytest.mark.parametrize("zone, year, region", [("AUS-NSW", "2017", "AUS-NSW"), ("IT-NO", "2015", "EM-IT-NO"),
                                                ("US-CAL-CISO", "2021", "US-CAL-CISO"), ("AUS-TAS", "2020", "AUS-TAS")])
def test_electricitymaps_zone_year(zone, year, region):
    row = next(r for r in raw_dicts("mlco2-impact/2021-10-27yearly_averages.csv")
               if r["zone_key"] == zone and r["year"] == year)
    f = factor("electricitymaps_2021.yaml", f"electricitymaps-2021.electricity.grid.{region}.{year}")
    grid(f, basis="lifecycle")
    assert f["values"] == {"CO2e": float(row["carbon_intensity_avg"])}
    assert f"hours with data: {row['no_hours_with_data']}" in f["notes"]


def test_electricitymaps_keeps_every_zone_year_with_a_value():
    rows = raw_dicts("mlco2-impact/2021-10-27yearly_averages.csv")
    usable = [r for r in rows if r["carbon_intensity_avg"]]
    assert len(rows) == 642 and len(factors("electricitymaps_2021.yaml")) == len(usable) == 619
    assert "electricitymaps-2021.electricity.grid.JP-CB.2020" not in factors("electricitymaps_2021.yaml")  # empty
    few = factor("electricitymaps_2021.yaml", "electricitymaps-2021.electricity.grid.US-FLA-HST.2020")
    assert few["values"] == {"CO2e": 0.32} and few["notes"].startswith("hours with data: 1;")  # kept, flagged


@pytest.mark.parametrize("zone, region", [("SE3", "SE-SE3"), ("NO4", "NO-NO4"), ("FI", "FI")])
def test_nordic_zone(zone, region):
    rec = raw_json("codecarbon/private_infra/nordic_emissions.json")["data"][zone]
    f = factor("codecarbon_nordic.yaml", f"codecarbon-nordic.electricity.grid.{region}.{rec['year']}")
    grid(f)
    assert f["values"] == {"CO2e": rec["emission_factor"]}
    assert "lifecycle" not in f["tags"] and "direct" not in f["tags"]  # basis not documented


@pytest.mark.parametrize("state, region", [("california", "US-CA"), ("vermont", "US-VT"), ("usa", "US")])
def test_egrid_state_co2(state, region):
    raw = raw_json("codecarbon/private_infra/2016/usa_emissions.json")
    assert raw["_unit"]["emissions"] == "lbs/MWh"
    f = factor("egrid2016_codecarbon.yaml", f"egrid2016-codecarbon.electricity.grid.{region}.2016")
    grid(f, unit="MWh", mass_unit="lb", basis="direct")
    assert f["values"] == {"CO2": raw[state]["emissions"]}  # eGRID2016 CO2 rate, not CO2e
    assert "gwp" not in f


@pytest.mark.parametrize("name, region", [("FRA", "FR"), ("WOR", "WORLD")])
def test_ecologits_gwp_column(name, region):
    row = next(r for r in raw_dicts("ecologits/electricity_mixes.csv") if r["name"] == name)
    matches = [f for f in factors("owid_ecologits.yaml").values() if f["region"] == region]
    assert len(matches) == 1
    f = matches[0]
    grid(f, mass_unit="kg", basis="lifecycle")
    assert f["values"] == {"CO2e": float(row["gwp"])}


@pytest.mark.parametrize("location, region, year, basis", [
    ("CA-MT", "CA-MB", 2019, "direct"),      # Manitoba: not ISO in the raw file
    ("GB", "GB", 2019, "direct"),            # 'using 2019/20 data'
    ("AT", "AT", 2020, "direct"),            # AIB production mix
    ("IL", "IL", 2022, "lifecycle"),         # Electricity Maps, April 2022
    ("WORLD", "WORLD", 2019, "direct"),
])
def test_green_algorithms_row(location, region, year, basis):
    row = next(r for r in raw_dicts("green-algorithms/CI_aggregated.csv", skip=1) if r["location"] == location)
    f = factor("green_algorithms.yaml", f"green-algorithms.electricity.grid.{region}.{year}")
    grid(f, basis=basis)
    assert f["values"] == {"CO2e": float(row["carbonIntensity"])}
    assert row["source"] in f["notes"]


def test_green_algorithms_skips_and_no_residual_mix():
    rows = raw_dicts("green-algorithms/CI_aggregated.csv", skip=1)
    aib = [r for r in rows if "AIB" in r["source"]]
    assert aib and all(r["comments"] == "Production mix factor" for r in aib)
    regions = regions_of("green_algorithms.yaml")
    for loc in ("TW", "CN-HK", "CN-HK2", "AU-NT2", "AU-WA1", "AU-WA2", "CA-MT"):
        assert loc not in regions
    assert not any(f["activity"] == "electricity.residual_mix"
                   for n in FACTOR_FILES for f in factors(n).values())


@pytest.mark.parametrize("source_text, source_id, iso3, alpha2", [
    ("ADEME Base IMPACTS ®", "boavizta-ademe-base-impacts", "FRA", "FR"),
    ("https://ember-climate.org/data/data-explorer", "boavizta-ember", "GBR", "GB"),
    ("https://www.sciencedirect.com/science/article/pii/S0306261921012149", "boavizta-jrc-scarlat", "DEU", "DE"),
    ("ADEME Base IMPACTS ®", "boavizta-ademe-base-impacts", "WOR", "WORLD"),
])
def test_boavizta_gwp_rows(source_text, source_id, iso3, alpha2):
    row = next(r for r in raw_dicts("boaviztapi/crowdsourcing/electrical_mix.csv")
               if r["name"] == "gwp" and r["source"] == source_text)
    f = factor("boavizta.yaml", f"{source_id}.electricity.grid.{alpha2}.{row['reference_year']}")
    grid(f, mass_unit="kg", basis="lifecycle")
    assert f["source"] == source_id
    assert f["values"] == {"CO2e": float(row[iso3])}


def test_boavizta_aggregates_and_derived_average_skipped():
    assert "EEE" not in regions_of("boavizta.yaml")
    world = [f for f in factors("boavizta.yaml").values() if f["region"] == "WORLD"]
    assert [f["source"] for f in world] == ["boavizta-ademe-base-impacts"]  # the CSV-average row is not imported


@pytest.mark.parametrize("key, activity, source, gas, year", [
    ("coal", "electricity.generation.coal", "energyusage-2019", "CO2", 2019),
    ("petroleum", "electricity.generation.oil", "energyusage-2019", "CO2", 2019),
    ("hydroelectricity", "electricity.generation.hydro", "wna-2011", "CO2e", 2011),
    ("nuclear", "electricity.generation.nuclear", "wna-2011", "CO2e", 2011),
    ("world_average", "electricity.grid", "iea-gecsr-2019", "CO2", 2018),
])
def test_codecarbon_per_source(key, activity, source, gas, year):
    raw = raw_json("codecarbon/private_infra/carbon_intensity_per_source.json")
    f = factor("codecarbon_generation.yaml", f"{source}.{activity}.WORLD.{year}")
    assert f["activity"] == activity and f["source"] == source
    assert f["unit"] == "kWh" and f["mass_unit"] == "g"
    assert f["values"] == {gas: raw[key]}


def test_carbontracker_equals_codecarbon_owid():
    """Both files are OWID's data: every country they share must have the same year and value."""
    a = {f["region"]: (f["year"], f["values"]["CO2e"]) for f in factors("owid_energy.yaml").values()}
    b = {f["region"]: (f["year"], f["values"]["CO2e"]) for f in factors("owid_carbontracker.yaml").values()}
    shared = set(a) & set(b)
    assert len(shared) == len(b) == 188
    assert all(abs(a[r][1] - b[r][1]) < 0.01 and a[r][0] == b[r][0] for r in shared)


# ------------------------------------------------------------------------------------------------
# structure of every file


def test_every_file_is_valid_and_ids_are_unique():
    seen: set[str] = set()
    for name in FACTOR_FILES:
        d = doc(name)
        assert d["schema"] == "ghgkit.factors/1"
        source_ids = {s["id"] for s in d["sources"]}
        for s in d["sources"]:
            for key in ("id", "publisher", "title", "year", "url", "licence", "retrieved"):
                assert s.get(key), f"{name}: source {s.get('id')} lacks {key}"
        for fid, f in factors(name).items():
            assert fid not in seen, f"duplicate id {fid}"
            seen.add(fid)
            assert fid == f"{f['source']}.{f['activity']}.{f['region']}.{f['year']}"
            assert f["source"] in source_ids
            assert isinstance(f["year"], int) and 1900 <= f["year"] <= 2100
            assert isinstance(f["region"], str) and f["region"]  # "NO" must stay a string, not False
            assert f["values"] and all(isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0
                                       for v in f["values"].values())
            if "CO2e" in f["values"]:
                assert f.get("gwp") in {"AR4", "AR5", "AR6", "unspecified"}
            assert {"lifecycle", "direct"} & set(f["tags"]) or f["source"] == "codecarbon-nordic"


def test_activities_prefer_every_grid_source():
    acts = {a["path"]: a for a in doc("activities.yaml")["activities"]}
    assert acts["electricity"]["dimensions"] == ["energy"] and acts["electricity"]["scope"] == 2
    preferred = acts["electricity.grid"]["preferred_sources"]
    grid_sources = {f["source"] for n in FACTOR_FILES for f in factors(n).values() if f["activity"] == "electricity.grid"}
    assert set(preferred) == grid_sources and len(preferred) == len(grid_sources)
    assert preferred[0] == "owid-energy"
