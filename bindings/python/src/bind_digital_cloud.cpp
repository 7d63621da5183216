// ghgkit._core.digital.cloud_usage: cloud usage by the Cloud Carbon Footprint method
// (include/ghgkit/digital/cloud.hpp), with the keyword arguments of the public API.

#include <pybind11/stl.h>

#include "bindings.hpp"
#include "ghgkit/digital/cloud.hpp"

namespace ghgkit::python {
namespace {

using opt_d = std::optional<double>;
using opt_s = std::optional<std::string>;
using opt_i = std::optional<int>;

digital::footprint cloud_usage(const std::string& provider, const std::string& region, double vcpu_hours,
                               const opt_d& cpu_utilization, double memory_gb_hours, double storage_tb_hours,
                               const std::string& storage_type, double replication, double network_gb, double gpu_hours,
                               const opt_s& gpu, const opt_d& min_watts_per_vcpu, const opt_d& max_watts_per_vcpu,
                               const opt_d& pue, const opt_d& intensity, const opt_s& microarchitecture, const opt_i& year,
                               const opt_d& gpu_utilization, const opt_s& grid_source, bool allow_later_year,
                               const factor_database* db) {
  digital::cloud_usage_inputs in;
  in.provider = provider;
  in.region = region;
  in.vcpu_hours = vcpu_hours;
  in.cpu_utilization = cpu_utilization;
  in.microarchitecture = microarchitecture;
  in.min_watts_per_vcpu = min_watts_per_vcpu;
  in.max_watts_per_vcpu = max_watts_per_vcpu;
  in.memory_gb_hours = memory_gb_hours;
  in.storage_tb_hours = storage_tb_hours;
  in.storage_type = storage_type;
  in.replication = replication;
  in.network_gb = network_gb;
  in.gpu_hours = gpu_hours;
  in.gpu = gpu;
  in.gpu_utilization = gpu_utilization;
  in.pue = pue;
  in.intensity_kg_per_kwh = intensity;
  in.year = year;
  in.allow_later_year = allow_later_year;
  in.grid_source = grid_source;
  return digital::cloud_usage(db != nullptr ? *db : default_database(), in);
}

}  // namespace

void bind_digital_cloud(py::module_& digital) {
  digital.def("cloud_usage", &cloud_usage, py::arg("provider"), py::arg("region"), py::arg("vcpu_hours") = 0.0,
              py::arg("cpu_utilization") = py::none(), py::arg("memory_gb_hours") = 0.0,
              py::arg("storage_tb_hours") = 0.0, py::arg("storage_type") = "ssd", py::arg("replication") = 1.0,
              py::arg("network_gb") = 0.0, py::arg("gpu_hours") = 0.0, py::arg("gpu") = py::none(),
              py::arg("min_watts_per_vcpu") = py::none(), py::arg("max_watts_per_vcpu") = py::none(),
              py::arg("pue") = py::none(), py::arg("intensity_kg_per_kwh") = py::none(), py::kw_only(),
              py::arg("microarchitecture") = py::none(), py::arg("year") = py::none(),
              py::arg("gpu_utilization") = py::none(), py::arg("grid_source") = py::none(),
              py::arg("allow_later_year") = false, py::arg("db") = py::none(),
              "Cloud usage by the Cloud Carbon Footprint method: (compute + memory + storage x replication + network + "
              "GPU) kWh x the provider's PUE x the region's grid factor. Utilisation is a fraction 0-1 (CCF's code "
              "takes percent); coefficients are CCF's for the provider (figures in provenance); embodied emissions "
              "are not counted (said in the warnings). Scope 3 category 1 for the buyer.");
}

}  // namespace ghgkit::python
