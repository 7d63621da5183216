"""Data frames in, data frames out: `calculate_frame` over a whole table of activities.

`calculate_frame(data, ...)` takes a pandas DataFrame, a polars DataFrame, a pyarrow Table, RecordBatch or
RecordBatchReader, or any object with `__arrow_c_stream__` (the Arrow PyCapsule interface), and returns a
`FrameResult`: one row per input row, in input order, with co2e_kg, one `<gas>_kg` column per gas,
biogenic_co2_kg, factor_id, fallbacks, status ("computed" or "skipped") and reason, plus the input columns
asked for with `carry`. Rows that cannot be computed (a null or negative amount, an unknown activity, a unit
of the wrong dimension, ...) are kept with their reason, never dropped: computed + skipped = rows, and the
total is the sum of the rows.

Each input (activity, amount, unit, region, year) is a column of the data or one value for every row:

- `col("x")` is always the column x, `const(v)` always the constant v (checked row by row like any value).
- A plain str is the column of that name when the data has one. Otherwise, for activity, unit and region,
  it is a constant if it is a known value of its kind (an activity or factor id of the database, a unit
  ghgkit parses, a region the database knows); anything else is an InputError naming the missing column
  and listing the columns there are, so that a misspelt column name never turns into a constant.
  For amount and year a str is always a column name.
- A number is a constant amount; an int a constant year. region=None and year=None mean "not given"
  (the database's default region and the latest year, with the fallbacks recorded).

pyarrow (>= 15) is needed here and imported only when a frame is calculated: `import ghgkit` needs
neither pandas, nor polars, nor pyarrow (`pip install 'ghgkit[arrow]'`, `[pandas]` or `[polars]`).

    >>> import pandas as pd, ghgkit
    >>> df = pd.DataFrame({"site": ["Paris", "Berlin"], "kwh": [12000, 9000], "country": ["FR", "DE"]})
    >>> r = ghgkit.calculate_frame(df, activity="electricity.grid", amount="kwh", unit="kWh",
    ...                            region="country", year=2023, carry=["site"])
    >>> r.to_pandas()[["site", "status"]].values.tolist()
    [['Paris', 'computed'], ['Berlin', 'computed']]
"""
from __future__ import annotations

import html
import math
import sys
from dataclasses import dataclass
from typing import Any, Iterable, Sequence, Union, cast

from . import _core

__all__ = ["FrameResult", "calculate_frame", "col", "const"]

_MIN_PYARROW = 15  # RecordBatchReader.from_stream (the PyCapsule stream import) is new in pyarrow 15


@dataclass(frozen=True)
class col:
    """An input taken from the column `name` of the data (a missing column is an InputError).

        >>> import pandas as pd
        >>> df = pd.DataFrame({"kwh": [1000.0], "country": ["FR"]})
        >>> r = ghgkit.calculate_frame(df, activity="electricity.grid", amount=col("kwh"), unit="kWh",
        ...                            region=col("country"), year=2023)
        >>> round(r.total_co2e_kg, 3)
        56.039
    """

    name: str


@dataclass(frozen=True)
class const:
    """An input that is `value` for every row, used as given (never looked up as a column name).

        >>> import pandas as pd
        >>> df = pd.DataFrame({"kwh": [1000.0, 2000.0]})
        >>> r = ghgkit.calculate_frame(df, activity=const("electricity.grid"), amount="kwh", unit=const("kWh"),
        ...                            region=const("FR"), year=2023)
        >>> r.computed_rows, round(r.total_co2e_kg, 3)
        (2, 168.117)
    """

    value: Any


Input = Union[str, float, int, col, const, None]


# --- optional dependencies ---------------------------------------------------------------------------

def _pyarrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.compute, or an ImportError that names the extra to install."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError as e:
        raise ImportError(
            "ghgkit.calculate_frame needs pyarrow >= 15 (and numpy): pip install 'ghgkit[arrow]' "
            "(or 'ghgkit[pandas]' / 'ghgkit[polars]' to work with those data frames)") from e
    major = int(pa.__version__.split(".")[0])
    if major < _MIN_PYARROW:
        raise ImportError(f"ghgkit.calculate_frame needs pyarrow >= {_MIN_PYARROW}, found {pa.__version__}: "
                          "pip install --upgrade 'ghgkit[arrow]'")
    return pa, pc


