"""LLM catalogue and EcoLogits method constants: factors/llm/*.yaml against ecologits/models.json."""
from __future__ import annotations

import functools
import json
import math

import pytest

from conftest import DATA, REPO, coefficient_documents, skip_module_without_raw_data, yaml_loader

yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read the coefficient files")

FOLDER = REPO / "factors" / "llm"
skip_module_without_raw_data("the LLM catalogue cannot be compared with ecologits/models.json")

doc = yaml_loader(FOLDER)


@functools.lru_cache(maxsize=None)
def raw() -> dict:
    return json.loads((DATA / "ecologits/models.json").read_text(encoding="utf-8"))


def model(provider: str, name: str) -> dict:
    hits = [m for m in doc("ecologits_models.yaml")["models"] if (m["provider"], m["name"]) == (provider, name)]
    assert len(hits) == 1, (provider, name)
    return hits[0]


def raw_model(provider: str, name: str) -> dict:
    return next(m for m in raw()["models"] if (m["provider"], m["name"]) == (provider, name))


def test_all_361_models_are_in_the_catalogue():
    got = {(m["provider"], m["name"]) for m in doc("ecologits_models.yaml")["models"]}
    want = {(m["provider"], m["name"]) for m in raw()["models"]}
    assert got == want and len(got) == 361


def test_moe_total_and_active_parameters():
    r = raw_model("mistralai", "open-mixtral-8x7b")["architecture"]
    m = model("mistralai", "open-mixtral-8x7b")
    assert m["architecture"] == r["type"] == "moe"
    assert m["total_params_b"] == r["parameters"]["total"] == 46.7
    assert m["active_params_b"] == r["parameters"]["active"] == 12.9


def test_parameter_ranges_stay_ranges():
    r = raw_model("openai", "gpt-3.5-turbo")["architecture"]
    m = model("openai", "gpt-3.5-turbo")
    assert m["total_params_b"] == r["parameters"] == {"min": 20, "max": 70}
    assert m["active_params_b"] == m["total_params_b"]  # dense: active = total
    assert "model-arch-not-released" in m["warnings"]


def test_alias_attached_to_the_model_it_stands_for():
    alias = next(a for a in raw()["aliases"] if a["name"] == "claude-opus-4-1")
    m = model("anthropic", alias["alias"])
    assert m["aliases"] == ["claude-opus-4-1"]
    assert model("openai", "gpt-3.5-turbo")["aliases"] == ["gpt-35-turbo"]
    assert sum(len(x.get("aliases", [])) for x in doc("ecologits_models.yaml")["models"]) == len(raw()["aliases"])


def test_dense_model_with_a_single_count():
    r = raw_model("cohere", "c4ai-aya-expanse-8b")
    m = model("cohere", "c4ai-aya-expanse-8b")
    assert m["total_params_b"] == m["active_params_b"] == r["architecture"]["parameters"] == 8.03
    assert m["references"] == r["sources"]


def test_ecologits_energy_constants():
    c = {x["quantity"]: x for x in doc("ecologits_method.yaml")["coefficients"]}
    # values as in shared/METHODS.md (EcoLogits LLM inference methodology)
    assert c["llm.inference.gpu_energy_per_output_token.alpha"]["value"] == 1.1665e-6
    assert c["llm.inference.gpu_energy_per_output_token.beta"]["value"] == -0.011206
    assert c["llm.inference.gpu_energy_per_output_token.gamma"]["value"] == 4.0529e-5
    assert c["llm.inference.gpu_energy_per_output_token.alpha"]["unit"] == "Wh/token"
    # f_E for a 70B dense model at batch 64, by hand: exp(-0.011206 * 64) = exp(-0.717184) = 0.48815;
    # 1.1665e-6 * 0.48815 * 70 = 3.9860e-5; + 4.0529e-5 = 8.0389e-5 Wh per output token
    a, b, g = (c[f"llm.inference.gpu_energy_per_output_token.{k}"]["value"] for k in ("alpha", "beta", "gamma"))
    assert a * math.exp(b * 64) * 70 + g == pytest.approx(8.0389e-5, rel=1e-4)


def test_documents_follow_the_format():
    sources = {s["id"] for s in doc("sources.yaml")["sources"]}
    for path in coefficient_documents(FOLDER):
        d = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert d["schema"] == "ghgkit.coefficients/1"
        for section in ("models", "coefficients"):
            for e in d.get(section, []):
                assert e["source"] in sources and None not in e.values(), e["id"]
        for m in d.get("models", []):
            assert m["architecture"] in ("dense", "moe")
            for k in ("total_params_b", "active_params_b"):
                v = m[k]
                assert isinstance(v, (int, float)) or (set(v) == {"min", "max"} and v["min"] <= v["max"]), m["id"]
    ghgkit = pytest.importorskip("ghgkit")
    for c in doc("ecologits_method.yaml")["coefficients"]:
        ghgkit.unit_dimension(c["unit"])
