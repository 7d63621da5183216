"""Hardware coefficients and catalogues: factors/hardware/*.yaml against the raw public files.

Each spot check reads the raw file (../shared/data) and compares it with the YAML loaded with PyYAML;
expected ids and units are written out by hand.
"""
from __future__ import annotations

import csv
import json
import re

import pytest

from conftest import DATA, REPO, coefficient_documents, skip_module_without_raw_data, yaml_loader

yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read the coefficient files")

FOLDER = REPO / "factors" / "hardware"
skip_module_without_raw_data("the hardware coefficients cannot be compared with their raw files")

doc = yaml_loader(FOLDER)


def entry(name: str, section: str, eid: str) -> dict:
    for e in doc(name)[section]:
        if e["id"] == eid:
            return e
    raise AssertionError(f"{eid} missing from {section} of factors/hardware/{name}")


def raw_csv(rel: str, skip: int = 0) -> list[dict[str, str]]:
    with (DATA / rel).open(newline="", encoding="utf-8-sig") as fh:
        for _ in range(skip):
            fh.readline()
        return list(csv.DictReader(fh))


def test_cpu_tdp_codecarbon():
    raw = next(r for r in raw_csv("codecarbon/hardware/cpu_power.csv") if r["Name"] == "AMD EPYC 7763")
    c = entry("codecarbon_cpus.yaml", "cpus", "codecarbon-cpu-power.amd-epyc-7763")
    assert c["tdp_w"] == float(raw["TDP"]) and c["name"] == "AMD EPYC 7763"


def test_cpu_tdp_green_algorithms_is_a_separate_record():
    raw = next(r for r in raw_csv("green-algorithms/TDP_cpu.csv", skip=1) if r["model"] == "Xeon Gold 6148")
    c = entry("green_algorithms.yaml", "cpus", "green-algorithms-hardware.cpu.xeon-gold-6148")
    assert c["tdp_w"] == float(raw["TDP"]) == 150 and c["cores"] == int(raw["n_cores"])
    assert c["tdp_per_core_w"] == float(raw["TDP_per_core"]) and c["reference"] == raw["source"]
    # the same CPU in mlco2-impact gpus.csv stays its own record (never averaged)
    m = entry("mlco2_gpus.yaml", "cpus", "mlco2-impact-gpus.cpu.intel-xeon-gold-6148")
    assert m["tdp_w"] == 150 and m["source"] == "mlco2-impact-gpus"


def test_cpu_rows_with_two_numbers_run_together_are_left_out():
    bad = [r["Name"] for r in raw_csv("codecarbon/hardware/cpu_power.csv") if not re.fullmatch(r"\d+(\.\d+)?", r["TDP"])]
    names = {c["name"] for c in doc("codecarbon_cpus.yaml")["cpus"]}
    assert bad and not names & set(bad)
    assert len(names) + len(bad) == len(raw_csv("codecarbon/hardware/cpu_power.csv"))


def test_accelerator_tdp_h100_sxm():
    raw = next(r for r in raw_csv("mlco2-impact/gpus.csv") if r["name"] == "H100 SXM")
    a = entry("mlco2_gpus.yaml", "accelerators", "mlco2-impact-gpus.accelerator.h100-sxm")
    assert a["tdp_w"] == float(raw["tdp_watts"]) == 700 and a["memory_gb"] == float(raw["memory"]) == 80
    assert a["device"] == "nvidia-h100-sxm" and a["type"] == "gpu" and a["vendor"] == "NVIDIA"
    assert "NVIDIA H100 SXM 80GB" in a["aliases"]  # BoaviztAPI's name of the same device


def test_accelerator_a100_variants_from_green_algorithms():
    rows = {r["model"]: r for r in raw_csv("green-algorithms/TDP_gpu.csv", skip=1)}
    a40 = entry("green_algorithms.yaml", "accelerators", "green-algorithms-hardware.accelerator.nvidia-a100-40gb-pcie")
    a80 = entry("green_algorithms.yaml", "accelerators", "green-algorithms-hardware.accelerator.nvidia-a100-80gb-pcie")
    assert a40["tdp_w"] == float(rows["NVIDIA A100 40GB PCIe"]["TDP"]) == 250
    assert a80["tdp_w"] == float(rows["NVIDIA A100 80GB PCIe"]["TDP"]) == 300
    assert a40["device"] != a80["device"]


def test_tpu_average_power_is_not_called_tdp():
    raw = next(r for r in raw_csv("mlco2-impact/gpus.csv") if r["name"] == "TPUv3 Chip")
    assert "not TDP" in raw["source"]
    a = entry("mlco2_gpus.yaml", "accelerators", "mlco2-impact-gpus.accelerator.tpuv3-chip")
    assert "tdp_w" not in a and a["avg_power_w"] == float(raw["tdp_watts"]) and a["type"] == "tpu"