def _numpy() -> Any:
    try:
        import numpy as np
    except ImportError as e:
        raise ImportError("ghgkit.calculate_frame needs numpy: pip install 'ghgkit[arrow]'") from e
    return np


# --- input: any frame -> a pyarrow Table ---------------------------------------------------------------

def _to_table(data: Any) -> Any:
    """The data as a pyarrow Table; pandas and polars are recognised without importing them."""
    pa, _ = _pyarrow()
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    if isinstance(data, pa.RecordBatchReader):
        return data.read_all()
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(data, pd.DataFrame):
        # Positional rows: the pandas index is not a column (carry it with df.reset_index() if needed).
        return pa.Table.from_pandas(data, preserve_index=False)
    pl = sys.modules.get("polars")
    if pl is not None and isinstance(data, pl.LazyFrame):
        data = data.collect()
    if pl is not None and isinstance(data, pl.DataFrame):
        return data.to_arrow()
    if hasattr(data, "__arrow_c_stream__"):
        return pa.RecordBatchReader.from_stream(data).read_all()
    raise TypeError(f"calculate_frame: data is {type(data).__module__}.{type(data).__qualname__}, expected a "
                    "pandas or polars DataFrame, a pyarrow Table, RecordBatch or RecordBatchReader, or an "
                    "object with __arrow_c_stream__ (Arrow PyCapsule interface)")


# --- inputs: column or constant ------------------------------------------------------------------------

def _missing_column(table: Any, field: str, name: str, hint: str = "") -> _core.InputError:
    available = ", ".join(repr(c) for c in table.column_names) or "none"
    return _core.InputError(f"calculate_frame: {field}={name!r}: no column {name!r} in the data "
                            f"(columns: {available}){hint}")


def _known_constant(db: _core.FactorDatabase, field: str, text: str) -> bool:
    """Whether `text` is a valid constant of its kind: how a plain str that is no column is read."""
    try:
        if field == "unit":
            _core.unit_dimension(text)
        elif field == "region":
            db.region(text)
        elif not any(f.activity == text for f in db.factors(activity=text)):
            db.get(text)  # a factor id, else not an activity
        return True
    except (_core.Error, ValueError, KeyError):
        return False


def _resolve_input(table: Any, db: _core.FactorDatabase, field: str, spec: Input) -> tuple[str, Any]:
    """('column', ChunkedArray) or ('constant', value), by the rule of the module docstring."""
    if isinstance(spec, col):
        if spec.name not in table.column_names:
            raise _missing_column(table, field, spec.name)
        return "column", table.column(spec.name)
    if isinstance(spec, const):
        return "constant", spec.value
    if isinstance(spec, str):
        if spec in table.column_names:
            return "column", table.column(spec)
        if field in ("activity", "unit", "region") and _known_constant(db, field, spec):
            return "constant", spec
        kind = {"activity": "an activity or factor id", "unit": "a unit", "region": "a region"}.get(field)
        hint = (f", and {spec!r} is not {kind} either; pass ghgkit.const({spec!r}) to use it for every row"
                if kind else "")
        raise _missing_column(table, field, spec, hint)
    return "constant", spec


# --- input columns -> numpy --------------------------------------------------------------------------------

def _type_error(field: str, name: str, found: Any, expected: str) -> _core.InputError:
    return _core.InputError(f"calculate_frame: column {name!r} ({field}) holds {found}, expected {expected}")


def _text_codes(column: Any, field: str, name: str) -> tuple[Any, list[Any]]:
    """(codes, values): codes[i] indexes values, -1 where the column is null. Each distinct text once."""
    pa, pc = _pyarrow()
    np = _numpy()
    t = column.type
    if pa.types.is_dictionary(t):
        t = t.value_type
    if not (pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_null(t)
            or getattr(pa.types, "is_string_view", lambda _: False)(t)):
        raise _type_error(field, name, column.type, "text")
    if pa.types.is_dictionary(column.type) and not pa.types.is_null(t):
        # Already encoded (pandas or polars categoricals): one dictionary for every chunk, and its codes.
        encoded = pa.table({"c": column}).unify_dictionaries().column("c").combine_chunks()
    else:
        encoded = pc.dictionary_encode(column.cast(pa.large_string()).combine_chunks())
    codes = pc.fill_null(encoded.indices.cast(pa.int64()), -1).to_numpy(zero_copy_only=False)
    values = encoded.dictionary.to_pylist()
    null_values = [i for i, v in enumerate(values) if v is None]
    if null_values:
        codes = np.where(np.isin(codes, null_values), -1, codes)
    return codes, values


