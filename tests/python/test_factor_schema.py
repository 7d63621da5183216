"""The JSON Schema editors use (factors/schema/ghgkit-factors.schema.json) accepts every shipped
factor file and refuses the mistakes it can see."""
from __future__ import annotations

import json

import jsonschema  # a test dependency (tools/bootstrap.sh, pyproject's `test` extra)
import pytest
import yaml

from conftest import REPO

SCHEMA = json.loads((REPO / "factors/schema/ghgkit-factors.schema.json").read_text(encoding="utf-8"))
FACTOR_FILES = sorted(p for p in (REPO / "factors").rglob("*.yaml")
                      if yaml.safe_load(p.read_text(encoding="utf-8")).get("schema") == "ghgkit.factors/1")


def test_the_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", FACTOR_FILES, ids=lambda p: str(p.relative_to(REPO / "factors")))
def test_every_shipped_factor_file_validates(path):
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMA,
                        cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("document, message", [
    ({"schema": "ghgkit.factors/2"}, "ghgkit.factors/1"),
    ({"schema": "ghgkit.factors/1", "factor": []}, "Additional properties"),
    ({"schema": "ghgkit.factors/1", "factors": [{"id": "x", "values": {"CO2": -1}}]}, "-1"),
    ({"schema": "ghgkit.factors/1", "factors": [{"id": "x", "values": {"CO2": 1}, "yaer": 2020}]}, "yaer"),
    ({"schema": "ghgkit.factors/1", "sources": [{"id": "s", "publisher": "p", "title": "t", "year": 2020}]},
     "licence"),
])
def test_the_schema_refuses_what_it_can_see(document, message):
    with pytest.raises(jsonschema.ValidationError, match=message):
        jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
