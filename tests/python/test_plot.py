"""ghgkit.plot: each plot returns its Axes with the bars and lines of the result's own figures (Agg backend)."""
from __future__ import annotations

import math
import subprocess
import sys
from datetime import timedelta

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.container import BarContainer  # noqa: E402

import ghgkit  # noqa: E402
from ghgkit import grid, plot  # noqa: E402

from conftest import REPO  # noqa: E402

NOW, DEADLINE = "2024-10-26T18:00:00+02:00", "2024-10-28T18:00:00+01:00"


def t(kg: float) -> float:
    return ghgkit.convert(kg, "kg", "t")


@pytest.fixture(scope="module")
def inventory() -> ghgkit.Inventory:
    return ghgkit.Inventory.load(REPO / "examples" / "lyon" / "inventory.yaml")


@pytest.fixture(scope="module")
def lyon(inventory) -> ghgkit.InventoryResult:
    return inventory.compute()


@pytest.fixture(scope="module")
def series() -> grid.IntensitySeries:
    return grid.IntensitySeries.from_csv(REPO / "examples" / "grid" / "synthetic_two_zones.csv")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def bar_containers(ax: Axes) -> list:
    return [c for c in ax.containers if isinstance(c, BarContainer)]


def bars(ax: Axes) -> list:
    """The bars of every bar container of `ax`, in drawing order."""
    return [patch for container in bar_containers(ax) for patch in container.patches]