def _numbers(column: Any, field: str, name: str, integral: bool) -> tuple[Any, Any]:
    """(values as float64, null mask) of a numeric column."""
    pa, pc = _pyarrow()
    t = column.type
    if not (pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t) or pa.types.is_null(t)):
        raise _type_error(field, name, t, "integers (years)" if integral else "numbers")
    null = column.is_null().to_numpy(zero_copy_only=False) if column.null_count else None
    values = pc.fill_null(column.cast(pa.float64()), 0.0).to_numpy(zero_copy_only=False)
    return values, null


def _years(column: Any, name: str) -> tuple[Any, list[Any]]:
    """Year codes and values: codes[i] indexes values, -1 where null (the latest year)."""
    pa, pc = _pyarrow()
    np = _numpy()
    values, null = _numbers(column, "year", name, integral=True)
    given = values if null is None else values[~null]
    if not np.all(np.isfinite(given) & (given == np.round(given))):
        raise _type_error("year", name, "a value that is not a whole number", "whole-number years")
    encoded = pc.dictionary_encode(pa.array(values.astype(np.int64)))
    codes = encoded.indices.to_numpy().astype(np.int64)
    if null is not None:
        codes[null] = -1
    return codes, encoded.dictionary.to_pylist()


# --- distinct keys -----------------------------------------------------------------------------------------

def _dense(codes_list: Sequence[Any], rows: int) -> tuple[Any, Any]:
    """One code per row for the tuple of component codes, 0..K-1, with one representative row per code."""
    pa, pc = _pyarrow()
    np = _numpy()
    key = np.zeros(rows, dtype=np.int64)
    bound = 1  # key < bound
    for codes in codes_list:
        radix = int(codes.max(initial=-1)) + 2  # codes run from -1 (null)
        if bound * radix >= 2**62:  # re-number first, so that the mixed-radix key never overflows int64
            key = pc.dictionary_encode(pa.array(key)).indices.to_numpy().astype(np.int64)
            bound = int(key.max(initial=-1)) + 1
        key = key * radix + (codes + 1)
        bound *= radix
    key = pc.dictionary_encode(pa.array(key)).indices.to_numpy().astype(np.int64)
    distinct = int(key.max(initial=-1)) + 1
    representative = np.zeros(distinct, dtype=np.int64)
    representative[key] = np.arange(rows, dtype=np.int64)  # any row of a key will do: they share it
    return key, representative


@dataclass
class _Input:
    """One input as the calculation reads it: per-row codes into `values`, or one constant."""

    codes: Any  # numpy int64, -1 = null; None for a constant
    values: list[Any]  # distinct values (columns) or [constant]

    def at(self, rows: Any) -> list[Any]:
        """The values at the given rows (None where null)."""
        if self.codes is None:
            return [self.values[0]] * len(rows)
        return [self.values[c] if c >= 0 else None for c in self.codes[rows]]


def _text_input(table: Any, db: _core.FactorDatabase, field: str, spec: Input) -> _Input:
    how, value = _resolve_input(table, db, field, spec)
    if how == "column":
        return _Input(*_text_codes(value, field, spec.name if isinstance(spec, col) else cast(str, spec)))
    if value is not None and not isinstance(value, str):
        raise TypeError(f"calculate_frame: {field}={value!r}: expected a column name or a text constant")
    return _Input(None, [value])


def _year_input(table: Any, db: _core.FactorDatabase, spec: Input) -> _Input:
    how, value = _resolve_input(table, db, "year", spec)
    if how == "column":
        return _Input(*_years(value, spec.name if isinstance(spec, col) else cast(str, spec)))
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise TypeError(f"calculate_frame: year={value!r}: expected a column name, an int year or None")
    return _Input(None, [value])


