"""komplan's compact copy of the HSDS 3.0 tabular schema agrees with Open Referral's datapackage.json."""

import json
from pathlib import Path

from komplan.directory.hsds_tables import HSDS_VERSION, TABLES, resource_descriptor

OFFICIAL = json.loads((Path(__file__).resolve().parent / "hsds_schema" / "datapackage.json").read_text())
DOCUMENTATION = ("title", "description", "example", "core")


def _without_documentation(resource: dict) -> dict:
    resource = {key: value for key, value in resource.items() if key not in DOCUMENTATION}
    schema = dict(resource["schema"])
    schema["fields"] = [{k: v for k, v in f.items() if k not in DOCUMENTATION} for f in schema["fields"]]
    return {**resource, "schema": schema}


def test_every_table_field_and_key_is_as_in_hsds_3():
    assert OFFICIAL["version"] == HSDS_VERSION
    assert [r["name"] for r in OFFICIAL["resources"]] == list(TABLES)
    for official in OFFICIAL["resources"]:
        assert resource_descriptor(official["name"]) == _without_documentation(official), official["name"]
