"""Territories (kraj, okres, ORP, POU, municipality) and planning processes, the tenant root.

A territory is identified by its level *and* ČSÚ code: ORP 3107 and kraj 3107 both exist.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .querysets import PlanningProcessQuerySet, ProcessOwnedQuerySet, TerritoryQuerySet


class Level(models.TextChoices):
    COUNTRY = "country", _("state")
    KRAJ = "kraj", _("region (kraj)")
    OKRES = "okres", _("district (okres)")
    ORP = "orp", _("municipality with extended powers (ORP)")
    POU = "pou", _("municipality with authorised office (POU)")
    MUNICIPALITY = "municipality", _("municipality")


class Territory(models.Model):
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    code = models.CharField(_("ČSÚ code"), max_length=12)
    name = models.CharField(_("name"), max_length=200)
    nuts_code = models.CharField(_("CZ-NUTS code"), max_length=12, blank=True)
    ruian_code = models.CharField(_("RÚIAN code"), max_length=12, blank=True)
    kraj = models.ForeignKey(
        "self", verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    okres = models.ForeignKey(
        "self", verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    orp = models.ForeignKey(
        "self", verbose_name=_("ORP"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pou = models.ForeignKey(
        "self", verbose_name=_("POU"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_date = models.DateField(_("population as of"), null=True, blank=True)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        constraints = [models.UniqueConstraint(fields=["level", "code"], name="territory_unique_level_code")]
        indexes = [models.Index(fields=["code"]), models.Index(fields=["level", "name"])]

    def __str__(self) -> str:
        if self.level == Level.MUNICIPALITY:
            return f"{self.name} ({self.code})"
        return f"{self.get_level_display()} {self.name} ({self.code})"

    @property
    def parents(self) -> list[Territory]:
        """Enclosing territories from the smallest to the largest (POU, ORP, okres, kraj)."""
        return [t for t in (self.pou, self.orp, self.okres, self.kraj) if t is not None]


SLUG_VALIDATOR = RegexValidator(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", _("Use lower-case letters, digits and hyphens."))

# Top-level URL segments that a process slug must not shadow (process sites live at /<slug>/).
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "en",
        "cs",
        "static",
        "media",
        "ucet",
        "account",
        "sprava",
        "pozvanka",
        "pismo",
        "co-je-komunitni-planovani",
        "prohlaseni-o-pristupnosti",
        "kontakt",
        "stranky",
        "procesy",
        "jazyk",
    }
)


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("The address “%(slug)s” is reserved by komplan."), params={"slug": value})


class AreaKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("one municipality")
    ORP = "orp", _("a whole ORP")
    CUSTOM = "custom", _("chosen municipalities")


class PlanningProcess(models.Model):
    """One community-planning process: the tenant every process-owned object belongs to."""

    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(
        _("web address"), max_length=80, unique=True, validators=[SLUG_VALIDATOR, validate_slug_not_reserved]
    )
    area_kind = models.CharField(_("planning area"), max_length=12, choices=AreaKind.choices)
    area_orp = models.ForeignKey(
        Territory,
        verbose_name=_("ORP"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Level.ORP},
    )
    municipalities = models.ManyToManyField(
        Territory,
        verbose_name=_("municipalities of the planning area"),
        related_name="planning_processes",
        limit_choices_to={"level": Level.MUNICIPALITY},
    )
    responsible_municipality = models.ForeignKey(
        Territory,
        verbose_name=_("responsible municipality"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Level.MUNICIPALITY},
    )
    period_start = models.PositiveSmallIntegerField(_("period from (year)"))
    period_end = models.PositiveSmallIntegerField(_("period to (year)"))
    summary = models.TextField(_("short description"), blank=True)
    is_public = models.BooleanField(
        _("publicly visible"),
        default=True,
        help_text=_("A public process has a public site; others are seen by members only."),
    )
    demo_note = models.TextField(
        _("demo notice"),
        blank=True,
        help_text=_("Shown on every page of the process when its content is illustrative demo content."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = PlanningProcessQuerySet.as_manager()

    class Meta:
        verbose_name = _("planning process")
        verbose_name_plural = _("planning processes")
        ordering = ["-period_start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="process_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("portal:process", kwargs={"process": self.slug})

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})
        if self.area_kind == AreaKind.ORP and not self.area_orp_id:
            raise ValidationError({"area_orp": _("Choose the ORP of the planning area.")})

    @property
    def period_label(self) -> str:
        if self.period_start == self.period_end:
            return str(self.period_start)
        return f"{self.period_start}–{self.period_end}"


class ProcessOwned(models.Model):
    """Base of every model that belongs to one planning process.

    Its manager offers ``for_process(process)``; views reach process-owned rows only through
    the process resolved once per request, never by bare primary key.
    """

    process = models.ForeignKey(
        PlanningProcess,
        verbose_name=_("planning process"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )

    objects = ProcessOwnedQuerySet.as_manager()

    class Meta:
        abstract = True


class PhaseKind(models.TextChoices):
    PREPARATION = "preparation", _("Preparation")
    ANALYSIS = "analysis", _("Analysis")
    WORKING_GROUPS = "working_groups", _("Working groups")
    DRAFTING = "drafting", _("Drafting the plan")
    PUBLIC_COMMENTS = "public_comments", _("Public comments")
    APPROVAL = "approval", _("Approval")
    IMPLEMENTATION = "implementation", _("Implementation and monitoring")


class PhaseStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("in progress")
    DONE = "done", _("completed")
    SKIPPED = "skipped", _("skipped")


class Phase(ProcessOwned):
    kind = models.CharField(_("phase"), max_length=20, choices=PhaseKind.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    status = models.CharField(_("status"), max_length=10, choices=PhaseStatus.choices, default=PhaseStatus.PLANNED)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    note = models.TextField(
        _("what happens in this phase"),
        blank=True,
        help_text=_("Shown on the public timeline; leave empty to show the standard description."),
    )

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["process", "order"]
        constraints = [models.UniqueConstraint(fields=["process", "kind"], name="phase_unique_kind_per_process")]

    def __str__(self) -> str:
        return f"{self.process}: {self.get_kind_display()}"

    def clean(self) -> None:
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned end cannot be before the planned start.")
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            errors["actual_end"] = _("The actual end cannot be before the actual start.")
        if self.status == PhaseStatus.DONE and self.actual_start and not self.actual_end:
            errors["actual_end"] = _("A completed phase needs its actual end date.")
        if errors:
            raise ValidationError(errors)
