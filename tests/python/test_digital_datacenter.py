"""ghgkit.digital.datacenter from Python: the equipment inventory and the hour-matched market-based method,
the same hand-worked cases as tests/cpp/digital/test_datacenter.cpp; the signature of before still works."""
from __future__ import annotations

import pytest

import ghgkit
from ghgkit import digital, grid

RAM_MEAN = 13.688 / 11
SSD_MEAN = 1042.8 / 19
# Dell R740 manufacturing (tests/python/test_digital_server_embodied.py), lifetime 35,040 h.
DELL = (2 * (24 * 24.5 * 0.0197 + 9.14) + 12 * (32 / RAM_MEAN * 2.2 + 5.22) + (400 / SSD_MEAN * 2.2 + 6.34) + 66.1
        + 6.68 + 2 * 2.99 * 24.3 + 150)

EQUIPMENT = [
    {"name": "web", "count": 20, "idle_w": 120, "max_w": 400, "utilization": 0.3, "hours": 8760,
     "archetype": "dellR740"},
    {"name": "storage", "count": 4, "power_w": 350, "hours": 8760, "embodied_kg": 1500, "lifetime_h": 43800},
]


def test_the_signature_of_before_still_works():
    # 500,000 kWh x 1.4 x 0.05 = 35,000 kg.
    dc = digital.datacenter(500_000, 1.4, intensity_kg_per_kwh=0.05)
    assert dc.co2e_kg == pytest.approx(35_000, rel=1e-12)
    assert dc.it_energy_kwh == 500_000
    assert dc.cfe_score is None
    assert dc.equipment == []


def test_equipment_inventory():
    # web 20 x (120 + 0.3 x 280) W x 8760 h = 35,740.8 kWh; storage 4 x 350 W x 8760 h = 12,264 kWh;
    # IT 48,004.8 kWh x 1.25 = 60,006 kWh x 0.05 = 3,000.3 kg. Embodied 20 x DELL x 8760 / 35040 = 5 x DELL, and
    # 4 x 1500 x 8760 / 43800 = 1200 kg.
    dc = digital.datacenter(pue=1.25, intensity_kg_per_kwh=0.05, equipment=EQUIPMENT)
    assert dc.it_energy_kwh == pytest.approx(48_004.8, rel=1e-12)
    assert dc.operational_kg == pytest.approx(3_000.3, rel=1e-12)
    assert dc.embodied_kg == pytest.approx(5 * DELL + 1200, rel=1e-12)
    assert dc.co2e_kg == pytest.approx(3_000.3 + 5 * DELL + 1200, rel=1e-12)
    assert dc.low < dc.co2e_kg < dc.high
    assert [e["name"] for e in dc.equipment] == ["web", "storage"]
    assert dc.equipment[1]["embodied_kg"] == pytest.approx(1200, rel=1e-12)


def test_equipment_errors():
    with pytest.raises(ghgkit.InputError, match="either it_energy_kwh or an equipment inventory, not both"):
        digital.datacenter(1000, 1.25, intensity_kg_per_kwh=0.05, equipment=EQUIPMENT)
    with pytest.raises(ghgkit.InputError, match=r"field 'equipment\[0\].watts': found an unknown key"):
        digital.datacenter(pue=1.2, intensity_kg_per_kwh=0.05, equipment=[{"watts": 100, "hours": 1}])
    with pytest.raises(ghgkit.InputError, match=r"field 'equipment\[0\].power_w': found nothing"):
        digital.datacenter(pue=1.2, intensity_kg_per_kwh=0.05, equipment=[{"hours": 1}])


def series_csv() -> str:
    """Zone FR, 100, 200, 300 and 400 g/kWh for the four hours from 2026-01-01T00:00Z."""
    return "timestamp,zone,intensity_g_per_kwh\n" + "".join(
        f"2026-01-01T0{h}:00:00Z,FR,{100 * (h + 1)}\n" for h in range(4))


def test_hourly_market_based_and_cfe(tmp_path):
    path = tmp_path / "fr.csv"
    path.write_text(series_csv())
    s = grid.IntensitySeries.from_csv(str(path))
    consumption = {f"2026-01-01T0{h}:00:00Z": 10 for h in range(4)}
    supply = [("2026-01-01T00:00:00Z", 10), ("2026-01-01T01:00:00Z", 5), ("2026-01-01T03:00:00Z", 20)]
    # Matched 10 + 5 + 0 + 10 = 25 of 40 kWh: CFE 0.625; unmatched 5 x 0.2 + 10 x 0.3 = 4 kg; IT 40 / 1.25 = 32.
    dc = digital.datacenter(pue=1.25, intensity_kg_per_kwh=0.25, hourly_consumption=consumption, clean_supply=supply,
                            intensity_series=s, zone="FR")
    assert dc.cfe_score == pytest.approx(0.625, rel=1e-12)
    assert dc.clean_matched_kwh == pytest.approx(25, rel=1e-12)
    assert dc.co2e_market_kg == pytest.approx(4, rel=1e-12)
    assert dc.co2e_kg == pytest.approx(10, rel=1e-12)
    assert dc.it_energy_kwh == pytest.approx(32, rel=1e-12)
    with pytest.raises(ghgkit.InputError, match="expected 0 with hourly data"):
        digital.datacenter(pue=1.25, intensity_kg_per_kwh=0.25, hourly_consumption=consumption, intensity_series=s,
                           certificates_kwh=5)
    with pytest.raises(ghgkit.InputError, match="field 'intensity_series': found nothing"):
        digital.datacenter(pue=1.25, intensity_kg_per_kwh=0.25, hourly_consumption=consumption)
