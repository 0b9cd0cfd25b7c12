import json

import pytest

from komplan.plan import sources
from komplan.plan.models import Block, BlockChange, BlockKind, Chapter
from komplan.plan.services import ChapterConflict, build, create_plan, freeze_version, save_chapter
from komplan.plan.toc import TOC

pytestmark = pytest.mark.django_db


def test_a_new_plan_has_the_table_of_contents(plan, process):
    assert [c.key for c in plan.chapters.all()] == [key for key, _title, _blocks in TOC]
    assert plan.period_from == 2008 and plan.period_to == 2010
    assert create_plan(process) == plan  # idempotent
    narrative = Block.objects.filter(chapter__plan=plan, kind=BlockKind.NARRATIVE).first()
    assert "[" in narrative.text and narrative.paragraphs[0]["id"]
    generated = set(Block.objects.filter(chapter__plan=plan, kind=BlockKind.GENERATED).values_list("source", flat=True))
    assert generated <= set(sources.SOURCES)


def test_every_source_says_when_it_has_no_data(process):
    for key in sources.SOURCES:
        items = sources.generate(key, process)
        assert items and all(i["type"] in {"paragraph", "markdown", "heading", "table"} for i in items), key
    assert sources.generate("surveys", process) == [sources.para("Zatím neproběhl žádný průzkum.")]


def test_strategy_and_action_plan_from_the_data(process, strategy):
    tree = sources.generate("strategy", process)
    assert tree[0]["text"].endswith("Senioři doma")
    assert tree[1]["rows"][0][1] == "Rozšířit pečovatelskou službu"
    plan = sources.generate("action_plan", process)
    assert plan[0]["rows"][0][1] == "Rozšířit pečovatelskou službu"


def test_participants_are_organisations_without_names(process, coordinator, member):
    from komplan.accounts.models import Membership

    Membership.objects.filter(user=coordinator).update(organisation="Město Slaný")
    items = sources.generate("participants", process)
    assert items[0]["rows"] == [["Město Slaný", "zadavatel", "1"]]
    assert "Koordinátorka" not in str(items)
    assert json.loads(json.dumps(items)) == items  # no lazy strings: the snapshot is JSON


def test_save_chapter_tracks_changes_and_refuses_a_stale_save(plan, coordinator, member):
    chapter = Chapter.objects.get(plan=plan, key="uvod")
    block = chapter.blocks.get()
    save_chapter(chapter, "Úvod", {block.pk: "První.\n\nDruhý."}, coordinator, chapter.version)
    chapter.refresh_from_db()
    assert chapter.title == "Úvod" and chapter.version == 2
    assert BlockChange.objects.get(block=block).by == coordinator
    with pytest.raises(ChapterConflict):
        save_chapter(chapter, "Úvod", {block.pk: "Moje."}, member, 1)
    block.refresh_from_db()
    assert block.text == "První.\n\nDruhý."


def test_a_frozen_version_keeps_its_snapshot(plan, coordinator, strategy):
    version = freeze_version(plan, coordinator, "pracovní verze")
    assert version.number == 1 and freeze_version(plan, coordinator).number == 2
    assert version.snapshot == build(plan)


def test_preparation_counts_groups_and_meetings_without_names(process, coordinator):
    import datetime as dt

    from django.utils import timezone

    from komplan.accounts.models import Membership
    from komplan.meetings.models import Meeting
    from komplan.planning.models import Body
    from komplan.planning.services import add_member

    body = Body.objects.create(process=process, name="PS senioři", slug="ps-seniori")
    add_member(body, Membership.objects.get(user=coordinator), is_leader=True)
    start = timezone.make_aware(dt.datetime(2007, 3, 5, 14))
    Meeting.objects.create(
        process=process, body=body, title="1. setkání", starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    items = sources.generate("preparation", process)
    groups = next(i for i in items if i["type"] == "table" and i["rows"][0][0] == "PS senioři")
    assert groups["rows"][0][2:] == ["1", "0", "0", "0"]  # one commissioner
    assert any(i["type"] == "paragraph" and "5. 3. 2007" in i["text"] for i in items)
    assert "Koordinátorka" not in json.dumps(items, ensure_ascii=False)
