"""Creating a planning process: the creator becomes its first coordinator."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from komplan.territory.forms import ProcessForm
from komplan.territory.services import create_process

from .models import Membership
from .roles import Role, Triad


class NewProcessForm(ProcessForm):
    triad = forms.ChoiceField(label=_("Your triad"), choices=Triad.choices, initial=Triad.COMMISSIONER)

    @transaction.atomic
    def save(self, commit=True, *, creator=None):
        kind, orp, municipalities = self.area()
        data = self.cleaned_data
        process = create_process(
            name=data["name"],
            slug=data["slug"],
            area_kind=kind,
            orp=orp,
            municipalities=municipalities,
            responsible_municipality=data["responsible_code"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            summary=data["summary"],
            is_public=data["is_public"],
        )
        Membership.objects.create(process=process, user=creator, role=Role.COORDINATOR, triad=data["triad"])
        return process
