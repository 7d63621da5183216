"""ghgkit.calculate_frame: data frames in (pandas, polars, pyarrow, any Arrow PyCapsule stream), one result
row per input row out, equal to db.calculate row by row and to calculate_batch bit for bit."""
from __future__ import annotations

import math
import subprocess
import sys

import pytest

import ghgkit

try:
    import pyarrow as pa
except ImportError:  # CI installs it; without it only the tests of the optional-dependency rule run
    pa = None

needs_pyarrow = pytest.mark.skipif(pa is None, reason="pyarrow not installed: pip install 'ghgkit[arrow]'")

# A mixed table: activities with and without per-gas figures, units to convert (MWh, L), regions with a
# fallback (diesel in FR -> WORLD), a year, an unknown activity, a unit of the wrong dimension, a null and a
# negative amount, a null activity and a null region (the database's default region).
MIXED = {
    "activity": ["electricity.grid", "electricity.grid", "electricity.td_losses", "fuel.diesel", "no.such.activity",
                 "electricity.grid", "electricity.grid", "electricity.grid", None, "fuel.diesel", "electricity.grid"],
    "amount": [12000.0, 12.0, 500.0, 100.0, 10.0, 100.0, None, -5.0, 3.0, 40.0, 8500.0],
    "unit": ["kWh", "MWh", "kWh", "L", "kWh", "kg", "kWh", "kWh", "kWh", "L", "kWh"],
    "region": ["FR", "DE", "GB", "FR", "FR", "FR", "FR", "FR", "FR", None, "US-CA"],
    "year": [None, None, None, None, None, None, None, None, None, None, 2019],
    "site": ["Paris", "Berlin", "London", "Lyon", "Nice", "Lille", "Metz", "Brest", "Caen", "Dijon", "Fresno"],
}
COMPUTED = [True, True, True, True, False, False, False, False, False, True, True]


def mixed_arrow():
    return pa.table({k: pa.array(v, type=pa.int64() if k == "year" else None) for k, v in MIXED.items()})


def frame(data, **kw):
    kw.setdefault("region", "region")
    kw.setdefault("year", "year")
    return ghgkit.calculate_frame(data, **kw)


@needs_pyarrow
def test_each_row_equals_calculate_and_skipped_rows_keep_their_reason(db):
    rows = frame(mixed_arrow(), db=db).to_arrow().to_pylist()
    assert [r["row"] for r in rows] == list(range(len(COMPUTED)))
    assert [r["status"] for r in rows] == ["computed" if c else "skipped" for c in COMPUTED]
    for i, r in enumerate(rows):
        if not COMPUTED[i]:
            assert r["co2e_kg"] is None and r["factor_id"] is None and r["fallbacks"] is None and r["reason"]
            continue
        e = db.calculate(MIXED["activity"][i], MIXED["amount"][i], MIXED["unit"][i], region=MIXED["region"][i],
                         year=MIXED["year"][i])
        assert r["reason"] is None
        assert r["co2e_kg"] == pytest.approx(e.co2e_kg, rel=1e-12)
        assert r["biogenic_co2_kg"] == pytest.approx(e.biogenic_co2_kg, rel=1e-12, abs=0.0)
        assert r["factor_id"] == e.factor_id
        for gas in ("CO2", "CH4", "N2O"):
            # A gas the factor does not state is null, never 0.
            assert (r[f"{gas}_kg"] is None) == (gas not in e.gases_kg)
            if gas in e.gases_kg:
                assert r[f"{gas}_kg"] == pytest.approx(e.gases_kg[gas], rel=1e-12)
        assert r["fallbacks"] == "; ".join(f"{s['kind']} {s['from']} -> {s['to']}" for s in e.provenance["fallbacks"])
    assert rows[3]["fallbacks"] == "region FR -> WORLD"  # diesel: no French factor, the fallback is written
    assert rows[0]["fallbacks"] == ""
    assert rows[4]["reason"] == "no factor for activity 'no.such.activity'"
    assert "cannot convert 'kg' (mass) to 'kWh' (energy)" in rows[5]["reason"]
    assert rows[6]["reason"] == "field 'amount': found null, expected a finite number >= 0"
    assert rows[7]["reason"] == "field 'amount': found -5, expected a finite number >= 0"
    assert rows[8]["reason"] == "field 'activity': found null, expected an activity path or a factor id"


