"""Forms of the staff pages of reporting: opening a monitoring period, the progress report of one activity.

The progress form parses only what HTML needs (a chosen status, a real date); the rules of a report (progress
0–100, a known funding source, an indicator value with its date, …) are checked by
``komplan.monitoring.validation`` when the view saves, and its errors are put back at their fields
(:func:`put_errors`), so the web form and the API refuse the same input with the same reasons.
"""

from __future__ import annotations

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from komplan.lib.forms import AccessibleFormMixin, DateInput, Form
from komplan.strategy.models import YEAR_VALIDATORS

from .models import Status
from .validation import IndicatorInput, ProgressInput, SpendingInput


class PeriodForm(Form):
    year = forms.IntegerField(
        label=_("Year"), validators=YEAR_VALIDATORS, help_text=_("The action-plan year to be reported.")
    )
    opens_on = forms.DateField(label=_("Reporting opens"), widget=DateInput)
    deadline = forms.DateField(label=_("Deadline for reports"), widget=DateInput)
    note = forms.CharField(
        label=_("Note for those who report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with the reminders, e.g. what to write in the note of the year."),
    )


class ProgressForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, widget=forms.RadioSelect)
    progress = forms.CharField(
        label=_("Progress (%)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4}),
        help_text=_("A whole number from 0 to 100; a done activity has 100, one that has not started 0."),
    )
    note = forms.CharField(
        label=_("What happened in the period"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the activity was postponed or cancelled."),
    )
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class SpendingForm(AccessibleFormMixin, forms.Form):
    source = forms.CharField(label=_("Funding source"), required=False, widget=forms.Select)
    amount = forms.CharField(
        label=_("Amount actually spent (CZK)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, sources, planned=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].widget.choices = [("", _("– choose –")), *[(s.code, s.label) for s in sources]]
        source = self.initial.get("source")
        if planned and source in planned:
            self.fields["amount"].help_text = _("Planned for the year: %(amount)s CZK") % {
                "amount": f"{planned[source]:,.0f}".replace(",", "\u00a0")
            }

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("amount") or "").strip() and not (cleaned.get("source") or "").strip():
            self.add_error("source", _("Choose the funding source of this amount."))
        return cleaned

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("source") or "").strip() and not (data.get("amount") or "").strip()


class IndicatorValueForm(AccessibleFormMixin, forms.Form):
    indicator = forms.CharField(widget=forms.HiddenInput, required=False)
    value = forms.CharField(label=_("Actual value"), required=False, widget=forms.TextInput(attrs={"size": 10}))
    measured_on = forms.DateField(label=_("Measured on"), required=False, widget=DateInput)

    def __init__(self, *args, indicator_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator_obj = indicator_obj
        if indicator_obj is not None and indicator_obj.unit:
            self.fields["value"].label = _("Actual value (%(unit)s)") % {"unit": indicator_obj.unit}

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("value") or "").strip() and data.get("measured_on") is None


class SpendingFormSet(BaseFormSet):
    def __init__(self, *args, sources, planned, **kwargs):
        self.sources, self.planned = sources, planned
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"sources": self.sources, "planned": self.planned}


class IndicatorFormSet(BaseFormSet):
    def __init__(self, *args, indicators, **kwargs):
        self.indicators = indicators
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"indicator_obj": self.indicators[index] if index is not None and index < len(self.indicators) else None}


Spendings = formset_factory(SpendingForm, formset=SpendingFormSet, extra=2, max_num=30, absolute_max=30)
Indicators = formset_factory(IndicatorValueForm, formset=IndicatorFormSet, extra=0, max_num=50, absolute_max=50)


def report_forms(activity, report, sources, planned, data=None):
    """(form, spendings formset, indicators formset) for the report of ``activity`` (``report`` or None)."""
    indicators = list(activity.indicators.all())
    if report is None:
        initial = {"status": Status.RUNNING, "opened_version": 0}
        spending_rows = []
        measured = {}
    else:
        initial = {
            "status": report.status,
            "progress": report.progress,
            "note": report.note,
            "reason": report.reason,
            "opened_version": report.version,
        }
        spending_rows = [{"source": s.source.code, "amount": f"{s.amount:.0f}"} for s in report.spendings.all()]
        measured = {v.indicator_id: v for v in report.indicator_values.all()}
    indicator_rows = []
    for indicator in indicators:
        value = measured.get(indicator.pk)
        indicator_rows.append(
            {
                "indicator": indicator.pk,
                "value": _plain(value.value) if value else "",
                "measured_on": value.measured_on if value else None,
            }
        )
    form = ProgressForm(data, initial=initial)
    spendings = Spendings(data, initial=spending_rows, prefix="spendings", sources=sources, planned=planned)
    indicator_formset = Indicators(data, initial=indicator_rows, prefix="indicators", indicators=indicators)
    return form, spendings, indicator_formset


def _plain(number) -> str:
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def progress_input(form, spendings, indicators) -> tuple[ProgressInput, list[int], list[int]]:
    """The report as validation.ProgressInput, and for each of its spending and indicator rows the index of the
    form it came from (blank rows are left out)."""
    data = form.cleaned_data
    spending_forms = [i for i, f in enumerate(spendings.forms) if not f.is_blank]
    indicator_forms = [i for i, f in enumerate(indicators.forms) if not f.is_blank]
    report = ProgressInput(
        status=data["status"],
        progress=data.get("progress"),
        note=data.get("note") or "",
        reason=data.get("reason") or "",
        spendings=[
            SpendingInput(
                source=spendings.forms[i].cleaned_data.get("source") or None,
                amount=spendings.forms[i].cleaned_data.get("amount"),
            )
            for i in spending_forms
        ],
        indicators=[
            IndicatorInput(
                indicator=indicators.forms[i].cleaned_data.get("indicator"),
                value=indicators.forms[i].cleaned_data.get("value"),
                measured_on=indicators.forms[i].cleaned_data.get("measured_on"),
            )
            for i in indicator_forms
        ],
    )
    return report, spending_forms, indicator_forms


def put_errors(message_dict, form, spendings, indicators, spending_forms, indicator_forms) -> None:
    """Put the errors of validation.clean_progress (keyed ``status``, ``spendings-<i>-amount``, …) at the fields
    they belong to; ``<i>`` counts the rows of the ProgressInput, mapped back to their forms."""
    rows = {"spendings": (spendings, spending_forms), "indicators": (indicators, indicator_forms)}
    for key, messages in message_dict.items():
        prefix, _sep, rest = key.partition("-")
        if prefix in rows and rest:
            formset, positions = rows[prefix]
            index, _sep, name = rest.partition("-")
            if index.isdigit() and int(index) < len(positions):
                target = formset.forms[positions[int(index)]]
                target.add_error(name if name in target.fields and name != "indicator" else None, messages)
                continue
        form.add_error(key if key in form.fields else None, messages)


def all_valid(form, *formsets) -> bool:
    valid = form.is_valid()
    return all([formset.is_valid() for formset in formsets]) and valid


def read_only(form, *formsets) -> None:
    """Show the form without letting it be changed (a closed period): every input is disabled in the page."""
    for each in [form, *[f for formset in formsets for f in formset.forms]]:
        for field in each.fields.values():
            field.widget.attrs["disabled"] = True
