"""Demo surveys of the Slaný process: a survey of service users and one of providers, collected in spring 2007.

Slaný ran both in March and April 2007 ("výzkum příjemců" and "výzkum poskytovatelů", seed page 000); their
answers were never published. The questionnaires here are komplan's templates (``surveys.library``), and
every response is ILLUSTRATIVE (``Response.is_illustrative``): drawn by the random model below with a fixed
seed, so the demo shows the analysis, exports and the provider answers → catalogue proposals without
presenting invented findings. The pages analysing them say so. The model is also in
docs/surveys-catalogue-and-demo.md.

Users (``USER_RESPONSES`` = 120 responses, seed ``USER_SEED``):

* municipality of residence: Slaný for everyone (the process covers one town);
* age band: drawn with the shares of Slaný's residents aged 15+ on 1 January 2008 (``AGE_BANDS``: 5-year
  groups estimated by komplan.demography from ČSÚ's total, men, women and mean ages of the town);
* single choices: the weights in ``CHOICE_WEIGHTS`` (by question key), equal weights otherwise; "other" is
  never chosen; people aged 65+ are mostly retired and more often used a service (``OLDER``);
* multiple choices: each choice ticked with probability ``TICK`` (at least one; an exclusive answer such as
  "none" stands alone);
* scales and matrix rows: binomial over the scale's points with p = ``SCALE_P`` (answers lean positive, as
  satisfaction answers usually do);
* "which services do you know / use": each service of the catalogue known with probability 0.4, each known
  one used with 0.5;
* free text: for the questions in ``FREE_TEXT``, with probability ``TEXT_RATE``, one sentence from that fixed
  list of plausible answers; other free-text questions stay empty;
* any optional question is left unanswered with probability ``SKIP`` (item non-response);
* channel: paper questionnaires typed in by staff with probability ``PAPER``, else the web form; sent at a
  uniformly random moment while the survey was open.

Providers (seed ``PROVIDER_SEED``): one response per service of Slaný's catalogue, through its invitation,
for the reference year 2006. Identification, forms and target groups are the catalogue's; the registered
capacity per form is reported as registered, or with probability 0.5 changed by −10 % … +20 %; waiting list
and refusals, staff, costs and revenues come from ``PROVIDER_MODEL`` (round orders of magnitude chosen for
the demo, not statistics); e-mail and web are invented ``.example`` addresses. Their mapped answers become
pending proposals for the coordinator to try (accept, per field, or reject).

Running the demo again deletes and recreates both surveys, their proposals, and the catalogue figures a
decision on them could have written to the illustrative services (funding, waiting lists, contacts), so
the demo returns to this state and nothing is duplicated.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from komplan.accounts.models import Membership
from komplan.directory.filters import catalogue_of
from komplan.directory.models import DemandFigure, Funding, Service, Source
from komplan.directory.review import ChangeRequest
from komplan.surveys import catalogue_link, library, services
from komplan.surveys import definition as qdef
from komplan.surveys.invitations import create_invitations
from komplan.surveys.models import Channel, Invitation, Response, ResponseStatus, Survey, SurveyKind

PRAGUE = zoneinfo.ZoneInfo("Europe/Prague")
USER_SEED, PROVIDER_SEED = 2007, 2006
USER_RESPONSES = 120
REFERENCE_YEAR = 2006

# Slaný, 1 January 2008, residents aged 15+ per band of the user survey (komplan.demography's estimate from ČSÚ).
AGE_BANDS = {"15_29": 3050, "30_44": 3391, "45_64": 4174, "65_79": 1760, "80_plus": 534}
OLDER = ("65_79", "80_plus")
CHOICE_WEIGHTS = {
    "gender": {"female": 55, "male": 42, "not_stated": 3},
    "status": {
        "employed": 42,
        "self_employed": 7,
        "retired": 20,
        "disability_pension": 6,
        "parental_leave": 8,
        "unemployed": 6,
        "student": 11,
    },
    "household": {"alone": 15, "couple": 30, "couple_children": 35, "single_parent": 8, "with_parents": 7},
    "caring": {"yes": 20, "no": 80},
    "used_service": {"yes": 30, "no": 70},
    "still_using": {"yes": 80, "stopped": 20},
    "not_used_reason": {"no_need": 70, "not_known": 12, "not_available": 8, "price": 5, "family": 5},
    "frequency": {"daily": 20, "weekly_more": 25, "weekly": 20, "monthly": 20, "rarely": 15},
    # providers
    "capacity_change": {"increase": 30, "decrease": 5, "no": 50, "unknown": 15},
    "staff_shortage": {"yes": 50, "no": 50},
    "working_group": {"yes": 40, "already": 30, "no": 30},
}
OLDER_WEIGHTS = {  # respondents aged 65+
    "status": {"retired": 90, "disability_pension": 5, "employed": 5},
    "used_service": {"yes": 55, "no": 45},
}
EXCLUSIVE = {"problems": "none"}  # "none" stands alone among the ticked answers
TICK, SCALE_P, SKIP, TEXT_RATE, PAPER = 0.25, 0.65, 0.10, 0.30, 0.70
FREE_TEXT = {
    "what_services": [
        "Pomoc starým a nemocným lidem, aby mohli zůstat doma.",
        "Pečovatelská služba, domov pro seniory.",
        "Pomoc lidem, kteří se dostali do těžké situace.",
        "Poradenství a pomoc úřadu.",
        "Nevím přesně.",
    ],
    "missing": [
        "Chybí denní stacionář pro seniory.",
        "Málo míst v domově pro seniory, čeká se dlouho.",
        "Odlehčovací služba, abych si mohla od péče o maminku odpočinout.",
        "Poradna pro rodiny s dětmi, hlavně při rozvodu.",
        "Klub pro dospívající, kteří nemají kam jít.",
        "Pomoc lidem s dluhy.",
        "Doprava k lékaři pro lidi, kteří nemohou řídit.",
        "Pomoc romským rodinám se vzděláváním dětí.",
    ],
    "comments": [
        "Děkuji, že se město ptá.",
        "Informace o službách by měly být ve zpravodaji města.",
        "Více bezbariérových chodníků a vstupů do úřadů.",
        "Pečovatelky jsou ochotné, ale nestíhají.",
    ],
    # providers
    "unmet_needs": [
        "Nemůžeme pokrýt služby o víkendech a večer.",
        "Zájemci z okolních obcí čekají, chybí nám terénní pracovník.",
        "Lidé s demencí potřebují více péče, než můžeme nabídnout.",
    ],
    "capacity_change_detail": ["Navýšení o jednoho pracovníka v přímé péči od příštího roku, podle dotace."],
    "staff_shortage_detail": ["Pracovníci v sociálních službách: nízké mzdy, náročná práce."],
    "barriers": [
        "Nejistota financování, dotace přicházejí pozdě v roce.",
        "Nevyhovující prostory, nejsou bezbariérové.",
    ],
    "plan_suggestions": [
        "Spolupráce služeb s městem a lékaři, společný katalog služeb.",
        "Denní stacionář a odlehčovací služba pro pečující rodiny.",
    ],
}
SKIPPED_KEYS = {"contact_person", "provider_ico", "registry_id", "facility_address", "opening_hours"}

# Provider figures by the service's main form: (capacity → clients in the year, waiting list range, waiting months,
# cost per unit of capacity in CZK, revenue shares by funding source in %).
PROVIDER_MODEL = {
    "pob": (1.2, (10, 60), (3, 18), 220_000, {"state_subsidy": 25, "region": 3, "municipality": 12,
                                              "user_payments": 35, "care_allowance": 20, "health_insurance": 5}),
    "ter": (1.5, (0, 15), (0, 2), 45_000, {"state_subsidy": 40, "municipality": 25, "user_payments": 25,
                                            "care_allowance": 10}),
    "amb": (1.5, (0, 10), (0, 2), 110_000, {"state_subsidy": 55, "region": 5, "municipality": 20, "eu_funds": 10,
                                             "donations": 10}),
}  # fmt: skip
STAFF = {
    "fte_social_workers": (0.5, 3.0),
    "fte_care_workers": (1.0, 25.0),
    "fte_health": (0.0, 5.0),
    "fte_management": (0.5, 3.0),
    "fte_other": (0.0, 4.0),
    "headcount": (3, 40),
    "volunteers": (0, 10),
}
SKIP_ANSWER = object()  # an override's way to leave a question unanswered

USERS = {
    "slug": "users",
    "title": "Výzkum příjemců sociálních služeb 2007",
    "opens": dt.datetime(2007, 3, 5, 8, 0, tzinfo=PRAGUE),
    "closes": dt.datetime(2007, 4, 6, 23, 59, tzinfo=PRAGUE),
}
PROVIDERS = {
    "slug": "providers",
    "title": "Výzkum poskytovatelů sociálních služeb 2007",
    "opens": dt.datetime(2007, 3, 1, 8, 0, tzinfo=PRAGUE),
    "closes": dt.datetime(2007, 3, 30, 23, 59, tzinfo=PRAGUE),
}
INTRODUCTION = (
    "**Ukázka.** Město Slaný provedlo v březnu a dubnu 2007 výzkum příjemců a výzkum poskytovatelů sociálních "
    "služeb; jejich odpovědi nejsou zveřejněné. Tento dotazník je šablona aplikace komplan a všechny odpovědi "
    "jsou ilustrativní: vygeneroval je náhodný model s pevným semínkem (popsaný v dokumentaci komplanu), "
    "nejde o zjištění."
)


@dataclass
class DemoSurveys:
    users: Survey
    providers: Survey
    proposals: int


# --- answers by question type --------------------------------------------------------------------------------


def _weighted(rng: random.Random, weights: dict[str, float]):
    values = list(weights)
    return rng.choices(values, weights=[weights[v] for v in values])[0]


def _binomial(rng: random.Random, low: int, high: int) -> int:
    return low + sum(rng.random() < SCALE_P for _ in range(high - low))


class _Answers:
    """Draws one respondent's answers question by question, so display conditions see the earlier answers."""

    def __init__(self, rng: random.Random, context: qdef.AnswerContext, weights: dict, overrides: dict, when):
        self.rng, self.context, self.weights, self.overrides, self.when = rng, context, weights, overrides, when

    def draw(self, definition: qdef.Definition) -> dict:
        answers: dict = {}
        for question in definition.questions():
            if not question.answerable or question.key in SKIPPED_KEYS:
                continue
            if question.conditions and question.key not in qdef.visible(definition, answers):
                continue
            if question.key in self.overrides:
                value = self.overrides[question.key]
                value = value(answers) if callable(value) else value
            elif not question.required and self.rng.random() < SKIP:
                continue
            else:
                value = self.value(question)
            if value is not SKIP_ANSWER and value is not None:
                answers[question.key] = value
        return answers

    def value(self, question: qdef.Question):
        kind = question.type
        if kind == qdef.QuestionType.SINGLE:
            return self.single(question)
        if kind == qdef.QuestionType.MULTIPLE:
            return self.multiple(question)
        if kind == qdef.QuestionType.SCALE:
            return _binomial(self.rng, *question.scale_range())
        if kind == qdef.QuestionType.MATRIX:
            return {row.value: _binomial(self.rng, *question.scale_range()) for row in question.rows}
        if kind == qdef.QuestionType.NUMBER:
            return self.number(question)
        if kind in qdef.QuestionType.FREE_TEXT:
            return self.text(question)
        if kind == qdef.QuestionType.DATE:
            return self.when.date().isoformat()
        if kind == qdef.QuestionType.MUNICIPALITY:
            return sorted(self.context.municipality_codes)[0] if self.context.municipality_codes else None
        return self.services()

    def single(self, question: qdef.Question) -> str:
        values = [c.value for c in question.choices]
        weights = {v: w for v, w in self.weights.get(question.key, {}).items() if v in values}
        return _weighted(self.rng, weights) if weights else self.rng.choice(values)

    def multiple(self, question: qdef.Question) -> list[str]:
        values = [c.value for c in question.choices]
        ticked = [v for v in values if self.rng.random() < TICK] or [self.rng.choice(values)]
        exclusive = EXCLUSIVE.get(question.key)
        if exclusive in ticked and len(ticked) > 1:
            ticked = [v for v in ticked if v != exclusive]
        if question.max is not None:
            ticked = ticked[: int(question.max)]
        if question.min is not None and len(ticked) < question.min:
            ticked += [v for v in values if v not in ticked][: int(question.min) - len(ticked)]
        return ticked

    def number(self, question: qdef.Question):
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else low + 20
        return self.rng.randint(int(low), int(high)) if question.integer else round(self.rng.uniform(low, high), 1)

    def text(self, question: qdef.Question):
        sentences = FREE_TEXT.get(question.key)
        if sentences and (question.required or self.rng.random() < TEXT_RATE):
            return self.rng.choice(sentences)
        return "Neuvedeno." if question.required else None

    def services(self) -> dict:
        known = [s for s in sorted(self.context.service_ids) if self.rng.random() < 0.4]
        return {"known": known, "used": [s for s in known if self.rng.random() < 0.5]}


