// ghgkit/factors/catalogues.hpp: LLMs, accelerators, CPUs, cloud instances, cloud regions and server
// archetypes of coefficient documents, and their find functions. Fixtures:
// tests/cpp/fixtures/coefficients/good (hand-made test data) and the shipped factors/.

#include "ghgkit/factors/catalogues.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "ghgkit/factors/database.hpp"
#include "test_support.hpp"

using ghgkit::factor_database;
using ghgkit::lookup_error;
using ghgkit::param_range;

namespace {

doctest::Approx exactly(double v) { return doctest::Approx(v).epsilon(1e-12); }

factor_database good() { return factor_database::load({ghgkit_test::fixtures() / "coefficients" / "good"}); }

template <class Entry>
const Entry& by_id(std::span<const Entry> entries, const std::string& id) {
  const auto it = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.id == id; });
  REQUIRE(it != entries.end());
  return *it;
}

}  // namespace

TEST_CASE("an LLM keeps its parameters as a range or as one value") {
  const auto db = good();
  const auto& gpt = db.find_llm_model("gpt-test");
  CHECK(gpt.id == "test-llm.openai.gpt-test");
  CHECK(gpt.provider == "openai");
  CHECK(gpt.architecture == "dense");
  CHECK(gpt.total_params_b == param_range{100.0, 200.0});
  CHECK(gpt.total_params_b.is_range());
  CHECK(gpt.active_params_b == param_range{100.0, 200.0});
  CHECK(gpt.aliases == std::vector<std::string>{"gpt-test-latest"});
  CHECK(gpt.warnings == std::vector<std::string>{"model-arch-not-released"});
  CHECK(gpt.references == std::vector<std::string>{"https://example.org/ghgkit/gpt-test"});
  const auto& moe = db.find_llm_model("moe-test", "mistralai");
  CHECK(moe.architecture == "moe");
  CHECK(moe.total_params_b == param_range{46.7, 46.7});
  CHECK_FALSE(moe.total_params_b.is_range());
  CHECK(moe.active_params_b.low == exactly(12.9));
}

TEST_CASE("an LLM is found by alias, by id and ignoring case") {
  const auto db = good();
  CHECK(db.find_llm_model("gpt-test-latest").id == "test-llm.openai.gpt-test");
  CHECK(db.find_llm_model("GPT-Test").id == "test-llm.openai.gpt-test");
  CHECK(db.find_llm_model("test-llm.mistralai.moe-test").provider == "mistralai");
}

TEST_CASE("an LLM name of two providers needs the provider, and unknown names get suggestions") {
  const auto db = good();
  CHECK_THROWS_WITH_AS((void)db.find_llm_model("moe-test"),
                       "several LLM models are named 'moe-test': 'test-llm.huggingface_hub.moe-test' (provider "
                       "'huggingface_hub'), 'test-llm.mistralai.moe-test' (provider 'mistralai'); give the provider",
                       lookup_error);
  CHECK_THROWS_WITH_AS((void)db.find_llm_model("moe-test", "openai"),
                       "no LLM model 'moe-test' of provider 'openai'; 'moe-test' is a model of 'huggingface_hub', "
                       "'mistralai'",
                       lookup_error);
  CHECK_THROWS_WITH_AS((void)db.find_llm_model("gpt-tset"), "unknown LLM model 'gpt-tset'; did you mean 'gpt-test'?",
                       lookup_error);
}

TEST_CASE("an accelerator name leads to its device, and the caller names the source when several have a record") {
  const auto db = good();
  // Two sources describe device nvidia-a100-pcie-40gb; their figures stay apart.
  CHECK_THROWS_WITH_AS((void)db.find_accelerator("A100 PCIe 40GB"),
                       "accelerator 'A100 PCIe 40GB' (device 'nvidia-a100-pcie-40gb') has several records: 'test-cloud' "
                       "(test-cloud.accelerator.a100-pcie: TDP 300 W), 'test-hardware' "
                       "(test-hardware.accelerator.a100-pcie-40gb: TDP 250 W, 40 GB); name a source or give an id "
                       "(figures of different sources are never averaged)",
                       lookup_error);
  const auto& a = db.find_accelerator("a100 pcie 40gb", "test-hardware");  // an alias, any case
  CHECK(a.id == "test-hardware.accelerator.a100-pcie-40gb");
  CHECK(a.vendor == "NVIDIA");
  CHECK(a.type == "gpu");
  CHECK(a.tdp_w == exactly(250.0));
  CHECK(a.memory_gb == exactly(40.0));
  CHECK(a.fp16_tflops == exactly(312.0));
  CHECK_FALSE(a.fp32_tflops.has_value());
  CHECK(a.aliases == std::vector<std::string>{"A100 PCIe 40GB", "A100-PCIE-40GB"});
  // The other source's record of the same device, found by its own name.
  CHECK(db.find_accelerator("NVIDIA A100", "test-cloud").tdp_w == exactly(300.0));
  // By device or id, with one record: no source needed.
  const auto& tpu = db.find_accelerator("google-tpu-v3");
  CHECK(tpu.type == "tpu");
  CHECK(tpu.avg_power_w == exactly(220.0));
  CHECK_FALSE(tpu.tdp_w.has_value());
  CHECK(tpu.embodied_kg_co2e == exactly(100.0));
  CHECK(tpu.embodied_source == "test-cloud");
  CHECK(db.find_accelerator("test-hardware.accelerator.tpu-v3").name == "TPU v3");
}

