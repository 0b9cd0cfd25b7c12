"""Forms of the yearly report's staff pages: create, the narrative texts, the two approvals."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from komplan.lib.forms import DateInput, Form

MARKDOWN_HELP = _("Markdown: a blank line starts a new paragraph; ## starts a section, *text* is italics.")


class CreateReportForm(Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, help_text=_("Years with an action plan and no report."))
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Left empty, the title is made from the name of the plan and the year."),
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


def _markdown(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        max_length=100_000,
        help_text=MARKDOWN_HELP,
    )


class ReportTextsForm(Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    introduction = _markdown(_("Introduction (Markdown)"))
    evaluation = _markdown(_("Evaluation (Markdown)"))
    conclusions = _markdown(_("Conclusions and recommendations (Markdown)"))
    opened_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ("title", "introduction", "evaluation", "conclusions")}


def _not_in_future(value):
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))
    return value


class SteeringForm(Form):
    approved_on = forms.DateField(label=_("Approved by the steering group on"), widget=DateInput)
    record = forms.CharField(
        label=_("Record of the approval"),
        max_length=300,
        required=False,
        help_text=_("E.g. the minutes of the meeting where it was approved."),
    )

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report

    def clean_approved_on(self):
        value = _not_in_future(self.cleaned_data["approved_on"])
        if self.report is not None and value.year < self.report.year:
            raise forms.ValidationError(
                _("The report on %(year)s cannot be approved before the year began.") % {"year": self.report.year}
            )
        return value


class CouncilForm(Form):
    body = forms.CharField(
        label=_("Approved by (body)"), max_length=200, help_text=_("For example “Zastupitelstvo města Slaný”.")
    )
    resolution_number = forms.CharField(
        label=_("Resolution number"), max_length=60, help_text=_("For example “12/2009”.")
    )
    resolution_date = forms.DateField(label=_("Date of the resolution"), widget=DateInput)

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report

    def clean_resolution_date(self):
        value = _not_in_future(self.cleaned_data["resolution_date"])
        steering = getattr(self.report, "steering_approved_on", None)
        if steering is not None and value < steering:
            raise forms.ValidationError(
                _("The resolution cannot be older than the steering group's approval (%(date)s).")
                % {"date": f"{steering.day}. {steering.month}. {steering.year}"}
            )
        return value
