"""The ghgkit command line: `ghgkit calc`, `ghgkit flight`, `ghgkit factors`, `ghgkit report`,
`ghgkit convert`, `ghgkit gwp`, `ghgkit check` and `ghgkit diff` (docs/pipelines.md).

Exit codes: 0 success (skipped rows are listed with their reason), 1 rows were skipped and
--fail-on-skipped was given, 2 invalid input. `ghgkit check`: 1 a budget or target was exceeded.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Sequence

from . import _core
from ._core import Error, FactorDatabase

EXIT_OK, EXIT_SKIPPED, EXIT_INVALID = 0, 1, 2


def _database(paths: Sequence[str] | None, only: bool = False) -> FactorDatabase:
    if paths and only:
        return FactorDatabase.load(*paths)
    db = FactorDatabase.default()
    return db.layer(*paths) if paths else db


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(r: list[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def _kg(value: float) -> str:
    return f"{value:,.3f}"


def _cmd_calc(args: argparse.Namespace) -> int:
    db = _database(args.factors)
    if args.csv:
        return _calc_csv(db, args)
    if args.activity is None or args.amount is None or args.unit is None:
        raise SystemExit("ghgkit calc: give ACTIVITY AMOUNT UNIT, or --csv FILE")
    e = db.calculate(args.activity, args.amount, args.unit, region=args.region, year=args.year, gwp=args.gwp,
                     strict=args.strict, allow_later_year=args.allow_later_year)
    p = e.provenance
    if args.json:
        print(json.dumps({"co2e_kg": e.co2e_kg, "gases_kg": e.gases_kg, "biogenic_co2_kg": e.biogenic_co2_kg,
                          "uncertainty": e.uncertainty, "provenance": p}, indent=2, sort_keys=True))
        return EXIT_OK
    print(f"{args.amount:g} {args.unit} of {args.activity} -> {_kg(e.co2e_kg)} kg CO2e ({p['gwp']})")
    for gas, kg in sorted(e.gases_kg.items()):
        print(f"  {gas:>14}: {kg:.6g} kg")
    if e.biogenic_co2_kg:
        print(f"  biogenic CO2 (outside scopes): {e.biogenic_co2_kg:.6g} kg")
    if e.uncertainty:
        u = e.uncertainty
        print(f"  95% interval: {_kg(u['low'])} .. {_kg(u['high'])} kg (-{u['pct95_minus']:.3g}% / +{u['pct95_plus']:.3g}%)")
    _print_provenance(p)
    return EXIT_OK


def _cmd_flight(args: argparse.Namespace) -> int:
    db = _database(args.factors)
    leg = db.flight(args.origin, args.destination, cabin=args.cabin, passengers=args.passengers,
                    round_trip=args.round_trip, radiative_forcing=not args.no_radiative_forcing)
    e = db.calculate(leg["activity"], leg["passenger_km"], "passenger.km", region=leg["region"], year=args.year,
                     gwp=args.gwp, allow_later_year=args.allow_later_year)
    p = e.provenance
    if args.json:
        print(json.dumps({"flight": leg, "co2e_kg": e.co2e_kg, "gases_kg": e.gases_kg, "provenance": p},
                         indent=2, sort_keys=True))
        return EXIT_OK
    print(f"{args.origin} -> {args.destination} ({leg['haul']}, {args.cabin}): "
          f"{leg['passenger_km']:,.1f} passenger.km -> {_kg(e.co2e_kg)} kg CO2e ({p['gwp']})")
    for step in leg["steps"]:
        print(f"  step     {step}")
    _print_provenance(p)
    return EXIT_OK


def _print_provenance(p: dict[str, Any]) -> None:
    s = p["source"]
    print(f"  factor   {p['factor_id']} ({p['factor_location']})")
    print(f"  source   {s['publisher']}: {s['title']} ({s['year']}), licence {s['licence']}")
    print(f"  region   {p['region']}  year {p['year']}  method {p['co2e_method']}")
    for step in p["fallbacks"]:
        print(f"  fallback {step['kind']} {step['from']} -> {step['to']}: {step['reason']}")
    for warning in p["warnings"]:
        print(f"  note     {warning}")
    print(f"  database {p['database_hash']}  ghgkit {p['ghgkit_version']}")


def _calc_csv(db: FactorDatabase, args: argparse.Namespace) -> int:
    with open(args.csv, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = {"activity", "amount", "unit"} - set(reader.fieldnames or [])
        if missing:
            raise _core.InputError(f"{args.csv}:1: missing column(s) {', '.join(sorted(missing))}: expected a header "
                                   "with activity, amount, unit and optionally region, year")
        rows = list(reader)
    amounts: list[float] = []
    for number, row in enumerate(rows, start=2):
        try:
            amounts.append(float(row["amount"]))
        except (TypeError, ValueError):
            amounts.append(float("nan"))  # the batch reports it as a skipped row with its reason
    years = [int(r["year"]) if r.get("year") else None for r in rows]
    result = db.calculate_batch([r["activity"] for r in rows], amounts, [r["unit"] for r in rows],
                                region=[r.get("region") or None for r in rows], year=years, gwp=args.gwp)
    table = []
    for i, row in enumerate(rows):
        co2e = _kg(result["co2e_kg"][i]) if result["computed"][i] else "skipped"
        table.append([str(i + 2), row["activity"], f"{row['amount']} {row['unit']}", row.get("region") or "-",
                      co2e, result["factor_id"][i] or result["reason"][i]])
    print(_table(table, ["line", "activity", "amount", "region", "kg CO2e", "factor / reason"]))
    print()
    print(f"total: {_kg(result['total_co2e_kg'])} kg CO2e ({result['gwp']}); "
          f"biogenic CO2 apart: {_kg(result['total_biogenic_co2_kg'])} kg")
    print(f"rows: {len(rows)} = {result['computed_rows']} computed + {result['skipped_rows']} skipped")
    for warning in result["warnings"]:
        print(f"note: {warning}")
    print(f"database {result['database_hash']}  ghgkit {_core.__version__}")
    return EXIT_SKIPPED if result["skipped_rows"] and args.fail_on_skipped else EXIT_OK


def _matches(f: Any, args: argparse.Namespace) -> bool:
    if args.text:
        haystack = " ".join([f.id, f.activity, f.notes, f.source["title"], f.source["publisher"]]).lower()
        if not all(word.lower() in haystack for word in args.text):
            return False
    return True


def _print_coefficient_counts(db: FactorDatabase) -> None:
    """Coefficients per quantity family (the first two parts of the quantity) and catalogue sizes."""
    coefficients = db.coefficients()
    families = Counter(".".join(c.quantity.split(".")[:2]) for c in coefficients)
    print(f"\ncoefficients ({len(coefficients)}) by quantity family ({len(families)}):")
    for name, n in sorted(families.items()):
        print(f"  {name:<40} {n}")
    print("\ncatalogues:")
    for title, size in (("LLM models", len(db.llm_models())), ("accelerators", len(db.accelerators())),
                        ("CPUs", len(db.cpus())), ("cloud instance types", len(db.cloud_instances())),
                        ("cloud regions", len(db.cloud_regions())), ("server archetypes", len(db.server_archetypes())),
                        ("airports", len(db.airports()))):
        print(f"  {title:<40} {size}")
    for warning in db.catalogue_warnings:
        print(f"warning: {warning}")


def _cmd_factors(args: argparse.Namespace) -> int:
    action = args.action
    if action == "validate":
        db = _database(args.paths, only=True)
        print(f"OK: {len(db)} factors, {len(db.sources)} sources, GWP sets {', '.join(db.gwp_sets)}")
        print(f"content hash {db.content_hash}")
        key: Callable[[_core.Factor], str]
        for title, key in (("activity family", lambda f: f.activity.split(".")[0]), ("source", lambda f: f.source["id"]),
                           ("region", lambda f: f.region)):
            counts = Counter(key(f) for f in db)
            shown = counts.most_common(None if title != "region" else 15)
            print(f"\nby {title} ({len(counts)}):")
            for name, n in shown:
                print(f"  {name:<40} {n}")
        _print_coefficient_counts(db)
        return EXIT_OK
    db = _database(args.factors)
    if action == "show":
        for factor_id in args.paths:
            f = db.get(factor_id)
            info = {"id": f.id, "activity": f.activity, "unit": f.unit, "values_kg_per_unit": f.values, "gwp": f.gwp,
                    "region": f.region, "year": f.year, "valid_to": f.valid_to, "basis": f.basis, "scope": f.scope,
                    "category": f.category, "tags": f.tags, "uncertainty": f.uncertainty, "notes": f.notes,
                    "source": f.source, "defined_at": f.location, "overrides": f.overrides}
            print(json.dumps(info, indent=2, ensure_ascii=False))
        return EXIT_OK
    if action == "search":
        args.text = args.paths
    selected = [f for f in db.factors(activity=args.activity, region=args.region, year=args.year, source=args.source)
                if _matches(f, args)]
    rows = [[f.id, f.activity, f.region, str(f.year), f.unit, ", ".join(f"{g}={v:.4g}" for g, v in f.values.items())]
            for f in selected[: args.limit]]
    print(_table(rows, ["id", "activity", "region", "year", "per", "kg per unit"]))
    more = len(selected) - len(rows)
    print(f"\n{len(selected)} factor(s)" + (f"; {more} not shown (--limit)" if more > 0 else ""))
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from . import reports  # the report model and renderers (docs/reports.md)

    try:
        formats = reports.parse_formats(args.format or ",".join(reports.FORMATS)) if args.format or args.out else []
        base = reports.load_base(args.base) if args.base else None
        revenue = reports.parse_revenue(args.net_revenue) if args.net_revenue else None
    except ValueError as error:
        print(f"ghgkit report: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    from .pipeline.progress import Progress

    # A progress line on a terminal only (never in CI logs or pipes): stages, and the elapsed time
    # while the compiled code runs.
    with Progress(4 if args.monte_carlo else 3, "report") as bar:
        bar.step("loading factors")
        with bar.waiting():
            db = _database(args.factors)
        bar.step(f"loading {Path(args.inventory).name}")
        inventory = _core.Inventory.load(args.inventory)
        bar.step(f"computing {inventory.rows} rows")
        with bar.waiting():
            result = inventory.compute(db)
        mc = None
        if args.monte_carlo:
            bar.step(f"Monte Carlo, {args.monte_carlo} iterations")
            with bar.waiting():
                mc = inventory.monte_carlo(result, db, iterations=args.monte_carlo, seed=args.seed)
    if not formats:
        print(result.to_text(), end="")
    if mc and not formats:
        print(f"\nMonte Carlo, {mc['iterations']} iterations, seed {mc['seed']} (95% interval, t CO2e):")
        for label, key in (("scope 1", "scope1"), ("scope 2 location", "scope2_location"),
                           ("scope 2 market", "scope2_market"), ("scope 3", "scope3"),
                           ("total (location)", "total_location"), ("total (market)", "total_market")):
            t = mc[key]
            print(f"  {label:<18} {t['low_kg'] / 1000:>12.3f} .. {t['high_kg'] / 1000:<12.3f}"
                  f" ({t['rows_without_uncertainty']} of {t['rows']} rows without factor uncertainty, held fixed)")
    for path, text in ((args.json, result.to_json), (args.csv, result.to_csv)):
        if path:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text())
            print(f"wrote {path}")
    if formats:
        try:
            written = reports.render(result, formats, args.out or ".", base=base, db=db,
                                     net_revenue=revenue, ets_scope1_pct=args.ets_share,
                                     significance_pct=args.significance, monte_carlo=mc)
        except ValueError as error:
            print(f"ghgkit report: error: {error}", file=sys.stderr)
            return EXIT_INVALID
        for path in written.values():
            print(f"wrote {path}")
    return EXIT_OK


def _cmd_convert(args: argparse.Namespace) -> int:
    print(f"{_core.convert(args.value, args.from_unit, args.to_unit):.12g} {args.to_unit}")
    return EXIT_OK


def _cmd_gwp(args: argparse.Namespace) -> int:
    db = _database(args.factors)
    sets = [args.set] if args.set else db.gwp_sets
    for s in sets:
        print(f"{args.gas} {s}: {db.gwp(args.gas, s):g}")
    return EXIT_OK


EXIT_EXCEEDED = 1  # ghgkit check: a budget or target was exceeded


def _cmd_check(args: argparse.Namespace) -> int:
    from .pipeline import budget as pb
    from .pipeline.progress import Progress

    budget = pb.Budget(limits=pb.limit_arguments(args.max_total, args.max_scope or [], args.max_category or []),
                       targets=pb.target_arguments(args.reduction, args.target or [], args.base_total, args.base_year))
    for path in args.budget or []:
        budget.extend(pb.load_budget(path))
    if not budget.limits and not budget.targets:
        raise pb.BudgetError("nothing to check: give --max-total, --max-scope, --max-category, --reduction, "
                             "--target or --budget FILE")
    with Progress(4, "check") as bar:
        result = pb.load_result(args.inventory, args.factors, bar)
        base = pb.load_result(args.base, args.factors) if args.base else None
        bar.update(4, "checking")
        checks = pb.check(result, budget, base, args.scope2)
    print(pb.render(checks, result, "markdown" if args.format == "md" else args.format), end="")
    return EXIT_EXCEEDED if any(c.exceeded for c in checks) else EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from .pipeline.diff import diff, load_result, to_json, to_markdown

    doc = diff(load_result(args.old), load_result(args.new), args.scope2, names=(args.old, args.new))
    text = to_json(doc) if args.format == "json" else to_markdown(doc)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text)
        print(f"wrote {args.out}")
    else:
        print(text, end="")
    return EXIT_OK


def _add_pipeline_commands(sub: Any, with_factors: Callable[[argparse.ArgumentParser], None]) -> None:
    check = sub.add_parser("check", help="check an inventory against budgets and reduction targets (exit 1 when exceeded)")
    check.add_argument("inventory", help="inventory YAML, or its result JSON (ghgkit report --json)")
    check.add_argument("--max-total", metavar="MASS", help="budget of the total, a mass with its unit: 500t, 1.2kt")
    check.add_argument("--max-scope", action="append", metavar="N=MASS", help="budget of scope N, e.g. 1=120t (repeatable)")
    check.add_argument("--max-category", action="append", metavar="N=MASS",
                       help="budget of scope 3 category N, e.g. 6=12t (repeatable)")
    check.add_argument("--budget", action="append", metavar="FILE", help="budget file (schema ghgkit.budget/1, YAML or JSON)")
    check.add_argument("--scope2", choices=["location", "market", "both"],
                       help="scope 2 method of the scope 2 and total checks (default: the budget file's, else both)")
    check.add_argument("--reduction", metavar="RATE", help="linear reduction target of the total, e.g. 4.2%%/year")
    check.add_argument("--base", metavar="BASE.json", help="base year's result: the base year and base values of targets")
    check.add_argument("--base-total", metavar="MASS", help="base year's total for --reduction (instead of --base)")
    check.add_argument("--base-year", type=int, metavar="YEAR", help="base year for --reduction (default: the inventory's base_year)")
    check.add_argument("--target", action="append", metavar="YEAR=MASS",
                       help="explicit target of the total for a year, e.g. 2030=100t (repeatable; interpolated between years)")
    check.add_argument("--format", choices=["text", "md", "markdown", "json"], default="text")
    with_factors(check)
    check.set_defaults(run=_cmd_check)

    diff = sub.add_parser("diff", help="changes between two inventory results: activity and factor effects")
    diff.add_argument("old", help="older result JSON (ghgkit report --json), or an inventory YAML")
    diff.add_argument("new", help="newer result JSON, or an inventory YAML")
    diff.add_argument("--scope2", choices=["location", "market"], default="location",
                      help="scope 2 method of the figures (default location)")
    diff.add_argument("--format", choices=["md", "markdown", "json"], default="md")
    diff.add_argument("--out", metavar="PATH", help="write to PATH instead of standard output")
    diff.set_defaults(run=_cmd_diff)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ghgkit", description="Greenhouse-gas accounting with provenance.")
    parser.add_argument("--version", action="version", version=f"ghgkit {_core.__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_factors(p: argparse.ArgumentParser) -> None:
        p.add_argument("--factors", action="append", metavar="PATH",
                       help="user factor file or directory layered over the shipped factors (repeatable)")

    calc = sub.add_parser("calc", help="calculate emissions of one activity or a CSV of activities")
    calc.add_argument("activity", nargs="?", help="activity path (e.g. electricity.grid) or factor id")
    calc.add_argument("amount", nargs="?", type=float)
    calc.add_argument("unit", nargs="?")
    calc.add_argument("--csv", help="CSV with columns activity, amount, unit[, region, year]")
    calc.add_argument("--region")
    calc.add_argument("--year", type=int)
    calc.add_argument("--gwp", default="AR6")
    calc.add_argument("--strict", action="store_true", help="refuse region and year fallbacks")
    calc.add_argument("--allow-later-year", action="store_true")
    calc.add_argument("--json", action="store_true")
    calc.add_argument("--fail-on-skipped", action="store_true", help="exit 1 when a CSV row cannot be computed")
    with_factors(calc)
    calc.set_defaults(run=_cmd_calc)

    flight = sub.add_parser("flight", help="emissions of a flight between two airports (IATA or ICAO codes)")
    flight.add_argument("origin", help="departure airport, e.g. LYS")
    flight.add_argument("destination", help="arrival airport, e.g. LIS")
    flight.add_argument("--cabin", default="average",
                        help="average (default), economy, premium_economy, business or first")
    flight.add_argument("--passengers", type=float, default=1.0)
    flight.add_argument("--round-trip", action="store_true", help="count the return flight too")
    flight.add_argument("--no-radiative-forcing", action="store_true",
                        help="direct emissions only (the factor source's factors without radiative forcing)")
    flight.add_argument("--year", type=int)
    flight.add_argument("--allow-later-year", action="store_true")
    flight.add_argument("--gwp", default="AR6")
    flight.add_argument("--json", action="store_true")
    with_factors(flight)
    flight.set_defaults(run=_cmd_flight)

    factors = sub.add_parser("factors", help="list, search, show or validate factors")
    factors.add_argument("action", choices=["list", "search", "show", "validate"])
    factors.add_argument("paths", nargs="*", help="search words, factor ids (show) or directories (validate)")
    factors.add_argument("--activity", help="activity path prefix")
    factors.add_argument("--region")
    factors.add_argument("--year", type=int)
    factors.add_argument("--source")
    factors.add_argument("--limit", type=int, default=50)
    with_factors(factors)
    factors.set_defaults(run=_cmd_factors, text=None)

    report = sub.add_parser("report", help="compute an organisation's GHG inventory and print its summary")
    report.add_argument("inventory", help="inventory YAML (schema ghgkit.inventory/1)")
    report.add_argument("--json", metavar="PATH", help="write the result as JSON (schema ghgkit.inventory-result/1)")
    report.add_argument("--csv", metavar="PATH", help="write one CSV line per input row")
    report.add_argument("--monte-carlo", type=int, metavar="N", help="also run N Monte Carlo iterations")
    report.add_argument("--seed", type=int, default=1, help="seed of the Monte Carlo generator (default 1)")
    report.add_argument("--format", metavar="LIST",
                        help="write report.<format> files for a comma-separated subset of md,html,json,csv "
                             "(default with --out: all; without --format or --out: the text summary)")
    report.add_argument("--out", metavar="DIR", help="directory of the report files (default: the current one)")
    report.add_argument("--base", metavar="BASE.json",
                        help="the base year's result (a `ghgkit report --format json` output): year-over-year comparison")
    report.add_argument("--net-revenue", metavar="AMOUNT", help="net revenue for the ESRS E1-6 intensity, e.g. 12.5e6EUR "
                        "(default: the inventory's intensity entry named 'net revenue')")
    report.add_argument("--ets-share", type=float, metavar="PCT",
                        help="percentage of scope 1 under regulated emission trading schemes (ESRS E1-6)")
    report.add_argument("--significance", type=float, default=0.0, metavar="PCT",
                        help="ESRS E1-6 lists the scope 3 categories of at least PCT%% of scope 3 (default 0: all)")
    with_factors(report)
    report.set_defaults(run=_cmd_report)

    conv = sub.add_parser("convert", help="convert a value between units")
    conv.add_argument("value", type=float)
    conv.add_argument("from_unit")
    conv.add_argument("to_unit")
    conv.set_defaults(run=_cmd_convert)

    gwp = sub.add_parser("gwp", help="GWP-100 of a gas or blend")
    gwp.add_argument("gas")
    gwp.add_argument("--set")
    with_factors(gwp)
    gwp.set_defaults(run=_cmd_gwp)
    _add_pipeline_commands(sub, with_factors)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "factors" and args.action == "validate" and not args.paths:
        args.paths = [str(_core._default_database().layers[0])]
    try:
        return int(args.run(args))
    except (Error, OSError) as error:
        print(f"ghgkit: error: {error}", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
