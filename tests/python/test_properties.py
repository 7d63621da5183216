"""Property tests (hypothesis): unit conversions round-trip, CO2e of a gas mass is mass x its GWP, and batch
results reconcile (computed + skipped = rows, the total is the sum of the rows, row order changes nothing).

Bounds used below:
- A conversion is one multiplication by a ratio of scales, so there and back is within a few ulps: 1e-12
  relative leaves room for ratios that are not exact binary fractions (a pound, a BTU).
- calculate_batch totals use Neumaier's compensated sum: for rows >= 0 it differs from the correctly rounded
  sum (math.fsum) by at most about one rounding, so within 2 ulps of math.fsum whatever the row count or
  order. FrameResult totals are math.fsum itself, so they are compared exactly.
"""
from __future__ import annotations

import math
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ghgkit

# No example database on disk (nothing left in the working tree); a failure prints its example.
PROPERTY = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

_DB = ghgkit.FactorDatabase.default()

UNITS_BY_DIMENSION: dict[str, list[str]] = defaultdict(list)
for _symbol in ghgkit.unit_symbols():
    UNITS_BY_DIMENSION[ghgkit.unit_dimension(_symbol)].append(_symbol)
CONVERTIBLE = sorted(d for d, units in UNITS_BY_DIMENSION.items() if len(units) >= 2)
MASS_UNITS = UNITS_BY_DIMENSION["mass"]
ENERGY_UNITS = UNITS_BY_DIMENSION["energy"]

# 1 kg of one gas (or refrigerant blend) per unit of mass: process.<gas> and refrigerant.<gas or blend>.
GAS_FACTORS = sorted((f.id, next(iter(f.values))) for f in _DB
                     if f.activity.startswith(("process.", "refrigerant.")) and len(f.values) == 1)
GRID_REGIONS = sorted({f.region for f in _DB.factors(activity="electricity.grid") if f.activity == "electricity.grid"})


def magnitudes() -> st.SearchStrategy[float]:
    """Finite values, both signs and zero, far from overflow and from subnormals after any unit ratio."""
    positive = st.floats(min_value=1e-100, max_value=1e100)
    return st.one_of(st.just(0.0), positive, positive.map(lambda x: -x))


def same_dimension(count: int) -> st.SearchStrategy[list[str]]:
    return st.sampled_from(CONVERTIBLE).flatmap(lambda d: st.lists(st.sampled_from(UNITS_BY_DIMENSION[d]),
                                                                    min_size=count, max_size=count))


def test_the_registry_has_dimensions_to_convert_and_gases_to_price():
    assert "mass" in CONVERTIBLE and "energy" in CONVERTIBLE
    assert len(GAS_FACTORS) >= 28 and len(GRID_REGIONS) >= 10
    assert {"AR4", "AR5", "AR6"} <= set(_DB.gwp_sets)


# --- unit conversions ---------------------------------------------------------------------------------------

@PROPERTY
@given(units=same_dimension(2), value=magnitudes())
def test_a_conversion_and_its_inverse_return_the_value(units, value):
    a, b = units
    there = ghgkit.convert(value, a, b)
    assert math.isfinite(there)
    assert math.isclose(ghgkit.convert(there, b, a), value, rel_tol=1e-12, abs_tol=0.0)


@PROPERTY
@given(units=same_dimension(3), value=magnitudes())
def test_converting_through_a_third_unit_is_converting_directly(units, value):
    a, b, c = units
    assert math.isclose(ghgkit.convert(ghgkit.convert(value, a, b), b, c), ghgkit.convert(value, a, c),
                        rel_tol=1e-12, abs_tol=0.0)


@PROPERTY
@given(units=same_dimension(2), value=magnitudes())
def test_a_conversion_is_linear(units, value):
    a, b = units
    assert math.isclose(ghgkit.convert(value, a, b), value * ghgkit.convert(1.0, a, b), rel_tol=1e-12, abs_tol=0.0)


@PROPERTY
@given(dimensions=st.lists(st.sampled_from(sorted(UNITS_BY_DIMENSION)), min_size=2, max_size=2, unique=True),
       data=st.data())
def test_a_conversion_across_dimensions_is_a_unit_error(dimensions, data):
    a = data.draw(st.sampled_from(UNITS_BY_DIMENSION[dimensions[0]]))
    b = data.draw(st.sampled_from(UNITS_BY_DIMENSION[dimensions[1]]))
    with pytest.raises(ghgkit.UnitError):
        ghgkit.convert(1.0, a, b)


# --- GWP ----------------------------------------------------------------------------------------------------

@PROPERTY
@given(factor=st.sampled_from(GAS_FACTORS), gwp_set=st.sampled_from(_DB.gwp_sets),
       mass=st.floats(min_value=0.0, max_value=1e12), unit=st.sampled_from(MASS_UNITS))
def test_co2e_of_a_gas_mass_is_the_mass_times_the_gwp_of_the_set(db, factor, gwp_set, mass, unit):
    factor_id, gas = factor
    e = db.calculate(factor_id, mass, unit, gwp=gwp_set)
    kg = ghgkit.convert(mass, unit, "kg")
    assert e.gases_kg[gas] == pytest.approx(kg, rel=1e-12, abs=0.0)
    assert e.co2e_kg == pytest.approx(kg * db.gwp(gas, gwp_set), rel=1e-12, abs=0.0)
    assert ghgkit.gwp(gas, gwp_set) == db.gwp(gas, gwp_set)
    assert e.provenance["gwp"] == gwp_set


