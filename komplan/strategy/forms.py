"""Forms of the strategy tree, activities and activity sheets (errors at their field, nothing saved on bad input).

An activity and a sheet share ``ContentMixin`` and the three child formsets (costs per year, indicators, links to
catalogue services); the formsets are built per owner with :func:`child_formsets`.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from komplan.accounts.models import Membership
from komplan.directory.models import Codelist, CodelistItem, Organization, Service
from komplan.lib.forms import AccessibleFormMixin, DateInput, Form, ModelForm
from komplan.planning.models import Body, PlanningGroup

from .models import Activity, ActivitySheet, Cost, Indicator, LinkKind, Measure, Priority, ServiceLink
from .numbering import parse_years

CONTENT = [
    "title",
    "description",
    "planning_groups",
    "target_groups",
    "responsible_organisation",
    "responsible_body",
    "partners",
    "start",
    "end",
    "expected_outputs",
]
WIDGETS = {
    "description": forms.Textarea(attrs={"rows": 5}),
    "partners": forms.Textarea(attrs={"rows": 3}),
    "expected_outputs": forms.Textarea(attrs={"rows": 3}),
    "planning_groups": forms.CheckboxSelectMultiple,
    "target_groups": forms.CheckboxSelectMultiple,
    "start": DateInput,
    "end": DateInput,
}


def provider_choices(process):
    """Providers an activity can be assigned to: those with a service in the planning area, and those with an
    editor in the process."""
    area = process.municipalities.all()
    return (
        Organization.objects.filter(Q(services__in=Service.objects.serving(area)) | Q(editors__process=process))
        .distinct()
        .order_by("name")
    )


class ContentMixin:
    def setup_content(self, process):
        self.process = process
        self.fields["planning_groups"].queryset = PlanningGroup.objects.for_process(process)
        self.fields["target_groups"].queryset = CodelistItem.objects.filter(codelist=Codelist.TARGET_GROUP)
        self.fields["responsible_body"].queryset = Body.objects.for_process(process)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end cannot be before the start."))
        return cleaned


class PriorityForm(ModelForm):
    class Meta:
        model = Priority
        fields = ["title", "description", "planning_groups"]
        widgets = {"planning_groups": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planning_groups"].queryset = PlanningGroup.objects.for_process(process)


class MeasureForm(ModelForm):
    class Meta:
        model = Measure
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ActivityForm(ContentMixin, ModelForm):
    years = forms.CharField(
        label=_("Action-plan years"),
        required=False,
        help_text=_("Years whose action plan holds the activity, e.g. “2008, 2009”."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Activity
        fields = [*CONTENT, "responsible_member", "responsible_provider"]
        widgets = WIDGETS

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_content(process)
        self.fields["responsible_member"].queryset = (
            Membership.objects.for_process(process)
            .filter(is_active=True)
            .select_related("user")
            .order_by("user__full_name")
        )
        self.fields["responsible_member"].label_from_instance = lambda m: (
            f"{m.user.get_full_name()} ({m.organisation})" if m.organisation else m.user.get_full_name()
        )
        self.fields["responsible_provider"].queryset = provider_choices(process)
        if self.instance.pk:
            self.fields["years"].initial = ", ".join(str(y.year) for y in self.instance.plan_years.all())
            self.fields["version"].initial = self.instance.version

    def clean_years(self):
        try:
            return parse_years(self.cleaned_data.get("years") or "")
        except ValueError as exc:
            raise forms.ValidationError(
                _("“%(value)s” is not a year; write years like 2008, 2009."), params={"value": str(exc)}
            ) from exc

    def save_years(self, activity: Activity) -> None:
        years = self.cleaned_data.get("years") or []
        activity.plan_years.exclude(year__in=years).delete()
        for year in years:
            activity.plan_years.get_or_create(year=year)


class SheetForm(ContentMixin, ModelForm):
    class Meta:
        model = ActivitySheet
        fields = ["stage", "proposer_organisation", *CONTENT]
        widgets = {**WIDGETS, "stage": forms.RadioSelect}
        help_texts = {"proposer_organisation": _("Shown publicly with the sheet; your name is not.")}

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_content(process)


class CostForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Cost
        fields = ["year", "amount", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = CodelistItem.objects.filter(codelist=Codelist.FUNDING_SOURCE)
        self.fields["amount"].widget.attrs["min"] = 0


class IndicatorForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "target_value"]


class ServiceLinkForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = ServiceLink
        fields = ["kind", "service_type", "service_form", "service", "capacity_type", "change"]

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        items = CodelistItem.objects.all()
        self.fields["service_type"].queryset = items.filter(codelist=Codelist.SERVICE_TYPE)
        self.fields["service_form"].queryset = items.filter(codelist=Codelist.SERVICE_FORM)
        self.fields["capacity_type"].queryset = items.filter(codelist=Codelist.CAPACITY_TYPE)
        self.fields["service"].queryset = services if services is not None else Service.objects.none()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == LinkKind.NEW_SERVICE:
            if not cleaned.get("service_type"):
                self.add_error("service_type", _("Choose the type of the new service."))
        elif cleaned.get("kind") == LinkKind.CAPACITY_CHANGE:
            if not cleaned.get("service"):
                self.add_error("service", _("Choose the service whose capacity changes."))
            if not cleaned.get("capacity_type"):
                self.add_error("capacity_type", _("Choose the unit of the capacity."))
            if not cleaned.get("change"):
                self.add_error("change", _("Give the change as a whole number of units, e.g. +5 or −2."))
        return cleaned


class ChildFormSet(BaseInlineFormSet):
    def __init__(self, *args, services=None, **kwargs):
        self.services = services
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if self.form is ServiceLinkForm:
            kwargs["services"] = self.services
        return kwargs


def _factory(owner, model, form, fk_name):
    return inlineformset_factory(
        owner, model, form=form, formset=ChildFormSet, fk_name=fk_name, extra=2, can_delete=True
    )


FORMSETS = {
    Activity: [
        ("costs", _factory(Activity, Cost, CostForm, "activity"), _("Estimated costs per year")),
        ("indicators", _factory(Activity, Indicator, IndicatorForm, "activity"), _("Indicators")),
        ("links", _factory(Activity, ServiceLink, ServiceLinkForm, "activity"), _("Services it creates or changes")),
    ],
    ActivitySheet: [
        ("costs", _factory(ActivitySheet, Cost, CostForm, "sheet"), _("Estimated costs per year")),
        ("indicators", _factory(ActivitySheet, Indicator, IndicatorForm, "sheet"), _("Indicators")),
        ("links", _factory(ActivitySheet, ServiceLink, ServiceLinkForm, "sheet"), _("Services it creates or changes")),
    ],
}


def child_formsets(owner_model, instance, process, data=None) -> list:
    """The three child formsets of an activity or sheet (prefixes costs, indicators, links), with captions."""
    services = Service.objects.serving(process.municipalities.all()).order_by("name")
    found = []
    for prefix, factory, caption in FORMSETS[owner_model]:
        formset = factory(data, instance=instance, prefix=prefix, services=services)
        formset.caption = caption
        found.append(formset)
    return found


def all_valid(form, formsets) -> bool:
    valid = form.is_valid()
    return all([formset.is_valid() for formset in formsets]) and valid


class ReturnForm(Form):
    prefix = "vratit"
    comment = forms.CharField(label=_("What should the proposer change"), widget=forms.Textarea(attrs={"rows": 3}))


class RejectForm(Form):
    prefix = "zamitnout"
    reason = forms.CharField(label=_("Reason for the rejection"), widget=forms.Textarea(attrs={"rows": 3}))


class AcceptStoreForm(Form):
    prefix = "zasobnik"
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AcceptPlanForm(Form):
    prefix = "plan"
    measure = forms.ModelChoiceField(label=_("Measure"), queryset=Measure.objects.none())
    year = forms.IntegerField(label=_("Year of the action plan"), min_value=1990, max_value=2100)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.filter(pk__in=[m.pk for m in measures])
        numbered = {m.pk: m for m in measures}
        self.fields["measure"].label_from_instance = lambda obj: (
            f"{numbered[obj.pk].number} {obj.title}" if obj.pk in numbered else obj.title
        )


class MoveActivityForm(Form):
    measure = forms.ModelChoiceField(label=_("Move under the measure"), queryset=Measure.objects.none())

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        numbered = {m.pk: m for m in measures}
        self.fields["measure"].queryset = Measure.objects.filter(pk__in=list(numbered))
        self.fields["measure"].label_from_instance = lambda obj: f"{numbered[obj.pk].number} {obj.title}"


class CallForm(ModelForm):
    class Meta:
        from .models import SheetCall

        model = SheetCall
        fields = ["opens", "closes", "note"]
        widgets = {"opens": DateInput, "closes": DateInput, "note": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("opens") and cleaned.get("closes") and cleaned["closes"] < cleaned["opens"]:
            self.add_error("closes", _("The last day cannot be before the first."))
        return cleaned
