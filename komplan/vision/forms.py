"""Forms of the vision and SWOT editor (errors at their field, komplan.lib.forms)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from komplan.directory.models import Codelist, CodelistItem
from komplan.lib.forms import Form
from komplan.surveys.definition import QuestionType, parse
from komplan.surveys.models import Survey

from .evidence import INDICATORS
from .models import TEXT_LIMIT, EvidenceKind, Quadrant


class VisionForm(Form):
    text = forms.CharField(
        label=_("Vision (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=_("How the social services of the area should look at the end of the plan's period."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ItemForm(Form):
    quadrant = forms.ChoiceField(label=_("Quadrant"), choices=Quadrant.choices)
    text = forms.CharField(label=_("Text"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class NoteForm(Form):
    note = forms.CharField(
        label=_("Note (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=3000,
        help_text=_("When and how the SWOT was made, e.g. at which meeting."),
    )


class ServiceTypeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


def survey_questions(process) -> list[tuple[str, list[tuple[str, str]]]]:
    """Closed and scale questions of the process's surveys, grouped by survey: ("<survey pk>:<key>", label)."""
    groups = []
    for survey in Survey.objects.for_process(process).order_by("-created_at"):
        version = survey.current_version()
        if version is None:
            continue
        questions = [
            (f"{survey.pk}:{q.key}", q.label)
            for q in parse(version.definition).questions()
            if q.answerable and q.type not in (QuestionType.TEXT, QuestionType.TEXTAREA)
        ]
        if questions:
            groups.append((survey.title, questions))
    return groups


class EvidenceForm(Form):
    kind = forms.ChoiceField(label=_("Kind of evidence"), choices=EvidenceKind.choices, widget=forms.RadioSelect)
    question = forms.ChoiceField(label=_("Survey question"), required=False)
    indicator = forms.ChoiceField(label=_("Demographic indicator"), required=False)
    territory = forms.ChoiceField(label=_("Municipality"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    service_type = ServiceTypeChoice(
        label=_("Type of social service"), queryset=CodelistItem.objects.none(), required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process
        self.fields["question"].choices = [("", "–"), *survey_questions(process)]
        self.fields["indicator"].choices = [("", "–"), *[(k, label) for k, (label, _a) in INDICATORS.items()]]
        self.area = {t.code: t for t in process.municipalities.all()}
        self.fields["territory"].choices = [
            ("", _("the whole planning area")),
            *sorted(((code, t.name) for code, t in self.area.items()), key=lambda c: c[1]),
        ]
        self.fields["service_type"].queryset = CodelistItem.objects.filter(codelist=Codelist.SERVICE_TYPE)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        required = {
            EvidenceKind.SURVEY: ("question", _("Choose the survey question.")),
            EvidenceKind.INDICATOR: ("indicator", _("Choose the indicator.")),
            EvidenceKind.GAP: ("service_type", _("Choose the type of service that is missing or insufficient.")),
        }
        if kind in required:
            name, message = required[kind]
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        return data

    def evidence_fields(self) -> dict:
        """The SwotEvidence fields of the chosen kind (only those of that kind are kept)."""
        data = self.cleaned_data
        fields = {"kind": data["kind"], "note": data.get("note", "")}
        if data["kind"] == EvidenceKind.SURVEY:
            survey_pk, key = data["question"].split(":", 1)
            fields.update(survey=Survey.objects.for_process(self.process).get(pk=int(survey_pk)), question_key=key)
        elif data["kind"] == EvidenceKind.INDICATOR:
            fields.update(
                indicator=data["indicator"], territory=self.area.get(data.get("territory") or ""), year=data.get("year")
            )
        else:
            fields.update(service_type=data["service_type"])
        return fields


class MergeForm(Form):
    items = forms.TypedMultipleChoiceField(
        label=_("Items to merge"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(i.pk, i.text) for b in candidates for i in b.items if not i.merged]