# --- batches ------------------------------------------------------------------------------------------------

AMOUNTS = st.floats(min_value=0.0, max_value=1e9)


@st.composite
def batch_row(draw):
    """(activity, amount, unit, region, computed?): a row that must compute, or one with a known defect."""
    kind = draw(st.sampled_from(["grid", "gas", "negative", "nan", "inf", "activity", "unit", "region"]))
    grid = ("electricity.grid", draw(AMOUNTS), draw(st.sampled_from(ENERGY_UNITS)), draw(st.sampled_from(GRID_REGIONS)))
    gas = (draw(st.sampled_from(GAS_FACTORS))[0], draw(AMOUNTS), draw(st.sampled_from(MASS_UNITS)), "WORLD")
    activity, amount, unit, region = gas if kind == "gas" else grid
    if kind == "negative":
        amount = -draw(st.floats(min_value=1e-9, max_value=1e9))
    elif kind == "nan":
        amount = math.nan
    elif kind == "inf":
        amount = math.inf
    elif kind == "activity":  # one key for all of them: the failed lookup is the slow path
        activity, unit, region = "no.such.activity", "kWh", "FR"
    elif kind == "unit":
        unit = draw(st.sampled_from(MASS_UNITS))  # a mass for a per-kWh factor
    elif kind == "region":
        region = "ZZ"  # not a region code
    return activity, amount, unit, region, kind in ("grid", "gas")


BATCHES = st.lists(batch_row(), min_size=0, max_size=40)


def run_batch(db, rows):
    activity, amount, unit, region = ([r[i] for r in rows] for i in range(4))
    return db.calculate_batch(activity, amount, unit, region=region)


def within_2_ulps(total, exact):
    return abs(total - exact) <= 2 * math.ulp(exact)


@PROPERTY
@given(rows=BATCHES)
def test_batch_rows_are_computed_or_skipped_and_the_total_is_their_sum(db, rows):
    r = run_batch(db, rows)
    expected = [row[4] for row in rows]
    assert r["computed"] == expected
    assert r["computed_rows"] == sum(expected) and r["computed_rows"] + r["skipped_rows"] == len(rows)
    for computed, co2e, reason in zip(r["computed"], r["co2e_kg"], r["reason"]):
        assert (reason == "") == computed
        assert math.isfinite(co2e) and co2e >= 0.0 and (computed or co2e == 0.0)
    assert within_2_ulps(r["total_co2e_kg"], math.fsum(r["co2e_kg"]))
    assert within_2_ulps(r["total_biogenic_co2_kg"], math.fsum(r["biogenic_co2_kg"]))


@PROPERTY
@given(rows=BATCHES, data=st.data())
def test_shuffled_batch_rows_give_the_same_rows_and_total(db, rows, data):
    order = data.draw(st.permutations(range(len(rows))))
    a = run_batch(db, rows)
    b = run_batch(db, [rows[i] for i in order])
    for key in ("co2e_kg", "biogenic_co2_kg", "computed", "reason", "factor_id", "fallbacks"):
        assert b[key] == [a[key][i] for i in order], key
    assert b["gases_kg"].keys() == a["gases_kg"].keys()
    for gas, kg in a["gases_kg"].items():
        assert b["gases_kg"][gas] == [kg[i] for i in order], gas
    assert (b["computed_rows"], b["skipped_rows"]) == (a["computed_rows"], a["skipped_rows"])
    exact = math.fsum(a["co2e_kg"])
    assert math.fsum(b["co2e_kg"]) == exact
    assert within_2_ulps(a["total_co2e_kg"], exact) and within_2_ulps(b["total_co2e_kg"], exact)


# --- data frames --------------------------------------------------------------------------------------------

@st.composite
def frame_rows(draw):
    """Batch rows, some with a null amount (a skipped row in a frame)."""
    rows = draw(BATCHES)
    nulls = draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
    return [(a, None, u, r, False) if null else (a, x, u, r, ok) for (a, x, u, r, ok), null in zip(rows, nulls)]


@PROPERTY
@given(rows=frame_rows())
def test_frame_rows_reconcile_with_the_total_and_with_calculate_batch(db, rows):
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"activity": pa.array([r[0] for r in rows], pa.string()),
                      "amount": pa.array([r[1] for r in rows], pa.float64()),
                      "unit": pa.array([r[2] for r in rows], pa.string()),
                      "region": pa.array([r[3] for r in rows], pa.string())})
    result = ghgkit.calculate_frame(table, db, region="region")
    out = result.to_arrow()
    co2e = out.column("co2e_kg").to_pylist()
    status = out.column("status").to_pylist()
    computed = [r[4] for r in rows]
    assert len(result) == len(rows) == out.num_rows
    assert result.computed_rows == sum(computed) and result.computed_rows + result.skipped_rows == len(rows)
    assert status == ["computed" if ok else "skipped" for ok in computed]
    assert [v is not None for v in co2e] == computed
    assert result.total_co2e_kg == math.fsum(v for v in co2e if v is not None)
    # Each row as calculate_batch computes it, bit for bit (a null amount is a skipped row there too).
    batch = run_batch(db, [(a, math.nan if x is None else x, u, r, ok) for a, x, u, r, ok in rows])
    assert batch["computed"] == computed
    assert [v if v is not None else 0.0 for v in co2e] == batch["co2e_kg"]
    assert within_2_ulps(batch["total_co2e_kg"], result.total_co2e_kg)
