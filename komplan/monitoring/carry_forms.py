"""Forms of carrying the plan on: what happens to each unfinished activity and project-store sheet of a year,
and the next planning period."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from komplan.lib.forms import Form

CARRY, STORE, LEAVE = "carry", "store", "leave"


def activity_field(candidate) -> str:
    return f"a-{candidate.activity.pk}"


def sheet_field(sheet) -> str:
    return f"s-{sheet.pk}"


class CarryForm(Form):
    """One radio group per unfinished activity (carry on / move to the project store / leave) and one measure
    select per project-store sheet (empty: not promoted). Fields exist only for the candidates shown, so a
    posted id of anything else is ignored; the service checks every choice again."""

    def __init__(self, *args, candidates, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.measures = {str(m.pk): m for m in measures}
        actions = [
            (CARRY, _("carry into the action plan of %(next)s") % {"next": candidates.next_year}),
            (STORE, _("move to the project store")),
            (LEAVE, _("leave (not carried on)")),
        ]
        for candidate in candidates.activities:
            activity = candidate.activity
            self.fields[activity_field(candidate)] = forms.ChoiceField(
                label=f"{activity.number} {activity.title}",
                choices=actions,
                initial=CARRY,
                widget=forms.RadioSelect,
            )
        measure_choices = [("", _("– do not promote –"))] + [(str(m.pk), f"{m.number} {m.title}") for m in measures]
        for sheet in candidates.sheets:
            self.fields[sheet_field(sheet)] = forms.ChoiceField(
                label=_("Promote “%(title)s” into the action plan of %(next)s under the measure")
                % {"title": sheet.title, "next": candidates.next_year},
                choices=measure_choices,
                required=False,
            )

    def activity_rows(self):
        return [(candidate, self[activity_field(candidate)]) for candidate in self.candidates.activities]

    def sheet_rows(self):
        return [(sheet, self[sheet_field(sheet)]) for sheet in self.candidates.sheets]

    def choices(self) -> dict:
        """The cleaned choices as carry_over wants them, plus the rows for the confirmation summary."""
        data = self.cleaned_data
        chosen = {"carry": [], "to_store": [], "promote": [], "left": []}
        for candidate in self.candidates.activities:
            action = data[activity_field(candidate)]
            key = {CARRY: "carry", STORE: "to_store", LEAVE: "left"}[action]
            chosen[key].append(candidate)
        for sheet in self.candidates.sheets:
            measure = self.measures.get(data.get(sheet_field(sheet)) or "")
            if measure is not None:
                chosen["promote"].append((sheet, measure))
        return chosen

    @property
    def has_choices(self) -> bool:
        return bool(self.fields)


class NextPeriodForm(Form):
    name = forms.CharField(label=gettext_lazy("Name of the new process"), max_length=250)
    slug = forms.CharField(
        label=gettext_lazy("Web address"),
        max_length=80,
        help_text=gettext_lazy("Lower-case letters, digits and hyphens, e.g. slany-2011."),
    )
    period_start = forms.IntegerField(label=gettext_lazy("Period from (year)"), min_value=1990, max_value=2100)
    period_end = forms.IntegerField(label=gettext_lazy("Period to (year)"), min_value=1990, max_value=2100)

    @staticmethod
    def initial_for(process) -> dict:
        length = process.period_end - process.period_start
        start = process.period_end + 1
        return {
            "name": process.name,
            "slug": f"{process.slug}-{start}"[:80],
            "period_start": start,
            "period_end": start + length,
        }
