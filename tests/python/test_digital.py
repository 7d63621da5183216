"""ghgkit.digital from Python: the public names and keyword arguments of the API, numbers worked
by hand (the same cases as tests/cpp/digital, through the bindings), and database provenance."""
from __future__ import annotations

import pytest

import ghgkit
from ghgkit import digital


def test_sci_and_embodied_share():
    # M = 1200 kg x 24/35040 h x 4/64 = 0.0513699 kg; SCI = (2.4 x 0.056 + M) / 10000.
    m = digital.embodied_share(total_kg=1200, time_reserved_h=24, lifetime_h=35040, resources_reserved=4,
                               total_resources=64)
    assert m.embodied_kg == pytest.approx(1200 * 24 / 35040 * 4 / 64, rel=1e-12)
    s = digital.sci(energy_kwh=2.4, intensity_kg_per_kwh=0.056, embodied_kg=m.embodied_kg, functional_units=10000)
    assert s.score_kg_per_unit == pytest.approx((2.4 * 0.056 + m.embodied_kg) / 10000, rel=1e-12)
    assert isinstance(s, digital.Footprint)


def test_training_reproduces_gpt3_and_lists_its_figures():
    # Patterson et al. (2021): 10,000 V100 x 14.8 days x 330 W x PUE 1.1 = 1,289,376 kWh; x 0.429 kg/kWh.
    run = digital.training(count=10000, hours=14.8 * 24, avg_power_w=330, pue=1.1, intensity_kg_per_kwh=0.429)
    assert run.energy_kwh == pytest.approx(1_289_376, rel=1e-12)
    assert run.co2e_kg == pytest.approx(1_289_376 * 0.429, rel=1e-12)
    assert run.co2e_kg == pytest.approx(552_000, rel=5e-3)  # the published 552 t
    assert run.co2e_market_kg is None
    names = [f["name"] for f in run.provenance["figures"]]
    assert names[:3] == ["count", "hours", "average power"]
    assert all(f["origin"] == "argument" for f in run.provenance["figures"])


def test_training_from_the_catalogue_and_the_grid_of_a_region():
    # A100 SXM4 80 GB: TDP 400 W (mlco2/impact). 8 x 10 h x 400 W x 0.5 / 1000 = 16 kWh x PUE 1.2 = 19.2 kWh,
    # x the FR grid factor of 2023 (owid-energy, 56.039 g/kWh) = 1.0759488 kg.
    run = digital.training("A100 SXM4 80 GB", 8, hours=10, utilization=0.5, pue=1.2, region="FR")
    assert run.energy_kwh == pytest.approx(19.2, rel=1e-12)
    assert run.co2e_kg == pytest.approx(19.2 * 0.056039, rel=1e-12)
    assert run.figure("tdp") == (400.0, "W", "mlco2-impact-gpus.accelerator.a100-sxm4-80-gb")
    assert run.figure("grid intensity")[2] == "owid-energy.electricity.grid.FR.2023"
    assert run.provenance["database_hash"] == ghgkit.FactorDatabase.default().content_hash
    with pytest.raises(ghgkit.InputError, match="field 'utilization'"):
        digital.training("A100 SXM4 80 GB", 8, hours=10, pue=1.2, region="FR")
    with pytest.raises(TypeError):
        digital.training("A100 SXM4 80 GB", 8, 10)  # hours is keyword-only


def test_compute_job_defaults_come_from_the_database():
    # 10 h x (4 x 10 W x 0.5 + 16 GB x 0.3725 W/GB) x PUE 1.56 / 1000 = 10 x 25.96 x 1.56 / 1000 = 0.404976 kWh.
    job = digital.compute_job(4, 10, 0.5, 16, hours=10, intensity_kg_per_kwh=0.1)
    assert job.energy_kwh == pytest.approx(0.404976, rel=1e-12)
    assert job.figure("pue") == (1.56, "1", "green-algorithms-cloud.datacenter.pue.unknown_provider")
    assert job.figure("memory power per GB")[0] == pytest.approx(0.3725)
    assert any("pue not given" in w for w in job.provenance["warnings"])


def test_datacenter_reports_heat_reuse_apart():
    dc = digital.datacenter(500_000, 1.4, intensity_kg_per_kwh=0.05, reused_heat_kwh=150_000,
                            displaced_heat_kg_per_kwh=0.227, certificates_kwh=300_000, water_l=900_000)
    assert isinstance(dc, digital.DatacenterFootprint)
    assert (dc.facility_energy_kwh, dc.co2e_kg, dc.co2e_market_kg) == pytest.approx((700_000, 35_000, 20_000))
    assert dc.avoided_kg == pytest.approx(34_050) and dc.co2e_kg == pytest.approx(35_000)  # never netted
    assert dc.erf == pytest.approx(150_000 / 700_000) and dc.wue_l_per_kwh == pytest.approx(1.8)
    with pytest.raises(ghgkit.InputError, match="field 'certificates_kwh'"):
        digital.datacenter(1000, 1.2, intensity_kg_per_kwh=0.05, certificates_kwh=5000)
