"""Writes of the plan document, each in a transaction: create, save a chapter (optimistic concurrency), freeze,
the life cycle of a version (put to comment, approve, publish) with its refusals, the cover logo, and the generated
PDF and DOCX files of a version (queued, then run by komplan.plan.tasks)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from . import paragraphs, sources
from .models import (
    FROZEN_STATES,
    Block,
    BlockChange,
    BlockKind,
    Chapter,
    Plan,
    Rendering,
    RenderingFormat,
    RenderingStatus,
    Transition,
    Version,
    VersionState,
)
from .toc import default_chapters

logger = logging.getLogger(__name__)


class ChapterConflict(Exception):
    """The chapter was saved by someone else after the editor opened it."""


class TransitionRefused(Exception):
    """A life-cycle step that is not allowed; ``message`` (translatable) says why, for the form and the API."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@transaction.atomic
def create_plan(process, user=None) -> Plan:
    """The plan of ``process`` with the default chapters and blocks (returns the existing one if any)."""
    existing = Plan.objects.filter(process=process).first()
    if existing is not None:
        return existing
    plan = Plan.objects.create(
        process=process, title=process.name, period_from=process.period_start, period_to=process.period_end
    )
    for item in default_chapters():
        chapter = Chapter.objects.create(
            plan=plan, key=item["key"], order=item["order"], title=item["title"], updated_by=user
        )
        for order, block in enumerate(item["blocks"], start=1):
            Block.objects.create(
                chapter=chapter,
                order=order,
                kind=block["kind"],
                paragraphs=block.get("paragraphs", []),
                source=block.get("source", ""),
            )
    return plan


@transaction.atomic
def save_chapter(chapter: Chapter, title: str, texts: dict[int, str], user, opened_version: int) -> Chapter:
    """Save the title and the narrative blocks' texts (block pk → Markdown) if nobody saved since ``opened_version``.

    Raises ChapterConflict otherwise. Every block whose text changed gets new paragraphs (ids carried over,
    komplan.plan.paragraphs) and a BlockChange row.
    """
    locked = Chapter.objects.select_for_update().get(pk=chapter.pk)
    if locked.version != opened_version:
        raise ChapterConflict
    now = timezone.now()
    for block in locked.blocks.filter(kind=BlockKind.NARRATIVE):
        if block.pk not in texts:
            continue
        new = paragraphs.assign(block.paragraphs, texts[block.pk])
        if [p["text"] for p in new] == [p["text"] for p in block.paragraphs]:
            continue
        block.paragraphs = new
        block.save(update_fields=["paragraphs"])
        BlockChange.objects.create(block=block, at=now, by=user, text=block.text)
    locked.title = title
    locked.version += 1
    locked.updated_at = now
    locked.updated_by = user
    locked.save(update_fields=["title", "version", "updated_at", "updated_by"])
    return locked


def render_block(block: Block, process) -> dict:
    if block.kind == BlockKind.NARRATIVE:
        return {"kind": "narrative", "paragraphs": [dict(p) for p in block.paragraphs]}
    return {"kind": "generated", "source": block.source, "items": sources.generate(block.source, process)}


def build(plan: Plan) -> dict:
    """The whole document from the live data: what the web version shows and what a version freezes."""
    chapters = plan.chapters.prefetch_related("blocks")
    return {
        "title": plan.title,
        "period_from": plan.period_from,
        "period_to": plan.period_to,
        "chapters": [
            {
                "key": c.key,
                "title": c.title,
                "blocks": [render_block(b, plan.process) for b in c.blocks.all()],
            }
            for c in chapters
        ],
    }


def _was_put_to_comment(plan: Plan, before: int | None = None) -> bool:
    """Whether some version of ``plan`` (numbered below ``before``) was ever a version for public comments."""
    first = first_comment_number(plan)
    return first is not None and (before is None or first < before)


NO_COMMENT_VERSION = _(
    "No version of the plan has been put to public comments yet; the final version must come after a version "
    "for comments."
)


