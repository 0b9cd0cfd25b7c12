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


class DecisionForm(Form):
    note = forms.CharField(label=_("Note to the decision"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class EditorForm(Form):
    user = forms.ModelChoiceField(label=_("Person (provider editor)"), queryset=None)
    organization = forms.ModelChoiceField(label=_("Provider"), queryset=None)

    def __init__(self, *args, users, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
        self.fields["organization"].queryset = organizations


def target_form_class(model, fields):
    """A form over the editable fields of an organisation or a service (validated like the model)."""
    from komplan.lib.forms import ModelForm

    widgets = {
        name: forms.Textarea(attrs={"rows": 4}) for name in ("description", "opening_hours", "fees", "how_to_get")
    }
    return forms.modelform_factory(model, form=ModelForm, fields=list(fields), widgets=widgets)
