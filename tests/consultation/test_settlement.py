"""The settlement as plain data (komplan.consultation.settlement): counts and rows, without the database."""

import datetime as dt

from django.utils import translation

from komplan.consultation import settlement

SNAPSHOT = {
    "chapters": [
        {
            "key": "uvod",
            "title": "Úvod",
            "blocks": [
                {
                    "kind": "narrative",
                    "paragraphs": [{"id": "aaaa1111", "text": "První."}, {"id": "bbbb2222", "text": "Druhý."}],
                },
                {"kind": "generated", "source": "x", "items": []},
                {"kind": "narrative", "paragraphs": [{"id": "cccc3333", "text": "Třetí."}]},
            ],
        }
    ]
}


def item(reference, channel="paper", relevance="", decision="", **extra):
    return {
        "reference": reference,
        "received_on": dt.date(2007, 10, 5),
        "channel": channel,
        "chapter_key": "",
        "paragraph_id": "",
        "text": f"Text {reference}",
        "hidden": False,
        "name": "",
        "relevance": relevance,
        "relevance_reason": "nesouvisí s plánem" if relevance == "not_relevant" else "",
        "decision": decision,
        "answer": "Odpověď" if relevance else "",
        **extra,
    }


def test_counts_match_exactly():
    items = [
        item("KP-2007-001", "paper", "not_relevant"),
        item("KP-2007-002", "post", "not_relevant"),
        item("KP-2007-003", "post", "not_relevant"),
        item("KP-2007-004", "paper", "relevant", "otherwise"),
        item("KP-2007-005", "web", "relevant", "accepted"),
        item("KP-2007-006", "email", "relevant", "partly"),
        item("KP-2007-007", "api", "relevant", "not_accepted"),
        item("KP-2007-008", "web"),
    ]
    result = settlement.counts(items)
    assert result.received == 8
    assert result.by_channel == {"web": 2, "api": 1, "paper": 2, "post": 2, "email": 1}
    assert (result.relevant, result.not_relevant, result.awaiting) == (4, 3, 1)
    assert (result.accepted, result.partly, result.not_accepted, result.otherwise) == (1, 1, 1, 1)
    with translation.override("en"):
        rows = dict(settlement.counts_rows(result))
    assert rows["Comments received"] == "8" and rows["of which by post"] == "2"
    assert rows["Awaiting evaluation"] == "1" and rows["Taken into account otherwise"] == "1"


def test_no_comments():
    result = settlement.counts([])
    assert result.received == 0 and result.by_channel == {}
    with translation.override("en"):
        assert "Awaiting evaluation" not in dict(settlement.counts_rows(result))


def test_anchor_labels_number_text_paragraphs_across_blocks():
    with translation.override("en"):
        assert settlement.anchor_label(SNAPSHOT, "", "") == "The whole plan (general comment)"
        assert settlement.anchor_label(SNAPSHOT, "uvod", "") == "Úvod"
        assert settlement.anchor_label(SNAPSHOT, "uvod", "cccc3333") == "Úvod, paragraph 3"
        assert settlement.anchor_label(SNAPSHOT, "uvod", "ffffffff") == "Úvod"
    assert settlement.quoted_paragraph(SNAPSHOT, "uvod", "bbbb2222") == "Druhý."
    assert settlement.quoted_paragraph(SNAPSHOT, "nic", "bbbb2222") == ""


def test_cells_hide_moderated_text_and_show_only_a_published_name():
    with translation.override("en"):
        hidden = settlement.cells(item("KP-2007-001", hidden=True, text="urážka"), SNAPSHOT)
        named = settlement.cells(item("KP-2007-002", "post", "relevant", "partly", name="Jana Nová"), SNAPSHOT)
        waiting = settlement.cells(item("KP-2007-003"), SNAPSHOT)
    assert len(hidden) == len(settlement.header()) == 7
    assert "urážka" not in " ".join(hidden) and "hidden by moderation" in hidden[3]
    assert named[1] == "5. 10. 2007, by post"
    assert named[3].endswith("(Jana Nová)") and named[4] == "relevant" and named[5] == "partly accepted"
    assert waiting[4] == "awaiting evaluation" and waiting[5] == ""
    not_relevant = settlement.cells(item("KP-2007-004", relevance="not_relevant"), SNAPSHOT)
    assert "nesouvisí s plánem" in not_relevant[4]