def _log(version: Version, user, from_state: str, note: str = "") -> None:
    Transition.objects.create(version=version, by=user, from_state=from_state, to_state=version.state, note=note)


@transaction.atomic
def freeze_version(
    plan: Plan,
    user,
    label: str = "",
    state: str = VersionState.WORKING,
    issued_on: dt.date | None = None,
    note: str = "",
) -> Version:
    """A new numbered version holding the snapshot of the document as it is now, frozen as a working version, a
    version for public comments or the final version (which needs an earlier version for comments)."""
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    if state not in FROZEN_STATES:
        raise TransitionRefused(_("A version can be frozen as a working, comment or final version only."))
    if state == VersionState.FINAL and not _was_put_to_comment(plan):
        raise TransitionRefused(NO_COMMENT_VERSION)
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = Version.objects.create(
        plan=plan,
        number=number,
        label=label,
        state=state,
        issued_on=issued_on or timezone.localdate(),
        created_by=user,
        snapshot=build(plan),
    )
    _log(version, user, "", note)
    return version


def _locked(version: Version) -> Version:
    return Version.objects.select_for_update().select_related("plan").get(pk=version.pk)


def _wrong_state(version: Version, action) -> TransitionRefused:
    return TransitionRefused(
        _("Version %(number)d is a %(state)s; it cannot be %(action)s.")
        % {"number": version.number, "state": version.get_state_display(), "action": action}
    )


@transaction.atomic
def put_to_comment(version: Version, user, note: str = "") -> Version:
    """A working version becomes the version for public comments (komplan.consultation runs the comment period)."""
    locked = _locked(version)
    if locked.state != VersionState.WORKING:
        raise _wrong_state(locked, _("put to public comments"))
    locked.state = VersionState.COMMENT
    locked.save(update_fields=["state"])
    _log(locked, user, VersionState.WORKING, note)
    return locked


@transaction.atomic
def approve(
    version: Version, user, body: str, resolution_number: str, resolution_date: dt.date, note: str = ""
) -> Version:
    """The council ``body`` approved the final ``version`` by a resolution with its number and date."""
    locked = _locked(version)
    if locked.is_approved:
        raise TransitionRefused(
            _(
                "Version %(number)d has already been approved (resolution No. %(resolution)s); "
                "it cannot be approved again."
            )
            % {"number": locked.number, "resolution": locked.resolution_number}
        )
    if not _was_put_to_comment(locked.plan, before=locked.number):
        raise TransitionRefused(NO_COMMENT_VERSION)
    if locked.state != VersionState.FINAL:
        raise _wrong_state(locked, _("approved (only a final version can be)"))
    # The form requires the number; the service accepts an empty one for historical records that give only the
    # date (the Slaný demo), and the approval note then leaves it out.
    if not body.strip() or resolution_date is None:
        raise TransitionRefused(_("Give the body and the date of the resolution."))
    if resolution_date < locked.issued_on:
        raise TransitionRefused(_("The resolution cannot be older than the version it approves."))
    locked.state = VersionState.APPROVED
    locked.approval_body = body.strip()
    locked.resolution_number = resolution_number.strip()
    locked.resolution_date = resolution_date
    locked.save(update_fields=["state", "approval_body", "resolution_number", "resolution_date"])
    _log(locked, user, VersionState.FINAL, note)
    return locked


@transaction.atomic
def publish(version: Version, user, note: str = "") -> Version:
    """An approved version is published: the latest published one is the current official plan, the older ones
    stay in the public archive."""
    locked = _locked(version)
    if locked.state == VersionState.PUBLISHED:
        raise TransitionRefused(_("Version %(number)d has already been published.") % {"number": locked.number})
    if locked.state != VersionState.APPROVED:
        raise TransitionRefused(
            _("Version %(number)d has not been approved; only an approved version can be published.")
            % {"number": locked.number}
        )
    locked.state = VersionState.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["state", "published_at"])
    _log(locked, user, VersionState.APPROVED, note)
    return locked


