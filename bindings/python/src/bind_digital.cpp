// ghgkit._core.digital: the digital-service formulas (include/ghgkit/digital/) with keyword
// arguments named as in the public API; the pure-Python module ghgkit.digital re-exports them.

#include <pybind11/stl.h>

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "bindings.hpp"
#include "ghgkit/digital/server_embodied.hpp"

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

// The overrides of a server description (server_embodied_inputs), by keyword; an unknown keyword is an
// InputError naming it.
digital::server_embodied_inputs server_inputs(const opt_s& archetype, const py::kwargs& kw) {
  using I = digital::server_embodied_inputs;
  static const std::map<std::string, std::optional<double> I::*> numbers{
      {"cpu_units", &I::cpu_units},
      {"cpu_core_units", &I::cpu_core_units},
      {"cpu_die_size_mm2", &I::cpu_die_size_mm2},
      {"cpu_die_size_per_core_mm2", &I::cpu_die_size_per_core_mm2},
      {"ram_units", &I::ram_units},
      {"ram_capacity_gb", &I::ram_capacity_gb},
      {"ram_density_gb_per_cm2", &I::ram_density_gb_per_cm2},
      {"ssd_units", &I::ssd_units},
      {"ssd_capacity_gb", &I::ssd_capacity_gb},
      {"ssd_density_gb_per_cm2", &I::ssd_density_gb_per_cm2},
      {"hdd_units", &I::hdd_units},
      {"psu_units", &I::psu_units},
      {"psu_weight_kg", &I::psu_weight_kg}};
  I in;
  in.archetype = archetype;
  for (const auto& [key, value] : kw) {
    const auto name = key.cast<std::string>();
    if (value.is_none()) continue;
    if (name == "case_type") {
      in.case_type = value.cast<std::string>();
    } else if (const auto it = numbers.find(name); it != numbers.end()) {
      in.*(it->second) = value.cast<double>();
    } else {
      raise<input_error>({}, name, "an unknown keyword",
                         "a server figure: cpu_units, cpu_core_units, cpu_die_size_mm2, cpu_die_size_per_core_mm2, "
                         "ram_units, ram_capacity_gb, ram_density_gb_per_cm2, ssd_units, ssd_capacity_gb, "
                         "ssd_density_gb_per_cm2, hdd_units, psu_units, psu_weight_kg or case_type");
    }
  }
  return in;
}

// One equipment item from a dict with the field names of digital::equipment_item.
digital::equipment_item equipment_of(py::handle item, std::size_t i) {
  const std::string where = fmt::format("equipment[{}]", i);
  if (!py::isinstance<py::dict>(item)) raise<input_error>({}, where, py::repr(item).cast<std::string>(), "a dict");
  digital::equipment_item e;
  for (const auto& [key, value] : py::reinterpret_borrow<py::dict>(item)) {
    const auto name = key.cast<std::string>();
    if (value.is_none()) continue;
    if (name == "name") e.name = value.cast<std::string>();
    else if (name == "count") e.count = value.cast<double>();
    else if (name == "power_w") e.power_w = value.cast<double>();
    else if (name == "idle_w") e.idle_w = value.cast<double>();
    else if (name == "max_w") e.max_w = value.cast<double>();
    else if (name == "utilization") e.utilization = value.cast<double>();
    else if (name == "hours") e.hours = value.cast<double>();
    else if (name == "archetype") e.archetype = value.cast<std::string>();
    else if (name == "embodied_kg") e.embodied_kg = value.cast<double>();
    else if (name == "lifetime_h") e.lifetime_h = value.cast<double>();
    else {
      raise<input_error>({}, where + "." + name, "an unknown key",
                         "name, count, power_w, idle_w, max_w, utilization, hours, archetype, embodied_kg or lifetime_h");
    }
  }
  return e;
}

py::list components_of(const digital::server_footprint& s) {
  py::list out;
  for (const auto& c : s.components) {
    py::dict d;
    d["name"] = c.name;
    d["units"] = c.units;
    d["kg"] = c.kg;
    d["low_kg"] = c.low_kg;
    d["high_kg"] = c.high_kg;
    out.append(d);
  }
  return out;
}