@needs_pyarrow
def test_rows_equal_calculate_batch_bit_for_bit(db):
    r = frame(mixed_arrow(), db=db).to_arrow()
    amounts = [math.nan if a is None else a for a in MIXED["amount"]]
    b = db.calculate_batch([a or "" for a in MIXED["activity"]], amounts, MIXED["unit"], region=MIXED["region"],
                           year=MIXED["year"])
    assert b["computed"] == COMPUTED
    co2e = r.column("co2e_kg").to_pylist()
    assert [c for c, ok in zip(co2e, COMPUTED) if ok] == [c for c, ok in zip(b["co2e_kg"], COMPUTED) if ok]
    for gas, values in b["gases_kg"].items():
        got = r.column(f"{gas}_kg").to_pylist()
        assert all(g is None or g == v for g, v in zip(got, values))
    assert r.column("factor_id").to_pylist() == b["factor_id"]
    # The kernel's reasons, except where the frame says "null" for what the kernel saw as nan or ''.
    reasons = r.column("reason").to_pylist()
    for i in (4, 5, 7):
        assert reasons[i] == b["reason"][i]


@needs_pyarrow
def test_nan_and_infinite_amounts_are_skipped_with_the_kernels_reason(db):
    t = pa.table({"activity": ["electricity.grid"] * 4, "amount": [math.nan, math.inf, -math.inf, 2.0],
                  "unit": ["kWh"] * 4})
    reasons = ghgkit.calculate_frame(t, db=db).to_arrow().column("reason").to_pylist()
    kernel = db.calculate_batch(["electricity.grid"] * 4, [math.nan, math.inf, -math.inf, 2.0], "kWh")["reason"]
    assert reasons == kernel[:3] + [None]
    assert reasons[0] == "field 'amount': found nan, expected a finite number >= 0"


@needs_pyarrow
def test_totals_reconcile(db):
    r = frame(mixed_arrow(), db=db)
    co2e = r.to_arrow().column("co2e_kg").to_pylist()
    assert len(r) == len(COMPUTED) == r.computed_rows + r.skipped_rows
    assert (r.computed_rows, r.skipped_rows) == (sum(COMPUTED), len(COMPUTED) - sum(COMPUTED))
    assert r.total_co2e_kg == math.fsum(c for c in co2e if c is not None)
    assert r.total_biogenic_co2_kg == math.fsum(c for c in r.to_arrow().column("biogenic_co2_kg").to_pylist()
                                                if c is not None)
    assert r.database_hash == db.content_hash and r.gwp_set == "AR6"
    assert repr(r) == f"<FrameResult 11 rows: 6 computed, 5 skipped; {r.total_co2e_kg:.6g} kg CO2e (AR6)>"


@needs_pyarrow
def test_pandas_polars_and_pyarrow_inputs_give_identical_results(db):
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    from_arrow = frame(mixed_arrow(), db=db, carry=["site"]).to_arrow()
    from_pandas = frame(pd.DataFrame(MIXED).astype({"year": "Int64"}), db=db, carry=["site"]).to_arrow()
    from_polars = frame(pl.DataFrame(MIXED), db=db, carry=["site"]).to_arrow()
    from_categorical = frame(pl.DataFrame(MIXED).with_columns(pl.col("activity", "unit").cast(pl.Categorical)),
                             db=db, carry=["site"]).to_arrow()
    expected = from_arrow.to_pylist()
    for other in (from_pandas, from_polars, from_categorical):
        assert other.drop_columns(["site"]).equals(from_arrow.drop_columns(["site"]))
        assert other.to_pylist() == expected


