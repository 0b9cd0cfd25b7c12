from django import forms

from komplan.lib.forms import ModelForm

from .models import Page


class PageForm(ModelForm):
    class Meta:
        model = Page
        fields = ["title_cs", "body_cs", "title_en", "body_en"]
        widgets = {
            "body_cs": forms.Textarea(attrs={"rows": 18}),
            "body_en": forms.Textarea(attrs={"rows": 18}),
        }
