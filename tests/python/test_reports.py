"""Reports (ghgkit.reports, docs/reports.md): the standard tables of the Lyon example against the
figures worked by hand in test_inventory.py, their reconciliation, the Markdown, JSON and CSV files,
the base-year comparison, and the `ghgkit report --format ... --out DIR` command line."""
from __future__ import annotations

import copy
import csv
import io
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ghgkit
from ghgkit import reports
from ghgkit.cli import main
from ghgkit.reports import tables

from conftest import REPO
from test_inventory import (CATEGORIES, LYON, REL, SCOPE1, SCOPE2_LOCATION, SCOPE2_MARKET, SCOPE3, TOTAL_LOCATION,
                            TOTAL_MARKET, _by_id)

T = 1000.0  # kg per tonne: the tables are in tonnes
HAND = _by_id()
HOTEL_KG = 64 * 19.0  # hotel-nights: 64 room.night x DEFRA 2025 Portugal 19 kg CO2e (test_inventory.py)


@pytest.fixture(scope="module")
def lyon() -> ghgkit.InventoryResult:
    return ghgkit.Inventory.load(str(LYON)).compute()


@pytest.fixture(scope="module")
def model(lyon) -> reports.ReportModel:
    return reports.build_model(lyon)


def values(table: tables.Table, ref: str) -> tuple:
    return table.line(ref).values


def test_ghg_protocol_table_is_the_hand_inventory(model):
    t = tables.ghg_protocol(model)
    assert values(t, "S1")[0] == pytest.approx(SCOPE1 / T, rel=REL)
    assert values(t, "S2-L")[0] == pytest.approx(SCOPE2_LOCATION / T, rel=REL)  # 30.0424
    assert values(t, "S2-M")[0] == pytest.approx(SCOPE2_MARKET / T, rel=REL)    # 16.7884
    assert values(t, "S3")[0] == pytest.approx(SCOPE3 / T, rel=REL)
    for c in range(1, 16):
        expected = CATEGORIES.get(c)
        got = values(t, f"S3.{c}")[0]
        assert got == (None if expected is None else pytest.approx(expected / T, rel=REL)), c
    assert values(t, "T-L")[0] == pytest.approx(164.8211805106, rel=1e-10)
    assert values(t, "T-M")[0] == pytest.approx(151.5671805106, rel=1e-10)
    assert values(t, "BIO")[0] == 0.0
    # Scope 3 = the sum of its categories; the totals = scope 1 + scope 2 (each method) + scope 3.
    assert math.fsum(values(t, f"S3.{c}")[0] or 0.0 for c in range(1, 16)) == pytest.approx(values(t, "S3")[0], rel=1e-12)
    assert values(t, "S1")[0] + values(t, "S2-L")[0] + values(t, "S3")[0] == pytest.approx(values(t, "T-L")[0], rel=1e-12)
    assert values(t, "S1")[0] + values(t, "S2-M")[0] + values(t, "S3")[0] == pytest.approx(values(t, "T-M")[0], rel=1e-12)


def test_gas_table_splits_scope1_into_the_hand_masses_and_reconciles(model):
    t = tables.ghg_protocol_gases(model)
    # CO2: gas 32,809.386 + diesel 29,087.414 kg (IPCC factors, CO2 only); HFC-32: 9 kg x 3% = 0.27 kg
    # x GWP 771 = 208.17 kg CO2e; R-410A: 3.5 kg x 2,255.5 = 7,894.25 kg CO2e (AR6, test_inventory.py).
    co2 = HAND["gas-offices"].kg + HAND["fleet-diesel"].kg
    assert t.line("CO2").values[:2] == (pytest.approx(co2 / T, rel=REL), pytest.approx(co2 / T, rel=REL))
    hfc = {x.label: x.values for x in t.lines if x.ref == "HFCs"}
    assert hfc["HFCs: HFC-32"][:2] == (pytest.approx(0.27 / T, rel=REL), pytest.approx(0.27 * 771 / T, rel=REL))
    assert hfc["HFCs: R-410A"][:2] == (pytest.approx(3.5 / T, rel=REL), pytest.approx(3.5 * 2255.5 / T, rel=REL))
    # Everything in scope 1 is split by gas; scope 2's grid factor is CO2e only.
    assert t.line("CO2e-only").values[1] == pytest.approx(0.0, abs=1e-9)
    assert t.line("CO2e-only").values[3] == pytest.approx(SCOPE2_LOCATION / T, rel=REL)
    assert t.line("total").values[1] == pytest.approx(SCOPE1 / T, rel=REL)
    per_gas_co2e = math.fsum(x.values[1] or 0.0 for x in t.lines if x.kind != "total")
    assert per_gas_co2e == pytest.approx(SCOPE1 / T, rel=1e-12)
    assert tables.gas_group("CH4_fossil") == "CH4" and tables.gas_group("C2F6") == "PFCs"
    assert tables.gas_group("R-404A") == "HFCs" and tables.gas_group("SF6") == "SF6"


