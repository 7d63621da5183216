"""ghgkit.digital.cloud_usage_batch and cloud_usage_csv: cloud billing exports through the batch path.

The expected numbers are worked by hand from CCF's coefficients (factors/cloud/ccf.yaml and
ccf_electricity.yaml), the same figures as tests/python/test_cloud_usage.py:
  A row "aws, eu-west-3: 720 vCPU-h at CCF's average 0.5, 1000 GB-h memory, 10 TB-h SSD x2, 50 GB":
    (0.74 + 0.5 x 2.76) x 720 / 1000 = 1.5264; 1000 x 0.000392 = 0.392; 10 x 1.2 / 1000 x 2 = 0.024;
    50 x 0.001 = 0.05 -> IT 1.9924 kWh x PUE 1.135 x 0.0511 kg/kWh.
  A row "aws, eu-west-3: 720 vCPU-h only": 1.5264 kWh x 1.135 x 0.0511.
"""
from __future__ import annotations

import math

import pytest

from ghgkit import digital

FULL_KWH = 1.9924 * 1.135
FULL_KG = FULL_KWH * 0.0511
VCPU_KWH = 1.5264 * 1.135
VCPU_KG = VCPU_KWH * 0.0511
HEADER = ("provider,region,service,vcpu_hours,cpu_utilization,memory_gb_hours,storage_tb_hours,storage_type,"
          "replication,network_gb,gpu_hours,gpu,microarchitecture\n")
FULL = "aws,eu-west-3,EC2,720,,1000,10,ssd,2,50,,,\n"
VCPU_ONLY = "AWS,eu-west-3,EC2,720,,,,,,,,,\n"
# Bad rows: a cell that is not a number, a region without a grid factor, a utilisation in percent.
BAD = {"aws,eu-west-3,EC2,seven,,,,,,,,,\n": "field 'vcpu_hours': found 'seven', expected a number",
       "aws,eu-west-9,EC2,1,,,,,,,,,\n": "field 'region': found 'eu-west-9' (provider 'aws')",
       "aws,eu-west-3,EC2,1,50,,,,,,,,\n": "field 'cpu_utilization': found 50, expected a fraction from 0 to 1"}


