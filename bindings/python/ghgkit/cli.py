"""The ghgkit command line: `ghgkit calc`, `ghgkit flight`, `ghgkit factors`, `ghgkit report`,
`ghgkit convert`, `ghgkit gwp`.

Exit codes: 0 success (skipped rows are listed with their reason), 1 rows were skipped and
--fail-on-skipped was given, 2 invalid input.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from typing import Any, Sequence

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
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
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
    inventory = _core.Inventory.load(args.inventory)
    result = inventory.compute(_database(args.factors))
    print(result.to_text(), end="")
    if args.monte_carlo:
        mc = inventory.monte_carlo(result, _database(args.factors), iterations=args.monte_carlo, seed=args.seed)
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
