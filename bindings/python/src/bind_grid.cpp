// ghgkit._core.grid: hourly intensity series and carbon-aware planning (include/ghgkit/grid/); the
// pure-Python module ghgkit.grid re-exports it. Times come in as ISO 8601 strings with an offset or
// timezone-aware datetimes, and go out as datetimes in UTC.

#include <pybind11/chrono.h>
#include <pybind11/stl.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "bindings.hpp"
#include "ghgkit/grid/intensity_series.hpp"
#include "ghgkit/grid/planning.hpp"

namespace ghgkit::python {

// An ISO 8601 string with an offset, or a timezone-aware datetime (pandas.Timestamp is one).
grid::utc_time time_from_py(py::handle value, const std::string& field) {
  if (py::isinstance<py::str>(value)) return grid::parse_time(value.cast<std::string>(), {}, field);
  py::module_ dt = py::module_::import("datetime");
  const std::string found = py::repr(value).cast<std::string>();
  if (!py::isinstance(value, dt.attr("datetime"))) {
    raise<input_error>({}, field, found, "an ISO 8601 string with an offset or a timezone-aware datetime");
  }
  if (value.attr("utcoffset")().is_none()) {
    raise<input_error>({}, field, found + " (naive)", "a timezone-aware datetime: a naive one is ambiguous");
  }
  const double seconds = value.attr("timestamp")().cast<double>();
  if (seconds != std::floor(seconds)) raise<input_error>({}, field, found, "a time in whole seconds");
  return grid::utc_time{std::chrono::seconds{static_cast<long long>(seconds)}};
}

// A dict {time: kWh} or an iterable of (time, kWh) pairs.
std::vector<grid::hourly_energy> hourly_from_py(const py::object& values, const char* name) {
  py::iterable items = py::isinstance<py::dict>(values) ? py::iterable(values.attr("items")()) : py::iterable(values);
  std::vector<grid::hourly_energy> out;
  for (py::handle item : items) {
    const std::string field = fmt::format("{}[{}]", name, out.size());
    const bool is_pair = py::isinstance<py::sequence>(item) && !py::isinstance<py::str>(item) && py::len(item) == 2;
    if (!is_pair) raise<input_error>({}, field, py::repr(item).cast<std::string>(), "a pair (timestamp, kWh)");
    py::sequence pair = py::reinterpret_borrow<py::sequence>(item);
    grid::hourly_energy h;
    h.time = time_from_py(pair[0], field + ".time");
    py::object kwh = pair[1];
    if (!py::isinstance<py::float_>(kwh) && !py::isinstance<py::int_>(kwh) && !py::hasattr(kwh, "__float__")) {
      raise<input_error>({}, field + ".kwh", py::repr(kwh).cast<std::string>(), "a number of kWh");
    }
    h.kwh = py::float_(kwh).cast<double>();
    out.push_back(h);
  }
  return out;
}

namespace {

using grid::utc_time;
using opt_s = std::optional<std::string>;

py::object to_py(utc_time t) {
  py::module_ dt = py::module_::import("datetime");
  return dt.attr("datetime").attr("fromtimestamp")(t.time_since_epoch().count(), dt.attr("timezone").attr("utc"));
}

py::object to_py(const std::optional<double>& v) { return v ? py::cast(*v) : py::object(py::none()); }

py::list unpriced_list(const std::vector<grid::unpriced_hour>& hours) {
  py::list out;
  for (const auto& h : hours) out.append(py::make_tuple(to_py(h.time), h.kwh, h.reason));
  return out;
}

grid::job_window job_of(double duration_h, double power_kw, const py::object& start, const py::object& end) {
  grid::job_window job;
  job.duration_h = duration_h;
  job.power_kw = power_kw;
  job.start = time_from_py(start, "start");
  job.end = time_from_py(end, "end");
  return job;
}

void bind_results(py::module_& m) {
  using E = grid::emissions_result;
  py::class_<E>(m, "EmissionsResult", "Emissions of an hourly load: hour-matched beside the period average.\n"
                                      "\n"
                                      "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
                                      "    >>> load = {'2024-10-26T20:00:00+02:00': 6.0, '2024-10-26T21:00:00+02:00': 6.0}\n"
                                      "    >>> e = series.emissions(load, zone='SYNTH-HIGH')\n"
                                      "    >>> round(e.co2e_kg, 4), round(e.energy_kwh, 1), e.unpriced\n"
                                      "    (5.7228, 12.0, [])")
      .def_readonly("zone", &E::zone)
      .def_readonly("energy_kwh", &E::energy_kwh, "the whole load")
      .def_readonly("priced_energy_kwh", &E::priced_energy_kwh)
      .def_readonly("co2e_kg", &E::co2e_kg, "sum over priced hours of kWh_h x intensity_h / 1000")
      .def_readonly("average_g_per_kwh", &E::average_g_per_kwh, "mean intensity of the zone over the series")
      .def_readonly("co2e_average_kg", &E::co2e_average_kg, "priced_energy_kwh x average_g_per_kwh / 1000")
      .def_readonly("difference_kg", &E::difference_kg)
      .def_readonly("difference_pct", &E::difference_pct)
      .def_property_readonly("unpriced", [](const E& e) { return unpriced_list(e.unpriced); },
                             "[(time, kWh, reason)] of load hours without an intensity")
      .def_readonly("unpriced_energy_kwh", &E::unpriced_energy_kwh)
      .def_readonly("steps", &E::steps)
      .def("__repr__", [](const E& e) {
        return fmt::format("<EmissionsResult {}: {:.6g} kg hourly, {:.6g} kg at the average, {} unpriced hours>", e.zone,
                           e.co2e_kg, e.co2e_average_kg, e.unpriced.size());
      });
  using W = grid::window_plan;
  py::class_<W>(m, "WindowPlan", "The lowest-emission start of a job, with the saving against starting now.\n"
                                 "\n"
                                 "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
                                 "    >>> plan = series.best_window(5, 6.0, '2024-10-26T18:00:00+02:00', '2024-10-28T18:00:00+01:00', zone='SYNTH-HIGH')\n"
                                 "    >>> plan.start.isoformat(), round(plan.co2e_kg, 4), round(plan.saving_kg, 3)\n"
                                 "    ('2024-10-27T10:00:00+00:00', 8.4024, 5.284)")
      .def_readonly("zone", &W::zone)
      .def_property_readonly("start", [](const W& w) { return to_py(w.start); })
      .def_property_readonly("end", [](const W& w) { return to_py(w.end); })
      .def_readonly("energy_kwh", &W::energy_kwh)
      .def_readonly("co2e_kg", &W::co2e_kg)
      .def_readonly("now_co2e_kg", &W::now_co2e_kg)
      .def_readonly("saving_kg", &W::saving_kg)
      .def_readonly("saving_pct", &W::saving_pct)
      .def_readonly("windows_considered", &W::windows_considered)
      .def_readonly("windows_skipped", &W::windows_skipped)
      .def("__repr__", [](const W& w) {
        return fmt::format("<WindowPlan {} from {}: {:.6g} kg>", w.zone, grid::format_time(w.start), w.co2e_kg);
      });
  using R = grid::region_plan;
  py::class_<R>(m, "RegionPlan", "The best zone and window among candidates.\n"
                                 "\n"
                                 "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
                                 "    >>> r = series.best_region(['SYNTH-HIGH', 'SYNTH-LOW'], 5, 6.0, '2024-10-26T18:00:00+02:00', '2024-10-28T18:00:00+01:00')\n"
                                 "    >>> r.best.zone, r.baseline_zone, round(r.saving_kg, 3)\n"
                                 "    ('SYNTH-LOW', 'SYNTH-HIGH', 12.446)")
      .def_readonly("best", &R::best)
      .def_property_readonly("candidates", [](const R& r) {
        py::list out;
        for (const auto& c : r.candidates) {
          py::dict d;
          d["zone"] = c.zone;
          d["best"] = c.best ? py::cast(*c.best) : py::object(py::none());
          d["reason"] = c.reason.empty() ? py::object(py::none()) : py::cast(c.reason);
          out.append(d);
        }
        return out;
      }, "[{'zone', 'best': WindowPlan or None, 'reason'}] in the order given")
      .def_readonly("baseline_zone", &R::baseline_zone)
      .def_readonly("baseline_co2e_kg", &R::baseline_co2e_kg)
      .def_readonly("saving_kg", &R::saving_kg)
      .def_readonly("saving_pct", &R::saving_pct);
  using C = grid::cfe_result;
  py::class_<C>(m, "CfeResult", "24/7 carbon-free energy score and market-based emissions of the rest.\n"
                                "\n"
                                "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
                                "    >>> load = {'2024-10-26T20:00:00+02:00': 6.0, '2024-10-26T21:00:00+02:00': 6.0}\n"
                                "    >>> c = series.cfe_score(load, {'2024-10-26T20:00:00+02:00': 3.0}, zone='SYNTH-HIGH')\n"
                                "    >>> c.score, round(c.market_kg, 4)\n"
                                "    (0.25, 4.3464)")
      .def_readonly("zone", &C::zone)
      .def_readonly("score", &C::score)
      .def_readonly("consumption_kwh", &C::consumption_kwh)
      .def_readonly("supply_kwh", &C::supply_kwh)
      .def_readonly("matched_kwh", &C::matched_kwh)
      .def_readonly("unmatched_kwh", &C::unmatched_kwh)
      .def_readonly("excess_supply_kwh", &C::excess_supply_kwh)
      .def_readonly("market_kg", &C::market_kg)
      .def_property_readonly("hours", [](const C& c) {
        py::list out;
        for (const auto& h : c.hours) {
          py::dict d;
          d["time"] = to_py(h.time);
          d["consumption_kwh"] = h.consumption_kwh;
          d["supply_kwh"] = h.supply_kwh;
          d["matched_kwh"] = h.matched_kwh;
          d["unmatched_kwh"] = h.unmatched_kwh;
          d["intensity_g_per_kwh"] = to_py(h.intensity_g_per_kwh);
          d["market_kg"] = to_py(h.market_kg);
          out.append(d);
        }
        return out;
      })
      .def_property_readonly("unpriced", [](const C& c) { return unpriced_list(c.unpriced); })
      .def("__repr__", [](const C& c) {
        return fmt::format("<CfeResult {}: score {:.4f}, {:.6g} kg market-based>", c.zone, c.score, c.market_kg);
      });
}

void bind_series(py::module_& m) {
  using S = grid::intensity_series;
  py::class_<S>(m, "IntensitySeries", "Hourly (or finer) grid carbon intensity of one or more zones, in UTC.\n"
                                      "\n"
                                      "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
                                      "    >>> series.zones, len(series.gaps)\n"
                                      "    (['SYNTH-LOW', 'SYNTH-HIGH'], 1)")
      .def_static("from_csv", [](const py::object& path) {
        return S::from_csv(py::str(py::module_::import("os").attr("fspath")(path)).cast<std::string>());
      }, py::arg("path"), "Reads timestamp, zone, intensity_g_per_kwh[, marginal_g_per_kwh] (docs/methodology/grid.md).\n"
                          "\n"
                          "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
                          "    >>> series.zones\n"
                          "    ['SYNTH-LOW', 'SYNTH-HIGH']")
      .def_property_readonly("zones", &S::zones)
      .def_property_readonly("gaps", [](const S& s) {
        py::list out;
        for (const auto& g : s.gaps()) out.append(py::make_tuple(g.zone, to_py(g.from), to_py(g.to)));
        return out;
      }, "[(zone, from, to)]: missing steps [from, to), never filled\n"
         "\n"
         "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
         "    >>> series.gaps[0][0], series.gaps[0][1].isoformat()\n"
         "    ('SYNTH-HIGH', '2024-10-28T11:00:00+00:00')")
      .def("step", [](const S& s, const opt_s& zone) { return s.step(s.resolve_zone(zone)); }, py::arg("zone") = py::none(),
           "the zone's resolution as a timedelta\n"
           "\n"
           "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
           "    >>> series.step('SYNTH-HIGH')\n"
           "    datetime.timedelta(seconds=3600)")
      .def("points", [](const S& s, const opt_s& zone) {
        py::list out;
        for (const auto& r : s.rows(s.resolve_zone(zone))) {
          out.append(py::make_tuple(to_py(r.time), r.intensity_g_per_kwh, to_py(r.marginal_g_per_kwh)));
        }
        return out;
      }, py::arg("zone") = py::none(), "[(time, intensity_g_per_kwh, marginal_g_per_kwh or None)] in time order\n"
                                       "\n"
                                       "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
                                       "    >>> t, g, marginal = series.points('SYNTH-HIGH')[0]\n"
                                       "    >>> t.isoformat(), g, marginal\n"
                                       "    ('2024-10-24T22:00:00+00:00', 564.9, None)")
      .def("average_g_per_kwh", [](const S& s, const opt_s& zone) { return s.average_g_per_kwh(s.resolve_zone(zone)); },
           py::arg("zone") = py::none(), "Mean intensity (gCO2e/kWh) of a zone over its whole series.\n\n"
           "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
           "    >>> round(series.average_g_per_kwh('SYNTH-HIGH'), 2)\n"
           "    423.02")
      .def("mean_g_per_kwh", [](const S& s, const py::object& start, const py::object& end, const opt_s& zone) {
        return s.mean_g_per_kwh(s.resolve_zone(zone), time_from_py(start, "start"), time_from_py(end, "end"));
      }, py::arg("start"), py::arg("end"), py::arg("zone") = py::none(),
         "Time-weighted mean intensity (gCO2e/kWh) over [start, end), or None when part of it has no data.\n\n"
         "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
         "    >>> series.mean_g_per_kwh('2024-10-24T22:00:00Z', '2024-10-24T23:00:00Z', zone='SYNTH-HIGH')\n"
         "    564.9\n"
         "    >>> series.mean_g_per_kwh('2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z', zone='SYNTH-HIGH') is None\n"
         "    True")
      .def("emissions", [](const S& s, const py::object& load, const opt_s& zone) {
        return s.emissions(hourly_from_py(load, "load"), s.resolve_zone(zone));
      }, py::arg("load"), py::arg("zone") = py::none(),
         "Hour-matched emissions of load ({time: kWh} or [(time, kWh)], one value per UTC hour).\n"
         "\n"
         "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
         "    >>> round(series.emissions([('2024-10-26T20:00:00+02:00', 6.0)], zone='SYNTH-HIGH').energy_kwh, 1)\n"
         "    6.0")
      .def("emissions_by_zone", [](const S& s, const py::object& load) {
        const auto hours = hourly_from_py(load, "load");
        py::dict out;
        for (const auto& zone : s.zones()) out[py::str(zone)] = s.emissions(hours, zone);
        return out;
      }, py::arg("load"), "{zone: EmissionsResult} for every zone of the series\n"
                          "\n"
                          "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
                          "    >>> sorted(series.emissions_by_zone({'2024-10-26T20:00:00+02:00': 6.0}))\n"
                          "    ['SYNTH-HIGH', 'SYNTH-LOW']")
      .def("best_window", [](const S& s, double duration_h, double power_kw, const py::object& start,
                             const py::object& end, const opt_s& zone) {
        return grid::best_window(s, s.resolve_zone(zone), job_of(duration_h, power_kw, start, end));
      }, py::arg("duration_h"), py::arg("power_kw"), py::arg("start"), py::arg("end"), py::arg("zone") = py::none(),
         "The lowest-emission start of a job of duration_h hours at power_kw within [start, end) -> WindowPlan."
         "\n"
         "\n"
         "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
         "    >>> series.best_window(5, 6.0, '2024-10-26T18:00:00+02:00', '2024-10-28T18:00:00+01:00', zone='SYNTH-HIGH').start.isoformat()\n"
         "    '2024-10-27T10:00:00+00:00'")
      .def("best_region", [](const S& s, const std::vector<std::string>& candidates, double duration_h, double power_kw,
                             const py::object& start, const py::object& end) {
        return grid::best_region(s, candidates, job_of(duration_h, power_kw, start, end));
      }, py::arg("candidates"), py::arg("duration_h"), py::arg("power_kw"), py::arg("start"), py::arg("end"),
         "The best zone and window among candidates, against the first candidate started now -> RegionPlan."
         "\n"
         "\n"
         "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
         "    >>> series.best_region(['SYNTH-HIGH', 'SYNTH-LOW'], 5, 6.0, '2024-10-26T18:00:00+02:00', '2024-10-28T18:00:00+01:00').best.zone\n"
         "    'SYNTH-LOW'")
      .def("cfe_score", [](const S& s, const py::object& consumption, const py::object& supply, const opt_s& zone) {
        return grid::cfe_score(s, hourly_from_py(consumption, "consumption"), hourly_from_py(supply, "supply"),
                               s.resolve_zone(zone));
      }, py::arg("consumption"), py::arg("supply"), py::arg("zone") = py::none(),
         "24/7 CFE score: the share of consumption matched hour by hour by clean supply -> CfeResult."
         "\n"
         "\n"
         "    >>> series = grid.IntensitySeries.from_csv('examples/grid/synthetic_two_zones.csv')\n"
         "    >>> series.cfe_score({'2024-10-26T20:00:00+02:00': 4.0}, {'2024-10-26T20:00:00+02:00': 1.0}, zone='SYNTH-HIGH').score\n"
         "    0.25")
      .def("__repr__", [](const S& s) {
        return fmt::format("<IntensitySeries zones={} gaps={}>", fmt::join(s.zones(), ","), s.gaps().size());
      });
}

}  // namespace

void bind_grid(py::module_& parent) {
  py::module_ m = parent.def_submodule("grid", "Hourly grid intensity and carbon-aware planning.");
  bind_results(m);
  bind_series(m);
  m.def("parse_time", [](const std::string& text) { return to_py(grid::parse_time(text)); }, py::arg("text"),
        "ISO 8601 with an offset (Z or +HH:MM) -> datetime in UTC\n"
        "\n"
        "    >>> grid.parse_time('2024-10-27T02:00:00+01:00').isoformat()\n"
        "    '2024-10-27T01:00:00+00:00'");
  m.def("format_time", [](const py::object& time) { return grid::format_time(time_from_py(time, "time")); }, py::arg("time"),
        "A time (ISO 8601 string with an offset, or a timezone-aware datetime) as ISO 8601 in UTC with Z\n"
        "\n"
        "    >>> grid.format_time('2024-10-27T02:00:00+01:00')\n"
        "    '2024-10-27T01:00:00Z'");
}

}  // namespace ghgkit::python
