"""cloud_usage for providers Cloud Carbon Footprint does not cover (OVHcloud, Scaleway, Outscale), from
Python: the same hand-worked cases as tests/cpp/digital/test_cloud_providers.cpp."""
from __future__ import annotations

import pytest

import ghgkit
from ghgkit import _core

cloud_usage = _core.digital.cloud_usage

# owid-energy.electricity.grid.FR.2023: 56.039 gCO2e/kWh, the grid average of France (latest year).
FR_GRID = 0.056039


def origins(result) -> dict[str, str]:
    return {f["name"]: f["origin"] for f in result.provenance["figures"]}


def test_ovhcloud_gra_with_generic_ccf_figures_and_green_algorithms_pue():
    # ccf-generic: 0.74 / 3.52 W per vCPU, utilisation 0.5 -> (0.74 + 0.5 x 2.78) x 720 / 1000 = 1.5336 kWh
    # x PUE 1.09 (green-algorithms-cloud.ovhcloud.datacenter.pue) x 105 g/kWh (ML CO2 Impact, gra)
    r = cloud_usage("ovhcloud", "gra", vcpu_hours=720)
    assert r.energy_kwh == pytest.approx(1.5336 * 1.09, rel=1e-12)
    assert r.co2e_kg == pytest.approx(1.5336 * 1.09 * 0.105, rel=1e-12)
    o = origins(r)
    assert o["pue"] == "green-algorithms-cloud.ovhcloud.datacenter.pue"
    assert o["max watts per vCPU"] == "ccf-generic.ovhcloud.compute.max_power_per_vcpu.average"


@pytest.mark.parametrize("provider, region", [("scaleway", "fr-par"), ("outscale", "cloudgouv-eu-west-1")])
def test_providers_without_pue_take_the_industry_average_and_the_country_grid(provider, region):
    r = cloud_usage(provider, region, vcpu_hours=720)
    # PUE 1.56: green-algorithms-cloud.datacenter.pue.unknown_provider (Uptime Institute 2024)
    assert r.co2e_kg == pytest.approx(1.5336 * 1.56 * FR_GRID, rel=1e-12)
    assert origins(r)["grid intensity"] == "owid-energy.electricity.grid.FR.2023"
    warnings = r.provenance["warnings"]
    assert any(w.startswith(f"no PUE for provider '{provider}'") for w in warnings)
    assert any(w.startswith(f"no grid factor for the cloud region {provider} {region}") for w in warnings)


def test_a_coefficient_source_that_does_not_cover_the_provider_is_refused():
    with pytest.raises(ghgkit.FactorLookupError, match="expected a source of cloud coefficients for provider "
                                                       "'ovhcloud': ccf-generic"):
        cloud_usage("ovhcloud", "gra", vcpu_hours=1, coefficient_source="ccf")


def test_the_batch_path_takes_the_coefficient_source_too():
    b = _core.digital.cloud_usage_batch({"provider": ["ovhcloud", "aws"], "region": ["gra", "eu-west-3"],
                                         "vcpu_hours": [720.0, 720.0]})
    assert list(b.computed) == [1, 1]
    assert b.co2e_kg[0] == cloud_usage("ovhcloud", "gra", vcpu_hours=720).co2e_kg


def test_an_instance_type_adds_the_platform_embodied_share():
    # b3-8 on General_Purpose_b3: TE x 1440 vCPU-h / (256 vCPU x 52,560 h); TE from the BoaviztAPI
    # component method (tests/cpp/digital/test_cloud_providers.cpp gives the arithmetic).
    ram_mean, ssd_mean = 13.688 / 11, 1042.8 / 19
    te = (2 * (64 * 16.625 * 0.0197 + 9.14) + 8 * (16 / ram_mean * 2.2 + 5.22) + (400 / ssd_mean * 2.2 + 6.34)
          + 66.1 + 6.68 + 2 * 2.99 * 24.3 + 150)
    r = cloud_usage("ovhcloud", "gra", vcpu_hours=1440, instance="b3-8")
    assert r.embodied_kg == pytest.approx(te * 1440 / (256 * 52560), rel=1e-12)
    assert r.co2e_kg == pytest.approx(3.0672 * 1.09 * 0.105 + r.embodied_kg, rel=1e-12)
    assert r.low < r.co2e_kg < r.high
    b = _core.digital.cloud_usage_batch({"provider": "ovhcloud", "region": "gra", "vcpu_hours": [1440.0, 100.0],
                                         "instance": ["b3-8", None]})
    assert b.co2e_kg[0] == r.co2e_kg and b.embodied_kg == [r.embodied_kg, 0.0]
    assert b.total["embodied_kg"] == r.embodied_kg
