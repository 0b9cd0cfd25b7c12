"""Forms of the staff side: staff entry of a comment, evaluation, moderation, erasure, publishing the settlement.

The rules themselves live in komplan.consultation.evaluation (the services refuse with the field named); the
forms check types and lengths and show the services' refusals at the field.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from komplan.lib.forms import Form

from .evaluation import POSTMARK_GRACE_DAYS, SCAN_FORMATS, SCAN_MAX_BYTES, STAFF_CHANNELS
from .models import Channel, Decision, Relevance

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def anchor_choices(snapshot: dict) -> list[tuple[str, str]]:
    """ "chapter" or "chapter/paragraph" choices from the version for comments ("" = the whole plan)."""
    choices = [("", gettext("The whole plan (general comment)"))]
    for chapter in snapshot.get("chapters", []):
        choices.append((chapter["key"], chapter["title"]))
        number = 0
        for block in chapter.get("blocks", []):
            for paragraph in block.get("paragraphs", []) if block.get("kind") == "narrative" else []:
                number += 1
                start = paragraph["text"][:60]
                label = gettext("%(chapter)s, paragraph %(number)d") % {"chapter": chapter["title"], "number": number}
                choices.append((f"{chapter['key']}/{paragraph['id']}", f"— {label}: {start}"))
    return choices


class EntryForm(Form):
    channel = forms.ChoiceField(
        label=_("Received"), choices=[(c.value, c.label) for c in Channel if c in STAFF_CHANNELS]
    )
    received_on = forms.DateField(label=_("Date received"), widget=DATE)
    anchor = forms.ChoiceField(label=_("The comment concerns"), required=False)
    text = forms.CharField(label=_("Text of the comment"), widget=forms.Textarea(attrs={"rows": 8}))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    postal_address = forms.CharField(label=_("Postal address"), max_length=300, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    publish_name = forms.BooleanField(label=_("The commenter agreed to publish the name"), required=False)
    scan = forms.FileField(
        label=_("Scan of the letter"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{s}" for s in SCAN_FORMATS)}),
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["anchor"].choices = anchor_choices(consultation.version.snapshot)
        self.fields["text"].max_length = consultation.max_length
        self.fields["received_on"].help_text = gettext(
            "Within the period; a letter sent by post may arrive up to %(days)d days after it ends."
        ) % {"days": POSTMARK_GRACE_DAYS}
        self.fields["scan"].help_text = gettext("PDF, JPEG or PNG, at most %(limit)s MB.") % {
            "limit": SCAN_MAX_BYTES // 1024 // 1024
        }

    def clean_scan(self):
        upload = self.cleaned_data.get("scan")
        if upload and upload.size > SCAN_MAX_BYTES:
            raise forms.ValidationError(
                gettext("The file is too large; the limit is %(limit)s MB.") % {"limit": SCAN_MAX_BYTES // 1024 // 1024}
            )
        return upload

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        chapter_key, _sep, paragraph_id = (data.pop("anchor") or "").partition("/")
        return {**data, "chapter_key": chapter_key, "paragraph_id": paragraph_id}


class EvaluationForm(Form):
    relevance = forms.ChoiceField(label=_("Relevance"), choices=Relevance.choices, widget=forms.RadioSelect)
    relevance_reason = forms.CharField(
        label=_("Why it is not relevant"),
        max_length=500,
        required=False,
        help_text=_("For example: it does not concern the plan."),
    )
    decision = forms.ChoiceField(
        label=_("Decision (relevant comments)"),
        choices=[("", _("— no decision (not relevant) —")), *Decision.choices],
        required=False,
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000)
    changed_paragraphs = forms.CharField(
        label=_("Paragraphs changed in the next version"),
        required=False,
        max_length=1000,
        help_text=_("Ids of the paragraphs (as in the anchors #p-…), separated by spaces or commas."),
    )
    opened_evaluation = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def clean_changed_paragraphs(self):
        text = self.cleaned_data["changed_paragraphs"].replace(",", " ")
        ids = [part.removeprefix("#").removeprefix("p-") for part in text.split()]
        bad = [i for i in ids if not (len(i) == 8 and all(c in "0123456789abcdef" for c in i))]
        if bad:
            raise forms.ValidationError(gettext("These are not paragraph ids: %(ids)s") % {"ids": ", ".join(bad)})
        return ids


class HideForm(Form):
    reason = forms.CharField(label=_("Reason for hiding"), max_length=300)


class ConfirmForm(Form):
    confirm = forms.BooleanField(label=_("I confirm"))


class PublishForm(Form):
    introduction = forms.CharField(
        label=_("Introduction of the settlement"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10_000,
        help_text=_("Shown above the table and at the start of the annex of the plan."),
    )
