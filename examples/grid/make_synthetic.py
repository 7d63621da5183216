"""Writes synthetic_two_zones.csv: a SYNTHETIC hourly intensity series (not measured data).

Two made-up zones, SYNTH-LOW and SYNTH-HIGH, hourly from 2024-10-25T00:00 to 2024-10-28T23:00 local time in
a Central European zone: +02:00 until 2024-10-27T01:00Z, +01:00 after (the autumn transition, so the local
day of 2024-10-27 has 25 hours and 02:00 appears twice with two offsets). Each zone follows a fixed formula,
a daily cosine with its minimum at 13:00 local time (a stylised solar dip):

    intensity_g_per_kwh = level - amplitude x cos(2 pi (local_hour - 13) / 24), rounded to 0.1

with (level, amplitude) = (60, 20) for SYNTH-LOW and (420, 150) for SYNTH-HIGH. The hour
2024-10-28T12:00+01:00 of SYNTH-HIGH is left out on purpose, to show how a gap is reported. Run:

    python3 examples/grid/make_synthetic.py   # rewrites examples/grid/synthetic_two_zones.csv
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from pathlib import Path

ZONES = {"SYNTH-LOW": (60.0, 20.0), "SYNTH-HIGH": (420.0, 150.0)}
FIRST_UTC = datetime(2024, 10, 24, 22, tzinfo=timezone.utc)  # 2024-10-25T00:00+02:00
LAST_UTC = datetime(2024, 10, 28, 22, tzinfo=timezone.utc)   # 2024-10-28T23:00+01:00
DST_END_UTC = datetime(2024, 10, 27, 1, tzinfo=timezone.utc)  # clocks go back from 03:00 to 02:00 local
LEFT_OUT = ("SYNTH-HIGH", datetime(2024, 10, 28, 11, tzinfo=timezone.utc))  # 12:00+01:00


def rows() -> list[str]:
    out = ["timestamp,zone,intensity_g_per_kwh"]
    for zone, (level, amplitude) in ZONES.items():
        t = FIRST_UTC
        while t <= LAST_UTC:
            offset = timedelta(hours=2 if t < DST_END_UTC else 1)
            local = t.astimezone(timezone(offset))
            value = level - amplitude * math.cos(2 * math.pi * (local.hour - 13) / 24)
            if (zone, t) != LEFT_OUT:
                out.append(f"{local.isoformat()},{zone},{value:.1f}")
            t += timedelta(hours=1)
    return out


if __name__ == "__main__":
    target = Path(__file__).with_name("synthetic_two_zones.csv")
    target.write_text("\n".join(rows()) + "\n", encoding="utf-8")
    print(f"wrote {target}")
