#!/usr/bin/env python3
"""Region registry importer: countries, subdivisions, grid zones and region groups.

Reads
  - Debian's iso-codes JSON (package `iso-codes`, LGPL-2.1-or-later; the codes are ISO 3166 facts):
    /usr/share/iso-codes/json/iso_3166-1.json and iso_3166-2.json
    ($GHGKIT_ISO_CODES_DIR overrides the folder);
  - the Electricity Maps zone list in <shared data>/mlco2-impact/2021-10-27yearly_averages.csv;
  - the hand-entered tables below (Nordic bidding zones, US EPA eGRID subregions, EU27, EEA, OECD and
    the UN M49 continental regions). These are names and memberships, not factor values.
Writes
  factors/regions/iso3166_1.yaml, iso3166_2.yaml, grid_zones.yaml, groups.yaml

Run: python3 tools/importers/regions.py   (output is byte-identical from run to run)
"""
from __future__ import annotations

import csv
import gzip
import json
import re
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path
from typing import NoReturn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ISO_CODES_DIR, shared_data_dir, write_factor_file  # noqa: E402

ISO_CODES_PC = Path("/usr/share/pkgconfig/iso-codes.pc")
ELECTRICITY_MAPS_CSV = "mlco2-impact/2021-10-27yearly_averages.csv"

# --------------------------------------------------------------------------------------------------
# Nordic electricity bidding zones (Nord Pool). Finland is a single national zone, so it has none.
# Names follow the Nord Pool zone names (the city each zone is named after).
NORDIC_ZONES = [
    ("DK-DK1", "DK", "Denmark bidding zone DK1 (West Denmark)"),
    ("DK-DK2", "DK", "Denmark bidding zone DK2 (East Denmark)"),
    ("NO-NO1", "NO", "Norway bidding zone NO1 (Oslo, Southeast Norway)"),
    ("NO-NO2", "NO", "Norway bidding zone NO2 (Kristiansand, Southwest Norway)"),
    ("NO-NO3", "NO", "Norway bidding zone NO3 (Trondheim, Middle Norway)"),
    ("NO-NO4", "NO", "Norway bidding zone NO4 (Tromsø, North Norway)"),
    ("NO-NO5", "NO", "Norway bidding zone NO5 (Bergen, West Norway)"),
    ("SE-SE1", "SE", "Sweden bidding zone SE1 (Luleå)"),
    ("SE-SE2", "SE", "Sweden bidding zone SE2 (Sundsvall)"),
    ("SE-SE3", "SE", "Sweden bidding zone SE3 (Stockholm)"),
    ("SE-SE4", "SE", "Sweden bidding zone SE4 (Malmö)"),
]

# US EPA eGRID subregions (acronym, eGRID subregion name, parent). Subregions that lie wholly inside
# one state or outlying area get that ISO 3166-2 subdivision as parent (so the fallback passes through
# it); the rest span several states and hang directly under US.
EGRID_SUBREGIONS = [
    ("AKGD", "ASCC Alaska Grid", "US-AK"),
    ("AKMS", "ASCC Miscellaneous", "US-AK"),
    ("AZNM", "WECC Southwest", "US"),
    ("CAMX", "WECC California", "US"),
    ("ERCT", "ERCOT All", "US"),
    ("FRCC", "FRCC All", "US"),
    ("HIMS", "HICC Miscellaneous", "US-HI"),
    ("HIOA", "HICC Oahu", "US-HI"),
    ("MROE", "MRO East", "US"),
    ("MROW", "MRO West", "US"),
    ("NEWE", "NPCC New England", "US"),
    ("NWPP", "WECC Northwest", "US"),
    ("NYCW", "NPCC NYC/Westchester", "US"),
    ("NYLI", "NPCC Long Island", "US"),
    ("NYUP", "NPCC Upstate NY", "US"),
    ("PRMS", "Puerto Rico Miscellaneous", "US-PR"),
    ("RFCE", "RFC East", "US"),
    ("RFCM", "RFC Michigan", "US"),
    ("RFCW", "RFC West", "US"),
    ("RMPA", "WECC Rockies", "US"),
    ("SPNO", "SPP North", "US"),
    ("SPSO", "SPP South", "US"),
    ("SRMV", "SERC Mississippi Valley", "US"),
    ("SRMW", "SERC Midwest", "US"),
    ("SRSO", "SERC South", "US"),
    ("SRTV", "SERC Tennessee Valley", "US"),
    ("SRVC", "SERC Virginia/Carolina", "US"),
]

