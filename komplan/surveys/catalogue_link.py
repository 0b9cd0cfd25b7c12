"""Provider survey → catalogue: mapped answers become proposed changes to the service's catalogue records.

A question of a provider survey names the catalogue figure it asks for in ``maps_to``:

    capacity:<amb|pob|ter>   registered capacity of that form, a number in the service's capacity unit
    waiting_list             people on the waiting list at the reference date
    refused_capacity         applicants refused for lack of capacity in the reference year (§ 91(3) Act 108/2006)
    funding:<source code>    CZK received from that funding source (codelist ZdrojFinancovani) in the reference year
    reference_year           the year the figures are for
    contact:email, contact:phone, contact:web   the service's contacts

A sent response that came through an invitation linked to a service of the process's catalogue (or to a
provider with exactly one service there) becomes one pending ``directory.ChangeRequest`` with the old and
the new value of every figure that differs, its origin ``survey-response:<id>`` and a note naming the survey
and the response. Nothing is applied: the coordinator accepts or rejects each proposal, all of it or field by
field (``directory.review_services.decide``). Answers corrected later through the same invitation update the
pending proposal. A response without such an invitation is "not linked"; staff may link it to a service by
hand, and the proposal then remembers the service.

The reference year is the answer to the ``reference_year`` question; without one, the calendar year before
the survey opened (a survey run in spring asks about the past year, as Slaný's did in March 2007).

Capacity answers are in the service's capacity unit: the unit of that form's registered capacity, else the
one unit the service's other forms use, else beds for residential and clients for the other forms. A form
registered in several units is ambiguous: such an answer is listed as not usable instead of guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from komplan.directory import review_fields
from komplan.directory.filters import catalogue_of
from komplan.directory.models import Capacity, Codelist, CodelistItem, Service
from komplan.directory.review import ChangeRequest, ReviewStatus
from komplan.directory.review_services import propose_values

from . import definition as qdef
from .models import Response, ResponseStatus, Survey

ORIGIN_PREFIX = "survey-response:"
FORMS = ("amb", "pob", "ter")
CONTACTS = {"email": 254, "phone": 100, "web": 500}  # field → the catalogue's length limit
DEFAULT_UNIT = {"pob": "luzka"}  # residential capacity is counted in beds; other forms in clients
FALLBACK_UNIT = "klient"


def origin_of(response: Response) -> str:
    return f"{ORIGIN_PREFIX}{response.pk}"


def has_mapped_questions(definition: qdef.Definition) -> bool:
    return any(q.maps_to for q in definition.questions())


def has_mapped_answers(definition: qdef.Definition, answers: dict) -> bool:
    return any(q.maps_to and q.key in answers for q in definition.questions())


# --- answers → catalogue values ------------------------------------------------------------------------------


@dataclass
class Mapped:
    """The catalogue values read from one response, and the answers that could not be used (with reasons)."""

    values: dict = field(default_factory=dict)  # change key (review_fields) → value
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (question label, reason)
    year: int | None = None


def default_year(survey: Survey) -> int:
    """The year before the survey opened: figures asked in spring are for the past calendar year."""
    start = survey.opens_at or survey.created_at
    return start.year - 1


def _reference_year(definition: qdef.Definition, answers: dict, survey: Survey, mapped: Mapped) -> int:
    for question in definition.questions():
        if question.maps_to == "reference_year" and question.key in answers:
            value = answers[question.key]
            if isinstance(value, int | float) and float(value).is_integer() and 1990 <= value <= 2100:
                return int(value)
            mapped.skipped.append((question.label, _("not a year between 1990 and 2100")))
    return default_year(survey)


def service_unit(service: Service, form: str) -> str | None:
    """The capacity unit of ``form`` for this service (see the module docstring); None when ambiguous."""
    units = list(
        Capacity.objects.filter(service_form__service=service)
        .values_list("service_form__form__code", "capacity_type__code")
        .distinct()
    )
    own = {unit for form_code, unit in units if form_code == form}
    if len(own) > 1:
        return None
    if own:
        return own.pop()
    others = {unit for _form, unit in units}
    if len(others) == 1:
        return others.pop()
    return DEFAULT_UNIT.get(form, FALLBACK_UNIT)


def _whole(value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if float(value).is_integer() and value >= 0 else None


def _contact(kind: str, value) -> str | None:
    text = str(value).strip() if isinstance(value, str | int) else ""
    if not text or len(text) > CONTACTS[kind]:
        return None
    if kind == "web" and "://" not in text:
        text = "https://" + text  # providers write "www.example.cz"; the catalogue keeps full addresses
    validator = {"email": EmailValidator(), "web": URLValidator(schemes=["http", "https"])}.get(kind)
    try:
        if validator is not None:
            validator(text)
    except ValidationError:
        return None
    return text


class _Reader:
    """Turns one mapped answer into a change key and value, or a reason it cannot be used."""

    def __init__(self, service: Service | None, year: int):
        self.service, self.year = service, year
        self.sources = set(CodelistItem.objects.filter(codelist=Codelist.FUNDING_SOURCE).values_list("code", flat=True))

    def read(self, maps_to: str, value) -> tuple[str, object]:
        """(key, value); raises ValueError with a translated reason."""
        kind, _sep, arg = maps_to.partition(":")
        if kind == "capacity" and arg in FORMS:
            return self._capacity(arg, value)
        if kind in review_fields.DEMAND_FIELDS and not arg:
            return review_fields.demand_key(kind, self.year), self._count(value)
        if kind == "funding" and arg in self.sources:
            return review_fields.funding_key(self.year, arg), self._amount(value)
        if kind == "contact" and arg in CONTACTS:
            text = _contact(arg, value)
            if text is None:
                raise ValueError(_("not a valid %(what)s") % {"what": arg})
            return arg, text
        raise ValueError(_("“%(mapping)s” is not a catalogue field") % {"mapping": maps_to})

    def _count(self, value) -> int:
        count = _whole(value)
        if count is None or count > review_fields.MAX_COUNT:
            raise ValueError(_("not a whole number of at least zero"))
        return count

    def _amount(self, value) -> int | float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 999_999_999_999:
            raise ValueError(_("not an amount in CZK"))
        return int(value) if float(value).is_integer() else round(float(value), 2)

    def _capacity(self, form: str, value) -> tuple[str, int]:
        count = self._count(value)
        if self.service is None:
            return review_fields.capacity_key(form, FALLBACK_UNIT), count  # re-read once the service is known
        unit = service_unit(self.service, form)
        if unit is None:
            raise ValueError(_("the service has several capacity units in this form; enter it in the catalogue"))
        return review_fields.capacity_key(form, unit), count


def mapped_values(survey: Survey, definition: qdef.Definition, answers: dict, service: Service | None) -> Mapped:
    """The catalogue values of one response's mapped answers (unanswered and unmapped questions are ignored)."""
    mapped = Mapped()
    mapped.year = _reference_year(definition, answers, survey, mapped)
    reader = _Reader(service, mapped.year)
    for question in definition.questions():
        if not question.maps_to or question.maps_to == "reference_year" or question.key not in answers:
            continue
        try:
            key, value = reader.read(question.maps_to, answers[question.key])
        except ValueError as exc:
            mapped.skipped.append((question.label, str(exc)))
            continue
        mapped.values[key] = value
    return mapped


