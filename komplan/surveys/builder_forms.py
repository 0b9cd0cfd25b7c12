"""Forms of the staff screens of surveys: settings, a new survey, the builder's section and question forms,
display conditions, deleting a survey, invitations.

The question form turns its fields into a question dict (``to_question``); whether the questionnaire as a
whole stays valid is decided by ``builder`` (``definition.parse``), whose problems the view puts back at the
fields with ``apply_problems``.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from komplan.lib.forms import Form, ModelForm

from . import builder
from .definition import ConditionOp, DefinitionError, QuestionType
from .models import Survey, SurveyKind

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a questionnaire, not a data set
XLSFORM_EXTENSIONS = (".xlsx", ".xls")

TYPE_CHOICES = [(kind, builder.TYPE_LABELS[kind]) for kind in QuestionType.ALL]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class SurveySettingsForm(ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title",
            "kind",
            "introduction",
            "is_published",
            "opens_at",
            "closes_at",
            "public_link",
            "collects_contact",
            "consent_text",
            "results_public",
        ]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 6}),
            "consent_text": forms.Textarea(attrs={"rows": 4}),
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
        }
        help_texts = {
            "consent_text": _(
                "Required when the survey asks for contact details: what the contacts are for, who keeps them "
                "and until when."
            ),
            "closes_at": _("Answers are accepted until this moment; leave empty to collect until you close it."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The survey must close after it opens."))
        if data.get("collects_contact") and not (data.get("consent_text") or "").strip():
            self.add_error("consent_text", _("Write the consent text respondents agree to when they leave contacts."))
        return data


BLANK = "blank"


class NewSurveyForm(Form):
    """Start a survey from a template of the library or from a blank questionnaire."""

    start = forms.ChoiceField(label=_("Start from"), widget=forms.RadioSelect)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to keep the template's title."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("as in the template"))] + SurveyKind.choices,
        required=False,
    )

    def __init__(self, *args, templates: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = [(BLANK, _("A blank questionnaire")), *templates]
        self.fields["start"].initial = BLANK

    def clean(self):
        data = super().clean()
        if data.get("start") == BLANK:
            if not (data.get("title") or "").strip():
                self.add_error("title", _("Give a blank survey a title."))
            if not data.get("kind"):
                self.add_error("kind", _("Choose the kind of a blank survey."))
        return data


class XLSFormUploadForm(Form):
    file = forms.FileField(
        label=_("XLSForm file"),
        help_text=_("An .xlsx or .xls questionnaire in the XLSForm standard (ODK, KoboToolbox)."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=SurveyKind.choices)
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Leave empty to use the form's title.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ",".join(XLSFORM_EXTENSIONS)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(XLSFORM_EXTENSIONS):
            raise forms.ValidationError(_("Upload an XLSForm as .xlsx or .xls."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class SectionForm(Form):
    title = forms.CharField(label=_("Title of the section"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown under the title, e.g. what the section asks about."),
    )


def apply_problems(form: forms.Form, error: DefinitionError, s_index: int | None = None, q_index: int | None = None):
    """Put the problems of a refused change at the form's fields (the rest above the form)."""
    if s_index is None or q_index is None:
        problems = {"": [message for _path, message in error.problems]}
    else:
        problems = builder.question_problems(error.problems, s_index, q_index)
    for name, messages in problems.items():
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)