TEST_CASE("an accelerator lookup names what exists when the name or the source is wrong") {
  const auto db = good();
  CHECK_THROWS_WITH_AS((void)db.find_accelerator("TPU v4"), "unknown accelerator 'TPU v4'; did you mean 'TPU v3'?",
                       lookup_error);
  CHECK_THROWS_WITH_AS((void)db.find_accelerator("TPU v3", "test-cloud"),
                       "no record of accelerator 'TPU v3' (device 'google-tpu-v3') from source 'test-cloud'; sources "
                       "with a record: 'test-hardware'",
                       lookup_error);
}

TEST_CASE("a CPU is found by name and source") {
  const auto db = good();
  const auto& c = db.find_cpu("amd epyc 7763", "test-hardware");
  CHECK(c.name == "AMD EPYC 7763");
  CHECK(c.tdp_w == exactly(280.0));
  CHECK(c.cores == exactly(64.0));
  CHECK(c.tdp_per_core_w == exactly(4.375));  // 280 W / 64 cores
  CHECK(c.release_year == 2021);
  CHECK(c.feature_size_nm == exactly(7.0));
  CHECK_FALSE(c.die_area_cm2.has_value());
  CHECK_THROWS_WITH_AS((void)db.find_cpu("AMD EPYC 7763"),
                       "CPU 'AMD EPYC 7763' has several records: 'test-cloud' (test-cloud.cpu.epyc-7763: TDP 280 W), "
                       "'test-hardware' (test-hardware.cpu.epyc-7763: TDP 280 W); name a source or give an id (figures "
                       "of different sources are never averaged)",
                       lookup_error);
  CHECK_THROWS_WITH_AS((void)db.find_cpu("AMD EPYC 7736"), "unknown CPU 'AMD EPYC 7736'; did you mean 'AMD EPYC 7763'?",
                       lookup_error);
}

TEST_CASE("cloud instances, regions and server archetypes keep their fields") {
  const auto db = good();
  const auto& p4d = by_id(db.cloud_instances(), "test-cloud.aws.p4d-24xlarge");
  CHECK(p4d.provider == "aws");
  CHECK(p4d.instance == "p4d.24xlarge");
  CHECK(p4d.vcpu == exactly(96.0));
  CHECK(p4d.memory_gb == exactly(1152.0));
  CHECK(p4d.ssd_gb == exactly(8000.0));
  CHECK_FALSE(p4d.hdd_gb.has_value());
  CHECK(p4d.gpus == exactly(8.0));
  CHECK(p4d.gpu_model == "NVIDIA A100");
  CHECK(p4d.platform == "test_platform");

  const auto& region = db.cloud_regions().front();
  CHECK(region.region == "us-west-2");
  CHECK(region.country == "US");
  CHECK(region.location == "US-OR");
  CHECK(region.place == "Oregon");

  const auto& s = db.server_archetypes().front();
  CHECK(s.archetype == "test_platform");
  CHECK(s.case_type == "rack");
  REQUIRE(s.cpu.has_value());
  CHECK(s.cpu->units == ghgkit::archetype_number{2, 2, 2});
  CHECK(s.cpu->core_units == ghgkit::archetype_number{24, 16, 48});
  CHECK(s.cpu->core_units->is_range());
  CHECK(s.cpu->name == "AMD EPYC 7763");
  CHECK_FALSE(s.cpu->threads.has_value());
  REQUIRE(s.ram.has_value());
  CHECK(s.ram->capacity_gb == ghgkit::archetype_number{32, 32, 32});
  CHECK_FALSE(s.ssd.has_value());
  REQUIRE(s.gpu.has_value());
  CHECK(s.gpu->vram_gb == ghgkit::archetype_number{40, 40, 40});
  CHECK_FALSE(s.power_supply.has_value());
  REQUIRE(s.usage.has_value());
  CHECK(s.usage->hours_life_time == ghgkit::archetype_number{35040, 35040, 35040});
  CHECK(s.notes == "hand-made archetype");
}

TEST_CASE("catalogue cross-references that do not resolve are warnings, not errors") {
  const auto db = good();
  REQUIRE(db.catalogue_warnings().size() == 1u);
  const std::string file = (ghgkit_test::fixtures() / "coefficients" / "good" / "cloud.yaml").string();
  CHECK(db.catalogue_warnings()[0] == file +
                                          ":69:5: instance 'test-cloud.aws.t3-micro': platform 'missing_platform' is "
                                          "not the archetype of a server_archetypes entry");
}

TEST_CASE("the shipped catalogues answer the documented lookups") {
  const auto db = factor_database::load({ghgkit_test::shipped_factors()});
  // EcoLogits models.json: gpt-3.5-turbo is dense; the file's alias gpt-35-turbo stands for it.
  CHECK(db.find_llm_model("gpt-35-turbo").name == "gpt-3.5-turbo");
  // ML CO2 Impact gpus.csv: T4, 70 W TDP, 16 GB.
  const auto& t4 = db.find_accelerator("T4", "mlco2-impact-gpus");
  CHECK(t4.tdp_w == exactly(70.0));
  CHECK(t4.memory_gb == exactly(16.0));
  // CodeCarbon cpu_power.csv: AMD EPYC 7763, 280 W.
  CHECK(db.find_cpu("AMD EPYC 7763", "codecarbon-cpu-power").tdp_w == exactly(280.0));
}