def test_esrs_table_shows_the_totals_twice_and_every_line_reconciles(model):
    t = tables.esrs_e1_6(model)
    assert values(t, "48a")[0] == pytest.approx(SCOPE1 / T, rel=REL)
    assert values(t, "48b") == (None,) and "--ets-share" in t.line("48b").note
    assert values(t, "49a")[0] == pytest.approx(SCOPE2_LOCATION / T, rel=REL)
    assert values(t, "49b")[0] == pytest.approx(SCOPE2_MARKET / T, rel=REL)
    assert values(t, "51")[0] == pytest.approx(SCOPE3 / T, rel=REL)
    # Threshold 0: every category with emissions is significant, listed one by one.
    assert [x.ref for x in t.lines if x.ref.startswith("51.")] == ["51.1", "51.2", "51.3", "51.5", "51.6", "51.7"]
    assert values(t, "52a")[0] == pytest.approx(TOTAL_LOCATION / T, rel=REL)
    assert values(t, "52b")[0] == pytest.approx(TOTAL_MARKET / T, rel=REL)
    assert values(t, "52a")[0] - values(t, "52b")[0] == pytest.approx(300_000 * 0.04418 / T, rel=1e-9)  # the GOs
    for ref, scope2 in (("52a", "49a"), ("52b", "49b")):
        assert values(t, "48a")[0] + values(t, scope2)[0] + values(t, "51")[0] == pytest.approx(values(t, ref)[0], rel=1e-12)
    assert values(t, "53a") == (None,) and values(t, "53b") == (None,)  # no net revenue in the example


def test_esrs_intensity_ets_share_and_significance_threshold(lyon, tmp_path):
    # Net revenue from the inventory's own intensity entry: a copy of examples/lyon with one added.
    copy_dir = tmp_path / "lyon"
    shutil.copytree(LYON.parent, copy_dir)
    inventory = copy_dir / "inventory.yaml"
    inventory.write_text(inventory.read_text(encoding="utf-8")
                         + "intensity:\n  - {name: net revenue, value: 12500000, unit: EUR}\n", encoding="utf-8")
    result = ghgkit.Inventory.load(str(inventory)).compute()
    m = reports.build_model(result, ets_scope1_pct=0.0, significance_pct=10.0)
    t = tables.esrs_e1_6(m)
    # 164.8211805 t / 12.5 million EUR = 13.18569444 t per million EUR; market 151.5671805 / 12.5 = 12.12537444.
    assert values(t, "53a")[0] == pytest.approx(TOTAL_LOCATION / T / 12.5, rel=REL)
    assert values(t, "53b")[0] == pytest.approx(TOTAL_MARKET / T / 12.5, rel=REL)
    assert t.line("53a").unit == "t CO2e per million EUR"
    assert values(t, "48b") == (0.0,)
    # 10% of scope 3 = 6,477.96 kg: categories 1 (5,329.48) and 2 (5,609.98) fall under it and are grouped.
    assert [x.ref for x in t.lines if x.ref.startswith("51.")] == ["51.3", "51.5", "51.6", "51.7", "51.other"]
    assert values(t, "51.other")[0] == pytest.approx((CATEGORIES[1] + CATEGORIES[2]) / T, rel=REL)
    details = math.fsum(x.values[0] for x in t.lines if x.ref.startswith("51."))
    assert details == pytest.approx(SCOPE3 / T, rel=1e-12)
    # A command-line revenue wins over the inventory's.
    m2 = reports.build_model(result, net_revenue=reports.parse_revenue("25e6 usd"))
    assert tables.esrs_e1_6(m2).line("53a").values[0] == pytest.approx(TOTAL_LOCATION / T / 25, rel=REL)
    assert tables.esrs_e1_6(m2).line("53a").unit == "t CO2e per million USD"


