"""The tutorial notebook runs from its folder without error, and its figures are the library's."""
from __future__ import annotations

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

import ghgkit  # noqa: E402
from ghgkit import digital, grid  # noqa: E402

from conftest import REPO  # noqa: E402

NOTEBOOK = REPO / "examples" / "notebooks" / "tutorial.ipynb"


def test_the_tutorial_is_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    """The tutorial executed with cwd = examples/notebooks, by a kernel of this test's Python."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as env:
        # The python3 kernel spec starts `python`: this interpreter's folder first on PATH, so that the kernel
        # imports the ghgkit under test (PYTHONPATH is inherited too). The inline backend, as in Jupyter, even
        # when the tests run with MPLBACKEND=Agg.
        env.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
        env.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                         resources={"metadata": {"path": str(NOTEBOOK.parent)}})
        client.execute()
    return nb


def outputs(nb: nbformat.NotebookNode) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def test_the_tutorial_runs_without_error_and_shows_tables_and_plots(executed):
    out = outputs(executed)
    assert not [o for o in out if o.output_type == "error"]
    assert not [o for o in out if o.output_type == "stream" and o.name == "stderr"]
    html = [o.data["text/html"] for o in out if "data" in o and "text/html" in o.data]
    title = '<div class="ghgkit-result"><strong>GHG inventory: Lumière Textiles SAS, 2024'
    assert any(h.startswith(title) for h in html)
    assert any("<strong>Footprint</strong>" in h for h in html)
    assert any("<strong>WindowPlan</strong>" in h for h in html)
    pngs = [o for o in out if "data" in o and "image/png" in o.data]
    assert len(pngs) == 4  # scope breakdown, scope 2 methods, uncertainty, hourly


def test_the_tutorial_figures_are_the_librarys(executed):
    (cell,) = [c for c in executed.cells if "summary" in c.get("metadata", {}).get("tags", [])]
    summary = json.loads("".join(o.text for o in cell.outputs if o.output_type == "stream"))
    result = ghgkit.Inventory.load(REPO / "examples" / "lyon" / "inventory.yaml").compute()
    assert summary["total_location_kg"] == pytest.approx(result.total_kg())
    assert summary["total_market_kg"] == pytest.approx(result.total_kg(scope2="market"))
    assert summary["scope2_location_kg"] == pytest.approx(result.total_kg(scope=2))
    assert summary["scope2_market_kg"] == pytest.approx(result.total_kg(scope=2, scope2="market"))
    assert summary["scope2_market_kg"] < summary["scope2_location_kg"]  # the guarantees of origin count
    assert summary["skipped_rows"] == len(result.skipped) == 1
    tuning = digital.training(count=8, hours=48, tdp_w=700, utilization=0.6, host_power_w=2000, pue=1.2, region="FR")
    assert summary["fine_tuning_co2e_kg"] == pytest.approx(tuning.co2e_kg)
    day = digital.inference("meta-llama/Meta-Llama-3.1-8B-Instruct", output_tokens=400, requests=50_000, pue=1.2,
                            region="FR")
    assert summary["inference_day_co2e_kg"] == pytest.approx(day.co2e_kg)
    front = digital.cloud_usage("aws", "eu-west-3", vcpu_hours=4 * 8760, cpu_utilization=0.4,
                                memory_gb_hours=16 * 8760)
    assert summary["front_end_co2e_kg"] == pytest.approx(front.co2e_kg)
    series = grid.IntensitySeries.from_csv(REPO / "examples" / "grid" / "synthetic_two_zones.csv")
    plan = series.best_window(5, 6.0, "2024-10-26T18:00:00+02:00", "2024-10-28T18:00:00+01:00", zone="SYNTH-HIGH")
    assert summary["window_start"] == plan.start.isoformat()
    assert summary["window_co2e_kg"] == pytest.approx(plan.co2e_kg)
    job = {plan.start + timedelta(hours=h): 6.0 for h in range(5)}
    assert series.emissions(job, zone="SYNTH-HIGH").co2e_kg == pytest.approx(plan.co2e_kg)
    assert summary["best_zone"] == "SYNTH-LOW"
