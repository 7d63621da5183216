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