def test_iso_14064_categories_group_the_scope3_categories(model):
    t = tables.iso_14064_1(model)
    assert values(t, "1") == (pytest.approx(SCOPE1 / T, rel=REL),) * 2
    assert values(t, "2") == (pytest.approx(SCOPE2_LOCATION / T, rel=REL), pytest.approx(SCOPE2_MARKET / T, rel=REL))
    # 3 transportation = business travel (6) + commuting (7); 4 products used = 1 + 2 + 3 + 5; 5 and 6 empty.
    assert values(t, "3")[0] == pytest.approx((CATEGORIES[6] + CATEGORIES[7]) / T, rel=REL)
    assert values(t, "4")[0] == pytest.approx((CATEGORIES[1] + CATEGORIES[2] + CATEGORIES[3] + CATEGORIES[5]) / T, rel=REL)
    assert values(t, "5") == (0.0, 0.0) and values(t, "6") == (0.0, 0.0)
    for column, total in enumerate((TOTAL_LOCATION, TOTAL_MARKET)):
        assert math.fsum(values(t, str(c))[column] for c in range(1, 7)) == pytest.approx(total / T, rel=1e-12)
        assert values(t, "total")[column] == pytest.approx(total / T, rel=REL)
    # Every scope 3 category lands in exactly one ISO category.
    mapped = [c for _, (_, cats) in tables.ISO_CATEGORIES.items() for c in cats]
    assert sorted(mapped) == list(range(1, 16))


def test_beges_posts_are_the_hand_rows(model):
    t = tables.beges(model)
    expected_kg = {
        "1.1": HAND["gas-offices"].kg + HAND["gas-jv"].kg,        # natural gas: fixed combustion (JV share 0)
        "1.2": HAND["fleet-diesel"].kg,                             # the vans' diesel: mobile combustion
        "1.4": HAND["heat-pump-leak"].kg + HAND["server-room-ac"].kg,  # refrigerants: fugitive
        "2.1": SCOPE2_LOCATION,
        "3.3": CATEGORIES[7],                                       # commuting
        "3.5": CATEGORIES[6] - HOTEL_KG,                            # rail and flights
        "4.1": CATEGORIES[3],                                       # well-to-tank of the fuels
        "4.2": CATEGORIES[2],                                       # GPUs: capital goods
        "4.3": CATEGORIES[5],                                       # waste
        "4.5": CATEGORIES[1] + HOTEL_KG,                            # cloud services and hotel nights
    }
    for post in tables.BEGES_POSTS:
        got = values(t, post)
        if post in expected_kg:
            assert got[0] == pytest.approx(expected_kg[post] / T, rel=REL), post
        else:
            assert got == (None, None), post
    assert values(t, "2.1")[1] == pytest.approx(SCOPE2_MARKET / T, rel=REL)
    assert len(tables.BEGES_POSTS) == 22  # method v5: 22 postes in 6 categories
    for column, total in enumerate((TOTAL_LOCATION, TOTAL_MARKET)):
        assert math.fsum(values(t, str(c))[column] for c in range(1, 7)) == pytest.approx(total / T, rel=1e-12)
        assert values(t, "total")[column] == pytest.approx(total / T, rel=REL)


def test_every_table_has_a_citation_and_the_same_totals(model):
    totals = {"ghg_protocol": "T-L", "esrs_e1_6": "52a", "iso_14064_1": "total", "beges": "total"}
    for t in tables.all_tables(model):
        assert t.citation and t.title, t.key
        if t.key in totals:
            assert t.line(totals[t.key]).values[0] == pytest.approx(TOTAL_LOCATION / T, rel=REL), t.key


def test_digital_section_is_the_cloud_and_hardware_spend(model):
    assert sorted(r["id"] for r in model.digital_rows) == ["cloud-spend", "gpu-purchase"]
    loc, mkt = model.digital_kg
    assert loc == pytest.approx(CATEGORIES[1] + CATEGORIES[2], rel=REL) and mkt == loc


def test_markdown_summary_and_tables(model):
    text = reports.render_markdown(model)
    assert text.startswith("## GHG inventory: Lumière Textiles SAS, 2024")
    assert "| Total (scope 2 location-based) | 164.821 | 100.0% | unknown |" in text
    assert "| Total (scope 2 market-based) | 151.567 | 92.0% | unknown |" in text
    assert "| Scope 2, market-based | 16.788 |" in text
    assert "| 7. Employee commuting | 24.733 | 38.2% |" in text
    assert "Base year 2022 declared; no base data given" in text
    assert "| 15 | typo-row |" in text and "travel.rail.natoinal" in text
    for title in ("GHG Protocol corporate inventory", "ESRS E1-6", "ISO 14064-1:2018 categories", "BEGES"):
        assert f"<summary>{title}" in text
    assert "Digital services: 10.939 t CO2e, 6.6% of the total" in text
    # Pipes in user text cannot break a table.
    doc = json.loads(model.json_text)
    doc["skipped"][0]["reason"] = "a | b"
    assert "a \\| b" in reports.render_markdown(reports.build_model(doc))