def _checked(definition: qdef.Definition, answers: dict, context: qdef.AnswerContext) -> dict:
    clean, errors = qdef.check_answers(definition, answers, context)
    if errors:  # the model above must only give answers a respondent could give
        raise RuntimeError(f"demo survey answers break the questionnaire: {errors}")
    return clean


def _moment(rng: random.Random, spec: dict) -> dt.datetime:
    span = (spec["closes"] - spec["opens"]).total_seconds()
    return spec["opens"] + dt.timedelta(seconds=rng.uniform(0, span))


# --- the surveys --------------------------------------------------------------------------------------------


def _reset(process) -> None:
    """Delete the demo surveys of an earlier run, their proposals and what deciding those could have written."""
    titles = [USERS["title"], PROVIDERS["title"]]
    surveys = Survey.objects.for_process(process).filter(title__in=titles)
    origins = [catalogue_link.origin_of(r) for r in Response.objects.filter(survey__in=surveys).only("pk").order_by()]
    ChangeRequest.objects.for_process(process).filter(origin__in=origins).delete()
    Response.objects.filter(survey__in=surveys).delete()  # a response protects its version from the cascade
    surveys.delete()
    demo_services = catalogue_of(process).filter(source=Source.ILLUSTRATIVE)
    Funding.objects.filter(service__in=demo_services).delete()
    DemandFigure.objects.filter(service__in=demo_services).delete()
    Service.objects.filter(pk__in=demo_services.values("pk")).update(web="", email="", phone="")


