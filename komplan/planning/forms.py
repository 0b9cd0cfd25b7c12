"""Forms of the bodies and planning groups (errors at their field)."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from komplan.accounts.models import Membership
from komplan.directory.models import Codelist, CodelistItem
from komplan.lib.forms import Form, ModelForm

from .models import Body, BodyMember, PlanningGroup

RESERVED_SLUGS = {"cilove-skupiny", "nova", "novy"}


def _slug(form, model, name: str) -> str:
    slug = slugify(name)[:80]
    if not slug or slug in RESERVED_SLUGS:
        raise forms.ValidationError(_("Choose a name that gives a usable web address."))
    taken = model.objects.for_process(form.process).filter(slug=slug).exclude(pk=form.instance.pk)
    if taken.exists():
        raise forms.ValidationError(_("The process already has one with this name."))
    return slug


class PlanningGroupForm(ModelForm):
    class Meta:
        model = PlanningGroup
        fields = ["name", "description", "target_groups"]
        widgets = {"target_groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process
        self.fields["target_groups"].queryset = CodelistItem.objects.filter(codelist=Codelist.TARGET_GROUP)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        self.instance.slug = _slug(self, PlanningGroup, name)
        return name

    @transaction.atomic
    def save(self, commit=True):
        self.instance.process = self.process
        return super().save(commit)


class BodyForm(ModelForm):
    class Meta:
        model = Body
        fields = ["kind", "name", "planning_groups", "charter", "order"]
        widgets = {"planning_groups": forms.CheckboxSelectMultiple, "charter": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process
        self.fields["planning_groups"].queryset = PlanningGroup.objects.for_process(process)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        self.instance.slug = _slug(self, Body, name)
        return name

    @transaction.atomic
    def save(self, commit=True):
        self.instance.process = self.process
        return super().save(commit)


class MembershipChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        label = f"{obj.user.full_name or obj.user.email} – {obj.get_triad_display()}"
        return f"{label} ({obj.organisation})" if obj.organisation else label


class AddMemberForm(Form):
    membership = MembershipChoice(label=_("Person"), queryset=Membership.objects.none())
    is_leader = forms.BooleanField(label=_("Leader of the body"), required=False)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        seated = BodyMember.objects.filter(body=body).values("membership")
        self.fields["membership"].queryset = (
            Membership.objects.filter(process_id=body.process_id, is_active=True)
            .exclude(pk__in=seated)
            .select_related("user")
            .order_by("user__full_name", "user__email")
        )


class SeatChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.membership.user.full_name or obj.membership.user.email


class LeaderForm(Form):
    seat = SeatChoice(label=_("Leader"), queryset=BodyMember.objects.none(), required=False, empty_label=_("nobody"))

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].queryset = BodyMember.objects.filter(body=body).select_related("membership__user")
