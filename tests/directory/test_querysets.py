"""Which services a process's catalogue shows, and search that ignores case and diacritics.

The records here are small hand-made fixtures for the query logic only; real data come from the
register imports.
"""

import pytest

from komplan.directory.models import Service
from tests.directory.factories import make_service, municipality

pytestmark = pytest.mark.django_db


def _municipality(code):
    return municipality(code)


def _service(name, type_code, *, located_in=None, serves=()):
    return make_service(name, type_code, located_in=located_in, serves=serves)


def test_the_catalogue_of_an_area_has_located_and_field_services():
    home = _service("Domov Slaný", "13", located_in="532819")
    field = _service("Pečovatelská služba Kladno", "4", located_in="532053", serves=["532819", "532053"])
    elsewhere = _service("Domov Přerov", "13", located_in="511382")
    found = set(Service.objects.serving([_municipality("532819")]))
    assert found == {home, field}
    assert elsewhere not in found


def test_search_ignores_case_and_diacritics():
    home_care = _service("Pečovatelská služba Slaný", "4", located_in="532819")
    _service("Domov Slaný", "13", located_in="532819")
    assert list(Service.objects.search("pecovatelska SLUZBA")) == [home_care]
    assert list(Service.objects.search("domovy pro seniory"))[0].name == "Domov Slaný"  # the type's name
    assert list(Service.objects.search("slany")) != []
