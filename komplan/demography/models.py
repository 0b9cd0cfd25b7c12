"""Socio-demographic data: population counts and age structures, statistical observations,
demographic rate sets, projection scenarios and their stored results.

Conventions (docs/demography.md):
- a *population year* is the state on 1 January of that year (ČSÚ "k 1. 1."); a state "k 31. 12."
  of year Y is stored as year Y + 1;
- an *observation year* is the calendar year a flow (births, deaths, migration) happened in, or
  the year whose 31 December a stock indicator describes (unemployment share, VDB age indicators);
- ages are whole years; an age group is ``age_from``–``age_to`` inclusive, ``age_to`` empty for
  the open-ended last group (e.g. 100+).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from komplan.territory.models import PlanningProcess, Territory


class Sex(models.TextChoices):
    MALE = "m", _("men")
    FEMALE = "f", _("women")


class SourceKind(models.TextChoices):
    CSU_MUNICIPAL = "csu_municipal", _("ČSÚ: population of municipalities on 1 January")
    CSU_AGE = "csu_age", _("ČSÚ open data: population by age and sex")
    CSU_VDB = "csu_vdb", _("ČSÚ public database (VDB)")
    UNEMPLOYMENT = "unemployment", _("ČSÚ open data: share of unemployed persons")
    UN_WPP = "un_wpp", _("UN World Population Prospects")


class DataSource(models.Model):
    """One import: where a set of figures came from, when and by whom. Deleting it deletes them."""

    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    name = models.CharField(_("name"), max_length=250, help_text=_("File name or data set title."))
    description = models.TextField(_("provenance"), blank=True)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    record_count = models.PositiveIntegerField(_("records"), default=0)

    class Meta:
        verbose_name = _("demographic data source")
        verbose_name_plural = _("demographic data sources")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class PopulationCount(models.Model):
    """Population of a territory on 1 January: total, men, women and mean ages (ČSÚ municipal table)."""

    territory = models.ForeignKey(Territory, verbose_name=_("territory"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year (1 January)"))
    total = models.PositiveIntegerField(_("population"))
    men = models.PositiveIntegerField(_("men"))
    women = models.PositiveIntegerField(_("women"))
    # Floats, not one-decimal numbers: since 2010 ČSÚ publishes the unrounded mean, and the estimated
    # age structure reproduces it exactly.
    mean_age = models.FloatField(_("mean age"), null=True, blank=True)
    mean_age_men = models.FloatField(_("mean age of men"), null=True, blank=True)
    mean_age_women = models.FloatField(_("mean age of women"), null=True, blank=True)
    source = models.ForeignKey(DataSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("population count")
        verbose_name_plural = _("population counts")
        constraints = [models.UniqueConstraint(fields=["territory", "year"], name="population_count_unique")]
        ordering = ["territory", "year"]

    def __str__(self) -> str:
        return f"{self.territory} {self.year}: {self.total}"


class AgeCount(models.Model):
    """Population by sex and age (single years or groups) on 1 January, as imported (never estimated)."""

    territory = models.ForeignKey(Territory, verbose_name=_("territory"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year (1 January)"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    age_from = models.PositiveSmallIntegerField(_("age from"))
    age_to = models.PositiveSmallIntegerField(_("age to"), null=True, blank=True, help_text=_("Empty: and older."))
    count = models.PositiveIntegerField(_("persons"))
    source = models.ForeignKey(DataSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("population by age")
        verbose_name_plural = _("population by age")
        constraints = [
            models.UniqueConstraint(fields=["territory", "year", "sex", "age_from"], name="age_count_unique")
        ]
        indexes = [models.Index(fields=["territory", "year"])]
        ordering = ["territory", "year", "sex", "age_from"]

    def __str__(self) -> str:
        ages = f"{self.age_from}–{self.age_to}" if self.age_to is not None else f"{self.age_from}+"
        return f"{self.territory} {self.year} {self.sex} {ages}: {self.count}"


class Indicator(models.TextChoices):
    """Statistical indicators we import; the unit and the meaning of the year are in docs/demography.md."""

    POPULATION_END = "population_end", _("population at the end of the year")
    POPULATION_MID = "population_mid", _("mid-year population")
    MARRIAGES = "marriages", _("marriages")
    DIVORCES = "divorces", _("divorces")
    LIVE_BIRTHS = "live_births", _("live births")
    BIRTHS_OUTSIDE_MARRIAGE = "births_outside_marriage", _("live births outside marriage")
    DEATHS = "deaths", _("deaths")
    INFANT_DEATHS = "infant_deaths", _("deaths under one year")
    NATURAL_INCREASE = "natural_increase", _("natural increase")
    IMMIGRANTS = "immigrants", _("immigrants")
    IMMIGRANTS_ABROAD = "immigrants_abroad", _("immigrants from abroad")
    EMIGRANTS = "emigrants", _("emigrants")
    EMIGRANTS_ABROAD = "emigrants_abroad", _("emigrants abroad")
    NET_MIGRATION = "net_migration", _("net migration")
    AGED_0_14 = "aged_0_14", _("persons aged 0–14")
    AGED_15_64 = "aged_15_64", _("persons aged 15–64")
    AGED_20_64 = "aged_20_64", _("persons aged 20–64")
    AGED_65_PLUS = "aged_65_plus", _("persons aged 65+")
    AGED_80_PLUS = "aged_80_plus", _("persons aged 80+")
    SHARE_0_14 = "share_0_14", _("share aged 0–14 (%)")
    SHARE_15_64 = "share_15_64", _("share aged 15–64 (%)")
    SHARE_65_PLUS = "share_65_plus", _("share aged 65+ (%)")
    MEAN_AGE = "mean_age", _("mean age (years)")
    AGEING_INDEX = "ageing_index", _("ageing index")
    ECONOMIC_DEPENDENCY = "economic_dependency", _("economic dependency index")
    UNEMPLOYMENT_SHARE = "unemployment_share", _("share of unemployed persons (%)")


class Observation(models.Model):
    """One value of an indicator for a territory and a year (``month`` 0) or a month of it."""

    territory = models.ForeignKey(Territory, verbose_name=_("territory"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), default=0, help_text=_("0 for the whole year."))
    indicator = models.CharField(_("indicator"), max_length=30, choices=Indicator.choices)
    value = models.FloatField(_("value"))
    source = models.ForeignKey(DataSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("statistical observation")
        verbose_name_plural = _("statistical observations")
        constraints = [
            models.UniqueConstraint(fields=["territory", "indicator", "year", "month"], name="observation_unique")
        ]
        ordering = ["territory", "indicator", "year", "month"]

    def __str__(self) -> str:
        return f"{self.territory} {self.indicator} {self.year}/{self.month}: {self.value}"


class RateSet(models.Model):
    """A coherent set of demographic rates and a base population to project with (e.g. UN WPP 2019, Czechia).

    ``payload`` layout (lists are by period, then by age; ages as in ``age_labels``) is documented in
    ``komplan.demography.engine.rates``; the engine never sees this model, only the arrays.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.ForeignKey(DataSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="+")
    country_code = models.CharField(_("UN country code"), max_length=6)
    payload = models.JSONField(_("rates"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("demographic rate set")
        verbose_name_plural = _("demographic rate sets")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ScenarioKind(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")
    CUSTOM = "custom", _("own assumptions")


# Names of the shared scenarios (services.DEFAULT_SCENARIOS), translated when shown.
SHARED_SCENARIO_NAMES = {
    "medium": _("medium variant"),
    "low": _("low variant"),
    "high": _("high variant"),
    "no-migration": _("natural change only (no migration)"),
}


class Scenario(models.Model):
    """Assumptions of a projection: a rate set adjusted for fertility, mortality and migration.

    Shared scenarios (no process) are the defaults every process sees; a process may add its own.
    """

    process = models.ForeignKey(
        PlanningProcess,
        verbose_name=_("planning process"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=ScenarioKind.choices)
    rate_set = models.ForeignKey(RateSet, verbose_name=_("rates"), on_delete=models.PROTECT, related_name="+")
    fertility_shift = models.FloatField(
        _("fertility change (children per woman)"), default=0.0, help_text=_("Added to the total fertility rate.")
    )
    mortality_factor = models.FloatField(
        _("mortality factor"), default=1.0, help_text=_("Death rates are multiplied by this factor.")
    )
    migration_factor = models.FloatField(
        _("migration factor"), default=1.0, help_text=_("Net migration is multiplied by this factor.")
    )
    local_migration = models.BooleanField(
        _("local migration"),
        default=True,
        help_text=_("Use each municipality's migration observed in 2004–2024 instead of the national one."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("projection scenario")
        verbose_name_plural = _("projection scenarios")
        constraints = [
            models.UniqueConstraint(fields=["process", "code"], name="scenario_unique_code"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(process__isnull=True), name="scenario_unique_shared_code"
            ),
        ]
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return str(self.display_name)

    @property
    def display_name(self) -> str:
        if self.process_id is None and self.code in SHARED_SCENARIO_NAMES:
            return SHARED_SCENARIO_NAMES[self.code]
        return self.name


class Projection(models.Model):
    """A stored projection of one territory under one scenario; recomputed when ``inputs_hash`` changes.

    ``data``: {"years": [...], "ages": [[from, to|null], ...], "m": [[...per age] per year], "f": ...}.
    """

    scenario = models.ForeignKey(Scenario, verbose_name=_("scenario"), on_delete=models.CASCADE, related_name="+")
    territory = models.ForeignKey(Territory, verbose_name=_("territory"), on_delete=models.CASCADE, related_name="+")
    step = models.PositiveSmallIntegerField(_("step (years)"), default=5)
    base_year = models.PositiveSmallIntegerField(_("base year"))
    final_year = models.PositiveSmallIntegerField(_("final year"))
    base_estimated = models.BooleanField(
        _("estimated base"), default=True, help_text=_("The base age structure is an estimate, not a count.")
    )
    inputs_hash = models.CharField(_("inputs fingerprint"), max_length=64)
    computed_at = models.DateTimeField(_("computed"), default=timezone.now)
    data = models.JSONField(_("result"))

    class Meta:
        verbose_name = _("population projection")
        verbose_name_plural = _("population projections")
        constraints = [
            models.UniqueConstraint(fields=["scenario", "territory", "step"], name="projection_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.territory} {self.scenario} {self.base_year}–{self.final_year}"


class Chapter(models.Model):
    """The editable chapter "Sociodemografická analýza" of a process: generated once, then edited by people.

    ``generated_text`` keeps what the generator wrote so the page can show whether, and how, people changed it.
    """

    process = models.OneToOneField(
        PlanningProcess, verbose_name=_("planning process"), on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("text (Markdown)"))
    generated_text = models.TextField(_("generated text"))
    generated_at = models.DateTimeField(_("generated"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("socio-demographic chapter")
        verbose_name_plural = _("socio-demographic chapters")

    def __str__(self) -> str:
        return f"{self.process}: {self._meta.verbose_name}"
