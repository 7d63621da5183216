"""ghgkit.grid from Python: the public names, times in and out (strings with offsets, aware datetimes),
both European daylight-saving transitions, gaps, and the numbers of tests/cpp/grid worked by hand again
through the bindings; the synthetic example and its generator."""
from __future__ import annotations

import csv
import importlib.util
import runpy
from datetime import datetime, timedelta, timezone

import pytest

import ghgkit
from ghgkit import grid

UTC = timezone.utc


@pytest.fixture(scope="module")
def fixtures(repo):
    return repo / "tests" / "cpp" / "fixtures" / "grid"


@pytest.fixture(scope="module")
def two_zones(fixtures):
    # A: 00, 01, 02, 03, 05, 06, 07 Z at 300, 200, 100, 150, 20, 20, 300 g/kWh (04Z missing);
    # B: 00Z to 07Z (written at +01:00), 10 g/kWh.
    return grid.IntensitySeries.from_csv(fixtures / "two_zones_gap.csv")


def utc(hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 1, 1, hour, minute, tzinfo=UTC)


def test_public_names():
    assert set(grid.__all__) == {"CfeResult", "EmissionsResult", "IntensitySeries", "RegionPlan", "WindowPlan",
                                 "format_time", "parse_time"}
    assert grid.parse_time("2024-10-27T02:00:00+01:00") == datetime(2024, 10, 27, 1, tzinfo=UTC)
    with pytest.raises(ghgkit.InputError, match="expected a zone offset"):
        grid.parse_time("2024-10-27T02:00:00")


def test_spring_transition_has_23_utc_hours(fixtures):
    # Local 2024-03-31 (Paris): 00:00, 01:00 at +01:00, 03:00 to 23:00 at +02:00 = 23 hours,
    # 2024-03-30T23:00Z to 2024-03-31T21:00Z.
    s = grid.IntensitySeries.from_csv(str(fixtures / "fr_dst_spring.csv"))
    points = s.points()
    assert len(points) == 23
    assert points[0][0] == datetime(2024, 3, 30, 23, tzinfo=UTC)
    assert points[-1][0] == datetime(2024, 3, 31, 21, tzinfo=UTC)
    assert s.step() == timedelta(hours=1)
    assert s.gaps == []


def test_autumn_transition_has_25_utc_hours_and_two_distinct_0200(fixtures):
    # 02:00+02:00 = 00:00Z at 200 g/kWh, 02:00+01:00 = 01:00Z at 300 (marginal 450); others 100.
    # Mean (23 x 100 + 200 + 300) / 25 = 112 g/kWh.
    s = grid.IntensitySeries.from_csv(fixtures / "fr_dst_autumn.csv")
    points = s.points("FR")
    assert len(points) == 25
    assert points[2] == (datetime(2024, 10, 27, 0, tzinfo=UTC), 200.0, None)
    assert points[3] == (datetime(2024, 10, 27, 1, tzinfo=UTC), 300.0, 450.0)
    assert s.average_g_per_kwh() == pytest.approx(112.0, rel=1e-12)


def test_gaps_and_bad_files(two_zones, fixtures):
    assert two_zones.zones == ["A", "B"]
    assert two_zones.gaps == [("A", utc(4), utc(5))]
    path = fixtures / "bad_duplicate.csv"
    with pytest.raises(ghgkit.InputError) as caught:
        grid.IntensitySeries.from_csv(path)
    assert str(caught.value) == (f"{path}:5: field 'timestamp': found 2024-10-27T00:00:00Z in zone 'FR' again "
                                 f"(already at {path}:3), expected one row per zone and UTC instant")
    with pytest.raises(ghgkit.InputError, match=r"bad_no_offset.csv:3: field 'timestamp'"):
        grid.IntensitySeries.from_csv(fixtures / "bad_no_offset.csv")


def test_emissions_price_each_hour_and_list_the_rest(two_zones):
    # 2 kWh at 00, 01, 02, 03, 05 Z: 2 x (300+200+100+150+20) = 1540 g = 1.54 kg; 04Z (gap) and 09Z
    # (after the series) unpriced. Average (1090 / 7 g/kWh) x 10 kWh = 1.5571429 kg.
    load = {f"2024-01-01T{h:02}:00:00Z": 2.0 for h in (0, 1, 2, 3, 4, 5, 9)}
    e = two_zones.emissions(load, zone="A")
    assert e.co2e_kg == pytest.approx(1.54, rel=1e-12)
    assert e.energy_kwh == 14.0 and e.priced_energy_kwh == 10.0 and e.unpriced_energy_kwh == 4.0
    assert e.co2e_average_kg == pytest.approx(10 * 1090 / 7 / 1000, rel=1e-12)
    assert e.unpriced == [(utc(4), 2.0, "in a gap"), (utc(9), 2.0, "after the series")]
    # The same load as aware datetimes in another offset, as a list of pairs.
    plus_one = timezone(timedelta(hours=1))
    pairs = [(datetime(2024, 1, 1, h + 1, tzinfo=plus_one), 2.0) for h in (0, 1, 2, 3, 4, 5, 9)]
    assert two_zones.emissions(pairs, zone="A").co2e_kg == pytest.approx(1.54, rel=1e-12)
    by_zone = two_zones.emissions_by_zone(pairs)
    assert by_zone["B"].co2e_kg == pytest.approx(12 * 10 / 1000, rel=1e-12)  # 00-05Z priced, 09Z after
    assert len(by_zone["B"].unpriced) == 1