class QuestionForm(Form):
    """One question of a given type; only the fields that type uses are present."""

    key = forms.CharField(
        label=_("Code"),
        max_length=63,
        required=False,
        help_text=_(
            "Names the answer in exports and the API: lower-case letters, digits and underscores, starting with "
            "a letter. Leave empty for a generated code."
        ),
    )
    label = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    help = forms.CharField(
        label=_("Help text"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("Shown under it.")
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    choices = forms.CharField(
        label=_("Choices"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One per line, as “value|label” or just the label (a value is then made from it). Keep the values "
            "once answers exist: the analysis counts answers by value."
        ),
    )
    other = forms.BooleanField(label=_("Offer “other, please specify”"), required=False)
    rows = forms.CharField(
        label=_("Rated items (rows)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line, as “value|label” or just the label."),
    )
    min = forms.FloatField(label=_("Lowest"), required=False)
    max = forms.FloatField(label=_("Highest"), required=False)
    integer = forms.BooleanField(label=_("Whole numbers only"), required=False, initial=True)
    min_label = forms.CharField(label=_("Meaning of the lowest point"), max_length=100, required=False)
    max_label = forms.CharField(label=_("Meaning of the highest point"), max_length=100, required=False)
    maps_to = forms.CharField(
        label=_("Catalogue field"),
        max_length=60,
        required=False,
        help_text=_(
            "Provider surveys: the answer proposes a change of this field of the provider's service, e.g. "
            "capacity:pob, waiting_list, refused_capacity, funding:region, reference_year, contact:email."
        ),
    )

    FIELDS_BY_TYPE = {
        QuestionType.SINGLE: ("choices", "other"),
        QuestionType.MULTIPLE: ("choices", "other", "min", "max"),
        QuestionType.SCALE: ("min", "max", "min_label", "max_label"),
        QuestionType.MATRIX: ("rows", "min", "max", "min_label", "max_label"),
        QuestionType.NUMBER: ("min", "max", "integer"),
    }
    COMMON = ("key", "label", "help", "required", "maps_to")

    def __init__(self, *args, kind: str, key_locked: bool = False, funding_codes=frozenset(), mapping=False, **kw):
        super().__init__(*args, **kw)
        self.kind = kind
        self.funding_codes = frozenset(funding_codes)
        keep = set(self.COMMON) | set(self.FIELDS_BY_TYPE.get(kind, ()))
        if kind == QuestionType.INFO:
            keep -= {"required", "maps_to"}
            self.fields["label"].label = _("Text")
        if not mapping:
            keep.discard("maps_to")
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self._label_bounds(kind)
        if key_locked:
            self.fields["key"].disabled = True
            self.fields["key"].help_text = _("The code cannot change: answers to it exist.")

    def _label_bounds(self, kind: str) -> None:
        if kind == QuestionType.MULTIPLE:
            self.fields["min"].label, self.fields["max"].label = _("Fewest choices"), _("Most choices")
        elif kind in (QuestionType.SCALE, QuestionType.MATRIX):
            self.fields["min"].label, self.fields["max"].label = _("Lowest point"), _("Highest point")
            self.fields["min"].help_text = _("1 when empty.")
            self.fields["max"].help_text = _("5 when empty.")
        elif kind == QuestionType.NUMBER:
            self.fields["min"].label, self.fields["max"].label = _("Smallest allowed"), _("Largest allowed")

    @staticmethod
    def initial_from(data: dict) -> dict:
        initial = {name: data.get(name) for name in ("key", "label", "help", "required", "other", "maps_to")}
        initial.update(
            {name: data.get(name) for name in ("min", "max", "min_label", "max_label")},
            integer=data.get("integer", True),
            choices=builder.format_choices(data.get("choices", [])),
            rows=builder.format_choices(data.get("rows", [])),
        )
        return initial

    def clean_key(self):
        key = (self.cleaned_data.get("key") or "").strip()
        if key and not builder.valid_key(key):
            raise forms.ValidationError(
                _("Use lower-case letters, digits and underscores, starting with a letter (at most 63).")
            )
        return key

    def _clean_lines(self, name: str):
        try:
            return builder.parse_choices(self.cleaned_data.get(name, ""), name)
        except DefinitionError as exc:
            raise forms.ValidationError(exc.problems[0][1]) from None

    def clean_choices(self):
        return self._clean_lines("choices")

    def clean_rows(self):
        return self._clean_lines("rows")

    def clean_maps_to(self):
        value = (self.cleaned_data.get("maps_to") or "").strip()
        problem = builder.check_maps_to(value, self.funding_codes)
        if problem:
            raise forms.ValidationError(problem)
        return value

    def clean(self):
        data = super().clean()
        whole = self.kind != QuestionType.NUMBER or data.get("integer")
        for name in ("min", "max"):
            value = data.get(name)
            if value is not None and whole and value != int(value):
                self.add_error(name, _("Write a whole number."))
        return data

    def to_question(self) -> dict:
        """The question as stored (without conditions, which have their own form)."""
        data = self.cleaned_data
        question = {"type": self.kind, "label": data["label"].strip()}
        if data.get("key"):
            question["key"] = data["key"]
        for name in ("help", "required", "other", "min_label", "max_label", "maps_to", "choices", "rows"):
            if data.get(name):
                question[name] = data[name].strip() if isinstance(data[name], str) else data[name]
        whole = self.kind != QuestionType.NUMBER or data.get("integer")
        for name in ("min", "max"):
            if data.get(name) is not None:
                question[name] = int(data[name]) if whole else data[name]
        if self.kind == QuestionType.NUMBER:
            question["integer"] = bool(data.get("integer"))
        return question


ANSWERED = ConditionOp.ANSWERED
SEPARATOR = "|"


def condition_value(question_key: str, op: str, value="") -> str:
    return SEPARATOR.join((op, question_key, str(value if value is not None else "")))


def _source_options(source: dict) -> list[tuple[str, str]]:
    data = source["question"]
    key = data["key"]
    options = []
    if data.get("type") == QuestionType.MULTIPLE:
        options += [
            (condition_value(key, ConditionOp.INCLUDES, v), _("includes “%(value)s”") % {"value": label})
            for v, label in source["values"]
        ]
    else:
        options += [
            (condition_value(key, ConditionOp.EQUALS, v), _("is “%(value)s”") % {"value": label})
            for v, label in source["values"]
        ]
        options += [
            (condition_value(key, ConditionOp.NOT_EQUALS, v), _("is not “%(value)s”") % {"value": label})
            for v, label in source["values"]
        ]
    options.append((condition_value(key, ANSWERED), _("is answered")))
    return options


class ConditionsForm(Form):
    """Display conditions as selects of "question – comparison" pairs (all must hold); works without JavaScript.

    Each select offers the earlier questions grouped, with their values; an empty select is no condition.
    """

    EXTRA = 2

    def __init__(self, *args, sources: list[dict], current: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        groups = []
        known = set()
        for source in sources:
            options = _source_options(source)
            known.update(value for value, _label in options)
            label = source["question"].get("label", "")
            groups.append((f"{source['question']['key']}: {label[:80]}", options))
        extra = [condition_value(c["question"], c["op"], c.get("value")) for c in current]
        unknown = [(value, value) for value in extra if value not in known]  # kept, never dropped silently
        if unknown:
            groups.append((_("Other conditions"), unknown))
        choices = [("", _("— no condition —")), *groups]
        for index in range(len(current) + self.EXTRA):
            name = f"condition_{index + 1}"
            self.fields[name] = forms.ChoiceField(
                label=_("Condition %(number)s") % {"number": index + 1}, choices=choices, required=False
            )
            if index < len(extra):
                self.fields[name].initial = extra[index]

    def conditions(self) -> list[dict]:
        result = []
        for name in self.fields:
            raw = self.cleaned_data.get(name)
            if not raw:
                continue
            op, key, value = raw.split(SEPARATOR, 2)
            item = {"question": key, "op": op}
            if op != ANSWERED:
                item["value"] = value
            result.append(item)
        return result


class DeleteSurveyForm(Form):
    confirm_responses = forms.BooleanField(label="", required=False)

    def __init__(self, *args, responses: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.responses = responses
        if responses:
            self.fields["confirm_responses"].label = _(
                "Delete the %(count)s responses too; they cannot be restored."
            ) % {"count": responses}
        else:
            del self.fields["confirm_responses"]

    def clean(self):
        data = super().clean()
        if self.responses and not data.get("confirm_responses"):
            self.add_error("confirm_responses", _("Confirm that the responses are deleted with the survey."))
        return data


class DeleteSectionForm(Form):
    with_questions = forms.BooleanField(label=_("Delete its questions too"), required=False)


class InvitationTargetForm(Form):
    per = forms.ChoiceField(
        label=_("One invitation for each"),
        choices=[("service", _("service of the catalogue")), ("organization", _("provider (organisation)"))],
        initial="service",
        widget=forms.RadioSelect,
        help_text=_("Providers usually answer once per registered service."),
    )


class InvitationEmailForm(Form):
    email = forms.EmailField(label=_("E-mail"), required=False)
