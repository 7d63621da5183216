// Cloud usage by the Cloud Carbon Footprint method (include/ghgkit/digital/cloud.hpp). Every
// coefficient is CCF's own (source `ccf`) for the provider, so one call never mixes CCF's watts with
// another dataset's PUE; the grid factor follows the database's preference for the region activity.

#include "ghgkit/digital/cloud.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <vector>

#include "../text.hpp"
#include "cloud_key.hpp"
#include "figures.hpp"
#include "ghgkit/calc/calculate.hpp"
#include "ghgkit/digital/server_embodied.hpp"

namespace ghgkit {
inline namespace v0 {
namespace digital {

using detail::argument;
using detail::checked;
using detail::cloud_energy;
using detail::cloud_key_figures;
using detail::cloud_row_usage;
using detail::coefficient_figure;
using detail::fraction;
using detail::num;

namespace {

constexpr const char* ccf_source = "ccf";
constexpr const char* grid_prefix = "cloud.electricity.";

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// CCF's keys are upper case with underscores: "Cascade Lake" -> CASCADE_LAKE, "nvidia-t4" -> NVIDIA_T4.
std::string ccf_key(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    out += std::isalnum(u) != 0 ? static_cast<char>(std::toupper(u)) : '_';
  }
  return out;
}

// A cloud region as the importers write it into activity paths: lower case, [a-z0-9_-].
std::string path_part(std::string_view s) {
  std::string out = lower(s);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) == 0 && c != '_' && c != '-') c = '-';
  }
  return out;
}

// A coefficient of the method (watts, memory, storage, network, utilisation, lifespan), as opposed to
// the provider's PUE and the region's grid, which are looked up on their own (see pue_of, region_intensity).
bool method_quantity(std::string_view quantity) {
  return quantity.starts_with("cloud.") && quantity != "cloud.datacenter.pue" && !quantity.starts_with("cloud.grid.") &&
         quantity != "cloud.storage.replication_factor" && quantity != "cloud.compute.memory_per_cpu_chip";
}

// The sources that give method coefficients for `provider`.
std::set<std::string> method_sources(const factor_database& db, const std::string& provider) {
  std::set<std::string> out;
  for (const coefficient& c : db.coefficients()) {
    if (method_quantity(c.quantity) && detail::iequals(c.provider, provider)) out.insert(c.source_id);
  }
  return out;
}

// Providers with method coefficients, and the sources of each (for messages).
std::string providers_with_coefficients(const factor_database& db) {
  std::set<std::string> out;
  for (const coefficient& c : db.coefficients()) {
    if (method_quantity(c.quantity) && !c.provider.empty() && c.provider != "on-premise") out.insert(c.provider);
  }
  return fmt::format("{}", fmt::join(out, ", "));
}

coefficient_query method_query(std::string_view quantity, const cloud_usage_inputs& in) {
  coefficient_query q;
  q.quantity = std::string(quantity);
  q.provider = in.provider;
  q.source = in.coefficient_source.value_or("");
  return q;
}

bool fits(const coefficient& c, const coefficient_query& q) {
  return c.quantity == q.quantity && c.source_id == q.source && (!q.provider || detail::iequals(c.provider, *q.provider)) &&
         (!q.region || detail::iequals(c.region, *q.region)) && (!q.key || detail::iequals(c.key, *q.key));
}

bool exists(const factor_database& db, const coefficient_query& q) {
  const auto all = db.coefficients();
  return std::any_of(all.begin(), all.end(), [&](const coefficient& c) { return fits(c, q); });
}

// The providers that the source of `in` gives `quantity` for, or the keys of `in`'s provider.
std::vector<std::string> source_values(const factor_database& db, std::string_view quantity, const cloud_usage_inputs& in,
                                       bool keys) {
  std::set<std::string> out;
  for (const coefficient& c : db.coefficients()) {
    if (c.quantity != quantity || c.source_id != in.coefficient_source.value_or("")) continue;
    if (!keys) {
      if (c.provider != "on-premise") out.insert(c.provider);  // refused: CCF's on-premise method counts machines
    } else if (detail::iequals(c.provider, in.provider) && !c.key.empty()) {
      out.insert(c.key);
    }
  }
  return {out.begin(), out.end()};
}

