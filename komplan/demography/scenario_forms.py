"""The form of a process's own projection scenario (assumptions checked by the engine's rules)."""

from __future__ import annotations

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from komplan.lib.forms import ModelForm

from .assumptions import lowest_future_tfr, problems
from .models import Scenario


class ScenarioForm(ModelForm):
    class Meta:
        model = Scenario
        fields = ["name", "fertility_shift", "mortality_factor", "migration_factor", "local_migration"]
        help_texts = {
            "fertility_shift": _("Children per woman added to the UN total fertility rate, e.g. 0.2 or −0.3."),
            "mortality_factor": _("1 keeps the UN death rates; 0.9 means a tenth fewer deaths at every age."),
            "migration_factor": _("1 keeps the migration observed since 2004; 0 means no migration; 2 doubles it."),
        }

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process

    def clean(self):
        cleaned = super().clean()
        values = [cleaned.get(name) for name in ("fertility_shift", "mortality_factor", "migration_factor")]
        if all(value is not None for value in values):
            lowest = lowest_future_tfr(self.instance.rate_set.payload) if self.instance.rate_set_id else None
            for field, reason in problems(*values, lowest_tfr=lowest).items():
                self.add_error(field, reason)
        return cleaned

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        code = slugify(name)[:40] or "scenar"
        taken = Scenario.objects.filter(process=self.process, code=code).exclude(pk=self.instance.pk)
        if taken.exists() or code in {"low", "medium", "high", "no-migration"}:
            raise forms.ValidationError(_("A scenario with this name already exists."))
        self.instance.code = code
        return name
