// ghgkit._core.digital: the digital-service formulas (include/ghgkit/digital/) with keyword
// arguments named as in the public API; the pure-Python module ghgkit.digital re-exports them.

#include <pybind11/stl.h>

#include <fmt/format.h>

#include "bindings.hpp"

namespace ghgkit::python {
namespace {

using opt_d = std::optional<double>;
using opt_s = std::optional<std::string>;
using opt_i = std::optional<int>;

const factor_database& db_or_default(const factor_database* db) { return db != nullptr ? *db : default_database(); }

digital::grid_choice grid_of(const opt_d& intensity, const opt_s& region, const opt_i& year, bool allow_later_year) {
  digital::grid_choice g;
  g.intensity_kg_per_kwh = intensity;
  g.region = region;
  g.year = year;
  g.allow_later_year = allow_later_year;
  return g;
}

py::dict provenance_of(const digital::footprint& f) {
  py::dict p;
  p["figures"] = to_list(f.figures);
  p["steps"] = f.steps;
  p["warnings"] = f.warnings;
  p["database_hash"] = f.database_hash.empty() ? py::object(py::none()) : py::cast(f.database_hash);
  return p;
}

void bind_results(py::module_& m) {
  using F = digital::footprint;
  py::class_<F>(m, "Footprint", "Energy and emissions of a digital activity, operational and embodied apart.")
      .def_readonly("energy_kwh", &F::energy_kwh)
      .def_readonly("co2e_kg", &F::co2e_kg, "operational + embodied, location-based")
      .def_readonly("co2e_market_kg", &F::co2e_market_kg)
      .def_readonly("operational_kg", &F::operational_kg)
      .def_readonly("embodied_kg", &F::embodied_kg)
      .def_readonly("low", &F::low_kg)
      .def_readonly("high", &F::high_kg)
      .def_property_readonly("provenance", &provenance_of,
                             "{'figures': [{'name', 'value', 'unit', 'origin', 'source'}], 'steps', 'warnings', "
                             "'database_hash'}")
      .def("figure", [](const F& f, const std::string& name) -> py::object {
        const auto* u = f.figure(name);
        if (u == nullptr) return py::none();
        return py::make_tuple(u->value, u->unit, u->origin);
      }, py::arg("name"), "(value, unit, origin) of the figure named `name`, or None")
      .def("__repr__", [](const F& f) {
        return fmt::format("<Footprint {:.6g} kWh, {:.6g} kg CO2e ({:.6g} operational + {:.6g} embodied)>", f.energy_kwh,
                           f.co2e_kg, f.operational_kg, f.embodied_kg);
      });
  py::class_<digital::datacenter_footprint, F>(m, "DatacenterFootprint")
      .def_readonly("facility_energy_kwh", &digital::datacenter_footprint::facility_energy_kwh)
      .def_readonly("erf", &digital::datacenter_footprint::erf)
      .def_readonly("avoided_kg", &digital::datacenter_footprint::avoided_kg, "reported apart, never netted")
      .def_readonly("wue_l_per_kwh", &digital::datacenter_footprint::wue_l_per_kwh);
  py::class_<digital::sci_score, F>(m, "SciScore")
      .def_readonly("score_kg_per_unit", &digital::sci_score::score_kg_per_unit)
      .def("__repr__", [](const digital::sci_score& s) {
        return fmt::format("<SciScore {:.6g} kg CO2e per unit>", s.score_kg_per_unit);
      });
}

}  // namespace

py::list to_list(const std::vector<digital::used_figure>& figures) {
  py::list out;
  for (const auto& u : figures) {
    py::dict d;
    d["name"] = u.name;
    d["value"] = u.value;
    d["unit"] = u.unit;
    d["origin"] = u.origin;
    d["source"] = u.source_id.empty() ? py::object(py::none()) : py::cast(u.source_id);
    out.append(d);
  }
  return out;
}

void bind_digital(py::module_& parent) {
  py::module_ m = parent.def_submodule("digital", "Digital services: compute, AI training, data centers, SCI.");
  bind_results(m);
  bind_digital_cloud(m);
  bind_digital_inference(m);
  m.def("embodied_share", [](double total_kg, double time_reserved_h, double lifetime_h, double resources_reserved,
                             double total_resources) {
      return digital::embodied_share({total_kg, time_reserved_h, lifetime_h, resources_reserved, total_resources});
    }, py::arg("total_kg"), py::arg("time_reserved_h"), py::arg("lifetime_h"), py::arg("resources_reserved") = 1.0,
    py::arg("total_resources") = 1.0, "SCI's M = TE x (TiR / EL) x (RR / ToR), in kg (embodied_kg).");
  m.def("sci", [](double energy_kwh, double intensity, double embodied_kg, double functional_units) {
      return digital::sci({energy_kwh, intensity, embodied_kg, functional_units});
    }, py::arg("energy_kwh"), py::arg("intensity_kg_per_kwh"), py::arg("embodied_kg"), py::arg("functional_units") = 1.0,
    "SCI = (E x I + M) per R (score_kg_per_unit).");
  m.def("compute_job", [](double cores, double core_power_w, double usage, double memory_gb, double hours,
                          const opt_d& pue, const opt_s& region, const opt_i& year, const opt_d& intensity,
                          bool allow_later_year, const factor_database* db) {
      digital::compute_job_inputs in;
      in.cores = cores;
      in.core_power_w = core_power_w;
      in.usage = usage;
      in.memory_gb = memory_gb;
      in.hours = hours;
      in.pue = pue;
      in.grid = grid_of(intensity, region, year, allow_later_year);
      return digital::compute_job(db_or_default(db), in);
    }, py::arg("cores"), py::arg("core_power_w"), py::arg("usage") = 1.0, py::arg("memory_gb") = 0.0, py::kw_only(),
    py::arg("hours"), py::arg("pue") = py::none(), py::arg("region") = py::none(), py::arg("year") = py::none(),
    py::arg("intensity_kg_per_kwh") = py::none(), py::arg("allow_later_year") = false, py::arg("db") = py::none(),
    "A CPU job (Green Algorithms): energy and CO2e; PUE, memory power and grid from the database when not given.");
  m.def("training", [](const opt_s& accelerator, double count, double hours, const opt_d& avg_power_w,
                       const opt_d& tdp_w, const opt_d& utilization, const opt_d& energy_kwh, const opt_d& pue,
                       const opt_s& region, const opt_i& year, const opt_d& intensity, bool embodied,
                       double host_power_w, const opt_d& lifetime_h, bool allow_later_year, const factor_database* db) {
      digital::training_inputs in;
      in.accelerator = accelerator;
      in.count = count;
      in.hours = hours;
      in.avg_power_w = avg_power_w;
      in.tdp_w = tdp_w;
      in.utilization = utilization;
      in.energy_kwh = energy_kwh;
      in.host_power_w = host_power_w;
      in.pue = pue;
      in.grid = grid_of(intensity, region, year, allow_later_year);
      in.embodied = embodied;
      in.lifetime_h = lifetime_h;
      return digital::training(db_or_default(db), in);
    }, py::arg("accelerator") = py::none(), py::arg("count") = 1.0, py::kw_only(), py::arg("hours"),
    py::arg("avg_power_w") = py::none(), py::arg("tdp_w") = py::none(), py::arg("utilization") = py::none(),
    py::arg("energy_kwh") = py::none(), py::arg("pue") = py::none(), py::arg("region") = py::none(),
    py::arg("year") = py::none(), py::arg("intensity_kg_per_kwh") = py::none(), py::arg("embodied") = true,
    py::arg("host_power_w") = 0.0, py::arg("lifetime_h") = py::none(), py::arg("allow_later_year") = false,
    py::arg("db") = py::none(),
    "An AI training run: accelerator and host energy x PUE x grid, embodied share of the accelerators apart.");
  m.def("datacenter", [](double it_energy_kwh, const opt_d& pue, const opt_s& region, const opt_i& year,
                         const opt_d& intensity, double reused_heat_kwh, double certificates_kwh,
                         double certificate_kg_per_kwh, const opt_d& residual_mix, const opt_d& displaced_heat,
                         const opt_d& water_l, double embodied_kg, bool allow_later_year, const factor_database* db) {
      digital::datacenter_inputs in;
      in.it_energy_kwh = it_energy_kwh;
      in.pue = pue;
      in.grid = grid_of(intensity, region, year, allow_later_year);
      in.reused_heat_kwh = reused_heat_kwh;
      in.certificates_kwh = certificates_kwh;
      in.certificate_kg_per_kwh = certificate_kg_per_kwh;
      in.residual_mix_kg_per_kwh = residual_mix;
      in.displaced_heat_kg_per_kwh = displaced_heat;
      in.water_l = water_l;
      in.embodied_kg = embodied_kg;
      return digital::datacenter(db_or_default(db), in);
    }, py::arg("it_energy_kwh"), py::arg("pue"), py::arg("region") = py::none(), py::arg("year") = py::none(),
    py::arg("intensity_kg_per_kwh") = py::none(), py::arg("reused_heat_kwh") = 0.0, py::arg("certificates_kwh") = 0.0,
    py::arg("certificate_kg_per_kwh") = 0.0, py::arg("residual_mix_kg_per_kwh") = py::none(),
    py::arg("displaced_heat_kg_per_kwh") = py::none(), py::arg("water_l") = py::none(), py::arg("embodied_kg") = 0.0,
    py::arg("allow_later_year") = false, py::arg("db") = py::none(),
    "A data center's period: facility energy, location- and market-based CO2e, ERF, avoided emissions apart, WUE.");
}

}  // namespace ghgkit::python
