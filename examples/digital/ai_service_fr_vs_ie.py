"""The same AI service hosted in France and in Ireland: one fine-tuning run and a year of CPU
serving, priced with each country's location-based grid factor of the latest year in the shipped
database. Every input below is invented for the example; the coefficients and grid factors come
from the database, and each printed figure says where it came from.

    python3 examples/digital/ai_service_fr_vs_ie.py
"""
from __future__ import annotations

from typing import Any

from ghgkit import digital

# A fine-tuning run: 8 A100 SXM4 80 GB (TDP from the accelerator catalogue) for 120 h at 60% of
# their TDP on average, plus 1.5 kW of host servers, in a data center of PUE 1.3.
TRAINING: dict[str, Any] = dict(accelerator="A100 SXM4 80 GB", count=8, hours=120, utilization=0.6, host_power_w=1500,
                                pue=1.3)
# Serving: 32 cores at 10 W per core, 40% busy, 128 GB of memory, all year (8,760 h), same data center.
SERVING: dict[str, Any] = dict(cores=32, core_power_w=10, usage=0.4, memory_gb=128, hours=8760, pue=1.3)


def describe(title: str, result: digital.Footprint) -> None:
    grid = result.figure("grid intensity")
    print(f"  {title:<10} {result.energy_kwh:>10,.1f} kWh x {grid[0] * 1000:6.1f} g/kWh ({grid[2]})"
          f" = {result.co2e_kg:>9,.1f} kg CO2e")


def main() -> None:
    totals = {}
    for region in ("FR", "IE"):
        print(f"Hosted in {region}:")
        run = digital.training(**TRAINING, region=region)
        serve = digital.compute_job(**SERVING, region=region)
        describe("training", run)
        describe("serving", serve)
        for warning in run.provenance["warnings"]:
            print(f"    note: {warning}")
        totals[region] = run.co2e_kg + serve.co2e_kg
        print(f"  total      {totals[region]:>38,.1f} kg CO2e")
    print(f"Ireland / France: {totals['IE'] / totals['FR']:.1f} times the emissions for the same energy")


if __name__ == "__main__":
    main()
