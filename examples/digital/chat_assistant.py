"""A chat assistant: one fine-tuning run against one day of inference, both in France.

The assistant runs Llama 3.1 8B Instruct (parameter count from the EcoLogits model catalogue); it
was fine-tuned for 48 h on 8 H100 GPUs drawing 60% of their 700 W TDP on average, with 2 kW of host
servers, in a data center of PUE 1.2. It then answers 50,000 requests a day of 400 output tokens.
Inference follows the EcoLogits method (H100 servers, batch 64; docs/methodology/digital.md). The
inputs are invented for the example; every coefficient comes from the shipped database.

    python3 examples/digital/chat_assistant.py
"""
from __future__ import annotations

from ghgkit import digital

MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct"
REQUESTS_PER_DAY = 50_000


def main() -> None:
    tuning = digital.training(count=8, hours=48, tdp_w=700, utilization=0.6, host_power_w=2000, pue=1.2, region="FR")
    day = digital.inference(MODEL, output_tokens=400, requests=REQUESTS_PER_DAY, pue=1.2, region="FR")
    print(f"Fine-tuning run:      {tuning.energy_kwh:10,.1f} kWh  {tuning.co2e_kg:10,.3f} kg CO2e")
    print(f"One day of inference: {day.energy_kwh:10,.3f} kWh  {day.co2e_kg:10,.3f} kg CO2e"
          f" ({day.operational_kg:.3f} operational + {day.embodied_kg:.3f} embodied)")
    per_request_g = day.co2e_kg / REQUESTS_PER_DAY * 1000
    print(f"Per request:          {per_request_g:.5f} g CO2e")
    print(f"The fine-tuning run weighs as much as {tuning.co2e_kg / day.co2e_kg:,.0f} days of inference"
          f" at {REQUESTS_PER_DAY:,} requests a day.")
    for step in day.provenance["steps"]:
        print(f"  inference: {step}")
    for warning in tuning.provenance["warnings"] + day.provenance["warnings"]:
        print(f"  note: {warning}")


if __name__ == "__main__":
    main()
