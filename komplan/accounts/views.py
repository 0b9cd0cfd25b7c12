"""Sign-in, the personal account page (with data export and deletion) and invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import services
from .forms import AcceptInvitationForm, DeleteAccountForm, LoginForm, NewPasswordForm, ResetForm
from .models import Invitation, User
from .process_forms import NewProcessForm

ACCOUNT = gettext_lazy("My account")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    extra_context = {"breadcrumbs": [(gettext_lazy("Sign in"), None)]}


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = ResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def home(request):
    memberships = request.user.memberships.select_related("process").order_by("process__name")
    pending = Invitation.objects.pending().filter(email__iexact=request.user.email).select_related("process")
    return render(
        request,
        "accounts/home.html",
        {
            "memberships": memberships,
            "pending_invitations": pending,
            "can_create_process": request.user.has_perm("territory.add_planningprocess"),
            "breadcrumbs": [(ACCOUNT, None)],
        },
    )


@login_required
def export_data(request):
    response = HttpResponse(services.personal_data_json(request.user), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="komplan-moje-udaje.json"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_person(request.user)
        except services.MembershipError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your account and your personal data were deleted."))
            return redirect("portal:home")
    return render(
        request,
        "accounts/delete.html",
        {
            "form": form,
            "breadcrumbs": [(ACCOUNT, reverse("accounts:home")), (_("Delete account"), None)],
        },
    )


def invitation(request, token):
    """Accept an invitation: sign in (existing account) or create an account, then join."""
    invite = Invitation.objects.by_token(token)
    if invite is None:
        return render(request, "accounts/invitation_invalid.html", {"reason": "unknown"}, status=404)
    if not invite.is_usable:
        return render(request, "accounts/invitation_invalid.html", {"reason": invite.state}, status=410)
    context = {"invitation": invite, "process": invite.process, "breadcrumbs": [(_("Invitation"), None)]}
    existing = User.objects.filter(email__iexact=invite.email).first()
    if request.user.is_authenticated:
        if request.user.email.lower() != invite.email.lower():
            context["wrong_account"] = True
            return render(request, "accounts/invitation.html", context, status=403)
        if request.method == "POST":
            return _join(request, invite, request.user)
        return render(request, "accounts/invitation.html", context)
    if existing is not None:
        context["login_url"] = f"{reverse('accounts:login')}?next={request.path}"
        return render(request, "accounts/invitation.html", context)
    form = AcceptInvitationForm(request.POST or None, email=invite.email, initial={"full_name": invite.full_name})
    if request.method == "POST" and form.is_valid():
        user = User.objects.create_user(
            email=invite.email,
            password=form.cleaned_data["password1"],
            full_name=form.cleaned_data["full_name"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return _join(request, invite, user)
    context["form"] = form
    return render(request, "accounts/invitation.html", context)


def _join(request, invite, user):
    try:
        services.accept_invitation(invite, user)
    except services.MembershipError as exc:
        messages.error(request, str(exc))
        return redirect("accounts:home")
    messages.success(request, _("Welcome to the process “%(process)s”.") % {"process": invite.process.name})
    return redirect("territory:workspace", process=invite.process.slug)


@login_required
@permission_required("territory.add_planningprocess", raise_exception=True)
def new_process(request):
    form = NewProcessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        process = form.save(creator=request.user)
        messages.success(request, _("The process was created. You are its coordinator."))
        return redirect("territory:workspace", process=process.slug)
    return render(
        request,
        "accounts/new_process.html",
        {
            "form": form,
            "breadcrumbs": [(ACCOUNT, reverse("accounts:home")), (_("New planning process"), None)],
        },
    )


@require_POST
@login_required
def decline_invitation(request, token):
    invite = Invitation.objects.by_token(token)
    if invite is not None and invite.email.lower() == request.user.email.lower():
        services.revoke_invitation(invite)
        messages.info(request, _("The invitation was declined."))
    return redirect("accounts:home")
