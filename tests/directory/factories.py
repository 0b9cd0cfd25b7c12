"""Small hand-made catalogue records for tests of query, view and export logic.

These are format fixtures, not "the data": real records come from the register imports and
the demo. Every record is marked illustrative so nothing here can be mistaken for real data.
"""

from __future__ import annotations

from komplan.directory.models import Capacity, Codelist, CodelistItem, Location, Organization, Service, ServiceForm
from komplan.directory.services import refresh_search_text
from komplan.territory.models import Territory


def code(codelist: str, value: str) -> CodelistItem:
    return CodelistItem.objects.get(codelist=codelist, code=value)


def municipality(ico_or_code: str) -> Territory:
    return Territory.objects.get(level="municipality", code=ico_or_code)


def make_organization(name="Charita Slaný (test)", ico="", **fields) -> Organization:
    return Organization.objects.create(name=name, ico=ico, source="illustrative", **fields)


def make_service(
    name: str,
    type_code: str,
    *,
    organization: Organization | None = None,
    located_in: str | None = None,
    serves: tuple[str, ...] = (),
    forms: dict[str, list[tuple[str, int]]] | None = None,
    target_groups: tuple[str, ...] = (),
    **fields,
) -> Service:
    """A service of MPSV type ``type_code``; ``forms`` maps form code → [(capacity unit code, count)]."""
    service = Service.objects.create(
        organization=organization or make_organization(f"Poskytovatel {name}"),
        name=name,
        service_type=code(Codelist.SERVICE_TYPE, type_code),
        source="illustrative",
        **fields,
    )
    if located_in:
        Location.objects.create(
            service=service,
            municipality=municipality(located_in),
            street="Masarykova",
            house_number="1",
            postcode="27401",
        )
    service.area_served.set([municipality(c) for c in serves])
    service.target_groups.set([code(Codelist.TARGET_GROUP, c) for c in target_groups])
    for form_code, capacities in (forms or {}).items():
        service_form = ServiceForm.objects.create(service=service, form=code(Codelist.SERVICE_FORM, form_code))
        for unit, count in capacities:
            Capacity.objects.create(
                service_form=service_form, capacity_type=code(Codelist.CAPACITY_TYPE, unit), count=count
            )
    refresh_search_text([service])
    return service