# --- which service a response is about ----------------------------------------------------------------------


def invited_service(response: Response) -> Service | None:
    """The service the response's invitation names, or its provider's only service in the process's catalogue."""
    invitation = response.invitation
    if invitation is None:
        return None
    catalogue = catalogue_of(response.survey.process)
    if invitation.service_id:
        return catalogue.filter(pk=invitation.service_id).first()
    if invitation.organization_id:
        services = list(catalogue.filter(organization_id=invitation.organization_id).distinct()[:2])
        if len(services) == 1:
            return services[0]
    return None


def linked_service(response: Response) -> Service | None:
    """The service staff linked the response to by hand: the one its proposals are about."""
    service_id = (
        ChangeRequest.objects.for_process(response.survey.process)
        .filter(origin=origin_of(response), service__isnull=False)
        .order_by("-submitted_at")
        .values_list("service_id", flat=True)
        .first()
    )
    return catalogue_of(response.survey.process).filter(pk=service_id).first() if service_id else None


def target_service(response: Response) -> Service | None:
    """The service of the process's catalogue the response is about, or None ("not linked")."""
    invitation = response.invitation
    if invitation is not None and (invitation.service_id or invitation.organization_id):
        service = invited_service(response)
        if service is not None or invitation.service_id:
            return service
    return linked_service(response)


# --- proposals -----------------------------------------------------------------------------------------------


