"""Staff screens of a process's surveys at `<process>/sprava/pruzkumy/` (namespace surveys_admin): the list,
a new survey (from a template, blank, or an XLSForm file with a preview), settings, versions, the structure,
a preview and deleting a survey.

The list is open to every member (view_internal); everything else needs manage_surveys.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import builder, library, services
from .builder_forms import BLANK, DeleteSurveyForm, NewSurveyForm, SurveySettingsForm, XLSFormUploadForm
from .definition import DefinitionError
from .models import Channel, Response, ResponseStatus, Survey, SurveyStatus, SurveyVersion

MANAGE = Perm.MANAGE_SURVEYS
SESSION_KEY = "komplan_pending_xlsforms"


# --- shared by the survey, question and invitation views ---------------------------------------------------


def get_survey(request, slug: str) -> Survey:
    """A survey of the request's process by its slug (another process's survey is a 404)."""
    survey = Survey.objects.for_process(request.process).filter(slug=slug).first()
    if survey is None:
        raise Http404
    return survey


def crumbs(request, survey: Survey | None = None, *tail):
    slug = request.process.slug
    list_url = reverse("surveys_admin:list", kwargs={"process": slug}) if (survey or tail) else None
    items = [(_("Surveys"), list_url)]
    if survey is not None:
        items.append((survey.title, reverse("surveys_admin:survey", kwargs={"process": slug, "survey": survey.slug})))
    return workspace_crumbs(request.process, *items, *tail)


def posted(request, *, files: bool = False):
    """The form data of a POST (bound even when empty, so an all-optional form still validates), else None."""
    if request.method != "POST":
        return (None, None) if files else None
    return (request.POST, request.FILES) if files else request.POST


def language() -> str:
    return "en" if (translation.get_language() or "").startswith("en") else "cs"


def _survey_url(survey: Survey) -> str:
    return reverse("surveys_admin:survey", kwargs={"process": survey.process.slug, "survey": survey.slug})


# --- the list --------------------------------------------------------------------------------------------


def _with_counts(surveys):
    submitted = Q(responses__status=ResponseStatus.SUBMITTED)
    counts = {
        f"n_{channel}": Count("responses", filter=submitted & Q(responses__channel=channel))
        for channel in Channel.values
    }
    return surveys.annotate(n_total=Count("responses", filter=submitted), **counts)


@internal_view(Perm.VIEW_INTERNAL)
def survey_list(request, process):
    surveys = list(_with_counts(Survey.objects.for_process(request.process)))
    for survey in surveys:
        survey.current_status = survey.status()
        survey.status_label = SurveyStatus(survey.current_status).label
        survey.by_channel = [
            (label, getattr(survey, f"n_{value}")) for value, label in Channel.choices if getattr(survey, f"n_{value}")
        ]
    return render(
        request,
        "surveys/admin/list.html",
        {"surveys": surveys, "can_manage": request.access.can(MANAGE), "breadcrumbs": crumbs(request)},
    )


# --- a new survey ----------------------------------------------------------------------------------------


def template_choices(lang: str) -> list[tuple[str, str]]:
    return [
        (item.slug, f"{item.title} – {item.description}" if item.description else item.title)
        for item in library.templates(lang)
    ]


def _load_template(slug: str, lang: str) -> tuple[library.TemplateInfo, dict]:
    """The template's description and a copy of its questionnaire (the process edits the copy)."""
    info = next((item for item in library.templates(lang) if item.slug == slug), None)
    if info is None:
        raise LookupError(slug)
    return info, library.load(slug, lang)


def _create_from(request, form: NewSurveyForm) -> Survey:
    data = form.cleaned_data
    if data["start"] == BLANK:
        return services.create_survey(
            request.process,
            title=data["title"].strip(),
            kind=data["kind"],
            definition=builder.blank(language()),
            user=request.user,
        )
    info, definition = _load_template(data["start"], language())
    return services.create_survey(
        request.process,
        title=(data.get("title") or "").strip() or info.title,
        kind=data.get("kind") or info.kind,
        definition=definition,
        user=request.user,
        note=_("From the template “%(title)s”") % {"title": info.title},
    )


