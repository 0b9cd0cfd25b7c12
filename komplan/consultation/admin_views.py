"""Staff pages of the comments (see admin_urls.py).

Members with ``evaluate_comments`` see the comment periods, the queue of comments awaiting evaluation, every
comment with filters, one comment with its anchor (the paragraph quoted from the version for comments) and the
history of decisions; they evaluate, hide and show texts, and enter comments received on paper, by post, by e-mail
or at a meeting. The commenter's name, contacts and the scan of the letter are shown only with
``view_personal_data``, which erasing them needs too. Publishing the settlement adds an annex chapter to the plan,
so it needs ``edit_plan`` as well. A decision stored since the form was opened answers 409 with the other one shown.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.meetings.files import file_response
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import evaluation, settlement, staff_querysets
from .admin_forms import ConfirmForm, EntryForm, EvaluationForm, HideForm, PublishForm
from .models import Channel, Relevance


def _crumbs(request, *tail):
    index = reverse("consultation_admin:index", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Public comments"), index), *tail)


def _consultation(request, pk: int):
    found = staff_querysets.consultation_of(request.process, pk)
    if found is None:
        raise Http404
    return found


def _comment(request, consultation_pk: int, pk: int):
    consultation = _consultation(request, consultation_pk)
    found = staff_querysets.comment_of(consultation, pk)
    if found is None:
        raise Http404
    return consultation, found


def _period_crumb(request, consultation):
    url = reverse("consultation_admin:comments", args=[request.process.slug, consultation.pk])
    return (str(consultation), url)


@internal_view(Perm.EVALUATE_COMMENTS)
def index(request, process):
    context = {
        "consultations": staff_querysets.consultations_of(request.process),
        "breadcrumbs": _crumbs(request),
    }
    return render(request, "consultation/admin_index.html", context)


def _list(request, consultation, *, status: str, title: str):
    channel = request.GET.get("kanal", "")
    relevance = request.GET.get("relevance", "")
    channel = channel if channel in Channel.values else ""
    relevance = relevance if relevance in Relevance.values else ""
    comments = staff_querysets.comments_of(consultation, status=status, channel=channel, relevance=relevance)
    context = {
        "consultation": consultation,
        "comments": comments,
        "title": title,
        "status": status,
        "statuses": [
            ("", _("all")),
            ("ceka", _("awaiting evaluation")),
            ("vyhodnoceno", _("evaluated")),
            ("skryto", _("hidden text")),
        ],
        "channel": channel,
        "channels": Channel.choices,
        "relevance": relevance,
        "relevances": Relevance.choices,
        "today": timezone.localdate(),
        "can_publish": request.access.can(Perm.EDIT_PLAN),
        "breadcrumbs": _crumbs(request, (str(consultation), None)),
    }
    return render(request, "consultation/admin_comments.html", context)


@internal_view(Perm.EVALUATE_COMMENTS)
def comments(request, process, consultation: int):
    found = _consultation(request, consultation)
    status = request.GET.get("stav", "")
    status = status if status in staff_querysets.STATUS_FILTERS else ""
    return _list(request, found, status=status, title=_("Comments"))


@internal_view(Perm.EVALUATE_COMMENTS)
def queue(request, process, consultation: int):
    found = _consultation(request, consultation)
    return _list(request, found, status="ceka", title=_("Comments awaiting evaluation"))


def _comment_page(request, consultation, comment, form=None, status=200, **extra):
    snapshot = consultation.version.snapshot
    current = comment.evaluation
    if form is None:
        initial = {"opened_evaluation": current.pk if current else 0}
        if current:
            initial |= {
                "relevance": current.relevance,
                "relevance_reason": current.relevance_reason,
                "decision": current.decision,
                "answer": current.answer,
                "changed_paragraphs": " ".join(current.changed_paragraphs),
            }
        form = EvaluationForm(initial=initial)
    context = {
        "consultation": consultation,
        "comment": comment,
        "anchor": settlement.anchor_label(snapshot, comment.chapter_key, comment.paragraph_id),
        "quote": settlement.quoted_paragraph(snapshot, comment.chapter_key, comment.paragraph_id),
        "history": staff_querysets.history_of(comment),
        "form": form,
        "hide_form": HideForm(),
        "erase_form": ConfirmForm(),
        "personal": request.access.can(Perm.VIEW_PERSONAL_DATA),
        "breadcrumbs": _crumbs(request, _period_crumb(request, consultation), (comment.reference, None)),
        **extra,
    }
    return render(request, "consultation/admin_comment.html", context, status=status)


@internal_view(Perm.EVALUATE_COMMENTS)
def comment(request, process, consultation: int, pk: int):
    found_consultation, found = _comment(request, consultation, pk)
    if request.method != "POST":
        return _comment_page(request, found_consultation, found)
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        return _comment_page(request, found_consultation, found, form, status=400)
    data = form.cleaned_data
    try:
        evaluation.evaluate(
            found,
            request.user,
            relevance=data["relevance"],
            relevance_reason=data["relevance_reason"],
            decision=data["decision"],
            answer=data["answer"],
            changed_paragraphs=data["changed_paragraphs"],
            opened_evaluation=data.get("opened_evaluation") or 0,
        )
    except evaluation.EvaluationConflict:
        fresh = staff_querysets.comment_of(found_consultation, found.pk)
        post = request.POST.copy()
        post["opened_evaluation"] = str(fresh.evaluation_id or 0)
        form = EvaluationForm(post)
        form.is_valid()
        form.add_error(
            None,
            _(
                "Someone else evaluated the comment after you opened it; their decision is at the top of the history. "
                "Your answer is kept in the form: save it again if it should replace theirs."
            ),
        )
        return _comment_page(request, found_consultation, fresh, form, status=409)
    except ValidationError as error:
        form.add_error(None, error)
        return _comment_page(request, found_consultation, found, form, status=400)
    messages.success(request, _("The evaluation was saved."))
    return redirect("consultation_admin:comment", process=request.process.slug, consultation=consultation, pk=pk)


def _back(request, consultation: int, pk: int):
    return redirect("consultation_admin:comment", process=request.process.slug, consultation=consultation, pk=pk)


@require_POST
@internal_view(Perm.EVALUATE_COMMENTS)
def hide(request, process, consultation: int, pk: int):
    found_consultation, found = _comment(request, consultation, pk)
    form = HideForm(request.POST)
    if not form.is_valid():
        return _comment_page(request, found_consultation, found, status=400, hide_form=form)
    evaluation.hide(found, form.cleaned_data["reason"])
    messages.success(request, _("The text is hidden on the public pages; the comment stays in the settlement."))
    return _back(request, consultation, pk)


@require_POST
@internal_view(Perm.EVALUATE_COMMENTS)
def unhide(request, process, consultation: int, pk: int):
    _consultation_found, found = _comment(request, consultation, pk)
    evaluation.unhide(found)
    messages.success(request, _("The text is shown again."))
    return _back(request, consultation, pk)


@require_POST
@internal_view(Perm.EVALUATE_COMMENTS)
def erase(request, process, consultation: int, pk: int):
    if not request.access.can(Perm.VIEW_PERSONAL_DATA):
        raise PermissionDenied(_("Erasing personal data needs the right to see them."))
    found_consultation, found = _comment(request, consultation, pk)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _comment_page(request, found_consultation, found, status=400, erase_form=form)
    evaluation.anonymise(found)
    messages.success(request, _("The commenter's personal data were erased."))
    return _back(request, consultation, pk)


@internal_view(Perm.EVALUATE_COMMENTS)
def scan(request, process, consultation: int, pk: int):
    if not request.access.can(Perm.VIEW_PERSONAL_DATA):
        raise PermissionDenied(_("The scan shows the sender; it needs the right to see personal data."))
    _consultation_found, found = _comment(request, consultation, pk)
    if not found.scan:
        raise Http404
    content_type = mimetypes.guess_type(found.scan.name)[0] or "application/octet-stream"
    suffix = PurePath(found.scan.name).suffix
    return file_response(found.scan, content_type, download_name=f"{found.reference}{suffix}")


@internal_view(Perm.EVALUATE_COMMENTS)
def enter(request, process, consultation: int):
    found = _consultation(request, consultation)
    status = 200
    if request.method == "POST":
        form = EntryForm(request.POST, request.FILES, consultation=found)
        if form.is_valid():
            try:
                comment = evaluation.enter_comment(found, request.user, **form.service_fields())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("The comment was recorded as %(reference)s.") % {"reference": comment.reference}
                )
                return redirect(
                    "consultation_admin:comment", process=request.process.slug, consultation=found.pk, pk=comment.pk
                )
        status = 400
    else:
        form = EntryForm(consultation=found, initial={"received_on": timezone.localdate(), "channel": Channel.POST})
    context = {
        "consultation": found,
        "form": form,
        "breadcrumbs": _crumbs(request, _period_crumb(request, found), (_("Enter a comment"), None)),
    }
    return render(request, "consultation/admin_enter.html", context, status=status)


@internal_view(Perm.EVALUATE_COMMENTS)
def publish(request, process, consultation: int):
    found = _consultation(request, consultation)
    status = 200
    refusal = evaluation.settlement_refusal(found, timezone.localdate())
    if request.method == "POST":
        if not request.access.can(Perm.EDIT_PLAN):
            raise PermissionDenied(_("Publishing the settlement adds an annex to the plan; it needs edit_plan."))
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                sent = evaluation.publish_settlement(
                    found, request.user, introduction=form.cleaned_data["introduction"]
                )
            except ValidationError as error:
                form.add_error(None, error)
                status = 409
            else:
                messages.success(
                    request,
                    _("The settlement was published and added to the plan as an annex; %(count)d e-mails sent.")
                    % {"count": sent},
                )
                return redirect("consultation_admin:publish", process=request.process.slug, consultation=found.pk)
        else:
            status = 400
    else:
        form = PublishForm(initial={"introduction": found.settlement_introduction})
    items = staff_querysets.settlement_items(found)
    context = {
        "consultation": found,
        "form": form,
        "refusal": refusal,
        "can_publish": request.access.can(Perm.EDIT_PLAN),
        "counts_rows": settlement.counts_rows(settlement.counts(items)),
        "breadcrumbs": _crumbs(request, _period_crumb(request, found), (_("Settlement of comments"), None)),
    }
    return render(request, "consultation/admin_publish.html", context, status=status)
