"""Categories ("codes") staff assign to free-text answers of one question, counted in the results.

Reads (the answers of a question, the categories with their counts) and writes (add or delete a category,
set the categories of the answers shown on one page), each write in a transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from komplan.lib.forms import Form

from . import definition as qdef
from .analysis import analysed_definition
from .models import Code, CodedAnswer, Response, ResponseStatus, Survey

PAGE_SIZE = 50


def free_text_question(survey: Survey, key: str) -> qdef.Question | None:
    question = analysed_definition(survey).question(key)
    return question if question is not None and question.type in qdef.QuestionType.FREE_TEXT else None


@dataclass(frozen=True)
class Answer:
    response_id: int
    text: str
    illustrative: bool
    codes: frozenset[int]


def codes_of(survey: Survey, key: str) -> list[Code]:
    return list(Code.objects.filter(survey=survey, question_key=key).annotate(count=Count("answers")).order_by("label"))


def answers_of(survey: Survey, key: str, *, uncoded_only: bool = False) -> list[Answer]:
    """The sent, non-empty answers to question ``key``, oldest first, with the ids of their categories."""
    rows = (
        Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED, answers__has_key=key)
        .order_by("id")
        .values_list("id", "answers", "is_illustrative")
    )
    assigned: dict[int, set[int]] = {}
    for response_id, code_id in CodedAnswer.objects.filter(code__survey=survey, code__question_key=key).values_list(
        "response_id", "code_id"
    ):
        assigned.setdefault(response_id, set()).add(code_id)
    answers = []
    for response_id, values, illustrative in rows.iterator(chunk_size=2000):
        text = values.get(key)
        if isinstance(text, str) and text.strip():
            codes = frozenset(assigned.get(response_id, ()))
            if not (uncoded_only and codes):
                answers.append(Answer(response_id, text.strip(), illustrative, codes))
    return answers


class CodeForm(Form):
    label = forms.CharField(
        label=gettext_lazy("New category"),
        max_length=200,
        help_text=gettext_lazy("For example “missing day care” or “transport”."),
    )

    def __init__(self, *args, survey: Survey, key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey, self.key = survey, key

    def clean_label(self) -> str:
        label = " ".join(self.cleaned_data["label"].split())
        if Code.objects.filter(survey=self.survey, question_key=self.key, label__iexact=label).exists():
            raise forms.ValidationError(_("This question already has a category of this name."))
        return label


def add_code(survey: Survey, key: str, label: str) -> Code:
    return Code.objects.create(survey=survey, question_key=key, label=label)


@transaction.atomic
def delete_code(survey: Survey, key: str, code_id: int) -> bool:
    deleted, _details = Code.objects.filter(survey=survey, question_key=key, pk=code_id).delete()
    return bool(deleted)


@transaction.atomic
def assign(survey: Survey, key: str, assignments: dict[int, set[int]]) -> int:
    """Set the categories of the given responses' answers (only categories of this question, only responses of
    this survey); other responses keep theirs. Returns how many assignments exist for them afterwards."""
    codes = set(Code.objects.filter(survey=survey, question_key=key).values_list("pk", flat=True))
    responses = set(Response.objects.filter(survey=survey, pk__in=list(assignments)).values_list("pk", flat=True))
    CodedAnswer.objects.filter(code_id__in=codes, response_id__in=responses).delete()
    rows = [
        CodedAnswer(code_id=code_id, response_id=response_id)
        for response_id, chosen in assignments.items()
        if response_id in responses
        for code_id in chosen
        if code_id in codes
    ]
    CodedAnswer.objects.bulk_create(rows)
    return len(rows)
