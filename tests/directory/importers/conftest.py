"""Helpers for the register import tests.

``data/rpss-handmade.json`` and ``data/rpss-handmade-errors.json`` are hand-made *format fixtures*
in the documented layout of the MPSV open-data file (see ``data/README.md``); the real sample is
the shipped ``komplan/directory/data/registry-sample/ukazka.json``.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
RPSS = DATA / "rpss-handmade.json"
RPSS_ERRORS = DATA / "rpss-handmade-errors.json"


def rpss_items() -> list[dict]:
    """A fresh copy of the four hand-made register records."""
    return copy.deepcopy(json.loads(RPSS.read_text(encoding="utf-8"))["polozky"])


@pytest.fixture
def write_rpss(tmp_path):
    """Write records (default: the hand-made ones) as an rpss.json-shaped file and return its path."""

    def write(items=None, name="rpss.json", **root) -> Path:
        path = tmp_path / name
        content = {**root, "polozky": rpss_items() if items is None else items}  # extra top-level keys first
        path.write_text(json.dumps(content), encoding="utf-8")
        return path

    return write


def database_state() -> dict:
    """Everything an import may touch, to show that a failed import left the database as it was."""
    from komplan.directory.models import Capacity, Location, Organization, Service, ServiceForm

    return {
        "organizations": sorted(Organization.objects.values_list("ico", "name", "updated_at")),
        "services": sorted(Service.objects.values_list("registry_id", "name", "updated_at")),
        "forms": ServiceForm.objects.count(),
        "capacities": sorted(Capacity.objects.values_list("service_form__service__registry_id", "count")),
        "locations": Location.objects.count(),
        "areas": Service.area_served.through.objects.count(),
    }
