"""Import a catalogue in the format of ``zdenekpesicka/AutomatizaceKatalogu`` (e.g. its ``ukazka.json``).

That project turns the MPSV register and the ÚZIS health register into one list of *places*
(``mista[]``, one per RÚIAN address point), each with the services provided there
(``sluzby[]``). Schema: ``katalog.schema.json`` (version 1.x). A registered social service
(``zdroj: "MPSV"``, id ``mpsv-<portalId>``) can appear at several places; it becomes one komplan
service with a location per place. Health-care services (``zdroj: "UZIS"``) are not registered
social services and are skipped (listed in ``report.skipped``).

The catalogue gives less than the register: provider name and IČO only, contacts already merged
(service's, else provider's), no target or age groups, capacity without its official text. What
it does not give is left as it is in komplan.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..models import Codelist, Source
from .base import (
    CapacityData,
    FormData,
    ImportReport,
    LocationData,
    Lookups,
    OrganizationData,
    RecordProblems,
    RegistryFileError,
    ServiceData,
    area_served,
    as_list,
    clean_coordinate,
    clean_count,
    clean_date,
    clean_ico,
    clean_positive_int,
    clean_postcode,
    clean_text,
    contact,
    reference,
    resolve_code,
    resolve_municipality,
    short,
)
from .stream import JsonStream, Progress
from .writer import Provenance, write

ORIGIN = "zdenekpesicka/AutomatizaceKatalogu"
_SERVICE_ID = re.compile(r"^mpsv-(\d+)$")
_SAME_REGISTRATION = ("poskytovatel", "druhSluzby", "formy", "datumPoskytovaniOd", "datumPoskytovaniDo", "kontakt")


@dataclass
class _Service:
    data: ServiceData
    signature: str
    first_place: str
    municipalities: set[int] = field(default_factory=set)


def import_ukazka(
    path: Path | str,
    *,
    dry_run: bool = False,
    source_date: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate every place of the catalogue, then upsert its social services in one transaction."""
    path = Path(path)
    lookups = Lookups()
    report = ImportReport(format="ukazka", dry_run=dry_run)
    stream = JsonStream(path, "mista", progress=progress, every=100)
    services: dict[int, _Service] = {}
    organizations: dict[str, OrganizationData] = {}
    for number, place in stream:
        _read_place(number, place, lookups, report, services, organizations)
    version = stream.meta.get("verzeSchematu")
    if not isinstance(version, str) or not version.startswith("1."):
        raise RegistryFileError(f"unsupported catalogue schema version {version!r} (expected 1.x)")
    report.records = stream.records
    report.source_date = source_date or dt.date.today()
    report.source_detail = f"{path.name} — catalogue of {ORIGIN} (MPSV register), schema {version}"[:300]
    for entry in services.values():
        entry.data.area_served = area_served(
            entry.municipalities,
            form_codes={form.form_code for form in entry.data.forms},
            stated_municipalities=set(),
            lookups=lookups,
        )
    if not report.rejected:
        provenance = Provenance(Source.REGISTRY, report.source_detail, report.source_date)
        write([entry.data for entry in services.values()], organizations, provenance, report, dry_run=dry_run)
    return report


def _place_location(place: dict, lookups: Lookups, problems: RecordProblems) -> LocationData:
    address = place.get("adresa")
    if address is not None and not isinstance(address, dict):
        problems.error("adresa", f"expected an object, got {short(address)}")
        address = None
    address = address or {}
    code = address.get("kodObce")
    coordinates = place.get("souradnice") if isinstance(place.get("souradnice"), dict) else {}
    return LocationData(
        street=clean_text(address.get("ulice"), problems, "adresa.ulice", max_length=200) or "",
        house_number=clean_text(address.get("cisloDomovni"), problems, "adresa.cisloDomovni", max_length=20) or "",
        orientation_number=clean_text(address.get("cisloOrientacni"), problems, "adresa.cisloOrientacni", max_length=20)
        or "",
        municipality_part=clean_text(address.get("castObce"), problems, "adresa.castObce", max_length=200) or "",
        municipality_id=resolve_municipality(lookups, None if code is None else str(code), problems, "adresa.kodObce"),
        postcode=clean_postcode(address.get("psc"), problems, "adresa.psc"),
        address_point=clean_positive_int(place.get("kodAdresnihoMista"), problems, "kodAdresnihoMista"),
        latitude=clean_coordinate(coordinates.get("lat"), problems, "souradnice.lat", 48, 52),
        longitude=clean_coordinate(coordinates.get("lng"), problems, "souradnice.lng", 12, 19),
    )


def _read_place(number, place, lookups, report, services, organizations) -> None:
    if not isinstance(place, dict):
        RecordProblems(number, "?", report, kind="").error("(place)", f"expected an object, got {short(place)}")
        return
    place_id = str(place.get("id") or "?")
    problems = RecordProblems(number, place_id, report, kind="")
    location = _place_location(place, lookups, problems)
    entries = as_list(place.get("sluzby"), problems, "sluzby")
    if not entries:
        problems.error("sluzby", "a place without services")
    for index, entry in enumerate(entries):
        where = f"sluzby[{index}]"
        if not isinstance(entry, dict):
            problems.error(where, f"expected an object, got {short(entry)}")
            continue
        here = RecordProblems(number, f"{place_id} / {entry.get('id') or '?'}", report, kind="")
        portal_id = _social_service_id(entry, where, here)
        if portal_id is None:
            continue
        name = clean_text(entry.get("nazev"), here, f"{where}.nazev", max_length=300) or ""
        place_location = replace(location, name=name)
        signature = json.dumps([entry.get(key) for key in _SAME_REGISTRATION], sort_keys=True, default=str)
        known = services.get(portal_id)
        if known is None:
            data = _read_service(number, entry, where, here, lookups, organizations)
            if data is not None and not problems.errors:
                data.portal_id, data.identifier, data.values["name"] = portal_id, str(entry["id"]), name
                data.locations = [place_location]
                services[portal_id] = _Service(data, signature, place_id, {location.municipality_id} - {None})
        elif known.signature != signature:
            here.error(where, f"differs from {entry['id']} at {known.first_place} (provider, type, forms or contacts)")
        else:
            if place_location not in known.data.locations:
                known.data.locations.append(place_location)
            known.municipalities |= {location.municipality_id} - {None}