# Electricity Maps zone keys start with the country's alpha-2 code, except these prefixes.
EM_PREFIX_COUNTRY = {"AUS": "AU"}
# The `Country` column of the Electricity Maps file, checked against the parent derived from the key.
EM_COUNTRY_NAMES = {
    "Australia": "AU", "Brazil": "BR", "Canada": "CA", "Denmark": "DK", "Spain": "ES",
    "Great Britain": "GB", "India": "IN", "Italy": "IT", "Japan": "JP", "Malaysia": "MY",
    "Norway": "NO", "New Zealand": "NZ", "Russia": "RU", "United States of America": "US",
}
# Zones that lie wholly inside an ISO 3166-2 subdivision: parent that subdivision, not the country.
EM_PARENT_OVERRIDES = {
    "ES-CN-": "ES-CN",    # Canary Islands zones -> Canarias
    "ES-IB-": "ES-IB",    # Balearic Islands zones -> Illes Balears
    "US-HI-OA": "US-HI",  # Oahu -> Hawaii
}
# A zone key equal to an ISO 3166-2 code names that subdivision when the names agree (then the zone is
# not duplicated). When they disagree, the decision is recorded here: "same" reuses the subdivision,
# "distinct" registers the zone as EM-<zone key> so it cannot be mistaken for the subdivision.
EM_COLLISIONS = {
    "US-TX": ("same", "Electricity Maps names the zone ERCOT; it stands for Texas"),
    "IT-NO": ("distinct", "Electricity Maps: North Italy bidding zone; ISO 3166-2 IT-NO: Novara province"),
    "IT-SO": ("distinct", "Electricity Maps: South Italy bidding zone; ISO 3166-2 IT-SO: Sondrio province"),
}

# --------------------------------------------------------------------------------------------------
# Region groups. Members are ISO 3166-1 alpha-2 codes.
EU27 = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
        "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]
EEA_EFTA = ["IS", "LI", "NO"]
OECD = ["AT", "AU", "BE", "CA", "CH", "CL", "CO", "CR", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB",
        "GR", "HU", "IE", "IL", "IS", "IT", "JP", "KR", "LT", "LU", "LV", "MX", "NL", "NO", "NZ", "PL",
        "PT", "SE", "SI", "SK", "TR", "US"]

# UN M49 geographic regions, by sub-region (intermediate region where M49 has one), transcribed from
# the UNSD M49 standard. Taiwan (TW) has no entry of its own in M49; it is placed in Eastern Asia.
M49 = {
    "AFRICA": {  # 002
        "Northern Africa (015)": "DZ EG EH LY MA SD TN",
        "Eastern Africa (014)": "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW",
        "Middle Africa (017)": "AO CD CF CG CM GA GQ ST TD",
        "Southern Africa (018)": "BW LS NA SZ ZA",
        "Western Africa (011)": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",
    },
    "ASIA": {  # 142
        "Central Asia (143)": "KG KZ TJ TM UZ",
        "Eastern Asia (030)": "CN HK JP KP KR MN MO TW",
        "South-eastern Asia (035)": "BN ID KH LA MM MY PH SG TH TL VN",
        "Southern Asia (034)": "AF BD BT IN IR LK MV NP PK",
        "Western Asia (145)": "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE",
    },
    "EUROPE": {  # 150
        "Eastern Europe (151)": "BG BY CZ HU MD PL RO RU SK UA",
        "Northern Europe (154)": "AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ",
        "Southern Europe (039)": "AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA",
        "Western Europe (155)": "AT BE CH DE FR LI LU MC NL",
    },
    "NORTH_AMERICA": {  # 003 = Northern America + Central America + Caribbean
        "Northern America (021)": "BM CA GL PM US",
        "Central America (013)": "BZ CR GT HN MX NI PA SV",
        "Caribbean (029)": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC "
                           "TT VC VG VI",
    },
    "SOUTH_AMERICA": {  # 005
        "South America (005)": "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE",
    },
    "OCEANIA": {  # 009
        "Australia and New Zealand (053)": "AU CC CX HM NF NZ",
        "Melanesia (054)": "FJ NC PG SB VU",
        "Micronesia (057)": "FM GU KI MH MP NR PW UM",
        "Polynesia (061)": "AS CK NU PF PN TK TO TV WF WS",
    },
}
M49_NAMES = {
    "AFRICA": "Africa (UN M49 region 002)",
    "ASIA": "Asia (UN M49 region 142)",
    "EUROPE": "Europe (UN M49 region 150)",
    "NORTH_AMERICA": "North America (UN M49 area 003: Northern America, Central America, Caribbean)",
    "SOUTH_AMERICA": "South America (UN M49 area 005)",
    "OCEANIA": "Oceania (UN M49 region 009)",
}
M49_UNASSIGNED = {"AQ"}  # Antarctica: M49 area 010, in none of the groups above

