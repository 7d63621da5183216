"""Budgets and reduction targets checked against an inventory result (`ghgkit check`).

A budget is an upper bound in CO2e on the total, a scope or a scope 3 category. A target is the upper
bound of the reporting year on a reduction path: linear from a base year (the allowed value of year Y
is base x (1 - rate x (Y - base year)), never below 0), or explicit yearly values (interpolated
linearly between the years given). Scope 2 and the total are checked for the location-based method,
the market-based one, or both (the default). See docs/pipelines.md.

    >>> budget = Budget(limits=[Limit(Subject("scope", 1), parse_mass("60t"), "--max-scope")])
    >>> [c.message for c in check(load_result("examples/lyon/inventory.yaml"), budget)]
    ['scope 1: 69.999 t CO2e exceeds the budget 60 t by 9.999 t (16.7%)']
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from .. import _core
from .progress import Progress

RESULT_SCHEMA = "ghgkit.inventory-result/1"
_TOTALS = ("scope1", "scope2_location", "scope2_market", "scope3", "total_location", "total_market")
BUDGET_SCHEMA = "ghgkit.budget/1"
SCOPE2_CHOICES = ("location", "market", "both")


class BudgetError(_core.InputError):
    """An invalid budget, target, mass or result file (exit code 2 on the command line).

        >>> parse_mass("12 parsecs")
        Traceback (most recent call last):
        ...
        ghgkit.pipeline.budget.BudgetError: ...
        >>> issubclass(BudgetError, ghgkit.InputError)
        True
    """


# --------------------------------------------------------------------------------------------------
# Masses, rates and subjects

_NUMBER = re.compile(r"^\s*([+-]?(?:\d[\d_,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$")
_GAS = re.compile(r"CO2|CH4|N2O|SF6|NF3|HFC|PFC|R-?\d", re.IGNORECASE)
_RATE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*%\s*(?:/\s*(?:year|yr|y|a))?\s*$")


def parse_mass(text: Any, where: str = "mass") -> float:
    """kg CO2e of a mass written with its unit: '500t', '120 t', '1.2kt', '300000kg', '2 t CO2e'.

        >>> parse_mass("1.2kt"), parse_mass("2 t CO2e")
        (1200000.0, 2000.0)
    """
    match = _NUMBER.match(str(text)) if isinstance(text, (str, int, float)) else None
    if match is None or isinstance(text, bool):
        raise BudgetError(f"{where}: found {text!r}, expected a mass with its unit such as '500t' or '120 t'")
    number, unit = match.groups()
    if not unit:
        raise BudgetError(f"{where}: found {text!r} without a unit, expected a mass such as '{number}t' or "
                          f"'{number} kg'")
    try:
        dimension = _core.unit_dimension(unit)
    except _core.Error:
        raise BudgetError(f"{where}: unknown unit {unit!r} in {text!r}, expected a mass unit such as t, kt or "
                          "kg") from None
    if dimension != "mass":
        raise BudgetError(f"{where}: unit {unit!r} of {text!r} measures {dimension}, not a mass: give t, kt or kg "
                          "(CO2e)")
    gas = _GAS.search(unit.replace(" ", "").removesuffix("CO2e"))
    if gas:
        raise BudgetError(f"{where}: unit {unit!r} of {text!r} is a mass of {gas.group(0)}, not of CO2e: give t, "
                          "kt or kg (CO2e), converted through a GWP set")
    kg = _core.convert(float(number.replace(",", "").replace("_", "")), unit, "kg")
    if kg < 0:
        raise BudgetError(f"{where}: found {text!r}, expected a mass of 0 or more")
    return kg


def parse_rate(text: Any, where: str = "reduction") -> float:
    """Percent per year of a linear reduction written with its % sign: '4.2%/year', '4.2%'."""
    match = _RATE.match(text) if isinstance(text, str) else None
    if match is None or float(match.group(1)) > 100:
        raise BudgetError(f"{where}: found {text!r}, expected a percentage per year from 0% to 100% such as "
                          "'4.2%/year'")
    return float(match.group(1))


@dataclass(frozen=True)
class Subject:
    """What a budget or target bounds: the total, scope 1, 2 or 3, or a scope 3 category (1 to 15).

        >>> Subject("scope", 2).label("market"), Subject("category", 6).label("location")
        ('scope 2 (market-based)', 'scope 3 category 6')
    """

    kind: str  # "total", "scope" or "category"
    number: int | None = None

    @property
    def has_methods(self) -> bool:
        """True when the figure differs between the location- and market-based methods of scope 2."""
        return self.kind == "total" or (self.kind == "scope" and self.number == 2)

    def label(self, method: str) -> str:
        """The subject as a line label; scope 2 and the total name the method.

            >>> Subject("total").label("market")
            'total (market-based)'
        """
        name = {"total": "total", "scope": f"scope {self.number}",
                "category": f"scope 3 category {self.number}"}[self.kind]
        return f"{name} ({method}-based)" if self.has_methods else name

    def kg(self, totals: Mapping[str, Any], method: str) -> float:
        """The subject's kg CO2e in the `totals` of an inventory result (0 for a category without rows).

            >>> totals = json.loads(result.to_json())["totals"]
            >>> round(Subject("scope", 1).kg(totals, "location") / 1000, 3)
            69.999
        """
        if self.kind == "total":
            return float(totals[f"total_{method}"]["co2e_kg"])
        if self.kind == "scope":
            key = f"scope2_{method}" if self.number == 2 else f"scope{self.number}"
            return float(totals[key]["co2e_kg"])
        category = totals.get("scope3_categories", {}).get(str(self.number))
        return float(category["co2e_kg"]) if category else 0.0


_SUBJECT = re.compile(r"^\s*(?:(total)|scope\s*([0-9]+)|(?:scope\s*3\s*)?category\s*([0-9]+))\s*$", re.IGNORECASE)


def parse_subject(text: Any, where: str) -> Subject:
    """'total', 'scope 1' (or 'scope1'), 'category 6' (or 'scope 3 category 6')."""
    match = _SUBJECT.match(str(text))
    if match is None:
        raise BudgetError(f"{where}: found {text!r}, expected 'total', 'scope 1', 'scope 2', 'scope 3' or 'category N'")
    if match.group(1):
        return Subject("total")
    if match.group(2):
        return scope_subject(match.group(2), where)
    return category_subject(match.group(3), where)


def scope_subject(text: str, where: str) -> Subject:
    if text.strip() not in ("1", "2", "3"):
        raise BudgetError(f"{where}: found scope {text!r}, expected 1, 2 or 3")
    return Subject("scope", int(text))


def category_subject(text: str, where: str) -> Subject:
    if not text.strip().isdigit() or not 1 <= int(text) <= 15:
        raise BudgetError(f"{where}: found category {text!r}, expected a scope 3 category from 1 to 15")
    return Subject("category", int(text))


# --------------------------------------------------------------------------------------------------
# Budgets, targets and their file


@dataclass(frozen=True)
class Limit:
    """An absolute budget: `subject` at most `kg` CO2e; `origin` says where it was given.

        >>> limit = Limit(Subject("scope", 1), parse_mass("60t"), "--max-scope")
        >>> [c.status for c in check(json.loads(result.to_json()), Budget(limits=[limit]))]
        ['exceeded']
    """

    subject: Subject
    kg: float
    origin: str


@dataclass(frozen=True)
class Target:
    """A reduction target: a linear path (`base_year`, `base_kg`, `rate_pct` per year) or `values` by year.

    `base_year` and `base_kg` may be None: they come from a base-year result (`--base BASE.json`), and
    the base year else from the inventory's own `base_year`.

        >>> target = Target(Subject("total"), "example", rate_pct=4.2, base_year=2022, base_kg=185000.0)
        >>> [c.message for c in check(json.loads(result.to_json()), Budget(targets=[target], scope2="location"))]
        [...]
    """

    subject: Subject
    origin: str
    rate_pct: float | None = None
    base_year: int | None = None
    base_kg: float | None = None
    values: Mapping[int, float] = field(default_factory=dict)


@dataclass
class Budget:
    """Budgets and targets, and the scope 2 method(s) they apply to (None: both unless a file says).

        >>> budget = load_budget("examples/ci/budget.yaml")
        >>> len(budget.limits), len(budget.targets), budget.scope2
        (4, 2, 'both')
    """

    limits: list[Limit] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    scope2: str | None = None

    def extend(self, other: Budget) -> None:
        """Add the limits and targets of `other`; its scope 2 choice applies when this budget has none.

            >>> budget = Budget(limits=[Limit(Subject("total"), parse_mass("200t"), "--max-total")])
            >>> budget.extend(load_budget("examples/ci/budget.yaml"))
            >>> len(budget.limits), budget.scope2
            (5, 'both')
        """
        self.limits += other.limits
        self.targets += other.targets
        self.scope2 = self.scope2 or other.scope2


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise BudgetError(f"{where}: found {type(value).__name__} {value!r}, expected a mapping")
    return value


def _known_keys(value: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
    for key in value:
        if key not in allowed:
            raise BudgetError(f"{where}: unknown field {key!r}, expected one of {', '.join(allowed)}")


def _read_document(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise BudgetError(f"{path}: not UTF-8 text, expected a budget file (YAML or JSON)") from None
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise BudgetError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None
    try:
        import yaml  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise BudgetError(f"{path}: reading a YAML budget needs PyYAML (pip install pyyaml), or write it as "
                          "JSON") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise BudgetError(f"{path}{at}: not valid YAML: {getattr(error, 'problem', None) or error}") from None


def load_budget(path: str | Path) -> Budget:
    """Read a budget file (`schema: ghgkit.budget/1`, YAML or JSON); errors name the file and field.

        >>> [limit.subject.kind for limit in load_budget("examples/ci/budget.yaml").limits]
        ['total', 'scope', 'scope', 'category']
    """
    path = Path(path)
    doc = _mapping(_read_document(path), str(path))
    _known_keys(doc, ("schema", "scope2", "budgets", "targets"), str(path))
    if doc.get("schema") != BUDGET_SCHEMA:
        raise BudgetError(f"{path}: field 'schema': found {doc.get('schema')!r}, expected '{BUDGET_SCHEMA}'")
    scope2 = doc.get("scope2")
    if scope2 is not None and scope2 not in SCOPE2_CHOICES:
        raise BudgetError(f"{path}: field 'scope2': found {scope2!r}, expected location, market or both")
    budget = Budget(scope2=scope2)
    for key, mass in _mapping(doc.get("budgets", {}), f"{path}: field 'budgets'").items():
        where = f"{path}: field 'budgets.{key}'"
        budget.limits.append(Limit(parse_subject(key, where), parse_mass(mass, where), str(path)))
    targets = doc.get("targets", [])
    if not isinstance(targets, list):
        raise BudgetError(f"{path}: field 'targets': found {targets!r}, expected a list")
    for i, entry in enumerate(targets):
        where = f"{path}: field 'targets[{i}]"
        budget.targets.append(_target(_mapping(entry, f"{where}'"), where, str(path)))
    return budget


def _target(entry: Mapping[str, Any], where: str, origin: str) -> Target:
    _known_keys(entry, ("for", "base_year", "base", "reduction", "values"), f"{where}'")
    if "for" not in entry:
        raise BudgetError(f"{where}.for': missing, expected 'total', 'scope N' or 'category N'")
    subject = parse_subject(entry["for"], f"{where}.for'")
    if ("reduction" in entry) == ("values" in entry):
        raise BudgetError(f"{where}': give either 'reduction' (e.g. 4.2%/year) or 'values' (mass by year), not "
                          f"{'both' if 'values' in entry else 'neither'}")
    base_year = entry.get("base_year")
    if base_year is not None and (not isinstance(base_year, int) or isinstance(base_year, bool)):
        raise BudgetError(f"{where}.base_year': found {base_year!r}, expected a year such as 2022")
    base_kg = parse_mass(entry["base"], f"{where}.base'") if "base" in entry else None
    if "values" in entry:
        values = {_year(y, f"{where}.values'"): parse_mass(m, f"{where}.values.{y}'")
                  for y, m in _mapping(entry["values"], f"{where}.values'").items()}
        if not values:
            raise BudgetError(f"{where}.values': empty, expected at least one year: mass")
        return Target(subject, origin, values=values)
    return Target(subject, origin, parse_rate(entry["reduction"], f"{where}.reduction'"), base_year, base_kg)


def _year(value: Any, where: str) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise BudgetError(f"{where}: found key {value!r}, expected a year such as 2030") from None


# --------------------------------------------------------------------------------------------------
# Inventory results


def load_result(path: str | Path, factors: Sequence[str] | None = None, bar: Progress | None = None) -> dict[str, Any]:
    """An inventory result as its JSON document: read from a result JSON (`ghgkit report --json`), or
    computed from an inventory YAML over the shipped factors with `factors` layered on top; `bar`
    shows the stages (3 steps) of a computation.

        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "result.json"
        >>> _ = path.write_text(result.to_json(), encoding="utf-8")
        >>> load_result(path)["inventory"]["organisation"]
        'Lumière Textiles SAS'
    """
    path = Path(path)
    if path.suffix.lower() != ".json":
        bar = bar or Progress(3, enabled=False)
        bar.step("loading factors")
        with bar.waiting():
            db = _core.FactorDatabase.default()
            db = db.layer(*factors) if factors else db
        bar.step(f"loading {path.name}")
        inventory = _core.Inventory.load(str(path))
        bar.step(f"computing {inventory.rows} rows")
        with bar.waiting():
            result: dict[str, Any] = json.loads(inventory.compute(db).to_json())
        return result
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise BudgetError(f"{path}: not UTF-8 text, expected an inventory result JSON") from None
    except json.JSONDecodeError as error:
        raise BudgetError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None
    if not isinstance(doc, dict) or doc.get("schema") != RESULT_SCHEMA:
        found = doc.get("schema") if isinstance(doc, dict) else type(doc).__name__
        raise BudgetError(f"{path}: field 'schema': found {found!r}, expected '{RESULT_SCHEMA}' "
                          "(write it with ghgkit report INVENTORY --json PATH)")
    for key in ("totals", "rows", "inventory", "database_hash"):
        if key not in doc:
            raise BudgetError(f"{path}: field {key!r}: missing, expected an inventory result")
    for key in _TOTALS:
        if not isinstance(doc["totals"].get(key), dict) or "co2e_kg" not in doc["totals"][key]:
            raise BudgetError(f"{path}: field 'totals.{key}.co2e_kg': missing, expected an inventory result")
    return doc


# --------------------------------------------------------------------------------------------------
# Checks


def tonnes(kg: float, fixed: bool = False) -> str:
    """kg as tonnes with 3 decimals, trailing zeros dropped unless `fixed`: 69999.22 -> '69.999', 60000 -> '60'."""
    text = f"{kg / 1000:,.3f}"
    if not fixed:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace("-0.000", "0.000")


@dataclass(frozen=True)
class Check:
    """One comparison: `status` is 'within', 'exceeded' or 'not checked' (a target with no value yet).

        >>> limit = Limit(Subject("scope", 1), parse_mass("75t"), "example")
        >>> c = check(json.loads(result.to_json()), Budget(limits=[limit]))[0]
        >>> c.status, c.outcome
        ('within', 'within (93.3% used)')
    """

    kind: str  # "budget" or "target"
    label: str
    value_kg: float
    limit_kg: float | None
    status: str
    message: str
    origin: str
    why: str = ""  # how a target's limit was derived

    @property
    def exceeded(self) -> bool:
        return self.status == "exceeded"

    @property
    def outcome(self) -> str:
        """'exceeded by 9.999 t (16.7%)', 'within (58.3% used)' or 'not checked', then how the limit was derived."""
        if self.limit_kg is None:
            text = self.status
        elif self.exceeded:
            excess = self.value_kg - self.limit_kg
            text = f"exceeded by {tonnes(excess)} t"
            text += f" ({excess / self.limit_kg * 100:.1f}%)" if self.limit_kg else ""
        else:
            text = "within" + (f" ({self.value_kg / self.limit_kg * 100:.1f}% used)" if self.limit_kg else "")
        return f"{text}; {self.why}" if self.why else text

    def as_dict(self) -> dict[str, Any]:
        """The check as a JSON-ready dict (the `ghgkit check --format json` entries).

            >>> limit = Limit(Subject("scope", 1), parse_mass("60t"), "--max-scope")
            >>> d = check(json.loads(result.to_json()), Budget(limits=[limit]))[0].as_dict()
            >>> d["status"], round(d["exceeded_by_kg"])
            ('exceeded', 9999)
        """
        return {"kind": self.kind, "label": self.label, "value_kg": self.value_kg, "limit_kg": self.limit_kg,
                "status": self.status, "exceeded_by_kg": self.value_kg - self.limit_kg if self.exceeded and
                self.limit_kg is not None else 0.0, "message": self.message, "origin": self.origin}


def _compare(kind: str, label: str, value: float, limit: float, what: str, origin: str, why: str = "") -> Check:
    if value > limit:
        excess = value - limit
        pct = f" ({excess / limit * 100:.1f}%)" if limit > 0 else ""
        text = f"{label}: {tonnes(value)} t CO2e exceeds {what} {tonnes(limit)} t by {tonnes(excess)} t{pct}"
        status = "exceeded"
    else:
        used = f" ({value / limit * 100:.1f}% of it)" if limit > 0 else ""
        text = f"{label}: {tonnes(value)} t CO2e is within {what} {tonnes(limit)} t{used}"
        status = "within"
    return Check(kind, label, value, limit, status, text + (f"; {why}" if why else ""), origin, why)


def methods(scope2: str | None) -> tuple[str, ...]:
    """The scope 2 methods checked: both unless one is chosen."""
    choice = scope2 or "both"
    if choice not in SCOPE2_CHOICES:
        raise BudgetError(f"scope2: found {choice!r}, expected location, market or both")
    return ("location", "market") if choice == "both" else (choice,)


def check(result: Mapping[str, Any], budget: Budget, base: Mapping[str, Any] | None = None,
          scope2: str | None = None) -> list[Check]:
    """Every budget and target of `budget` against `result` (an inventory result's JSON document);
    `base` is the base year's result for targets without a base value; `scope2` overrides the budget's.

        >>> budget = Budget(limits=[Limit(Subject("scope", 1), parse_mass("60t"), "--max-scope")])
        >>> [c.message for c in check(json.loads(result.to_json()), budget)]
        ['scope 1: 69.999 t CO2e exceeds the budget 60 t by 9.999 t (16.7%)']
    """
    chosen = methods(scope2 or budget.scope2)
    checks: list[Check] = []
    for limit in budget.limits:
        for method in chosen if limit.subject.has_methods else ("location",):
            label = limit.subject.label(method)
            checks.append(_compare("budget", label, limit.subject.kg(result["totals"], method), limit.kg,
                                   "the budget", limit.origin))
    for target in budget.targets:
        for method in chosen if target.subject.has_methods else ("location",):
            checks.append(_check_target(result, target, method, base))
    return checks


def _check_target(result: Mapping[str, Any], target: Target, method: str, base: Mapping[str, Any] | None) -> Check:
    year = int(result["inventory"]["year"])
    label = target.subject.label(method)
    value = target.subject.kg(result["totals"], method)
    if target.values:
        return _explicit_target(target, label, value, year)
    base_year, base_kg, whence = _base(result, target, method, base)
    if year < base_year:
        raise BudgetError(f"{target.origin}: {label}: the reporting year {year} is before the target's base year "
                          f"{base_year}")
    assert target.rate_pct is not None
    allowed = max(0.0, base_kg * (1 - target.rate_pct / 100 * (year - base_year)))
    why = (f"target = base {base_year} {tonnes(base_kg)} t{whence} x (1 - {target.rate_pct:g}% x "
           f"{year - base_year} year{'s' if year - base_year != 1 else ''})")
    return _compare("target", label, value, allowed, f"the {year} target", target.origin, why)


def _base(result: Mapping[str, Any], target: Target, method: str,
          base: Mapping[str, Any] | None) -> tuple[int, float, str]:
    """Base year and base kg of a linear target: the target's own, else the base result's."""
    base_year, base_kg, whence = target.base_year, target.base_kg, ""
    if base is not None:
        result_year = int(base["inventory"]["year"])
        if base_year is not None and base_year != result_year:
            raise BudgetError(f"{target.origin}: base_year {base_year} differs from the year {result_year} of the base "
                              f"result {base['inventory'].get('file', '')}")
        base_year = result_year
        if base_kg is None:
            base_kg, whence = target.subject.kg(base["totals"], method), " (base result)"
    if base_year is None:
        base_year = result["inventory"].get("base_year")
    if base_kg is None or base_year is None:
        missing = "base value" if base_kg is None else "base year"
        raise BudgetError(f"{target.origin}: {target.subject.label(method)}: the linear target has no {missing}: give "
                          "'base' and 'base_year' in the budget file, --base-total and --base-year, or --base BASE.json")
    return int(base_year), base_kg, whence


def _explicit_target(target: Target, label: str, value: float, year: int) -> Check:
    years = sorted(target.values)
    if year < years[0]:
        text = f"{label}: no target before {years[0]} (reporting year {year}): not checked"
        return Check("target", label, value, None, "not checked", text, target.origin, f"no target before {years[0]}")
    if year >= years[-1]:
        allowed, why = target.values[years[-1]], f"target of {years[-1]}" if year > years[-1] else ""
    elif year in target.values:
        allowed, why = target.values[year], ""
    else:
        before = max(y for y in years if y < year)
        after = min(y for y in years if y > year)
        a, b = target.values[before], target.values[after]
        allowed = a + (b - a) * (year - before) / (after - before)
        why = f"interpolated between {before} ({tonnes(a)} t) and {after} ({tonnes(b)} t)"
    return _compare("target", label, value, allowed, f"the {year} target", target.origin, why)


# --------------------------------------------------------------------------------------------------
# Command-line budgets


def limit_arguments(total: str | None, scopes: Sequence[str], categories: Sequence[str]) -> list[Limit]:
    """Budgets given as --max-total MASS, --max-scope N=MASS, --max-category N=MASS."""
    limits = [Limit(Subject("total"), parse_mass(total, f"--max-total {total!r}"), "--max-total")] if total else []
    for option, values, make in (("--max-scope", scopes, scope_subject),
                                 ("--max-category", categories, category_subject)):
        for text in values:
            where = f"{option} {text!r}"
            number, sep, mass = text.partition("=")
            if not sep:
                example = "1=120t" if option == "--max-scope" else "6=12t"
                raise BudgetError(f"{where}: expected N=MASS such as {example}")
            limits.append(Limit(make(number, where), parse_mass(mass, where), option))
    return limits


def target_arguments(reduction: str | None, values: Sequence[str], base_total: str | None,
                     base_year: int | None) -> list[Target]:
    """A target on the total given as --reduction RATE [--base-total MASS --base-year Y] or --target YEAR=MASS."""
    targets = []
    if reduction:
        base_kg = parse_mass(base_total, "--base-total") if base_total else None
        rate = parse_rate(reduction, "--reduction")
        targets.append(Target(Subject("total"), "--reduction", rate, base_year, base_kg))
    elif base_total or base_year is not None:
        raise BudgetError("--base-total and --base-year go with --reduction RATE")
    if values:
        parsed = {}
        for text in values:
            year, sep, mass = text.partition("=")
            if not sep:
                raise BudgetError(f"--target {text!r}: expected YEAR=MASS such as 2030=100t")
            parsed[_year(year, f"--target {text!r}")] = parse_mass(mass, f"--target {text!r}")
        targets.append(Target(Subject("total"), "--target", values=parsed))
    return targets


_MARKS = {"exceeded": "EXCEEDED", "within": "ok"}


def render(checks: Sequence[Check], result: Mapping[str, Any], fmt: str) -> str:
    """The checks as text (one line each), Markdown (a table) or JSON."""
    exceeded = sum(c.exceeded for c in checks)
    inv = result["inventory"]
    summary = f"{exceeded} of {len(checks)} check{'s' if len(checks) != 1 else ''} exceeded"
    skipped = int(result.get("rows_skipped", 0))
    note = (f"note: {skipped} input row(s) could not be computed and are missing from the totals (see ghgkit report)"
            if skipped else "")
    if fmt == "json":
        return json.dumps({"schema": "ghgkit.check/1", "inventory": inv, "database_hash": result["database_hash"],
                           "rows_skipped": skipped, "exceeded": exceeded,
                           "checks": [c.as_dict() for c in checks]}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        lines = [f"### Budget check: {inv['organisation']}, {inv['year']}", "",
                 "| | what | t CO2e | limit, t CO2e | outcome |", "|---|---|---:|---:|---|"]
        for c in checks:
            mark = {"exceeded": ":x:", "within": ":white_check_mark:"}.get(c.status, ":grey_question:")
            limit = tonnes(c.limit_kg) if c.limit_kg is not None else "-"
            lines.append(f"| {mark} | {c.label} ({c.kind}) | {tonnes(c.value_kg)} | {limit} | {c.outcome} |")
        lines += ["", f"**{summary}.**"] + (["", note] if note else [])
        return "\n".join(lines) + "\n"
    lines = [f"{_MARKS.get(c.status, '--'):<9} {c.message}" for c in checks]
    lines.append(summary)
    return "\n".join(lines + ([note] if note else [])) + "\n"