def _social_service_id(entry: dict, where: str, problems: RecordProblems) -> int | None:
    """The portalId of a registered social service (``mpsv-<portalId>``); None for skipped or invalid entries."""
    if entry.get("zdroj") == "UZIS":
        kind = entry.get("druhSluzby").get("nazev", "?") if isinstance(entry.get("druhSluzby"), dict) else "?"
        problems.skip(where, f"health-care service from the ÚZIS register ({kind}), not a registered social service")
        return None
    if entry.get("zdroj") != "MPSV":
        problems.error(f"{where}.zdroj", f"unknown source {short(entry.get('zdroj'))} (expected MPSV or UZIS)")
        return None
    match = _SERVICE_ID.match(str(entry.get("id")))
    if not match:
        problems.error(f"{where}.id", f"expected mpsv-<portalId>, got {short(entry.get('id'))}")
        return None
    return int(match.group(1))


def _read_service(number, entry, where, problems, lookups, organizations) -> ServiceData | None:
    provider = entry.get("poskytovatel") if isinstance(entry.get("poskytovatel"), dict) else {}
    ico = clean_ico(provider.get("ico"), problems, f"{where}.poskytovatel.ico")
    provider_name = clean_text(provider.get("nazev"), problems, f"{where}.poskytovatel.nazev", max_length=300)
    if not provider_name:
        problems.error(f"{where}.poskytovatel.nazev", "missing provider name")
    kind = entry.get("druhSluzby") if isinstance(entry.get("druhSluzby"), dict) else {}
    code = reference(kind.get("kod"), Codelist.SERVICE_TYPE, problems, f"{where}.druhSluzby.kod")
    if kind.get("kod") is None:
        problems.error(f"{where}.druhSluzby.kod", "missing type of service")
    service_type = resolve_code(lookups, Codelist.SERVICE_TYPE, code, problems, f"{where}.druhSluzby.kod")
    contacts = entry.get("kontakt") if isinstance(entry.get("kontakt"), dict) else {}
    values = {
        "service_type_id": service_type.pk if service_type else None,
        "provided_from": clean_date(entry.get("datumPoskytovaniOd"), problems, f"{where}.datumPoskytovaniOd"),
        "provided_to": clean_date(entry.get("datumPoskytovaniDo"), problems, f"{where}.datumPoskytovaniDo"),
    }
    for key, kind_name, field_name in (
        ("weby", "web", "web"),
        ("emaily", "email", "email"),
        ("telefony", "telefon", "phone"),
    ):
        values[field_name] = contact(
            as_list(contacts.get(key), problems, f"{where}.kontakt.{key}"),
            kind_name,
            problems,
            f"{where}.kontakt.{key}",
        )
    forms = _forms(entry, where, lookups, problems)
    if problems.errors:
        return None
    first = organizations.setdefault(ico, OrganizationData(ico=ico, record=number, values={"name": provider_name}))
    if first.values["name"] != provider_name:
        problems.warn(f"{where}.poskytovatel.nazev", f"differs from the name in record {first.record}; kept that")
    return ServiceData(record=number, identifier="", kind="", ico=ico, values=values, forms=forms)


def _forms(entry: dict, where: str, lookups: Lookups, problems: RecordProblems) -> list[FormData]:
    forms, seen = [], set()
    for index, form in enumerate(as_list(entry.get("formy"), problems, f"{where}.formy")):
        here = f"{where}.formy[{index}]"
        if not isinstance(form, dict):
            problems.error(here, f"expected an object, got {short(form)}")
            continue
        code = clean_text(form.get("forma"), problems, f"{here}.forma")
        if not code:
            problems.error(f"{here}.forma", "missing form of provision")
            continue
        item = resolve_code(lookups, Codelist.SERVICE_FORM, code, problems, f"{here}.forma")
        if code in seen:
            problems.error(f"{here}.forma", f"form {code} is listed twice")
        seen.add(code)
        capacities, units = [], set()
        for number, capacity in enumerate(as_list(form.get("kapacitaRegistrovana"), problems, f"{here}.kapacita")):
            at = f"{here}.kapacitaRegistrovana[{number}]"
            unit_code = clean_text(capacity.get("typ"), problems, f"{at}.typ") if isinstance(capacity, dict) else None
            if not unit_code:
                problems.error(f"{at}.typ", "a capacity without a unit (typ): the number cannot be read")
                continue
            unit = resolve_code(lookups, Codelist.CAPACITY_TYPE, unit_code, problems, f"{at}.typ")
            count = clean_count(capacity.get("pocet"), problems, f"{at}.pocet")
            if unit and unit.pk in units:
                problems.error(f"{at}.typ", f"a second capacity in unit {unit_code} for form {code}")
            if unit and count is not None:
                units.add(unit.pk)
                capacities.append(CapacityData(unit.pk, count))
        if item:
            forms.append(FormData(form_id=item.pk, form_code=code, capacities=capacities))
    return forms
