"""The digital examples run (CI runs them here) and print the numbers worked by hand below."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import REPO


def test_ai_service_fr_vs_ie_example():
    done = subprocess.run([sys.executable, "examples/digital/ai_service_fr_vs_ie.py"], cwd=REPO, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    # Training: (8 x 120 h x 400 W x 0.6 + 120 h x 1,500 W) / 1000 = 230.4 + 180 = 410.4 kWh x PUE 1.3 = 533.52 kWh.
    # Serving: 8,760 h x (32 x 10 W x 0.4 + 128 GB x 0.3725 W/GB) x 1.3 / 1000 = 2,000.64 kWh.
    assert out.count("533.5 kWh") == 2 and out.count("2,000.6 kWh") == 2
    # Grid factors of the latest year (OWID via codecarbon's global_energy_mix.json): FR 56.039 g/kWh,
    # IE 290.8 g/kWh (2023).
    totals = [float(t.replace(",", "")) for t in re.findall(r"total\s+([\d,.]+) kg CO2e", out)]
    assert totals[0] == pytest.approx((533.52 + 2000.64) * 0.056039, abs=0.05)
    assert "owid-energy.electricity.grid.IE.2023" in out
