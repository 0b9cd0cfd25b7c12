"""Which services a process's catalogue shows, and search that ignores case and diacritics.

The records here are small hand-made fixtures for the query logic only; real data come from the
register imports.
"""

import pytest

from komplan.directory.models import Codelist, CodelistItem, Location, Organization, Service
from komplan.directory.services import refresh_search_text
from komplan.territory.models import Territory

pytestmark = pytest.mark.django_db


def _municipality(code):
    return Territory.objects.get(level="municipality", code=code)


def _service(name, type_code, *, located_in=None, serves=()):
    org = Organization.objects.create(name=f"Poskytovatel {name}", ico="")
    service = Service.objects.create(
        organization=org,
        name=name,
        service_type=CodelistItem.objects.get(codelist=Codelist.SERVICE_TYPE, code=type_code),
    )
    if located_in:
        Location.objects.create(service=service, municipality=_municipality(located_in))
    service.area_served.set([_municipality(code) for code in serves])
    refresh_search_text([service])
    return service


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
