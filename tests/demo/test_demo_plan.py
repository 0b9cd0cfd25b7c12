"""The Slaný demo plan (komplan.demo.plan) on the minimal test process: no full demo load, the CI budget is tight."""

import io

import docx
import pytest
from django.utils import translation

from komplan.plan.models import Block, BlockChange, BlockKind, Plan, Version
from tests.documents.pdftools import pdf_text

pytestmark = pytest.mark.django_db

PLACEHOLDERS = ("[K doplnění]", "[To be written]")


@pytest.fixture
def demo_plan(process, coordinator):
    from komplan.demo.plan import load_demo_plan

    return load_demo_plan(process, coordinator)


def _narrative(snapshot: dict, key: str) -> str:
    chapter = next(c for c in snapshot["chapters"] if c["key"] == key)
    return "\n\n".join(p["text"] for b in chapter["blocks"] if b["kind"] == "narrative" for p in b["paragraphs"])


def _versions(plan) -> list[Version]:
    return list(Version.objects.filter(plan=plan).order_by("number"))


def test_three_versions_as_in_2007(demo_plan):
    from komplan.demo.plan import VERSIONS

    versions = _versions(demo_plan)
    assert [v.label for v in versions] == [spec["label"] for spec in VERSIONS]
    assert [v.created_at.date().isoformat() for v in versions] == ["2007-06-27", "2007-10-01", "2007-12-19"]
    assert [spec["state"] for spec in VERSIONS] == ["working", "comment", "approved"]
    approved = VERSIONS[-1]
    assert approved["approval_body"] == "Zastupitelstvo města Slaný"
    assert approved["resolution_date"].isoformat() == "2007-12-19"
    assert approved["resolution_number"] == ""  # the seed page gives none; the demo does not invent one
    assert [v.state for v in versions] == ["working", "comment", "published"]
    assert [v.issued_on.isoformat() for v in versions] == ["2007-06-27", "2007-10-01", "2007-12-19"]
    official = versions[-1]
    assert official.approval_body == "Zastupitelstvo města Slaný" and official.resolution_number == ""
    with translation.override("cs"):
        assert official.approval_note == "Schváleno usnesením Zastupitelstva města Slaný ze dne 19. 12. 2007"
    assert official.published_at.date().isoformat() == "2007-12-19"
    assert [t.to_state for t in official.transitions.order_by("pk")] == ["final", "approved", "published"]


def test_every_chapter_has_czech_text_and_no_placeholder_is_left(demo_plan):
    final = _versions(demo_plan)[-1].snapshot
    assert len(final["chapters"]) == 17  # the 16 of the table of contents and the settlement of comments (#9)
    for chapter in final["chapters"]:
        text = _narrative(final, chapter["key"])
        assert text.strip(), chapter["key"]
        assert not any(p in text for p in PLACEHOLDERS), chapter["key"]
        if chapter["key"] != "slovnik":  # the glossary is not illustrative: it defines the domain terms
            assert text.lstrip("*").startswith("Ukázkový obsah"), chapter["key"]
    # every generated part keeps its data block after the introduction the demo put in front of it
    swot = next(c for c in final["chapters"] if c["key"] == "swot")
    assert [b["kind"] for b in swot["blocks"]] == ["narrative", "generated"]
    assert final["chapters"][0]["title"] == "Úvod a základní informace"


def test_the_final_version_has_the_settlement_annex(demo_plan):
    """komplan.demo.consultation runs between versions 2 and 3: the annex is in version 3 only."""
    working, comment, final = (v.snapshot for v in _versions(demo_plan))
    assert "vyporadani-pripominek" not in [c["key"] for c in comment["chapters"]]
    annex = final["chapters"][-1]
    assert (annex["key"], annex["title"]) == ("vyporadani-pripominek", "Vypořádání připomínek")
    tables = [i for b in annex["blocks"] if b["kind"] == "generated" for i in b["items"] if i["type"] == "table"]
    assert len(tables[1]["rows"]) == 5
    assert sum("zohledněno jinak" in row for row in tables[1]["rows"]) == 2
    assert demo_plan.process.plan.versions.get(number=2).consultation.comments.count() == 5


