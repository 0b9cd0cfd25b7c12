"""Forms for a planning process: its settings with the planning area, and its phases."""

from __future__ import annotations

import re

from django import forms
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from komplan.lib.forms import AccessibleFormMixin, DateInput, ModelForm

from .models import AreaKind, Level, Phase, PlanningProcess, Territory

_CODE_SPLIT = re.compile(r"[\s,;]+")


class ProcessForm(ModelForm):
    area_kind = forms.ChoiceField(label=_("Planning area"), choices=AreaKind.choices, widget=forms.RadioSelect)
    orp_code = forms.CharField(
        label=_("ORP code"),
        required=False,
        max_length=4,
        help_text=_("For a whole ORP: its ČSÚ code, e.g. 7109 for ORP Přerov."),
    )
    municipality_codes = forms.CharField(
        label=_("Municipality codes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For one or chosen municipalities: ČSÚ codes separated by spaces or commas, e.g. 532819 for Slaný."
        ),
    )
    responsible_code = forms.CharField(
        label=_("Responsible municipality (code)"),
        max_length=6,
        help_text=_("The municipality that runs the process, e.g. 511382 for Přerov."),
    )

    class Meta:
        model = PlanningProcess
        fields = ["name", "slug", "period_start", "period_end", "summary", "is_public"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        process = self.instance
        if process.pk:
            self.initial.setdefault("area_kind", process.area_kind)
            self.initial.setdefault("orp_code", process.area_orp.code if process.area_orp else "")
            if process.area_kind != AreaKind.ORP:
                self.initial.setdefault(
                    "municipality_codes",
                    " ".join(process.municipalities.order_by("code").values_list("code", flat=True)),
                )
            self.initial.setdefault("responsible_code", process.responsible_municipality.code)
        self.order_fields(
            [
                "name",
                "slug",
                "period_start",
                "period_end",
                "area_kind",
                "orp_code",
                "municipality_codes",
                "responsible_code",
                "summary",
                "is_public",
            ]
        )

    def clean_orp_code(self):
        code = self.cleaned_data["orp_code"].strip()
        if not code:
            return None
        orp = Territory.objects.filter(level=Level.ORP, code=code).first()
        if orp is None:
            raise forms.ValidationError(_("There is no ORP with the code %(code)s."), params={"code": code})
        return orp

    def clean_municipality_codes(self):
        codes = [c for c in _CODE_SPLIT.split(self.cleaned_data["municipality_codes"]) if c]
        found = {t.code: t for t in Territory.objects.filter(level=Level.MUNICIPALITY, code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(
                _("Unknown municipality codes: %(codes)s."), params={"codes": ", ".join(unknown)}
            )
        return [found[c] for c in dict.fromkeys(codes)]

    def clean_responsible_code(self):
        code = self.cleaned_data["responsible_code"].strip()
        municipality = Territory.objects.filter(level=Level.MUNICIPALITY, code=code).first()
        if municipality is None:
            raise forms.ValidationError(_("There is no municipality with the code %(code)s."), params={"code": code})
        return municipality

    def clean(self):
        data = super().clean()
        kind = data.get("area_kind")
        municipalities = data.get("municipality_codes") or []
        if kind == AreaKind.ORP and "orp_code" in data and data["orp_code"] is None:
            self.add_error("orp_code", _("Enter the code of the ORP."))
        if kind == AreaKind.MUNICIPALITY and "municipality_codes" in data and len(municipalities) != 1:
            self.add_error("municipality_codes", _("Enter exactly one municipality code."))
        if kind == AreaKind.CUSTOM and "municipality_codes" in data and not municipalities:
            self.add_error("municipality_codes", _("Enter at least one municipality code."))
        responsible = data.get("responsible_code")
        if responsible and not self.errors:
            area = {m.pk for m in municipalities} if kind != AreaKind.ORP else None
            inside = responsible.orp_id == data["orp_code"].pk if kind == AreaKind.ORP else responsible.pk in area
            if not inside:
                self.add_error("responsible_code", _("The responsible municipality must lie in the planning area."))
        return data

    def area(self) -> tuple[str, Territory | None, list[Territory]]:
        data = self.cleaned_data
        return data["area_kind"], data.get("orp_code"), data.get("municipality_codes") or []


class PhaseForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["status", "planned_start", "planned_end", "actual_start", "actual_end", "note"]
        widgets = {
            "planned_start": DateInput(),
            "planned_end": DateInput(),
            "actual_start": DateInput(),
            "actual_end": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


PhaseFormSet = modelformset_factory(Phase, form=PhaseForm, extra=0, can_delete=False)
