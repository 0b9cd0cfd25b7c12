"""People of one process: members with roles and triad, invitations, CSV export."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import services
from .forms import InviteForm, MembershipForm
from .models import Invitation, Membership
from .roles import Perm, Triad


def _crumbs(request, *tail):
    people_url = reverse("members:list", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("People"), people_url), *tail)


def _membership_or_404(request, pk) -> Membership:
    membership = Membership.objects.for_process(request.process).select_related("user").filter(pk=pk).first()
    if membership is None:
        raise Http404
    return membership


def triad_balance(memberships) -> list[tuple[str, str, int]]:
    """(code, label, count of active members) for each triad type, in the triad's order."""
    counts = {code: 0 for code in Triad.values}
    for membership in memberships:
        if membership.is_active:
            counts[membership.triad] += 1
    return [(code, label, counts[code]) for code, label in Triad.choices]


@internal_view(Perm.VIEW_INTERNAL)
def member_list(request, process):
    memberships = list(
        Membership.objects.for_process(request.process).select_related("user").order_by("-is_active", "user__full_name")
    )
    can_manage = request.access.can(Perm.MANAGE_MEMBERS)
    invitations = Invitation.objects.for_process(request.process).pending() if can_manage else []
    return render(
        request,
        "accounts/members.html",
        {
            "memberships": memberships,
            "balance": triad_balance(memberships),
            "invitations": invitations,
            "can_manage": can_manage,
            "show_emails": request.access.can(Perm.VIEW_PERSONAL_DATA),
            "breadcrumbs": _crumbs(request),
        },
    )


@internal_view(Perm.MANAGE_MEMBERS)
def invite(request, process):
    form = InviteForm(request.POST or None, process=request.process)
    if request.method == "POST" and form.is_valid():
        services.invite(request.process, invited_by=request.user, **form.cleaned_data)
        messages.success(request, _("The invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("members:list", process=request.process.slug)
    return render(
        request,
        "accounts/invite.html",
        {
            "form": form,
            "breadcrumbs": _crumbs(request, (_("Invite"), None)),
        },
    )


@internal_view(Perm.MANAGE_MEMBERS)
def member_edit(request, process, pk):
    membership = _membership_or_404(request, pk)
    form = MembershipForm(request.POST or None, instance=Membership.objects.get(pk=membership.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_membership(membership, **{k: form.cleaned_data[k] for k in form.Meta.fields})
        except services.MembershipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The membership was saved."))
            return redirect("members:list", process=request.process.slug)
    return render(
        request,
        "accounts/member_edit.html",
        {
            "form": form,
            "membership": membership,
            "breadcrumbs": _crumbs(request, (str(membership.user), None)),
        },
    )


@require_POST
@internal_view(Perm.MANAGE_MEMBERS)
def member_remove(request, process, pk):
    membership = _membership_or_404(request, pk)
    try:
        services.remove_membership(membership)
    except services.MembershipError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(person)s was removed from the process.") % {"person": membership.user})
    return redirect("members:list", process=request.process.slug)


@require_POST
@internal_view(Perm.MANAGE_MEMBERS)
def invitation_revoke(request, process, pk):
    invitation = Invitation.objects.for_process(request.process).filter(pk=pk).first()
    if invitation is None:
        raise Http404
    services.revoke_invitation(invitation)
    messages.success(request, _("The invitation for %(email)s was revoked.") % {"email": invitation.email})
    return redirect("members:list", process=request.process.slug)


@internal_view(Perm.VIEW_PERSONAL_DATA)
def member_export(request, process):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{request.process.slug}-lide.csv"'
    response.write("\ufeff")  # so that spreadsheet programs open the UTF-8 file with Czech letters intact
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Name"), _("E-mail"), _("Role"), _("Triad"), _("Organisation"), _("Active"), _("Member since")])
    for m in Membership.objects.for_process(request.process).select_related("user").order_by("user__full_name"):
        writer.writerow(
            [
                m.user.full_name,
                m.user.email,
                m.get_role_display(),
                m.get_triad_display(),
                m.organisation,
                _("yes") if m.is_active else _("no"),
                m.joined_at.date().isoformat(),
            ]
        )
    return response