def _survey(process, spec: dict, kind: str, **fields) -> Survey:
    return services.create_survey(
        process,
        title=spec["title"],
        kind=kind,
        definition=library.load(spec["slug"], "cs"),
        note="Šablona komplanu (ukázka)",
        introduction=INTRODUCTION,
        is_published=True,
        opens_at=spec["opens"],
        closes_at=spec["closes"],
        created_at=spec["opens"] - dt.timedelta(days=14),
        **fields,
    )


def _response(survey: Survey, answers: dict, when: dt.datetime, channel: str, **fields) -> Response:
    return Response(
        survey=survey,
        version=survey.current_version(),
        channel=channel,
        status=ResponseStatus.SUBMITTED,
        answers=answers,
        created_at=when,
        updated_at=when,
        submitted_at=when,
        is_illustrative=True,
        **fields,
    )


def _user_responses(survey: Survey, context: qdef.AnswerContext, clerk) -> list[Response]:
    rng = random.Random(USER_SEED)
    definition = qdef.parse(survey.current_version().definition)
    responses = []
    for _n in range(USER_RESPONSES):
        when = _moment(rng, USERS)
        band = _weighted(rng, AGE_BANDS)
        weights = {**CHOICE_WEIGHTS, **(OLDER_WEIGHTS if band in OLDER else {})}
        answers = _Answers(rng, context, weights, {"age_band": band}, when).draw(definition)
        paper = rng.random() < PAPER
        responses.append(
            _response(
                survey,
                _checked(definition, answers, context),
                when,
                Channel.PAPER if paper else Channel.WEB,
                entered_by=clerk if paper else None,
            )
        )
    return responses