def _amount_input(table: Any, db: _core.FactorDatabase, spec: Input, rows: int) -> tuple[Any, Any]:
    """(amounts as float64, null mask or None)."""
    np = _numpy()
    how, value = _resolve_input(table, db, "amount", spec)
    if how == "column":
        return _numbers(value, "amount", spec.name if isinstance(spec, col) else cast(str, spec), integral=False)
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"calculate_frame: amount={value!r}: expected a column name or a number")
    return np.full(rows, float(value)), None


def _input_column_name(spec: Input) -> str | None:
    return spec.name if isinstance(spec, col) else spec if isinstance(spec, str) else None


def _carried_names(table: Any, carry: bool | str | Iterable[str] | None, used: set[str | None]) -> list[str]:
    """The input columns to carry: None/False none, True every column not used as an input, or a list."""
    if carry is None or carry is False:
        return []
    if carry is True:
        return [c for c in table.column_names if c not in used]
    names = [carry] if isinstance(carry, str) else list(carry)
    for name in names:
        if name not in table.column_names:
            raise _missing_column(table, "carry", name)
    return names


# --- per-row checks before any lookup ---------------------------------------------------------------------

_NULL_REASONS = {
    "amount": "field 'amount': found null, expected a finite number >= 0",
    "activity": "field 'activity': found null, expected an activity path or a factor id",
    "unit": "field 'unit': found null, expected a unit such as 'kWh'",
}


class _Reasons:
    """Distinct skip reasons and, per row, the index of its reason (-1: no reason, the row is computed)."""

    def __init__(self, rows: int):
        np = _numpy()
        self.texts: list[str] = []
        self._index: dict[str, int] = {}
        self.code = np.full(rows, -1, dtype=np.int64)

    def add(self, text: str) -> int:
        if text not in self._index:
            self._index[text] = len(self.texts)
            self.texts.append(text)
        return self._index[text]

    def set(self, rows: Any, text: str) -> None:
        self.code[rows] = self.add(text)


def _check_rows(db: _core.FactorDatabase, amounts: Any, amount_null: Any, activity: _Input, unit: _Input,
                reasons: _Reasons, gwp: str) -> Any:
    """Rows that can be looked up; the others get their reason, in the kernel's order (amount first)."""
    np = _numpy()
    valid = np.ones(len(amounts), dtype=bool)
    if amount_null is not None:
        reasons.set(amount_null, _NULL_REASONS["amount"])
        valid &= ~amount_null
    with np.errstate(invalid="ignore"):
        bad = valid & ~(np.isfinite(amounts) & (amounts >= 0.0))
    if bad.any():
        # The kernel words these reasons (it checks the amount before anything else): ask it once per value.
        distinct, inverse = np.unique(amounts[bad], return_inverse=True)
        words = db.calculate_batch([""] * len(distinct), distinct.tolist(), "", gwp=gwp)["reason"]
        codes = np.array([reasons.add(w) for w in words], dtype=np.int64)
        reasons.code[bad] = codes[inverse.reshape(-1)]
        valid &= ~bad
    for field, given in (("activity", activity), ("unit", unit)):
        null = valid & (given.codes < 0 if given.codes is not None else given.values[0] is None)
        if null.any():
            reasons.set(null, _NULL_REASONS[field])
            valid &= ~null
    return valid


# --- the calculation --------------------------------------------------------------------------------------

def _per_key(db: _core.FactorDatabase, inputs: dict[str, _Input], rows_of_keys: Any, gwp: str, strict: bool,
             allow_later_year: bool) -> dict[str, Any]:
    """calculate_batch on one row per distinct key with an amount of 1: kg per unit of amount, per key."""
    a, u, r, y = (inputs[k].at(rows_of_keys) for k in ("activity", "unit", "region", "year"))
    return db.calculate_batch(a, [1.0] * len(a), u, region=r, year=y, gwp=gwp, strict=strict,
                              allow_later_year=allow_later_year)


def _gases_stated(db: _core.FactorDatabase, factor_ids: Sequence[str | None]) -> list[set[str]]:
    """Per key, the gases its factor states (a gas it does not state is null in the result, never 0)."""
    values = {fid: db.get(fid).values for fid in set(factor_ids) if fid is not None}
    return [set(values[fid]) if fid is not None else set() for fid in factor_ids]