@needs_pyarrow
def test_pandas_float_years_and_nan_amounts_read_as_nulls(db):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(MIXED)  # year is float64 (NaN for missing), amount NaN for missing
    assert df["year"].dtype.kind == "f"
    assert frame(df, db=db).to_arrow().to_pylist() == frame(mixed_arrow(), db=db).to_arrow().to_pylist()


@needs_pyarrow
def test_record_batch_reader_and_a_bare_arrow_stream_object(db):
    table = mixed_arrow()
    expected = frame(table, db=db).to_arrow()

    class OnlyStream:
        """An Arrow producer that is none of the known libraries: it has __arrow_c_stream__ and nothing else."""

        def __init__(self, t):
            self._t = t

        def __arrow_c_stream__(self, requested_schema=None):
            return self._t.__arrow_c_stream__(requested_schema)

    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=3))
    assert frame(reader, db=db).to_arrow().equals(expected)
    assert frame(OnlyStream(table), db=db).to_arrow().equals(expected)
    assert frame(table.to_batches()[0], db=db).to_arrow().equals(expected)


@needs_pyarrow
def test_constants_and_columns_give_the_same_rows(db):
    t = pa.table({"kwh": [1000.0, 2500.0], "country": ["FR", "DE"]})
    by_constant = ghgkit.calculate_frame(t, db=db, activity="electricity.grid", amount="kwh", unit="kWh",
                                         region="country").to_arrow()
    full = pa.table({"activity": ["electricity.grid"] * 2, "amount": [1000.0, 2500.0], "unit": ["kWh"] * 2,
                     "region": ["FR", "DE"]})
    assert by_constant.equals(ghgkit.calculate_frame(full, db=db, region="region").to_arrow())
    # A number is a constant amount, an int a constant year; col() and const() say it explicitly.
    one = ghgkit.calculate_frame(t, db=db, activity=ghgkit.const("electricity.grid"), amount=1000,
                                 unit=ghgkit.const("kWh"), region=ghgkit.col("country"), year=2019).to_arrow()
    assert one.column("co2e_kg").to_pylist() == pytest.approx(
        [db.calculate("electricity.grid", 1000, "kWh", region=c, year=2019).co2e_kg for c in ("FR", "DE")], rel=1e-12)


@needs_pyarrow
def test_a_column_wins_over_a_constant_of_the_same_name(db):
    t = pa.table({"activity": ["electricity.grid"], "amount": [10.0], "kWh": ["MWh"]})
    r = ghgkit.calculate_frame(t, db=db, unit="kWh").to_arrow()
    assert r.column("co2e_kg")[0].as_py() == pytest.approx(db.calculate("electricity.grid", 10, "MWh").co2e_kg)
    r = ghgkit.calculate_frame(t, db=db, unit=ghgkit.const("kWh")).to_arrow()
    assert r.column("co2e_kg")[0].as_py() == pytest.approx(db.calculate("electricity.grid", 10, "kWh").co2e_kg)


@needs_pyarrow
def test_an_invalid_const_is_a_skipped_row_not_an_error(db):
    t = pa.table({"activity": ["electricity.grid"], "amount": [10.0]})
    r = ghgkit.calculate_frame(t, db=db, unit=ghgkit.const("furlong"))
    assert r.skipped_rows == 1 and "furlong" in r.to_arrow().column("reason")[0].as_py()


@needs_pyarrow
def test_carried_columns(db):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(MIXED)
    df["cost_centre"] = range(len(df))
    r = frame(df, db=db, carry=True)
    assert r.columns[-2:] == ["site", "cost_centre"]  # every column not used as an input, in input order
    assert "activity" not in r.columns and "amount" not in r.columns
    out = r.to_pandas()
    assert list(out["site"]) == MIXED["site"] and list(out["cost_centre"]) == list(range(len(df)))
    assert frame(df, db=db, carry="site").columns[-1] == "site"
    assert frame(df, db=db, carry=["amount"]).to_arrow().column("amount").equals(pa.chunked_array(
        [pa.array(MIXED["amount"])]))  # an input column can be carried when asked by name
    assert frame(df, db=db).columns[:2] == ["row", "co2e_kg"]


