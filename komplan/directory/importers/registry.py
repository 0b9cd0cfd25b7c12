"""Import the MPSV register of social services: the national open-data file ``rpss.json``.

The file (``https://data.mpsv.cz/od/soubory/rpss/rpss.json``, about 100 MB) is one object whose
key ``polozky`` lists every registered service. Its layout, as documented in
``/work/shared/data/mpsv-registr/rpss-structure.md`` §2.1 and mapped in docs/catalogue-imports.md::

    {"polozky": [{"portalId": 4951, "identifikator": "…", "datumPoskytovaniOd": "…",
                  "druhSocialniSluzby": {"id": "DruhSocialniSluzby/13"},
                  "poskytovatel": {"nazev": "…", "ico": "…", "weby": […], "emaily": […], "telefony": […], …},
                  "weby": [{"web": "…", "poznamka": null}], "emaily": […], "telefony": […],
                  "ciloveSkupiny": [{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/24"}}], "vekoveSkupiny": […],
                  "formy": [{"forma": {"id": "FormaSocialniSluzby/pob"}, "nepretrzitePoskytovani": true,
                             "kapacity": [{"pocet": 32, "popis": "…",
                                           "typ": {"id": "TypKapacitySocialniSluzby/luzka"}}]}],
                  "zarizeni": [{"nazev": "…", "poskytujeDo": null,
                                "adresa": {"obec": {"id": "Obec/554499"}, "kodAdresnihoMista": 11867906, …}}],
                  "rozsirenePusobnostiVKraji": […], …}]}

The file is read as a stream; every record is validated and all problems are collected before
anything is written (style guide §5 item 7).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..models import Codelist, Source
from .base import (
    ADDRESS_FIELDS,
    CapacityData,
    FormData,
    ImportReport,
    LocationData,
    Lookups,
    OrganizationData,
    RecordProblems,
    ServiceData,
    area_served,
    as_list,
    clean_count,
    clean_date,
    clean_ico,
    clean_positive_int,
    clean_postcode,
    clean_text,
    contact,
    is_reference,
    reference,
    resolve_code,
    resolve_municipality,
    short,
    wrapped_reference,
)
from .stream import JsonStream, Progress
from .writer import Provenance, write

SOURCE_DETAIL = "rpss.json"
AGE_NOTE_LENGTH = 500


@dataclass
class _Parsed:
    """A valid record before the facilities still in use on the source date are known."""

    data: ServiceData
    facilities: list[tuple[LocationData, dt.date | None]] = field(default_factory=list)
    stated_municipalities: set[int] = field(default_factory=set)
    fallback_name: str = ""


def import_rpss(
    path: Path | str,
    *,
    dry_run: bool = False,
    source_date: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate every service of an ``rpss.json`` file, then upsert all of them in one transaction.

    Returns the report; when ``report.rejected`` is not empty nothing was written. A file that is
    not a register file raises :class:`~.base.RegistryFileError`.
    """
    path = Path(path)
    lookups = Lookups()
    report = ImportReport(format="rpss", source_detail=SOURCE_DETAIL, dry_run=dry_run)
    stream = JsonStream(path, "polozky", progress=progress)
    parsed: list[_Parsed] = []
    organizations: dict[str, OrganizationData] = {}
    seen: dict[tuple[str, object], int] = {}
    for number, item in stream:
        result = _read_service(number, item, lookups, report, organizations, seen)
        if result is not None:
            parsed.append(result)
    report.records = stream.records
    report.source_date = source_date or file_date(stream.meta) or dt.date.today()
    services = [_finish(entry, report.source_date, lookups) for entry in parsed]
    if not report.rejected:
        provenance = Provenance(Source.REGISTRY, SOURCE_DETAIL, report.source_date)
        write(services, organizations, provenance, report, dry_run=dry_run)
    return report


def file_date(meta: dict[str, object]) -> dt.date | None:
    """The date of the data when the file states one in a top-level ``datum…``/``…aktualiz…`` value."""
    for key, value in meta.items():
        lowered = key.lower()
        if isinstance(value, str) and (lowered.startswith("datum") or "aktualiz" in lowered):
            try:
                return dt.datetime.fromisoformat(value).date() if len(value) > 10 else dt.date.fromisoformat(value)
            except ValueError:
                continue
    return None


