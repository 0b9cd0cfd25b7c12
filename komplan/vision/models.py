"""The vision of a planning process and its SWOT analyses (issue #6, item 3).

* **Vision** (vize): one Markdown text per process, edited with optimistic concurrency (``version``).
* **Swot**: one per working group (``body``) and one overall (``body`` is null) per process.
* **SwotItem**: a strength, weakness, opportunity or threat. An item of the overall SWOT merged from a
  working group keeps its origin: ``source`` (the group's item; null once that item is deleted) and
  ``source_body`` / ``source_body_name`` (the group; the name stays even when the group is deleted).
  The merged copy **keeps its own text**: the overall SWOT is the steering group's wording and may be edited;
  when the group changes its item later, the overall SWOT shows that the source changed (``source_version``)
  and offers to take over the new text, it never changes silently.
* **SwotVote**: a member's vote for an item (dot voting): one per member and item; an item's weight is the
  number of its votes. Votes are personal data: only counts are public.
* **SwotEvidence**: what an item rests on: a survey question's results, a demographic indicator, or a gap in
  the catalogue (a type of social service; the needs-vs-supply module, issue #7, will make gaps computed).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from komplan.accounts.models import Membership
from komplan.directory.models import Codelist, CodelistItem
from komplan.planning.models import Body
from komplan.surveys.models import Survey
from komplan.territory.models import PlanningProcess, ProcessOwned, Territory

TEXT_LIMIT = 1000


class Vision(models.Model):
    process = models.OneToOneField(
        PlanningProcess, verbose_name=_("planning process"), on_delete=models.CASCADE, related_name="vision"
    )
    text = models.TextField(_("vision"), blank=True, help_text=_("Markdown."))
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("visions")

    def __str__(self) -> str:
        return str(self.process)


class Swot(ProcessOwned):
    body = models.ForeignKey(
        Body, verbose_name=_("group"), on_delete=models.CASCADE, null=True, blank=True, related_name="swots"
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Shown above the SWOT (Markdown): when and how it was made.")
    )

    class Meta:
        verbose_name = _("SWOT analysis")
        verbose_name_plural = _("SWOT analyses")
        constraints = [
            models.UniqueConstraint(fields=["process"], condition=Q(body__isnull=True), name="swot_one_overall"),
            models.UniqueConstraint(fields=["body"], condition=Q(body__isnull=False), name="swot_one_per_body"),
        ]

    def __str__(self) -> str:
        return str(self.body) if self.body_id else str(_("overall SWOT"))

    @property
    def is_overall(self) -> bool:
        return self.body_id is None


class Quadrant(models.TextChoices):
    STRENGTHS = "strengths", _("Strengths")
    WEAKNESSES = "weaknesses", _("Weaknesses")
    OPPORTUNITIES = "opportunities", _("Opportunities")
    THREATS = "threats", _("Threats")


class SwotItem(models.Model):
    swot = models.ForeignKey(Swot, verbose_name=_("SWOT analysis"), on_delete=models.CASCADE, related_name="items")
    quadrant = models.CharField(_("quadrant"), max_length=20, choices=Quadrant.choices)
    text = models.TextField(_("text"), max_length=TEXT_LIMIT)
    order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Origin of an item merged into the overall SWOT.
    source = models.ForeignKey(
        "self",
        verbose_name=_("merged from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_copies",
    )
    source_body = models.ForeignKey(
        Body, verbose_name=_("from the group"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_body_name = models.CharField(_("from the group (name)"), max_length=200, blank=True)
    source_version = models.PositiveIntegerField(_("version of the source when merged"), null=True, blank=True)

    class Meta:
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")
        ordering = ["swot", "quadrant", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["swot", "source"], condition=Q(source__isnull=False), name="swot_merge_once"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_merged(self) -> bool:
        return bool(self.source_body_name or self.source_id)

    @property
    def source_changed(self) -> bool:
        """The group's item was edited after it was merged (needs ``source`` loaded)."""
        return bool(self.source_id and self.source.version != self.source_version)


class SwotVote(models.Model):
    item = models.ForeignKey(SwotItem, verbose_name=_("SWOT item"), on_delete=models.CASCADE, related_name="votes")
    membership = models.ForeignKey(
        Membership, verbose_name=_("member"), on_delete=models.CASCADE, related_name="swot_votes"
    )
    created_at = models.DateTimeField(_("voted"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["item", "membership"], name="swot_vote_once")]

    def __str__(self) -> str:
        return f"{self.membership} – {self.item}"


class EvidenceKind(models.TextChoices):
    SURVEY = "survey", _("survey result")
    INDICATOR = "indicator", _("demographic indicator")
    GAP = "gap", _("gap in the catalogue")


class SwotEvidence(models.Model):
    item = models.ForeignKey(SwotItem, verbose_name=_("SWOT item"), on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=12, choices=EvidenceKind.choices)
    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, null=True, blank=True)
    question_key = models.CharField(_("question"), max_length=63, blank=True)
    indicator = models.CharField(_("indicator"), max_length=40, blank=True)
    territory = models.ForeignKey(
        Territory, verbose_name=_("municipality"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    service_type = models.ForeignKey(
        CodelistItem,
        verbose_name=_("type of service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"codelist": Codelist.SERVICE_TYPE},
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["item", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="survey", survey__isnull=False)
                    | Q(kind="indicator") & ~Q(indicator="")
                    | Q(kind="gap", service_type__isnull=False)
                ),
                name="swot_evidence_has_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.item}"
