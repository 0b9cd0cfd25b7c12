"""The community plan document of a process: chapters of blocks, and frozen versions (see docs/plan.md).

A narrative block keeps its Markdown as a list of paragraphs ``[{"id": "...", "text": "..."}]`` so that each
paragraph has a stable id (komplan.plan.paragraphs); a generated block names a source of komplan.plan.sources
and is rendered from the live data until a version is frozen, which stores the rendered structure.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from komplan.territory.models import PlanningProcess


def logo_path(instance: Plan, filename: str) -> str:
    return f"plan/{instance.process.slug}/logo-{uuid.uuid4().hex}.png"


class Plan(models.Model):
    process = models.OneToOneField(
        PlanningProcess, verbose_name=_("planning process"), on_delete=models.CASCADE, related_name="plan"
    )
    title = models.CharField(_("title"), max_length=300)
    period_from = models.PositiveSmallIntegerField(_("period from"))
    period_to = models.PositiveSmallIntegerField(_("period to"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    logo = models.FileField(
        _("logo"),
        upload_to=logo_path,
        max_length=200,
        blank=True,
        help_text=_("Shown on the cover of the PDF and DOCX; stored as PNG."),
    )

    class Meta:
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")

    def __str__(self) -> str:
        return self.title


class Chapter(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan document"), on_delete=models.CASCADE, related_name="chapters")
    key = models.SlugField(_("key"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saved by"), on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="plan_chapter_unique_key")]

    def __str__(self) -> str:
        return self.title


class BlockKind(models.TextChoices):
    NARRATIVE = "narrative", _("text")
    GENERATED = "generated", _("generated from the data")


class Block(models.Model):
    chapter = models.ForeignKey(Chapter, verbose_name=_("chapter"), on_delete=models.CASCADE, related_name="blocks")
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=12, choices=BlockKind.choices)
    paragraphs = models.JSONField(_("paragraphs"), default=list, blank=True)
    source = models.CharField(_("data source"), max_length=40, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["chapter", "order"]

    def __str__(self) -> str:
        return f"{self.chapter} #{self.order}"

    @property
    def text(self) -> str:
        return "\n\n".join(p["text"] for p in self.paragraphs)


class BlockChange(models.Model):
    """Who changed a narrative block, when, and the text it got."""

    block = models.ForeignKey(Block, verbose_name=_("block"), on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.SET_NULL, null=True, blank=True
    )
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("change of a block")
        verbose_name_plural = _("changes of blocks")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.block} {self.at:%Y-%m-%d %H:%M}"


class VersionState(models.TextChoices):
    WORKING = "working", _("working version")
    COMMENT = "comment", _("version for public comments")
    FINAL = "final", _("final version")
    APPROVED = "approved", _("approved version")
    PUBLISHED = "published", _("published version")


# The life cycle (komplan.plan.services): a version is frozen as working, for comments or final; a working one may
# be put to comment; a final one (frozen after some version went to comment) is approved by a council body, then
# published. The comment period itself (dates, the comments and their settlement) belongs to komplan.consultation
# (issue #9), which hangs it on a version in the ``comment`` state.
FROZEN_STATES = (VersionState.WORKING, VersionState.COMMENT, VersionState.FINAL)


class Version(models.Model):
    """A frozen snapshot of the whole document; rendered from ``snapshot`` only, never from the live data."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan document"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=VersionState.choices, default=VersionState.WORKING)
    issued_on = models.DateField(_("date of the version"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    snapshot = models.JSONField(_("snapshot"), default=dict)
    approval_body = models.CharField(_("approved by (body)"), max_length=200, blank=True)
    resolution_number = models.CharField(_("resolution number"), max_length=60, blank=True)
    resolution_date = models.DateField(_("date of the resolution"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    @property
    def is_approved(self) -> bool:
        return self.state in (VersionState.APPROVED, VersionState.PUBLISHED)

    @property
    def approval_note(self) -> str:
        """“Schváleno usnesením Zastupitelstva města Slaný č. 123/2007 ze dne 19. 12. 2007” for the cover and the
        pages, in the active language; "" when the version is not approved."""
        if not self.is_approved or not self.resolution_date:
            return ""
        from .approval import approval_note

        return approval_note(self.approval_body, self.resolution_number, self.resolution_date)


class Transition(models.Model):
    """One step of a version's life cycle: who, when, from which state to which (``from_state`` is empty when the
    version was frozen), with an optional note."""

    version = models.ForeignKey(
        Version, verbose_name=_("version"), on_delete=models.CASCADE, related_name="transitions"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.SET_NULL, null=True, blank=True
    )
    from_state = models.CharField(_("from state"), max_length=12, choices=VersionState.choices, blank=True)
    to_state = models.CharField(_("to state"), max_length=12, choices=VersionState.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("transition of a version")
        verbose_name_plural = _("transitions of versions")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.version}: {self.from_state or '-'} → {self.to_state}"


class RenderingFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"


class RenderingStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("being generated")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


def rendering_path(instance: Rendering, filename: str) -> str:
    version = instance.version
    return f"plan/{version.plan.process.slug}/verze-{version.number}-{uuid.uuid4().hex}.{instance.format}"


class Rendering(models.Model):
    """A PDF or DOCX file of a version, generated in the background (komplan.plan.tasks); one per format."""

    version = models.ForeignKey(Version, verbose_name=_("version"), on_delete=models.CASCADE, related_name="renderings")
    format = models.CharField(_("format"), max_length=4, choices=RenderingFormat.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=RenderingStatus.choices, default=RenderingStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error message"), blank=True)
    file = models.FileField(_("file"), upload_to=rendering_path, max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("generated file")
        verbose_name_plural = _("generated files")
        ordering = ["version", "format"]
        constraints = [models.UniqueConstraint(fields=["version", "format"], name="plan_rendering_unique_format")]

    def __str__(self) -> str:
        return f"{self.version} {self.format}"

    @property
    def finished(self) -> bool:
        return self.status in (RenderingStatus.DONE, RenderingStatus.FAILED)
