"""Digital services: CPU jobs, AI training runs, LLM inference, cloud usage, data centers and the
Software Carbon Intensity; the manufacturing emissions of servers and their share for cloud instances
(BoaviztAPI's component method).

Each function returns a `Footprint` (energy_kwh, co2e_kg location-based, co2e_market_kg where it
applies, operational_kg, embodied_kg, low/high where the method has a range, provenance with every
figure used and where it came from). Arguments left as None are taken from the factor database, with
their coefficient or factor id in `provenance["figures"]`, or reported as missing (InputError). Methods
and sources: docs/methodology/digital.md.

    >>> from ghgkit import digital
    >>> run = digital.training(count=10000, hours=14.8 * 24, avg_power_w=330, pue=1.1, intensity_kg_per_kwh=0.429)
    >>> round(run.energy_kwh)
    1289376
"""
from __future__ import annotations

from ._core import digital as _digital

Footprint = _digital.Footprint
DatacenterFootprint = _digital.DatacenterFootprint
ServerFootprint = _digital.ServerFootprint
SciScore = _digital.SciScore
embodied_share = _digital.embodied_share
sci = _digital.sci
compute_job = _digital.compute_job
training = _digital.training
datacenter = _digital.datacenter
server_embodied = _digital.server_embodied
server_embodied_share = _digital.server_embodied_share
instance_embodied = _digital.instance_embodied
cloud_usage = _digital.cloud_usage
cloud_usage_batch = _digital.cloud_usage_batch
cloud_usage_csv = _digital.cloud_usage_csv
inference = _digital.inference
inference_batch = _digital.inference_batch
inference_csv = _digital.inference_csv
CloudUsageBatch = _digital.CloudUsageBatch
InferenceBatch = _digital.InferenceBatch

__all__ = ["CloudUsageBatch", "DatacenterFootprint", "Footprint", "InferenceBatch", "SciScore", "ServerFootprint",
           "cloud_usage", "cloud_usage_batch", "cloud_usage_csv", "compute_job", "datacenter", "embodied_share",
           "inference", "inference_batch", "inference_csv", "instance_embodied", "sci", "server_embodied",
           "server_embodied_share", "training"]
