"""Staff pages of the vision and the SWOTs at `<process>/sprava/swot/` (namespace vision_admin).

Every member of the process sees them (flag view_internal). Who may change what is decided by access.py: a
refusal answers 403 with its reason and saves nothing. Edits of the vision and of an item carry the version
the editor loaded; a save over a newer version answers 409 with the other person's text shown.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import access as rules
from . import querysets, services
from .forms import EvidenceForm, ItemForm, MergeForm, NoteForm, VisionForm
from .models import SwotEvidence, SwotItem
from .querysets import OVERALL


def _crumbs(request, *tail):
    overview = reverse("vision_admin:overview", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Vision and SWOT"), overview), *tail)


def _refused(request, reason: str):
    return render(request, "vision/refused.html", {"reason": reason, "breadcrumbs": _crumbs(request)}, status=403)


def _board_title(body) -> str:
    return _("Overall SWOT") if body is None else _("SWOT of %(group)s") % {"group": body.name}


def _scope_body(request, scope: str):
    """(found, body) for a board address: the overall SWOT or a group of the process."""
    if scope == OVERALL:
        return True, None
    body = querysets.swot_bodies(request.process).filter(slug=scope).first()
    return body is not None, body


def _item(request, pk: int) -> SwotItem:
    item = SwotItem.objects.filter(swot__process=request.process, pk=pk).select_related("swot__body", "source").first()
    if item is None:
        raise Http404
    return item


def _editable_item(request, pk: int):
    """(item, refusal): the item of the process (404 if none) and the 403 answer when the visitor may not edit
    its SWOT, else None."""
    item = _item(request, pk)
    reason = rules.edit_refusal(request.access, item.swot.body, _seats(request))
    return item, (_refused(request, reason) if reason else None)


def _editable_scope(request, scope: str):
    """(body, seats, refusal) for a board address (404 if none): refusal is the 403 answer or None."""
    found, body = _scope_body(request, scope)
    if not found:
        raise Http404
    seats = _seats(request)
    reason = rules.edit_refusal(request.access, body, seats)
    return body, seats, (_refused(request, reason) if reason else None)


def _to_board(request, body, item: SwotItem | None = None):
    scope = OVERALL if body is None else body.slug
    url = reverse("vision_admin:board", kwargs={"process": request.process.slug, "scope": scope})
    return redirect(f"{url}#polozka-{item.pk}" if item is not None else url)


def _seats(request):
    return rules.seated_body_ids(request.access)


@internal_view(Perm.VIEW_INTERNAL)
def overview(request, process):
    seats = _seats(request)
    rows = [
        (b, rules.edit_refusal(request.access, b.body, seats) is None)
        for b in querysets.boards(request.process, insider=True)
    ]
    context = {
        "vision": querysets.vision_of(request.process),
        "rows": rows,
        "can_edit_plan": request.access.can(Perm.EDIT_PLAN),
        "breadcrumbs": _crumbs(request),
    }
    return render(request, "vision/admin_overview.html", context)


def _vision_context(request, form, **extra):
    return {"form": form, "breadcrumbs": _crumbs(request, (_("Vision"), None)), **extra}


@internal_view(Perm.EDIT_PLAN)
def vision_edit(request, process):
    vision = querysets.vision_of(request.process)
    if request.method != "POST":
        form = VisionForm(initial={"text": vision.text if vision else "", "version": vision.version if vision else 0})
        return render(request, "vision/vision_form.html", _vision_context(request, form, vision=vision))
    form = VisionForm(request.POST)
    if not form.is_valid():
        return render(request, "vision/vision_form.html", _vision_context(request, form, vision=vision), status=400)
    try:
        services.save_vision(request.process, form.cleaned_data["text"], request.user, form.cleaned_data["version"])
    except services.Conflict as exc:
        current = exc.current
        form = VisionForm({"text": form.cleaned_data["text"], "version": current.version})
        form.is_valid()
        form.add_error(
            "text",
            _(
                "Someone else saved the vision after you opened it. Their text is shown below; your text is kept "
                "here. Merge them and save again."
            ),
        )
        context = _vision_context(request, form, vision=current, conflict=current)
        return render(request, "vision/vision_form.html", context, status=409)
    messages.success(request, _("The vision was saved."))
    return redirect("vision_admin:overview", process=request.process.slug)


def _board_context(request, board, seats, add_form=None, note_form=None) -> dict:
    can_edit = rules.edit_refusal(request.access, board.body, seats) is None
    can_vote = rules.vote_refusal(request.access, board.body, seats) is None
    return {
        "board": board,
        "title": _board_title(board.body),
        "can_edit": can_edit,
        "can_vote": can_vote,
        "can_edit_plan": request.access.can(Perm.EDIT_PLAN),
        "add_form": add_form or (ItemForm() if can_edit else None),
        "note_form": note_form or (NoteForm(initial={"note": board.note}) if can_edit else None),
        "breadcrumbs": _crumbs(request, (_board_title(board.body), None)),
    }


@internal_view(Perm.VIEW_INTERNAL)
def board(request, process, scope: str):
    found = querysets.board(request.process, scope, request.access.membership, insider=True)
    if found is None:
        raise Http404
    return render(request, "vision/admin_board.html", _board_context(request, found, _seats(request)))


@require_POST
@internal_view(Perm.VIEW_INTERNAL)
def item_add(request, process, scope: str):
    body, seats, refusal = _editable_scope(request, scope)
    if refusal:
        return refusal
    form = ItemForm(request.POST)
    if form.is_valid():
        try:
            services.add_item(
                request.process, body, form.cleaned_data["quadrant"], form.cleaned_data["text"], request.user
            )
        except ValidationError as exc:
            form.add_error("text", exc)
    if form.errors:
        current = querysets.board(request.process, scope, request.access.membership, insider=True)
        return render(request, "vision/admin_board.html", _board_context(request, current, seats, form), status=400)
    messages.success(request, _("The item was added."))
    return _to_board(request, body)


@require_POST
@internal_view(Perm.VIEW_INTERNAL)
def note_edit(request, process, scope: str):
    body, seats, refusal = _editable_scope(request, scope)
    if refusal:
        return refusal
    form = NoteForm(request.POST)
    if not form.is_valid():
        current = querysets.board(request.process, scope, request.access.membership, insider=True)
        context = _board_context(request, current, seats, note_form=form)
        return render(request, "vision/admin_board.html", context, status=400)
    services.save_note(request.process, body, form.cleaned_data["note"])
    messages.success(request, _("The note was saved."))
    return _to_board(request, body)


def _item_context(request, item, form, **extra) -> dict:
    title = _board_title(item.swot.body)
    board_url = reverse(
        "vision_admin:board",
        kwargs={"process": request.process.slug, "scope": OVERALL if item.swot.is_overall else item.swot.body.slug},
    )
    return {
        "item": item,
        "form": form,
        "board_title": title,
        "board_url": board_url,
        "breadcrumbs": _crumbs(request, (title, board_url), (_("Edit the item"), None)),
        **extra,
    }


@internal_view(Perm.VIEW_INTERNAL)
def item_edit(request, process, pk: int):
    item, refusal = _editable_item(request, pk)
    if refusal:
        return refusal
    if request.method != "POST":
        form = ItemForm(initial={"quadrant": item.quadrant, "text": item.text, "version": item.version})
        return render(request, "vision/item_form.html", _item_context(request, item, form))
    form = ItemForm(request.POST)
    if not form.is_valid() or form.cleaned_data["version"] is None:
        if form.is_valid():
            form.add_error("text", _("Reload the page and edit the item again."))
        return render(request, "vision/item_form.html", _item_context(request, item, form), status=400)
    data = form.cleaned_data
    try:
        services.save_item(item, data["quadrant"], data["text"], request.user, data["version"])
    except services.Conflict as exc:
        current = exc.current
        form = ItemForm({"quadrant": data["quadrant"], "text": data["text"], "version": current.version})
        form.is_valid()
        form.add_error(
            "text",
            _(
                "Someone else saved this item after you opened it. Their text is shown below; your text is kept "
                "here. Merge them and save again."
            ),
        )
        return render(
            request, "vision/item_form.html", _item_context(request, item, form, conflict=current), status=409
        )
    except ValidationError as exc:
        form.add_error("text", exc)
        return render(request, "vision/item_form.html", _item_context(request, item, form), status=400)
    messages.success(request, _("The item was saved."))
    return _to_board(request, item.swot.body)


@require_POST
@internal_view(Perm.VIEW_INTERNAL)
def item_delete(request, process, pk: int):
    item, refusal = _editable_item(request, pk)
    if refusal:
        return refusal
    services.delete_item(item)
    messages.success(request, _("The item was deleted."))
    return _to_board(request, item.swot.body)


@require_POST
@internal_view(Perm.VIEW_INTERNAL)
def item_move(request, process, pk: int):
    item, refusal = _editable_item(request, pk)
    if refusal:
        return refusal
    services.move_item(item, -1 if request.POST.get("smer") == "nahoru" else 1)
    return _to_board(request, item.swot.body, item)


@require_POST
@internal_view(Perm.VIEW_INTERNAL)
def item_vote(request, process, pk: int):
    item = _item(request, pk)
    reason = rules.vote_refusal(request.access, item.swot.body, _seats(request))
    if reason:
        return _refused(request, reason)
    membership = request.access.membership
    withdraw = request.POST.get("hlas") == "0"
    weight = services.unvote(item, membership) if withdraw else services.vote(item, membership)
    if request.htmx:
        item.weight, item.my_vote = weight, not withdraw
        return render(request, "vision/_vote.html", {"item": item, "can_vote": True, "focus": True})
    return _to_board(request, item.swot.body, item)


@require_POST
@internal_view(Perm.EDIT_PLAN)
def item_take_over(request, process, pk: int):
    item = _item(request, pk)
    try:
        services.take_over_source(item, request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return _to_board(request, item.swot.body)
    messages.success(request, _("The item now has the current text of the group."))
    return _to_board(request, item.swot.body)


@internal_view(Perm.VIEW_INTERNAL)
def evidence_add(request, process, pk: int):
    item, refusal = _editable_item(request, pk)
    if refusal:
        return refusal
    form = EvidenceForm(request.POST if request.method == "POST" else None, process=request.process)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_evidence(item, **form.evidence_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The evidence was linked to the item."))
            return _to_board(request, item.swot.body)
    context = _item_context(request, item, form)
    context["breadcrumbs"] = _crumbs(
        request, (context["board_title"], context["board_url"]), (_("Link evidence"), None)
    )
    return render(request, "vision/evidence_form.html", context, status=400 if request.method == "POST" else 200)


@require_POST
@internal_view(Perm.VIEW_INTERNAL)
def evidence_remove(request, process, pk: int, evidence: int):
    item, refusal = _editable_item(request, pk)
    if refusal:
        return refusal
    found = SwotEvidence.objects.filter(item=item, pk=evidence).first()
    if found is None:
        raise Http404
    services.remove_evidence(found)
    messages.success(request, _("The evidence was removed from the item."))
    return _to_board(request, item.swot.body)


@internal_view(Perm.EDIT_PLAN)
def merge(request, process):
    candidates = querysets.merge_candidates(request.process)
    form = MergeForm(request.POST if request.method == "POST" else None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        ids = None if "vse" in request.POST else form.cleaned_data["items"]
        if ids is not None and not ids:
            form.add_error("items", _("Choose the items to merge, or merge all of them."))
        else:
            result = services.merge(request.process, ids, request.user)
            messages.success(
                request,
                _("%(created)s items were merged into the overall SWOT; %(skipped)s were there already.")
                % {"created": len(result.created), "skipped": result.skipped},
            )
            return _to_board(request, None)
    context = {
        "candidates": candidates,
        "form": form,
        "breadcrumbs": _crumbs(request, (_("Merge into the overall SWOT"), None)),
    }
    return render(request, "vision/merge.html", context, status=400 if request.method == "POST" else 200)
