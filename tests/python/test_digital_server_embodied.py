"""ghgkit.digital server manufacturing (BoaviztAPI component method) and its shares, from Python: the same
hand-worked cases as tests/cpp/digital/test_server_embodied.cpp, through the bindings.

Constants (factors/hardware/boaviztapi.yaml): CPU 0.0197 kg/mm2 + 9.14 kg; RAM and SSD 2.2 kg/cm2 + 5.22 kg
(RAM) or 6.34 kg (SSD); HDD 31.11; motherboard 66.1; power supply 24.3 kg/kg; rack 150; blade 30.9 + 880 / 16;
assembly 6.68. Mean die densities of the database: RAM 13.688 / 11 GB/cm2 (0.625-2.375), SSD 1042.8 / 19
(16.4-128)."""
from __future__ import annotations

import pytest

import ghgkit
from ghgkit import digital

RAM_MEAN = 13.688 / 11
SSD_MEAN = 1042.8 / 19
# Dell R740: 2 x (24 x 24.5 mm2 x 0.0197 + 9.14) + 12 x (32 / RAM_MEAN x 2.2 + 5.22)
#            + (400 / SSD_MEAN x 2.2 + 6.34) + 66.1 + 6.68 + 2 x 2.99 x 24.3 + 150 = 1173.46 kg.
DELL = (2 * (24 * 24.5 * 0.0197 + 9.14) + 12 * (32 / RAM_MEAN * 2.2 + 5.22) + (400 / SSD_MEAN * 2.2 + 6.34) + 66.1
        + 6.68 + 2 * 2.99 * 24.3 + 150)
# Low: densest dies, 1 power supply of 1 kg; high: least dense dies, 2 supplies of 5 kg.
DELL_LOW = 41.4472 + 12 * (32 / 2.375 * 2.2 + 5.22) + (400 / 128 * 2.2 + 6.34) + 66.1 + 6.68 + 24.3 + 150
DELL_HIGH = 41.4472 + 12 * (32 / 0.625 * 2.2 + 5.22) + (400 / 16.4 * 2.2 + 6.34) + 66.1 + 6.68 + 243 + 150


def test_public_names():
    for name in ("server_embodied", "server_embodied_share", "instance_embodied", "ServerFootprint"):
        assert name in digital.__all__
        assert hasattr(digital, name)


def test_dell_r740_by_component_with_its_range():
    s = digital.server_embodied("dellR740")
    assert isinstance(s, digital.ServerFootprint)
    assert s.embodied_kg == pytest.approx(DELL, rel=1e-12)
    assert s.co2e_kg == s.embodied_kg
    assert s.low == pytest.approx(DELL_LOW, rel=1e-12)
    assert s.high == pytest.approx(DELL_HIGH, rel=1e-12)
    assert s.archetype == "dellR740"
    assert s.lifetime_h == 35040
    parts = {c["name"]: c for c in s.components}
    assert parts["cpu"]["kg"] == pytest.approx(41.4472, rel=1e-12)
    assert parts["power_supply"]["low_kg"] == pytest.approx(24.3, rel=1e-12)
    assert "hdd" not in parts
    assert s.figure("cpu die impact") == (pytest.approx(0.0197), "kgCO2e/mm^2",
                                          "boaviztapi-hardware.embodied.cpu.per_die_area")
    assert s.provenance["steps"][0] == "cpu = 2 CPU x (588 mm2 x 0.0197 kg/mm2 + 9.14 kg) = 41.4472 kg"


