"""Forms of the statistics imports (rendered by komplan.lib.forms: errors at the field and in a summary)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from komplan.lib.forms import Form

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # the largest ČSÚ table is under 1 MB; a WPP ZIP of all countries ~20 MB


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportForm(Form):
    files = MultipleFileField(label=_("Files"))
    year = forms.IntegerField(
        label=_("Year of the figures"),
        min_value=1950,
        max_value=2100,
        help_text=_("The file has no date: give the year whose 31 December the figures describe (e.g. 2017)."),
    )

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        field = self.fields["files"]
        field.label = _("Files") if kind.multiple else _("File")
        field.help_text = _("Accepted: %(types)s.") % {"types": ", ".join(kind.extensions)}
        if kind.multiple:
            field.help_text += " " + _("You can choose several files; they are checked and imported together.")
        else:
            field.widget = forms.FileInput()
        field.widget.attrs["accept"] = ",".join(kind.extensions)
        if not kind.needs_year:
            del self.fields["year"]

    def clean_files(self):
        uploads = self.cleaned_data["files"]
        if not self.kind.multiple and len(uploads) > 1:
            raise forms.ValidationError(_("Choose one file."))
        for upload in uploads:
            if not upload.name.lower().endswith(self.kind.extensions):
                raise forms.ValidationError(
                    _("%(name)s cannot be imported here; use %(types)s."),
                    params={"name": upload.name, "types": ", ".join(self.kind.extensions)},
                )
            if upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(_("%(name)s is larger than 50 MB."), params={"name": upload.name})
        return uploads