def _identifier(item: dict) -> str:
    value = item.get("identifikator")
    if value not in (None, ""):
        return str(value)
    return f"missing, portalId {item['portalId']}" if item.get("portalId") is not None else "missing"


def _read_service(number, item, lookups, report, organizations, seen) -> _Parsed | None:
    if not isinstance(item, dict):
        RecordProblems(number, "?", report).error("(record)", f"expected an object, got {short(item)}")
        return None
    problems = RecordProblems(number, _identifier(item), report)
    registry_id = clean_text(item.get("identifikator"), problems, "identifikator", max_length=20)
    if not registry_id and item.get("identifikator") in (None, ""):
        problems.error("identifikator", "missing: a service is upserted by its register identifier")
    portal_id = clean_positive_int(item.get("portalId"), problems, "portalId")
    for key, value in (("identifikator", registry_id), ("portalId", portal_id)):
        if value and (key, value) in seen:
            problems.error(key, f"{value} is also in record {seen[key, value]}")
        elif value:
            seen[key, value] = number
    type_code = reference(item.get("druhSocialniSluzby"), Codelist.SERVICE_TYPE, problems, "druhSocialniSluzby")
    if item.get("druhSocialniSluzby") is None:
        problems.error("druhSocialniSluzby", "missing type of service")
    service_type = resolve_code(lookups, Codelist.SERVICE_TYPE, type_code, problems, "druhSocialniSluzby")
    organization = _read_provider(item.get("poskytovatel"), number, lookups, problems)
    data = ServiceData(record=number, identifier=problems.identifier, registry_id=registry_id or "")
    data.portal_id = portal_id
    data.target_groups = _groups(item, "ciloveSkupiny", Codelist.TARGET_GROUP, lookups, problems)
    data.age_groups = _groups(item, "vekoveSkupiny", Codelist.AGE_GROUP, lookups, problems)
    data.forms = _forms(item, lookups, problems)
    data.values = {
        "service_type_id": service_type.pk if service_type else None,
        "provided_from": clean_date(item.get("datumPoskytovaniOd"), problems, "datumPoskytovaniOd"),
        "provided_to": clean_date(item.get("datumPoskytovaniDo"), problems, "datumPoskytovaniDo"),
        "web": contact(as_list(item.get("weby"), problems, "weby"), "web", problems, "weby"),
        "email": contact(as_list(item.get("emaily"), problems, "emaily"), "email", problems, "emaily"),
        "phone": contact(as_list(item.get("telefony"), problems, "telefony"), "telefon", problems, "telefony"),
        "age_note": _age_note(item.get("doplnujiciInformaceVekoveSkupiny"), problems),
    }
    result = _Parsed(data, _facilities(item, lookups, problems), _stated(item, lookups, problems))
    if problems.errors:
        return None
    data.ico = organization.ico
    result.fallback_name = f"{service_type.name} – {organization.values['name']}"[:300]
    first = organizations.setdefault(organization.ico, organization)
    if first is not organization and first.values != organization.values:
        differing = ", ".join(sorted(k for k in organization.values if organization.values[k] != first.values.get(k)))
        problems.warn("poskytovatel", f"differs from the provider in record {first.record} ({differing}); kept that")
    return result


