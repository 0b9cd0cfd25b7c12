"""The strategy of a planning process: priorities → measures (opatření) → activities (aktivity), activity sheets.

Numbers (2.1.3) are never stored: they follow from the ``order`` of each level (numbering.py), so a reorder
renumbers everything. An activity and an activity sheet share their content fields (``ActivityContent``) and their
child tables (costs per year, indicators, links to catalogue services), each child row belonging to exactly one
activity or one sheet. The project store (zásobník projektů) is the set of sheets accepted into it: ideas without
timing, supported in principle.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from komplan.accounts.models import Membership
from komplan.directory.models import Codelist, CodelistItem, Service
from komplan.planning.models import Body, PlanningGroup
from komplan.territory.models import ProcessOwned

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class Priority(ProcessOwned):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    planning_groups = models.ManyToManyField(
        PlanningGroup, verbose_name=_("planning groups"), related_name="priorities", blank=True
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Measure(models.Model):
    priority = models.ForeignKey(
        Priority, verbose_name=_("priority"), on_delete=models.CASCADE, related_name="measures"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class ActivityContent(models.Model):
    """The fields an activity and an activity sheet share (domain.md §5.3)."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, help_text=_("What, why and for whom."))
    planning_groups = models.ManyToManyField(
        PlanningGroup, verbose_name=_("planning groups"), related_name="+", blank=True
    )
    target_groups = models.ManyToManyField(
        CodelistItem,
        verbose_name=_("registry target groups"),
        related_name="+",
        limit_choices_to={"codelist": Codelist.TARGET_GROUP},
        blank=True,
    )
    responsible_organisation = models.CharField(
        _("responsible organisation"), max_length=300, blank=True, help_text=_("Who carries the activity out.")
    )
    responsible_body = models.ForeignKey(
        Body, verbose_name=_("responsible group"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partners = models.TextField(_("partners"), blank=True, help_text=_("Cooperating organisations, one per line."))
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    expected_outputs = models.TextField(_("expected outputs"), blank=True)

    class Meta:
        abstract = True

    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]


class Activity(ActivityContent):
    """An activity of the strategy; ``responsible_member`` and ``responsible_provider`` say who reports its progress
    (komplan.monitoring): that member, and the provider editors of that provider."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="activities")
    responsible_member = models.ForeignKey(
        Membership,
        verbose_name=_("responsible member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_activities",
        help_text=_("The member who reports the activity's progress."),
    )
    responsible_provider = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("responsible provider"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_activities",
        help_text=_("The provider whose editors report the activity's progress."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class ActionPlanYear(models.Model):
    """An activity is in the action plan of this year."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="plan_years")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)

    class Meta:
        verbose_name = _("action-plan year")
        verbose_name_plural = _("action-plan years")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["activity", "year"], name="action_plan_year_unique")]

    def __str__(self) -> str:
        return str(self.year)


