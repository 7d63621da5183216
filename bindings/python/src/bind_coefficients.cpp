// Coefficient, LlmModel, Accelerator, Cpu, CloudInstance, CloudRegion, ServerArchetype, Airport, and the
// FactorDatabase methods that list and find them. Each object carries its source as a dict, like
// Factor. Ranges: an LLM's parameters are (low, high) tuples (low == high for one figure); a server
// archetype's numbers are (default, min, max) tuples (all three equal for one figure).

#include <pybind11/stl.h>

#include <fmt/format.h>

#include "bindings.hpp"
#include "ghgkit/calc/flight_distance.hpp"

namespace ghgkit::python {
namespace {

/// An entry with the source it cites (looked up once, when the entry is handed to Python).
template <class Entry>
struct bound_entry {
  Entry value;
  source cited;
};

template <class Entry>
bound_entry<Entry> bind_entry(const factor_database& db, const Entry& e) {
  return {e, db.sources().find(e.source_id)->second};
}

template <class Entry, class Keep>
std::vector<bound_entry<Entry>> bind_all(const factor_database& db, std::span<const Entry> entries, Keep keep) {
  std::vector<bound_entry<Entry>> out;
  for (const auto& e : entries) {
    if (keep(e)) out.push_back(bind_entry(db, e));
  }
  return out;
}

py::object optional_number(const std::optional<double>& v) { return v ? py::cast(*v) : py::object(py::none()); }
py::object optional_text(const std::string& s) { return s.empty() ? py::object(py::none()) : py::cast(s); }
py::tuple range_tuple(const param_range& r) { return py::make_tuple(r.low, r.high); }
py::object archetype_tuple(const std::optional<archetype_number>& n) {
  return n ? py::object(py::make_tuple(n->value, n->min, n->max)) : py::object(py::none());
}

bool prefix_of(const std::string& path, const std::optional<std::string>& prefix) {
  return !prefix || path == *prefix || (path.starts_with(*prefix) && path[prefix->size()] == '.');
}
bool same_text(const std::string& value, const std::optional<std::string>& wanted) {
  return !wanted || (value.size() == wanted->size() &&
                     std::equal(value.begin(), value.end(), wanted->begin(), [](char a, char b) {
                       return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
                     }));
}

// id, source, notes, location, overrides: what every entry has.
template <class Entry>
py::class_<bound_entry<Entry>> entry_class(py::module_& m, const char* name, const char* doc) {
  using B = bound_entry<Entry>;
  py::class_<B> cls(m, name, doc);
  cls.def_property_readonly("id", [](const B& b) { return b.value.id; })
      .def_property_readonly("source", [](const B& b) { return to_dict(b.cited); })
      .def_property_readonly("notes", [](const B& b) { return optional_text(b.value.notes); })
      .def_property_readonly("location", [](const B& b) { return b.value.origin.where.str(); },
                             "file:line:column of the entry")
      .def_property_readonly("overrides", [](const B& b) {
        std::vector<std::string> out;
        for (const auto& o : b.value.overrides) out.push_back(o.where.str());
        return out;
      }, "locations of the lower-layer entries this one replaced");
  return cls;
}

// Readonly properties from member pointers: text fields give None when empty.
template <class B, class Entry>
void text_fields(py::class_<B>& cls, std::initializer_list<std::pair<const char*, std::string Entry::*>> fields) {
  for (const auto& [name, member] : fields) {
    cls.def_property_readonly(name, [member = member](const B& b) { return optional_text(b.value.*member); });
  }
}
template <class B, class Entry>
void number_fields(py::class_<B>& cls, std::initializer_list<std::pair<const char*, std::optional<double> Entry::*>> fields) {
  for (const auto& [name, member] : fields) {
    cls.def_property_readonly(name, [member = member](const B& b) { return optional_number(b.value.*member); });
  }
}

void bind_coefficient_class(py::module_& m) {
  using B = bound_entry<coefficient>;
  auto cls = entry_class<coefficient>(m, "Coefficient", "A figure that is not an emission factor (PUE, W per vCPU, ...), "
                                                         "from one source.\n"
                                                         "\n"
                                                         "    >>> c = db.coefficient('cloud.datacenter.pue', provider='aws', source='ccf')\n"
                                                         "    >>> c.quantity, c.unit, c.provider\n"
                                                         "    ('cloud.datacenter.pue', '1', 'aws')");
  cls.def_property_readonly("quantity", [](const B& b) { return b.value.quantity; })
      .def_property_readonly("value", [](const B& b) { return b.value.value; }, "the figure, in `unit` per one `per`")
      .def_property_readonly("min", [](const B& b) { return b.value.min; })
      .def_property_readonly("max", [](const B& b) { return b.value.max; })
      .def_property_readonly("unit", [](const B& b) { return b.value.unit.symbol; }, "'1' for a dimensionless figure")
      .def_property_readonly("unit_dimension", [](const B& b) { return describe(b.value.unit.dim); })
      .def_property_readonly("year", [](const B& b) { return b.value.year; });
  text_fields<B, coefficient>(cls, {{"per", &coefficient::per}, {"provider", &coefficient::provider},
                                    {"region", &coefficient::region}, {"country", &coefficient::country},
                                    {"key", &coefficient::key}, {"reference", &coefficient::reference}});
  cls.def("__repr__", [](const B& b) {
    const coefficient& c = b.value;
    return fmt::format("<Coefficient {} = {} {}{} ({})>", c.id, c.value, c.unit.symbol, c.per.empty() ? "" : " per " + c.per,
                       c.source_id);
  });
}

void bind_catalogue_classes(py::module_& m) {
  using M = bound_entry<llm_model>;
  auto model = entry_class<llm_model>(m, "LlmModel", "An LLM; parameters in billions as (low, high) tuples.\n"
                                                     "\n"
                                                     "    >>> m = db.llm_model('gpt-4o-mini')\n"
                                                     "    >>> m.provider, len(m.total_params_b)\n"
                                                     "    ('openai', 2)");
  model.def_property_readonly("provider", [](const M& b) { return b.value.provider; })
      .def_property_readonly("name", [](const M& b) { return b.value.name; })
      .def_property_readonly("aliases", [](const M& b) { return b.value.aliases; })
      .def_property_readonly("architecture", [](const M& b) { return b.value.architecture; }, "'dense' or 'moe'")
      .def_property_readonly("total_params_b", [](const M& b) { return range_tuple(b.value.total_params_b); },
                             "(low, high) billions; low == high when the source gives one figure")
      .def_property_readonly("active_params_b", [](const M& b) { return range_tuple(b.value.active_params_b); },
                             "(low, high) billions active per token")
      .def_property_readonly("warnings", [](const M& b) { return b.value.warnings; })
      .def_property_readonly("references", [](const M& b) { return b.value.references; })
      .def("__repr__", [](const M& b) { return fmt::format("<LlmModel {} ({})>", b.value.name, b.value.provider); });

  using A = bound_entry<accelerator>;
  auto acc = entry_class<accelerator>(m, "Accelerator", "One source's record of a GPU, TPU or other accelerator.\n"
                                                        "\n"
                                                        "    >>> a = db.accelerators()[0]\n"
                                                        "    >>> a.name, a.type\n"
                                                        "    ('AMD Radeon Instinct MI25', 'gpu')");
  acc.def_property_readonly("device", [](const A& b) { return b.value.device; })
      .def_property_readonly("vendor", [](const A& b) { return b.value.vendor; })
      .def_property_readonly("name", [](const A& b) { return b.value.name; })
      .def_property_readonly("type", [](const A& b) { return b.value.type; }, "'gpu', 'tpu' or 'npu'")
      .def_property_readonly("aliases", [](const A& b) { return b.value.aliases; })
      .def("__repr__", [](const A& b) { return fmt::format("<Accelerator {} ({})>", b.value.name, b.value.source_id); });
  number_fields<A, accelerator>(acc, {{"memory_gb", &accelerator::memory_gb}, {"tdp_w", &accelerator::tdp_w},
                                      {"avg_power_w", &accelerator::avg_power_w}, {"fp32_tflops", &accelerator::fp32_tflops},
                                      {"fp16_tflops", &accelerator::fp16_tflops},
                                      {"embodied_kg_co2e", &accelerator::embodied_kg_co2e}});
  text_fields<A, accelerator>(acc, {{"embodied_source", &accelerator::embodied_source}, {"reference", &accelerator::reference}});

  using C = bound_entry<cpu>;
  auto c = entry_class<cpu>(m, "Cpu", "One source's record of a CPU model.\n"
                                      "\n"
                                      "    >>> c = db.cpus()[0]\n"
                                      "    >>> c.name, c.tdp_w\n"
                                      "    ('1075T', 95.0)");
  c.def_property_readonly("name", [](const C& b) { return b.value.name; })
      .def_property_readonly("tdp_w", [](const C& b) { return b.value.tdp_w; })
      .def_property_readonly("release_year", [](const C& b) { return b.value.release_year; })
      .def("__repr__", [](const C& b) { return fmt::format("<Cpu {} {} W ({})>", b.value.name, b.value.tdp_w, b.value.source_id); });
  number_fields<C, cpu>(c, {{"cores", &cpu::cores}, {"tdp_per_core_w", &cpu::tdp_per_core_w},
                            {"feature_size_nm", &cpu::feature_size_nm}, {"die_area_cm2", &cpu::die_area_cm2}});
  text_fields<C, cpu>(c, {{"reference", &cpu::reference}});
}

// A server archetype's component groups as dicts of (default, min, max) tuples and names; fields
// the source leaves out are absent.
py::dict components_of(const server_archetype& s) {
  py::dict out;
  auto group = [&](const char* name, std::initializer_list<std::pair<const char*, py::object>> fields) {
    py::dict g;
    for (const auto& [key, value] : fields) {
      if (!value.is_none()) g[key] = value;
    }
    out[name] = g;
  };
  if (s.cpu) {
    group("cpu", {{"units", archetype_tuple(s.cpu->units)}, {"core_units", archetype_tuple(s.cpu->core_units)},
                  {"die_size_per_core_mm2", archetype_tuple(s.cpu->die_size_per_core_mm2)},
                  {"threads", archetype_tuple(s.cpu->threads)}, {"name", optional_text(s.cpu->name)}});
  }
  for (const auto& [name, g] : {std::pair{"ram", &s.ram}, std::pair{"ssd", &s.ssd}, std::pair{"hdd", &s.hdd}}) {
    if (*g) group(name, {{"units", archetype_tuple((*g)->units)}, {"capacity_gb", archetype_tuple((*g)->capacity_gb)}});
  }
  if (s.gpu) {
    group("gpu", {{"units", archetype_tuple(s.gpu->units)}, {"name", optional_text(s.gpu->name)},
                  {"vram_gb", archetype_tuple(s.gpu->vram_gb)}});
  }
  if (s.power_supply) {
    group("power_supply", {{"units", archetype_tuple(s.power_supply->units)},
                           {"unit_weight_kg", archetype_tuple(s.power_supply->unit_weight_kg)}});
  }
  if (s.usage) {
    group("usage", {{"time_workload_pct", archetype_tuple(s.usage->time_workload_pct)},
                    {"use_time_ratio", archetype_tuple(s.usage->use_time_ratio)},
                    {"hours_life_time", archetype_tuple(s.usage->hours_life_time)},
                    {"other_consumption_ratio", archetype_tuple(s.usage->other_consumption_ratio)}});
  }
  return out;
}

void bind_cloud_classes(py::module_& m) {
  using I = bound_entry<cloud_instance>;
  auto inst = entry_class<cloud_instance>(m, "CloudInstance", "A cloud instance type.\n"
                                                              "\n"
                                                              "    >>> i = db.cloud_instances('aws')[0]\n"
                                                              "    >>> i.provider, i.instance\n"
                                                              "    ('aws', 'a1.2xlarge')");
  inst.def_property_readonly("provider", [](const I& b) { return b.value.provider; })
      .def_property_readonly("instance", [](const I& b) { return b.value.instance; })
      .def("__repr__", [](const I& b) { return fmt::format("<CloudInstance {} {}>", b.value.provider, b.value.instance); });
  number_fields<I, cloud_instance>(inst, {{"vcpu", &cloud_instance::vcpu}, {"memory_gb", &cloud_instance::memory_gb},
                                          {"ssd_gb", &cloud_instance::ssd_gb}, {"hdd_gb", &cloud_instance::hdd_gb},
                                          {"gpus", &cloud_instance::gpus}});
  text_fields<I, cloud_instance>(inst, {{"gpu_model", &cloud_instance::gpu_model}, {"platform", &cloud_instance::platform},
                                        {"reference", &cloud_instance::reference}});

  using R = bound_entry<cloud_region>;
  auto region = entry_class<cloud_region>(m, "CloudRegion", "A region of a cloud provider.\n"
                                                            "\n"
                                                            "    >>> r = db.cloud_regions('aws')[0]\n"
                                                            "    >>> r.provider, r.region\n"
                                                            "    ('aws', 'af-south-1')");
  region.def_property_readonly("provider", [](const R& b) { return b.value.provider; })
      .def_property_readonly("region", [](const R& b) { return b.value.region; })
      .def("__repr__", [](const R& b) { return fmt::format("<CloudRegion {} {}>", b.value.provider, b.value.region); });
  text_fields<R, cloud_region>(region, {{"country", &cloud_region::country}, {"location", &cloud_region::location},
                                        {"place", &cloud_region::place}, {"reference", &cloud_region::reference}});

  using S = bound_entry<server_archetype>;
  auto server = entry_class<server_archetype>(m, "ServerArchetype",
                                              "A server archetype (BoaviztAPI platform); numbers as (default, min, max).\n"
                                              "\n"
                                              "    >>> s = db.server_archetypes()[0]\n"
                                              "    >>> s.archetype, sorted(s.components)[:1]\n"
                                              "    ('a1.metal', [...])");
  server.def_property_readonly("archetype", [](const S& b) { return b.value.archetype; })
      .def_property_readonly("components", [](const S& b) { return components_of(b.value); },
                             "{'cpu': {'units': (default, min, max), 'name': ...}, 'ram': {...}, ...}")
      .def("__repr__", [](const S& b) { return fmt::format("<ServerArchetype {}>", b.value.archetype); });
  text_fields<S, server_archetype>(server, {{"manufacturer", &server_archetype::manufacturer},
                                            {"case_type", &server_archetype::case_type}});
}

void bind_airport_class(py::module_& m) {
  using A = bound_entry<airport>;
  auto cls = entry_class<airport>(m, "Airport", "An airport of the catalogue (section 'airports'), WGS 84 degrees.\n"
                                                "\n"
                                                "    >>> a = db.airport('CDG')\n"
                                                "    >>> a.iata, a.country, round(a.latitude, 2)\n"
                                                "    ('CDG', 'FR', 49.01)");
  cls.def_property_readonly("iata", [](const A& b) { return b.value.iata; })
      .def_property_readonly("name", [](const A& b) { return b.value.name; })
      .def_property_readonly("country", [](const A& b) { return b.value.country; })
      .def_property_readonly("latitude", [](const A& b) { return b.value.latitude; })
      .def_property_readonly("longitude", [](const A& b) { return b.value.longitude; })
      .def("__repr__", [](const A& b) { return fmt::format("<Airport {} {} ({})>", b.value.iata, b.value.name, b.value.country); });
  text_fields<A, airport>(cls, {{"icao", &airport::icao}, {"city", &airport::city}});
}

}  // namespace

void bind_coefficients(py::module_& m) {
  bind_airport_class(m);
  bind_coefficient_class(m);
  bind_catalogue_classes(m);
  bind_cloud_classes(m);
  using opt = std::optional<std::string>;
  auto all = [](const auto&) { return true; };
  auto db = py::reinterpret_borrow<py::class_<factor_database>>(m.attr("FactorDatabase"));
  db.def("coefficients", [](const factor_database& d, const opt& quantity, const opt& provider, const opt& source) {
      return bind_all(d, d.coefficients(), [&](const coefficient& c) {
        return prefix_of(c.quantity, quantity) && same_text(c.provider, provider) && (!source || c.source_id == *source);
      });
    }, py::arg("quantity") = py::none(), py::arg("provider") = py::none(), py::arg("source") = py::none(),
    "Coefficients (sorted by id) filtered by quantity prefix (e.g. 'cloud.compute'), provider and source id.\n"
    "\n"
    "    >>> sorted(c.source['id'] for c in db.coefficients('cloud.datacenter.pue', provider='aws'))\n"
    "    ['ccf', 'green-algorithms-cloud']")
    .def("coefficient", [](const factor_database& d, const std::string& quantity, const opt& provider, const opt& region,
                           const opt& key, const opt& source) {
      return bind_entry(d, d.find_coefficient({quantity, provider, region, key, source}));
    }, py::arg("quantity"), py::arg("provider") = py::none(), py::arg("region") = py::none(), py::arg("key") = py::none(),
    py::arg("source") = py::none(),
    "The one coefficient of `quantity` that fits (fields left out match any). FactorLookupError names the candidates "
    "when none or several fit; sources are never averaged: name one when several give the figure.\n"
    "\n"
    "    >>> db.coefficient('cloud.datacenter.pue', provider='aws', source='ccf').source['id']\n"
    "    'ccf'")
    .def("llm_models", [all](const factor_database& d) { return bind_all(d, d.llm_models(), all); },
         "Every LLM of the catalogue, sorted by id.\n\n    >>> len(db.llm_models()) > 10\n    True")
    .def("llm_model", [](const factor_database& d, const std::string& name, const opt& provider) {
      return bind_entry(d, d.find_llm_model(name, provider));
    }, py::arg("name"), py::arg("provider") = py::none(), "An LLM by name, alias or id (ignoring case).\n"
                                                          "\n"
                                                          "    >>> db.llm_model('GPT-4o-mini').provider\n"
                                                          "    'openai'")
    .def("accelerators", [all](const factor_database& d) { return bind_all(d, d.accelerators(), all); },
         "Every accelerator record (one per source), sorted by id.\n\n    >>> db.accelerators()[0].type\n    'gpu'")
    .def("accelerator", [](const factor_database& d, const std::string& name, const opt& source) {
      return bind_entry(d, d.find_accelerator(name, source));
    }, py::arg("name"), py::arg("source") = py::none(),
    "One source's record of an accelerator named by name, device, alias or id; `source` when several sources have one."
    "\n\n    >>> db.accelerator('AWS Inferentia').name\n    'AWS Inferentia'")
    .def("cpus", [all](const factor_database& d) { return bind_all(d, d.cpus(), all); },
         "Every CPU record, sorted by id.\n\n    >>> db.cpus()[0].name\n    '1075T'")
    .def("cpu", [](const factor_database& d, const std::string& name, const opt& source) {
      return bind_entry(d, d.find_cpu(name, source));
    }, py::arg("name"), py::arg("source") = py::none(), "One source's record of a CPU by name or id.\n"
                                                        "\n"
                                                        "    >>> db.cpu('1075T').tdp_w\n"
                                                        "    95.0")
    .def("cloud_instances", [](const factor_database& d, const opt& provider) {
      return bind_all(d, d.cloud_instances(), [&](const cloud_instance& i) { return same_text(i.provider, provider); });
    }, py::arg("provider") = py::none(), "Cloud instance types (sorted by id), optionally of one provider."
    "\n\n    >>> db.cloud_instances('aws')[0].instance\n    'a1.2xlarge'")
    .def("cloud_regions", [](const factor_database& d, const opt& provider) {
      return bind_all(d, d.cloud_regions(), [&](const cloud_region& r) { return same_text(r.provider, provider); });
    }, py::arg("provider") = py::none(), "Cloud regions (sorted by id), optionally of one provider."
    "\n\n    >>> db.cloud_regions('aws')[0].region\n    'af-south-1'")
    .def("server_archetypes", [all](const factor_database& d) { return bind_all(d, d.server_archetypes(), all); },
         "Every server archetype (BoaviztAPI platforms), sorted by id.\n"
         "\n"
         "    >>> db.server_archetypes()[0].archetype\n"
         "    'a1.metal'")
    .def("airports", [](const factor_database& d, const opt& country) {
      return bind_all(d, d.airports(), [&](const airport& a) { return same_text(a.country, country); });
    }, py::arg("country") = py::none(), "Airports (sorted by id), optionally of one country (ISO 3166-1 alpha-2).\n"
                                        "\n"
                                        "    >>> all(a.country == 'FR' for a in db.airports('FR'))\n"
                                        "    True")
    .def("airport", [](const factor_database& d, const std::string& code) { return bind_entry(d, d.find_airport(code)); },
         py::arg("code"), "An airport by IATA code, ICAO code or id (ignoring case).\n"
                          "\n"
                          "    >>> db.airport('lfpg').iata\n"
                          "    'CDG'")
    .def("great_circle_km", [](const factor_database& d, const std::string& origin, const std::string& destination) {
      return great_circle_km(d.find_airport(origin), d.find_airport(destination));
    }, py::arg("origin"), py::arg("destination"),
    "Great-circle (haversine) distance in km between two airports given by IATA code, ICAO code or id, before\n"
    "any uplift.\n\n    >>> round(db.great_circle_km('CDG', 'JFK'), 1)\n    5833.6")
    .def("flight", [](const factor_database& d, const std::string& origin, const std::string& destination,
                      const std::string& cabin, double passengers, bool round_trip, bool radiative_forcing) {
      flight f;
      f.origin = origin;
      f.destination = destination;
      f.cabin = cabin;
      f.passengers = passengers;
      f.round_trip = round_trip;
      f.radiative_forcing = radiative_forcing;
      const flight_activity leg = flight_passenger_km(d, f);
      py::dict out;
      out["activity"] = leg.activity;
      out["region"] = leg.region;
      out["haul"] = leg.haul;
      out["great_circle_km"] = leg.great_circle_km;
      out["passenger_km"] = leg.passenger_km;
      out["steps"] = leg.steps;
      return out;
    }, py::arg("origin"), py::arg("destination"), py::arg("cabin") = "average", py::arg("passengers") = 1.0,
    py::arg("round_trip") = false, py::arg("radiative_forcing") = true,
    "A flight between two airports as the activity and passenger-km to price (great-circle distance, the factor "
    "source's uplift and haul band): {'activity', 'region', 'haul', 'great_circle_km', 'passenger_km', 'steps'}. "
    "Price it with db.calculate(r['activity'], r['passenger_km'], 'passenger.km', region=r['region']).\n"
    "\n"
    "    >>> r = db.flight('CDG', 'JFK')\n"
    "    >>> r['haul'], round(r['passenger_km'], 1)\n"
    "    ('international', 6300.3)")
    .def_property_readonly("catalogue_warnings", [](const factor_database& d) {
      return std::vector<std::string>(d.catalogue_warnings().begin(), d.catalogue_warnings().end());
    }, "Catalogue cross-references that did not resolve (warnings, not errors).\n"
       "\n"
       "    >>> isinstance(db.catalogue_warnings, list)\n"
       "    True");
}

}  // namespace ghgkit::python