def test_emissions_refuse_ambiguous_input(two_zones):
    with pytest.raises(ghgkit.InputError, match=r"field 'zone': found no zone, expected one of 'A', 'B'"):
        two_zones.emissions({"2024-01-01T00:00:00Z": 1.0})
    with pytest.raises(ghgkit.InputError, match=r"field 'load\[0\].time': .*\(naive\)"):
        two_zones.emissions([(datetime(2024, 1, 1, 0), 1.0)], zone="A")
    with pytest.raises(ghgkit.InputError, match=r"field 'load\[0\].time': found '2024-01-01T00:00:00'"):
        two_zones.emissions([("2024-01-01T00:00:00", 1.0)], zone="A")
    with pytest.raises(ghgkit.InputError, match=r"field 'load\[1\].time'"):
        two_zones.emissions([("2024-01-01T00:00:00Z", 1.0), ("2024-01-01T01:00:00+01:00", 1.0)], zone="A")
    with pytest.raises(ghgkit.InputError, match=r"field 'load\[0\]'"):
        two_zones.emissions([("2024-01-01T00:00:00Z", 1.0, 2.0)], zone="A")


def test_best_window_skips_the_gap(two_zones):
    # 2 h x 10 kW: now (00Z) 250 g/kWh -> 5 kg; best 05Z at 20 g/kWh -> 0.4 kg; 03Z crosses the gap.
    w = two_zones.best_window(2, 10, "2024-01-01T00:00:00Z", "2024-01-01T08:00:00Z", zone="A")
    assert (w.start, w.end) == (utc(5), utc(7))
    assert w.co2e_kg == pytest.approx(0.4, rel=1e-12)
    assert w.now_co2e_kg == pytest.approx(5.0, rel=1e-12)
    assert w.saving_kg == pytest.approx(4.6, rel=1e-12)
    assert w.saving_pct == pytest.approx(92.0, rel=1e-12)
    assert (w.windows_considered, w.windows_skipped) == (5, 1)
    with pytest.raises(ghgkit.InputError, match="no window of 2 h without a gap"):
        two_zones.best_window(2, 10, utc(3), utc(5, 30), zone="A")


def test_best_region_against_the_first_candidate_now(two_zones):
    # B: 10 g/kWh -> 20 kWh x 10 = 0.2 kg at 00Z (earliest of equal windows); A now 5 kg: saving 4.8 kg, 96 %.
    r = two_zones.best_region(["A", "B"], 2, 10, utc(0), utc(8))
    assert r.best.zone == "B" and r.best.start == utc(0)
    assert r.best.co2e_kg == pytest.approx(0.2, rel=1e-12)
    assert r.baseline_zone == "A" and r.baseline_co2e_kg == pytest.approx(5.0, rel=1e-12)
    assert r.saving_pct == pytest.approx(96.0, rel=1e-12)
    assert [c["zone"] for c in r.candidates] == ["A", "B"]
    assert r.candidates[0]["best"].co2e_kg == pytest.approx(0.4, rel=1e-12)
    with pytest.raises(ghgkit.InputError, match="field 'zone': found 'X'"):
        two_zones.best_region(["A", "X"], 2, 10, utc(0), utc(8))


def test_cfe_score_is_hour_matched(two_zones):
    # Consumption 10, 10, 10 kWh at 00-02Z and 5 at 04Z; supply 4 at 00Z, 12 at 01Z, 7 at 05Z.
    # Matched 4 + 10 = 14 of 35 kWh: 0.4. Market: 6 x 300 + 10 x 100 = 2800 g = 2.8 kg; 04Z unpriced.
    consumption = [(utc(0), 10.0), (utc(1), 10.0), (utc(2), 10.0), (utc(4), 5.0)]
    supply = {utc(0): 4.0, utc(1): 12.0, utc(5): 7.0}
    c = two_zones.cfe_score(consumption, supply, zone="A")
    assert c.score == pytest.approx(0.4, rel=1e-12)
    assert c.market_kg == pytest.approx(2.8, rel=1e-12)
    assert c.excess_supply_kwh == pytest.approx(9.0, rel=1e-12)
    assert c.hours[0]["unmatched_kwh"] == 6.0 and c.hours[0]["intensity_g_per_kwh"] == 300.0
    assert c.unpriced == [(utc(4), 5.0, "in a gap")]


def test_synthetic_example_matches_its_generator_and_runs(repo, capsys):
    folder = repo / "examples" / "grid"
    spec = importlib.util.spec_from_file_location("make_synthetic", folder / "make_synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (folder / "synthetic_two_zones.csv").read_text(encoding="utf-8").splitlines() == module.rows()
    with open(folder / "synthetic_two_zones.csv", newline="", encoding="utf-8") as f:
        zones = [row["zone"] for row in csv.DictReader(f)]
    assert all(z.startswith("SYNTH-") for z in zones)  # made-up zones: never presented as a real grid
    s = grid.IntensitySeries.from_csv(folder / "synthetic_two_zones.csv")
    # 2024-10-25T00:00+02:00 to 2024-10-28T23:00+01:00: 4 local days of 24 + 1 (autumn) hours = 97 hours.
    assert len(s.points("SYNTH-LOW")) == 97
    assert s.gaps == [("SYNTH-HIGH", datetime(2024, 10, 28, 11, tzinfo=UTC), datetime(2024, 10, 28, 12, tzinfo=UTC))]
    runpy.run_path(str(folder / "shift_training.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "gap in SYNTH-HIGH" in out and "best zone SYNTH-LOW" in out
