"""The settlement of comments (vypořádání připomínek) as plain data: the counts and the table rows.

Pure functions over plain dicts, tested without the database. One item per comment, as read by
``staff_querysets.settlement_items`` — public fields only:

    {"reference", "received_on" (date), "channel" (code), "chapter_key", "paragraph_id", "text", "hidden" (bool),
     "name" (only when the commenter agreed to publish it and the data were not erased, else ""),
     "relevance" ("" while awaiting evaluation), "relevance_reason", "decision", "answer"}

E-mails and postal addresses are not in the items at all, so no output built from them can show one. The page,
the XLSX/PDF/DOCX and the plan's annex all use ``header()`` and ``cells()``, so they always say the same.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .anchors import AnchorError, find
from .models import Channel, Decision, Relevance


def hidden_sentence() -> str:
    return _("The text was hidden by moderation; the comment was received and is counted.")


@dataclass(frozen=True)
class Counts:
    received: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    relevant: int = 0
    not_relevant: int = 0
    accepted: int = 0
    partly: int = 0
    not_accepted: int = 0
    otherwise: int = 0
    awaiting: int = 0


def counts(items: list[dict]) -> Counts:
    """How many comments were received (in total and per channel), judged relevant or not, and decided how."""
    relevance = Counter(item["relevance"] for item in items)
    decisions = Counter(item["decision"] for item in items if item["relevance"] == Relevance.RELEVANT)
    channels = Counter(item["channel"] for item in items)
    return Counts(
        received=len(items),
        by_channel={code: channels[code] for code in Channel.values if channels[code]},
        relevant=relevance[Relevance.RELEVANT],
        not_relevant=relevance[Relevance.NOT_RELEVANT],
        accepted=decisions[Decision.ACCEPTED],
        partly=decisions[Decision.PARTLY],
        not_accepted=decisions[Decision.NOT_ACCEPTED],
        otherwise=decisions[Decision.OTHERWISE],
        awaiting=relevance[""],
    )


def counts_rows(result: Counts) -> list[list[str]]:
    """The counts as (label, number) rows for tables; channels that brought nothing are left out."""
    channels = dict(Channel.choices)
    rows = [[_("Comments received"), result.received]]
    rows += [[_("of which %(channel)s") % {"channel": channels[code]}, n] for code, n in result.by_channel.items()]
    rows += [
        [_("Relevant"), result.relevant],
        [_("Not relevant"), result.not_relevant],
        [_("Accepted"), result.accepted],
        [_("Partly accepted"), result.partly],
        [_("Not accepted"), result.not_accepted],
        [_("Taken into account otherwise"), result.otherwise],
    ]
    if result.awaiting:
        rows.append([_("Awaiting evaluation"), result.awaiting])
    return [[str(label), str(number)] for label, number in rows]


def counts_header() -> list[str]:
    return [_("Comments"), _("Number")]


def header() -> list[str]:
    return [
        _("Reference number"),
        _("Received"),
        _("Concerns"),
        pgettext("a public comment on the plan", "Comment"),
        _("Relevance"),
        _("Decision"),
        _("Answer"),
    ]


def anchor_label(snapshot: dict, chapter_key: str, paragraph_id: str) -> str:
    """ "Chapter title, paragraph 3" / "Chapter title" / "The whole plan (general comment)"; resolved by
    komplan.consultation.anchors like the form and the API (a key or id the snapshot lacks is shown as far as it
    resolves: the chapter title, else the stored key)."""
    if not chapter_key:
        return _("The whole plan (general comment)")
    try:
        anchor = find(snapshot or {}, chapter_key, paragraph_id)
    except AnchorError:
        try:
            return find(snapshot or {}, chapter_key).chapter_title
        except AnchorError:
            return chapter_key
    if not anchor.paragraph_id:
        return anchor.chapter_title
    return _("%(chapter)s, paragraph %(number)d") % {"chapter": anchor.chapter_title, "number": anchor.paragraph_number}


def quoted_paragraph(snapshot: dict, chapter_key: str, paragraph_id: str) -> str:
    """The text of the paragraph a comment is anchored to, as the version for comments had it ("" if none)."""
    if not chapter_key or not paragraph_id:
        return ""
    try:
        return find(snapshot or {}, chapter_key, paragraph_id).paragraph_text
    except AnchorError:
        return ""


def received_text(item: dict) -> str:
    channel = dict(Channel.choices).get(item["channel"], item["channel"])
    return f"{formats.date_format(item['received_on'], 'j. n. Y')}, {channel}"


def comment_text(item: dict) -> str:
    text = hidden_sentence() if item["hidden"] else item["text"]
    if item.get("name"):
        text = f"{text}\n({item['name']})"
    return text


def relevance_text(item: dict) -> str:
    if not item["relevance"]:
        return _("awaiting evaluation")
    label = str(dict(Relevance.choices)[item["relevance"]])
    return f"{label}: {item['relevance_reason']}" if item["relevance_reason"] else label


def decision_text(item: dict) -> str:
    return str(dict(Decision.choices).get(item["decision"], "")) if item["decision"] else ""


def cells(item: dict, snapshot: dict) -> list[str]:
    """One row of the settlement table, every cell a string."""
    return [
        item["reference"],
        received_text(item),
        str(anchor_label(snapshot, item["chapter_key"], item["paragraph_id"])),
        str(comment_text(item)),
        relevance_text(item),
        decision_text(item),
        item["answer"],
    ]


def rows(items: list[dict], snapshot: dict) -> list[list[str]]:
    return [cells(item, snapshot) for item in items]
