"""Flights by airport from Python and the command line: the airport catalogue, the great-circle
distance (checked against a haversine written here), DEFRA's uplift and haul bands, errors."""
from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

import ghgkit

from conftest import REPO


@pytest.fixture(scope="module")
def db() -> ghgkit.FactorDatabase:
    return ghgkit.FactorDatabase.default()


def haversine_km(a: ghgkit.Airport, b: ghgkit.Airport) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def test_airports_by_iata_icao_and_any_case(db):
    lys = db.airport("LYS")
    assert (lys.iata, lys.icao, lys.country) == ("LYS", "LFLL", "FR")
    assert db.airport("lfll").id == lys.id == db.airport("airport.LYS").id
    assert lys.source["id"] == "airportsdata"
    assert len(db.airports(country="PT")) >= 3
    with pytest.raises(ghgkit.FactorLookupError, match="unknown airport 'QQQ'"):
        db.airport("QQQ")


def test_flight_between_non_uk_airports_is_international_with_the_uplift(db):
    leg = db.flight("LYS", "LIS", cabin="economy", passengers=3, round_trip=True)
    gc = haversine_km(db.airport("LYS"), db.airport("LIS"))
    assert leg["great_circle_km"] == pytest.approx(gc, rel=1e-12)
    assert leg["passenger_km"] == pytest.approx(gc * 1.08 * 2 * 3, rel=1e-12)
    assert (leg["activity"], leg["region"], leg["haul"]) == ("travel.air.international.economy.with_rf", "GB", "international")
    assert any("uplift 1.08" in step for step in leg["steps"])


def test_haul_bands_around_the_uk(db):
    assert db.flight("LHR", "EDI")["haul"] == "domestic"
    assert db.flight("LYS", "LHR", cabin="business")["activity"] == "travel.air.short_haul.business.with_rf"
    # London-New York: great circle ~5,540 km >= 3,700 km: long haul.
    assert db.flight("LHR", "JFK")["haul"] == "long_haul"
    assert db.flight("LHR", "JFK", radiative_forcing=False)["activity"] == "travel.air.long_haul.average.without_rf"


def test_flight_errors_name_the_field(db):
    with pytest.raises(ghgkit.InputError, match="field 'cabin': found 'first', expected a cabin with short_haul"):
        db.flight("LYS", "LHR", cabin="first")
    with pytest.raises(ghgkit.InputError, match="field 'passengers'"):
        db.flight("LYS", "LIS", passengers=0)
    with pytest.raises(ghgkit.InputError, match="field 'to'"):
        db.flight("LYS", "LFLL")


def test_cli_flight_prints_the_emissions_and_the_steps():
    done = subprocess.run([sys.executable, "-m", "ghgkit.cli", "flight", "LYS", "LIS", "--cabin", "economy",
                           "--round-trip", "--passengers", "2", "--json"],
                          cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    pkm = doc["flight"]["passenger_km"]
    # DEFRA 2025 international economy with RF: CO2 0.10849, CH4 0.00001 and N2O 0.00067 kg CO2e (AR5)
    # per passenger.km (IDs 21_316_3180_11_2/3/4); under AR6: CH4 x 27/28, N2O x 273/265.
    per_pkm = 0.10849 + 0.00001 / 28 * 27 + 0.00067 / 265 * 273
    assert doc["co2e_kg"] == pytest.approx(pkm * per_pkm, rel=1e-9)
    assert doc["provenance"]["factor_id"] == "defra-2025.travel.air.international.economy.with_rf.passenger_km"
    bad = subprocess.run([sys.executable, "-m", "ghgkit.cli", "flight", "LYS", "XXQ"], cwd=REPO,
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "unknown airport 'XXQ'" in bad.stderr
