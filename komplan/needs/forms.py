"""Forms of the need model: a norm set with its rows (one formset), need notes, survey code mappings.

Errors show at their field; a norm that is negative or not a number, or a reference population that does not
exist, is refused there, and nothing of the set is saved until every row is valid.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from komplan.directory.models import Codelist, CodelistItem
from komplan.lib.forms import ModelForm
from komplan.planning.models import Body

from .models import NeedNote, NormRow, NormSet
from .services import unique_slug


class NormSetForm(ModelForm):
    class Meta:
        model = NormSet
        fields = ["name", "source", "description", "is_default"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = NormSet.objects.filter(process=self.process, name=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("The process already has a norm set with this name."))
        return name

    def save(self, commit=True):
        self.instance.process = self.process
        if not self.instance.slug:
            self.instance.slug = unique_slug(self.process, self.instance.name)
        return super().save(commit)


class NormRowForm(ModelForm):
    class Meta:
        model = NormRow
        fields = ["service_type", "form", "unit", "reference", "per_1000", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codelist = CodelistItem.objects.order_by("name")
        self.fields["service_type"].queryset = codelist.filter(codelist=Codelist.SERVICE_TYPE)
        self.fields["form"].queryset = codelist.filter(codelist=Codelist.SERVICE_FORM)
        self.fields["unit"].queryset = codelist.filter(codelist=Codelist.CAPACITY_TYPE)
        self.fields["per_1000"].widget.attrs.update(min="0", step="any")


class BaseNormRowFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            data = form.cleaned_data
            key = (data.get("service_type"), data.get("form"), data.get("unit"))
            if key in seen:
                form.add_error("service_type", _("The set already has a norm for this type, form and unit."))
            seen.add(key)


NormRowFormSet = forms.inlineformset_factory(
    NormSet, NormRow, form=NormRowForm, formset=BaseNormRowFormSet, extra=2, can_delete=True
)


class CopyForm(forms.Form):
    name = forms.CharField(label=_("name of the copy"), max_length=200)


class NeedNoteForm(ModelForm):
    class Meta:
        model = NeedNote
        fields = ["body", "service_type", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process
        self.fields["body"].queryset = Body.objects.filter(process=process)
        self.fields["service_type"].queryset = CodelistItem.objects.filter(codelist=Codelist.SERVICE_TYPE).order_by(
            "name"
        )

    def save(self, commit=True):
        self.instance.process = self.process
        return super().save(commit)
