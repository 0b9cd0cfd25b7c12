"""The chapter editor form: the title, one Markdown field per narrative block, and the version it was opened at."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from komplan.lib.forms import Form
from komplan.meetings import images

from .models import FROZEN_STATES, VersionState


class ChapterForm(Form):
    title = forms.CharField(label=_("Title of the chapter"), max_length=300)
    opened_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, blocks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.block_fields = []
        for number, block in enumerate(blocks, start=1):
            name = f"block_{block.pk}"
            self.fields[name] = forms.CharField(
                label=_("Text %(number)d (Markdown)") % {"number": number},
                widget=forms.Textarea(attrs={"rows": 14}),
                required=False,
                max_length=100_000,
                help_text=_("A blank line starts a new paragraph; ## starts a section, *text* is italics."),
            )
            self.initial.setdefault(name, block.text)
            self.block_fields.append((block, name))

    def texts(self) -> dict[int, str]:
        return {block.pk: self.cleaned_data[name] for block, name in self.block_fields}


class FreezeForm(Form):
    label = forms.CharField(
        label=_("Label of the version"),
        max_length=200,
        required=False,
        help_text=_("For example “working version of 27. 6. 2007”."),
    )
    state = forms.ChoiceField(
        label=_("Freeze as"),
        choices=[(s.value, s.label) for s in FROZEN_STATES],
        initial=VersionState.WORKING,
        required=False,
        help_text=_("A final version can be frozen only after a version for public comments."),
    )
    issued_on = forms.DateField(
        label=_("Date of the version"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date the document bears; today when left empty."),
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def clean_state(self):
        return self.cleaned_data["state"] or VersionState.WORKING


class TransitionForm(Form):
    """Putting a version to comment or publishing it: only a note."""

    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ApproveForm(Form):
    body = forms.CharField(
        label=_("Approved by (body)"),
        max_length=200,
        help_text=_("For example “Zastupitelstvo města Slaný”."),
    )
    resolution_number = forms.CharField(
        label=_("Resolution number"), max_length=60, help_text=_("For example “123/2007”.")
    )
    resolution_date = forms.DateField(
        label=_("Date of the resolution"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version

    def clean_resolution_date(self):
        date = self.cleaned_data["resolution_date"]
        if self.version is not None and date < self.version.issued_on:
            raise forms.ValidationError(
                _("The resolution cannot be older than the version it approves (%(date)s).")
                % {"date": f"{self.version.issued_on:%-d. %-m. %Y}"}
            )
        return date


class CompareForm(Form):
    """Two versions to compare (the public archive and version pages)."""

    a = forms.TypedChoiceField(label=_("Older version"), coerce=int)
    b = forms.TypedChoiceField(label=_("Newer version"), coerce=int)

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(v.number, _version_choice(v)) for v in versions]
        self.fields["a"].choices = self.fields["b"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("a") is not None and data.get("a") == data.get("b"):
            self.add_error("b", _("Choose two different versions."))
        return data


def _version_choice(version) -> str:
    text = _("Version %(number)d") % {"number": version.number}
    return f"{text} – {version.get_state_display()}, {version.issued_on:%-d. %-m. %Y}"


class LogoForm(Form):
    """The cover logo: decoded by Pillow and re-encoded to PNG (komplan.meetings.images); anything else is refused."""

    logo = forms.FileField(
        label=_("Logo for the cover"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logo"].help_text = gettext(
            "PNG, JPEG, GIF or WebP, at most %(limit)s MB. Stored as PNG of at most %(size)s pixels."
        ) % {"limit": images.MAX_UPLOAD_BYTES // 1024 // 1024, "size": images.LOGO_SIZE}

    def clean_logo(self):
        upload = self.cleaned_data["logo"]
        if upload.size > images.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext("The image is too large; the limit is %(limit)s MB.")
                % {"limit": images.MAX_UPLOAD_BYTES // 1024 // 1024}
            )
        try:
            return images.png_logo(upload.read())
        except images.ImageRejected as exc:
            raise forms.ValidationError(str(exc)) from exc