// A provider whose coefficient source lacks `quantity` is named, with the argument that replaces the figure.
void require_provider(const factor_database& db, std::string_view quantity, const cloud_usage_inputs& in,
                      std::string_view instead) {
  if (in.coefficient_source && exists(db, method_query(quantity, in))) return;
  if (!in.coefficient_source) {
    throw lookup_error(fmt::format("no source gives cloud coefficients for provider '{}' (providers with them: {}); "
                                   "give {}, or add a coefficient document for the provider (factors/cloud/README.md)",
                                   in.provider, providers_with_coefficients(db), instead));
  }
  throw lookup_error(fmt::format("the cloud coefficients of source '{}' have no '{}' for provider '{}'; providers with "
                                 "one: {}; or give {}",
                                 *in.coefficient_source, quantity, in.provider,
                                 fmt::join(source_values(db, quantity, in, false), ", "), instead));
}

// The method's coefficient, recorded.
double method_figure(const factor_database& db, const coefficient_query& q, const cloud_usage_inputs& in,
                     std::string_view name, std::string_view unit, std::string_view instead, footprint& out) {
  require_provider(db, q.quantity, in, instead);
  return coefficient_figure(db, q, name, unit, out);
}

// A key (microarchitecture, GPU) that the provider's source has, else lookup_error listing its keys.
std::string known_key(const factor_database& db, std::string_view quantity, const cloud_usage_inputs& in,
                      std::string_view field, std::string_view given) {
  const std::string key = ccf_key(given);
  coefficient_query q = method_query(quantity, in);
  q.key = key;
  if (exists(db, q)) return key;
  require_provider(db, quantity, in, field == "gpu" ? "gpu_hours = 0" : "min_watts_per_vcpu and max_watts_per_vcpu");
  throw lookup_error(describe_problem({}, field, quote(given),
                                      fmt::format("a key of the cloud coefficients of source '{}' for '{}': {}",
                                                  *in.coefficient_source, in.provider,
                                                  fmt::join(source_values(db, quantity, in, true), ", "))));
}

// The source of the provider's method coefficients: the one given; else CCF's where CCF covers the
// provider; else the one source that does (e.g. `ccf-generic` for OVHcloud, Scaleway, Outscale, or a
// user's own document); several: the caller must choose. None: figures must come as arguments.
std::optional<std::string> method_source(const factor_database& db, const cloud_usage_inputs& in, footprint& out) {
  const std::set<std::string> sources = method_sources(db, in.provider);
  if (in.coefficient_source) {
    if (sources.contains(*in.coefficient_source)) return in.coefficient_source;
    throw lookup_error(describe_problem({}, "coefficient_source", quote(*in.coefficient_source),
                                        sources.empty()
                                            ? fmt::format("nothing: no source gives cloud coefficients for provider '{}'",
                                                          in.provider)
                                            : fmt::format("a source of cloud coefficients for provider '{}': {}",
                                                          in.provider, fmt::join(sources, ", "))));
  }
  if (sources.contains(ccf_source)) return std::string(ccf_source);
  if (sources.size() == 1) {
    const std::string& s = *sources.begin();
    out.warnings.push_back(fmt::format("coefficients of provider '{}' from source '{}' (not Cloud Carbon Footprint's own)",
                                       in.provider, s));
    return s;
  }
  if (sources.empty()) return std::nullopt;
  throw lookup_error(describe_problem({}, "coefficient_source", "nothing",
                                      fmt::format("one of the sources that give cloud coefficients for provider '{}': {}",
                                                  in.provider, fmt::join(sources, ", "))));
}

// The utilisation of the vCPUs (and GPUs): the argument, else CCF's average of the provider.
double utilization_of(const factor_database& db, const cloud_usage_inputs& in, footprint& out) {
  if (in.cpu_utilization) return argument(out, "cpu utilization", fraction("cpu_utilization", *in.cpu_utilization), "1");
  const double u = method_figure(db, method_query("cloud.compute.average_cpu_utilization", in), in, "cpu utilization",
                                 "1", "cpu_utilization", out);
  out.warnings.push_back(fmt::format("cpu_utilization not given: {} (the average utilisation of {} servers, source '{}')",
                                     num(u), in.provider, in.coefficient_source.value_or("")));
  return u;
}

