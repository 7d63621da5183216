"""The digital examples run (CI runs them here) and print the numbers worked by hand below."""
from __future__ import annotations

import math
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


def test_chat_assistant_example():
    done = subprocess.run([sys.executable, "examples/digital/chat_assistant.py"], cwd=REPO, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    # Fine-tuning: (8 x 48 h x 700 W x 0.6 + 48 h x 2,000 W) / 1000 = 161.28 + 96 = 257.28 kWh x 1.2 = 308.736 kWh;
    # x 0.056039 kg/kWh (FR, 2023) = 17.301 kg.
    assert "308.7 kWh" in out and "17.301 kg CO2e" in out
    # Inference (EcoLogits): f_E = 1.1665e-6 x exp(-0.011206 x 64) x 8.03 + 4.0529e-5 = 4.51013e-5 Wh/token
    # on 1 GPU (1.2 x 8.03 x 16 / 8 = 19.3 GB < 80 GB); latency 400 x (6.78e-4 x 8.03 + 3.12e-4 x 64 + 1.94e-2)
    # = 17.9249 s; server 17.9249 / 3600 x 1.2 kW x 1/8 / 64 = 1.16699e-5 kWh; per request 1.2 x (1.16699e-5 +
    # 400 x 4.51013e-5 / 1000) = 3.56525e-5 kWh; x 50,000 = 1.783 kWh.
    f_e = 1.1665e-6 * math.exp(-0.011206 * 64) * 8.03 + 4.0529e-5
    latency = 400 * (6.78e-4 * 8.03 + 3.12e-4 * 64 + 1.94e-2)
    per_request = 1.2 * (latency / 3600 * 1.2 / 8 / 64 + 400 * f_e / 1000)
    assert f"{per_request * 50_000:10,.3f} kWh" in out
