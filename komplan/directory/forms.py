from django import forms
from django.utils.translation import gettext_lazy as _

from komplan.lib.forms import Form

MAX_UPLOAD_BYTES = 200 * 1024 * 1024  # the national register file is tens of MB


class ImportUploadForm(Form):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, extensions: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.extensions = extensions
        self.fields["file"].help_text = _("Accepted: %(types)s.") % {"types": ", ".join(extensions)}
        self.fields["file"].widget.attrs["accept"] = ",".join(extensions)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(self.extensions):
            raise forms.ValidationError(
                _("This file type cannot be imported here; use %(types)s."),
                params={"types": ", ".join(self.extensions)},
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 200 MB."))
        return upload
