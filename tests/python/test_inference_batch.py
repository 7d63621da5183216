"""LLM request logs in batch: ghgkit._core.digital.inference_batch and inference_csv (include/ghgkit/digital/
inference_batch.hpp). The reference of every row is the per-request inference() (worked by hand in
test_inference.py); both share one resolution and one per-request arithmetic, so rows equal it exactly.

The large log: 1,000,000 rows of three models (one a range, claude-3-5-sonnet) at fixed output tokens and
requests, one unknown model every 1000th row; its totals must equal the per-request result x the count of each
kind of row, its rows computed + skipped the input. It runs through inference_batch from plain lists and through
inference_csv from a file (about 3 s each with a Release build, 12 s and 16 s with a Debug build on two shared
cores; no timing is asserted: bench/bench_inference_batch.cpp measures rates).
"""
from __future__ import annotations

import csv
import math

import pytest

import ghgkit
from ghgkit import _core

inference = _core.digital.inference
inference_batch = _core.digital.inference_batch
inference_csv = _core.digital.inference_csv

ROWS = 1_000_000
KINDS = [  # (model, output tokens, requests)
    ("claude-3-5-sonnet-20241022", 500, 3),
    ("gpt-4o-mini", 1200, 1),
    ("mistral-small", 80, 2),
]
UNKNOWN = "no-such-model-xyz"


def generated_log(rows: int) -> dict[str, list]:
    model, tokens, requests = [], [], []
    for i in range(rows):
        if i % 1000 == 999:
            m, t, n = UNKNOWN, 10, 1
        else:
            m, t, n = KINDS[i % 3]
        model.append(m)
        tokens.append(t)
        requests.append(n)
    return {"model": model, "output_tokens": tokens, "requests": requests}


def expected_totals(log: dict[str, list]) -> tuple[int, dict[str, float]]:
    """Per-request inference() x the number of rows of each kind."""
    counts = {k: 0 for k in KINDS}
    skipped = 0
    for m, t, n in zip(log["model"], log["output_tokens"], log["requests"]):
        if m == UNKNOWN:
            skipped += 1
        else:
            counts[(m, t, n)] += 1
    totals = {"co2e_kg": 0.0, "low_kg": 0.0, "high_kg": 0.0, "energy_kwh": 0.0, "requests": 0.0}
    for (m, t, n), count in counts.items():
        one = inference(m, output_tokens=t, requests=n, region="US")
        totals["co2e_kg"] += count * one.co2e_kg
        totals["low_kg"] += count * one.low
        totals["high_kg"] += count * one.high
        totals["energy_kwh"] += count * one.energy_kwh
        totals["requests"] += count * n
    return skipped, totals


def check_large(r, log: dict[str, list]) -> None:
    skipped, expected = expected_totals(log)
    assert len(r) == ROWS
    assert r.computed_rows + r.skipped_rows == ROWS
    assert r.skipped_rows == skipped == ROWS // 1000
    for name, value in expected.items():
        assert r.total[name] == pytest.approx(value, rel=1e-12), name
    assert math.fsum(r.co2e_kg) == pytest.approx(r.total["co2e_kg"], rel=1e-12)
    assert math.fsum(t["co2e_kg"] for t in r.by_model.values()) == pytest.approx(r.total["co2e_kg"], rel=1e-12)
    assert sorted(r.by_model) == ["anthropic/claude-3-5-sonnet-20241022", "mistralai/mistral-small",
                                  "openai/gpt-4o-mini"]
    assert len(r.resolutions) == 4  # three models and the unknown one, each resolved once
    assert sum(1 for res in r.resolutions if res["ok"]) == 3


def test_a_million_rows_from_lists_reconcile_with_the_per_request_result():
    log = generated_log(ROWS)
    r = inference_batch(log, region="US")
    check_large(r, log)


def test_a_million_rows_from_csv_reconcile_with_the_per_request_result(tmp_path):
    log = generated_log(ROWS)
    path = tmp_path / "requests.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["model", "output_tokens", "requests"])
        w.writerows(zip(log["model"], log["output_tokens"], log["requests"]))
    r = inference_csv(path, region="US")
    check_large(r, log)
    assert r.reason[999] == f"{path}:1001: " + r.resolutions[3]["reason"]  # row 999 is line 1001


