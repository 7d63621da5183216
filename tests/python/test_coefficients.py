"""Coefficients and catalogues of the shipped database (schema ghgkit.coefficients/1) from Python.

Expected figures are read from the raw public files (../shared/data) where the test can reach them,
else typed from them with the file named next to the figure.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
import yaml

import ghgkit

from conftest import REPO, SHARED_DATA

CCF = SHARED_DATA / "cloud-carbon-footprint" / "coefficients.csv"
ECOLOGITS = SHARED_DATA / "ecologits" / "models.json"


def _ccf(provider: str, key: str) -> float:
    with CCF.open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if (r["provider"], r["key"]) == (provider, key)]
    assert len(rows) == 1, (provider, key, rows)
    return float(rows[0]["value"])


@pytest.mark.skipif(not CCF.is_file(), reason="raw Cloud Carbon Footprint coefficients.csv not present")
@pytest.mark.parametrize("bound, key", [("min", "MIN_WATTS_AVG"), ("max", "MAX_WATTS_AVG")])
def test_ccf_aws_average_watts_per_vcpu_equal_the_raw_file(db, bound, key):
    c = db.coefficient(f"cloud.compute.{bound}_power_per_vcpu", provider="aws", key="average")
    assert c.value == _ccf("aws", key)
    assert c.unit == "W/vCPU" and c.source["id"] == "ccf" and c.source["licence"]
    assert c.per is None and c.region is None and c.min is None


def test_coefficients_filter_by_quantity_prefix_provider_and_source(db):
    compute = db.coefficients(quantity="cloud.compute")
    assert compute and all(c.quantity.startswith("cloud.compute.") for c in compute)
    aws = db.coefficients(quantity="cloud.compute.min_power_per_vcpu", provider="AWS", source="ccf")
    assert {c.key for c in aws} >= {"average", "CASCADE_LAKE"}
    assert all(c.provider == "aws" for c in aws)
    assert [c.id for c in db.coefficients()] == sorted(c.id for c in db.coefficients())


def test_a_coefficient_lookup_that_fits_several_things_names_them(db):
    with pytest.raises(ghgkit.FactorLookupError, match="several coefficients 'cloud.compute.min_power_per_vcpu' fit"):
        db.coefficient("cloud.compute.min_power_per_vcpu", provider="aws")
    with pytest.raises(ghgkit.FactorLookupError, match="did you mean: cloud.datacenter.pue"):
        db.coefficient("cloud.datacenter.peu")


@pytest.mark.skipif(not ECOLOGITS.is_file(), reason="raw EcoLogits models.json not present")
def test_an_llm_model_has_its_parameters_and_an_alias_resolves(db):
    raw = json.loads(ECOLOGITS.read_text(encoding="utf-8"))
    mixtral = next(m for m in raw["models"] if (m["provider"], m["name"]) == ("mistralai", "open-mixtral-8x7b"))
    params = mixtral["architecture"]["parameters"]
    m = db.llm_model("open-mixtral-8x7b", provider="mistralai")
    assert m.architecture == "moe"
    # Parameters are (low, high) tuples; one figure gives low == high.
    assert m.total_params_b == (params["total"], params["total"])
    assert m.active_params_b == (params["active"], params["active"])
    alias = next(a for a in raw["aliases"] if a["provider"] == "openai")
    assert db.llm_model(alias["name"]).name == alias["alias"]
    assert db.llm_model(alias["name"].upper()).id == db.llm_model(alias["alias"]).id


def test_llm_models_with_a_parameter_range_keep_both_ends(db):
    ranged = [m for m in db.llm_models() if m.total_params_b[0] != m.total_params_b[1]]
    assert ranged and all(low < high for low, high in (m.total_params_b for m in ranged))
    assert all(isinstance(m, ghgkit.LlmModel) for m in ranged)


def test_an_accelerator_tdp_and_the_choice_of_source(db):
    # ML CO2 Impact gpus.csv: "T4,gpu,70,...,16": 70 W TDP, 16 GB.
    t4 = db.accelerator("T4", source="mlco2-impact-gpus")
    assert (t4.tdp_w, t4.memory_gb, t4.type, t4.device) == (70.0, 16.0, "gpu", "nvidia-t4")
    # Another source has a record of the same device: without a source the lookup names both.
    with pytest.raises(ghgkit.FactorLookupError, match="has several records: 'boaviztapi-hardware'"):
        db.accelerator("T4")
    with pytest.raises(ghgkit.FactorLookupError, match="unknown accelerator 'A100'; did you mean"):
        db.accelerator("A100")


def test_a_cpu_tdp(db):
    # CodeCarbon cpu_power.csv: "AMD EPYC 7763,280.0".
    cpu = db.cpu("AMD EPYC 7763", source="codecarbon-cpu-power")
    assert cpu.tdp_w == 280.0 and cpu.name == "AMD EPYC 7763"
    # Green Algorithms TDP_cpu.csv: "AMD EPYC 7763,280,64,4.4": the file rounds 280 / 64 = 4.375 to 4.4.
    ga = db.cpu("AMD EPYC 7763", source="green-algorithms-hardware")
    assert (ga.tdp_w, ga.cores, ga.tdp_per_core_w) == (280.0, 64.0, 4.4)


def test_cloud_catalogues_filter_by_provider(db):
    aws = db.cloud_instances(provider="aws")
    assert aws and all(i.provider == "aws" for i in aws)
    p4d = next(i for i in aws if i.id == "boaviztapi-cloud.aws.p4d-24xlarge")
    assert (p4d.instance, p4d.vcpu, p4d.gpus) == ("p4d.24xlarge", 96, 8)
    regions = db.cloud_regions(provider="gcp")
    assert regions and all(r.provider == "gcp" and (r.country is None or len(r.country) == 2) for r in regions)
    archetypes = {s.archetype: s for s in db.server_archetypes()}
    assert p4d.platform in archetypes
    assert set(archetypes[p4d.platform].components) >= {"cpu", "ram"}
    assert db.catalogue_warnings == []


def test_coefficients_are_part_of_the_content_hash(tmp_path, db):
    user = tmp_path / "mine.yaml"
    user.write_text(yaml.safe_dump({"schema": "ghgkit.coefficients/1", "coefficients": [{
        "id": "ccf.aws.compute.min_power_per_vcpu.average", "quantity": "cloud.compute.min_power_per_vcpu",
        "value": 0.8, "unit": "W/vCPU", "provider": "aws", "key": "average", "source": "ccf"}]}), encoding="utf-8")
    mine = db.layer(str(user))
    c = mine.coefficient("cloud.compute.min_power_per_vcpu", provider="aws", key="average")
    assert c.value == 0.8 and c.overrides and c.location.startswith(str(user))
    assert mine.content_hash != db.content_hash


def test_a_coefficient_document_error_names_file_line_and_field(tmp_path, db):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: ghgkit.coefficients/1\ncpus:\n  - {id: x, name: X, tdp_w: -1, source: ccf}\n",
                   encoding="utf-8")
    with pytest.raises(ghgkit.FactorError, match=r"bad\.yaml:3:\d+: field 'tdp_w': found '-1', expected a number >= 0"):
        db.layer(str(bad))


def test_cli_validate_prints_coefficient_and_catalogue_counts():
    out = subprocess.run([sys.executable, "-m", "ghgkit.cli", "factors", "validate"], capture_output=True, text=True,
                         check=True).stdout
    assert "by quantity family" in out and "cloud.compute" in out and "llm.inference" in out
    assert "LLM models" in out and "CPUs" in out and "server archetypes" in out


def test_coefficient_documents_are_yaml_files_told_apart_by_schema():
    assert not list((REPO / "factors").rglob("*.coef"))
    schemas = {yaml.safe_load(p.read_text(encoding="utf-8")).get("schema") for p in (REPO / "factors").rglob("*.yaml")}
    assert schemas == {"ghgkit.factors/1", "ghgkit.coefficients/1"}
