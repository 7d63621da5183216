"""IPCC 2006 default fuel factors in factors/fuels/: the well-known CO2 defaults and the derived mass factors.

Natural gas 56,100, gas/diesel oil 74,100 and motor gasoline 69,300 kg CO2/TJ (IPCC 2006 Vol. 2 Table 1.4)
are quoted in the project's issue; they are written out here by hand.
"""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read the factor files")

FUELS = Path(__file__).resolve().parents[2] / "factors" / "fuels"


@functools.lru_cache(maxsize=None)
def factors(name: str) -> dict[str, dict]:
    d = yaml.safe_load((FUELS / name).read_text(encoding="utf-8"))
    defaults = d.get("defaults", {})
    return {f["id"]: {**defaults, **f} for f in d["factors"]}


def per_tj(activity: str) -> dict:
    found = [f for f in factors("ipcc2006_energy.yaml").values() if f["activity"] == activity]
    assert len(found) == 1, f"{activity}: {len(found)} per-TJ factors"
    return found[0]


@pytest.mark.parametrize("activity, co2", [
    ("fuel.natural_gas", 56100),
    ("fuel.diesel", 74100),
    ("fuel.motor_gasoline", 69300),
])
def test_well_known_co2_defaults(activity, co2):
    f = per_tj(activity)
    assert f["values"] == {"CO2": co2}
    assert f["unit"] == "TJ" and f["basis"] == "net_cv" and f["mass_unit"] == "kg"
    assert f["region"] == "WORLD" and f["year"] == 2006 and f["source"] == "ipcc-2006-gl-v2"
    assert "Table 1.4" in f["notes"]


def test_sector_factor_natural_gas_energy_industries():
    f = per_tj("fuel.natural_gas.stationary.energy_industries")
    assert f["values"] == {"CO2": 56100, "CH4": 1, "N2O": 0.1}
    assert "Table 2.2" in f["notes"]


def test_wood_is_biogenic():
    assert per_tj("fuel.wood")["values"] == {"CO2_biogenic": 112000}


def test_mass_factors_are_derived_with_the_ncv():
    ncv = {"fuel.natural_gas": 48.0, "fuel.diesel": 43.0, "fuel.motor_gasoline": 44.3}
    mass = {f["activity"]: f for f in factors("ipcc2006_mass_derived.yaml").values()}
    for activity, tj_per_gg in ncv.items():
        f = mass[activity]
        assert f["unit"] == "t" and "derived_ncv" in f["tags"] and "basis" not in f
        assert f["values"]["CO2"] == pytest.approx(per_tj(activity)["values"]["CO2"] * tj_per_gg / 1000)
        assert f"NCV {tj_per_gg}" in f["notes"]
    assert len(mass) == len(factors("ipcc2006_energy.yaml"))
