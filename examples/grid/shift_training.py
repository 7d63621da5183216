"""Move a training job to the lowest-carbon window, then to the lowest-carbon zone.

Uses the SYNTHETIC series synthetic_two_zones.csv (made-up zones, see README.md): the numbers show how the
API works, not the carbon intensity of any real grid. Run from the repository root:

    python3 examples/grid/shift_training.py
"""
from __future__ import annotations

from pathlib import Path

from ghgkit import grid

SERIES = Path(__file__).with_name("synthetic_two_zones.csv")

# A fine-tuning run: 8 GPUs and their host, about 6 kW, for 5 hours. It is 18:00 local on Saturday
# 26 October 2024 and the run must be over by Monday 18:00 local (clocks go back one hour on Sunday).
DURATION_H = 5.0
POWER_KW = 6.0
NOW = "2024-10-26T18:00:00+02:00"
DEADLINE = "2024-10-28T18:00:00+01:00"


def main() -> None:
    series = grid.IntensitySeries.from_csv(SERIES)
    for zone, start, end in series.gaps:
        print(f"gap in {zone}: no data from {start.isoformat()} to {end.isoformat()} (windows across it are skipped)")

    plan = series.best_window(DURATION_H, POWER_KW, NOW, DEADLINE, zone="SYNTH-HIGH")
    print(f"SYNTH-HIGH, starting now ({NOW}): {plan.now_co2e_kg:.2f} kg CO2e for {plan.energy_kwh:.0f} kWh")
    print(f"SYNTH-HIGH, best start {plan.start.isoformat()} (UTC): {plan.co2e_kg:.2f} kg CO2e, "
          f"saving {plan.saving_kg:.2f} kg ({plan.saving_pct:.0f} %) over {plan.windows_considered} windows")

    region = series.best_region(["SYNTH-HIGH", "SYNTH-LOW"], DURATION_H, POWER_KW, NOW, DEADLINE)
    best = region.best
    print(f"best zone {best.zone}, start {best.start.isoformat()}: {best.co2e_kg:.2f} kg CO2e, "
          f"saving {region.saving_kg:.2f} kg ({region.saving_pct:.0f} %) against {region.baseline_zone} now")


if __name__ == "__main__":
    main()
