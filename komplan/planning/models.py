"""Bodies of a planning process: the steering group and the working groups, their members and planning groups.

A planning group (plánovací cílová skupina) aggregates registry target groups (codelist CilovaSkupinaOsoby);
a working group usually covers one or more planning groups. Members are memberships of the same process.
"""

from __future__ import annotations

from collections import Counter

from django.db import models
from django.utils.translation import gettext_lazy as _

from komplan.accounts.models import Membership
from komplan.accounts.roles import Triad
from komplan.directory.models import Codelist, CodelistItem
from komplan.territory.models import ProcessOwned


class PlanningGroup(ProcessOwned):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    target_groups = models.ManyToManyField(
        CodelistItem,
        verbose_name=_("registry target groups"),
        related_name="planning_groups",
        limit_choices_to={"codelist": Codelist.TARGET_GROUP},
        blank=True,
    )

    class Meta:
        verbose_name = _("planning group")
        verbose_name_plural = _("planning groups")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["process", "slug"], name="planning_group_unique_slug")]

    def __str__(self) -> str:
        return self.name


class BodyKind(models.TextChoices):
    STEERING = "steering", _("steering group")
    WORKING = "working", _("working group")


class Body(ProcessOwned):
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices, default=BodyKind.WORKING)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80)
    planning_groups = models.ManyToManyField(
        PlanningGroup, verbose_name=_("planning groups"), related_name="bodies", blank=True
    )
    charter = models.TextField(_("charter"), blank=True, help_text=_("The founding document (Markdown)."))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["process", "slug"], name="body_unique_slug")]

    def __str__(self) -> str:
        return self.name

    def triad_balance(self) -> dict[str, int]:
        """Members per triad type, every type present (0 when none), in the order of Triad."""
        counts = Counter(m.membership.triad for m in self.members.all())
        return {value: counts.get(value, 0) for value in Triad.values}

    def leader(self) -> BodyMember | None:
        return next((m for m in self.members.all() if m.is_leader), None)


class BodyMember(models.Model):
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="members")
    membership = models.ForeignKey(
        Membership, verbose_name=_("member"), on_delete=models.CASCADE, related_name="body_seats"
    )
    is_leader = models.BooleanField(_("leader"), default=False)

    class Meta:
        verbose_name = _("body member")
        verbose_name_plural = _("body members")
        constraints = [
            models.UniqueConstraint(fields=["body", "membership"], name="body_member_unique"),
            models.UniqueConstraint(fields=["body"], condition=models.Q(is_leader=True), name="body_one_leader"),
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} – {self.body}"
