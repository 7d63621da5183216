"""Data frames: rows per second of ghgkit.calculate_frame against the pandas way of doing the same work
(a factor table merged onto the activities, amount x factor, a group-by for the totals), in the same run,
on the same generated table.

    python3 bench/bench_frame.py [rows = 1000000] [repeats = 3]

The table cycles over 12 known (activity, unit, region, year) keys: grid electricity of eight countries
(kWh and MWh), transmission losses (GB, per gas), diesel in litres (a region fallback) and a year; one row in
1000 has a null amount and one in 997 an unknown activity (skipped rows, kept with a reason). The pandas
reference gets its factor table (kg CO2e and per gas, per unit of the row's amount) from db.calculate, once
per distinct key, inside its timing; it then merges, multiplies and sums by activity. Both must give the
same co2e per row and the same total (the program fails otherwise). Figures are the best of `repeats`.
The ratio is printed, not asserted: it depends on the machine and on the libraries' versions.
"""
from __future__ import annotations

import math
import sys
import time

import numpy as np
import pandas as pd
import pyarrow as pa

import ghgkit

KEYS = [
    ("electricity.grid", "kWh", "FR", None), ("electricity.grid", "kWh", "DE", None),
    ("electricity.grid", "MWh", "DE", None), ("electricity.grid", "kWh", "SE", None),
    ("electricity.grid", "kWh", "US-CA", 2019), ("electricity.grid", "kWh", "PL", None),
    ("electricity.grid", "kWh", "IE", None), ("electricity.grid", "MWh", "IT", None),
    ("electricity.td_losses", "kWh", "GB", None), ("fuel.diesel", "L", "FR", None),
    ("fuel.diesel", "L", "GB", None), ("electricity.grid", "kWh", "ES", None),
]


def generate(rows: int) -> pd.DataFrame:
    i = np.arange(rows)
    k = i % len(KEYS)
    activity = np.array([a for a, _, _, _ in KEYS], dtype=object)[k]
    activity[i % 997 == 5] = "no.such.activity"
    amount = 1.0 + (i * 7919 % 10007).astype(np.float64) / 7.0
    amount[i % 1000 == 3] = np.nan
    return pd.DataFrame({
        "activity": activity,
        "amount": amount,
        "unit": np.array([u for _, u, _, _ in KEYS], dtype=object)[k],
        "region": np.array([r for _, _, r, _ in KEYS], dtype=object)[k],
        "year": pd.array([y for _, _, _, y in KEYS], dtype="Int64")[k],
        "site": (i % 250).astype(np.int64),
    })


def best_of(repeats: int, fn):
    best, out = math.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def pandas_reference(db: ghgkit.FactorDatabase, df: pd.DataFrame):
    """The usual notebook path: a factor table per distinct key, merged, multiplied, grouped."""
    keys = df[["activity", "unit", "region", "year"]].drop_duplicates()
    rates = []
    for a, u, r, y in keys.itertuples(index=False):
        try:
            e = db.calculate(a, 1.0, u, region=r, year=None if pd.isna(y) else int(y))
            rates.append((a, u, r, y, e.co2e_kg, e.gases_kg.get("CO2"), e.gases_kg.get("CH4"), e.gases_kg.get("N2O"),
                          e.factor_id))
        except ghgkit.Error:
            pass
    factors = pd.DataFrame(rates, columns=["activity", "unit", "region", "year", "kg_per_unit", "co2", "ch4", "n2o",
                                           "factor_id"]).astype({"year": "Int64"})
    out = df.merge(factors, on=["activity", "unit", "region", "year"], how="left")
    out["co2e_kg"] = out["amount"] * out["kg_per_unit"]
    for gas in ("co2", "ch4", "n2o"):
        out[f"{gas}_kg"] = out["amount"] * out[gas]
    by_activity = out.groupby("activity")["co2e_kg"].sum()
    return out, by_activity.sum()


def main() -> int:
    rows = int(float(sys.argv[1])) if len(sys.argv) > 1 else 1_000_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    db = ghgkit.FactorDatabase.default()
    df = generate(rows)
    table = pa.Table.from_pandas(df, preserve_index=False)
    inputs = dict(db=db, region="region", year="year", carry=["site"])

    def frame(data):
        r = ghgkit.calculate_frame(data, **inputs)
        r.total_co2e_kg  # computed when first asked: counted here, as the reference's group-by is
        return r

    t_arrow, result = best_of(repeats, lambda: frame(table))
    t_pandas_in, from_pandas = best_of(repeats, lambda: frame(df))
    t_reference, (reference, reference_total) = best_of(repeats, lambda: pandas_reference(db, df))

    got = result.to_arrow().column("co2e_kg").to_numpy(zero_copy_only=False)
    want = reference["co2e_kg"].to_numpy(dtype=np.float64, na_value=np.nan)
    if not (np.array_equal(np.isnan(got), np.isnan(want)) and np.allclose(got, want, rtol=1e-12, equal_nan=True)):
        print("calculate_frame and the pandas reference disagree on co2e per row", file=sys.stderr)
        return 1
    if not math.isclose(result.total_co2e_kg, reference_total, rel_tol=1e-12):
        print(f"totals disagree: {result.total_co2e_kg} vs {reference_total}", file=sys.stderr)
        return 1
    if not from_pandas.to_arrow().equals(result.to_arrow()):
        print("calculate_frame gives different rows from pandas and pyarrow inputs", file=sys.stderr)
        return 1

    distinct = df[["activity", "unit", "region", "year"]].drop_duplicates()
    t_keys, _ = best_of(repeats, lambda: db.calculate_batch(
        list(distinct["activity"]), [1.0] * len(distinct), list(distinct["unit"]), region=list(distinct["region"]),
        year=[None if pd.isna(y) else int(y) for y in distinct["year"]]))
    print(f"rows: {rows} = {result.computed_rows} computed + {result.skipped_rows} skipped; "
          f"{len(distinct)} distinct keys ({len(KEYS)} known); best of {repeats}")
    print(f"resolving the distinct keys alone (calculate_batch, both paths pay it): {t_keys:.3f} s")
    print(f"calculate_frame (pyarrow Table in):  {t_arrow:8.3f} s  {rows / t_arrow:14,.0f} rows/s")
    print(f"calculate_frame (pandas in):         {t_pandas_in:8.3f} s  {rows / t_pandas_in:14,.0f} rows/s")
    print(f"pandas merge + multiply + group-by:  {t_reference:8.3f} s  {rows / t_reference:14,.0f} rows/s")
    print(f"ratio calculate_frame / pandas reference (rows/s): pyarrow in {t_reference / t_arrow:.2f}x, "
          f"pandas in {t_reference / t_pandas_in:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