@needs_pyarrow
def test_result_columns_and_conversions(db):
    r = frame(mixed_arrow(), db=db)
    assert r.columns == ["row", "co2e_kg", "CH4_kg", "CO2_kg", "N2O_kg", "biogenic_co2_kg", "factor_id", "fallbacks",
                         "status", "reason"]
    assert r.gases == ["CH4", "CO2", "N2O"]
    assert pa.table(r).equals(r.to_arrow())  # through __arrow_c_stream__
    pd = pytest.importorskip("pandas")
    assert list(r.to_pandas()["status"]) == ["computed" if c else "skipped" for c in COMPUTED]
    pl = pytest.importorskip("polars")
    assert r.to_polars().equals(pl.DataFrame(r))
    html = r._repr_html_()
    assert "11 rows, 6 computed, 5 skipped" in html and "<table>" in html and "no.such.activity" in html


@needs_pyarrow
def test_a_misspelt_column_names_it_and_lists_the_columns(db):
    t = mixed_arrow()
    with pytest.raises(ghgkit.InputError) as e:
        frame(t, db=db, amount="amout")
    assert "amount='amout': no column 'amout' in the data (columns: 'activity', 'amount', 'unit', 'region', " \
           "'year', 'site')" in str(e.value)
    with pytest.raises(ghgkit.InputError, match=r"region='regoin': no column 'regoin'.*not a region either; "
                                                r"pass ghgkit.const\('regoin'\)"):
        frame(t, db=db, region="regoin")
    with pytest.raises(ghgkit.InputError, match="no column 'units'"):
        frame(t, db=db, unit="units")
    with pytest.raises(ghgkit.InputError, match="no column 'activty'"):
        frame(t, db=db, activity="activty")
    with pytest.raises(ghgkit.InputError, match="carry='sites': no column 'sites'"):
        frame(t, db=db, carry=["sites"])
    with pytest.raises(ghgkit.InputError, match="no column 'x'"):
        frame(t, db=db, unit=ghgkit.col("x"))


@needs_pyarrow
def test_wrong_types_are_structural_errors(db):
    t = pa.table({"activity": ["electricity.grid"], "amount": ["12"], "unit": ["kWh"], "n": [3], "y": ["2020"]})
    with pytest.raises(ghgkit.InputError, match=r"column 'amount' \(amount\) holds string, expected numbers"):
        ghgkit.calculate_frame(t, db=db)
    with pytest.raises(ghgkit.InputError, match=r"column 'n' \(unit\) holds int64, expected text"):
        ghgkit.calculate_frame(t, db=db, amount=1.0, unit="n")
    with pytest.raises(ghgkit.InputError, match=r"column 'y' \(year\) holds string"):
        ghgkit.calculate_frame(t, db=db, amount=1.0, year="y")
    with pytest.raises(ghgkit.InputError, match="whole-number years"):
        ghgkit.calculate_frame(pa.table({"activity": ["electricity.grid"], "amount": [1.0], "unit": ["kWh"],
                                         "year": [2020.5]}), db=db, year="year")
    with pytest.raises(TypeError, match="expected a pandas or polars DataFrame"):
        ghgkit.calculate_frame([{"activity": "electricity.grid"}], db=db)
    with pytest.raises(TypeError, match="amount=True"):
        ghgkit.calculate_frame(t, db=db, amount=True)
    with pytest.raises(ghgkit.InputError, match="carry='co2e_kg': the result already has a column 'co2e_kg'"):
        ghgkit.calculate_frame(pa.table({"activity": ["electricity.grid"], "amount": [1.0], "unit": ["kWh"],
                                         "co2e_kg": [1.0]}), db=db, carry=["co2e_kg"])


@needs_pyarrow
def test_a_carried_column_that_clashes_with_a_result_column_is_refused(db):
    t = pa.table({"activity": ["electricity.grid"], "amount": [1.0], "unit": ["kWh"], "status": ["open"]})
    with pytest.raises(ghgkit.InputError, match="carry='status': the result already has a column 'status'"):
        ghgkit.calculate_frame(t, db=db, carry=True)


