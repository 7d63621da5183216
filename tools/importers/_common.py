"""Shared helpers for the factor importers: locating raw data and writing deterministic YAML.

Every importer turns files of ../shared/data (or a system data package) into factors/ YAML.
Running an importer twice must give byte-identical files, so output goes through `write_factor_file`
only: fixed key order, shortest round-trip floats, no timestamps.
"""
from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any, Iterable

REPO_ROOT = Path(__file__).resolve().parents[2]
FACTORS_DIR = REPO_ROOT / "factors"
SCHEMA = "ghgkit.factors/1"


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
