"""Filters of the public catalogue, shared by the web pages and the JSON API.

One parser, ``parse_filters``, reads the query parameters (a ``QueryDict`` or a plain dict whose
values are strings or lists of strings); ``filtered_services`` turns the result into a queryset.

=================  ===========================================================  ==========
parameter          value                                                        repeatable
=================  ===========================================================  ==========
``q``              free text; every word must occur (case and diacritics         no
                   ignored), see ``ServiceQuerySet.search``
``type``           MPSV code of the type of service (``DruhSocialniSluzby``)     yes
``target_group``   MPSV code of a target group (``CilovaSkupinaOsoby``)          yes
``form``           form of provision: ``amb``, ``pob`` or ``ter``                yes
``municipality``   ČSÚ code of a municipality; with a process it must be one of  no
                   the planning area's municipalities
``situation``      slug of a life situation (``life_situations.py``)             no
=================  ===========================================================  ==========

Values of one repeatable parameter are alternatives (``type=3&type=4``: personal assistance *or*
home care); different parameters all apply. Blank values are ignored (a GET form sends ``q=``).
An unknown value raises ``FilterError`` naming the parameter and the values it allows; the web
answers 400 with the error at the filter, the API 400 JSON. Parsing needs the database only to
know the codelists and the planning area.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from komplan.lib.text import czech_key
from komplan.territory.models import Level, Territory

from .life_situations import LifeSituation, all_situations, get_situation
from .models import Codelist, CodelistItem, Contact, Service
from .querysets import ServiceQuerySet

PARAMETERS = ("q", "type", "target_group", "form", "municipality", "situation")
MAX_QUERY_LENGTH = 200


class FilterError(ValueError):
    """An unknown filter value: ``parameter`` is the query parameter, ``allowed`` its permitted values."""

    def __init__(self, parameter: str, value: str, allowed: Iterable[str], message: str = ""):
        self.parameter = parameter
        self.value = value
        self.allowed = list(allowed)
        self.message = message or _("“%(value)s” is not a valid value of %(parameter)s.") % {
            "value": value,
            "parameter": parameter,
        }
        super().__init__(self.message)

    def as_dict(self) -> dict:
        return {"detail": self.message, "parameter": self.parameter, "allowed": self.allowed}


@dataclass(frozen=True)
class CatalogueFilters:
    """Validated filters: codes and slugs only, so they survive a round trip through a URL."""

    q: str = ""
    types: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    municipality: str = ""
    situation: str = ""

    @property
    def is_empty(self) -> bool:
        return self == CatalogueFilters()

    def as_params(self) -> list[tuple[str, str]]:
        """The query parameters that give these filters back, in a stable order."""
        params = [("q", self.q)] if self.q else []
        params += [("type", code) for code in self.types]
        params += [("target_group", code) for code in self.target_groups]
        params += [("form", code) for code in self.forms]
        params += [("municipality", self.municipality)] if self.municipality else []
        params += [("situation", self.situation)] if self.situation else []
        return params

    def querystring(self) -> str:
        return urlencode(self.as_params())

    @property
    def life_situation(self) -> LifeSituation | None:
        return get_situation(self.situation) if self.situation else None


def _values(data: Mapping, name: str) -> list[str]:
    """The non-blank values of a parameter, stripped, first occurrence first."""
    raw = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = [raw]
    values: list[str] = []
    for value in raw:
        value = str(value).strip()
        if value and value not in values:
            values.append(value)
    return values


def _single(data: Mapping, name: str) -> str:
    values = _values(data, name)
    if len(values) > 1:
        raise FilterError(
            name, ", ".join(values), [], _("%(parameter)s takes one value, not several.") % {"parameter": name}
        )
    return values[0] if values else ""


def _check_codes(name: str, values: list[str], allowed: list[str], message: str) -> tuple[str, ...]:
    for value in values:
        if value not in allowed:
            raise FilterError(name, value, allowed, message % {"value": value})
    return tuple(values)


def codelist_codes() -> dict[str, list[str]]:
    """Allowed codes of the coded filters, in one query."""
    codes: dict[str, list[str]] = {Codelist.SERVICE_TYPE: [], Codelist.TARGET_GROUP: [], Codelist.SERVICE_FORM: []}
    for codelist, code in CodelistItem.objects.filter(codelist__in=codes).values_list("codelist", "code"):
        codes[codelist].append(code)
    return {codelist: sorted(values, key=_code_key) for codelist, values in codes.items()}


def _code_key(code: str) -> tuple:
    return (0, int(code), "") if code.isdecimal() else (1, 0, code)


def _check_municipality(code: str, process) -> str:
    if not code:
        return ""
    if process is not None:
        allowed = sorted(process.municipalities.values_list("code", flat=True))
        if code not in allowed:
            message = _("Municipality %(value)s is not in the planning area of this process.")
            raise FilterError("municipality", code, allowed, message % {"value": code})
    elif not Territory.objects.filter(level=Level.MUNICIPALITY, code=code).exists():
        raise FilterError("municipality", code, [], _("No municipality has the code %(value)s.") % {"value": code})
    return code


def parse_filters(data: Mapping, *, process=None) -> CatalogueFilters:
    """Validate the catalogue parameters of ``data``; raise ``FilterError`` at the first unknown value."""
    codes = codelist_codes()
    q = " ".join(_single(data, "q").split())[:MAX_QUERY_LENGTH]
    types = _check_codes(
        "type",
        _values(data, "type"),
        codes[Codelist.SERVICE_TYPE],
        _("“%(value)s” is not a code of a type of social service."),
    )
    target_groups = _check_codes(
        "target_group",
        _values(data, "target_group"),
        codes[Codelist.TARGET_GROUP],
        _("“%(value)s” is not a code of a target group."),
    )
    forms = _check_codes(
        "form", _values(data, "form"), codes[Codelist.SERVICE_FORM], _("“%(value)s” is not a form of provision.")
    )
    municipality = _check_municipality(_single(data, "municipality"), process)
    situation = _single(data, "situation")
    if situation and get_situation(situation) is None:
        allowed = [s.slug for s in all_situations()]
        raise FilterError(
            "situation", situation, allowed, _("“%(value)s” is not a known life situation.") % {"value": situation}
        )
    return CatalogueFilters(q, types, target_groups, forms, municipality, situation)


# Reads of the catalogue --------------------------------------------------------------------------


def catalogue_of(process) -> ServiceQuerySet:
    """A process's catalogue: services located in, or covering, a municipality of its planning area."""
    return Service.objects.serving(process.municipalities.all())


