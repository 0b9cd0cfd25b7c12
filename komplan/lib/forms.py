"""Accessible form rendering shared by every app.

Errors are shown at their field and tied to the input with ``aria-describedby`` and
``aria-invalid``; an error summary at the top of the form links to each invalid field.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


class KomplanFormRenderer(TemplatesSetting):
    form_template_name = "komplan_forms/form.html"
    field_template_name = "komplan_forms/field.html"


class AccessibleBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.form.is_bound and self.errors:
            described = attrs.get("aria-describedby", "")
            attrs["aria-describedby"] = f"{described} {self.auto_id}_errors".strip()
            attrs["aria-invalid"] = "true"
        return attrs


class AccessibleFormMixin:
    bound_field_class = AccessibleBoundField


class Form(AccessibleFormMixin, forms.Form):
    pass


class ModelForm(AccessibleFormMixin, forms.ModelForm):
    pass


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
