"""Shared fixtures: the shipped database, the repository's paths, and the raw data when present."""
from __future__ import annotations

from pathlib import Path

import pytest

import ghgkit

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def db() -> ghgkit.FactorDatabase:
    return ghgkit.FactorDatabase.default()


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