GROUP_SOURCES = [
    {
        "id": "eu-member-states",
        "publisher": "European Union",
        "title": "EU countries (member states of the European Union)",
        "year": 2020,
        "url": "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
        "licence": "Commission Decision 2011/833/EU (reuse with acknowledgement)",
        "notes": "27 member states since the United Kingdom left on 2020-02-01; membership is a public fact.",
    },
    {
        "id": "eea-agreement",
        "publisher": "European Free Trade Association (EFTA)",
        "title": "Agreement on the European Economic Area: the EU member states plus Iceland, "
                 "Liechtenstein and Norway",
        "year": 2020,
        "url": "https://www.efta.int/eea",
        "licence": "public fact (treaty membership)",
    },
    {
        "id": "oecd-members",
        "publisher": "OECD",
        "title": "Members and partners of the OECD",
        "year": 2024,
        "url": "https://www.oecd.org/en/about/members-partners.html",
        "licence": "public fact (membership of the OECD Convention)",
        "notes": "38 members; Costa Rica, the latest, joined on 2021-05-25.",
    },
    {
        "id": "un-m49",
        "publisher": "United Nations Statistics Division",
        "title": "Standard country or area codes for statistical use (M49), geographic regions",
        "year": 2020,
        "url": "https://unstats.un.org/unsd/methodology/m49/",
        "licence": "United Nations terms of use (the classification is a public fact)",
        "retrieved": "transcribed from the UNSD M49 table as mirrored in lukes/ISO-3166-Countries-with-"
                     "Regional-Codes all/all.csv (UNSD data retrieved 2020-12-08); cross-checked "
                     "against country_converter 1.3.2 (UNregion column)",
        "notes": "Taiwan (TW) has no M49 entry of its own and is placed in Asia; Antarctica (AQ) is in "
                 "no continental group.",
    },
]


# --------------------------------------------------------------------------------------------------
def fail(message: str) -> NoReturn:
    raise SystemExit(f"regions.py: {message}")


def iso_codes_version() -> str:
    """The installed iso-codes version: dpkg's record, else the package's pkg-config file."""
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
                             capture_output=True, text=True, check=False)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except OSError:
        pass
    if ISO_CODES_PC.is_file():
        match = re.search(r"^Version:\s*(\S+)\s*$", ISO_CODES_PC.read_text(encoding="utf-8"), re.M)
        if match:
            return match.group(1)
    fail("cannot tell the iso-codes version: neither `dpkg-query -W iso-codes` nor "
         f"{ISO_CODES_PC} answers. Install Debian's `iso-codes` package (apt-get install iso-codes).")


def iso_codes_year(version: str) -> int:
    """Release year of the installed iso-codes, from its upstream changelog (deterministic)."""
    upstream = version.split("-")[0]
    for path in (Path("/usr/share/doc/iso-codes/changelog.gz"), Path("/usr/share/doc/iso-codes/changelog.Debian.gz")):
        if not path.is_file():
            continue
        text = gzip.open(path, "rt", encoding="utf-8", errors="replace").read()
        match = re.search(r"^## \[" + re.escape(upstream) + r"\][^\n]*?(\d{4})-\d{2}-\d{2}", text, re.M)
        if match:
            return int(match.group(1))
        match = re.search(r"^ -- .*?(\d{4}) \d\d:\d\d:\d\d", text, re.M)  # first Debian entry
        if match:
            return int(match.group(1))
    fail(f"cannot find the release year of iso-codes {version} in /usr/share/doc/iso-codes/")


def wrap(text: str, indent: str, width: int = 98) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False)


def load_json(name: str, key: str) -> list[dict]:
    path = ISO_CODES_DIR / name
    if not path.is_file():
        fail(f"{path} not found: install Debian's `iso-codes` package or set GHGKIT_ISO_CODES_DIR")
    return json.loads(path.read_text(encoding="utf-8"))[key]


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for comparing names from two sources."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