def first_comment_number(plan: Plan) -> int | None:
    """The number of the first version that was ever put to public comments (None when none was)."""
    versions = Version.objects.filter(plan=plan).filter(
        Q(state=VersionState.COMMENT) | Q(transitions__to_state=VersionState.COMMENT)
    )
    return versions.order_by("number").values_list("number", flat=True).first()


def allowed_transitions(version: Version, first_comment: int | None) -> list[str]:
    """The steps the staff page offers for ``version`` (the services check them again under the lock);
    ``first_comment`` is first_comment_number(plan)."""
    if version.state == VersionState.WORKING:
        return ["comment"]
    if version.state == VersionState.FINAL and first_comment is not None and first_comment < version.number:
        return ["approve"]
    if version.state == VersionState.APPROVED:
        return ["publish"]
    return []


def _delete_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def set_logo(plan: Plan, png: bytes) -> None:
    """Store ``png`` (already checked and re-encoded, komplan.meetings.images.png_logo) as the cover logo."""
    old = plan.logo.name
    plan.logo.save("logo.png", ContentFile(png), save=True)
    _delete_after_commit(old)


@transaction.atomic
def remove_logo(plan: Plan) -> None:
    old = plan.logo.name
    plan.logo = ""
    plan.save(update_fields=["logo"])
    _delete_after_commit(old)


def request_renderings(version: Version, user) -> list[Rendering]:
    """Queue a new PDF and DOCX of ``version``, replacing the files it had (returns the queued rows).

    The rows and the queued tasks are written in one transaction, so the worker sees both or neither.
    """
    from .tasks import render_version

    with transaction.atomic():
        for old in Rendering.objects.select_for_update().filter(version=version):
            _delete_after_commit(old.file.name)
            old.delete()
        created = [
            Rendering.objects.create(version=version, format=fmt, requested_by=user) for fmt in RenderingFormat.values
        ]
        for rendering in created:
            render_version.enqueue(rendering.pk)
    return created


def _render(rendering: Rendering, progress) -> bytes:
    from .outputs import document_meta
    from .outputs.docx import render_docx
    from .outputs.pdf import render_pdf

    version = rendering.version
    plan = version.plan
    logo = None
    if plan.logo:
        with plan.logo.open("rb") as handle:
            logo = handle.read()
    render = render_pdf if rendering.format == RenderingFormat.PDF else render_docx
    with translation.override(settings.LANGUAGE_CODE):  # the document's language, not the requester's
        return render(version.snapshot, document_meta(version), logo, progress)


def run_rendering(rendering_id: int) -> None:
    """Generate one file: progress is written as it goes, then the file or the error (seen by the staff page)."""
    rendering = Rendering.objects.select_related("version__plan__process").filter(pk=rendering_id).first()
    if rendering is None or rendering.status != RenderingStatus.QUEUED:
        return  # replaced by a newer request, or already run

    def progress(percent: int) -> None:
        Rendering.objects.filter(pk=rendering_id).update(progress=max(1, min(99, percent)))

    Rendering.objects.filter(pk=rendering_id).update(status=RenderingStatus.RUNNING, progress=1)
    try:
        data = _render(rendering, progress)
    except Exception as exc:  # any failure must reach the staff page, not only the worker's log
        logger.exception("Generating %s of %s failed", rendering.format, rendering.version)
        Rendering.objects.filter(pk=rendering_id).update(
            status=RenderingStatus.FAILED, error=str(exc)[:2000] or type(exc).__name__, finished_at=timezone.now()
        )
        return
    rendering.file.save(f"plan.{rendering.format}", ContentFile(data), save=False)
    done = Rendering.objects.filter(pk=rendering_id, status=RenderingStatus.RUNNING).update(
        status=RenderingStatus.DONE, progress=100, file=rendering.file.name, size=len(data), finished_at=timezone.now()
    )
    if not done:  # the row was replaced while we worked
        default_storage.delete(rendering.file.name)