def test_render_writes_each_format(lyon, tmp_path):
    written = reports.render(lyon, "md,html,json,csv", tmp_path / "out")
    assert sorted(written) == ["csv", "html", "json", "md"]
    assert all(p.stat().st_size > 0 for p in written.values())
    assert written["json"].read_text(encoding="utf-8") == lyon.to_json()
    assert written["csv"].read_text(encoding="utf-8") == lyon.to_csv()
    # A model built from the JSON alone writes the same CSV lines (same columns, same rows).
    from_json = reports.render(json.loads(lyon.to_json()), ["csv"], tmp_path / "json")["csv"]
    a = list(csv.DictReader(io.StringIO(lyon.to_csv())))
    b = list(csv.DictReader(io.StringIO(from_json.read_text(encoding="utf-8"))))
    assert [r["id"] for r in a] == [r["id"] for r in b] and list(a[0]) == list(b[0])
    for x, y in zip(a, b):
        assert float(x["co2e_kg"] or 0) == pytest.approx(float(y["co2e_kg"] or 0), rel=1e-12)
        assert x["status"] == y["status"] and x["factor_id"] == y["factor_id"]
    assert list(reports.render(lyon, ["md"], tmp_path / "one")) == ["md"]


def test_factors_used_carry_their_citation_and_licence(model):
    by_id = {f.factor_id: f for f in model.factors}
    assert set(by_id) == {r["factor_id"] for r in model.rows}
    gas = by_id["ipcc2006.natural_gas.tj"]
    assert gas.source_id == "ipcc-2006-gl-v2" and gas.licence and gas.url.startswith("https://")
    assert "2006 IPCC Guidelines" in gas.title
    assert all(f.title and f.licence for f in model.factors), [f.factor_id for f in model.factors if not f.licence]
    assert math.fsum(f.co2e_kg for f in model.factors) == pytest.approx(TOTAL_LOCATION, rel=1e-12)


def test_base_year_comparison(lyon, tmp_path):
    base = json.loads(lyon.to_json())
    base["inventory"]["year"] = 2022
    for key, total in base["totals"].items():  # a base year with every total twice today's
        if isinstance(total, dict) and "co2e_kg" in total:
            total["co2e_kg"] *= 2
    for total in base["totals"]["scope3_categories"].values():
        total["co2e_kg"] *= 2
    m = reports.build_model(lyon, base=base)
    lines = {c.line: c for c in m.base.lines}
    assert lines["total_location"].base_kg == pytest.approx(2 * TOTAL_LOCATION, rel=REL)
    assert lines["total_location"].change_pct == pytest.approx(-50.0, rel=1e-12)
    assert lines["scope3_category_7"].change_kg == pytest.approx(-CATEGORIES[7], rel=REL)
    assert lines["biogenic_co2"].change_pct is None  # 0 in the base year
    assert m.base.notes == []  # same database, GWP set and consolidation
    esrs = tables.esrs_e1_6(m)
    assert esrs.columns == ("base year 2022", "2024", "% change")
    assert esrs.line("52a").values == (pytest.approx(2 * TOTAL_LOCATION / T, rel=REL),
                                       pytest.approx(TOTAL_LOCATION / T, rel=REL), pytest.approx(-50.0))
    text = reports.render_markdown(m)
    assert "### Change from 2022 to 2024" in text
    assert "| 52a | **Total GHG emissions (location-based)** | 329.642 | 164.821 | -50.0% | t CO2e |" in text
    other = copy.deepcopy(base)
    other["inventory"]["gwp"], other["database_hash"] = "AR5", "0" * 64
    notes = reports.build_model(lyon, base=other).base.notes
    assert any("GWP set differs: AR5" in n for n in notes) and any("factor database differs" in n for n in notes)


