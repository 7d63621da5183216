"""Cloud factors and coefficients: the YAML of factors/cloud/ against the raw public files.

Every spot check reads the raw file itself (../shared/data) and compares it with the YAML loaded with
PyYAML, so a wrong importer fails here. Expected region codes and ids are written out by hand. The
coefficient documents (*.yaml, schema ghgkit.coefficients/1) are also checked against the format of
factors/cloud/README.md.
"""
from __future__ import annotations

import csv
import functools

import pytest

from conftest import DATA, REPO, coefficient_documents, skip_module_without_raw_data, yaml_loader

yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read the factor files")

FOLDER = REPO / "factors" / "cloud"
skip_module_without_raw_data("the cloud factors cannot be compared with their raw files")

doc = yaml_loader(FOLDER)


def factor(name: str, fid: str) -> dict:
    d = doc(name)
    for f in d["factors"]:
        if f["id"] == fid:
            return {**d.get("defaults", {}), **f}
    raise AssertionError(f"{fid} missing from factors/cloud/{name}")


def entry(name: str, section: str, eid: str) -> dict:
    for e in doc(name)[section]:
        if e["id"] == eid:
            return e
    raise AssertionError(f"{eid} missing from {section} of factors/cloud/{name}")


@functools.lru_cache(maxsize=None)
def ccf_rows() -> list[dict[str, str]]:
    with (DATA / "cloud-carbon-footprint/coefficients.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def ccf_raw(provider: str, table: str, key: str, occurrence: int = 0) -> dict[str, str]:
    rows = [r for r in ccf_rows() if (r["provider"], r["table"], r["key"]) == (provider, table, key)]
    return rows[occurrence]


def raw_csv(rel: str, skip: int = 0) -> list[dict[str, str]]:
    with (DATA / rel).open(newline="", encoding="utf-8-sig") as fh:
        for _ in range(skip):
            fh.readline()
        return list(csv.DictReader(fh))


# ------------------------------------------------------------------------------------------------
# spot checks against the raw files


@pytest.mark.parametrize("key,qid", [("MIN_WATTS_AVG", "min"), ("MAX_WATTS_AVG", "max")])
def test_aws_average_watts_per_vcpu_match_ccf(key, qid):
    raw = ccf_raw("aws", "AWS_CLOUD_CONSTANTS", key)
    c = entry("ccf.yaml", "coefficients", f"ccf.aws.compute.{qid}_power_per_vcpu.average")
    assert c["value"] == pytest.approx(float(raw["value"]), rel=0, abs=0)
    assert c["unit"] == "W/vCPU" and c["provider"] == "aws" and c["source"] == "ccf"
    assert f":{raw['line']}" in c["notes"]
    assert {0.74: "min", 3.5: "max"}[c["value"]] == qid  # CCF's published AWS averages


def test_aws_cascade_lake_watts_per_vcpu_by_microarchitecture():
    lo = ccf_raw("aws", "AWS_CLOUD_CONSTANTS.MIN_WATTS_BY_COMPUTE_PROCESSOR", "CASCADE_LAKE")
    hi = ccf_raw("aws", "AWS_CLOUD_CONSTANTS.MAX_WATTS_BY_COMPUTE_PROCESSOR", "CASCADE_LAKE")
    assert entry("ccf.yaml", "coefficients", "ccf.aws.compute.min_power_per_vcpu.cascade_lake")["value"] == float(lo["value"])
    assert entry("ccf.yaml", "coefficients", "ccf.aws.compute.max_power_per_vcpu.cascade_lake")["value"] == float(hi["value"])


def test_gpu_watts_are_per_accelerator_not_per_vcpu():
    raw = ccf_raw("aws", "AWS_CLOUD_CONSTANTS.MAX_WATTS_BY_COMPUTE_PROCESSOR", "NVIDIA_TESLA_A100")
    c = entry("ccf.yaml", "coefficients", "ccf.aws.compute.max_power_per_accelerator.nvidia_tesla_a100")
    assert c["value"] == float(raw["value"]) == 407 and c["unit"] == "W/GPU"


def test_azure_pue_from_ccf_code_and_from_green_algorithms_stay_apart():
    raw = ccf_raw("azure", "AZURE_CLOUD_CONSTANTS", "PUE_AVG")
    c = entry("ccf.yaml", "coefficients", "ccf.azure.datacenter.pue.average")
    assert c["value"] == float(raw["value"]) == 1.185  # the code's figure, not the 1.125 of CCF's appendix
    assert c["unit"] == "1"
    ga = next(r for r in raw_csv("green-algorithms/defaults_PUE.csv", skip=1) if r["provider"] == "azure")
    g = entry("green_algorithms.yaml", "coefficients", "green-algorithms-cloud.azure.datacenter.pue")
    assert g["value"] == float(ga["PUE"]) and g["source"] == "green-algorithms-cloud"
    assert g["reference"] == ga["source"]


def test_gcp_region_factor_google_2023():
    raw = next(r for r in raw_csv("codecarbon/cloud/impact.csv") if r["region"] == "europe-west1")
    f = factor("google_gcp_2023.yaml", "google-region-carbon-2023.cloud.electricity.gcp.europe-west1.2023")
    assert f["values"] == {"CO2e": float(raw["impact"])} and f["mass_unit"] == "g" and f["unit"] == "kWh"
    assert f["activity"] == "cloud.electricity.gcp.europe-west1"
    assert f["region"] == "BE" and f["year"] == 2023 and f["gwp"] == "unspecified"


def test_gcp_hong_kong_region_is_in_hong_kong():
    f = factor("google_gcp_2023.yaml", "google-region-carbon-2023.cloud.electricity.gcp.asia-east2.2023")
    assert f["region"] == "HK"  # the raw row says CHN; the region is in Hong Kong (city column)
    assert "CHN" in f["notes"]


def test_ccf_gcp_blocks_cfe_first_then_grid():
    cfe = ccf_raw("gcp", "getGCPEmissionsFactors", "us-central1", 0)
    grid = ccf_raw("gcp", "getGCPEmissionsFactors", "us-central1", 1)
    assert int(cfe["line"]) < int(grid["line"])
    f_grid = factor("ccf_electricity.yaml", "ccf.cloud.electricity.gcp.us-central1.2024")
    f_cfe = factor("ccf_electricity.yaml", "ccf.cloud.electricity_net_of_cfe.gcp.us-central1.2024")
    assert f_grid["values"]["CO2e"] == float(grid["value"]) and f_grid["mass_unit"] == "t"
    assert f_cfe["values"]["CO2e"] == float(cfe["value"])
    assert f_cfe["tags"] == ["cfe_adjusted"] and f_grid["tags"] == ["location_based"]


def test_aws_eu_west_3_factor_and_a_calculation_with_it():
    raw = ccf_raw("aws", "AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH", "eu-west-3")
    f = factor("ccf_electricity.yaml", "ccf.cloud.electricity.aws.eu-west-3.2024")
    assert f["values"]["CO2e"] == float(raw["value"]) and f["mass_unit"] == "t" and f["region"] == "FR"
    ghgkit = pytest.importorskip("ghgkit")
    db = ghgkit.FactorDatabase.load(str(REPO / "factors"))
    e = db.calculate("cloud.electricity.aws.eu-west-3", 1000, "kWh", region="FR")
    # 1000 kWh x 0.0000511 t/kWh = 0.0511 t = 51.1 kg
    assert e.co2e_kg == pytest.approx(51.1, rel=1e-12)
    assert e.factor_id == "ccf.cloud.electricity.aws.eu-west-3.2024"


def test_aws_us_east_1_takes_the_nerc_serc_value():
    ref = ccf_raw("aws", "AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH", "us-east-1")["value"]
    assert ref == "US_NERC_REGIONS_EMISSIONS_FACTORS.SERC"
    serc = ccf_raw("core", "US_NERC_REGIONS_EMISSIONS_FACTORS", "SERC")
    f = factor("ccf_electricity.yaml", "ccf.cloud.electricity.aws.us-east-1.2024")
    assert f["values"]["CO2e"] == float(serc["value"]) and f["region"] == "US"
    assert "SERC" in f["notes"]


def test_no_azure_factor_from_ccf_because_the_region_key_is_lost():
    assert {r["key"] for r in ccf_rows() if r["table"] == "AZURE_EMISSIONS_FACTORS_METRIC_TON_PER_KWH"} == {"name"}
    assert not [f for f in doc("ccf_electricity.yaml")["factors"] if ".azure." in f["id"]]


def test_mlco2_azure_west_europe_and_skipped_snapshot():
    rows = raw_csv("mlco2-impact/impact.csv")
    raw = next(r for r in rows if r["provider"] == "azure" and r["region"] == "westeurope")
    f = factor("mlco2_impact.yaml", "mlco2-impact-cloud.cloud.electricity.azure.westeurope.2018-2021")
    assert f["values"]["CO2e"] == float(raw["impact"]) and f["region"] == "NL" and f["mass_unit"] == "g"
    assert f["valid"] == {"from": 2018, "to": 2021}
    ids = {x["id"] for x in doc("mlco2_impact.yaml")["factors"]}
    assert not any(".gcp.asia-east1." in i for i in ids)  # one-hour reading, not imported


def test_european_providers_present():
    ovh = factor("mlco2_impact.yaml", "mlco2-impact-cloud.cloud.electricity.ovhcloud.gra.2018-2021")
    assert ovh["region"] == "FR"
    regions = {(e["provider"], e["region"]): e["country"] for e in doc("boaviztapi_regions.yaml")["cloud_regions"]}
    assert regions[("scaleway", "pl-waw")] == "PL" and regions[("ovhcloud", "eu-west-lim")] == "DE"
    ga = next(r for r in raw_csv("green-algorithms/defaults_PUE.csv", skip=1) if r["provider"] == "OVHcloud")
    assert entry("green_algorithms.yaml", "coefficients", "green-algorithms-cloud.ovhcloud.datacenter.pue")["value"] \
        == float(ga["PUE"])


def test_instances_match_boaviztapi_and_carry_the_gpu_model():
    raw = next(r for r in raw_csv("boaviztapi/archetypes/cloud/aws.csv") if r["id"] == "p4d.24xlarge")
    i = entry("boaviztapi_instances.yaml", "instances", "boaviztapi-cloud.aws.p4d-24xlarge")
    assert i["vcpu"] == int(raw["vcpu"]) and i["memory_gb"] == float(raw["memory"])
    assert i["gpus"] == int(raw["gpu_units"]) and i["platform"] == raw["platform"]
    server = next(r for r in raw_csv("boaviztapi/archetypes/server.csv") if r["id"] == raw["platform"])
    assert i["gpu_model"] == server["GPU.name"]
    shared = entry("boaviztapi_instances.yaml", "instances", "boaviztapi-cloud.azure.nv4as_v4")
    assert shared["gpus"] == 0.125 and "1/8th" in shared["notes"]


# ------------------------------------------------------------------------------------------------
# format of the coefficient documents (factors/cloud/README.md)


SECTIONS = {
    "coefficients": ({"id", "quantity", "value", "unit", "source"},
                     {"min", "max", "per", "provider", "region", "country", "key", "year", "reference", "notes"}),
    "instances": ({"id", "provider", "instance", "source"},
                  {"vcpu", "memory_gb", "ssd_gb", "hdd_gb", "gpus", "gpu_model", "platform", "reference", "notes"}),
    "cloud_regions": ({"id", "provider", "region", "source"}, {"country", "location", "place", "reference", "notes"}),
}


def registry_sources() -> set[str]:
    return {s["id"] for s in doc("sources.yaml")["sources"]}


@pytest.mark.parametrize("path", coefficient_documents(FOLDER), ids=lambda p: p.name)
def test_coefficient_documents_follow_the_format(path):
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert d["schema"] == "ghgkit.coefficients/1"
    assert set(d) - {"schema"} <= set(SECTIONS) | {"sources"}
    sources = registry_sources()
    for section, (required, optional) in SECTIONS.items():
        ids = [e["id"] for e in d.get(section, [])]
        assert len(ids) == len(set(ids))
        for e in d.get(section, []):
            assert required <= set(e), (e["id"], required - set(e))
            assert set(e) <= required | optional, (e["id"], set(e) - required - optional)
            assert None not in e.values(), e["id"]
            assert e["source"] in sources, e["id"]
            if section == "coefficients":
                assert isinstance(e["value"], (int, float)) and not isinstance(e["value"], bool), e["id"]
                if "min" in e or "max" in e:
                    assert e["min"] <= e["value"] <= e["max"], e["id"]


def test_every_coefficient_unit_parses_in_the_unit_registry():
    ghgkit = pytest.importorskip("ghgkit")
    units = {c["unit"] for p in coefficient_documents(FOLDER) for c in yaml.safe_load(p.read_text()).get("coefficients", [])}
    for u in sorted(units):
        ghgkit.unit_dimension(u)  # raises UnitError for an unknown unit


def test_every_factor_region_is_an_iso_country():
    countries = {r["code"] for r in yaml.safe_load((REPO / "factors/regions/iso3166_1.yaml").read_text())["regions"]}
    for name in ("ccf_electricity.yaml", "google_gcp_2023.yaml", "mlco2_impact.yaml"):
        for f in doc(name)["factors"]:
            assert f["region"] in countries, f["id"]