def _read_provider(value, number: int, lookups: Lookups, problems: RecordProblems) -> OrganizationData | None:
    """The provider (poskytovatel): name, IČO, legal form, seat address and contacts.

    Only ``nazev``, ``ico`` and the contacts are named by the documentation; the legal form is the
    one ``FormaPravniSubjektivity/<kod>`` reference among the provider's values and the seat is
    the one address-shaped object (with ``obec: {"id": "Obec/…"}``), whatever their keys. When the
    file has no such value, the organisation's legal form or address is left as it is.
    """
    if not isinstance(value, dict):
        problems.error(
            "poskytovatel", "missing provider" if value is None else f"expected an object, got {short(value)}"
        )
        return None
    ico = clean_ico(value.get("ico"), problems, "poskytovatel.ico")
    name = clean_text(value.get("nazev"), problems, "poskytovatel.nazev", max_length=300)
    if not name and value.get("nazev") in (None, ""):
        problems.error("poskytovatel.nazev", "missing provider name")
    values: dict[str, object] = {
        "name": name,
        "web": contact(as_list(value.get("weby"), problems, "poskytovatel.weby"), "web", problems, "poskytovatel.weby"),
        "email": contact(
            as_list(value.get("emaily"), problems, "poskytovatel.emaily"), "email", problems, "poskytovatel.emaily"
        ),
        "phone": contact(
            as_list(value.get("telefony"), problems, "poskytovatel.telefony"),
            "telefon",
            problems,
            "poskytovatel.telefony",
        ),
    }
    forms = [(key, item) for key, item in value.items() if is_reference(item, Codelist.LEGAL_FORM)]
    if len(forms) > 1:
        problems.error("poskytovatel", f"more than one legal form ({', '.join(key for key, _ in forms)})")
    elif forms:
        key, item = forms[0]
        code = reference(item, Codelist.LEGAL_FORM, problems, f"poskytovatel.{key}")
        legal_form = resolve_code(lookups, Codelist.LEGAL_FORM, code, problems, f"poskytovatel.{key}")
        values["legal_form_id"] = legal_form.pk if legal_form else None
    seats = [key for key, item in value.items() if isinstance(item, dict) and is_reference(item.get("obec"), "Obec")]
    if seats:
        key = next((k for k in seats if "sidl" in k.lower()), seats[0])
        values.update(read_address(value[key], lookups, problems, f"poskytovatel.{key}"))
    if ico is None or not name:
        return None
    return OrganizationData(ico=ico, record=number, values=values)


def read_address(value, lookups: Lookups, problems: RecordProblems, where: str) -> dict[str, object]:
    """Address fields from a register address (``ulice.nazev``, ``cisloDomovni``, ``obec.id``, …)."""
    if value is None:
        return dict.fromkeys(ADDRESS_FIELDS, "") | {"municipality_id": None, "address_point": None}
    if not isinstance(value, dict):
        problems.error(where, f"expected an address object, got {short(value)}")
        return {}
    street = value.get("ulice")
    street = street.get("nazev") if isinstance(street, dict) else street
    municipality = reference(value.get("obec"), "Obec", problems, f"{where}.obec")
    return {
        "street": clean_text(street, problems, f"{where}.ulice", max_length=200) or "",
        "house_number": clean_text(value.get("cisloDomovni"), problems, f"{where}.cisloDomovni", max_length=20) or "",
        "orientation_number": clean_text(
            value.get("cisloOrientacni"), problems, f"{where}.cisloOrientacni", max_length=20
        )
        or "",
        "municipality_part": "",
        "municipality_id": resolve_municipality(lookups, municipality, problems, f"{where}.obec"),
        "postcode": clean_postcode(value.get("psc"), problems, f"{where}.psc"),
        "address_point": clean_positive_int(value.get("kodAdresnihoMista"), problems, f"{where}.kodAdresnihoMista"),
    }


def _groups(item: dict, key: str, codelist: str, lookups: Lookups, problems: RecordProblems) -> set[int]:
    groups = set()
    for index, entry in enumerate(as_list(item.get(key), problems, key)):
        code, where = wrapped_reference(entry, codelist, problems, f"{key}[{index}]")
        found = resolve_code(lookups, codelist, code, problems, where)
        if found:
            groups.add(found.pk)
    return groups


def _forms(item: dict, lookups: Lookups, problems: RecordProblems) -> list[FormData]:
    """Forms with their capacities, one capacity per unit and form; capacities are never added up."""
    forms, seen = [], set()
    for index, entry in enumerate(as_list(item.get("formy"), problems, "formy")):
        where = f"formy[{index}]"
        if not isinstance(entry, dict):
            problems.error(where, f"expected an object, got {short(entry)}")
            continue
        code = reference(entry.get("forma"), Codelist.SERVICE_FORM, problems, f"{where}.forma")
        if entry.get("forma") is None:
            problems.error(f"{where}.forma", "missing form of provision")
        form = resolve_code(lookups, Codelist.SERVICE_FORM, code, problems, f"{where}.forma")
        if code in seen:
            problems.error(f"{where}.forma", f"form {code} is listed twice")
        seen.add(code)
        continuous = entry.get("nepretrzitePoskytovani")
        if continuous is not None and not isinstance(continuous, bool):
            problems.error(f"{where}.nepretrzitePoskytovani", f"expected true or false, got {short(continuous)}")
        hours = entry.get("casoveRozsahy")
        capacities = _capacities(entry, where, code, lookups, problems)
        if form:
            forms.append(
                FormData(
                    form_id=form.pk,
                    form_code=code,
                    continuous=continuous if isinstance(continuous, bool) else None,
                    hours=hours.strip() if isinstance(hours, str) else None,
                    capacities=capacities,
                )
            )
    return forms