@internal_view(MANAGE)
def survey_create(request, process):
    form = NewSurveyForm(posted(request), templates=template_choices(language()))
    if request.method == "POST" and form.is_valid():
        try:
            survey = _create_from(request, form)
        except (DefinitionError, LookupError) as exc:  # a broken template must not become a 500
            form.add_error("start", _("This template cannot be used: %(reason)s") % {"reason": exc})
        else:
            messages.success(request, _("The survey “%(title)s” was created.") % {"title": survey.title})
            return redirect(_survey_url(survey))
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "upload_form": XLSFormUploadForm(),
        "breadcrumbs": crumbs(request, None, (_("New survey"), None)),
    }
    return render(request, "surveys/admin/create.html", context, status=status)


# --- XLSForm import with a preview ----------------------------------------------------------------------


def _upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports" / "surveys"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _import(name: str, content: bytes):
    from .xlsform import import_xlsform

    return import_xlsform(name, content)


@internal_view(MANAGE)
def import_preview(request, process):
    form = XLSFormUploadForm(*posted(request, files=True))
    context = {"form": form, "breadcrumbs": crumbs(request, None, (_("Import an XLSForm"), None))}
    if request.method != "POST":
        return render(request, "surveys/admin/import.html", context)
    if not form.is_valid():
        return render(request, "surveys/admin/import.html", context, status=400)
    upload = form.cleaned_data["file"]
    content = upload.read()
    result = _import(upload.name, content)
    context["result"] = result
    if result.problems or result.definition is None:
        return render(request, "surveys/admin/import.html", context, status=400)
    context["outline"] = builder.outline(result.definition)
    token = secrets.token_urlsafe(16)
    (_upload_dir() / token).write_bytes(content)
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {
        "name": upload.name,
        "process": request.process.pk,
        "kind": form.cleaned_data["kind"],
        "title": form.cleaned_data["title"].strip(),
    }
    request.session[SESSION_KEY] = pending
    context["token"] = token
    return render(request, "surveys/admin/import.html", context)


def _pending(request, token: str) -> tuple[dict | None, Path | None]:
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if entry is None or entry["process"] != request.process.pk or not token.replace("-", "").replace("_", "").isalnum():
        return None, None
    path = _upload_dir() / token
    return (entry, path) if path.exists() else (None, None)


@require_POST
@internal_view(MANAGE)
def import_confirm(request, process):
    entry, path = _pending(request, request.POST.get("token", ""))
    if entry is None:
        messages.error(request, _("This preview has expired. Upload the file again."))
        return redirect("surveys_admin:import", process=request.process.slug)
    try:
        result = _import(entry["name"], path.read_bytes())
    finally:
        path.unlink(missing_ok=True)
    if result.problems or result.definition is None:
        messages.error(request, _("The file was refused; nothing was created. Check it and upload it again."))
        return redirect("surveys_admin:import", process=request.process.slug)
    title = entry["title"] or result.title or Path(entry["name"]).stem
    survey = services.create_survey(
        request.process,
        title=title[:200],
        kind=entry["kind"],
        definition=result.definition,
        user=request.user,
        note=(_("Imported from the XLSForm “%(name)s”") % {"name": entry["name"]})[:300],
    )
    messages.success(request, _("The survey “%(title)s” was created from the file.") % {"title": survey.title})
    return redirect(_survey_url(survey))


# --- settings, delete ------------------------------------------------------------------------------------


@internal_view(MANAGE)
def survey_settings(request, process, survey: str):
    survey = get_survey(request, survey)
    form = SurveySettingsForm(posted(request), instance=Survey.objects.get(pk=survey.pk))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The settings of the survey were saved."))
        return redirect(_survey_url(survey))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "survey": survey, "breadcrumbs": crumbs(request, survey, (_("Settings"), None))}
    return render(request, "surveys/admin/settings.html", context, status=status)


