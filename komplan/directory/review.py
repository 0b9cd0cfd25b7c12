"""Provider self-service: editors propose changes to their organisation's records; the coordinator reviews.

A change request stores the old and the new value of every changed field, who proposed it and
when, and who decided and when — so every change keeps who/when/what. Only descriptive fields
are editable this way; codelist values and registered capacities come from the register.
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

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.service or self.organization} ({self.get_status_display()})"

    @property
    def target(self):
        return self.service or self.organization