def note_for(response: Response) -> str:
    note = _("from survey “%(survey)s”, response #%(number)s") % {
        "survey": response.survey.title,
        "number": response.pk,
    }
    if response.is_illustrative:
        note += " " + _("(illustrative demo answer)")
    return note[:300]


@dataclass
class Sync:
    """What reading one response did."""

    response: Response
    answered: bool = False  # the response answers at least one mapped question
    service: Service | None = None
    proposal: ChangeRequest | None = None
    mapped: Mapped = field(default_factory=Mapped)


def sync_response(response: Response, service: Service | None = None) -> Sync:
    """Create, update or withdraw the pending proposal of one sent response (``service`` links it by hand).

    Safe to call after every submission: a response that is not sent or answers no mapped question changes
    nothing, and neither does one that is not linked to a service.
    """
    result = Sync(response)
    definition = qdef.parse(response.version.definition)
    result.answered = has_mapped_answers(definition, response.answers)
    if response.status != ResponseStatus.SUBMITTED or not result.answered:
        return result
    result.service = service or target_service(response)
    result.mapped = mapped_values(response.survey, definition, response.answers, result.service)
    if result.service is None:
        return result
    result.proposal = propose_values(
        response.survey.process,
        result.service,
        result.mapped.values,
        origin=origin_of(response),
        note=note_for(response),
        when=response.updated_at,  # the provider's last correction, not the moment staff read it
    )
    return result


@dataclass
class SyncReport:
    proposed: int = 0  # responses with a pending proposal now
    unchanged: int = 0  # linked responses whose answers match the catalogue (or were decided already)
    unlinked: int = 0  # responses with mapped answers but no service


def _mapped_versions(survey: Survey) -> set[int]:
    return {version.pk for version in survey.versions.all() if has_mapped_questions(qdef.parse(version.definition))}


def sync_survey(survey: Survey) -> SyncReport:
    """Read every sent response of the survey again (e.g. after the catalogue changed)."""
    report = SyncReport()
    responses = survey.responses.filter(
        status=ResponseStatus.SUBMITTED, version__in=_mapped_versions(survey)
    ).select_related("version", "invitation", "survey__process")
    for response in responses:
        result = sync_response(response)
        if not result.answered:
            continue
        if result.service is None:
            report.unlinked += 1
        elif result.proposal is not None:
            report.proposed += 1
        else:
            report.unchanged += 1
    return report


# --- the coordinator's overview ----------------------------------------------------------------------------


@dataclass
class Row:
    """One sent response with mapped answers, its service and the proposals made from it."""

    response: Response
    service: Service | None
    pending: ChangeRequest | None
    decided: list[ChangeRequest]
    mapped: Mapped


def overview(survey: Survey) -> list[Row]:
    """Every sent response with mapped answers: linked or not, with its pending and decided proposals."""
    responses = list(
        survey.responses.filter(status=ResponseStatus.SUBMITTED, version__in=_mapped_versions(survey))
        .select_related("version", "invitation__service", "invitation__organization", "survey__process")
        .order_by("id")
    )
    proposals: dict[str, list[ChangeRequest]] = {}
    changes = ChangeRequest.objects.for_process(survey.process).filter(origin__in=[origin_of(r) for r in responses])
    for change in changes.select_related("service", "reviewed_by").order_by("-submitted_at"):
        proposals.setdefault(change.origin, []).append(change)
    definitions: dict[int, qdef.Definition] = {}
    rows = []
    for response in responses:
        definition = definitions.setdefault(response.version_id, qdef.parse(response.version.definition))
        if not has_mapped_answers(definition, response.answers):
            continue
        own = proposals.get(origin_of(response), [])
        service = target_service(response)
        rows.append(
            Row(
                response=response,
                service=service,
                pending=next((c for c in own if c.status == ReviewStatus.PENDING), None),
                decided=[c for c in own if c.status != ReviewStatus.PENDING],
                mapped=mapped_values(survey, definition, response.answers, service),
            )
        )
    return rows


def proposal_of(survey: Survey, pk: int) -> ChangeRequest | None:
    """A proposal made from a response of this survey (None for any other change request)."""
    change = ChangeRequest.objects.for_process(survey.process).filter(pk=pk).first()
    if change is None or not change.origin.startswith(ORIGIN_PREFIX):
        return None
    response_id = change.origin.removeprefix(ORIGIN_PREFIX)
    if not response_id.isdecimal() or not survey.responses.filter(pk=int(response_id)).exists():
        return None
    return change