def _masked(values: Any, computed: Any) -> Any:
    pa, _ = _pyarrow()
    return pa.array(values, type=pa.float64(), mask=~computed)


def _text_column(texts: list[str], codes: Any) -> Any:
    """texts[codes[i]] per row, null where codes[i] < 0: dictionary-encoded, each distinct text stored once."""
    pa, _ = _pyarrow()
    np = _numpy()
    indices = pa.array(codes.astype(np.int32), mask=codes < 0)
    return pa.DictionaryArray.from_arrays(indices, pa.array(texts, type=pa.string()))


def calculate_frame(data: Any, db: _core.FactorDatabase | None = None, *, activity: Input = "activity",
                    amount: Input = "amount", unit: Input = "unit", region: Input = None, year: Input = None,
                    gwp: str = "AR6", carry: bool | str | Iterable[str] | None = None, strict: bool = False,
                    allow_later_year: bool = False) -> "FrameResult":
    """Emissions of every row of a data frame: amount (in unit) x the factor for the row's activity.

    Each of activity, amount, unit, region and year is a column name or a constant (see the module
    docstring for the rule; `col()` and `const()` make it explicit). `carry` names input columns to copy to
    the result (True: every column not used as an input). Factors are resolved once per distinct
    (activity, unit, region, year); each row is then a multiply, bit for bit as `calculate_batch` does it.
    Only structural problems raise (a missing column, a column of the wrong type, an unknown GWP set):
    a row that cannot be computed is kept, with status "skipped" and its reason.

        >>> import pandas as pd
        >>> df = pd.DataFrame({"site": ["Paris", "Lyon"], "kwh": [12000.0, -1.0], "country": ["FR", "FR"]})
        >>> r = ghgkit.calculate_frame(df, activity="electricity.grid", amount="kwh", unit="kWh",
        ...                            region="country", year=2023, carry=["site"])
        >>> r.computed_rows, r.skipped_rows, round(r.total_co2e_kg, 1)
        (1, 1, 672.5)
        >>> r.to_pandas()["status"].tolist()
        ['computed', 'skipped']
    """
    if activity is None or unit is None:
        raise TypeError("calculate_frame: activity and unit are required (a column name or a constant)")
    db = db if db is not None else _core.FactorDatabase.default()
    table = _to_table(data)
    rows = table.num_rows
    inputs = {f: _text_input(table, db, f, s) for f, s in (("activity", activity), ("unit", unit), ("region", region))}
    inputs["year"] = _year_input(table, db, year)
    amounts, amount_null = _amount_input(table, db, amount, rows)
    used = {n for n in map(_input_column_name, (activity, amount, unit, region, year)) if n in table.column_names}
    carried = _carried_names(table, carry, used)

    reasons = _Reasons(rows)
    valid = _check_rows(db, amounts, amount_null, inputs["activity"], inputs["unit"], reasons, gwp)
    key, representative = _row_keys(inputs, valid)
    keys = _per_key(db, inputs, representative, gwp, strict, allow_later_year)
    columns, computed = _value_columns(db, keys, key, amounts)
    columns.update(_provenance_columns(keys, key, computed, reasons))
    _add_carried(columns, table, carried)
    return FrameResult(_table_of(columns), computed_rows=int(computed.sum()), database_hash=keys["database_hash"],
                       gwp_set=keys["gwp"], warnings=list(keys["warnings"]))


def _row_keys(inputs: dict[str, _Input], valid: Any) -> tuple[Any, Any]:
    """Per row, the index of its distinct key (-1 for a row already skipped), and a row of each key."""
    np = _numpy()
    codes = [i.codes for i in inputs.values() if i.codes is not None]
    if valid.all():  # the usual case: no gather, no scatter
        return _dense(codes, len(valid))
    idx = np.flatnonzero(valid)
    key_of_valid, representative = _dense([c[idx] for c in codes], len(idx))
    key = np.full(len(valid), -1, dtype=np.int64)
    key[idx] = key_of_valid
    return key, idx[representative]


