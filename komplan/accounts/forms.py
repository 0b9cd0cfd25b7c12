from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from komplan.lib.forms import AccessibleFormMixin, Form

from .models import Membership, User
from .roles import Role, Triad


class LoginForm(AccessibleFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("The e-mail address or password is not correct."),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"] = forms.EmailField(
            label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
        )
        self.fields["password"].label = _("Password")


class ResetForm(AccessibleFormMixin, PasswordResetForm):
    pass


class NewPasswordForm(AccessibleFormMixin, SetPasswordForm):
    pass


class InviteForm(Form):
    email = forms.EmailField(label=_("E-mail"))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    triad = forms.ChoiceField(
        label=_("Triad"),
        choices=Triad.choices,
        help_text=_("Whom the person represents: commissioners, providers, service users or the public."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=250, required=False)
    message = forms.CharField(label=_("Personal message"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if Membership.objects.for_process(self.process).filter(user__email__iexact=email, is_active=True).exists():
            raise forms.ValidationError(_("This person is already a member of the process."))
        return email


class MembershipForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "triad", "organisation", "is_active"]


class AcceptInvitationForm(Form):
    """Create an account while accepting an invitation."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password2(self):
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError(_("The two passwords differ."))
        if second:
            password_validation.validate_password(
                second, User(email=self.email, full_name=self.cleaned_data.get("full_name", ""))
            )
        return second


class DeleteAccountForm(Form):
    confirm_email = forms.EmailField(label=_("Type your e-mail address to confirm"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm_email(self):
        value = self.cleaned_data["confirm_email"]
        if value.strip().lower() != self.user.email.lower():
            raise forms.ValidationError(_("This is not the e-mail address of your account."))
        return value
