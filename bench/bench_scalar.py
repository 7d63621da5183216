"""Scalar calls: the median time of one `db.calculate(...)` and one `ghgkit.digital.inference(...)`
call from Python, against peers doing the same thing in the same run:

- a plain-pandas calculation of one emission (the factor row looked up in an indexed table of the same
  factors, times the amount);
- EcoLogits' per-request estimate (`ecologits.tracers.utils.llm_impacts`, when ecologits is installed:
  `pip install ecologits`) for the same model, output tokens and electricity zone.

    python3 bench/bench_scalar.py [calls = 20000]

Each figure is the median over `calls` single calls, each timed with perf_counter_ns (the timer's own
cost, measured on an empty call, is subtracted). Ratios are printed, never asserted: they depend on the
machine. The pandas pair is checked to give the same number before timing. The inference pair is the
same request but not the same figure: both print their range. The EcoLogits package (0.11.3) takes the
generation time from the request's measured latency or a model's published throughput, which the data
here lacks, so ghgkit uses the method's latency regression (longer for small models) and its own grid
factor for the zone (docs/methodology/digital.md).
"""
from __future__ import annotations

import statistics
import sys
import time
from typing import Callable

import ghgkit
import ghgkit.digital

ACTIVITY, AMOUNT, UNIT, REGION = "electricity.grid", 1200.0, "kWh", "FR"
MODEL, PROVIDER, TOKENS, LATENCY_S, ZONE = "gpt-4o-mini", "openai", 200, 2.0, ("FR", "FRA")


def median_ns(call: Callable[[], object], calls: int) -> float:
    for _ in range(min(1000, calls)):  # warm caches and allocators
        call()
    clock = time.perf_counter_ns
    samples = []
    for _ in range(calls):
        t0 = clock()
        call()
        samples.append(clock() - t0)
    return statistics.median(samples)


def main() -> int:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    db = ghgkit.FactorDatabase.default()
    timer = median_ns(lambda: None, calls)
    rows: list[tuple[str, float]] = []

    ghg = median_ns(lambda: db.calculate(ACTIVITY, AMOUNT, UNIT, region=REGION), calls) - timer
    rows.append(("ghgkit db.calculate", ghg))

    import pandas as pd

    e = db.calculate(ACTIVITY, 1.0, UNIT, region=REGION)
    table = pd.DataFrame({"activity": [f.activity for f in db.factors()], "region": [f.region for f in db.factors()],
                          "id": [f.id for f in db.factors()]}).set_index(["activity", "region", "id"]).sort_index()
    table["kg_per_unit"] = float("nan")
    table.loc[(ACTIVITY, REGION, e.factor_id), "kg_per_unit"] = e.co2e_kg

    def pandas_calc() -> float:
        return float(table.loc[(ACTIVITY, REGION, e.factor_id), "kg_per_unit"]) * AMOUNT

    if abs(pandas_calc() - db.calculate(ACTIVITY, AMOUNT, UNIT, region=REGION).co2e_kg) > 1e-9 * AMOUNT:
        raise SystemExit("pandas and ghgkit disagree")
    pan = median_ns(pandas_calc, calls) - timer
    rows.append(("pandas indexed lookup x amount", pan))

    inf = median_ns(lambda: ghgkit.digital.inference(model=MODEL, output_tokens=TOKENS, region=ZONE[0]),
                    max(1000, calls // 10)) - timer
    rows.append(("ghgkit digital.inference", inf))
    eco = None
    try:
        from ecologits.tracers.utils import llm_impacts
    except ImportError:
        print("ecologits not installed: `pip install ecologits` for the inference comparison")
    else:
        import logging
        import warnings
        logging.disable(logging.WARNING)
        warnings.simplefilter("ignore")

        def eco_call() -> object:
            return llm_impacts(provider=PROVIDER, model_name=MODEL, output_token_count=TOKENS,
                               request_latency=LATENCY_S, electricity_mix_zone=ZONE[1])

        ours = ghgkit.digital.inference(model=MODEL, output_tokens=TOKENS, region=ZONE[0])
        gwp = eco_call().gwp.value  # type: ignore[attr-defined]
        print(f"same request: ghgkit {ours.low:.3g}-{ours.high:.3g} kg, EcoLogits {gwp.min:.3g}-{gwp.max:.3g} kg")
        eco = median_ns(eco_call, max(1000, calls // 10)) - timer
        rows.append(("EcoLogits llm_impacts", eco))

    print(f"\nmedian time of one call (timer cost {timer:.0f} ns subtracted), {calls} calls:")
    for name, ns in rows:
        print(f"  {name:34s} {ns / 1000:10.2f} us")
    print("\nratios (peer time / ghgkit time; > 1: ghgkit faster):")
    print(f"  pandas / db.calculate              {pan / ghg:10.2f}")
    if eco is not None:
        print(f"  EcoLogits / digital.inference      {eco / inf:10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