def _with_target_group(codes: Iterable[str]) -> Q:
    through = Service.target_groups.through.objects.filter(codelistitem__code__in=list(codes))
    return Q(pk__in=through.values("service_id"))


def situation_q(situation: LifeSituation) -> Q:
    """A service belongs to a life situation by its type or by one of its target groups."""
    condition = Q(service_type__code__in=situation.service_types)
    if situation.target_groups:
        condition |= _with_target_group(situation.target_groups)
    return condition


def filtered_services(filters: CatalogueFilters, process=None) -> ServiceQuerySet:
    """The services matching ``filters`` (within the process's catalogue when a process is given)."""
    if filters.municipality:
        services = Service.objects.serving(
            Territory.objects.filter(level=Level.MUNICIPALITY, code=filters.municipality)
        )
    elif process is not None:
        services = catalogue_of(process)
    else:
        services = Service.objects.all()
    if filters.q:
        services = services.search(filters.q)
    if filters.types:
        services = services.filter(service_type__code__in=filters.types)
    if filters.target_groups:
        services = services.filter(_with_target_group(filters.target_groups))
    if filters.forms:
        services = services.filter(pk__in=Service.objects.filter(forms__form__code__in=filters.forms).values("pk"))
    if filters.life_situation:
        services = services.filter(situation_q(filters.life_situation))
    return services


def czech_ordered_ids(services) -> list[int]:
    """Primary keys ordered by name in Czech order (ch after h, Č after C), then by key; one query."""
    rows = services.order_by().values_list("pk", "name").distinct()
    return [pk for pk, _name in sorted(rows, key=lambda row: (czech_key(row[1]), row[0]))]


def services_in_order(ids: list[int], queryset=None) -> list[Service]:
    """The services with these keys, with their details, in the given order."""
    found = (queryset if queryset is not None else Service.objects.with_details()).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


# Contact persons are personal data. A person is shown publicly only when the record names their
# position (title): the register and providers' own web sites publish contacts that way, while a
# bare name typed in by hand is kept for the workspace.
def public_contacts() -> Prefetch:
    """Prefetch of the contact persons that may be shown publicly, as ``service.public_contacts``."""
    return Prefetch("contacts", queryset=Contact.objects.exclude(title=""), to_attr="public_contacts")


def with_full_details(services):
    """Everything the detail page and the API detail show, in a fixed number of queries."""
    return (
        services.with_details()
        .select_related("organization__legal_form", "organization__municipality")
        .prefetch_related(
            public_contacts(),
            "funding__source",
            Prefetch("area_served", queryset=Territory.objects.only("id", "code", "name")),
        )
    )


def presence(service: Service, area_ids: set[int]) -> str:
    """``located`` when a location of the service lies in the area, else ``covers`` (a field service)."""
    located = any(location.municipality_id in area_ids for location in service.locations.all())
    return "located" if located else "covers"
