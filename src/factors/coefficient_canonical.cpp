// The coefficient entries' part of the canonical text the content hash covers: one line per entry,
// sections in a fixed order, entries sorted by id, every field in a fixed order, numbers in shortest
// round-trip form, countries canonical, file positions and layers left out. Reordering or
// reformatting documents leaves it unchanged; any change of a figure, name or reference changes it.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "coefficient_content.hpp"

namespace ghgkit::detail {
namespace {

// Text fields are escaped so that a tab or newline inside notes cannot imitate a field boundary.
std::string esc(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') out += "\\\\";
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += '|';
    out += esc(item);
  }
  return out;
}

template <class T>
std::string opt(const std::optional<T>& v) {
  return v ? fmt::format("{}", *v) : std::string("-");
}

std::string opt(const std::optional<archetype_number>& v) {
  return v ? fmt::format("{};{};{}", v->value, v->min, v->max) : std::string("-");
}

std::string common(std::string_view kind, const document_entry& e) {
  return fmt::format("{}\t{}\t{}\t{}", kind, esc(e.id), esc(e.source_id), esc(e.notes));
}

void add(std::string& out, const coefficient& c) {
  out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", common("coefficient", c), esc(c.quantity),
                     c.value, opt(c.min), opt(c.max), esc(c.unit.symbol), esc(c.per), esc(c.provider), esc(c.region),
                     c.country, esc(c.key), opt(c.year), esc(c.reference));
}

void add(std::string& out, const llm_model& m) {
  out += fmt::format("{}\t{}\t{}\t{}\t{}\t{};{}\t{};{}\t{}\t{}\n", common("model", m), esc(m.provider), esc(m.name),
                     list(m.aliases), m.architecture, m.total_params_b.low, m.total_params_b.high,
                     m.active_params_b.low, m.active_params_b.high, list(m.warnings), list(m.references));
}

void add(std::string& out, const accelerator& a) {
  out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", common("accelerator", a), esc(a.device),
                     esc(a.vendor), esc(a.name), a.type, list(a.aliases), opt(a.memory_gb), opt(a.tdp_w),
                     opt(a.avg_power_w), opt(a.fp32_tflops), opt(a.fp16_tflops), opt(a.embodied_kg_co2e),
                     esc(a.embodied_source), esc(a.reference));
}

void add(std::string& out, const cpu& c) {
  out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", common("cpu", c), esc(c.name), c.tdp_w, opt(c.cores),
                     opt(c.tdp_per_core_w), opt(c.release_year), opt(c.feature_size_nm), opt(c.die_area_cm2),
                     esc(c.reference));
}

void add(std::string& out, const cloud_instance& i) {
  out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", common("instance", i), esc(i.provider),
                     esc(i.instance), opt(i.vcpu), opt(i.memory_gb), opt(i.ssd_gb), opt(i.hdd_gb), opt(i.gpus),
                     esc(i.gpu_model), esc(i.platform), esc(i.reference));
}

void add(std::string& out, const cloud_region& r) {
  out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", common("cloud_region", r), esc(r.provider), esc(r.region),
                     r.country, esc(r.location), esc(r.place), esc(r.reference));
}

void add(std::string& out, const server_archetype& s) {
  out += fmt::format("{}\t{}\t{}\t{}", common("server_archetype", s), esc(s.archetype), esc(s.manufacturer), s.case_type);
  if (s.cpu) {
    out += fmt::format("\tcpu={},{},{},{},{}", opt(s.cpu->units), opt(s.cpu->core_units),
                       opt(s.cpu->die_size_per_core_mm2), opt(s.cpu->threads), esc(s.cpu->name));
  }
  for (const auto& [name, g] : {std::pair{"ram", &s.ram}, std::pair{"ssd", &s.ssd}, std::pair{"hdd", &s.hdd}}) {
    if (*g) out += fmt::format("\t{}={},{}", name, opt((*g)->units), opt((*g)->capacity_gb));
  }
  if (s.gpu) out += fmt::format("\tgpu={},{},{}", opt(s.gpu->units), esc(s.gpu->name), opt(s.gpu->vram_gb));
  if (s.power_supply) {
    out += fmt::format("\tpower_supply={},{}", opt(s.power_supply->units), opt(s.power_supply->unit_weight_kg));
  }
  if (s.usage) {
    out += fmt::format("\tusage={},{},{},{}", opt(s.usage->time_workload_pct), opt(s.usage->use_time_ratio),
                       opt(s.usage->hours_life_time), opt(s.usage->other_consumption_ratio));
  }
  out += "\n";
}

void add(std::string& out, const airport& a) {
  out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", common("airport", a), a.iata, a.icao, esc(a.name), esc(a.city),
                     a.country, a.latitude, a.longitude);
}

template <class Entry>
void add_all(std::string& out, const std::vector<Entry>& entries) {
  for (const auto& e : entries) add(out, e);  // sorted by id when merged
}

}  // namespace

std::string catalogue_canonical_text(const coefficient_catalogue& k) {
  std::string out;
  add_all(out, k.coefficients);
  add_all(out, k.models);
  add_all(out, k.accelerators);
  add_all(out, k.cpus);
  add_all(out, k.instances);
  add_all(out, k.cloud_regions);
  add_all(out, k.server_archetypes);
  add_all(out, k.airports);
  return out;
}

}  // namespace ghgkit::detail
