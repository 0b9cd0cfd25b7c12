"""The public comment form and the staff form of a comment period.

The comment form only collects and displays: the rules live in ``services.clean`` / ``submit_comment`` (shared
with the API), whose errors the view puts back at the fields. Required fields use the service's own messages, so
the web and the API say the same thing.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from komplan.lib.forms import DateInput, Form, ModelForm

from . import services
from .models import Consultation, ContactRule

HONEYPOT = "homepage"  # a name robots like to fill; people never see the field


class CommentForm(Form):
    kapitola = forms.CharField(required=False, widget=forms.HiddenInput)
    odstavec = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": services.TEXT_REQUIRED},
    )
    name = forms.CharField(
        label=_("Name and surname"), required=False, widget=forms.TextInput({"autocomplete": "name"})
    )
    email = forms.CharField(
        label=_("E-mail"),
        required=False,
        help_text=_("We send a confirmation to it and tell you when the settlement is published. Never published."),
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    postal_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        help_text=_("Only if you want the answer by post. Never published."),
        widget=forms.TextInput({"autocomplete": "street-address"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        required=False,
        help_text=_("If you comment on behalf of an organisation."),
        widget=forms.TextInput({"autocomplete": "organization"}),
    )
    publish_name = forms.BooleanField(
        label=_("My name may be published with my comment in the settlement of comments"),
        required=False,
    )

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["text"].help_text = _("At most %(max)d characters.") % {"max": consultation.max_length}
        rule = consultation.contact_rule
        if rule in (ContactRule.NAME, ContactRule.NAME_AND_CONTACT):
            self.fields["name"].required = True
            self.fields["name"].error_messages["required"] = services.NAME_REQUIRED

    def data_for_service(self, honeypot: str = "") -> dict:
        """The submitted values in the service's (and the API's) names, read raw so the service judges them all."""
        raw = self.data
        widget = self.fields["publish_name"].widget
        consent = widget.value_from_datadict(raw, self.files, self.add_prefix("publish_name"))
        return {
            "chapter": raw.get("kapitola", ""),
            "paragraph": raw.get("odstavec", ""),
            "text": raw.get("text", ""),
            "name": raw.get("name", ""),
            "email": raw.get("email", ""),
            "postal_address": raw.get("postal_address", ""),
            "organisation": raw.get("organisation", ""),
            "publish_name": bool(consent),
            "honeypot": honeypot,
        }

    def add_refusal(self, errors: dict[str, list[str]]) -> None:
        """The service's reasons at their fields; the period and the anchor (hidden fields) above the form."""
        for key, messages in errors.items():
            field = key if key in self.fields else None  # period, chapter, paragraph: no visible field
            for message in messages:
                if field is None or message not in self.errors.get(field, []):
                    self.add_error(field, message)


class PeriodForm(ModelForm):
    class Meta:
        model = Consultation
        fields = [
            "version",
            "opens_on",
            "closes_on",
            "introduction",
            "contact_rule",
            "max_length",
            "retention_days",
            "reference_prefix",
        ]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput(), "introduction": forms.Textarea({"rows": 6})}

    def __init__(self, *args, versions=None, locked_prefix: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["version"]
        else:
            self.fields["version"].queryset = versions
            self.fields["version"].label_from_instance = lambda v: (
                _("Version %(number)d") % {"number": v.number} + (f" – {v.label}" if v.label else "")
            )
            self.fields["version"].help_text = _("A version for public comments that has no comment period yet.")
        if locked_prefix:
            self.fields["reference_prefix"].disabled = True
            self.fields["reference_prefix"].help_text = _("Comments already have reference numbers with it.")
        self.fields["max_length"].min_value = 100
        self.fields["max_length"].widget.attrs["min"] = 100

    def clean_max_length(self):
        value = self.cleaned_data["max_length"]
        if value is not None and value < 100:
            raise forms.ValidationError(_("Allow at least 100 characters."))
        return value

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The period cannot end before it starts."))
        return cleaned

    def _post_clean(self):
        # The model's own check constraint would repeat the date error without a field; clean() already said it.
        if "closes_on" in self.errors:
            return
        super()._post_clean()