py::list equipment_results_of(const digital::datacenter_footprint& f) {
  py::list out;
  for (const auto& e : f.equipment) {
    py::dict d;
    d["name"] = e.name;
    d["it_energy_kwh"] = e.it_energy_kwh;
    d["embodied_kg"] = e.embodied_kg;
    d["embodied_low_kg"] = e.embodied_low_kg;
    d["embodied_high_kg"] = e.embodied_high_kg;
    out.append(d);
  }
  return out;
}

void bind_results(py::module_& m) {
  using F = digital::footprint;
  py::class_<F>(m, "Footprint", "Energy and emissions of a digital activity, operational and embodied apart.\n"
                                "\n"
                                "    >>> f = digital.compute_job(cores=12, core_power_w=12, memory_gb=64, hours=10, pue=1.67, intensity_kg_per_kwh=0.475)\n"
                                "    >>> round(f.energy_kwh, 3), round(f.co2e_kg, 3), f.embodied_kg\n"
                                "    (2.803, 1.331, 0.0)\n"
                                "    >>> f.figure('pue')[0]\n"
                                "    1.67")
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
      }, py::arg("name"), "(value, unit, origin) of the figure named `name`, or None\n"
                          "\n"
                          "    >>> digital.sci(energy_kwh=1, intensity_kg_per_kwh=0.4, embodied_kg=0).figure('no such figure') is None\n"
                          "    True")
      .def("__repr__", [](const F& f) {
        return fmt::format("<Footprint {:.6g} kWh, {:.6g} kg CO2e ({:.6g} operational + {:.6g} embodied)>", f.energy_kwh,
                           f.co2e_kg, f.operational_kg, f.embodied_kg);
      });
  py::class_<digital::datacenter_footprint, F>(m, "DatacenterFootprint",
                                               "A data center's period (digital.datacenter): a Footprint with facility energy, "
                                               "ERF, avoided emissions, WUE and the hourly CFE score.\n"
                                               "\n"
                                               "    >>> d = digital.datacenter(it_energy_kwh=1_000_000, pue=1.3, intensity_kg_per_kwh=0.05)\n"
                                               "    >>> round(d.facility_energy_kwh), round(d.co2e_kg)\n"
                                               "    (1300000, 65000)")
      .def_readonly("facility_energy_kwh", &digital::datacenter_footprint::facility_energy_kwh)
      .def_readonly("erf", &digital::datacenter_footprint::erf)
      .def_readonly("avoided_kg", &digital::datacenter_footprint::avoided_kg, "reported apart, never netted")
      .def_readonly("wue_l_per_kwh", &digital::datacenter_footprint::wue_l_per_kwh)
      .def_readonly("it_energy_kwh", &digital::datacenter_footprint::it_energy_kwh)
      .def_property_readonly("equipment", &equipment_results_of,
                             "[{'name', 'it_energy_kwh', 'embodied_kg', 'embodied_low_kg', 'embodied_high_kg'}]")
      .def_readonly("cfe_score", &digital::datacenter_footprint::cfe_score, "hourly method: matched share, 0-1")
      .def_readonly("clean_matched_kwh", &digital::datacenter_footprint::clean_matched_kwh);
  py::class_<digital::server_footprint, F>(m, "ServerFootprint", "Manufacturing emissions of one server (BoaviztAPI).\n"
                                                                 "\n"
                                                                 "    >>> s = digital.server_embodied('dellR740')\n"
                                                                 "    >>> round(s.embodied_kg), s.archetype\n"
                                                                 "    (1173, 'dellR740')")
      .def_property_readonly("components", &components_of, "[{'name', 'units', 'kg', 'low_kg', 'high_kg'}]")
      .def_readonly("archetype", &digital::server_footprint::archetype)
      .def_readonly("lifetime_h", &digital::server_footprint::lifetime_h, "the archetype's hours_life_time");
  py::class_<digital::sci_score, F>(m, "SciScore", "A Software Carbon Intensity score (digital.sci): a Footprint with "
                                                                 "score_kg_per_unit.\n"
                                                                 "\n"
                                                                 "    >>> s = digital.sci(energy_kwh=0.5, intensity_kg_per_kwh=0.4, embodied_kg=0.05, functional_units=100)\n"
                                                                 "    >>> round(s.score_kg_per_unit, 6), round(s.co2e_kg, 3)\n"
                                                                 "    (0.0025, 0.25)")
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
    py::arg("total_resources") = 1.0, "SCI's M = TE x (TiR / EL) x (RR / ToR), in kg (embodied_kg).\n"
                                      "\n"
                                      "    >>> round(digital.embodied_share(total_kg=1200, time_reserved_h=24, lifetime_h=4 * 8760).embodied_kg, 4)\n"
                                      "    0.8219");
  m.def("sci", [](double energy_kwh, double intensity, double embodied_kg, double functional_units) {
      return digital::sci({energy_kwh, intensity, embodied_kg, functional_units});
    }, py::arg("energy_kwh"), py::arg("intensity_kg_per_kwh"), py::arg("embodied_kg"), py::arg("functional_units") = 1.0,
    "SCI = (E x I + M) per R (score_kg_per_unit).\n"
    "\n"
    "    >>> round(digital.sci(energy_kwh=0.5, intensity_kg_per_kwh=0.4, embodied_kg=0.05, functional_units=100).score_kg_per_unit, 6)\n"
    "    0.0025");
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
    "A CPU job (Green Algorithms): energy and CO2e; PUE, memory power and grid from the database when not given.\n"
    "\n"
    "    >>> job = digital.compute_job(cores=12, core_power_w=12, memory_gb=64, hours=10, pue=1.67, intensity_kg_per_kwh=0.475)\n"
    "    >>> round(job.energy_kwh, 3), round(job.co2e_kg, 3)\n"
    "    (2.803, 1.331)");
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
    "An AI training run: accelerator and host energy x PUE x grid, embodied share of the accelerators apart.\n"
    "\n"
    "    >>> run = digital.training(count=10000, hours=14.8 * 24, avg_power_w=330, pue=1.1, intensity_kg_per_kwh=0.429)\n"
    "    >>> round(run.energy_kwh), round(run.co2e_kg)\n"
    "    (1289376, 553142)");
  m.def("datacenter", [](const opt_d& it_energy_kwh, const opt_d& pue, const opt_s& region, const opt_i& year,
                         const opt_d& intensity, double reused_heat_kwh, double certificates_kwh,
                         double certificate_kg_per_kwh, const opt_d& residual_mix, const opt_d& displaced_heat,
                         const opt_d& water_l, double embodied_kg, bool allow_later_year, const py::object& equipment,
                         const py::object& hourly_consumption, const py::object& clean_supply,
                         const py::object& intensity_series, const opt_s& zone, const factor_database* db) {
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
      if (!equipment.is_none()) {
        for (py::handle item : py::iterable(equipment)) in.equipment.push_back(equipment_of(item, in.equipment.size()));
      }
      if (!hourly_consumption.is_none() || !intensity_series.is_none()) {
        if (hourly_consumption.is_none() || intensity_series.is_none()) {
          raise<input_error>({}, hourly_consumption.is_none() ? "hourly_consumption" : "intensity_series", "nothing",
                             "both hourly_consumption and intensity_series for the hourly method");
        }
        digital::datacenter_hourly h;
        h.series = intensity_series.cast<const grid::intensity_series*>();
        h.zone = zone ? *zone : h.series->resolve_zone(std::nullopt);
        h.consumption = hourly_from_py(hourly_consumption, "hourly_consumption");
        if (!clean_supply.is_none()) h.clean_supply = hourly_from_py(clean_supply, "clean_supply");
        in.hourly = std::move(h);
      }
      return digital::datacenter(db_or_default(db), in);
    }, py::arg("it_energy_kwh") = py::none(), py::arg("pue") = py::none(), py::arg("region") = py::none(),
    py::arg("year") = py::none(), py::arg("intensity_kg_per_kwh") = py::none(), py::arg("reused_heat_kwh") = 0.0,
    py::arg("certificates_kwh") = 0.0, py::arg("certificate_kg_per_kwh") = 0.0,
    py::arg("residual_mix_kg_per_kwh") = py::none(), py::arg("displaced_heat_kg_per_kwh") = py::none(),
    py::arg("water_l") = py::none(), py::arg("embodied_kg") = 0.0, py::arg("allow_later_year") = false,
    py::kw_only(), py::arg("equipment") = py::none(), py::arg("hourly_consumption") = py::none(),
    py::arg("clean_supply") = py::none(), py::arg("intensity_series") = py::none(), py::arg("zone") = py::none(),
    py::arg("db") = py::none(),
    "A data center's period: facility energy, location- and market-based CO2e, ERF, avoided emissions apart, WUE; "
    "IT energy and embodied share from an equipment inventory; hour-matched market-based with a CFE score.\n"
    "\n"
    "    >>> d = digital.datacenter(it_energy_kwh=1_000_000, pue=1.3, intensity_kg_per_kwh=0.05)\n"
    "    >>> round(d.facility_energy_kwh), round(d.co2e_kg)\n"
    "    (1300000, 65000)");
  m.def("server_embodied", [](const opt_s& archetype, const factor_database* db, const py::kwargs& kw) {
      return digital::server_embodied(db_or_default(db), server_inputs(archetype, kw));
    }, py::arg("archetype") = py::none(), py::kw_only(), py::arg("db") = py::none(),
    "Manufacturing emissions of one server (BoaviztAPI component method); keywords replace the archetype's figures.\n"
    "\n"
    "    >>> round(digital.server_embodied('dellR740').embodied_kg)\n"
    "    1173");
  m.def("server_embodied_share", [](const opt_s& archetype, double hours, double share, const opt_d& lifetime_h,
                                    const factor_database* db, const py::kwargs& kw) {
      digital::server_share_inputs in;
      in.server = server_inputs(archetype, kw);
      in.hours = hours;
      in.share = share;
      in.lifetime_h = lifetime_h;
      return digital::server_embodied_share(db_or_default(db), in);
    }, py::arg("archetype") = py::none(), py::kw_only(), py::arg("hours"), py::arg("share") = 1.0,
    py::arg("lifetime_h") = py::none(), py::arg("db") = py::none(),
    "The server's manufacturing emissions x hours / lifetime x share (SCI's M).\n"
    "\n"
    "    >>> round(digital.server_embodied_share('dellR740', hours=720).embodied_kg, 2)\n"
    "    24.11");
  m.def("instance_embodied", [](const std::string& provider, const std::string& instance_type, double vcpu_hours,
                                const opt_d& platform_vcpu, const opt_d& lifetime_h, const factor_database* db,
                                const py::kwargs& kw) {
      digital::instance_embodied_inputs in;
      in.provider = provider;
      in.instance_type = instance_type;
      in.vcpu_hours = vcpu_hours;
      in.platform_vcpu = platform_vcpu;
      in.lifetime_h = lifetime_h;
      in.server = server_inputs(std::nullopt, kw);
      return digital::instance_embodied(db_or_default(db), in);
    }, py::arg("provider"), py::arg("instance_type"), py::arg("vcpu_hours"), py::kw_only(),
    py::arg("platform_vcpu") = py::none(), py::arg("lifetime_h") = py::none(), py::arg("db") = py::none(),
    "A cloud instance's share of its platform server's manufacturing: TE x vCPU-hours / (platform vCPUs x lifetime).\n"
    "\n"
    "    >>> round(digital.instance_embodied('aws', 'm5.xlarge', vcpu_hours=4 * 720).embodied_kg, 3)\n"
    "    0.659");
}

}  // namespace ghgkit::python
