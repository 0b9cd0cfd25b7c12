"""The strategy of a planning process, its action plans and project store; submitting activity sheets.

- ``GET /processes/{slug}/strategy``: priorities → measures → activities, each with its number (2.1.3).
- ``GET /processes/{slug}/action-plan?year=2008``: the activities in the action plan of one year (400 for a
  missing or bad year).
- ``GET /processes/{slug}/project-store``: sheets accepted into the project store (the proposing organisation,
  never the proposer's name).
- ``POST /processes/{slug}/activity-sheets``: a member submits a sheet (session authentication with the CSRF
  token, as the web forms). 401 when not signed in, 403 for a failed CSRF check or a person who is not a member,
  409 outside the submission window, 422 with ``errors`` per field for bad input; nothing is saved then.
"""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext
from ninja import Router, Schema, Status
from ninja.utils import check_csrf

from komplan.accounts.middleware import access_for
from komplan.accounts.roles import Perm
from komplan.directory.models import Codelist, CodelistItem
from komplan.planning.models import Body, PlanningGroup
from komplan.strategy import querysets, services
from komplan.strategy.forms import SheetForm, child_formsets
from komplan.strategy.models import ActivitySheet

from .processes import visible_process_or_404
from .schemas import ErrorOut

process_router = Router(tags=["strategy"])


class CodeOut(Schema):
    code: str
    name: str


class CostOut(Schema):
    year: int
    amount: int
    source: CodeOut | None


class IndicatorOut(Schema):
    name: str
    unit: str
    target_value: float | None


class ServiceLinkOut(Schema):
    kind: str
    text: str
    service_type: str | None
    service_form: str | None
    service_id: int | None
    capacity_unit: str | None
    change: int | None


class ContentOut(Schema):
    title: str
    description: str
    planning_groups: list[str]
    target_groups: list[CodeOut]
    responsible_organisation: str
    responsible_body: str | None
    partners: list[str]
    start: dt.date | None
    end: dt.date | None
    expected_outputs: str
    costs: list[CostOut]
    indicators: list[IndicatorOut]
    services: list[ServiceLinkOut]


class ActivityOut(ContentOut):
    number: str
    action_plan_years: list[int]


class MeasureOut(Schema):
    number: str
    title: str
    description: str
    activities: list[ActivityOut]


class PriorityOut(Schema):
    number: str
    title: str
    description: str
    planning_groups: list[str]
    measures: list[MeasureOut]


class StrategyOut(Schema):
    process: str
    priorities: list[PriorityOut]


class ActionPlanOut(Schema):
    process: str
    year: int
    years: list[int]
    activities: list[ActivityOut]


class StoreItemOut(ContentOut):
    stage: str
    proposer_organisation: str


class ProjectStoreOut(Schema):
    process: str
    items: list[StoreItemOut]


class CostIn(Schema):
    year: int | str
    amount: int | float | str
    source: str | None = None


class IndicatorIn(Schema):
    name: str
    unit: str = ""
    target_value: float | str | None = None


class ServiceLinkIn(Schema):
    kind: str = "new"
    service_type: str | None = None
    service_form: str | None = None
    service_id: int | None = None
    capacity_unit: str | None = None
    change: int | str | None = None


class SheetIn(Schema):
    title: str
    description: str = ""
    stage: str = "intended"
    proposer_organisation: str = ""
    planning_groups: list[str] = []
    target_groups: list[str] = []
    responsible_organisation: str = ""
    responsible_body: str | None = None
    partners: list[str] = []
    start: str | None = None
    end: str | None = None
    expected_outputs: str = ""
    costs: list[CostIn] = []
    indicators: list[IndicatorIn] = []
    services: list[ServiceLinkIn] = []


class SheetCreated(Schema):
    id: int
    state: str
    url: str


class SheetErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]]


def _code(item) -> dict | None:
    return {"code": item.slug or item.code, "name": item.label} if item else None