// Min or max watts per unit (vCPU or GPU): the argument, else CCF's coefficient for `key`.
double watts(const factor_database& db, const cloud_usage_inputs& in, std::string_view quantity, const std::string& key,
             const std::optional<double>& given, std::string_view name, std::string_view field, std::string_view unit,
             footprint& out) {
  if (given) return argument(out, name, checked(field, *given), unit);
  coefficient_query q = method_query(quantity, in);
  q.key = key;
  return method_figure(db, q, in, name, unit, field, out);
}

// Without a microarchitecture, CCF's provider figure: `average`, or `median` where CCF has only that (GCP).
std::string vcpu_key(const factor_database& db, const cloud_usage_inputs& in, footprint& out) {
  if (in.microarchitecture) {
    return known_key(db, "cloud.compute.min_power_per_vcpu", in, "microarchitecture", *in.microarchitecture);
  }
  coefficient_query q = method_query("cloud.compute.min_power_per_vcpu", in);
  q.key = "average";
  const std::string key = exists(db, q) ? "average" : "median";
  if (!in.min_watts_per_vcpu || !in.max_watts_per_vcpu) {
    out.warnings.push_back(fmt::format("microarchitecture not given: the {} watts per vCPU of {} (source '{}')", key,
                                       in.provider, in.coefficient_source.value_or("")));
  }
  return key;
}

void vcpu_figures(const factor_database& db, const cloud_usage_inputs& in, cloud_key_figures& k, footprint& out) {
  const std::string key = vcpu_key(db, in, out);
  const double lo = watts(db, in, "cloud.compute.min_power_per_vcpu", key, in.min_watts_per_vcpu, "min watts per vCPU",
                          "min_watts_per_vcpu", "W/vCPU", out);
  const double hi = watts(db, in, "cloud.compute.max_power_per_vcpu", key, in.max_watts_per_vcpu, "max watts per vCPU",
                          "max_watts_per_vcpu", "W/vCPU", out);
  if (hi < lo) {
    throw input_error(describe_problem({}, "max_watts_per_vcpu", fmt::format("{} W", hi),
                                       fmt::format("at least min_watts_per_vcpu, {} W", num(lo))));
  }
  k.min_w_per_vcpu = lo;
  k.max_w_per_vcpu = hi;
}

void gpu_figures(const factor_database& db, const cloud_usage_inputs& in, cloud_key_figures& k, footprint& out) {
  if (!in.gpu) {
    throw input_error(describe_problem({}, "gpu", "nothing", "the GPU model of the gpu_hours, a key of the Cloud Carbon "
                                                             "Footprint coefficients such as 'NVIDIA_T4'"));
  }
  const std::string key = known_key(db, "cloud.compute.min_power_per_accelerator", in, "gpu", *in.gpu);
  if (in.gpu_utilization) {
    k.gpu_utilization = argument(out, "gpu utilization", fraction("gpu_utilization", *in.gpu_utilization), "1");
  } else if (k.utilization_per_row) {
    out.warnings.push_back("gpu_utilization not given: the CPU utilisation of each row is used, as CCF does");
  } else {
    out.warnings.push_back(
        fmt::format("gpu_utilization not given: the CPU utilisation {} is used, as CCF does", num(k.utilization)));
  }
  const std::optional<double> none;
  k.min_w_per_gpu = watts(db, in, "cloud.compute.min_power_per_accelerator", key, none, "min watts per GPU", "gpu",
                          "W/GPU", out);
  k.max_w_per_gpu = watts(db, in, "cloud.compute.max_power_per_accelerator", key, none, "max watts per GPU", "gpu",
                          "W/GPU", out);
}

double memory_figure(const factor_database& db, const cloud_usage_inputs& in, footprint& out) {
  return method_figure(db, method_query("cloud.memory.energy_per_capacity_time", in), in, "memory energy per GB-hour",
                       "kWh/GB.h", "memory_gb_hours = 0", out);
}

std::string storage_type_of(const cloud_usage_inputs& in) {
  const std::string type = lower(in.storage_type);
  if (type != "ssd" && type != "hdd") {
    throw input_error(describe_problem({}, "storage_type", quote(in.storage_type), "'ssd' or 'hdd'"));
  }
  return type;
}

double storage_figure(const factor_database& db, const cloud_usage_inputs& in, const std::string& type, footprint& out) {
  return method_figure(db, method_query(fmt::format("cloud.storage.{}.energy_per_capacity_time", type), in), in,
                       fmt::format("{} energy per TB-hour", type), "Wh/TB.h", "storage_tb_hours = 0", out);
}