class SheetState(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for changes")
    RESUBMITTED = "resubmitted", _("resubmitted")
    ACCEPTED_ACTION_PLAN = "accepted_action_plan", _("accepted into the action plan")
    ACCEPTED_PROJECT_STORE = "accepted_project_store", _("accepted into the project store")
    REJECTED = "rejected", pgettext_lazy("activity sheet", "rejected")


OPEN_STATES = (SheetState.SUBMITTED, SheetState.RESUBMITTED)
DECIDED_STATES = (SheetState.ACCEPTED_ACTION_PLAN, SheetState.ACCEPTED_PROJECT_STORE, SheetState.REJECTED)


class Stage(models.TextChoices):
    RUNNING = "running", _("running")
    INTENDED = "intended", _("intended")


class SheetCall(ProcessOwned):
    """The window in which members may submit activity sheets (one per process)."""

    opens = models.DateField(_("opens"))
    closes = models.DateField(_("closes (last day)"))
    note = models.TextField(_("note for proposers"), blank=True)

    class Meta:
        verbose_name = _("call for activity sheets")
        verbose_name_plural = _("calls for activity sheets")
        constraints = [models.UniqueConstraint(fields=["process"], name="sheet_call_one_per_process")]

    def __str__(self) -> str:
        return f"{self.opens} – {self.closes}"

    def is_open(self, day) -> bool:
        return self.opens <= day <= self.closes


class ActivitySheet(ActivityContent, ProcessOwned):
    proposer = models.ForeignKey(
        Membership, verbose_name=_("proposer"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposer_organisation = models.CharField(_("proposing organisation"), max_length=300, blank=True)
    stage = models.CharField(_("running or intended"), max_length=20, choices=Stage.choices, default=Stage.INTENDED)
    state = models.CharField(_("state"), max_length=30, choices=SheetState.choices, default=SheetState.SUBMITTED)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_year = models.PositiveSmallIntegerField(
        _("action-plan year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), null=True, blank=True, on_delete=models.SET_NULL, related_name="sheets"
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("activity sheet")
        verbose_name_plural = _("activity sheets")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def last_comment(self) -> str:
        """The comment of the latest step that has one (the reason of a return or rejection)."""
        return next((step.comment for step in reversed(list(self.log.all())) if step.comment), "")

    @property
    def is_editable_by_proposer(self) -> bool:
        return self.state == SheetState.RETURNED


class SheetLog(models.Model):
    """One step of a sheet's workflow; the proposer sees these with their comments."""

    sheet = models.ForeignKey(ActivitySheet, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True, on_delete=models.SET_NULL
    )
    from_state = models.CharField(_("from"), max_length=30, choices=SheetState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=30, choices=SheetState.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("step of an activity sheet")
        verbose_name_plural = _("steps of activity sheets")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.sheet}: {self.from_state} → {self.to_state}"


class ChildRow(models.Model):
    """A row belonging to exactly one activity or one activity sheet."""

    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss")
    sheet = models.ForeignKey(ActivitySheet, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss")

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(activity__isnull=True, sheet__isnull=False)
                | models.Q(activity__isnull=False, sheet__isnull=True),
                name="%(class)s_one_owner",
            )
        ]


class Cost(ChildRow):
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    amount = models.DecimalField(_("amount (CZK)"), max_digits=14, decimal_places=0, validators=[MinValueValidator(0)])
    source = models.ForeignKey(
        CodelistItem,
        verbose_name=_("funding source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.FUNDING_SOURCE},
    )

    class Meta(ChildRow.Meta):
        verbose_name = _("estimated cost")
        verbose_name_plural = _("estimated costs")
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class Indicator(ChildRow):
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta(ChildRow.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class LinkKind(models.TextChoices):
    NEW_SERVICE = "new", _("new service")
    CAPACITY_CHANGE = "capacity", _("capacity change of an existing service")


class ServiceLink(ChildRow):
    """What the activity does to the catalogue: a new service of a type and form, or ±N units of a service."""

    kind = models.CharField(_("kind"), max_length=20, choices=LinkKind.choices, default=LinkKind.NEW_SERVICE)
    service_type = models.ForeignKey(
        CodelistItem,
        verbose_name=_("type of social service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.SERVICE_TYPE},
    )
    service_form = models.ForeignKey(
        CodelistItem,
        verbose_name=_("form of provision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.SERVICE_FORM},
    )
    service = models.ForeignKey(
        Service, verbose_name=_("existing service"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    capacity_type = models.ForeignKey(
        CodelistItem,
        verbose_name=_("capacity unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.CAPACITY_TYPE},
    )
    change = models.IntegerField(_("change of capacity (±units)"), null=True, blank=True)

    class Meta(ChildRow.Meta):
        verbose_name = _("link to a service")
        verbose_name_plural = _("links to services")
        ordering = ["pk"]

    def __str__(self) -> str:
        from .numbering import service_link_text

        return service_link_text(self)


class GapLink(ProcessOwned):
    """A measure or an activity that answers a gap of the needs analysis (komplan.needs, issue #7).

    A gap is keyed like a norm row: ``<service type code>-<form code or empty>-<unit code>`` (e.g. ``13-pob-luzka``),
    so the link survives a change of the norms; exactly one of measure and activity is set.
    """

    gap_key = models.CharField(_("gap"), max_length=60)
    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), null=True, blank=True, on_delete=models.CASCADE, related_name="gap_links"
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), null=True, blank=True, on_delete=models.CASCADE, related_name="gap_links"
    )

    class Meta:
        verbose_name = _("answer to a gap")
        verbose_name_plural = _("answers to gaps")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(measure__isnull=False, activity__isnull=True)
                | models.Q(measure__isnull=True, activity__isnull=False),
                name="gap_link_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gap_key} → {self.measure or self.activity}"