def _content(item) -> dict:
    return {
        "title": item.title,
        "description": item.description,
        "planning_groups": [g.name for g in item.planning_groups.all()],
        "target_groups": [_code(t) for t in item.target_groups.all()],
        "responsible_organisation": item.responsible_organisation,
        "responsible_body": item.responsible_body.name if item.responsible_body else None,
        "partners": item.partner_list(),
        "start": item.start,
        "end": item.end,
        "expected_outputs": item.expected_outputs,
        "costs": [{"year": c.year, "amount": int(c.amount), "source": _code(c.source)} for c in item.costs.all()],
        "indicators": [
            {
                "name": i.name,
                "unit": i.unit,
                "target_value": float(i.target_value) if i.target_value is not None else None,
            }
            for i in item.indicators.all()
        ],
        "services": [
            {
                "kind": link.kind,
                "text": str(link),
                "service_type": link.service_type.slug or link.service_type.code if link.service_type else None,
                "service_form": link.service_form.slug or link.service_form.code if link.service_form else None,
                "service_id": link.service_id,
                "capacity_unit": link.capacity_type.slug or link.capacity_type.code if link.capacity_type else None,
                "change": link.change,
            }
            for link in item.servicelinks.all()
        ],
    }


def _activity(activity) -> dict:
    years = [y.year for y in activity.plan_years.all()]
    return {**_content(activity), "number": activity.number, "action_plan_years": years}


@process_router.get(
    "/{slug}/strategy",
    response={200: StrategyOut, 404: ErrorOut},
    summary="Strategy tree: priorities, measures, activities with numbers",
    url_name="process_strategy",
)
def process_strategy(request, slug: str):
    process = visible_process_or_404(request, slug)
    priorities = [
        {
            "number": p.number,
            "title": p.title,
            "description": p.description,
            "planning_groups": [g.name for g in p.planning_groups.all()],
            "measures": [
                {
                    "number": m.number,
                    "title": m.title,
                    "description": m.description,
                    "activities": [_activity(a) for a in m.activities.all()],
                }
                for m in p.measures.all()
            ],
        }
        for p in querysets.tree_for(process)
    ]
    return {"process": process.slug, "priorities": priorities}


@process_router.get(
    "/{slug}/action-plan",
    response={200: ActionPlanOut, 400: ErrorOut, 404: ErrorOut},
    summary="Action plan of one year",
    url_name="process_action_plan",
)
def process_action_plan(request, slug: str, year: str | None = None):
    """``year`` is required: a four-digit year (e.g. 2008)."""
    process = visible_process_or_404(request, slug)
    if not year or not year.strip().isdigit() or not 1990 <= int(year) <= 2100:
        detail = gettext("Give the year of the action plan as year=YYYY (1990–2100), e.g. year=2008.")
        return Status(400, {"detail": detail})
    activities = querysets.action_plan(process, int(year))
    return {
        "process": process.slug,
        "year": int(year),
        "years": querysets.action_plan_years(process),
        "activities": [_activity(a) for a in activities],
    }


@process_router.get(
    "/{slug}/project-store",
    response={200: ProjectStoreOut, 404: ErrorOut},
    summary="Project store: ideas accepted in principle",
    url_name="process_project_store",
)
def process_project_store(request, slug: str):
    process = visible_process_or_404(request, slug)
    items = [
        {**_content(s), "stage": s.stage, "proposer_organisation": s.proposer_organisation}
        for s in querysets.project_store(process)
    ]
    return {"process": process.slug, "items": items}


def _lookup(values, mapping: dict, field: str, errors: dict, message: str) -> list:
    found = []
    for value in values:
        if value in mapping:
            found.append(str(mapping[value]))
        else:
            errors.setdefault(field, []).append(message % {"value": value})
    return found


