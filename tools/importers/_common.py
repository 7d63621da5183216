"""Shared helpers for the factor importers: locating raw data and writing deterministic YAML.

Every importer turns files of ../shared/data (or a system data package) into factors/ YAML.
Running an importer twice must give byte-identical files, so output goes through `write_factor_file`
only: fixed key order, shortest round-trip floats, no timestamps.
"""
from __future__ import annotations

import csv
import json
import math
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

REPO_ROOT = Path(__file__).resolve().parents[2]
FACTORS_DIR = REPO_ROOT / "factors"
SCHEMA = "ghgkit.factors/1"
COEF_SCHEMA = "ghgkit.coefficients/1"
ISO_CODES_DIR = Path(os.environ.get("GHGKIT_ISO_CODES_DIR", "/usr/share/iso-codes/json"))


def shared_data_dir() -> Path:
    """The raw public data folder: $GHGKIT_SHARED_DATA, else ../shared/data beside the repository."""
    env = os.environ.get("GHGKIT_SHARED_DATA")
    path = Path(env) if env else REPO_ROOT.parent / "shared" / "data"
    if not path.is_dir():
        raise SystemExit(f"raw data folder not found: {path} (set GHGKIT_SHARED_DATA)")
    return path


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"non-finite number {value!r} cannot be written as a factor value")
        text = repr(value)
        return text
    text = str(value)
    plain_ok = (
        text != ""
        and text.strip() == text
        and not any(c in text for c in ":#{}[],&*!|>'\"%@`\n")
        and text.lower() not in {"null", "true", "false", "yes", "no", "on", "off", "~"}
        and not text[0] in "-?"
        and not _looks_numeric(text)
    )
    if plain_ok:
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return text.startswith(".") or text[0].isdigit()


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def _block(value: Any, indent: int) -> list[str]:
    """Block style for the top levels; mappings and lists of scalars inside an entry go flow style."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, list) and item and isinstance(item[0], dict):
                lines.append(f"{pad}{_scalar(key)}:")
                lines.extend(_block(item, indent + 2))
            elif isinstance(item, dict) and indent == 0:
                lines.append(f"{pad}{_scalar(key)}:")
                lines.extend(_block(item, indent + 2))
            else:
                lines.append(f"{pad}{_scalar(key)}: {_flow(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                sub = _block(item, indent + 2)
                sub[0] = f"{pad}- " + sub[0].lstrip()
                lines.extend(sub)
            else:
                lines.append(f"{pad}- {_flow(item)}")
    else:
        lines.append(f"{pad}{_scalar(value)}")
    return lines


def render(doc: dict[str, Any], header: Iterable[str] = ()) -> str:
    """The YAML text of `doc` (a dict whose first key should be `schema`), with comment lines on top."""
    out = [f"# {line}".rstrip() for line in header]
    out.extend(_block(doc, 0))
    return "\n".join(out) + "\n"


def write_factor_file(relative: str, doc: dict[str, Any], header: Iterable[str] = ()) -> Path:
    """Write factors/<relative> deterministically and return its path."""
    if "schema" not in doc:
        doc = {"schema": SCHEMA, **doc}
    path = FACTORS_DIR / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(doc, header), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------------
# helpers the importers share: reading raw files, numbers as written, activity words, comment text


def iso_codes(name: str, key: str) -> list[dict]:
    """The `key` list of Debian iso-codes' JSON file `name` (e.g. "iso_3166-1.json", "3166-1")."""
    path = ISO_CODES_DIR / name
    if not path.is_file():
        raise SystemExit(f"{path} not found: install Debian's `iso-codes` package or set GHGKIT_ISO_CODES_DIR")
    return json.loads(path.read_text(encoding="utf-8"))[key]


def read_csv(path: Path, skip: int = 0) -> list[dict[str, str]]:
    """Rows of a CSV file as dicts; `skip` lines before the header (Green Algorithms files start with an
    'index' line describing the columns)."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        for _ in range(skip):
            fh.readline()
        return list(csv.DictReader(fh))


def read_csv_rows(path: Path) -> list[list[str]]:
    """Rows of a CSV file as lists of cells, header row included."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


def number(text: Any, *, missing: Iterable[str] = (), exponent: bool = True) -> int | float | None:
    """The raw number as written: integer text stays int, an int or float value passes through.

    None for an empty cell or one whose lower-case text is in `missing` (e.g. ("nan",)). ValueError for a
    bool, text that is not a number, a non-finite value and, with exponent=False, a float whose repr uses
    exponent notation (YAML 1.1 readers take '1e-05' for text).
    """
    if isinstance(text, bool):
        raise ValueError(f"not a number: {text!r}")
    if isinstance(text, (int, float)):
        value: int | float = text
    else:
        t = str(text).strip()
        if t == "" or t.lower() in missing:
            return None
        value = int(t) if re.fullmatch(r"-?\d+", t) else float(t)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"non-finite number {text!r}")
        if not exponent and ("e" in repr(value) or "E" in repr(value)):
            raise ValueError(f"{text!r} would be written in exponent notation, which YAML 1.1 reads as text")
    return value


class Plain(float):
    """A float whose YAML text never uses exponent notation (YAML 1.1 readers take '1e-05' for text)."""

    def __repr__(self) -> str:
        text = float.__repr__(self)
        if "e" in text or "E" in text:
            text = format(Decimal(text), "f")
            if "." not in text:
                text += ".0"
        return text


def slug(text: str, also: str = "") -> str:
    """A lower-case activity path word: each run of characters other than [a-z0-9_-] and those of `also`
    becomes '-', and '-' and `also` are stripped from both ends; ValueError if nothing is left."""
    s = re.sub(f"[^a-z0-9_{re.escape(also)}-]+", "-", text.strip().lower()).strip("-" + also)
    if not s:
        raise ValueError(f"nothing left of {text!r} after slugging")
    return s


def wrap(text: str, indent: str, width: int = 100) -> list[str]:
    """Comment lines of `text` cut at single spaces, each starting with `indent` and at most `width` long
    (a word longer than a line stands alone); no trailing spaces."""
    out: list[str] = []
    line = indent
    for word in text.split(" "):
        if len(line) + len(word) + 1 > width and line.strip():
            out.append(line.rstrip())
            line = indent
        line += word + " "
    if line.strip():
        out.append(line.rstrip())
    return out


def check_yaml11(value: Any, where: str) -> None:
    """Refuse floats that would be written like 6e-05 (no '.'), which YAML 1.1 parsers read as text."""
    if isinstance(value, dict):
        for k, v in value.items():
            check_yaml11(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            check_yaml11(v, f"{where}[{i}]")
    elif isinstance(value, float) and "e" in repr(value) and "." not in repr(value):
        raise SystemExit(f"{where}: {value!r} would be written in a form YAML 1.1 reads as text")


def write_coefficient_file(folder: str, name: str, doc: dict[str, Any], header: Iterable[str]) -> Path:
    """Write factors/<folder>/<name> as a ghgkit.coefficients/1 document, after check_yaml11."""
    check_yaml11(doc, name)
    return write_factor_file(f"{folder}/{name}", {"schema": COEF_SCHEMA, **doc}, header)