@transaction.atomic
def delete_survey(survey: Survey) -> None:
    """The survey with its versions, invitations, responses and their contacts and codes.

    Pending catalogue proposals made from its responses go too: nobody could trace them to their answers any more.
    Decided ones stay, as the record of what changed the catalogue.
    """
    from komplan.directory.review import ChangeRequest, ReviewStatus

    from .catalogue_link import origin_of

    responses = list(Response.objects.filter(survey=survey))
    ChangeRequest.objects.for_process(survey.process).filter(
        origin__in=[origin_of(r) for r in responses], status=ReviewStatus.PENDING
    ).delete()
    Response.objects.filter(survey=survey).delete()  # a response protects its version from a plain cascade
    survey.delete()


@internal_view(MANAGE)
def survey_delete(request, process, survey: str):
    survey = get_survey(request, survey)
    count = Response.objects.filter(survey=survey).count()
    form = DeleteSurveyForm(posted(request), responses=count)
    if request.method == "POST" and form.is_valid():
        delete_survey(survey)
        messages.success(request, _("The survey “%(title)s” was deleted.") % {"title": survey.title})
        return redirect("surveys_admin:list", process=request.process.slug)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "survey": survey,
        "responses": count,
        "breadcrumbs": crumbs(request, survey, (_("Delete"), None)),
    }
    return render(request, "surveys/admin/delete.html", context, status=status)


# --- versions, structure, preview ------------------------------------------------------------------------


@internal_view(MANAGE)
def versions(request, process, survey: str):
    survey = get_survey(request, survey)
    rows = survey.versions.select_related("created_by").annotate(
        n_responses=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED)),
        n_saved=Count("responses", filter=Q(responses__status=ResponseStatus.IN_PROGRESS)),
    )
    context = {
        "survey": survey,
        "versions": rows.order_by("-number"),
        "breadcrumbs": crumbs(request, survey, (_("Versions"), None)),
    }
    return render(request, "surveys/admin/versions.html", context)


def _outline_page(request, survey: Survey, version: SurveyVersion | None, title: str):
    context = {
        "survey": survey,
        "version": version,
        "title": title,
        "breadcrumbs": crumbs(request, survey, (title, None)),
    }
    try:
        context["outline"] = builder.outline(version.definition) if version else []
    except DefinitionError as exc:  # a stored version always parses; say so plainly if one ever does not
        context["problems"] = exc.problems
    return render(request, "surveys/admin/structure.html", context)


@internal_view(MANAGE)
def structure(request, process, survey: str):
    survey = get_survey(request, survey)
    return _outline_page(request, survey, survey.current_version(), _("Structure"))


@internal_view(MANAGE)
def version_detail(request, process, survey: str, number: int):
    survey = get_survey(request, survey)
    version = survey.versions.filter(number=number).first()
    if version is None:
        raise Http404
    return _outline_page(request, survey, version, _("Version %(number)s") % {"number": number})


@internal_view(MANAGE)
def preview(request, process, survey: str):
    """The questionnaire as respondents see it. Answers sent from it are checked like real ones, never saved."""
    survey = get_survey(request, survey)
    version = survey.current_version()
    context = {"survey": survey, "version": version, "breadcrumbs": crumbs(request, survey, (_("Preview"), None))}
    if version is None:
        return render(request, "surveys/admin/preview.html", context)
    try:
        context.update(_preview_form(request, survey, version))
    except DefinitionError as exc:  # a stored version always parses; say so plainly if one ever does not
        context["problems"] = exc.problems
    return render(request, "surveys/admin/preview.html", context)


def _preview_form(request, survey: Survey, version: SurveyVersion) -> dict:
    from . import runtime, runtime_parse, runtime_render
    from .definition import check_answers, parse

    definition = parse(version.definition)
    answers, errors, contact, checked = {}, runtime.FormErrors(), None, False
    if request.method == "POST":
        answers = runtime_parse.answers_from_post(definition, request.POST)
        contact, contact_errors = runtime_parse.contact_from_post(request.POST)
        _clean, problems = check_answers(definition, answers, services.answer_context(request.process))
        errors.update(problems)
        errors.update(contact_errors)
        checked = True
    form = runtime_render.build_form(
        runtime_render.FormInput(
            definition=definition,
            options=runtime.options_for(request.process, definition),
            answers=answers,
            errors=errors,
            contact=contact,
            consent_text=survey.consent_text if survey.collects_contact else None,
        )
    )
    return {"form": form, "checked": checked, "passed": checked and not errors}
