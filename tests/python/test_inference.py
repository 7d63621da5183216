"""LLM inference (EcoLogits method) from Python: ghgkit._core.digital.inference with the keyword arguments
of the public API, numbers worked by hand from the coefficients of factors/llm (the same cases as
tests/cpp/digital/test_inference.cpp).

Coefficients (source ecologits-llm-inference, https://ecologits.ai/latest/methodology/llm_inference/):
f_E = 1.1665e-6 x exp(-0.011206 x B) x P_active + 4.0529e-5 Wh/token, B = 64, Q = 16 bits, overhead 1.2,
80 GB per GPU, f_L = 6.78e-4 x P_active + 3.12e-4 x B + 1.94e-2 s/token, server 1.2 kW and 8 GPUs,
embodied 5700 kg (server without GPUs) and 273 kg (GPU), life 3 yr = 3 x 365.25 x 86400 s.
"""
from __future__ import annotations

import math

import pytest

import ghgkit
from ghgkit import _core

inference = _core.digital.inference
LIFE_S = 3 * 365.25 * 86400


def f_e(active: float, batch: float = 64) -> float:
    return 1.1665e-6 * math.exp(-0.011206 * batch) * active + 4.0529e-5


def test_dense_70b_worked_by_hand():
    # 1.2 x 70 x 16 / 8 = 168 GB -> ceil(2.1) = 3 -> 4 GPUs; dT = 1000 x 0.086828 = 86.828 s;
    # E = 1.2 x (86.828 / 3600 x 1.2 x 4/8/64 + 4 x 1000 x f_E(70) / 1000) = 6.57194e-4 kWh;
    # embodied = 86.828 / (64 x life) x (4/8 x 5700 + 4 x 273).
    r = inference(active_params_b=70, total_params_b=70, output_tokens=1000, pue=1.2, intensity_kg_per_kwh=0.5)
    energy = 1.2 * (86.828 / 3600 * 1.2 * 4 / 8 / 64 + 4 * f_e(70))
    embodied = 86.828 / (64 * LIFE_S) * 3942
    assert energy == pytest.approx(6.57194e-4, rel=1e-5)
    assert r.energy_kwh == pytest.approx(energy, rel=1e-9)
    assert r.embodied_kg == pytest.approx(embodied, rel=1e-9)
    assert r.co2e_kg == pytest.approx(energy * 0.5 + embodied, rel=1e-9)
    assert r.low == pytest.approx(r.co2e_kg, rel=1e-12) and r.high == pytest.approx(r.co2e_kg, rel=1e-12)
    assert isinstance(r, _core.digital.Footprint)
    assert r.figure("f_E gamma")[2] == "ecologits.llm.inference.gpu_energy_per_output_token.gamma"


def test_catalogue_moe_model_gives_a_range_and_its_midpoint():
    # claude-3-5-sonnet-20241022: total 440, active 44-132; Anthropic PUE 1.09-1.14; 16 GPUs at both ends.
    r = inference("claude-3-5-sonnet-20241022", output_tokens=500, intensity_kg_per_kwh=0.4)
    e_lo = 1.09 * (34.6 / 3600 * 1.2 * 2 / 64 + 16 * 500 * f_e(44) / 1000)
    e_hi = 1.14 * (64.432 / 3600 * 1.2 * 2 / 64 + 16 * 500 * f_e(132) / 1000)
    m_lo, m_hi = (dt / (64 * LIFE_S) * 15768 for dt in (34.6, 64.432))
    assert r.low == pytest.approx(e_lo * 0.4 + m_lo, rel=1e-9)
    assert r.high == pytest.approx(e_hi * 0.4 + m_hi, rel=1e-9)
    assert r.low < r.co2e_kg < r.high
    assert r.co2e_kg == pytest.approx((r.low + r.high) / 2, rel=1e-12)
    assert r.energy_kwh == pytest.approx((e_lo + e_hi) / 2, rel=1e-9)
    assert any("midpoints" in w for w in r.provenance["warnings"])
    assert r.figure("pue (low)") == (1.09, "1", "ecologits.llm.inference.datacenter.pue.low.anthropic")


def test_requests_multiply_and_input_tokens_are_not_counted():
    one = inference(total_params_b=70, output_tokens=1000, pue=1.2, intensity_kg_per_kwh=0.5)
    many = inference(total_params_b=70, output_tokens=1000, input_tokens=3000, requests=5, pue=1.2,
                     intensity_kg_per_kwh=0.5)
    assert many.co2e_kg == pytest.approx(5 * one.co2e_kg, rel=1e-12)
    assert many.high == pytest.approx(5 * one.high, rel=1e-12)
    assert any(w.startswith("input tokens not counted") for w in many.provenance["warnings"])
    assert not any(w.startswith("input tokens") for w in one.provenance["warnings"])


def test_quantization_and_batch_size_keywords():
    # 4 bits: 1.2 x 70 x 4 / 8 = 42 GB -> 1 GPU; B = 32.
    r = inference(total_params_b=70, output_tokens=1000, pue=1.2, intensity_kg_per_kwh=0.5, quantization_bits=4,
                  batch_size=32)
    dt = 1000 * (6.78e-4 * 70 + 3.12e-4 * 32 + 1.94e-2)
    assert r.energy_kwh == pytest.approx(1.2 * (dt / 3600 * 1.2 / 8 / 32 + f_e(70, 32)), rel=1e-9)


def test_grid_of_a_region_and_errors():
    # The FR grid factor of 2023 (owid-energy, 56.039 g/kWh), as tests/python/test_digital.py uses it.
    r = inference(total_params_b=70, output_tokens=1000, pue=1.2, region="FR")
    assert r.operational_kg == pytest.approx(r.energy_kwh * 0.056039, rel=1e-9)
    assert r.figure("grid intensity")[2] == "owid-energy.electricity.grid.FR.2023"
    with pytest.raises(ghgkit.InputError, match="field 'model': found nothing"):
        inference(output_tokens=10, intensity_kg_per_kwh=0.5)
    with pytest.raises(ghgkit.InputError, match="field 'accelerator'"):
        inference(total_params_b=7, output_tokens=10, intensity_kg_per_kwh=0.5, accelerator="A100 SXM4 80 GB")
    with pytest.raises(ghgkit.InputError, match="field 'intensity_kg_per_kwh'"):
        inference(total_params_b=7, output_tokens=10, pue=1.2)
    with pytest.raises(TypeError):
        inference("claude-3-5-sonnet-20241022", 500)  # output_tokens is keyword-only
    with pytest.raises(TypeError):
        inference("claude-3-5-sonnet-20241022")  # and required
