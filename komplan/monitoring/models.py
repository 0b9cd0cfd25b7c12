"""Monitoring the fulfilment of the plan (docs/monitoring.md).

A ``MonitoringPeriod`` is one year of the action plan the coordinator opens for reporting, with a deadline. For
each activity of that year's action plan, the people responsible for it (strategy.Activity.responsible_member, the
editors of its responsible_provider) or the coordinator write one ``ProgressReport``: status, progress %, a note,
the money actually spent per funding source (``Spending``) and measured values of its indicators
(``IndicatorValue``). The reports of earlier years stay with the activity, so an activity carried into the next
year's action plan (``CarryOver``) keeps its history. A ``YearlyReport`` is the evaluation report of one year:
narrative blocks around the generated fulfilment tables, frozen as a snapshot when the steering group approves
it, then approved by the council and published. ``Succession`` links a process to the one that continues it in
the next planning period.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from komplan.directory.models import Codelist, CodelistItem
from komplan.strategy.models import YEAR_VALIDATORS, Activity, ActivitySheet, Indicator
from komplan.territory.models import PlanningProcess, ProcessOwned


class MonitoringPeriod(ProcessOwned):
    """One year of the action plan, open for progress reports until the coordinator closes it."""

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    opens_on = models.DateField(_("reporting opens"))
    deadline = models.DateField(_("deadline for reports"))
    note = models.TextField(_("note for those who report"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("monitoring period")
        verbose_name_plural = _("monitoring periods")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["process", "year"], name="monitoring_period_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("opens_on")), name="monitoring_period_deadline_after_open"
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    RUNNING = "running", pgettext_lazy("activity status", "running")
    DONE = "done", pgettext_lazy("activity status", "done")
    POSTPONED = "postponed", pgettext_lazy("activity status", "postponed")
    CANCELLED = "cancelled", pgettext_lazy("activity status", "cancelled")


class ProgressReport(models.Model):
    """The state of one activity in one monitoring period (one per activity and period)."""

    period = models.ForeignKey(
        MonitoringPeriod, verbose_name=_("monitoring period"), on_delete=models.CASCADE, related_name="reports"
    )
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="progress_reports"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    note = models.TextField(_("what happened in the period"), blank=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why the activity was postponed or cancelled."))
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["period__year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["period", "activity"], name="progress_report_one_per_period"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="progress_report_progress_max_100"),
        ]

    def __str__(self) -> str:
        return f"{self.activity} – {self.period}: {self.get_status_display()} {self.progress} %"


class Spending(models.Model):
    """Money actually spent on the activity in the period's year from one funding source."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="spendings")
    source = models.ForeignKey(
        CodelistItem,
        verbose_name=_("funding source"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.FUNDING_SOURCE},
    )
    amount = models.DecimalField(_("amount (CZK)"), max_digits=14, decimal_places=0, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("actual spending")
        verbose_name_plural = _("actual spending")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["report", "source"], name="spending_one_per_source")]

    def __str__(self) -> str:
        return f"{self.source}: {self.amount}"


class IndicatorValue(models.Model):
    """A measured value of one of the activity's indicators, with the date it was measured."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="measured_values"
    )
    value = models.DecimalField(_("actual value"), max_digits=14, decimal_places=2)
    measured_on = models.DateField(_("measured on"))

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="indicator_value_one_per_report")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on})"


class Reminder(models.Model):
    """A reminder e-mail sent to one person about the activities they have not reported in a period."""

    period = models.ForeignKey(MonitoringPeriod, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activities = models.PositiveIntegerField(_("activities not reported"))

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.period}: {self.user} ({self.sent_at:%Y-%m-%d})"


class CarryKind(models.TextChoices):
    NEXT_YEAR = "next_year", _("carried into the next year's action plan")
    PROJECT_STORE = "project_store", _("moved to the project store")
    PROMOTED = "promoted", _("promoted from the project store")


class CarryOver(ProcessOwned):
    """One step of carrying the action plan into the next year (the log the yearly report quotes)."""

    kind = models.CharField(_("kind"), max_length=20, choices=CarryKind.choices)
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="carry_overs",
    )
    sheet = models.ForeignKey(
        ActivitySheet,
        verbose_name=_("activity sheet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carry_overs",
    )
    from_year = models.PositiveSmallIntegerField(_("from year"), validators=YEAR_VALIDATORS)
    to_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    status = models.CharField(_("status when carried"), max_length=20, choices=Status.choices, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("carry-over")
        verbose_name_plural = _("carry-overs")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.activity or self.sheet} ({self.from_year} → {self.to_year or '–'})"


class ReportState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("yearly report", "draft")
    STEERING_APPROVED = "steering", _("approved by the steering group")
    COUNCIL_APPROVED = "council", _("approved by the council")
    PUBLISHED = "published", pgettext_lazy("yearly report", "published")


class YearlyReport(ProcessOwned):
    """The evaluation report of one year (zpráva o plnění): narrative blocks around generated tables.

    While a draft it shows the live data; the steering group's approval freezes ``snapshot`` (the document as
    chapters, the shape komplan.plan.outputs renders), and everything after shows and prints the snapshot.
    """

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("title"), max_length=300)
    introduction = models.TextField(_("introduction"), blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True, help_text=_("How the year went, in Markdown."))
    conclusions = models.TextField(_("conclusions and recommendations"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT)
    snapshot = models.JSONField(_("frozen content"), null=True, blank=True, editable=False)
    steering_approved_on = models.DateField(_("approved by the steering group on"), null=True, blank=True)
    steering_record = models.CharField(
        _("record of the steering group's approval"),
        max_length=300,
        blank=True,
        help_text=_("E.g. the minutes of the meeting where it was approved."),
    )
    council_body = models.CharField(_("approving body"), max_length=200, blank=True)
    resolution_number = models.CharField(_("resolution number"), max_length=60, blank=True)
    resolution_date = models.DateField(_("date of the resolution"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("yearly evaluation report")
        verbose_name_plural = _("yearly evaluation reports")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["process", "year"], name="yearly_report_one_per_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.snapshot is not None

    @property
    def is_public(self) -> bool:
        return self.state == ReportState.PUBLISHED


class ReportFile(models.Model):
    """A generated PDF or DOCX of a frozen report (made on first download, kept while the snapshot is the same)."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(_("format"), max_length=10)
    fingerprint = models.CharField(max_length=64)
    file = models.FileField(_("file"), upload_to="monitoring/reports/")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        constraints = [models.UniqueConstraint(fields=["report", "format"], name="report_file_one_per_format")]

    def __str__(self) -> str:
        return f"{self.report} ({self.format})"


class Succession(models.Model):
    """``next`` continues ``previous`` in the next planning period (its strategy started as a copy)."""

    previous = models.OneToOneField(
        PlanningProcess, verbose_name=_("previous process"), on_delete=models.CASCADE, related_name="successor_link"
    )
    next = models.OneToOneField(
        PlanningProcess, verbose_name=_("next process"), on_delete=models.CASCADE, related_name="predecessor_link"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("succession of planning periods")
        verbose_name_plural = _("successions of planning periods")

    def __str__(self) -> str:
        return f"{self.previous} → {self.next}"