def test_hard_disks_and_overrides_show_as_arguments():
    # Storage_Optimized_i1: 2 HDD x 31.11 = 62.22 kg.
    s = digital.server_embodied("Storage_Optimized_i1")
    assert {c["name"]: c["kg"] for c in s.components}["hdd"] == pytest.approx(62.22, rel=1e-12)
    # Dell R740 with 16 cores (2 x (392 x 0.0197 + 9.14) = 33.7248 kg), RAM density 1.25 (12 x (25.6 x 2.2 + 5.22)
    # = 738.48 kg), a blade case (30.9 + 55 = 85.9 kg).
    o = digital.server_embodied("dellR740", cpu_core_units=16, ram_density_gb_per_cm2=1.25, case_type="blade")
    parts = {c["name"]: c["kg"] for c in o.components}
    assert parts["cpu"] == pytest.approx(33.7248, rel=1e-12)
    assert parts["ram"] == pytest.approx(738.48, rel=1e-12)
    assert parts["case"] == pytest.approx(85.9, rel=1e-12)
    assert o.figure("cpu core units") == (16.0, "1", "argument")


def test_a_cpu_without_die_size_takes_the_catalogued_mean():
    # mean die area of the 5 catalogued CPUs 670.8 mm2 (540-1064): 2 x (670.8 x 0.0197 + 9.14) = 44.70952 kg
    o = digital.server_embodied("c5.metal")
    parts = {c["name"]: c for c in o.components}
    assert parts["cpu"]["kg"] == pytest.approx(44.70952, rel=1e-12)
    assert any(w.startswith("cpu die size unknown") for w in o.provenance["warnings"])


def test_errors_name_the_field():
    with pytest.raises(ghgkit.FactorLookupError, match="field 'archetype': found 'nope'"):
        digital.server_embodied("nope")
    with pytest.raises(ghgkit.InputError, match="field 'case_type': found 'tower', expected 'rack' or 'blade'"):
        digital.server_embodied("dellR740", case_type="tower")
    with pytest.raises(ghgkit.InputError, match="field 'cpu_cores'"):
        digital.server_embodied("dellR740", cpu_cores=4)


def test_share_over_the_archetype_lifetime():
    # A year (8760 h) of half the server over 35,040 h: DELL x 0.125.
    m = digital.server_embodied_share("dellR740", hours=8760, share=0.5)
    assert m.embodied_kg == pytest.approx(DELL * 0.125, rel=1e-12)
    assert m.low == pytest.approx(DELL_LOW * 0.125, rel=1e-12)


def test_cloud_instance_share():
    # OVHcloud b3-8 on General_Purpose_b3 (2 x EPYC 7763, 128 threads each: 256 vCPUs; 52,560 h).
    te = (2 * (64 * 16.625 * 0.0197 + 9.14) + 8 * (16 / RAM_MEAN * 2.2 + 5.22) + (400 / SSD_MEAN * 2.2 + 6.34) + 66.1
          + 6.68 + 2 * 2.99 * 24.3 + 150)
    r = digital.instance_embodied("ovhcloud", "b3-8", vcpu_hours=1440)
    assert r.embodied_kg == pytest.approx(te * 1440 / (256 * 52560), rel=1e-12)
    assert r.low < r.embodied_kg < r.high
    # AWS c5.xlarge: the platform c5.18xlarge names its CPU only; the die size as an argument, 72 vCPUs from the
    # catalogue's c5.18xlarge: TE = 2 x (694 x 0.0197 + 9.14) + 12 x (16 / RAM_MEAN x 2.2 + 5.22) + 66.1 + 6.68
    # + 2 x 2.99 x 24.3 + 150.
    te_aws = (2 * (694 * 0.0197 + 9.14) + 12 * (16 / RAM_MEAN * 2.2 + 5.22) + 66.1 + 6.68 + 2 * 2.99 * 24.3 + 150)
    a = digital.instance_embodied("aws", "c5.xlarge", 400, cpu_die_size_mm2=694)
    assert a.embodied_kg == pytest.approx(te_aws * 400 / (72 * 52560), rel=1e-12)
    assert a.figure("platform vcpu")[2] == "boaviztapi-cloud.aws.c5-18xlarge"
    te_mean = te_aws - 2 * (694 - 670.8) * 0.0197  # the catalogued CPUs' mean die area, 670.8 mm2
    assert digital.instance_embodied("aws", "c5.xlarge", 400).embodied_kg == pytest.approx(
        te_mean * 400 / (72 * 52560), rel=1e-12)
