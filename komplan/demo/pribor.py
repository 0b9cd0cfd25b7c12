"""Import the real guide of the town of Příbor into the catalogue (the third demo process).

The guide is free text. The mapping to MPSV codes is done here by small, readable rules:
the service type from words in the service name (with explicit exceptions), forms and target
groups from words in the name and description. Entries that are not registered social services
(clubs, discounts, transport, health care…) are kept as related activities without a type —
the guide is about "social services and related activities". Everything imported says where it
comes from (source = local guide, its title and date).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from django.db import transaction

from komplan.directory.models import Codelist, CodelistItem, Organization, Service, ServiceForm, Source
from komplan.directory.services import refresh_search_text, replace_location
from komplan.lib.text import fold
from komplan.territory.models import Territory

GUIDE = Path(__file__).resolve().parent / "data" / "pribor" / "services.json"
SOURCE_DETAIL = "Průvodce sociálními službami a navazujícími aktivitami, Město Příbor, 11/2025"
SOURCE_DATE = dt.date(2025, 11, 1)
PRIBOR = "599808"
REGION = "3140"  # Moravskoslezský kraj: where a municipality name is ambiguous, the guide's region wins

# (words in the folded service name → MPSV type code); the first match wins.
TYPE_RULES = [
    ("domov se zvlastnim", "14"),
    ("domov pro seniory", "13"),
    ("domov pro osoby se zdravotnim", "12"),
    ("chranene bydleni", "15"),
    ("tisnova pece", "5"),
    ("odlehcovaci", "8"),
    ("pecovatelska sluzba", "4"),
    ("osobni asistence", "3"),
    ("odborne socialni poradenstvi", "1"),
    ("obcanska poradna", "1"),
    ("rodinna a manzelska poradna", "1"),
    ("poradna bily kruh", "1"),
    ("socialne pravni poradenstvi", "1"),
    ("tlumocnicke", "19"),
    ("aktivizacni sluzby pro rodiny", "28"),
    ("aktivizacni sluzby pro zrakove", "29"),
    ("intervencni centrum", "34"),
    ("socialni rehabilitace", "33"),
    ("krizova pomoc", "23"),
    ("nizkoprahove denni centrum", "24"),
    ("denni stacionar", "10"),
    ("terapeuticke dilny", "30"),
    ("rana pece", "17"),
    ("rane pece", "17"),
    ("azylovy dum", "20"),
    ("nocleharna", "26"),
    ("terenni program", "32"),
    ("sluzby nasledne pece", "27"),
    ("oddeleni socialnich sluzeb", "16"),
]
# Named in the guide like a service but not a registered social service: kept as related activities.
NOT_A_SOCIAL_SERVICE = {("probacni-mediaci-sluzba-novy-jicin", "Poradna pro oběti trestných činů")}

FORM_RULES = [("teren", "ter"), ("ambulant", "amb"), ("pobyt", "pob"), ("celorocni", "pob"), ("ubytovani", "pob")]
TARGET_GROUP_RULES = [
    ("senior", "24"),
    ("rodin", "23"),
    ("deti", "23"),
    ("zrak", "18"),
    ("neslys", "16"),
    ("sluch", "16"),
    ("mentaln", "14"),
    ("kombinovan", "13"),
    ("dusevn", "10"),
    ("demenc", "24"),
    ("bez pristresi", "6"),
    ("ztratou bydleni", "6"),
    ("zavislost", "9"),
    ("domacim nasilim", "3"),
    ("obetem", "5"),
    ("pecujic", "26"),
    ("nevylecitelne", "27"),
    ("paliativ", "27"),
    ("telesn", "15"),
    ("krizov", "19"),
    ("v krizi", "19"),
    ("snizenou sobestacnosti", "17"),
    ("zdravotnim postizenim", "17"),
    ("autism", "12"),
]
_POSTCODE = re.compile(r"(\d{3})\s?(\d{2})")


def service_type_code(provider_id: str, name: str) -> str | None:
    if (provider_id, name) in NOT_A_SOCIAL_SERVICE:
        return None
    folded = fold(name)
    return next((code for words, code in TYPE_RULES if words in folded), None)


def form_codes(text: str, type_item: CodelistItem | None) -> list[str]:
    folded = fold(text)
    found = [code for words, code in FORM_RULES if words in folded]
    if not found and type_item is not None and len(type_item.attributes.get("forms", [])) == 1:
        found = list(type_item.attributes["forms"])  # the law allows just one form for this type
    if type_item is not None:  # never a form the law does not allow for the type
        found = [code for code in found if code in type_item.attributes.get("forms", [code])]
    return list(dict.fromkeys(found))


def target_group_codes(text: str) -> list[str]:
    folded = fold(text)
    return list(dict.fromkeys(code for words, code in TARGET_GROUP_RULES if words in folded))


def parse_address(address: str | None) -> dict:
    """'Jičínská 881, Příbor, 742 58' → street, numbers, postcode and the municipality (by name)."""
    if not address:
        return {}
    parts = [part.strip() for part in address.split(",") if part.strip()]
    postcode = ""
    place = parts[-1] if len(parts) > 1 else ""
    for index, part in enumerate(parts):
        match = _POSTCODE.search(part)
        if match:
            postcode = match.group(1) + match.group(2)
            rest = _POSTCODE.sub("", part).strip()
            place = rest or (parts[index - 1] if index else place)
    place = re.split(r"\s+-\s+|\s+\d+$", place)[0].strip()  # "Ostrava - Vítkovice" → Ostrava, "Praha 2" → Praha
    street_part = parts[0]
    match = re.match(r"^(.*?)\s+(\d+)(?:/(\w+))?$", street_part)
    street, house, orientation = (match.group(1), match.group(2), match.group(3) or "") if match else ("", "", "")
    if not match and len(parts) <= 2:  # "Kateřinice 228": a village without streets
        village = re.match(r"^(.*?)\s+(\d+)$", street_part)
        if village:
            place, house = village.group(1), village.group(2)
    return {
        "street": street,
        "house_number": house,
        "orientation_number": orientation,
        "postcode": postcode,
        "municipality": _municipality(place),
    }


def _municipality(name: str) -> Territory | None:
    matches = list(Territory.objects.filter(level="municipality", name=name))
    if len(matches) > 1:
        matches = [m for m in matches if m.kraj_id and m.kraj.code == REGION] or matches
    return matches[0] if len(matches) == 1 else None


def _first(values):
    return values[0] if values else ""


@transaction.atomic
def import_pribor_guide(path: Path = GUIDE) -> list[Service]:
    """Upsert the guide's providers and services (by name); returns the services of the guide."""
    guide = json.loads(path.read_text(encoding="utf-8"))
    types = CodelistItem.objects.code_map(Codelist.SERVICE_TYPE)
    forms = CodelistItem.objects.code_map(Codelist.SERVICE_FORM)
    groups = CodelistItem.objects.code_map(Codelist.TARGET_GROUP)
    pribor = Territory.objects.get(level="municipality", code=PRIBOR)
    provenance = {"source": Source.LOCAL_GUIDE, "source_detail": SOURCE_DETAIL, "source_date": SOURCE_DATE}
    services = []
    for provider in guide["providers"]:
        contact = provider.get("contact") or {}
        address = parse_address(contact.get("address"))
        organization, _ = Organization.objects.update_or_create(
            name=provider["name"],
            source=Source.LOCAL_GUIDE,
            defaults={
                **provenance,
                **address,
                "description": provider.get("description") or "",
                "web": contact.get("website") or "",
                "email": contact.get("email") or "",
                "phone": ", ".join(contact.get("phones") or []),
            },
        )
        for entry in provider["services"]:
            text = f"{entry['name']} {entry.get('description') or ''}"
            type_code = service_type_code(provider["id"], entry["name"])
            type_item = types.get(type_code) if type_code else None
            service, _ = Service.objects.update_or_create(
                organization=organization,
                name=entry["name"],
                defaults={
                    **provenance,
                    "service_type": type_item,
                    "description": entry.get("description") or "",
                    "phone": _first((entry.get("contact") or {}).get("phones") or []),
                },
            )
            service.area_served.set([pribor])
            service.target_groups.set([groups[c] for c in target_group_codes(text) if c in groups])
            wanted = set(form_codes(text, type_item))
            service.forms.exclude(form__code__in=wanted).delete()
            for code in wanted - set(service.forms.values_list("form__code", flat=True)):
                ServiceForm.objects.create(service=service, form=forms[code])
            replace_location(service, address if address.get("municipality") else None)
            services.append(service)
    refresh_search_text(Service.objects.filter(pk__in=[s.pk for s in services]))
    return services