def _capacities(entry: dict, where: str, form_code, lookups: Lookups, problems: RecordProblems) -> list[CapacityData]:
    capacities, units = [], set()
    for index, capacity in enumerate(as_list(entry.get("kapacity"), problems, f"{where}.kapacity")):
        here = f"{where}.kapacity[{index}]"
        if not isinstance(capacity, dict):
            problems.error(here, f"expected an object, got {short(capacity)}")
            continue
        if capacity.get("typ") is None:
            problems.error(f"{here}.typ", "a capacity without a unit (typ): the number cannot be read")
            continue
        code = reference(capacity.get("typ"), Codelist.CAPACITY_TYPE, problems, f"{here}.typ")
        unit = resolve_code(lookups, Codelist.CAPACITY_TYPE, code, problems, f"{here}.typ")
        count = clean_count(capacity.get("pocet"), problems, f"{here}.pocet")
        description = clean_text(capacity.get("popis"), problems, f"{here}.popis") or ""
        if unit and unit.pk in units:
            problems.error(
                f"{here}.typ",
                f"a second capacity in unit {code} for form {form_code}: komplan keeps one number per form and "
                "unit and never adds capacities up",
            )
        if unit and count is not None:
            units.add(unit.pk)
            capacities.append(CapacityData(unit.pk, count, description))
    return capacities


def _facilities(item: dict, lookups: Lookups, problems: RecordProblems) -> list[tuple[LocationData, dt.date | None]]:
    facilities = []
    for index, entry in enumerate(as_list(item.get("zarizeni"), problems, "zarizeni")):
        where = f"zarizeni[{index}]"
        if not isinstance(entry, dict):
            problems.error(where, f"expected an object, got {short(entry)}")
            continue
        name = clean_text(entry.get("nazev"), problems, f"{where}.nazev", max_length=300) or ""
        address = read_address(entry.get("adresa"), lookups, problems, f"{where}.adresa")
        clean_date(entry.get("poskytujeOd"), problems, f"{where}.poskytujeOd")
        ends = clean_date(entry.get("poskytujeDo"), problems, f"{where}.poskytujeDo")
        if address:
            facilities.append((LocationData(name=name, **address), ends))
    return facilities


def _stated(item: dict, lookups: Lookups, problems: RecordProblems) -> set[int]:
    """Municipalities the file names under ``rozsirenePusobnostiVKraji`` (any ``Obec/<code>`` reference)."""
    found: set[int] = set()

    def walk(node, where):
        if isinstance(node, dict):
            if is_reference(node, "Obec"):
                pk = resolve_municipality(lookups, node["id"].partition("/")[2], problems, where)
                if pk:
                    found.add(pk)
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")

    walk(item.get("rozsirenePusobnostiVKraji"), "rozsirenePusobnostiVKraji")
    return found


def _age_note(value, problems: RecordProblems) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.warn("doplnujiciInformaceVekoveSkupiny", f"not text ({short(value)}); left out")
        return ""
    text = value.strip()
    if len(text) > AGE_NOTE_LENGTH:
        problems.warn("doplnujiciInformaceVekoveSkupiny", f"longer than {AGE_NOTE_LENGTH} characters; shortened")
        text = text[: AGE_NOTE_LENGTH - 1] + "…"
    return text


def _finish(entry: _Parsed, day: dt.date, lookups: Lookups) -> ServiceData:
    """Locations, name and area once the source date is known.

    Facilities that stopped before the source date (``poskytujeDo``) are not locations of the
    service; a service all of whose facilities have stopped keeps them all, so an ended service
    still shows where it was. Identical facilities (the register repeats some) become one location.
    """
    current = [location for location, ends in entry.facilities if ends is None or ends >= day]
    chosen = current or [location for location, _ends in entry.facilities]
    locations = list(dict.fromkeys(chosen))
    data = entry.data
    data.locations = locations
    data.values["name"] = next((loc.name for loc in locations if loc.name), entry.fallback_name)
    data.area_served = area_served(
        {loc.municipality_id for loc in locations if loc.municipality_id},
        form_codes={form.form_code for form in data.forms},
        stated_municipalities=entry.stated_municipalities,
        lookups=lookups,
    )
    return data
