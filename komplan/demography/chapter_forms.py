"""Forms of the chapter editor (rendered by komplan.lib.forms: errors at the field and in a summary)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from komplan.lib.forms import Form

from .analysis import DEFAULT_HORIZON, HORIZONS


class ChapterForm(Form):
    text = forms.CharField(
        label=_("Text of the chapter (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "## starts a section, | separates table cells, *text* is italics. Numbers are not updated once edited."
        ),
    )
    # When the editor loaded the text, to the microsecond (a DateTimeField would render whole seconds only).
    opened_at = forms.CharField(widget=forms.HiddenInput)

    def clean_opened_at(self):
        import datetime as dt

        try:
            return dt.datetime.fromisoformat(self.cleaned_data["opened_at"])
        except ValueError:
            raise forms.ValidationError(_("Reload the page and edit the chapter again.")) from None


class GenerateForm(Form):
    scenario = forms.ChoiceField(label=_("Projection scenario"))
    horizon = forms.TypedChoiceField(
        label=_("Horizon"),
        coerce=int,
        choices=[(h, _("%(years)s years") % {"years": h}) for h in HORIZONS],
        initial=DEFAULT_HORIZON,
    )
    replace = forms.BooleanField(
        label=_("Replace the edited text with the generated one"),
        required=False,
        help_text=_("The chapter has been edited since it was generated; the edits would be lost."),
    )

    def __init__(self, *args, scenarios, edited: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenario"].choices = [(s.code, s.display_name) for s in scenarios]
        self.fields["scenario"].initial = "medium"
        self.edited = edited
        if not edited:
            del self.fields["replace"]

    def clean_replace(self):
        if self.edited and not self.cleaned_data.get("replace"):
            raise forms.ValidationError(_("Confirm that the edited text may be replaced, or keep editing it below."))
        return True
