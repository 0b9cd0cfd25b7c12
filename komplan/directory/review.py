"""Provider self-service: editors propose changes to their organisation's records; the coordinator reviews.

A change request stores the old and the new value of every changed field, who proposed it and
when, and who decided and when — so every change keeps who/when/what. Editors change only
descriptive fields; codelist values and registered capacities come from the register. Proposals
from other sources (a provider's answers to a survey) may also carry capacities, funding and the
demand figures (``review_fields``); their ``origin`` names the source, so a corrected answer
updates its pending proposal instead of adding another.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from komplan.territory.models import ProcessOwned

ORGANIZATION_FIELDS = ("description", "web", "email", "phone")
SERVICE_FIELDS = ("description", "web", "email", "phone", "opening_hours", "fees", "how_to_get")


class OrganizationEditor(ProcessOwned):
    """A person allowed to propose changes to one provider's records within a process."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("provider"), on_delete=models.CASCADE, related_name="editors"
    )

    class Meta:
        verbose_name = _("provider editor")
        verbose_name_plural = _("provider editors")
        constraints = [
            models.UniqueConstraint(fields=["process", "user", "organization"], name="organization_editor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organization}"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class ChangeRequest(ProcessOwned):
    organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("provider"), on_delete=models.CASCADE, related_name="change_requests"
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    changes = models.JSONField(_("changes"), help_text="field → [old value, new value]")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("proposed"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("decided"), null=True, blank=True)
    review_note = models.TextField(_("note to the decision"), blank=True)
    origin = models.CharField(
        _("origin"),
        max_length=80,
        blank=True,
        db_index=True,
        help_text="What produced the proposal, e.g. survey-response:17; empty for an editor's proposal.",
    )
    note = models.CharField(_("where it comes from"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.service or self.organization} ({self.get_status_display()})"

    @property
    def target(self):
        return self.service or self.organization

    def rows(self) -> list:
        """The changes for display: (field key, label, current value, proposed value), values formatted."""
        from .review_fields import display_rows

        return display_rows(self.changes)