def test_short_a10g_row_reads_memory_and_source_from_its_last_fields():
    with (DATA / "mlco2-impact/gpus.csv").open(newline="") as fh:
        row = next(r for r in csv.reader(fh) if r[0] == "A10G")
    a = entry("mlco2_gpus.yaml", "accelerators", "mlco2-impact-gpus.accelerator.a10g")
    assert a["memory_gb"] == float(row[-2]) == 24 and a["reference"] == row[-1].strip() and a["tdp_w"] == 150


def test_forty_plus_distinct_accelerators():
    devices = {a["device"] for p in coefficient_documents(FOLDER) for a in yaml.safe_load(p.read_text()).get("accelerators", [])
               if {"tdp_w", "avg_power_w", "memory_gb"} & set(a)}
    assert len(devices) >= 40, sorted(devices)


def test_memory_power_per_gb():
    raw = next(r for r in raw_csv("green-algorithms/referenceValues.csv", skip=1) if r["variable"] == "memoryPower")
    c = entry("green_algorithms.yaml", "coefficients", "green-algorithms-hardware.memory.power_per_capacity")
    assert c["value"] == float(raw["value"]) == 0.3725 and c["unit"] == "W/GB"


def load_factors_yml() -> dict:
    out: dict = {}
    for block in re.split(r'\n(?=")', (DATA / "boaviztapi/factors.yml").read_text(encoding="utf-8")):
        if block.strip():
            out.update(json.loads("{" + block.strip() + "}"))
    return out


def test_boavizta_embodied_constants_gwp():
    fy = load_factors_yml()
    cases = {
        "boaviztapi-hardware.embodied.cpu.per_die_area": (fy["cpu"]["gwp"]["die_impact"], "kgCO2e/mm^2"),
        "boaviztapi-hardware.embodied.cpu.base": (fy["cpu"]["gwp"]["impact"], "kgCO2e"),
        "boaviztapi-hardware.embodied.ram.per_die_area": (fy["ram"]["gwp"]["die_impact"], "kgCO2e/cm^2"),
        "boaviztapi-hardware.embodied.power_supply.per_mass": (fy["power_supply"]["gwp"]["impact"], "kgCO2e/kg"),
        "boaviztapi-hardware.embodied.case.rack": (fy["case"]["gwp"]["rack"]["impact"], "kgCO2e"),
        "boaviztapi-hardware.embodied.server.assembly": (fy["assembly"]["gwp"]["impact"], "kgCO2e"),
    }
    for eid, (value, unit) in cases.items():
        c = entry("boaviztapi.yaml", "coefficients", eid)
        assert (c["value"], c["unit"]) == (value, unit), eid
    # BoaviztAPI documents the CPU die impact as 1.97 kgCO2eq/cm2, i.e. 0.0197 per mm2
    assert entry("boaviztapi.yaml", "coefficients", "boaviztapi-hardware.embodied.cpu.per_die_area")["value"] == 0.0197


def test_server_embodied_per_device_matches_the_ademe_copy():
    fy = load_factors_yml()
    c = entry("boaviztapi.yaml", "coefficients", "boaviztapi-hardware.embodied.device.server")
    assert c["value"] == fy["SERVER"]["gwp"]["impact"] and c["unit"] == "kgCO2e" and c["per"] == "device"
    ademe = next(r for r in raw_csv("boaviztapi/crowdsourcing/ademe_base_impacts_negaoctet.csv") if r["Category"] == "Server")
    assert c["value"] == float(ademe["GWP"].replace(",", "."))


def test_server_archetype_default_min_max():
    raw = next(r for r in raw_csv("boaviztapi/archetypes/server.csv") if r["id"] == "platform_compute_medium")
    s = entry("boaviztapi_servers.yaml", "server_archetypes", "boaviztapi-hardware.server.platform_compute_medium")
    d, lo, hi = (int(x) for x in raw["CPU.core_units"].split(";"))
    assert s["cpu"]["core_units"] == {"default": d, "min": lo, "max": hi}


def test_every_coefficient_unit_parses_in_the_unit_registry():
    ghgkit = pytest.importorskip("ghgkit")
    units = {c["unit"] for p in coefficient_documents(FOLDER) for c in yaml.safe_load(p.read_text()).get("coefficients", [])}
    for u in sorted(units):
        ghgkit.unit_dimension(u)


@pytest.mark.parametrize("path", coefficient_documents(FOLDER), ids=lambda p: p.name)
def test_documents_follow_the_format(path):
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert d["schema"] == "ghgkit.coefficients/1"
    assert set(d) - {"schema"} <= {"sources", "coefficients", "accelerators", "cpus", "server_archetypes"}
    sources = {s["id"] for s in doc("sources.yaml")["sources"]}
    for section in ("coefficients", "accelerators", "cpus", "server_archetypes"):
        ids = [e["id"] for e in d.get(section, [])]
        assert len(ids) == len(set(ids))
        for e in d.get(section, []):
            assert e["source"] in sources and None not in e.values(), e["id"]
    for a in d.get("accelerators", []):
        assert a["type"] in ("gpu", "tpu", "npu") and {"device", "vendor", "name"} <= set(a)
