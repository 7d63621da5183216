"""Shared fixtures: the shipped database, the repository's paths, and the raw data when present."""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Callable

import pytest

import ghgkit

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"
# The raw data folder the importers read (tools/importers/_common.shared_data_dir): $GHGKIT_SHARED_DATA,
# else ../shared/data beside the repository.
DATA = Path(os.environ.get("GHGKIT_SHARED_DATA") or SHARED_DATA)


def skip_module_without_raw_data(what: str, needed: Path | None = None) -> None:
    """Call at module level: skip the whole module when the raw data is absent, that is the folder DATA,
    or the file `needed` when one is given. `what` ends the skip message and says what cannot be checked."""
    if needed is None:
        if DATA.is_dir():
            return
        message = (f"raw data folder {DATA} not found (it is ../shared/data beside the repository, or set "
                   f"GHGKIT_SHARED_DATA): {what}")
    else:
        if needed.is_file():
            return
        message = (f"raw data file {needed} not found (the shared data folder is ../shared/data beside the "
                   f"repository, or set GHGKIT_SHARED_DATA): {what}")
    pytest.skip(message, allow_module_level=True)


def yaml_loader(folder: Path) -> Callable[[str], dict]:
    """A cached reader of the YAML files of `folder`: loader(name) is the parsed file (needs PyYAML)."""
    import yaml

    @functools.lru_cache(maxsize=None)
    def doc(name: str) -> dict:
        return yaml.safe_load((folder / name).read_text(encoding="utf-8"))

    return doc


def coefficient_documents(folder: Path) -> list[Path]:
    """The coefficient documents of `folder`: *.yaml files whose schema is ghgkit.coefficients/1."""
    import yaml

    return sorted(p for p in folder.glob("*.yaml")
                  if yaml.safe_load(p.read_text(encoding="utf-8")).get("schema") == "ghgkit.coefficients/1")


@pytest.fixture(scope="session")
def db() -> ghgkit.FactorDatabase:
    return ghgkit.FactorDatabase.default()


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