double network_figure(const factor_database& db, const cloud_usage_inputs& in, footprint& out) {
  return method_figure(db, method_query("cloud.network.energy_per_data", in), in, "network energy per GB", "kWh/GB",
                       "network_gb = 0", out);
}

// A dimensionless coefficient chosen from the database, recorded (as coefficient_figure does for a query).
double record_pue(const factor_database& db, const coefficient& c, footprint& out) {
  if (!c.unit.dim.dimensionless()) {
    throw unit_error(fmt::format("coefficient '{}' (cloud.datacenter.pue) is in '{}'; a PUE is a ratio", c.id,
                                 c.unit.symbol));
  }
  const double value = c.value * c.unit.scale;
  out.figures.push_back({"pue", value, "1", c.id, c.source_id});
  out.database_hash = db.content_hash();
  return value;
}

// The PUE, most specific first: the argument; the region's, then the provider's average, from the method
// source (CCF's for the providers it covers); the provider's from any source (the region's first, then
// the provider-wide one; sources in id order); last, the industry average of a source (key
// `unknown_provider`), warned, since a data center of that provider may be far from it.
double pue_of(const factor_database& db, const cloud_usage_inputs& in, footprint& out) {
  if (in.pue) {
    if (!(*in.pue >= 1.0) || !std::isfinite(*in.pue)) {
      throw input_error(describe_problem({}, "pue", fmt::format("{}", *in.pue), "a PUE >= 1"));
    }
    return argument(out, "pue", *in.pue, "1");
  }
  const auto all = db.coefficients();
  const auto pick = [&](auto&& wanted) -> const coefficient* {
    const coefficient* best = nullptr;
    for (const coefficient& c : all) {
      if (c.quantity == "cloud.datacenter.pue" && wanted(c) && (best == nullptr || c.source_id < best->source_id)) best = &c;
    }
    return best;
  };
  const auto same_provider = [&](const coefficient& c) { return detail::iequals(c.provider, in.provider); };
  const std::string method = in.coefficient_source.value_or("");
  const coefficient* c = pick([&](const coefficient& x) {
    return x.source_id == method && same_provider(x) && detail::iequals(x.region, in.region);
  });
  if (c == nullptr) {
    c = pick([&](const coefficient& x) {
      return x.source_id == method && same_provider(x) && x.region.empty() && detail::iequals(x.key, "average");
    });
  }
  if (c == nullptr) c = pick([&](const coefficient& x) { return same_provider(x) && detail::iequals(x.region, in.region); });
  if (c == nullptr) {
    c = pick([&](const coefficient& x) {
      return same_provider(x) && x.region.empty() && (x.key.empty() || detail::iequals(x.key, "average"));
    });
  }
  if (c != nullptr) {
    if (c->source_id != method) {
      out.warnings.push_back(fmt::format("pue of {}: source '{}' ({})", in.provider, c->source_id,
                                         c->region.empty() ? "the provider's figure" : "the region's figure"));
    }
    return record_pue(db, *c, out);
  }
  c = pick([&](const coefficient& x) { return x.provider.empty() && detail::iequals(x.key, "unknown_provider"); });
  if (c == nullptr) {
    throw lookup_error(fmt::format("no PUE for provider '{}' (cloud.datacenter.pue) and no industry average "
                                   "(key unknown_provider) in the database; give pue",
                                   in.provider));
  }
  out.warnings.push_back(fmt::format("no PUE for provider '{}' in the database: the industry average {} of source '{}' "
                                     "is used; give pue for the provider's own figure",
                                     in.provider, num(c->value), c->source_id));
  return record_pue(db, *c, out);
}

// Grid factors of cloud regions: every activity under cloud.electricity.
std::vector<std::string> grid_activities(const factor_database& db) {
  std::set<std::string> paths;
  for (const factor& f : db.factors()) {
    if (f.activity.starts_with(grid_prefix)) paths.insert(f.activity);
  }
  return {paths.begin(), paths.end()};
}