def _form_data(process, payload: SheetIn, errors: dict) -> MultiValueDict:
    """The payload as the web form's POST data (ids for slugs), so the API checks exactly what the form checks."""
    items = CodelistItem.objects.all()
    unknown = gettext("Unknown value “%(value)s”.")
    groups = dict(PlanningGroup.objects.for_process(process).values_list("slug", "pk"))
    targets = {}
    for item in items.filter(codelist=Codelist.TARGET_GROUP):
        targets[item.code] = targets[item.slug or item.code] = item.pk
    codes = {}
    for item in items.filter(
        codelist__in=[Codelist.FUNDING_SOURCE, Codelist.SERVICE_TYPE, Codelist.SERVICE_FORM, Codelist.CAPACITY_TYPE]
    ):
        codes.setdefault(item.codelist, {})[item.code] = item.pk
        codes[item.codelist][item.slug or item.code] = item.pk
    bodies = dict(Body.objects.for_process(process).values_list("slug", "pk"))
    data = MultiValueDict()
    for name in (
        "title",
        "description",
        "stage",
        "proposer_organisation",
        "responsible_organisation",
        "expected_outputs",
        "start",
        "end",
    ):
        data[name] = getattr(payload, name) or ""
    data["partners"] = "\n".join(payload.partners)
    data.setlist("planning_groups", _lookup(payload.planning_groups, groups, "planning_groups", errors, unknown))
    data.setlist("target_groups", _lookup(payload.target_groups, targets, "target_groups", errors, unknown))
    if payload.responsible_body:
        data["responsible_body"] = "".join(
            _lookup([payload.responsible_body], bodies, "responsible_body", errors, unknown)
        )

    def rows(prefix, entries, convert):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(entries))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for index, entry in enumerate(entries):
            for key, value in convert(index, entry).items():
                data[f"{prefix}-{index}-{key}"] = "" if value is None else str(value)

    def code(codelist, value, field):
        if not value:
            return ""
        return "".join(_lookup([value], codes.get(codelist, {}), field, errors, unknown))

    rows(
        "costs",
        payload.costs,
        lambda i, c: {
            "year": c.year,
            "amount": c.amount,
            "source": code(Codelist.FUNDING_SOURCE, c.source, f"costs.{i}.source"),
        },
    )
    rows("indicators", payload.indicators, lambda i, c: c.dict())
    rows(
        "links",
        payload.services,
        lambda i, s: {
            "kind": s.kind,
            "service_type": code(Codelist.SERVICE_TYPE, s.service_type, f"services.{i}.service_type"),
            "service_form": code(Codelist.SERVICE_FORM, s.service_form, f"services.{i}.service_form"),
            "service": s.service_id,
            "capacity_type": code(Codelist.CAPACITY_TYPE, s.capacity_unit, f"services.{i}.capacity_unit"),
            "change": s.change,
        },
    )
    return data


PREFIX_NAMES = {"costs": "costs", "indicators": "indicators", "links": "services"}


def _form_errors(form, formsets) -> dict[str, list[str]]:
    errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    for formset in formsets:
        for index, subform in enumerate(formset.forms):
            for name, messages in subform.errors.items():
                errors[f"{PREFIX_NAMES[formset.prefix]}.{index}.{name}"] = [str(m) for m in messages]
    return errors


def _json_body(request):
    try:
        return json.loads(request.body or b"null")
    except ValueError:
        return None


def _refuse(status: int, detail: str):
    return Status(status, {"detail": detail})


@process_router.post(
    "/{slug}/activity-sheets",
    response={201: SheetCreated, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: SheetErrorsOut},
    summary="Submit an activity sheet (members, within the submission window)",
    url_name="process_activity_sheets",
)
def submit_activity_sheet(request, slug: str, payload: SheetIn):
    """Fields as the web form; codelist values by slug or code; nothing is saved when anything is refused."""
    if not request.user.is_authenticated:
        return _refuse(401, gettext("Sign in to submit an activity sheet."))
    if check_csrf(request) is not None:
        return _refuse(403, gettext("The CSRF token is missing or wrong; send the X-CSRFToken header."))
    if not isinstance(_json_body(request), dict):  # ninja would read a bare JSON string as a sheet
        detail = gettext("Send the activity sheet as a JSON object; nothing was saved.")
        return Status(422, {"detail": detail, "errors": {}})
    process = visible_process_or_404(request, slug)
    access = access_for(request.user, process)
    if not access.can(Perm.VIEW_INTERNAL) or access.membership is None:
        return _refuse(403, gettext("Only members of the planning process can submit activity sheets."))
    call = querysets.call_for(process)
    try:
        services.check_window(call, timezone.localdate())
    except services.SubmissionClosed as exc:
        return _refuse(409, str(exc))
    errors: dict[str, list[str]] = {}
    data = _form_data(process, payload, errors)
    form = SheetForm(data, process=process, instance=ActivitySheet(process=process))
    formsets = child_formsets(ActivitySheet, form.instance, process, data)
    valid = form.is_valid() & all([f.is_valid() for f in formsets])
    errors.update(_form_errors(form, formsets))
    if errors or not valid:
        return Status(422, {"detail": gettext("The activity sheet has errors; nothing was saved."), "errors": errors})
    try:
        sheet = services.submit_sheet(process, access.membership, form, formsets, request.user, call)
    except services.SubmissionClosed as exc:
        return _refuse(409, str(exc))
    url = f"/{process.slug}/listy-aktivit/{sheet.pk}/"
    return Status(201, {"id": sheet.pk, "state": sheet.state, "url": url})