def test_html_escapes_every_input_text(lyon):
    doc = json.loads(lyon.to_json())
    doc["inventory"]["organisation"] = "<script>alert(1)</script> & Co"
    doc["rows"][0]["id"] = "<img src=x onerror=alert(2)>"
    doc["skipped"][0]["reason"] = "</td><b>bold</b>"
    page = reports.render_html(reports.build_model(doc))
    assert "<script" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_html_is_self_contained_and_has_every_section(model):
    page = reports.render_html(model)
    for anchor in ("summary", "breakdown", "scope2", "gases", "uncertainty", "comparison", "digital", "standards",
                   "rows", "skipped", "appendix"):
        assert f'<section id="{anchor}">' in page, anchor
    assert page.count("<svg") >= 3  # scopes/categories, location vs market, uncertainty
    # Nothing loaded from anywhere: no script, stylesheet link, image, frame, CSS url() or @import.
    for needle in ("<script", "<link", "<img", "<iframe", "url(", "@import", " src="):
        assert needle not in page, needle
    assert "@media print" in page
    assert "Base year 2022 is declared, but no base-year data was given" in page
    assert model.doc["database_hash"] in page
    assert "IPCC copyright; default factors cited with attribution" in page  # a licence of the appendix


def test_parse_formats_and_revenue_errors():
    assert reports.parse_formats("md, HTML,md") == ["md", "html"]
    with pytest.raises(ValueError, match=r"found 'pdf', expected a comma-separated subset of md,html,json,csv"):
        reports.parse_formats("md,pdf")
    with pytest.raises(ValueError, match="found nothing"):
        reports.parse_formats(" , ")
    assert reports.parse_revenue("12.5e6EUR") == reports.Revenue(12.5e6, "EUR", "the command line (--net-revenue)")
    with pytest.raises(ValueError, match="expected an amount and an ISO 4217 currency"):
        reports.parse_revenue("lots")


def test_cli_report_writes_every_format(tmp_path):
    out = tmp_path / "reports"
    done = subprocess.run([sys.executable, "-m", "ghgkit.cli", "report", "examples/lyon/inventory.yaml",
                           "--format", "md,html,json,csv", "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    for ext in ("md", "html", "json", "csv"):
        path = out / f"report.{ext}"
        assert path.stat().st_size > 0, ext
        assert f"wrote {path}" in done.stdout
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert doc["totals"]["total_market"]["co2e_kg"] == pytest.approx(TOTAL_MARKET, rel=REL)
    # The JSON is a valid --base of a later report (here: the same year, a 0% change).
    again = tmp_path / "again"
    assert main(["report", str(LYON), "--format", "md", "--out", str(again), "--base", str(out / "report.json"),
                 "--ets-share", "0", "--net-revenue", "12.5e6EUR"]) == 0
    text = (again / "report.md").read_text(encoding="utf-8")
    assert "| Total (scope 2 location-based) | 164.821 | 164.821 | +0.0% |" in text
    assert "t CO2e per million EUR" in text


def test_cli_report_out_alone_writes_every_format(tmp_path, capsys):
    assert main(["report", str(LYON), "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv", "report.html", "report.json", "report.md"]
    assert "GHG inventory" not in capsys.readouterr().out  # the files, not the text summary


def test_cli_report_without_format_prints_the_summary(capsys):
    assert main(["report", str(LYON)]) == 0
    assert capsys.readouterr().out.startswith("GHG inventory: Lumière Textiles SAS, 2024")


def test_cli_report_unknown_format_exits_2_naming_the_valid_ones(tmp_path, capsys):
    assert main(["report", str(LYON), "--format", "md,pdf", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "found 'pdf', expected a comma-separated subset of md,html,json,csv" in err
    assert not list(tmp_path.iterdir())  # nothing written
    assert main(["report", str(LYON), "--format", "md", "--out", str(tmp_path), "--base", str(LYON)]) == 2


def test_cli_report_bad_base_file_is_an_input_error(tmp_path, capsys):
    bad = tmp_path / "base.json"
    bad.write_text(json.dumps({"schema": "something/1"}), encoding="utf-8")
    assert main(["report", str(LYON), "--format", "md", "--out", str(tmp_path / "o"), "--base", str(bad)]) == 2
    assert "expected 'ghgkit.inventory-result/1'" in capsys.readouterr().err


def test_model_refuses_another_schema():
    with pytest.raises(ValueError, match="expected 'ghgkit.inventory-result/1'"):
        reports.build_model({"schema": "ghgkit.inventory/1"})


def test_lyon_example_file_is_the_one_of_the_hand_table():
    assert Path(LYON).is_file()