[[noreturn]] void unknown_region(const factor_database& db, const std::string& provider, const std::string& region) {
  const std::string prefix = grid_prefix + provider + ".";
  std::vector<std::string> regions;
  std::set<std::string> providers;
  for (const std::string& path : grid_activities(db)) {
    const std::string rest = path.substr(std::string_view(grid_prefix).size());
    const std::string name = rest.substr(0, rest.find('.'));
    // CCF's US NERC regions and on-premise countries sit beside the providers but are none.
    if (name != "us-nerc" && name != "on-premise") providers.insert(name);
    if (path.starts_with(prefix)) regions.push_back(path.substr(prefix.size()));
  }
  std::string expected;
  if (regions.empty()) {
    expected = fmt::format("a provider with cloud region grid factors ({}) or a region of the cloud region catalogue, "
                           "or intensity_kg_per_kwh",
                           fmt::join(providers, ", "));
  } else {
    std::vector<std::pair<std::size_t, std::string>> near;
    for (const auto& r : regions) near.emplace_back(detail::edit_distance(path_part(region), r), r);
    std::sort(near.begin(), near.end());
    std::vector<std::string> shown;
    for (std::size_t i = 0; i < near.size() && i < 5; ++i) shown.push_back(quote(near[i].second));
    expected = fmt::format("a region of '{}' with a grid factor ({} in the database; nearest: {}) or in the cloud region "
                           "catalogue, or intensity_kg_per_kwh",
                           provider, regions.size(), fmt::join(shown, ", "));
  }
  throw lookup_error(describe_problem({}, "region", fmt::format("{} (provider '{}')", quote(region), provider), expected));
}

// The country of a cloud region, from the catalogue (section cloud_regions), or nullptr.
const cloud_region* catalogued_region(const factor_database& db, const cloud_usage_inputs& in) {
  const cloud_region* hit = nullptr;
  for (const cloud_region& r : db.cloud_regions()) {
    if (!detail::iequals(r.provider, in.provider) || !detail::iequals(r.region, in.region) || r.country.empty()) continue;
    if (hit != nullptr && hit->country != r.country) {
      throw lookup_error(fmt::format("the cloud region catalogue places {} {} in two countries: {} ({}) and {} ({}); "
                                     "give intensity_kg_per_kwh",
                                     in.provider, in.region, hit->country, hit->id, r.country, r.id));
    }
    hit = &r;
  }
  return hit;
}

// The location-based grid factor of the provider's region: its own factor (activity
// cloud.electricity.<provider>.<region>); else, for a region the catalogue places in a country, the
// grid average of that country (electricity.grid), said in the warnings.
double region_intensity(const factor_database& db, const cloud_usage_inputs& in, footprint& out) {
  if (in.intensity_kg_per_kwh) {
    return argument(out, "grid intensity", checked("intensity_kg_per_kwh", *in.intensity_kg_per_kwh), "kg/kWh");
  }
  const std::string path = grid_prefix + path_part(in.provider) + "." + path_part(in.region);
  const auto all = db.factors();
  const auto hit = std::find_if(all.begin(), all.end(), [&](const factor& f) { return f.activity == path; });
  if (hit == all.end()) {
    const cloud_region* place = catalogued_region(db, in);
    if (place == nullptr) unknown_region(db, path_part(in.provider), in.region);
    grid_choice grid;
    grid.region = place->country;
    grid.year = in.year;
    grid.allow_later_year = in.allow_later_year;
    out.warnings.push_back(fmt::format("no grid factor for the cloud region {} {}: the grid average of its country {} "
                                       "(cloud region catalogue entry '{}')",
                                       in.provider, in.region, place->country, place->id));
    if (in.grid_source) {
      out.warnings.push_back(fmt::format("grid_source '{}' not applied: it selects among cloud region factors",
                                         *in.grid_source));
    }
    return detail::grid_intensity(db, grid, out);
  }
  calc_options o;
  o.region = hit->region;  // the country of the cloud region: its factors' region
  o.year = in.year;
  o.allow_later_year = in.allow_later_year;
  o.source = in.grid_source;
  const emission e = calculate(db, path, amount{1.0, "kWh"}, o);
  const auto& p = e.provenance;
  out.figures.push_back({"grid intensity", e.co2e_kg, "kg/kWh", p.factor_id, p.source_id});
  for (const auto& w : p.warnings) {
    if (w.find("states no uncertainty") == std::string::npos) out.warnings.push_back(w);
  }
  for (const auto& f : p.fallbacks) out.warnings.push_back(fmt::format("grid factor: {} {} -> {}", f.kind, f.from, f.to));
  out.database_hash = db.content_hash();
  return e.co2e_kg;
}

