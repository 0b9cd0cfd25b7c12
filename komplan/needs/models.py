"""The need model of a process: norm sets with their rows, needs named by working groups, survey codes mapped.

A norm set is a list of coverage norms (units of a service per 1,000 persons of a reference population, see
reference.py); a process keeps several (e.g. "komplan default", "regional average", "own target") and compares
them. Rows are keyed by service type, form (optional) and capacity unit: capacities of different units are never
added (directory.models).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from komplan.directory.models import Codelist, CodelistItem
from komplan.planning.models import Body
from komplan.surveys.models import Code
from komplan.territory.models import ProcessOwned

from .reference import CHOICES


class NormSet(ProcessOwned):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(
        _("source of the norms"),
        max_length=300,
        blank=True,
        help_text=_("Where the numbers come from, e.g. a regional average or the group's own target."),
    )
    is_default = models.BooleanField(_("shown first"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("norm set")
        verbose_name_plural = _("norm sets")
        ordering = ["-is_default", "name"]
        constraints = [models.UniqueConstraint(fields=["process", "slug"], name="norm_set_unique_slug")]

    def __str__(self) -> str:
        return self.name


class NormRow(models.Model):
    norm_set = models.ForeignKey(NormSet, verbose_name=_("norm set"), on_delete=models.CASCADE, related_name="rows")
    service_type = models.ForeignKey(
        CodelistItem,
        verbose_name=_("type of social service"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.SERVICE_TYPE},
    )
    form = models.ForeignKey(
        CodelistItem,
        verbose_name=_("form"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.SERVICE_FORM},
        help_text=_("Empty: every form of the type counts."),
    )
    unit = models.ForeignKey(
        CodelistItem,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.CAPACITY_TYPE},
    )
    reference = models.CharField(_("reference population"), max_length=20, choices=CHOICES)
    per_1000 = models.DecimalField(
        _("units per 1,000"), max_digits=9, decimal_places=3, validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("norm")
        verbose_name_plural = _("norms")
        ordering = ["service_type__code", "form__code", "unit__code"]

    def __str__(self) -> str:
        return f"{self.service_type}: {self.per_1000} / 1000"


class NeedNote(ProcessOwned):
    """A need named by a working group (or the steering group), as evidence beside the norms."""

    body = models.ForeignKey(
        Body, verbose_name=_("group"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    service_type = models.ForeignKey(
        CodelistItem,
        verbose_name=_("type of social service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"codelist": Codelist.SERVICE_TYPE},
    )
    text = models.TextField(_("need"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("need named by a group")
        verbose_name_plural = _("needs named by groups")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class CodeMapping(models.Model):
    """A survey answer category (e.g. "missing day care") counted as evidence for a service type."""

    code = models.OneToOneField(Code, verbose_name=_("answer category"), on_delete=models.CASCADE, related_name="+")
    service_type = models.ForeignKey(
        CodelistItem,
        verbose_name=_("type of social service"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"codelist": Codelist.SERVICE_TYPE},
    )

    class Meta:
        verbose_name = _("answer category of a service type")
        verbose_name_plural = _("answer categories of service types")

    def __str__(self) -> str:
        return f"{self.code} → {self.service_type}"
