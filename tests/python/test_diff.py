"""`ghgkit diff`: two results of examples/lyon, the second computed from a modified copy of the
inventory with a user factor layer overriding two shipped factors, and the change split by hand into
activity and factor effects.

OLD: examples/lyon as shipped. NEW, a copy in a temporary folder with:
  - hotel-nights 64 -> 80 room.night, and DEFRA's Portugal hotel factor 19 -> 25 kg CO2e/room.night
    (defra-2025.hotel.stay.PT.room_night, ID 29_600_4040_13_1, overridden by the layer);
  - waste-landfill 12.5 -> 10 t at DEFRA's 520.5327 kg CO2e/t (ID 20_507_5313_15_1, unchanged);
  - waste-cardboard unchanged at 8.2 t, its factor 4.68568 -> 5.0 kg CO2e/t (ID 20_506_5443_15_1);
  - heat-pump-leak removed: 3.5 kg of R-410A x 2,255.5 (AR6: 0.5 x 771 + 0.5 x 3,740) = 7,894.25 kg;
  - new-leak added: 1 kg of HFC-32 lost x 771 (AR6) = 771 kg;
  - elec-servers given as 260,000 kWh instead of 260 MWh: the same energy, no change.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import ghgkit
from ghgkit import cli
from ghgkit.pipeline.diff import diff, to_markdown

from conftest import REPO

LYON = REPO / "examples" / "lyon"

# The factor layer of NEW: the shipped factors' fields, with new values.
LAYER = """\
schema: ghgkit.factors/1
factors:
  - {id: defra-2025.hotel.stay.PT.room_night, activity: hotel.stay, unit: room.night, mass_unit: kg,
     values: {CO2e: 25}, gwp: AR5, region: PT, year: 2025, source: desnz-defra-2025, notes: "test: 19 -> 25"}
  - {id: defra-2025.waste.paper_board.closed_loop.tonne, activity: waste.paper_board.closed_loop, unit: t,
     mass_unit: kg, values: {CO2e: 5.0}, gwp: AR5, region: GB, year: 2025, source: desnz-defra-2025,
     notes: "test: 4.68568 -> 5.0"}
"""

# Worked by hand (kg CO2e). activity = (a_new - a_old) x r_old; factor = a_new x (r_new - r_old).
HOTEL_ACTIVITY = (80 - 64) * 19.0            # 304
HOTEL_FACTOR = 80 * (25.0 - 19.0)            # 480; change 80 x 25 - 64 x 19 = 2,000 - 1,216 = 784
LANDFILL_ACTIVITY = (10 - 12.5) * 520.5327   # -1,301.33175
CARDBOARD_FACTOR = 8.2 * (5.0 - 4.68568)     # 2.577424
REMOVED = -3.5 * (0.5 * 771 + 0.5 * 3740)    # -7,894.25
ADDED = 1 * 771.0                            # 771
ACTIVITY = HOTEL_ACTIVITY + LANDFILL_ACTIVITY  # -997.33175
FACTOR = HOTEL_FACTOR + CARDBOARD_FACTOR       # 482.577424
CHANGE = ACTIVITY + FACTOR + ADDED + REMOVED   # -7,638.004326


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory, db: ghgkit.FactorDatabase) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("diff")
    shutil.copytree(LYON, tmp / "new")
    csv_path = tmp / "new" / "data" / "travel_and_waste.csv"
    text = _replace_once(csv_path.read_text(encoding="utf-8"), "hotel-nights,hotel.stay,64,", "hotel-nights,hotel.stay,80,")
    text = _replace_once(text, "landfill,12.5,t,", "landfill,10,t,")
    csv_path.write_text(text, encoding="utf-8")
    yaml_path = tmp / "new" / "inventory.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    text = _replace_once(text, """  - {id: heat-pump-leak, entity: lumiere, activity: refrigerant.r-410a, amount: 3.5, unit: kg,
     data_quality: measured, notes: "maintenance report, recharge of 3.5 kg"}