def _of_key(per_key: Any, fill: Any, dtype: Any) -> Any:
    """per_key[key[i]] for every row; `fill` where key[i] is -1 (the extra last element)."""
    np = _numpy()
    return np.append(np.asarray(per_key, dtype=dtype), np.asarray([fill], dtype=dtype))


def _value_columns(db: _core.FactorDatabase, keys: dict[str, Any], key: Any,
                   amounts: Any) -> tuple[dict[str, Any], Any]:
    """row, co2e_kg, <gas>_kg and biogenic_co2_kg: amount x kg per unit of the row's key, null when skipped."""
    np = _numpy()
    computed = _of_key(keys["computed"], False, bool)[key]

    def kg(per_key: Any, valid: Any) -> Any:
        with np.errstate(invalid="ignore"):  # a skipped row's inf x 0: masked out below
            return _masked(amounts * _of_key(per_key, 0.0, np.float64)[key], valid)

    columns = {"row": np.arange(len(key), dtype=np.int64), "co2e_kg": kg(keys["co2e_kg"], computed)}
    gases_of_key = _gases_stated(db, keys["factor_id"])
    for gas in sorted(keys["gases_kg"]):
        stated = _of_key([gas in g for g in gases_of_key], False, bool)[key]
        columns[f"{gas}_kg"] = kg(keys["gases_kg"][gas], computed & stated)
    columns["biogenic_co2_kg"] = kg(keys["biogenic_co2_kg"], computed)
    return columns, computed


def _provenance_columns(keys: dict[str, Any], key: Any, computed: Any, reasons: _Reasons) -> dict[str, Any]:
    """factor_id, fallbacks (null when skipped, "" when none were taken), status and reason."""
    np = _numpy()
    out: dict[str, Any] = {}
    for name in ("factor_id", "fallbacks"):
        texts = sorted(set(v for v, ok in zip(keys[name], keys["computed"]) if ok))
        index = {t: i for i, t in enumerate(texts)}
        codes = _of_key([index[v] if ok else -1 for v, ok in zip(keys[name], keys["computed"])], -1, np.int64)[key]
        out[name] = _text_column(texts, codes)
    skipped_key = _of_key([-1 if ok else reasons.add(w) for ok, w in zip(keys["computed"], keys["reason"])], -1,
                          np.int64)
    reasons.code = np.where(key >= 0, skipped_key[key], reasons.code)
    out["status"] = _text_column(["skipped", "computed"], computed.astype(np.int64))
    out["reason"] = _text_column(reasons.texts, reasons.code)
    return out


def _add_carried(columns: dict[str, Any], table: Any, carried: list[str]) -> None:
    for name in carried:
        if name in columns:
            raise _core.InputError(f"calculate_frame: carry={name!r}: the result already has a column {name!r} "
                                   f"(results: {', '.join(columns)}); rename the input column to carry it")
        columns[name] = table.column(name)


def _table_of(columns: dict[str, Any]) -> Any:
    pa, _ = _pyarrow()
    return pa.table({name: values for name, values in columns.items()})


# --- the result ------------------------------------------------------------------------------------------

