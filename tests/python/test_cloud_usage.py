"""ghgkit cloud_usage from Python (Cloud Carbon Footprint method): the keyword arguments of the public
API, numbers worked by hand from the coefficients of factors/cloud (the same cases as
tests/cpp/digital/test_cloud.cpp), provenance and error messages.

Called through ghgkit._core.digital until ghgkit.digital exports cloud_usage."""
from __future__ import annotations

import pytest

import ghgkit
from ghgkit import _core

cloud_usage = _core.digital.cloud_usage


def origins(result) -> dict[str, str]:
    return {f["name"]: f["origin"] for f in result.provenance["figures"]}


def test_aws_defaults_take_ccfs_averages_pue_and_region_factor():
    # ccf.aws: min/max 0.74/3.5 W/vCPU, utilisation 0.5 -> (0.74 + 0.5 x 2.76) x 720 / 1000 = 1.5264 kWh;
    # memory 1000 x 0.000392 = 0.392; SSD 10 x 1.2 / 1000 x 2 = 0.024; network 50 x 0.001 = 0.05 kWh.
    # IT 1.9924 kWh x PUE 1.135 (ccf.aws.datacenter.pue.average) x 0.0511 kg/kWh (ccf, eu-west-3).
    r = cloud_usage("aws", "eu-west-3", vcpu_hours=720, memory_gb_hours=1000, storage_tb_hours=10, replication=2,
                    network_gb=50)
    assert r.energy_kwh == pytest.approx(1.9924 * 1.135, rel=1e-12)
    assert r.co2e_kg == pytest.approx(1.9924 * 1.135 * 0.0511, rel=1e-12)
    assert r.operational_kg == r.co2e_kg
    assert r.embodied_kg == 0.0
    assert isinstance(r, _core.digital.Footprint)
    o = origins(r)
    assert o["pue"] == "ccf.aws.datacenter.pue.average"
    assert o["cpu utilization"] == "ccf.aws.compute.average_cpu_utilization.2020"
    assert o["grid intensity"] == "ccf.cloud.electricity.aws.eu-west-3.2024"
    assert r.figure("min watts per vCPU") == (0.74, "W/vCPU", "ccf.aws.compute.min_power_per_vcpu.average")
    sources = {f["name"]: f["source"] for f in r.provenance["figures"]}
    assert sources["pue"] == "ccf" and sources["vcpu hours"] is None
    warnings = r.provenance["warnings"]
    assert any(w.startswith("embodied emissions not counted") for w in warnings)
    assert any(w.startswith("cpu_utilization not given: 0.5") for w in warnings)
    assert r.provenance["steps"][-2] == "E = 1.9924 kWh x PUE 1.135 = 2.26137 kWh"
    assert r.provenance["database_hash"] is not None


def test_gcp_microarchitecture_region_pue_and_grid_source():
    # ccf.gcp cascade_lake 0.64/3.97 W/vCPU: (0.64 + 0.3 x 3.33) x 100 / 1000 = 0.1639 kWh; x PUE 1.09
    # (ccf.gcp.datacenter.pue.europe-west1); x 0.122 kg/kWh (Google 2023) or 0.11 (ccf, when asked).
    r = cloud_usage("gcp", "europe-west1", vcpu_hours=100, cpu_utilization=0.3, microarchitecture="CASCADE_LAKE")
    assert r.co2e_kg == pytest.approx(0.1639 * 1.09 * 0.122, rel=1e-12)
    assert origins(r)["grid intensity"] == "google-region-carbon-2023.cloud.electricity.gcp.europe-west1.2023"
    c = cloud_usage("gcp", "europe-west1", vcpu_hours=100, cpu_utilization=0.3, microarchitecture="cascade lake",
                    grid_source="ccf")
    assert c.co2e_kg == pytest.approx(0.1639 * 1.09 * 0.11, rel=1e-12)


def test_gpu_hours():
    # ccf.aws nvidia_t4 8/71 W/GPU: (8 + 0.8 x 63) x 10 / 1000 = 0.584 kWh x 1.135 x 0.4 kg/kWh.
    r = cloud_usage("aws", "us-east-1", gpu_hours=10, gpu="NVIDIA_T4", gpu_utilization=0.8, intensity_kg_per_kwh=0.4)
    assert r.energy_kwh == pytest.approx(0.584 * 1.135, rel=1e-12)
    assert r.co2e_kg == pytest.approx(0.584 * 1.135 * 0.4, rel=1e-12)
    assert r.figure("grid intensity") == (0.4, "kg/kWh", "argument")


def test_positional_order_of_the_public_signature():
    # provider, region, vcpu_hours, cpu_utilization, memory_gb_hours, storage_tb_hours, storage_type, replication,
    # network_gb, gpu_hours, gpu, min_watts_per_vcpu, max_watts_per_vcpu, pue, intensity_kg_per_kwh.
    # (1 + 0.5 x 2) x 1000 / 1000 = 2 kWh; HDD 100 x 0.65 / 1000 x 3 = 0.195 kWh (ccf.aws hdd);
    # (2 + 0.195) x 1.2 = 2.634 kWh x 0.1 = 0.2634 kg.
    r = cloud_usage("aws", "eu-west-3", 1000, 0.5, 0, 100, "hdd", 3, 0, 0, None, 1.0, 3.0, 1.2, 0.1)
    assert r.energy_kwh == pytest.approx(2.195 * 1.2, rel=1e-12)
    assert r.co2e_kg == pytest.approx(2.195 * 1.2 * 0.1, rel=1e-12)


def test_an_explicit_database(db):
    r = cloud_usage("azure", "westeurope", memory_gb_hours=2000, db=db)
    # 2000 x 0.000392 = 0.784 kWh x 1.185 (ccf.azure) x 0.569 kg/kWh (ML CO2 Impact, westeurope)
    assert r.co2e_kg == pytest.approx(0.784 * 1.185 * 0.569, rel=1e-12)


def test_errors_name_what_was_found_and_expected():
    with pytest.raises(ghgkit.FactorLookupError, match=r"found 'eu-west-9' \(provider 'aws'\), expected a region of "
                                                        r"'aws' with a grid factor .*nearest: 'eu-west-1'"):
        cloud_usage("aws", "eu-west-9", vcpu_hours=1)
    with pytest.raises(ghgkit.InputError, match="field 'cpu_utilization': found 50, expected a fraction from 0 to 1"):
        cloud_usage("aws", "eu-west-3", vcpu_hours=1, cpu_utilization=50)
    with pytest.raises(ghgkit.InputError, match="field 'gpu': found nothing"):
        cloud_usage("aws", "eu-west-3", gpu_hours=1)
    with pytest.raises(ghgkit.FactorLookupError, match="field 'microarchitecture'"):
        cloud_usage("aws", "eu-west-3", vcpu_hours=1, microarchitecture="Zen 9")
    with pytest.raises(TypeError):
        cloud_usage("aws", "eu-west-3", 1, None, 0, 0, "ssd", 1, 0, 0, None, None, None, None, None, "SKYLAKE")