""", "  - {id: new-leak, entity: lumiere, activity: refrigerant.hfc-32, amount: 1, unit: kg}\n")
    text = _replace_once(text, "amount: 260, unit: MWh", "amount: 260000, unit: kWh")
    yaml_path.write_text(text, encoding="utf-8")
    (tmp / "layer.yaml").write_text(LAYER, encoding="utf-8")
    paths = {"old": tmp / "old.json", "new": tmp / "new.json"}
    paths["old"].write_text(ghgkit.Inventory.load(str(LYON / "inventory.yaml")).compute(db).to_json(), encoding="utf-8")
    new_db = db.layer(str(tmp / "layer.yaml"))
    paths["new"].write_text(ghgkit.Inventory.load(str(yaml_path)).compute(new_db).to_json(), encoding="utf-8")
    return paths


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def doc(results: dict[str, Path]) -> dict:
    return diff(_load(results["old"]), _load(results["new"]))


def _row(doc: dict, key: str) -> dict:
    (row,) = [r for r in doc["rows"] if r["key"] == key]
    return row


def test_factor_update_and_activity_change_of_one_row_are_attributed(doc):
    hotel = _row(doc, "hotel-nights")
    assert hotel["status"] == "changed"
    assert (hotel["old_amount"], hotel["new_amount"]) == (64, 80)
    assert (hotel["old_kg"], hotel["new_kg"]) == pytest.approx((1216, 2000), rel=1e-12)
    assert hotel["activity_kg"] == pytest.approx(HOTEL_ACTIVITY, rel=1e-12)  # 304
    assert hotel["factor_kg"] == pytest.approx(HOTEL_FACTOR, rel=1e-12)      # 480
    assert hotel["activity_kg"] + hotel["factor_kg"] == hotel["change_kg"]
    assert (hotel["old_rate_kg_per_unit"], hotel["new_rate_kg_per_unit"]) == pytest.approx((19, 25), rel=1e-12)


def test_activity_only_and_factor_only_rows(doc):
    landfill = _row(doc, "waste-landfill")
    assert landfill["activity_kg"] == pytest.approx(LANDFILL_ACTIVITY, rel=1e-12)  # -1,301.33175
    assert landfill["factor_kg"] == pytest.approx(0, abs=1e-9)
    cardboard = _row(doc, "waste-cardboard")
    assert cardboard["activity_kg"] == 0
    assert cardboard["factor_kg"] == pytest.approx(CARDBOARD_FACTOR, rel=1e-12)  # 2.577424
    # 260 MWh = 260,000 kWh: converted to the old row's unit, nothing changed.
    servers = _row(doc, "elec-servers")
    assert (servers["unit"], servers["new_amount"]) == ("MWh", pytest.approx(260, rel=1e-15))
    assert servers["activity_kg"] == pytest.approx(0, abs=1e-9)
    assert servers["factor_kg"] == pytest.approx(0, abs=1e-9)
    assert _row(doc, "rail-paris")["status"] == "unchanged"


def test_added_and_removed_rows(doc):
    removed, added = _row(doc, "heat-pump-leak"), _row(doc, "new-leak")
    assert (removed["status"], removed["removed_kg"], removed["new_kg"]) == ("removed", pytest.approx(REMOVED, rel=1e-12), 0)
    assert (added["status"], added["added_kg"], added["old_kg"]) == ("added", pytest.approx(ADDED, rel=1e-12), 0)


def test_totals_by_scope_and_category(doc, results):
    total = doc["total"]
    assert total["activity_kg"] == pytest.approx(ACTIVITY, rel=1e-12)  # -997.33175
    assert total["factor_kg"] == pytest.approx(FACTOR, rel=1e-12)      # 482.577424
    assert total["added_kg"] == pytest.approx(ADDED, rel=1e-12)
    assert total["removed_kg"] == pytest.approx(REMOVED, rel=1e-12)
    assert total["change_kg"] == pytest.approx(CHANGE, rel=1e-12)      # -7,638.004326
    # The parts add up to the change of the results' own totals.
    old, new = _load(results["old"]), _load(results["new"])
    assert total["old_kg"] == pytest.approx(old["totals"]["total_location"]["co2e_kg"], rel=1e-12)
    assert total["new_kg"] == pytest.approx(new["totals"]["total_location"]["co2e_kg"], rel=1e-12)
    assert total["new_kg"] - total["old_kg"] == pytest.approx(CHANGE, rel=1e-12)
    # Scope 1: the removed R-410A leak and the added HFC-32 one: 771 - 7,894.25 = -7,123.25.
    s1 = doc["by_scope"]["1"]
    assert (s1["change_kg"], s1["activity_kg"], s1["factor_kg"]) == pytest.approx((ADDED + REMOVED, 0, 0), abs=1e-9)
    assert doc["by_scope"]["2"]["change_kg"] == pytest.approx(0, abs=1e-9)
    s3 = doc["by_scope"]["3"]
    assert (s3["activity_kg"], s3["factor_kg"]) == pytest.approx((ACTIVITY, FACTOR), rel=1e-12)
    c5, c6 = doc["by_category"]["5"], doc["by_category"]["6"]
    assert (c5["activity_kg"], c5["factor_kg"]) == pytest.approx((LANDFILL_ACTIVITY, CARDBOARD_FACTOR), rel=1e-12)
    assert (c6["activity_kg"], c6["factor_kg"]) == pytest.approx((HOTEL_ACTIVITY, HOTEL_FACTOR), rel=1e-12)
    assert doc["by_activity"]["hotel.stay"]["change_kg"] == pytest.approx(784, rel=1e-12)


def test_database_hashes_are_reported(doc, results):
    old, new = _load(results["old"]), _load(results["new"])
    assert doc["database_changed"] is True
    assert (doc["old"]["database_hash"], doc["new"]["database_hash"]) == (old["database_hash"], new["database_hash"])
    assert doc["old"]["rows_skipped"] == ["typo-row"] == doc["new"]["rows_skipped"]


def test_same_result_diffs_to_nothing(results):
    same = diff(_load(results["old"]), _load(results["old"]))
    assert same["database_changed"] is False
    assert all(r["status"] == "unchanged" for r in same["rows"])
    assert all(same["total"][p] == 0 for p in ("change_kg", "activity_kg", "factor_kg", "added_kg", "removed_kg"))
    assert "### Rows that changed\n\nNone." in to_markdown(same)


def test_market_based_scope_2(results):
    market = diff(_load(results["old"]), _load(results["new"]), scope2="market")
    old = _load(results["old"])
    assert market["total"]["old_kg"] == pytest.approx(old["totals"]["total_market"]["co2e_kg"], rel=1e-12)
    assert market["by_scope"]["2"]["old_kg"] == pytest.approx(16788.4, rel=1e-12)  # test_inventory.py: SCOPE2_MARKET
    assert market["total"]["change_kg"] == pytest.approx(CHANGE, rel=1e-12)


def test_cli_markdown(capsys, results):
    assert cli.main(["diff", str(results["old"]), str(results["new"])]) == 0
    out = capsys.readouterr().out
    old, new = _load(results["old"]), _load(results["new"])
    assert f"factor database `{old['database_hash'][:16]}`" in out
    assert f"factor database `{new['database_hash'][:16]}`" in out
    assert "The factor databases differ" in out
    # t = kg / 1000: -7,638.004 / -997.332 / +482.577 / +0.771 / -7.894.
    assert "| total | 164.821 | 157.183 | -7.638 | -0.997 | +0.483 | +0.771 | -7.894 |" in out
    assert ("| `hotel-nights` | changed | `hotel.stay` | 64 -> 80 room.night | 1.216 | 2.000 | +0.784 | +0.304 | "
            "+0.480 | `defra-2025.hotel.stay.PT.room_night` |") in out
    assert "| `heat-pump-leak` | removed | `refrigerant.r-410a` | 3.5 -> - kg | 7.894 | 0.000 | -7.894 |" in out
    assert "| 6 | 10.259 | 11.043 | +0.784 | +0.304 | +0.480 | 0.000 | 0.000 |" in out  # category 6
    assert "`rail-paris`" not in out  # unchanged rows are left out of the Markdown


def test_cli_json_to_a_file(capsys, results, tmp_path):
    out_path = tmp_path / "diff.json"
    assert cli.main(["diff", str(results["old"]), str(results["new"]), "--format", "json", "--out", str(out_path)]) == 0
    assert capsys.readouterr().out == f"wrote {out_path}\n"
    doc = _load(out_path)
    assert doc["schema"] == "ghgkit.inventory-diff/1"
    assert doc["total"]["factor_kg"] == pytest.approx(FACTOR, rel=1e-12)
    assert _row(doc, "hotel-nights")["activity_kg"] == pytest.approx(HOTEL_ACTIVITY, rel=1e-12)


def test_cli_invalid_inputs_exit_2(capsys, results, tmp_path):
    assert cli.main(["diff", str(results["old"]), str(tmp_path / "missing.json")]) == 2
    assert "missing.json" in capsys.readouterr().err
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert cli.main(["diff", str(tmp_path / "bad.json"), str(results["new"])]) == 2
    assert "bad.json:1:2: not valid JSON" in capsys.readouterr().err
    (tmp_path / "other.json").write_text('{"schema": "x"}', encoding="utf-8")
    assert cli.main(["diff", str(tmp_path / "other.json"), str(results["new"])]) == 2
    assert "other.json: field 'schema': found 'x', expected 'ghgkit.inventory-result/1'" in capsys.readouterr().err


def _result(rows: list[dict], database_hash: str = "h") -> dict:
    """A minimal inventory result document of the given rows (only the fields diff reads)."""
    return {"schema": "ghgkit.inventory-result/1", "database_hash": database_hash, "skipped": [],
            "inventory": {"organisation": "Test", "year": 2024}, "totals": {}, "rows": rows}


def _r(id_: str | None, activity: str, amount: float, unit: str, kg: float, scope: int = 3, category: int | None = 6,
       entity: str = "hq") -> dict:
    return {"id": id_, "entity": entity, "activity": activity, "scope": scope, "category": category, "amount": amount,
            "unit": unit, "co2e_kg": kg, "co2e_market_kg": None, "factor_id": f"f.{activity}"}


def test_rows_without_id_match_by_entity_activity_and_unit():
    # 100 km at 0.2 kg/km -> 150 km at 0.3 kg/km: activity 50 x 0.2 = 10, factor 150 x 0.1 = 15.
    doc = diff(_result([_r(None, "travel.car", 100, "km", 20.0)]), _result([_r(None, "travel.car", 150, "km", 45.0)]))
    (row,) = doc["rows"]
    assert row["key"] == "hq/travel.car/km"
    assert (row["activity_kg"], row["factor_kg"]) == pytest.approx((10, 15), rel=1e-12)


def test_a_row_moved_to_another_category_is_removed_there_and_added_here():
    doc = diff(_result([_r("x", "travel.car", 100, "km", 20.0, category=6)]),
               _result([_r("x", "travel.car", 100, "km", 20.0, category=7)]))
    (row,) = doc["rows"]
    assert (row["status"], row["added_kg"], row["removed_kg"]) == ("replaced", 20.0, -20.0)
    assert doc["by_category"]["6"]["removed_kg"] == -20.0 and doc["by_category"]["7"]["added_kg"] == 20.0
    assert doc["total"]["change_kg"] == 0 and doc["total"]["rows"] == 1


def test_an_amount_from_zero_is_all_activity_effect():
    # 0 -> 10 kWh at 0.05 kg/kWh: the old rate is taken as the new one; activity 10 x 0.05 = 0.5, factor 0.
    doc = diff(_result([_r("e", "electricity.grid", 0, "kWh", 0.0, 2, None)]),
               _result([_r("e", "electricity.grid", 10, "kWh", 0.5, 2, None)]))
    (row,) = doc["rows"]
    assert (row["activity_kg"], row["factor_kg"]) == pytest.approx((0.5, 0), abs=1e-15)
    assert "1" not in doc["by_scope"] and doc["by_scope"]["2"]["activity_kg"] == pytest.approx(0.5)
