"""The chapter editor form: the title, one Markdown field per narrative block, and the version it was opened at."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from komplan.lib.forms import Form
from komplan.meetings import images


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