def write_export(path, rows: int, special: dict[int, str]) -> None:
    """`rows` data rows of FULL, except the rows (0-based) of `special`."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        start = 0
        for index in sorted(special):
            f.write(FULL * (index - start))
            f.write(special[index])
            start = index + 1
        f.write(FULL * (rows - start))


def test_a_million_row_billing_csv_goes_through_the_batch_path(tmp_path):
    n = 1_000_000
    special = {7: VCPU_ONLY, 250_000: VCPU_ONLY, 500_001: VCPU_ONLY, 999_999: VCPU_ONLY}
    bad_rows = dict(zip((3, 400_000, 999_998), BAD))
    special.update(bad_rows)
    path = tmp_path / "billing.csv"
    write_export(path, n, special)

    r = digital.cloud_usage_csv(path)
    assert len(r) == n
    assert r.skipped_rows == 3 and r.computed_rows == n - 3
    assert r.computed_rows + r.skipped_rows == n
    computed = r.computed
    reasons = r.reason
    for index, row in bad_rows.items():
        assert not computed[index]
        # data row i is on line i + 2 (the header is line 1)
        assert reasons[index].startswith(f"{path}:{index + 2}: {BAD[row]}")
    assert sum(1 for x in reasons if x) == 3

    # The total, by hand: n - 7 identical full rows and 4 vCPU-only rows.
    expected_kg = (n - 7) * FULL_KG + 4 * VCPU_KG
    expected_kwh = (n - 7) * FULL_KWH + 4 * VCPU_KWH
    assert r.total_co2e_kg == pytest.approx(expected_kg, rel=1e-12)
    assert r.total_energy_kwh == pytest.approx(expected_kwh, rel=1e-12)
    assert r.total == {"rows": n - 3, "energy_kwh": r.total_energy_kwh, "co2e_kg": r.total_co2e_kg, "embodied_kg": 0.0}
    co2e = r.co2e_kg
    assert co2e[0] == pytest.approx(FULL_KG, rel=1e-12)
    assert co2e[7] == pytest.approx(VCPU_KG, rel=1e-12)
    assert co2e[3] == 0.0

    # Reconciliation: rows, subtotals and total agree.
    assert math.fsum(co2e) == pytest.approx(r.total_co2e_kg, rel=1e-13)
    subtotals = r.subtotals
    assert [(s["provider"], s["region"], s["service"], s["rows"]) for s in subtotals] == [
        ("aws", "eu-west-3", "EC2", n - 3)]  # "AWS" and "aws" are one provider
    assert subtotals[0]["co2e_kg"] == pytest.approx(r.total_co2e_kg, rel=1e-13)

    # Two distinct keys computed (full usage, vCPU only), each figure set listed once.
    sets = r.figure_sets
    assert sum(s["rows"] for s in sets) == n - 3
    assert {s["grid_factor_id"] for s in sets} == {"ccf.cloud.electricity.aws.eu-west-3.2024"}
    origins = {f["name"]: f["origin"] for f in sets[0]["figures"]}
    assert origins["pue"] == "ccf.aws.datacenter.pue.average"
    assert origins["cpu utilization"] == "ccf.aws.compute.average_cpu_utilization.2020"
    assert r.resolved_keys <= 5
    assert any(w.startswith("embodied emissions not counted") for w in r.warnings)


def test_columns_in_lists_equal_cloud_usage_row_by_row():
    columns = {
        "provider": ["aws", "gcp", "azure", "aws", "aws", "aws"],
        "region": ["eu-west-3", "europe-west1", "westeurope", "us-east-1", "eu-west-9", "eu-west-3"],
        "service": "compute",
        "vcpu_hours": [720, 100, 0, 3, 1, 10],
        "cpu_utilization": [None, 0.3, None, 0.7, None, 1.5],
        "memory_gb_hours": [1000, 0, 2000, 0, 0, 0],
        "storage_tb_hours": [10, 0, 100, 0, 0, 0],
        "storage_type": ["ssd", None, "HDD", None, None, None],
        "replication": [2, 1, 1, 1, 1, 1],
        "network_gb": [50, 0, 0, 0, 0, 0],
        "gpu_hours": [0, 0, 0, 5, 0, 0],
        "gpu": [None, None, None, "NVIDIA_T4", None, None],
        "microarchitecture": [None, "Cascade Lake", None, None, None, None],
    }
    r = digital.cloud_usage_batch(columns)
    assert r.computed == [True, True, True, True, False, False]
    for i in range(6):
        kwargs = {k: (v if isinstance(v, str) else v[i]) for k, v in columns.items() if k != "service"}
        kwargs = {k: v for k, v in kwargs.items() if v is not None}
        if not r.computed[i]:
            with pytest.raises(ValueError) as e:
                digital.cloud_usage(**kwargs)
            assert r.reason[i] == str(e.value)
            assert r.figure_set[i] is None
            continue
        one = digital.cloud_usage(**kwargs)
        assert r.energy_kwh[i] == one.energy_kwh  # the same arithmetic, to the last bit
        assert r.co2e_kg[i] == one.co2e_kg
    assert r.co2e_kg[0] == pytest.approx(FULL_KG, rel=1e-12)
    assert r.reason[5] == "field 'cpu_utilization': found 1.5, expected a fraction from 0 to 1"


def test_numpy_columns_through_the_buffer_protocol():
    np = pytest.importorskip("numpy")
    n = 1000
    r = digital.cloud_usage_batch({"provider": "aws", "region": np.array(["eu-west-3"] * n, dtype=object),
                                   "vcpu_hours": np.full(n, 720.0), "cpu_utilization": np.full(n, np.nan),
                                   "memory_gb_hours": np.arange(n) * 0 + 1000})  # int64: converted item by item
    assert r.computed_rows == n
    assert r.total_co2e_kg == pytest.approx(n * (1.5264 + 0.392) * 1.135 * 0.0511, rel=1e-12)


def test_structural_problems_raise():
    with pytest.raises(ValueError, match="field 'columns': found 'colour'"):
        digital.cloud_usage_batch({"provider": ["aws"], "region": ["eu-west-3"], "colour": ["red"]})
    with pytest.raises(ValueError, match="found no column 'region'"):
        digital.cloud_usage_batch({"provider": ["aws"]})
    with pytest.raises(ValueError, match="batch column 'region' has 2 values"):
        digital.cloud_usage_batch({"provider": ["aws"] * 3, "region": ["eu-west-3"] * 2})
    with pytest.raises(ValueError, match="column 'vcpu_hours': found str, expected numbers"):
        digital.cloud_usage_batch({"provider": ["aws"], "region": ["eu-west-3"], "vcpu_hours": ["1"]})


def test_csv_header_errors_name_line_one(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("provider,region,vcpu_hours,colour\naws,eu-west-3,1,red\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"^{path}:1: field 'header': found 'colour'"):
        digital.cloud_usage_csv(path)