def test_import_ghgkit_imports_neither_matplotlib_nor_data_frame_libraries():
    code = ("import sys, ghgkit, ghgkit.plot; "
            "print(sorted(m for m in ('matplotlib', 'pandas', 'pyarrow') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_scope_breakdown_has_a_bar_per_scope_and_a_stacked_segment_per_scope3_category(lyon):
    ax = plot.scope_breakdown(lyon)
    assert isinstance(ax, Axes)
    categories = [c for c in range(1, 16) if lyon.uncertainty_pct95(scope=3, category=c)["rows"] > 0]
    assert categories == [1, 2, 3, 5, 6, 7]
    patches = bars(ax)
    assert len(patches) == 2 + len(categories)
    assert patches[0].get_height() == pytest.approx(t(lyon.total_kg(scope=1)))
    assert patches[1].get_height() == pytest.approx(t(lyon.total_kg(scope=2)))
    stacked = patches[2:]
    assert sum(p.get_height() for p in stacked) == pytest.approx(t(lyon.total_kg(scope=3)))
    assert stacked[-1].get_y() + stacked[-1].get_height() == pytest.approx(t(lyon.total_kg(scope=3)))
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels[:2] == ["Scope 1", "Scope 2 (location-based)"] and "3.6 Business travel" in labels
    assert ax.get_ylabel() == "t CO2e"


def test_scope_breakdown_market_based_and_a_given_axes(lyon):
    _, given = plt.subplots()
    ax = plot.scope_breakdown(lyon, scope2="market", ax=given)
    assert ax is given
    assert bars(ax)[1].get_height() == pytest.approx(t(lyon.total_kg(scope=2, scope2="market")))
    with pytest.raises(ValueError, match="scope2: found 'both', expected 'location' or 'market'"):
        plot.scope_breakdown(lyon, scope2="both")


def test_scope2_methods_draws_location_and_market_for_scope2_and_the_total(lyon):
    ax = plot.scope2_methods(lyon)
    location, market = bar_containers(ax)
    assert [p.get_height() for p in location] == pytest.approx([t(lyon.total_kg(scope=2)), t(lyon.total_kg())])
    assert [p.get_height() for p in market] == pytest.approx(
        [t(lyon.total_kg(scope=2, scope2="market")), t(lyon.total_kg(scope2="market"))])
    assert [x.get_text() for x in ax.get_xticklabels()] == ["Scope 2", "Total"]
    assert [x.get_text() for x in ax.get_legend().get_texts()] == ["location-based", "market-based"]


def test_uncertainty_from_approach_1_has_six_totals_with_zero_width_when_unknown(lyon):
    ax = plot.uncertainty(lyon)
    (container,) = bar_containers(ax)
    widths = [p.get_width() for p in container]
    assert widths == pytest.approx([t(lyon.total_kg(scope=1)), t(lyon.total_kg(scope=2)),
                                    t(lyon.total_kg(scope=2, scope2="market")), t(lyon.total_kg(scope=3)),
                                    t(lyon.total_kg()), t(lyon.total_kg(scope2="market"))])
    labels = [x.get_text() for x in ax.get_yticklabels()]
    assert labels[0] == "Scope 1\n(0 of 5 rows with uncertainty)"
    # The shipped factors state no uncertainty: the error bars have no width.
    segments = container.errorbar.lines[2][0].get_segments()
    assert all(seg[0][0] == pytest.approx(seg[1][0]) for seg in segments)


def test_uncertainty_from_monte_carlo_draws_its_95_percent_interval(inventory, lyon):
    mc = inventory.monte_carlo(lyon, iterations=2000, seed=1)
    ax = plot.uncertainty(lyon, mc)
    (container,) = bar_containers(ax)
    segments = container.errorbar.lines[2][0].get_segments()
    assert len(segments) == 6
    low, high = sorted(x for x, _ in segments[4])
    assert (low, high) == pytest.approx((t(mc["total_location"]["low_kg"]), t(mc["total_location"]["high_kg"])))
    assert high > low  # the activity data's uncertainty (gas +/-2%, diesel +/-5%) is drawn
    assert "2000 draws, seed 1" in ax.get_title()


def test_hourly_without_load_draws_the_intensity_with_a_break_at_the_gap(series):
    ax = plot.hourly(series, zone="SYNTH-HIGH")
    (line,) = ax.get_lines()
    y = list(line.get_ydata())
    assert len(y) == len(series.points("SYNTH-HIGH")) + 1 and sum(math.isnan(v) for v in y) == 1
    assert [v for v in y if not math.isnan(v)] == [p[1] for p in series.points("SYNTH-HIGH")]
    assert ax.get_ylabel() == "gCO2e/kWh" and not hasattr(ax, "right_ax")
    with pytest.raises(ValueError, match="expected one of the series' zones: SYNTH-LOW, SYNTH-HIGH"):
        plot.hourly(series)


def test_hourly_with_a_load_draws_each_hours_emissions_on_a_twin_of_the_intensity(series):
    plan = series.best_window(5, 6, NOW, DEADLINE, zone="SYNTH-HIGH")
    load = {plan.start + timedelta(hours=h): 6.0 for h in range(5)}
    ax = plot.hourly(series, load, zone="SYNTH-HIGH", window=plan)
    (container,) = bar_containers(ax)
    heights = [p.get_height() for p in container]
    assert len(heights) == 5
    assert sum(heights) == pytest.approx(plan.co2e_kg)
    assert sum(heights) == pytest.approx(series.emissions(load, zone="SYNTH-HIGH").co2e_kg)
    assert len(ax.right_ax.get_lines()) == 1 and ax.right_ax.get_ylabel() == "gCO2e/kWh"
    assert ax.get_ylabel() == "kg CO2e per hour"
    labels = [x.get_text() for x in ax.get_legend().get_texts()]
    assert labels == ["chosen window", "load emissions", "intensity SYNTH-HIGH"]


def test_hourly_leaves_an_unpriced_hour_without_a_bar(series):
    start = grid.parse_time("2024-10-28T09:00:00Z")
    ax = plot.hourly(series, [(start + timedelta(hours=h), 6.0) for h in range(5)], zone="SYNTH-HIGH")
    heights = [p.get_height() for p in bar_containers(ax)[0]]
    assert math.isnan(heights[2]) and sum(not math.isnan(h) for h in heights) == 4


def test_hourly_names_what_it_expects_when_given_a_result(series):
    result = series.emissions({"2024-10-26T10:00:00Z": 1.0}, zone="SYNTH-LOW")
    with pytest.raises(TypeError, match="expected a ghgkit.grid.IntensitySeries"):
        plot.hourly(result)


def test_a_plot_without_matplotlib_names_the_extra_to_install(monkeypatch, lyon):
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)  # `import matplotlib.pyplot` raises ImportError
    with pytest.raises(ImportError, match=r"ghgkit.plot needs matplotlib, an optional dependency: "
                                          r"pip install ghgkit\[plot\]"):
        plot.scope_breakdown(lyon)
