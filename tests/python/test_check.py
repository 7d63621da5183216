"""`ghgkit check`: budgets and reduction targets on examples/lyon, through the command line's main(argv).

The Lyon totals are the hand-worked figures of tests/python/test_inventory.py (one line per activity
row with the published figure of each factor), imported from there:
    scope 1 69,999.2203516 kg; scope 2 location 30,042.4, market 16,788.4; scope 3 64,779.5601590;
    scope 3 category 6 10,259.282744; total location 164,821.1805106, market 151,567.1805106.
Each message below is worked from those figures by hand (t = kg / 1000, shown to 3 decimals).
"""
from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

import ghgkit
from ghgkit import cli
from ghgkit.pipeline import budget as pb
from ghgkit.pipeline.progress import Progress, progress_enabled

from conftest import REPO
from test_inventory import CATEGORIES, SCOPE1, SCOPE2_LOCATION, SCOPE2_MARKET, TOTAL_LOCATION, TOTAL_MARKET

LYON = REPO / "examples" / "lyon" / "inventory.yaml"


@pytest.fixture(scope="module")
def lyon_json(tmp_path_factory: pytest.TempPathFactory, db: ghgkit.FactorDatabase) -> Path:
    """The Lyon result JSON (what `ghgkit report --json` writes), computed once for the module."""
    path = tmp_path_factory.mktemp("check") / "lyon.json"
    path.write_text(ghgkit.Inventory.load(str(LYON)).compute(db).to_json(), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["check", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_hand_totals_used_below():
    assert SCOPE1 == pytest.approx(69999.2203516, rel=1e-10)
    assert (SCOPE2_LOCATION, SCOPE2_MARKET) == pytest.approx((30042.4, 16788.4), rel=1e-12)
    assert CATEGORIES[6] == pytest.approx(10259.282744, rel=1e-10)
    assert (TOTAL_LOCATION, TOTAL_MARKET) == pytest.approx((164821.1805106, 151567.1805106), rel=1e-10)


# --------------------------------------------------------------------------------------------------
# Budgets on the inventory YAML (computed by the command) and on its result JSON


def test_inventory_yaml_over_a_total_budget_below_exits_1_and_above_exits_0(capsys):
    # 160 t: location 164,821.18 - 160,000 = 4,821.18 kg = 4.821 t, 4,821.18 / 160,000 = 3.01%;
    # market 151,567.18 / 160,000 = 94.73% of it.
    code, out, _ = run(capsys, LYON, "--max-total", "160t")
    assert code == 1
    assert "total (location-based): 164.821 t CO2e exceeds the budget 160 t by 4.821 t (3.0%)" in out
    assert "total (market-based): 151.567 t CO2e is within the budget 160 t (94.7% of it)" in out
    assert "1 of 2 checks exceeded" in out
    # 500 t: 164,821.18 / 500,000 = 32.96%, 151,567.18 / 500,000 = 30.31%.
    code, out, err = run(capsys, LYON, "--max-total", "500t")
    assert code == 0
    assert err == ""  # no progress bar when stderr is not a terminal
    assert "total (location-based): 164.821 t CO2e is within the budget 500 t (33.0% of it)" in out
    assert "total (market-based): 151.567 t CO2e is within the budget 500 t (30.3% of it)" in out
    assert "0 of 2 checks exceeded" in out


def test_scope_budget_message_names_the_excess_and_its_share(capsys, lyon_json):
    # 69,999.22 - 60,000 = 9,999.22 kg = 9.999 t; 9,999.22 / 60,000 = 16.67%.
    code, out, _ = run(capsys, lyon_json, "--max-scope", "1=60t")
    assert code == 1
    assert out.splitlines()[0] == "EXCEEDED  scope 1: 69.999 t CO2e exceeds the budget 60 t by 9.999 t (16.7%)"
    # 120 t: 69,999.22 / 120,000 = 58.33%.
    code, out, _ = run(capsys, lyon_json, "--max-scope", "1=120t")
    assert code == 0
    assert "ok        scope 1: 69.999 t CO2e is within the budget 120 t (58.3% of it)" in out


def test_scope_2_is_checked_for_both_methods_unless_one_is_chosen(capsys, lyon_json):
    # 20 t: location 30,042.4 - 20,000 = 10,042.4 kg (50.21%); market 16,788.4 / 20,000 = 83.94%.
    code, out, _ = run(capsys, lyon_json, "--max-scope", "2=20t")
    assert code == 1
    assert "scope 2 (location-based): 30.042 t CO2e exceeds the budget 20 t by 10.042 t (50.2%)" in out
    assert "scope 2 (market-based): 16.788 t CO2e is within the budget 20 t (83.9% of it)" in out
    code, out, _ = run(capsys, lyon_json, "--max-scope", "2=20t", "--scope2", "market")
    assert code == 0
    assert "location-based" not in out
    code, _, _ = run(capsys, lyon_json, "--max-scope", "2=20t", "--scope2", "location")
    assert code == 1


def test_category_budget_and_the_mass_spellings(capsys, lyon_json):
    # Category 6: 10,259.28 - 10,000 = 259.28 kg = 0.259 t, 259.28 / 10,000 = 2.59%.
    code, out, _ = run(capsys, lyon_json, "--max-category", "6=10t")
    assert code == 1
    assert "scope 3 category 6: 10.259 t CO2e exceeds the budget 10 t by 0.259 t (2.6%)" in out
    # '1.2kt' = 1,200 t; '300000kg' = 300 t; '70 t' = 70 t: 69,999.22 / 70,000 = 99.999% -> 100.0%.
    code, out, _ = run(capsys, lyon_json, "--max-scope", "3=1.2kt", "--max-total", "300000kg", "--max-scope", "1=70 t")
    assert code == 0
    assert "scope 3: 64.78 t CO2e is within the budget 1,200 t (5.4% of it)" in out
    assert "total (location-based): 164.821 t CO2e is within the budget 300 t (54.9% of it)" in out
    assert "scope 1: 69.999 t CO2e is within the budget 70 t (100.0% of it)" in out


def test_a_category_without_rows_counts_zero(capsys, lyon_json):
    code, out, _ = run(capsys, lyon_json, "--max-category", "4=1kg")
    assert code == 0
    assert "scope 3 category 4: 0 t CO2e is within the budget 0.001 t (0.0% of it)" in out


def test_json_and_markdown_outputs(capsys, lyon_json):
    code, out, _ = run(capsys, lyon_json, "--max-scope", "1=60t", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["schema"] == "ghgkit.check/1" and doc["exceeded"] == 1 and doc["rows_skipped"] == 1
    (c,) = doc["checks"]
    assert (c["kind"], c["label"], c["status"], c["limit_kg"]) == ("budget", "scope 1", "exceeded", 60000)
    assert c["exceeded_by_kg"] == pytest.approx(SCOPE1 - 60000, rel=1e-12)  # 9,999.2203516
    code, out, _ = run(capsys, lyon_json, "--max-scope", "1=60t", "--format", "md")
    assert code == 1
    assert out.startswith("### Budget check: Lumière Textiles SAS, 2024\n")
    assert "| :x: | scope 1 (budget) | 69.999 | 60 | exceeded by 9.999 t (16.7%) |" in out
    assert "**1 of 1 check exceeded.**" in out


def test_skipped_rows_are_noted(capsys, lyon_json):
    _, out, _ = run(capsys, lyon_json, "--max-total", "1kt")
    assert "note: 1 input row(s) could not be computed and are missing from the totals" in out


# --------------------------------------------------------------------------------------------------
# Targets


def test_linear_target_from_a_base_value_on_the_command_line(capsys, lyon_json):
    # Base 2022 (the inventory's base_year), 180 t, 4.2%/year: 2024 allows 180 x (1 - 0.042 x 2)
    # = 180 x 0.916 = 164.88 t. Location 164.821 t is within (99.96%), market 151.567 t (91.93%).
    code, out, _ = run(capsys, lyon_json, "--reduction", "4.2%/year", "--base-total", "180t")
    assert code == 0
    assert ("total (location-based): 164.821 t CO2e is within the 2024 target 164.88 t (100.0% of it); "
            "target = base 2022 180 t x (1 - 4.2% x 2 years)") in out
    assert "total (market-based): 151.567 t CO2e is within the 2024 target 164.88 t (91.9% of it)" in out
    # Base 175 t: 175 x 0.916 = 160.3 t; 164,821.18 - 160,300 = 4,521.18 kg (2.82%).
    code, out, _ = run(capsys, lyon_json, "--reduction", "4.2%", "--base-total", "175t", "--base-year", "2022")
    assert code == 1
    assert "total (location-based): 164.821 t CO2e exceeds the 2024 target 160.3 t by 4.521 t (2.8%)" in out


def test_linear_target_from_a_base_result(capsys, lyon_json, tmp_path):
    # A base-year result: the Lyon JSON relabelled 2022 with totals 180 t (location), 170 t (market).
    base = json.loads(lyon_json.read_text(encoding="utf-8"))
    base["inventory"]["year"] = 2022
    base["totals"]["total_location"]["co2e_kg"] = 180000.0
    base["totals"]["total_market"]["co2e_kg"] = 170000.0
    (tmp_path / "base.json").write_text(json.dumps(base), encoding="utf-8")
    # 5%/year x 2 years: location 180 x 0.9 = 162 t, exceeded by 2,821.18 kg (1.74%); market
    # 170 x 0.9 = 153 t, 151,567.18 / 153,000 = 99.06%.
    code, out, _ = run(capsys, lyon_json, "--reduction", "5%/year", "--base", tmp_path / "base.json")
    assert code == 1
    assert ("total (location-based): 164.821 t CO2e exceeds the 2024 target 162 t by 2.821 t (1.7%); "
            "target = base 2022 180 t (base result) x (1 - 5% x 2 years)") in out
    assert "total (market-based): 151.567 t CO2e is within the 2024 target 153 t (99.1% of it)" in out


def test_explicit_yearly_targets_interpolate_between_years(capsys, lyon_json):
    # 2020: 200 t, 2025: 150 t: 2024 allows 200 + (150 - 200) x 4/5 = 160 t.
    code, out, _ = run(capsys, lyon_json, "--target", "2025=150t", "--target", "2020=200t")
    assert code == 1
    assert ("total (location-based): 164.821 t CO2e exceeds the 2024 target 160 t by 4.821 t (3.0%); "
            "interpolated between 2020 (200 t) and 2025 (150 t)") in out
    # A first target after the reporting year: nothing to check yet, said, and not a failure.
    code, out, _ = run(capsys, lyon_json, "--target", "2030=100t", "--scope2", "location")
    assert code == 0
    assert "total (location-based): no target before 2030 (reporting year 2024): not checked" in out


def test_budget_file_with_budgets_and_targets(capsys, lyon_json, tmp_path):
    (tmp_path / "budget.yaml").write_text(
        "schema: ghgkit.budget/1\n"
        "scope2: market\n"
        "budgets:\n"
        "  total: 155t\n"
        "  scope 1: 72 t\n"
        "  category 6: 11t\n"
        "targets:\n"
        "  - {for: scope 1, base_year: 2022, base: 80t, reduction: 10%/year}\n"
        "  - {for: scope 2, values: {2024: 17t}}\n", encoding="utf-8")
    code, out, _ = run(capsys, lyon_json, "--budget", tmp_path / "budget.yaml")
    assert code == 1
    lines = out.splitlines()
    # Market total 151,567.18 / 155,000 = 97.79%; scope 1 69,999.22 / 72,000 = 97.22%;
    # category 6 10,259.28 / 11,000 = 93.27%.
    assert lines[0] == "ok        total (market-based): 151.567 t CO2e is within the budget 155 t (97.8% of it)"
    assert lines[1] == "ok        scope 1: 69.999 t CO2e is within the budget 72 t (97.2% of it)"
    assert lines[2] == "ok        scope 3 category 6: 10.259 t CO2e is within the budget 11 t (93.3% of it)"
    # Scope 1 target: 80 x (1 - 0.10 x 2) = 64 t; 69,999.22 - 64,000 = 5,999.22 kg (9.37%).
    assert lines[3] == ("EXCEEDED  scope 1: 69.999 t CO2e exceeds the 2024 target 64 t by 5.999 t (9.4%); "
                        "target = base 2022 80 t x (1 - 10% x 2 years)")
    # Scope 2 market 16,788.4 / 17,000 = 98.76%.
    assert lines[4] == "ok        scope 2 (market-based): 16.788 t CO2e is within the 2024 target 17 t (98.8% of it)"
    assert lines[5] == "1 of 5 checks exceeded"
    # The command line's --scope2 wins over the file's.
    code, out, _ = run(capsys, lyon_json, "--budget", tmp_path / "budget.yaml", "--scope2", "location")
    assert "total (location-based): 164.821 t CO2e exceeds the budget 155 t by 9.821 t (6.3%)" in out


def test_shipped_ci_budget_file_is_valid_and_the_example_meets_it(capsys, lyon_json):
    budget = pb.load_budget(REPO / "examples" / "ci" / "budget.yaml")
    assert budget.limits and budget.targets
    # The total target: 185 x (1 - 0.042 x 2) = 169.46 t; scope 1: 80 + (70 - 80) x 2/3 = 73.333 t.
    code, out, _ = run(capsys, lyon_json, "--budget", REPO / "examples" / "ci" / "budget.yaml", "--max-total", "200t")
    assert code == 0
    assert "the 2024 target 169.46 t" in out and "the 2024 target 73.333 t" in out


def _ghgkit_commands(text: str) -> list[list[str]]:
    """The `ghgkit ...` commands of a CI file's shell lines (up to a pipe or redirection), comments left out."""
    commands = []
    for line in text.splitlines():
        line = line.strip().lstrip("-").strip()
        if line.startswith("ghgkit ") or line.startswith("run: ghgkit "):
            words = shlex.split(line.split("|")[0].split(">>")[0].removeprefix("run: "))
            commands.append(words[1:])
    return commands


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_examples_parse_and_use_the_command_line_as_it_is(name):
    import yaml

    text = (REPO / "examples" / "ci" / name).read_text(encoding="utf-8")
    assert isinstance(yaml.safe_load(text), dict)
    commands = _ghgkit_commands(text)
    assert {c[0] for c in commands} >= {"report", "check"}
    parsed = [cli._parser().parse_args(argv) for argv in commands]  # argparse exits 2 on an unknown flag
    assert any(a.command == "report" and "md" in a.format.split(",") and a.out == "report/" for a in parsed)
    assert all(a.format == "md" and a.budget and a.inventory == "report/report.json" for a in parsed if a.command == "check")


# --------------------------------------------------------------------------------------------------
# Invalid input: exit 2 with one line on stderr naming the problem


@pytest.mark.parametrize("argv, message", [
    (["--max-total", "500kWh"], "--max-total '500kWh': unit 'kWh' of '500kWh' measures energy, not a mass"),
    (["--max-total", "500"], "--max-total '500': found '500' without a unit, expected a mass such as '500t'"),
    (["--max-total", "500 parsecs"], "unknown unit 'parsecs'"),
    (["--max-total", "5tCH4"], "--max-total '5tCH4': unit 'tCH4' of '5tCH4' is a mass of CH4, not of CO2e"),
    (["--max-scope", "4=10t"], "--max-scope '4=10t': found scope '4', expected 1, 2 or 3"),
    (["--max-scope", "120t"], "--max-scope '120t': expected N=MASS such as 1=120t"),
    (["--max-category", "16=1t"], "--max-category '16=1t': found category '16', expected a scope 3 category from 1 to 15"),
    (["--reduction", "4.2"], "--reduction: found '4.2', expected a percentage per year from 0% to 100% such as '4.2%/year'"),
    (["--reduction", "4.2%/year"], "the linear target has no base value"),
    ([], "nothing to check"),
])
def test_invalid_command_line_exits_2(capsys, lyon_json, argv, message):
    code, out, err = run(capsys, lyon_json, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("ghgkit: error: ") and message in err
    assert err.count("\n") == 1


def test_missing_files_exit_2(capsys, lyon_json, tmp_path):
    code, _, err = run(capsys, tmp_path / "nope.yaml", "--max-total", "1t")
    assert code == 2 and "nope.yaml" in err
    code, _, err = run(capsys, lyon_json, "--budget", tmp_path / "nope-budget.yaml")
    assert code == 2 and "nope-budget.yaml" in err


def test_argparse_errors_exit_2(capsys, lyon_json):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check", str(lyon_json), "--scope2", "mixed"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'mixed'" in capsys.readouterr().err


@pytest.mark.parametrize("text, message", [
    ("schema: ghgkit.budget/1\nbudgets: {total: [500t\n", ":3:1: not valid YAML"),
    ("schema: ghgkit.budget/2\n", "field 'schema': found 'ghgkit.budget/2', expected 'ghgkit.budget/1'"),
    ("schema: ghgkit.budget/1\nbudget: {total: 500t}\n",
     "unknown field 'budget', expected one of schema, scope2, budgets, targets"),
    ("schema: ghgkit.budget/1\nbudgets: {total: 500}\n",
     "field 'budgets.total': found 500 without a unit, expected a mass such as '500t'"),
    ("schema: ghgkit.budget/1\nbudgets: {scope 5: 5t}\n", "field 'budgets.scope 5': found scope '5', expected 1, 2 or 3"),
    ("schema: ghgkit.budget/1\nscope2: mixed\n", "field 'scope2': found 'mixed', expected location, market or both"),
    ("schema: ghgkit.budget/1\ntargets:\n  - {for: total, base: 180t, reductoin: 4.2%}\n",
     "field 'targets[0]': unknown field 'reductoin', expected one of for, base_year, base, reduction, values"),
    ("schema: ghgkit.budget/1\ntargets:\n  - {for: total, base: 180t, reduction: 4.2}\n",
     "field 'targets[0].reduction': found 4.2, expected a percentage per year"),
    ("schema: ghgkit.budget/1\ntargets:\n  - {for: total, values: {2030: 100t}, reduction: 4.2%}\n",
     "field 'targets[0]': give either 'reduction' (e.g. 4.2%/year) or 'values' (mass by year), not both"),
    ("schema: ghgkit.budget/1\ntargets:\n  - {for: total, base: 180t, base_year: 2025, reduction: 4.2%}\n",
     "total (location-based): the reporting year 2024 is before the target's base year 2025"),
])
def test_malformed_budget_file_exits_2_naming_file_and_field(capsys, lyon_json, tmp_path, text, message):
    path = tmp_path / "budget.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, lyon_json, "--budget", path)
    assert code == 2
    assert f"ghgkit: error: {path}" in err and message in err


def test_a_result_json_of_another_schema_exits_2(capsys, tmp_path):
    (tmp_path / "other.json").write_text('{"schema": "ghgkit.check/1"}', encoding="utf-8")
    code, _, err = run(capsys, tmp_path / "other.json", "--max-total", "1t")
    assert code == 2
    assert "other.json: field 'schema': found 'ghgkit.check/1', expected 'ghgkit.inventory-result/1'" in err


# --------------------------------------------------------------------------------------------------
# Masses and the progress bar


@pytest.mark.parametrize("text, kg", [("500t", 500_000), ("120 t", 120_000), ("1.2kt", 1_200_000),
                                      ("300000kg", 300_000), ("300,000 kg", 300_000), ("2 t CO2e", 2000),
                                      ("0.5 Mt", 500_000_000)])
def test_parse_mass(text, kg):
    assert pb.parse_mass(text) == pytest.approx(kg, rel=1e-15)


class _Tty:
    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch):
    tty = _Tty()
    monkeypatch.delenv("CI", raising=False)
    assert progress_enabled(tty)
    with Progress(4, "check", stream=tty) as bar:  # type: ignore[arg-type]
        bar.step("loading")
    assert "[#######---------------------] 1/4 check: loading (" in tty.text
    assert tty.text.endswith("\r\x1b[K")  # erased when done
    monkeypatch.setenv("CI", "true")
    assert not progress_enabled(tty)
    quiet = _Tty()
    with Progress(4, stream=quiet) as bar:  # type: ignore[arg-type]
        bar.step("loading")
        with bar.waiting():
            pass
    assert quiet.text == ""


def test_report_draws_its_progress_on_a_terminal_and_nothing_in_ci(monkeypatch, tmp_path, capsys):
    import sys

    tty = _Tty()
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys, "stderr", tty)
    assert cli.main(["report", str(LYON), "--format", "md", "--out", str(tmp_path / "a")]) == 0
    assert "3/3 report: computing 19 rows (" in tty.text
    assert tty.text.endswith("\r\x1b[K")
    quiet = _Tty()
    monkeypatch.setattr(sys, "stderr", quiet)
    monkeypatch.setenv("CI", "true")
    assert cli.main(["report", str(LYON), "--format", "md", "--out", str(tmp_path / "b")]) == 0
    assert quiet.text == ""
    assert (tmp_path / "a" / "report.md").read_text() == (tmp_path / "b" / "report.md").read_text()
