"""Writes of the plan document, each in a transaction: create, save a chapter (optimistic concurrency), freeze."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import paragraphs, sources
from .models import Block, BlockChange, BlockKind, Chapter, Plan, Version, VersionState
from .toc import default_chapters


class ChapterConflict(Exception):
    """The chapter was saved by someone else after the editor opened it."""


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


@transaction.atomic
def freeze_version(plan: Plan, user, label: str = "") -> Version:
    """A new numbered version holding the snapshot of the document as it is now."""
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return Version.objects.create(
        plan=plan, number=number, label=label, state=VersionState.WORKING, created_by=user, snapshot=build(plan)
    )
