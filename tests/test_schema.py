"""The JSON Schemas that editors use: current, and accepting every shipped data file."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from conftest import DATA
from generator.load.schema import schema_texts

SCHEMA_DIR = DATA / "schema"


def test_committed_schemas_are_up_to_date():
    expected = schema_texts()
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.schema.json")}
    assert committed == expected, "run `cchc schema` and commit data/schema/"


def _as_json(value):
    """YAML's dates become the strings an editor would see."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


DATA_FILES = sorted(p for p in DATA.rglob("*.yaml"))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_every_data_file_names_its_schema_and_passes_it(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema_path = (path.parent / first.split("$schema=", 1)[1]).resolve()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    document = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


def test_schema_rejects_a_typo_in_a_key():
    schema = json.loads((SCHEMA_DIR / "thong-tin.schema.json").read_text(encoding="utf-8"))
    document = _as_json(yaml.safe_load((DATA / "xa" / "thinh-duc" / "thong-tin.yaml").read_text(encoding="utf-8")))
    document["websit"] = document.pop("website")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