class FrameResult:
    """The rows of `calculate_frame`, as an Arrow table, with their totals and provenance.

    It is Arrow-compatible (`__arrow_c_stream__`: `pa.table(r)`, `pl.DataFrame(r)`, duckdb, ... read it
    without a copy) and converts with `to_arrow()`, `to_pandas()` and `to_polars()`. computed_rows +
    skipped_rows = len(r); total_co2e_kg is the (correctly rounded) sum of the computed rows. Columns:
    row (position in the input), co2e_kg, <gas>_kg (null where the row's factor does not state the gas),
    biogenic_co2_kg, factor_id, fallbacks ("" when none were taken), status, reason, then the carried
    columns; values are null on skipped rows. The text columns are dictionary-encoded (each distinct text
    stored once): categoricals in pandas and polars.

        >>> import pandas as pd
        >>> r = calculate_frame(pd.DataFrame({"kwh": [1000.0]}), activity="electricity.grid", amount="kwh", unit="kWh",
        ...                     region="FR", year=2023)
        >>> len(r), r.computed_rows + r.skipped_rows, "co2e_kg" in r.columns
        (1, 1, True)
    """

    def __init__(self, table: Any, *, computed_rows: int, database_hash: str, gwp_set: str, warnings: list[str]):
        self._table = table
        self.computed_rows = computed_rows
        self.skipped_rows = table.num_rows - computed_rows
        self.database_hash = database_hash
        self.gwp_set = gwp_set
        self.warnings = warnings  # distinct warnings of the factors used (e.g. a GWP set not stated)
        self._totals: dict[str, float] = {}

    def _total(self, column: str) -> float:
        # Correctly rounded (math.fsum) and computed when first asked: it is a pass over every row.
        if column not in self._totals:
            values = self._table.column(column).drop_null().to_numpy()
            self._totals[column] = math.fsum(values.tolist())
        return self._totals[column]

    @property
    def total_co2e_kg(self) -> float:
        """The sum of co2e_kg over the computed rows."""
        return self._total("co2e_kg")

    @property
    def total_biogenic_co2_kg(self) -> float:
        """The sum of biogenic_co2_kg over the computed rows (reported apart from co2e_kg)."""
        return self._total("biogenic_co2_kg")

    def __len__(self) -> int:
        return int(self._table.num_rows)

    @property
    def columns(self) -> list[str]:
        return list(self._table.column_names)

    @property
    def gases(self) -> list[str]:
        """The gases with a `<gas>_kg` column, e.g. ['CH4', 'CO2', 'N2O']."""
        names = self._table.column_names
        return [c[:-3] for c in names[2:names.index("biogenic_co2_kg")]]

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self._table.__arrow_c_stream__(requested_schema)

    def to_arrow(self) -> Any:
        """The rows as a pyarrow Table.

            >>> import pandas as pd
            >>> r = calculate_frame(pd.DataFrame({"kwh": [1000.0]}), activity="electricity.grid", amount="kwh",
            ...                     unit="kWh", region="FR", year=2023)
            >>> r.to_arrow().num_rows, r.to_arrow().column("status").to_pylist()
            (1, ['computed'])
        """
        return self._table

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame (nulls become NaN in float columns, None in text columns).

            >>> import pandas as pd
            >>> r = calculate_frame(pd.DataFrame({"kwh": [1000.0, None]}), activity="electricity.grid", amount="kwh",
            ...                     unit="kWh", region="FR", year=2023)
            >>> df = r.to_pandas()
            >>> round(float(df["co2e_kg"][0]), 3), df["status"].tolist()
            (56.039, ['computed', 'skipped'])
        """
        try:
            import pandas  # noqa: F401
        except ImportError as e:
            raise ImportError("FrameResult.to_pandas needs pandas: pip install 'ghgkit[pandas]'") from e
        return self._table.to_pandas()

    def to_polars(self) -> Any:
        """The rows as a polars DataFrame.

            >>> import pandas as pd
            >>> r = calculate_frame(pd.DataFrame({"kwh": [1000.0]}), activity="electricity.grid", amount="kwh",
            ...                     unit="kWh", region="FR", year=2023)
            >>> r.to_polars().height
            1
        """
        try:
            import polars as pl
        except ImportError as e:
            raise ImportError("FrameResult.to_polars needs polars: pip install 'ghgkit[polars]'") from e
        return pl.from_arrow(self._table)

    def __repr__(self) -> str:
        return (f"<FrameResult {len(self)} rows: {self.computed_rows} computed, {self.skipped_rows} skipped; "
                f"{self.total_co2e_kg:.6g} kg CO2e ({self.gwp_set})>")

    def _repr_html_(self, max_rows: int = 10) -> str:
        head = self._table.slice(0, max_rows).to_pylist()
        cells = "".join(f"<th>{html.escape(str(c))}</th>" for c in self._table.column_names)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row.values()) + "</tr>"
                       for row in head)
        more = f"<p>... {len(self) - max_rows} more rows</p>" if len(self) > max_rows else ""
        return (f"<p><b>ghgkit FrameResult</b>: {len(self)} rows, {self.computed_rows} computed, "
                f"{self.skipped_rows} skipped; total {self.total_co2e_kg:.6g} kg CO2e ({html.escape(self.gwp_set)}); "
                f"database {html.escape(self.database_hash[:12])}</p>"
                f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>{more}")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:.6g}" if isinstance(value, float) else str(value)