def _capacities(service: Service) -> dict[str, int]:
    """Registered capacity per form code (the first unit where a form has several)."""
    result: dict[str, int] = {}
    for form in service.forms.select_related("form").order_by("form__code"):
        capacity = form.capacities.order_by("pk").first()
        if capacity is not None:
            result.setdefault(form.form.code, capacity.count)
    return result


def _provider_overrides(rng: random.Random, service: Service, definition: qdef.Definition) -> dict:
    """The answers of one provider that come from its catalogue record and ``PROVIDER_MODEL``."""
    values = _choice_values(definition)
    groups = sorted(service.target_groups.values_list("code", flat=True))
    capacities = _capacities(service)
    main = max(capacities, key=capacities.get) if capacities else "amb"
    to_clients, waiting, months, unit_cost, shares = PROVIDER_MODEL[main]
    size = sum(capacities.values()) or 5
    reported = {form: _reported(rng, count) for form, count in capacities.items()}
    costs = round(size * unit_cost * rng.uniform(0.85, 1.15), -3)
    waiting_list = rng.randint(*waiting)
    name = slugify(service.name.replace("(ilustrativní)", "")) or "sluzba"
    overrides = {
        "reference_year": REFERENCE_YEAR,
        "provider_name": service.organization.name,
        "service_name": service.name,
        "legal_form": SKIP_ANSWER,
        "service_type": service.service_type.code if service.service_type.code in values["service_type"] else None,
        "forms": list(capacities) or ["amb"],
        "continuous": "yes" if main == "pob" else "no",
        "contact_email": f"info@{name}.example",
        "contact_phone": SKIP_ANSWER,
        "contact_web": f"https://www.{name}.example",
        "served_territory": "yes",
        "target_groups": [g for g in groups if g in values["target_groups"]] or [values["target_groups"][0]],
        "age_groups": SKIP_ANSWER,
        "occupancy": round(rng.uniform(70, 100), 1),
        "clients_total": round(size * to_clients),
        "waiting_list": waiting_list,
        "waiting_time": round(rng.uniform(*months), 1),
        "refused_capacity": rng.randint(0, waiting_list // 2),
        "refused_other": rng.randint(0, 5),
        "costs_total": costs,
        "costs_personnel": round(costs * 0.7, -3),
        "costs_operating": round(costs * 0.3, -3),
        "costs_investment": round(costs * rng.uniform(0, 0.05), -3),
        "budget_next_year": round(costs * rng.uniform(1.05, 1.15), -3),
        "funding_gap": round(costs * rng.uniform(0, 0.1), -3),
    }
    for question in definition.questions():  # figures for the catalogue, found by what they map to
        kind, _sep, arg = question.maps_to.partition(":")
        if kind == "capacity":
            overrides[question.key] = reported.get(arg, SKIP_ANSWER)
        elif kind == "funding":
            share = shares.get(arg)
            overrides[question.key] = (
                round(costs * share / 100 * rng.uniform(0.85, 1.15), -3) if share else SKIP_ANSWER
            )  # a provider leaves the sources it had no money from empty
    overrides |= {key: _staff(rng, low, high) for key, (low, high) in STAFF.items()}
    overrides["clients_territory"] = lambda answers: round(overrides["clients_total"] * rng.uniform(0.6, 0.9))
    overrides["activity_volume"] = round(overrides["clients_total"] * rng.uniform(20, 60))
    return overrides


def _reported(rng: random.Random, registered: int) -> int:
    """A provider reports the registered capacity, or (probability 0.5) a changed one: −10 % … +20 %, at least ±1."""
    if rng.random() < 0.5:
        return registered
    changed = round(registered * rng.uniform(0.9, 1.2))
    return changed if changed != registered else registered + 1


def _staff(rng: random.Random, low, high):
    return rng.randint(low, high) if isinstance(low, int) else round(rng.uniform(low, high), 1)


def _choice_values(definition: qdef.Definition) -> dict[str, list[str]]:
    return {q.key: [c.value for c in q.choices] for q in definition.questions() if q.choices}


def _provider_responses(survey: Survey, context: qdef.AnswerContext) -> list[Response]:
    rng = random.Random(PROVIDER_SEED)
    definition = qdef.parse(survey.current_version().definition)
    create_invitations(survey, per="service")
    invitations = Invitation.objects.filter(survey=survey, service__isnull=False).select_related(
        "service__organization", "service__service_type"
    )
    responses = []
    for invitation in sorted(invitations, key=lambda i: i.service.name):
        when = _moment(rng, PROVIDERS)
        overrides = _provider_overrides(rng, invitation.service, definition)
        answers = _Answers(rng, context, CHOICE_WEIGHTS, overrides, when).draw(definition)
        invitation.sent_at = PROVIDERS["opens"]
        invitation.save(update_fields=["sent_at"])
        responses.append(
            _response(survey, _checked(definition, answers, context), when, Channel.INVITATION, invitation=invitation)
        )
    return responses


@transaction.atomic
def load_demo_surveys(process) -> DemoSurveys:
    """The two demo surveys of ``process`` (Slaný) with illustrative answers; provider answers → pending proposals."""
    _reset(process)
    context = services.answer_context(process)
    coordinator = Membership.objects.filter(process=process, role="coordinator").select_related("user").first()
    users = _survey(process, USERS, SurveyKind.USERS, public_link=True, results_public=True)
    Response.objects.bulk_create(_user_responses(users, context, coordinator.user if coordinator else None))
    providers = _survey(process, PROVIDERS, SurveyKind.PROVIDERS, public_link=False)
    proposals = 0
    for response in _provider_responses(providers, context):
        response.save()
        proposals += catalogue_link.sync_response(response).proposal is not None
    return DemoSurveys(users, providers, proposals)