def test_the_introduction_says_what_the_plan_is(demo_plan):
    intro = _narrative(_versions(demo_plan)[-1].snapshot, "uvod")
    assert intro.startswith("*Ukázkový obsah:")
    assert "§ 3 písm. h) zákona č. 108/2006 Sb." in intro
    assert "2008–2010" in intro  # the period of the process
    assert "ORP Slaný" in intro
    assert "první" in _narrative(_versions(demo_plan)[-1].snapshot, "hodnoceni")


def test_the_versions_differ_where_the_history_does(demo_plan):
    working, comment, approved = (v.snapshot for v in _versions(demo_plan))
    assert "Verze k připomínkám" not in _narrative(working, "uvod")
    assert "od 1. 10. do 31. 10. 2007 předložena" in _narrative(comment, "uvod")
    assert "Verze k připomínkám" not in _narrative(approved, "uvod")
    assert "schválilo Zastupitelstvo města Slaný dne 19. 12. 2007" in _narrative(approved, "uvod")
    assert "pět připomínek" in _narrative(approved, "priprava")
    for snapshot in (working, comment):
        assert "romské komunitě" not in _narrative(snapshot, "strategie")
    accepted = _narrative(approved, "strategie")
    assert "pomoc romské komunitě" in accepted and "denní stacionář pro staré občany" in accepted
    assert _narrative(working, "slovnik") == _narrative(approved, "slovnik")

    def ids(snapshot):
        chapter = next(c for c in snapshot["chapters"] if c["key"] == "uvod")
        return {p["text"]: p["id"] for b in chapter["blocks"] if b["kind"] == "narrative" for p in b["paragraphs"]}

    first, last = ids(working), ids(approved)
    kept = set(first) & set(last)
    assert kept and all(first[text] == last[text] for text in kept)  # unchanged paragraphs keep their anchors


def test_the_change_log_tells_the_2007_story(demo_plan):
    intro = Block.objects.get(chapter__plan=demo_plan, chapter__key="uvod", kind=BlockKind.NARRATIVE)
    days = sorted(c.at.date().isoformat() for c in BlockChange.objects.filter(block=intro))
    assert days == ["2007-06-27", "2007-10-01", "2007-12-19"]
    assert not any(p in intro.text for p in PLACEHOLDERS)


def test_loading_again_resets_the_plan(process, coordinator, demo_plan):
    from komplan.demo.plan import load_demo_plan

    load_demo_plan(process, coordinator)
    assert Plan.objects.filter(process=process).count() == 1
    assert Version.objects.filter(plan__process=process).count() == 3
    assert Block.objects.filter(chapter__plan__process=process, chapter__key="swot").count() == 2


def test_the_web_version_shows_the_illustrative_label(client, demo_plan, process):
    process.is_public = True
    process.save(update_fields=["is_public"])
    body = client.get(f"/{process.slug}/plan/verze/3/").content.decode()
    assert "Ukázkový obsah" in body and "denní stacionář pro staré občany" in body


def test_the_demo_command_queues_the_files_of_the_official_plan(demo_plan):
    from komplan.demo.services import queue_demo_files

    assert queue_demo_files() == 2  # PDF and DOCX of version 3 (the immediate task backend makes them at once)
    official = Version.objects.get(plan=demo_plan, number=3)
    assert sorted(official.renderings.filter(status="done").values_list("format", flat=True)) == ["docx", "pdf"]
    pdf = official.renderings.get(format="pdf")
    with pdf.file.open("rb") as handle:
        data = handle.read()
    text = " ".join(pdf_text(data).split())
    assert "Ukázkový obsah" in text and "Schváleno usnesením Zastupitelstva města Slaný ze dne 19. 12. 2007" in text
    assert "Úvod a základní informace" in text and b"/Outlines" in data  # contents and bookmarks
    with official.renderings.get(format="docx").file.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "1. Úvod a základní informace" in headings and len(headings) >= 16