// The quantities of a row: finite and >= 0, recorded as the call's arguments.
void record_usage(const cloud_usage_inputs& in, footprint& out) {
  checked("vcpu_hours", in.vcpu_hours);
  checked("memory_gb_hours", in.memory_gb_hours);
  checked("storage_tb_hours", in.storage_tb_hours);
  checked("network_gb", in.network_gb);
  checked("gpu_hours", in.gpu_hours);
  if (in.vcpu_hours > 0.0) argument(out, "vcpu hours", in.vcpu_hours, "h");
  if (in.memory_gb_hours > 0.0) argument(out, "memory", in.memory_gb_hours, "GB.h");
  if (in.storage_tb_hours > 0.0) argument(out, "storage", in.storage_tb_hours, "TB.h");
  if (in.network_gb > 0.0) argument(out, "network", in.network_gb, "GB");
  if (in.gpu_hours > 0.0) argument(out, "gpu hours", in.gpu_hours, "h");
}

void check_provider(const cloud_usage_inputs& in) {
  if (in.provider.empty()) throw input_error(describe_problem({}, "provider", "nothing", "a cloud provider such as 'aws'"));
  if (in.region.empty()) throw input_error(describe_problem({}, "region", "nothing", "the provider's region id"));
  if (in.provider == "on-premise") {
    throw input_error(describe_problem({}, "provider", quote(in.provider),
                                       "a cloud provider (CCF's on-premise method counts machines, not the vCPU-hours of "
                                       "a bill: use compute_job or datacenter for your own servers)"));
  }
}

// The steps of one row, from its figures and terms.
void record_steps(const cloud_key_figures& k, const cloud_row_usage& r, const cloud_energy& e, footprint& out) {
  std::vector<std::string> terms;
  if (r.vcpu_hours > 0.0) {
    out.steps.push_back(fmt::format("compute = ({} + {} x ({} - {})) W/vCPU x {} vCPU-h / 1000 = {} kWh",
                                    num(k.min_w_per_vcpu), num(r.utilization), num(k.max_w_per_vcpu),
                                    num(k.min_w_per_vcpu), num(r.vcpu_hours), num(e.compute_kwh)));
    terms.push_back(fmt::format("{} (compute)", num(e.compute_kwh)));
  }
  if (r.memory_gb_hours > 0.0) {
    out.steps.push_back(fmt::format("memory = {} GB-h x {} kWh/GB.h = {} kWh", num(r.memory_gb_hours),
                                    num(k.memory_kwh_per_gb_h), num(e.memory_kwh)));
    terms.push_back(fmt::format("{} (memory)", num(e.memory_kwh)));
  }
  if (r.storage_tb_hours > 0.0) {
    out.steps.push_back(fmt::format("storage ({}) = {} TB-h x {} Wh/TB.h / 1000 x replication {} = {} kWh",
                                    k.storage_type, num(r.storage_tb_hours), num(k.storage_wh_per_tb_h),
                                    num(r.replication), num(e.storage_kwh)));
    terms.push_back(fmt::format("{} (storage)", num(e.storage_kwh)));
  }
  if (r.network_gb > 0.0) {
    out.steps.push_back(fmt::format("network = {} GB x {} kWh/GB = {} kWh", num(r.network_gb),
                                    num(k.network_kwh_per_gb), num(e.network_kwh)));
    terms.push_back(fmt::format("{} (network)", num(e.network_kwh)));
  }
  if (r.gpu_hours > 0.0) {
    const double u = k.gpu_utilization.value_or(r.utilization);
    out.steps.push_back(fmt::format("GPU = ({} + {} x ({} - {})) W/GPU x {} GPU-h / 1000 = {} kWh", num(k.min_w_per_gpu),
                                    num(u), num(k.max_w_per_gpu), num(k.min_w_per_gpu), num(r.gpu_hours),
                                    num(e.gpu_kwh)));
    terms.push_back(fmt::format("{} (GPU)", num(e.gpu_kwh)));
  }
  const std::string sum = terms.empty() ? std::string("0") : fmt::format("{}", fmt::join(terms, " + "));
  out.steps.push_back(fmt::format("IT energy = {} = {} kWh", sum, num(e.it_kwh)));
  out.steps.push_back(fmt::format("E = {} kWh x PUE {} = {} kWh", num(e.it_kwh), num(k.pue), num(e.energy_kwh)));
  out.steps.push_back(fmt::format("operational = {} kWh x {} kg/kWh = {} kg", num(e.energy_kwh),
                                  num(k.intensity_kg_per_kwh), num(e.co2e_kg)));
}

}  // namespace