def test_rows_equal_inference_exactly_and_bad_rows_keep_their_message():
    columns = {
        "model": ["claude-3-5-sonnet-20241022", "gpt-4o-mini", "mistral-small", UNKNOWN, "gpt-4o-mini",
                  "mistral-small"],
        "output_tokens": [500, 1200, 0, 10, -5, 250.5],
        "input_tokens": [100, 0, 20, 0, 0, 3000],
        "requests": [3, 1, 2, 1, 1, None],
        "region": ["FR", "US", None, "FR", "FR", "DE"],
    }
    r = inference_batch(columns, region="US")
    assert r.computed == [True, True, True, False, False, False]
    for i in range(3):
        one = inference(columns["model"][i], output_tokens=columns["output_tokens"][i],
                        input_tokens=columns["input_tokens"][i], requests=columns["requests"][i],
                        region=columns["region"][i] or "US")
        assert (r.energy_kwh[i], r.co2e_kg[i], r.low_kg[i], r.high_kg[i]) == (one.energy_kwh, one.co2e_kg, one.low,
                                                                              one.high)
    with pytest.raises(ghgkit.FactorLookupError) as unknown:
        inference(UNKNOWN, output_tokens=10, region="FR")
    assert r.reason[3] == str(unknown.value)
    assert r.reason[4] == "field 'output_tokens': found -5, expected a finite number >= 0"
    assert r.reason[5] == "field 'requests': found nan, expected a finite number >= 0"
    assert r.low_kg[0] < r.co2e_kg[0] < r.high_kg[0]
    assert any(w.startswith("input tokens not counted") for w in r.warnings)
    assert len(set(r.warnings)) == len(r.warnings)
    first = r.resolutions[0]
    assert first["model"] == "claude-3-5-sonnet-20241022" and first["region"] == "FR" and first["range"]
    assert {"name": "pue (high)", "value": 1.14, "unit": "1",
            "origin": "ecologits.llm.inference.datacenter.pue.high.anthropic",
            "source": "ecologits-llm-inference"} in first["figures"]


def test_one_value_for_every_row_and_sequences_other_than_lists():
    r = inference_batch({"model": "gpt-4o-mini", "output_tokens": (100, 200), "requests": 2},
                        intensity_kg_per_kwh=0.5)
    one = inference("gpt-4o-mini", output_tokens=200, requests=2, intensity_kg_per_kwh=0.5)
    assert len(r) == 2 and r.co2e_kg[1] == one.co2e_kg
    np = pytest.importorskip("numpy")
    arrays = inference_batch({"model": np.array(["gpt-4o-mini", "mistral-small"]),
                              "output_tokens": np.array([100.0, 200.0])}, intensity_kg_per_kwh=0.5)
    assert arrays.computed == [True, True]
    assert arrays.co2e_kg[0] == inference("gpt-4o-mini", output_tokens=100, intensity_kg_per_kwh=0.5).co2e_kg


def test_structural_problems_raise():
    with pytest.raises(ghgkit.InputError, match="field 'columns': found 'colour', expected the columns model"):
        inference_batch({"model": ["gpt-4o-mini"], "output_tokens": [1], "colour": ["red"]}, region="US")
    with pytest.raises(ghgkit.InputError, match="found no column 'output_tokens'"):
        inference_batch({"model": ["gpt-4o-mini"]}, region="US")
    with pytest.raises(ghgkit.InputError, match="batch column 'output_tokens' row 1: found str, expected a number"):
        inference_batch({"model": ["a", "b"], "output_tokens": [1, "2"]}, region="US")
    with pytest.raises(ghgkit.InputError, match="batch column 'requests' has 3 values: expected 2"):
        inference_batch({"model": ["a", "b"], "output_tokens": [1, 2], "requests": [1, 2, 3]}, region="US")
    with pytest.raises(ghgkit.InputError, match="found 0.9, expected a PUE >= 1"):
        inference_batch({"model": ["a"], "output_tokens": [1]}, region="US", pue=0.9)


def test_csv_header_and_bad_cells(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("model,output_tokens,colour\ngpt-4o-mini,1,red\n", encoding="utf-8")
    with pytest.raises(ghgkit.InputError) as e:
        inference_csv(bad, region="US")
    assert str(e.value) == (f"{bad}:1: field 'header': found 'colour', expected the columns model, output_tokens, "
                            "input_tokens, requests, region")
    log = tmp_path / "log.csv"
    log.write_text("output_tokens,model,region\n500,gpt-4o-mini,FR\nmany,gpt-4o-mini,FR\n120,mistral-small,\n",
                   encoding="utf-8")
    r = inference_csv(str(log), region="US")
    assert r.computed == [True, False, True]
    assert r.reason[1] == f"{log}:3: field 'output_tokens': found 'many', expected a number"
    assert r.co2e_kg[2] == inference("mistral-small", output_tokens=120, region="US").co2e_kg