# --------------------------------------------------------------------------------------------------
def build_countries(raw: list[dict]) -> list[dict]:
    countries = sorted(raw, key=lambda c: c["alpha_2"])
    return [{"code": c["alpha_2"], "alpha3": c["alpha_3"], "name": c["name"], "kind": "country"}
            for c in countries]


def build_subdivisions(raw: list[dict], country_codes: set[str]) -> list[dict]:
    codes = {s["code"] for s in raw}
    if len(codes) != len(raw):
        fail("iso_3166-2.json repeats a subdivision code")
    out = []
    for s in sorted(raw, key=lambda s: s["code"]):
        country = s["code"].split("-")[0]
        if country not in country_codes:
            fail(f"subdivision {s['code']} belongs to no ISO 3166-1 country")
        parent = country
        if "parent" in s:
            # iso-codes gives the parent either whole ("GB-SCT") or as the part after the dash ("21").
            parent = s["parent"] if "-" in s["parent"] else f"{country}-{s['parent']}"
            if parent not in codes:
                fail(f"subdivision {s['code']} names parent {parent}, which iso_3166-2.json lacks")
        out.append({"code": s["code"], "name": s["name"], "kind": "subdivision", "parent": parent})
    return out


def electricity_maps_zones(path: Path) -> dict[str, tuple[str, str]]:
    """zone_key -> (Country, Zone Name) from the Electricity Maps yearly-averages file."""
    if not path.is_file():
        fail(f"{path} not found")
    zones: dict[str, tuple[str, str]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = {"zone_key", "Country", "Zone Name"} - set(reader.fieldnames or [])
        if missing:
            fail(f"{path}: missing columns {sorted(missing)}")
        for row in reader:
            key = row["zone_key"].strip()
            value = (row["Country"].strip(), row["Zone Name"].strip())
            if zones.setdefault(key, value) != value:
                fail(f"{path}: zone {key} has two names: {zones[key]} and {value}")
    return zones


def electricity_maps_region_code(zone_key: str) -> str:
    """The ghgkit region code of an Electricity Maps zone key (for the factor importers too)."""
    decision = EM_COLLISIONS.get(zone_key, ("same", ""))[0]
    return zone_key if decision == "same" else f"EM-{zone_key}"


def build_grid_zones(countries: dict[str, dict],
                     subdivisions: dict[str, str]) -> tuple[list[dict], list[str], list[str], list[str]]:
    """Grid zones; the Electricity Maps keys that reuse an ISO 3166-2 code, those renamed EM-<key>;
    and a log of those decisions."""
    zones: dict[str, dict] = {}
    log: list[str] = []
    reused: list[str] = []
    renamed: list[str] = []

    def add(code: str, name: str, parent: str) -> None:
        if code in countries or code in subdivisions:
            fail(f"grid zone {code} collides with an ISO 3166 code")
        if parent not in countries and parent not in subdivisions:
            fail(f"grid zone {code}: parent {parent} is not an ISO 3166 code")
        if code in zones:
            if zones[code]["parent"] != parent:
                fail(f"grid zone {code} given two parents: {zones[code]['parent']} and {parent}")
            return
        zones[code] = {"code": code, "name": name, "kind": "grid_zone", "parent": parent}

    for code, parent, name in NORDIC_ZONES:
        add(code, name, parent)
    for acronym, name, parent in EGRID_SUBREGIONS:
        add(f"US-EGRID-{acronym}", f"eGRID subregion {acronym} ({name})", parent)

    em = electricity_maps_zones(shared_data_dir() / ELECTRICITY_MAPS_CSV)
    country_codes = set(countries)
    for key in sorted(em):
        country_name, zone_name = em[key]
        prefix = key.split("-")[0]
        country = EM_PREFIX_COUNTRY.get(prefix, prefix)
        if country not in country_codes:
            fail(f"Electricity Maps zone {key}: prefix {prefix} is no ISO 3166-1 country; "
                 "add it to EM_PREFIX_COUNTRY")
        if EM_COUNTRY_NAMES.get(country_name) != country:
            fail(f"Electricity Maps zone {key}: country column {country_name!r} does not match {country}; "
                 "check the zone and EM_COUNTRY_NAMES")
        if key in country_codes:
            log.append(f"{key}: is the country itself")
            continue
        if key in subdivisions:
            if key in EM_COLLISIONS:
                decision, why = EM_COLLISIONS[key]
            elif fold(zone_name) == fold(subdivisions[key]):
                decision, why = "same", f"same name as ISO 3166-2 {key} ({subdivisions[key]})"
            else:
                fail(f"Electricity Maps zone {key} ({zone_name}) equals ISO 3166-2 {key} "
                     f"({subdivisions[key]}) with another name: record a decision in EM_COLLISIONS")
            if decision == "same":
                log.append(f"{key}: ISO 3166-2 subdivision reused ({why})")
                reused.append(key)
                continue
            code = f"EM-{key}"
            renamed.append(code)
            log.append(f"{key}: registered as {code} ({why})")
        else:
            code = key
        parent = country
        for pattern, target in EM_PARENT_OVERRIDES.items():
            if key == pattern or (pattern.endswith("-") and key.startswith(pattern)):
                parent = target
        zone_name = re.sub(r"\.{2,}$", ".", zone_name)  # the source has "Inc.." once
        add(code, f"{zone_name} ({country_name}; Electricity Maps zone {key})", parent)

    # A Nordic zone that Electricity Maps also lists keeps its Nord Pool name (added first).
    return sorted(zones.values(), key=lambda z: z["code"]), reused, renamed, log


def build_groups(country_codes: set[str]) -> list[dict]:
    groups = [
        {"code": "EU27", "name": "European Union (27 member states from 2020-02-01)",
         "members": sorted(EU27), "source": "eu-member-states"},
        {"code": "EEA", "name": "European Economic Area (EU27, Iceland, Liechtenstein, Norway)",
         "members": sorted(EU27 + EEA_EFTA), "source": "eea-agreement"},
        {"code": "OECD", "name": "OECD member countries (38, as of 2024)",
         "members": sorted(OECD), "source": "oecd-members"},
    ]
    seen: dict[str, str] = {}
    for code in ("EUROPE", "AFRICA", "ASIA", "NORTH_AMERICA", "SOUTH_AMERICA", "OCEANIA"):
        members: list[str] = []
        for sub in M49[code].values():
            members.extend(sub.split())
        for member in members:
            if member in seen:
                fail(f"M49 table puts {member} in both {seen[member]} and {code}")
            seen[member] = code
        groups.append({"code": code, "name": M49_NAMES[code], "members": sorted(members),
                       "source": "un-m49"})
    unplaced = country_codes - set(seen) - M49_UNASSIGNED
    if unplaced:
        fail(f"countries in no M49 continental group: {sorted(unplaced)}")
    if len(EU27) != 27 or len(set(EU27)) != 27:
        fail("EU27 must list 27 distinct members")
    if len(OECD) != 38 or len(set(OECD)) != 38:
        fail("OECD must list 38 distinct members")
    for group in groups:
        unknown = set(group["members"]) - country_codes
        if unknown:
            fail(f"group {group['code']}: members not in ISO 3166-1: {sorted(unknown)}")
    return groups


# --------------------------------------------------------------------------------------------------
def main() -> None:
    version = iso_codes_version()
    year = iso_codes_year(version)
    raw_countries = load_json("iso_3166-1.json", "3166-1")
    raw_subdivisions = load_json("iso_3166-2.json", "3166-2")

    countries = build_countries(raw_countries)
    country_codes = {c["code"] for c in countries}
    if "WORLD" in country_codes:
        fail("iso_3166-1.json defines WORLD")
    subdivisions = build_subdivisions(raw_subdivisions, country_codes)
    subdivision_names = {s["code"]: s["name"] for s in subdivisions}

    generated = "Generated by tools/importers/regions.py; do not edit by hand."
    iso_header = [
        generated,
        f"Source: ISO 3166 codes as published in Debian iso-codes {version}",
        f"({ISO_CODES_DIR}), list data LGPL-2.1-or-later; the codes themselves are ISO 3166 facts.",
    ]
    source = {
        "id": "iso-3166",
        "publisher": f"ISO (via Debian iso-codes {version})",
        "title": "ISO 3166-1 country codes and ISO 3166-2 country subdivision codes",
        "year": year,
        "url": "https://www.iso.org/iso-3166-country-codes.html",
        "licence": "LGPL-2.1-or-later",
        "retrieved": f"Debian package iso-codes {version}: iso_3166-1.json, iso_3166-2.json",
        "notes": "The codes and names are facts from ISO 3166-1 and ISO 3166-2; the machine-readable list "
                 "is Debian iso-codes, licensed LGPL-2.1-or-later.",
    }
    world = {"code": "WORLD", "name": "World", "kind": "world"}
    write_factor_file("regions/iso3166_1.yaml", {"sources": [source], "regions": [world] + countries},
                      iso_header + ["Countries (ISO 3166-1 alpha-2 and alpha-3) and WORLD."])
    write_factor_file("regions/iso3166_2.yaml", {"regions": subdivisions},
                      iso_header + [
                          "Country subdivisions (ISO 3166-2); source id iso-3166 (in iso3166_1.yaml).",
                          "Parent: the subdivision iso-codes names as parent where it names one "
                          "(e.g. department -> region), else the country.",
                      ])

    zones, reused, renamed, log = build_grid_zones({c["code"]: c for c in countries}, subdivision_names)
    zone_sources = [
        {"id": "nordpool-bidding-zones", "publisher": "Nord Pool", "title": "Bidding areas of the Nordic power market",
         "year": 2024, "url": "https://www.nordpoolgroup.com/", "licence": "zone names and codes cited as facts"},
        {"id": "epa-egrid-subregions", "publisher": "US Environmental Protection Agency",
         "title": "Emissions & Generation Resource Integrated Database (eGRID) subregions", "year": 2016,
         "url": "https://www.epa.gov/egrid", "licence": "Public domain (US Government work)"},
        {"id": "electricitymaps-zones", "publisher": "Electricity Maps",
         "title": "Zone keys of the yearly average carbon intensity file", "year": 2021,
         "url": "https://www.electricitymaps.com/", "licence": "MIT (as redistributed in mlco2/impact)",
         "retrieved": f"mlco2/impact@d0d3ee5 {ELECTRICITY_MAPS_CSV}"},
    ]
    write_factor_file("regions/grid_zones.yaml", {"sources": zone_sources, "regions": zones}, [
        generated,
        "Electricity grid zones. Sources of the codes and names:",
        "- Nordic bidding zones (DK-DK1..2, NO-NO1..5, SE-SE1..4): Nord Pool bidding areas,",
        "  https://www.nordpoolgroup.com/ (Finland is a single national zone, so it has none here).",
        "- US-EGRID-<acronym>: US EPA eGRID subregions, https://www.epa.gov/egrid (27 subregions).",
        "- Electricity Maps zones: zone keys of the Electricity Maps yearly averages file",
        f"  ({ELECTRICITY_MAPS_CSV} in the shared data: mlco2/impact @ d0d3ee5, MIT),",
        "  https://www.electricitymaps.com/. Zone key = region code, except:",
        "  - a key equal to an ISO 3166-2 code of the same area is that subdivision and is not repeated",
        *wrap("here: " + ", ".join(reused) + ";", "    "),
        *wrap("; ".join(f"{k}: {why}" for k, (d, why) in EM_COLLISIONS.items()
                        if d == "same" and k in reused) + ";", "    "),
        "  - a key equal to an ISO 3166-2 code of another area is registered as EM-<key>:",
        *wrap("; ".join(f"{code}: {EM_COLLISIONS[code[3:]][1]}" for code in renamed) + ".", "    "),
        "  Parent: the country (AUS-* is Australia, AU), or the ISO 3166-2 subdivision holding the zone:",
        *wrap(", ".join(f"{k}{'*' if k.endswith('-') else ''} -> {v}"
                        for k, v in EM_PARENT_OVERRIDES.items()) + ".", "    "),
    ])

    groups = build_groups(country_codes)
    write_factor_file("regions/groups.yaml", {"sources": GROUP_SOURCES, "region_groups": groups}, [
        generated,
        "Region groups used as fallbacks between a country and WORLD. Members: ISO 3166-1 alpha-2.",
        "EU27 and EEA: European Union / EFTA; OECD: oecd.org (38 members as of 2024);",
        "continents: UN M49 geographic regions (North America = M49 area 003).",
    ])

    em_count = sum(1 for z in zones if z["code"] not in {c for c, _, _ in NORDIC_ZONES}
                   and not z["code"].startswith("US-EGRID-"))
    print(f"iso-codes {version}: {len(countries)} countries, {len(subdivisions)} subdivisions")
    print(f"grid zones: {len(zones)} ({len(NORDIC_ZONES)} Nordic, {len(EGRID_SUBREGIONS)} eGRID, "
          f"{em_count} Electricity Maps only)")
    for line in log:
        print(f"  {line}")
    print("groups: " + ", ".join(f"{g['code']} {len(g['members'])}" for g in groups))


if __name__ == "__main__":
    main()