footprint cloud_usage(const factor_database& db, const cloud_usage_inputs& given) {
  cloud_usage_inputs in = given;
  in.provider = lower(in.provider);
  footprint out;
  record_usage(in, out);
  detail::cloud_stage stage = detail::cloud_stage::usage;
  const cloud_key_figures k = detail::resolve_cloud_key(db, in, true, out, stage);
  cloud_row_usage r;
  r.vcpu_hours = in.vcpu_hours;
  r.utilization = k.utilization;
  r.memory_gb_hours = in.memory_gb_hours;
  r.storage_tb_hours = in.storage_tb_hours;
  r.replication = in.replication;
  r.network_gb = in.network_gb;
  r.gpu_hours = in.gpu_hours;
  const cloud_energy e = detail::cloud_energy_of(k, r);
  record_steps(k, r, e, out);
  out.energy_kwh = e.energy_kwh;
  out.operational_kg = e.co2e_kg;
  out.co2e_kg = out.operational_kg;
  if (!in.instance) {
    out.warnings.push_back("embodied emissions not counted: give the instance type (instance=) for the platform "
                           "server's share");
    return out;
  }
  if (in.vcpu_hours <= 0.0) {
    throw input_error(describe_problem({}, "vcpu_hours", num(in.vcpu_hours),
                                       "the vCPU-hours of the instance type, > 0 (the embodied share is per vCPU-hour)"));
  }
  const footprint emb = instance_embodied(db, in.provider, *in.instance, in.vcpu_hours);
  out.figures.insert(out.figures.end(), emb.figures.begin(), emb.figures.end());
  for (const auto& s : emb.steps) out.steps.push_back("embodied: " + s);
  for (const auto& w : emb.warnings) out.warnings.push_back("embodied: " + w);
  out.embodied_kg = emb.embodied_kg;
  out.co2e_kg = out.operational_kg + out.embodied_kg;
  if (emb.low_kg && emb.high_kg) {
    out.low_kg = out.operational_kg + *emb.low_kg;
    out.high_kg = out.operational_kg + *emb.high_kg;
  }
  out.steps.push_back(fmt::format("CO2e = {} + {} (embodied) = {} kg", num(out.operational_kg), num(out.embodied_kg),
                                  num(out.co2e_kg)));
  return out;
}

}  // namespace digital
}  // namespace v0

namespace detail {

cloud_key_figures resolve_cloud_key(const factor_database& db, const digital::cloud_usage_inputs& given,
                                    bool row_arguments, digital::footprint& out, cloud_stage& stage) {
  using namespace digital;  // the method's steps, in the anonymous namespace above
  cloud_key_figures k;
  stage = cloud_stage::usage;
  check_provider(given);
  cloud_usage_inputs in = given;
  in.coefficient_source = method_source(db, given, out);
  stage = cloud_stage::utilization;
  if (in.vcpu_hours > 0.0 || in.gpu_hours > 0.0) {
    if (in.cpu_utilization && !row_arguments) k.utilization_per_row = true;
    else k.utilization = utilization_of(db, in, out);
  }
  stage = cloud_stage::compute;
  if (in.vcpu_hours > 0.0) vcpu_figures(db, in, k, out);
  stage = cloud_stage::memory;
  if (in.memory_gb_hours > 0.0) k.memory_kwh_per_gb_h = memory_figure(db, in, out);
  if (in.storage_tb_hours > 0.0) {
    stage = cloud_stage::storage_type;
    k.storage_type = storage_type_of(in);
    stage = cloud_stage::replication;
    if (row_arguments) argument(out, "replication", checked("replication", in.replication, true), "1");
    stage = cloud_stage::storage;
    k.storage_wh_per_tb_h = storage_figure(db, in, k.storage_type, out);
  }
  stage = cloud_stage::network;
  if (in.network_gb > 0.0) k.network_kwh_per_gb = network_figure(db, in, out);
  stage = cloud_stage::gpu;
  if (in.gpu_hours > 0.0) gpu_figures(db, in, k, out);
  stage = cloud_stage::pue;
  k.pue = pue_of(db, in, out);
  stage = cloud_stage::grid;
  k.intensity_kg_per_kwh = region_intensity(db, in, out);
  stage = cloud_stage::done;
  return k;
}

}  // namespace detail
}  // namespace ghgkit
