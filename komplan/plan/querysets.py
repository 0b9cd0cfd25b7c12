"""Reads of the plan document."""

from __future__ import annotations

from django.db.models import Prefetch

from .models import Block, BlockChange, Chapter, Plan, Rendering, RenderingStatus, Transition, Version, VersionState


def plan_of(process) -> Plan | None:
    return Plan.objects.filter(process=process).first()


def chapters_for(plan: Plan):
    return Chapter.objects.filter(plan=plan).select_related("updated_by").prefetch_related("blocks")


def chapter_for_edit(plan: Plan, key: str) -> Chapter | None:
    changes = BlockChange.objects.select_related("by")
    blocks = Block.objects.prefetch_related(Prefetch("changes", queryset=changes))
    return (
        Chapter.objects.filter(plan=plan, key=key)
        .select_related("updated_by")
        .prefetch_related(Prefetch("blocks", queryset=blocks))
        .first()
    )


def versions_for(plan: Plan):
    return (
        Version.objects.filter(plan=plan)
        .select_related("created_by")
        .prefetch_related("renderings")
        .defer("snapshot")
        .order_by("-number")
    )


def version_of(plan: Plan, number: int) -> Version | None:
    return Version.objects.filter(plan=plan, number=number).first()


ARCHIVE_STATES = (VersionState.COMMENT, VersionState.FINAL, VersionState.APPROVED, VersionState.PUBLISHED)


def current_official(plan: Plan) -> Version | None:
    """The current official plan: the latest published version (by the time of publication, then number)."""
    return (
        Version.objects.filter(plan=plan, state=VersionState.PUBLISHED)
        .defer("snapshot")
        .order_by("-published_at", "-number")
        .first()
    )


def archive_for(plan: Plan):
    """Every version past the working stage (for comments, final, approved, published), newest first."""
    return versions_for(plan).filter(state__in=ARCHIVE_STATES)


def transitions_for(plan: Plan):
    return Transition.objects.filter(version__plan=plan).select_related("by", "version").defer("version__snapshot")


def version_head(plan: Plan, number: int) -> Version | None:
    """A version without its (large) snapshot, e.g. to serve its files."""
    return Version.objects.filter(plan=plan, number=number).defer("snapshot").first()


def finished_file(version: Version, fmt: str) -> Rendering | None:
    """The generated file of ``version`` in ``fmt`` when it is ready to download."""
    return Rendering.objects.filter(version=version, format=fmt, status=RenderingStatus.DONE).exclude(file="").first()
