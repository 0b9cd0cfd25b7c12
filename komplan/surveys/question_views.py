"""The questionnaire builder (flag manage_surveys): sections and questions added, edited, moved and deleted,
display conditions set. Every button is a plain form, so the builder works without JavaScript.

Each change reads the current version under a lock, applies one ``builder`` function and stores the result
with ``services.save_definition``: into the current version while nobody answered it, else as the next
version (the answers keep the version they were given on). A refused change shows the reason at the field.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.directory.models import Codelist, CodelistItem
from komplan.territory.access import internal_view

from . import builder, services
from .builder_forms import (
    TYPE_CHOICES,
    ConditionsForm,
    DeleteSectionForm,
    QuestionForm,
    SectionForm,
    apply_problems,
)
from .definition import DefinitionError, QuestionType, parse
from .models import Response, Survey, SurveyKind, SurveyStatus, SurveyVersion
from .survey_views import MANAGE, crumbs, get_survey, posted


def _builder_url(survey: Survey, anchor: str = "") -> str:
    url = reverse("surveys_admin:survey", kwargs={"process": survey.process.slug, "survey": survey.slug})
    return f"{url}#{anchor}" if anchor else url


def _current(survey: Survey) -> SurveyVersion:
    version = survey.current_version()
    if version is None:  # create_survey always makes version 1; a survey without one is a data error
        raise Http404
    return version


def answered_keys(survey: Survey) -> set[str]:
    """Keys of the questions of every version that has responses: answers are stored under them."""
    keys: set[str] = set()
    for definition in survey.versions.filter(responses__isnull=False).distinct().values_list("definition", flat=True):
        keys |= {q.key for q in parse(definition).questions()}
    return keys


def apply_change(request, survey: Survey, change: Callable[[dict], dict], note: str) -> SurveyVersion:
    """Apply ``change`` to the current questionnaire and store it; raises DefinitionError (nothing stored)."""
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        current = _current(locked)
        answered = current.responses.exists()
        version = services.save_definition(
            locked, change(current.definition), user=request.user, note=note if answered else ""
        )
    if version.number != current.number:
        messages.info(
            request,
            _("Saved as version %(new)s; the answers given so far keep version %(old)s.")
            % {"new": version.number, "old": current.number},
        )
    return version


def _notice(survey: Survey, version: SurveyVersion) -> str:
    count = Response.objects.filter(version=version).count()
    if not count:
        return ""
    return _(
        "Version %(number)s has %(count)s responses. Changes create version %(next)s; the answers given so far "
        "keep version %(number)s."
    ) % {"number": version.number, "count": count, "next": version.number + 1}


# --- the builder page ------------------------------------------------------------------------------------


@internal_view(MANAGE)
def survey_builder(request, process, survey: str):
    survey = get_survey(request, survey)
    version = _current(survey)
    context = {
        "survey": survey,
        "version": version,
        "notice": _notice(survey, version),
        "status": survey.status(),
        "status_label": SurveyStatus(survey.status()).label,
        "type_choices": TYPE_CHOICES,
        "can_renumber": not Response.objects.filter(survey=survey).exists(),
        "breadcrumbs": crumbs(request, survey),
    }
    try:
        context["outline"] = builder.outline(version.definition)
    except DefinitionError as exc:
        context["problems"] = exc.problems
    return render(request, "surveys/admin/builder.html", context)


# --- sections --------------------------------------------------------------------------------------------


def _section(definition: dict, key: str) -> dict:
    section = next((s for s in definition["sections"] if s.get("key") == key), None)
    if section is None:
        raise Http404
    return section


def _section_page(request, survey: Survey, form, title: str, status: int = 200, section=None):
    context = {
        "form": form,
        "survey": survey,
        "title": title,
        "section": section,
        "notice": _notice(survey, _current(survey)),
        "breadcrumbs": crumbs(request, survey, (title, None)),
    }
    return render(request, "surveys/admin/section_form.html", context, status=status)


@internal_view(MANAGE)
def section_add(request, process, survey: str):
    survey = get_survey(request, survey)
    form = SectionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = {}

        def change(definition):
            result, added["key"] = builder.add_section(definition, data["title"].strip(), data["description"].strip())
            return result

        try:
            apply_change(request, survey, change, _("Section “%(title)s” added") % {"title": data["title"]})
        except DefinitionError as exc:
            apply_problems(form, exc)
        else:
            return redirect(_builder_url(survey, f"oddil-{added['key']}"))
    status = 400 if request.method == "POST" else 200
    return _section_page(request, survey, form, _("New section"), status)


@internal_view(MANAGE)
def section_edit(request, process, survey: str, key: str):
    survey = get_survey(request, survey)
    section = _section(_current(survey).definition, key)
    initial = {"title": section.get("title", ""), "description": section.get("description", "")}
    form = SectionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            apply_change(
                request,
                survey,
                lambda d: builder.edit_section(d, key, title=data["title"].strip(), description=data["description"]),
                _("Section “%(title)s” edited") % {"title": data["title"]},
            )
        except DefinitionError as exc:
            apply_problems(form, exc)
        else:
            return redirect(_builder_url(survey, f"oddil-{key}"))
    status = 400 if request.method == "POST" else 200
    return _section_page(request, survey, form, _("Edit the section"), status, section)


def _offset(request) -> int:
    return -1 if request.POST.get("direction") == "up" else 1


@require_POST
@internal_view(MANAGE)
def section_move(request, process, survey: str, key: str):
    survey = get_survey(request, survey)
    _section(_current(survey).definition, key)
    try:
        apply_change(request, survey, lambda d: builder.move_section(d, key, _offset(request)), _("Sections reordered"))
    except DefinitionError as exc:
        messages.error(request, _refusal(exc))
    return redirect(_builder_url(survey, f"oddil-{key}"))


@internal_view(MANAGE)
def section_delete(request, process, survey: str, key: str):
    survey = get_survey(request, survey)
    section = _section(_current(survey).definition, key)
    form = DeleteSectionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        with_questions = form.cleaned_data["with_questions"]
        try:
            apply_change(
                request,
                survey,
                lambda d: builder.delete_section(d, key, with_questions=with_questions),
                _("Section “%(title)s” deleted") % {"title": section.get("title", key)},
            )
        except DefinitionError as exc:
            apply_problems(form, exc)
        else:
            messages.success(request, _("The section was deleted."))
            return redirect(_builder_url(survey))
    title = _("Delete the section")
    context = {
        "form": form,
        "survey": survey,
        "section": section,
        "notice": _notice(survey, _current(survey)),
        "breadcrumbs": crumbs(request, survey, (title, None)),
    }
    return render(request, "surveys/admin/section_delete.html", context, status=400 if form.errors else 200)


def _refusal(exc: DefinitionError) -> str:
    return " ".join(message for _path, message in exc.problems)


# --- questions -------------------------------------------------------------------------------------------


def _funding_codes() -> frozenset[str]:
    return frozenset(CodelistItem.objects.filter(codelist=Codelist.FUNDING_SOURCE).values_list("code", flat=True))


def _question_form(request, survey: Survey, kind: str, data: dict | None = None, key_locked: bool = False):
    mapping = survey.kind == SurveyKind.PROVIDERS or bool((data or {}).get("maps_to"))
    return QuestionForm(
        request.POST if request.method == "POST" else None,
        initial=QuestionForm.initial_from(data) if data else None,
        kind=kind,
        key_locked=key_locked,
        funding_codes=_funding_codes() if mapping else frozenset(),
        mapping=mapping,
    )


def _question_page(request, survey: Survey, form, title: str, *, status=200, **extra):
    context = {
        "form": form,
        "survey": survey,
        "title": title,
        "type_label": builder.TYPE_LABELS[form.kind],
        "notice": _notice(survey, _current(survey)),
        "breadcrumbs": crumbs(request, survey, (title, None)),
        **extra,
    }
    return render(request, "surveys/admin/question_form.html", context, status=status)


@internal_view(MANAGE)
def question_add(request, process, survey: str, section: str):
    survey = get_survey(request, survey)
    definition = _current(survey).definition
    target = _section(definition, section)
    kind = request.POST.get("type") or request.GET.get("type") or ""
    if kind not in QuestionType.ALL:
        messages.error(request, _("Choose the type of the new question."))
        return redirect(_builder_url(survey, f"oddil-{section}"))
    form = _question_form(request, survey, kind)
    if request.method == "POST" and form.is_valid():
        added = {}

        def change(current):
            result, added["key"] = builder.add_question(
                current, section, form.to_question(), reserved=frozenset(answered_keys(survey))
            )
            return result

        try:
            apply_change(
                request, survey, change, _("Question “%(label)s” added") % {"label": form.cleaned_data["label"]}
            )
        except DefinitionError as exc:
            position = _new_position(definition, section)
            apply_problems(form, exc, *position)
        else:
            return redirect(_builder_url(survey, f"otazka-{added['key']}"))
    title = _("New question in “%(section)s”") % {"section": target.get("title") or section}
    status = 400 if request.method == "POST" else 200
    return _question_page(request, survey, form, title, status=status, kind=kind, section=target)


def _new_position(definition: dict, section: str) -> tuple[int, int]:
    for s_index, item in enumerate(definition["sections"]):
        if item.get("key") == section:
            return s_index, len(item.get("questions", []))
    return -1, -1


def _question(definition: dict, key: str) -> dict:
    try:
        return builder.question(definition, key)
    except DefinitionError:
        raise Http404 from None


@internal_view(MANAGE)
def question_edit(request, process, survey: str, key: str):
    survey = get_survey(request, survey)
    definition = _current(survey).definition
    data = _question(definition, key)
    form = _question_form(request, survey, data["type"], data, key_locked=key in answered_keys(survey))
    if request.method == "POST" and form.is_valid():
        question = form.to_question()
        question.setdefault("key", key)
        try:
            apply_change(
                request,
                survey,
                lambda d: builder.edit_question(d, key, question, reserved=frozenset(answered_keys(survey) - {key})),
                _("Question “%(label)s” edited") % {"label": question["label"]},
            )
        except DefinitionError as exc:
            apply_problems(form, exc, *builder.locate(definition, key))
        else:
            return redirect(_builder_url(survey, f"otazka-{question['key']}"))
    status = 400 if request.method == "POST" else 200
    return _question_page(request, survey, form, _("Edit the question"), status=status, question=data)


@require_POST
@internal_view(MANAGE)
def question_move(request, process, survey: str, key: str):
    survey = get_survey(request, survey)
    _question(_current(survey).definition, key)
    try:
        apply_change(
            request, survey, lambda d: builder.move_question(d, key, _offset(request)), _("Questions reordered")
        )
    except DefinitionError as exc:
        messages.error(request, _("The question cannot move there: %(reason)s") % {"reason": _refusal(exc)})
    return redirect(_builder_url(survey, f"otazka-{key}"))


@internal_view(MANAGE)
def question_delete(request, process, survey: str, key: str):
    survey = get_survey(request, survey)
    data = _question(_current(survey).definition, key)
    problems = []
    if request.method == "POST":
        try:
            apply_change(
                request,
                survey,
                lambda d: builder.delete_question(d, key),
                _("Question “%(label)s” deleted") % {"label": data.get("label", key)},
            )
        except DefinitionError as exc:
            problems = [message for _path, message in exc.problems]
        else:
            messages.success(request, _("The question was deleted."))
            return redirect(_builder_url(survey))
    context = {
        "survey": survey,
        "question": data,
        "problems": problems,
        "dependents": builder.dependents(_current(survey).definition, key),
        "notice": _notice(survey, _current(survey)),
        "breadcrumbs": crumbs(request, survey, (_("Delete the question"), None)),
    }
    return render(request, "surveys/admin/question_delete.html", context, status=400 if problems else 200)


@internal_view(MANAGE)
def question_conditions(request, process, survey: str, key: str):
    survey = get_survey(request, survey)
    definition = _current(survey).definition
    data = _question(definition, key)
    sources = builder.condition_sources(definition, key)
    form = ConditionsForm(posted(request), sources=sources, current=data.get("conditions", []))
    if request.method == "POST" and form.is_valid():
        conditions = form.conditions()
        try:
            apply_change(
                request,
                survey,
                lambda d: builder.set_conditions(d, key, conditions),
                _("Display conditions of “%(label)s” changed") % {"label": data.get("label", key)},
            )
        except DefinitionError as exc:
            apply_problems(form, exc)
        else:
            return redirect(_builder_url(survey, f"otazka-{key}"))
    context = {
        "form": form,
        "survey": survey,
        "question": data,
        "sources": sources,
        "notice": _notice(survey, _current(survey)),
        "breadcrumbs": crumbs(request, survey, (_("Display conditions"), None)),
    }
    return render(request, "surveys/admin/conditions.html", context, status=400 if form.errors else 200)


@require_POST
@internal_view(MANAGE)
def renumber(request, process, survey: str):
    """Codes s1…, q1… in the questionnaire's order; only before anyone answered (answers are keyed by code)."""
    survey = get_survey(request, survey)

    def change(definition):
        if Response.objects.filter(survey=survey).exists():  # checked under the lock of apply_change
            raise builder.BuilderError(_("The codes cannot change: the survey has responses stored under them."))
        return builder.renumber(definition)[0]

    try:
        apply_change(request, survey, change, "")
    except DefinitionError as exc:
        messages.error(request, _refusal(exc))
    else:
        messages.success(request, _("The questions were numbered in their order."))
    return redirect(_builder_url(survey))
