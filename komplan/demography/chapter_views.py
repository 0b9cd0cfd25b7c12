"""The chapter editor at `<process>/sprava/demografie/kapitola/`: generate from the data, edit, save.

Two people editing at once cannot overwrite each other silently: the form carries when the editor loaded
the text, and a save over a newer text is refused with the newer text shown beside one's own.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.lib.markdown import render_markdown
from komplan.lib.text import czech_key
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import querysets
from .analysis import analyse
from .chapter import area_name, generate
from .chapter_forms import ChapterForm, GenerateForm
from .models import Chapter
from .projections import ProjectionUnavailable
from .services import ChapterConflict, regenerate_chapter, save_chapter
from .structures import NoReference


def _crumbs(request):
    overview = reverse("demography_admin:overview", kwargs={"process": request.process.slug})
    return workspace_crumbs(request.process, (_("Statistics"), overview), (_("Chapter of the plan"), None))


def _context(request, chapter, form, generate_form, **extra) -> dict:
    return {
        "chapter": chapter,
        "form": form,
        "generate_form": generate_form,
        "preview": mark_safe(render_markdown(form["text"].value() or "")) if chapter else "",  # nh3-sanitised
        "edited": bool(chapter and chapter.text != chapter.generated_text),
        "breadcrumbs": _crumbs(request),
        **extra,
    }


def _forms(request, chapter, data=None):
    scenarios = querysets.scenarios_for(request.process)
    edited = bool(chapter and chapter.text != chapter.generated_text)
    form = ChapterForm(
        data, initial={"text": chapter.text, "opened_at": chapter.updated_at.isoformat()} if chapter else {"text": ""}
    )
    return form, GenerateForm(scenarios=scenarios, edited=edited)


@internal_view(Perm.MANAGE_ANALYSIS)
def chapter_edit(request, process):
    chapter = Chapter.objects.filter(process=request.process).select_related("updated_by").first()
    if request.method == "POST" and chapter is not None:
        form, generate_form = _forms(request, chapter, request.POST)
        if form.is_valid():
            try:
                save_chapter(request.process, form.cleaned_data["text"], request.user, form.cleaned_data["opened_at"])
            except ChapterConflict:
                chapter.refresh_from_db()
                form = ChapterForm({"text": form.cleaned_data["text"], "opened_at": chapter.updated_at.isoformat()})
                form.is_valid()
                form.add_error(
                    "text",
                    _(
                        "Someone else saved the chapter after you opened it. Their text is shown below; "
                        "your text is kept here. Merge them and save again."
                    ),
                )
                context = _context(request, chapter, form, generate_form, conflict=chapter.text)
                return render(request, "demography/chapter_edit.html", context, status=409)
            messages.success(request, _("The chapter was saved."))
            return redirect("demography_admin:chapter", process=request.process.slug)
        return render(
            request, "demography/chapter_edit.html", _context(request, chapter, form, generate_form), status=400
        )
    form, generate_form = _forms(request, chapter)
    return render(request, "demography/chapter_edit.html", _context(request, chapter, form, generate_form))


@require_POST
@internal_view(Perm.MANAGE_ANALYSIS)
def chapter_generate(request, process):
    chapter = Chapter.objects.filter(process=request.process).first()
    scenarios = querysets.scenarios_for(request.process)
    edited = bool(chapter and chapter.text != chapter.generated_text)
    generate_form = GenerateForm(request.POST, scenarios=scenarios, edited=edited)
    if not generate_form.is_valid():
        form, _unused = _forms(request, chapter)
        context = _context(request, chapter, form, generate_form)
        return render(request, "demography/chapter_edit.html", context, status=400)
    scenario = next(s for s in scenarios if s.code == generate_form.cleaned_data["scenario"])
    area = sorted(request.process.municipalities.all(), key=lambda m: czech_key(m.name))
    try:
        result = analyse(area, scenario, generate_form.cleaned_data["horizon"])
    except (ProjectionUnavailable, NoReference):
        messages.error(request, _("The chapter cannot be generated: the population data have not been loaded."))
        return redirect("demography_admin:chapter", process=request.process.slug)
    regenerate_chapter(request.process, generate(result, area_name(request.process)), request.user)
    messages.success(request, _("The chapter was generated from the current data. You can edit it now."))
    return redirect("demography_admin:chapter", process=request.process.slug)
