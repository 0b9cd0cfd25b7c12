"""Public pages of the comment periods (see urls.py for the map): the list, the version to comment on, the comment
form and the confirmation.

The form works without JavaScript: a plain POST, errors at the fields (400), the reasons of ``submit_comment``
(shared with the API), then a redirect (PRG) to a confirmation page whose address carries a signed token naming
the comment, so a guessed address shows nothing. Nobody's personal data are shown on these pages.
"""

from __future__ import annotations

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from komplan.lib.markdown import render_markdown
from komplan.surveys.spam import client_address

from . import links, querysets, services
from .anchors import AnchorError, find
from .forms import HONEYPOT, CommentForm
from .models import Channel, Comment

TOKEN_SALT = "komplan.consultation.received"
TOKEN_MAX_AGE = 30 * 24 * 60 * 60  # the confirmation page can be reopened for a month


def _crumbs(process, *tail):
    periods = links.periods_path(process.slug) if tail else None
    return [(process.name, process.get_absolute_url()), (_("Public comments on the plan"), periods), *tail]


def _period_label(consultation) -> str:
    return _("Comments on version %(number)d") % {"number": consultation.version.number}


def _period_or_404(request, pk):
    consultation = querysets.period_of(request.process, pk)
    if consultation is None:
        raise Http404
    return consultation


def _facts(consultation, today) -> dict:
    slug = consultation.version.plan.process.slug
    return {
        "consultation": consultation,
        "status": querysets.status(consultation, today),
        "status_text": querysets.status_text(consultation, today),
        "introduction": render_markdown(consultation.introduction or ""),
        "settlement_url": links.settlement_path(consultation, slug),
    }


def periods(request, process):
    process = request.process
    today = timezone.localdate()
    rows = [_facts(c, today) for c in querysets.with_counts(querysets.periods_of(process))]
    context = {"rows": rows, "breadcrumbs": _crumbs(process)}
    return render(request, "consultation/periods.html", context)


def document(request, process, consultation):
    """The version for comments with a comment link after every chapter heading and paragraph while open."""
    consultation = _period_or_404(request, consultation)
    facts = _facts(consultation, timezone.localdate())
    context = {
        **facts,
        "plan": consultation.version.plan,
        "version": consultation.version,
        "document": consultation.version.snapshot,
        "comment_url": links.form_path(consultation, process) if facts["status"] == querysets.OPEN else "",
        "breadcrumbs": _crumbs(request.process, (_period_label(consultation), None)),
    }
    return render(request, "consultation/document.html", context)


def _render_form(request, consultation, form, anchor, status=200):
    facts = _facts(consultation, timezone.localdate())
    document_url = links.document_path(consultation, request.process.slug)
    context = {
        **facts,
        "form": form,
        "anchor": anchor,
        "honeypot": HONEYPOT,
        "document_url": document_url,
        "general_url": links.form_path(consultation, request.process.slug),
        "refusal": querysets.refusal(consultation),
        "breadcrumbs": _crumbs(request.process, (_period_label(consultation), document_url), (_("Your comment"), None)),
    }
    return render(request, "consultation/form.html", context, status=status)


def _anchor_or_none(consultation, chapter, paragraph):
    try:
        return find(consultation.version.snapshot, chapter, paragraph)
    except AnchorError:
        return None


def comment(request, process, consultation):
    consultation = _period_or_404(request, consultation)
    if request.method != "POST":
        chapter, paragraph = request.GET.get("kapitola", ""), request.GET.get("odstavec", "")
        anchor = _anchor_or_none(consultation, chapter, paragraph)
        if anchor is None:  # a stale or mistyped link: that paragraph does not exist in this version
            raise Http404
        form = CommentForm(initial={"kapitola": chapter, "odstavec": paragraph}, consultation=consultation)
        return _render_form(request, consultation, form, anchor)
    form = CommentForm(request.POST, consultation=consultation)
    data = form.data_for_service(request.POST.get(HONEYPOT, ""))
    anchor = _anchor_or_none(consultation, data["chapter"], data["paragraph"])
    if not form.is_valid():
        # every problem at once: the service's reasons too, without storing anything
        reason = querysets.refusal(consultation)
        form.add_refusal({"period": [reason]} if reason else services.clean(consultation, data)[1])
        return _render_form(request, consultation, form, anchor, status=400)
    try:
        stored = services.submit_comment(consultation, data, Channel.WEB, client_address(request))
    except services.CommentRefused as exc:
        form.add_refusal(exc.errors)
        return _render_form(request, consultation, form, anchor, status=400)
    except services.RateLimited as exc:
        form.add_error(None, exc.message)
        return _render_form(request, consultation, form, anchor, status=429)
    if stored is not None:
        services.send_confirmation(
            stored,
            request.build_absolute_uri(links.periods_path(request.process.slug)),
            _absolute(request, links.settlement_path(consultation, request.process.slug)),
        )
    # a filled honeypot gets the same redirect with an empty token: the robot sees "received" (services says why)
    token = signing.dumps({"k": consultation.pk, "c": stored.pk if stored else 0}, salt=TOKEN_SALT)
    return redirect("consultation:received", process=request.process.slug, consultation=consultation.pk, token=token)


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if path else ""


def received(request, process, consultation, token):
    consultation = _period_or_404(request, consultation)
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # also an expired token (SignatureExpired)
        raise Http404 from None
    if not isinstance(payload, dict) or payload.get("k") != consultation.pk:
        raise Http404
    found = Comment.objects.filter(pk=payload.get("c") or 0, consultation=consultation).first()
    anchor = _anchor_or_none(consultation, found.chapter_key, found.paragraph_id) if found else None
    context = {
        **_facts(consultation, timezone.localdate()),
        "comment": found,
        "anchor": anchor,
        "document_url": links.document_path(consultation, request.process.slug),
        "periods_url": reverse("consultation:periods", kwargs={"process": request.process.slug}),
        "breadcrumbs": _crumbs(request.process, (_("Comment received"), None)),
    }
    return render(request, "consultation/received.html", context)