@needs_pyarrow
def test_an_unknown_gwp_set_raises(db):
    with pytest.raises(ghgkit.Error):
        frame(mixed_arrow(), db=db, gwp="AR99")


@needs_pyarrow
def test_empty_and_all_skipped_tables(db):
    empty = mixed_arrow().slice(0, 0)
    r = frame(empty, db=db)
    assert len(r) == 0 and r.computed_rows == r.skipped_rows == 0 and r.total_co2e_kg == 0.0
    bad = mixed_arrow().slice(4, 4)
    r = frame(bad, db=db)
    assert r.skipped_rows == 4 and r.total_co2e_kg == 0.0
    assert r.to_arrow().column("row").to_pylist() == [0, 1, 2, 3]


def test_import_ghgkit_needs_neither_pandas_nor_pyarrow_nor_polars():
    code = ("import sys, ghgkit\n"
            "loaded = [m for m in ('pandas', 'pyarrow', 'polars', 'numpy') if sys.modules.get(m) is not None]\n"
            "assert not loaded, loaded\n"
            "assert callable(ghgkit.calculate_frame)\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_without_pyarrow_the_error_names_the_extra(monkeypatch, db):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    with pytest.raises(ImportError, match=r"pip install 'ghgkit\[arrow\]'"):
        ghgkit.calculate_frame(object(), db=db)


@needs_pyarrow
def test_without_pandas_or_polars_the_conversions_name_the_extra(monkeypatch, db):
    r = frame(mixed_arrow(), db=db)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'ghgkit\[pandas\]'"):
        r.to_pandas()
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match=r"pip install 'ghgkit\[polars\]'"):
        r.to_polars()


@needs_pyarrow
def test_plain_constants_a_factor_id_and_the_default_database(db):
    t = pa.table({"litres": [100.0]})
    r = ghgkit.calculate_frame(t, activity="fuel.diesel", amount="litres", unit="L", region="FR")  # db=None: default
    e = db.calculate("fuel.diesel", 100, "L", region="FR")
    row = r.to_arrow().to_pylist()[0]
    assert row["co2e_kg"] == pytest.approx(e.co2e_kg, rel=1e-12)
    assert row["CO2_kg"] == pytest.approx(e.gases_kg["CO2"], rel=1e-12)
    assert (row["factor_id"], row["fallbacks"], row["status"], row["reason"]) == (
        e.factor_id, "region FR -> WORLD", "computed", None)
    by_id = ghgkit.calculate_frame(t, db=db, activity=e.factor_id, amount="litres", unit="L").to_arrow()
    assert by_id.column("factor_id").to_pylist() == [e.factor_id] and by_id.column("fallbacks").to_pylist() == [""]


@needs_pyarrow
def test_strict_refuses_fallbacks_row_by_row(db):
    t = pa.table({"amount": [100.0]})
    r = ghgkit.calculate_frame(t, db=db, activity="fuel.diesel", unit="L", region="FR", strict=True)
    assert r.skipped_rows == 1
    assert "strict: no fallback allowed" in r.to_arrow().column("reason")[0].as_py()


def _buffer_addresses(column) -> list[int]:
    return [b.address for chunk in column.chunks for b in chunk.buffers() if b is not None]


@needs_pyarrow
def test_results_and_carried_columns_are_shared_not_copied(db):
    # The promise of FrameResult: readers of __arrow_c_stream__ get the result's own buffers, and a
    # carried input column is the input's buffers (same addresses), not a copy.
    table = mixed_arrow()
    r = frame(table, carry=["site"])
    own = r.to_arrow()
    via_stream = pa.table(r)
    for name in ("co2e_kg", "site"):
        assert _buffer_addresses(via_stream.column(name)) == _buffer_addresses(own.column(name))
    assert _buffer_addresses(own.column("site")) == _buffer_addresses(table.column("site"))
