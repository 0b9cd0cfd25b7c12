"""The demo plan document of the Slaný process (issue #8, item 7): the narrative of every chapter and three versions.

Slaný's page (seed 000) says the steering team adopted the working version of the plan on 27. 6. 2007, the working
version was open to written public comments from 1. 10. to 31. 10. 2007 (five comments; two ideas taken over: help
for the Roma community and a day care centre for the elderly) and the town council approved the final version on
19. 12. 2007. The texts are in komplan.demo.plan_texts and are labelled "Ukázkový obsah".

The chapters are edited through komplan.plan.services like a coordinator would, and a version is frozen after each
stage, so the versions differ where the history says they should (the comment period in the introduction, the
preparation and the strategy). The generated blocks (phases, bodies, meetings, SWOT, strategy, action plan…) come
from the other demo loaders, so this one runs after them.

Idempotent: the plan of the process (with its chapters, change log and versions) is deleted and built again.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F
from django.utils import translation

from komplan.plan.models import Block, BlockChange, BlockKind, Chapter, Plan, Transition, Version, VersionState
from komplan.plan.services import approve, create_plan, freeze_version, publish, save_chapter
from komplan.territory.models import PlanningProcess

from . import plan_texts as texts
from .consultation import clear_demo_consultation, load_demo_consultation

PRAGUE = ZoneInfo("Europe/Prague")

# The life cycle of the three versions, applied through the life-cycle services (komplan.plan.services): the
# approved one is frozen as the final version, approved and published. The resolution number is empty on purpose:
# Slaný's page gives the date of the approval but no resolution number, and the demo must not invent one.
VERSIONS = [
    {
        "stage": texts.WORKING,
        "label": "Pracovní verze ze dne 27. 6. 2007",
        "state": "working",
        "issued_on": dt.date(2007, 6, 27),
    },
    {
        "stage": texts.COMMENT,
        "label": "Verze k veřejnému připomínkování (1. 10. – 31. 10. 2007)",
        "state": "comment",
        "issued_on": dt.date(2007, 10, 1),
        "comments_from": dt.date(2007, 10, 1),
        "comments_to": dt.date(2007, 10, 31),
    },
    {
        "stage": texts.APPROVED,
        "label": "Výsledná verze schválená zastupitelstvem 19. 12. 2007",
        "state": "approved",
        "issued_on": dt.date(2007, 12, 19),
        "approval_body": "Zastupitelstvo města Slaný",
        "resolution_date": dt.date(2007, 12, 19),
        "resolution_number": "",
        "note": "Ukázkový obsah: datum schválení uvádí veřejná stránka města Slaný; číslo usnesení na ní uvedeno "
        "není, proto chybí i zde. Datum zveřejnění je ilustrativní.",
    },
]


def _orp_sentence(process: PlanningProcess) -> str:
    town = process.responsible_municipality
    orp = town.orp if town is not None else None
    if orp is None:
        return "plán se týká území města."
    if orp.name == town.name:
        return f"město je zároveň obcí s rozšířenou působností (ORP {orp.name}), plán se týká území města."
    return f"město patří do správního obvodu ORP {orp.name}, plán se týká území města."


def chapter_texts(process: PlanningProcess, stage: str) -> dict[str, str]:
    """Chapter key → Markdown of its (first) text block in the given stage of the plan."""
    period = f"{process.period_start}–{process.period_end}"
    own = {
        "uvod": texts.introduction(stage, period, _orp_sentence(process)),
        "priprava": texts.preparation(stage),
        "hodnoceni": texts.EVALUATION,
        "strategie": texts.strategy(stage),
        "povinnosti": texts.OBLIGATIONS,
        "monitoring": texts.MONITORING,
        "zmeny": texts.CHANGES,
        "slovnik": texts.GLOSSARY,
    }
    intros = {key: f"{texts.SHORT_LABEL} {text}" for key, text in texts.INTRODUCTIONS.items()}
    return {**intros, **own}


def _narrative_blocks(chapter: Chapter) -> list[Block]:
    """The chapter's text blocks; a chapter made only of generated blocks gets one in front for its introduction.

    The table of contents of komplan.plan.toc gives the analytical and strategic chapters no text block; the demo
    adds one (as a coordinator could) so that each generated part is introduced. If the table of contents gains
    such blocks, they are used instead.
    """
    blocks = [b for b in chapter.blocks.all() if b.kind == BlockKind.NARRATIVE]
    if blocks:
        return blocks
    Block.objects.filter(chapter=chapter).update(order=F("order") + 1)
    return [Block.objects.create(chapter=chapter, order=1, kind=BlockKind.NARRATIVE, paragraphs=[])]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=PRAGUE)


def _write(plan: Plan, wanted: dict[str, str], user, day: dt.date) -> None:
    """Save every chapter whose text differs, dated ``day`` (the change log then tells the 2007 story)."""
    for chapter in plan.chapters.prefetch_related("blocks"):
        if chapter.key not in wanted:
            continue
        blocks = _narrative_blocks(chapter)
        if blocks[0].text == wanted[chapter.key]:
            continue
        # the demo text goes into the first text block; any further one (none in the current table of contents)
        # is emptied so that no placeholder is left behind
        body = {block.pk: "" for block in blocks[1:]} | {blocks[0].pk: wanted[chapter.key]}
        saved = save_chapter(chapter, chapter.title, body, user, chapter.version)
        Chapter.objects.filter(pk=saved.pk).update(updated_at=_at(day, 10))
        BlockChange.objects.filter(block__chapter=saved, at=saved.updated_at).update(at=_at(day, 10))


@transaction.atomic
def load_demo_plan(process: PlanningProcess, coordinator) -> Plan:
    """The plan of ``process`` written by ``coordinator`` (a user, may be None) with the three VERSIONS frozen."""
    clear_demo_consultation(process)  # its comment period protects the versions from deletion
    Plan.objects.filter(process=process).delete()
    with translation.override("cs"):  # chapter titles and generated blocks of a Czech demo document
        plan = create_plan(process, coordinator)
        for spec in VERSIONS:
            _write(plan, chapter_texts(process, spec["stage"]), coordinator, spec["issued_on"])
            version = _freeze(plan, coordinator, spec)
            if spec["state"] == "comment":
                # the comment period of 1.–31. 10. 2007 and its published settlement (komplan.demo.consultation):
                # the settlement's annex chapter is then in the plan when the final version is frozen
                load_demo_consultation(version, coordinator)
    return plan


def _freeze(plan: Plan, user, spec: dict) -> Version:
    """Freeze the version of ``spec`` and take it through the life-cycle services to its state; the timestamps of
    the version and of its transitions are moved to the 2007 dates."""
    day = spec["issued_on"]
    frozen_as = {"approved": VersionState.FINAL}.get(spec["state"], spec["state"])
    version = freeze_version(plan, user, spec["label"], state=frozen_as, issued_on=day)
    if spec["state"] == "approved":
        version = approve(
            version, user, spec["approval_body"], spec["resolution_number"], spec["resolution_date"], spec["note"]
        )
        version = publish(version, user)
        Version.objects.filter(pk=version.pk).update(published_at=_at(spec["resolution_date"], 16))
    Version.objects.filter(pk=version.pk).update(created_at=_at(day, 12))
    Transition.objects.filter(version=version).update(at=_at(spec.get("resolution_date", day), 12))
    return version
