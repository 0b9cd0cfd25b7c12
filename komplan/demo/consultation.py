"""The demo comment period of the Slaný plan: 1.–31. 10. 2007 on version 2 (issue #9, item 8).

Slaný's page (seed 000) says: "Celkem bylo doručeno pět připomínek občanů. Tři z nich byly vyhodnoceny jako
nerelevantní, protože nesouvisely s projektem, dvě zbylé navrhovaly realizovat pomoc romské komunitě a zbudovat
denní stacionář pro staré občany. Protože navrhovatelé z řad občanů nedokázali akci sami zrealizovat, doporučili
jsme jim, aby nalezli organizaci, která by jejich myšlenky chtěla zaštítit a aby s ní dále spolupracovali."

The five comments are entered as staff would enter letters (on paper or by post, received in October 2007), with
no names or contacts: the page names nobody, and the demo invents nobody. Their wording, the dates received and
the dates of the decisions are illustrative (every text says "Ukázkový obsah"); the counts, the relevance, the
two topics and the answer follow the page. The two relevant comments are "taken into account otherwise": the plan
did not make them activities with a provider (the proposers could not carry them out), but recorded them as ideas
and advised the proposers to find an organisation — which is neither "accepted" nor "not accepted".

``load_demo_plan`` (komplan.demo.plan) calls ``load_demo_consultation`` right after freezing version 2 and before
writing version 3, so the settlement's annex chapter is in the plan when the final version is frozen.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Q

from komplan.consultation.evaluation import enter_comment, evaluate, publish_settlement
from komplan.consultation.models import Comment, Consultation, ContactRule, Decision, Relevance

PRAGUE = ZoneInfo("Europe/Prague")
OPENS_ON, CLOSES_ON = dt.date(2007, 10, 1), dt.date(2007, 10, 31)
DECIDED_ON = dt.date(2007, 11, 7)
PUBLISHED_ON = dt.date(2007, 11, 14)
LABEL = "Ukázkový obsah:"  # plain text: comments and the settlement introduction are not Markdown

INTRODUCTION = (
    f"{LABEL} Pracovní verze Komunitního plánu sociálních služeb města Slaný je od 1. 10. do 31. 10. 2007 "
    "předložena k veřejnému připomínkování. Připomínky lze podat písemně – odevzdat na podatelně městského úřadu "
    "nebo zaslat poštou. Každá připomínka bude vyhodnocena a zodpovězena ve vypořádání připomínek."
)
SETTLEMENT_INTRODUCTION = (
    f"{LABEL} Od 1. 10. do 31. 10. 2007 proběhlo písemné veřejné připomínkování pracovní verze plánu. Celkem bylo "
    "doručeno pět připomínek občanů. Tři z nich byly vyhodnoceny jako nerelevantní, protože nesouvisely "
    "s komunitním plánem; dvě navrhovaly pomoc romské komunitě a zbudování denního stacionáře pro staré občany. "
    "Znění připomínek a data jejich doručení jsou ilustrativní; počty, témata a odpovědi vycházejí z veřejné "
    "stránky města Slaný."
)
NOT_RELEVANT = "Připomínka nesouvisí s komunitním plánem sociálních služeb."
NOT_RELEVANT_ANSWER = (
    "Děkujeme za připomínku. Netýká se sociálních služeb ani komunitního plánu, proto ji plán nemůže zohlednit; "
    "předali jsme ji příslušnému odboru městského úřadu."
)
ORGANISATION_ANSWER = (
    "Děkujeme za námět. Protože jej navrhovatelé z řad občanů nemohou uskutečnit sami, doporučujeme najít "
    "organizaci, která by myšlenku chtěla zaštítit, a dále s ní spolupracovat. Plán námět uvádí jako myšlenku "
    "bez časového určení; jakmile se organizace najde, může se při aktualizaci akčního plánu stát jeho aktivitou."
)

# (received on, channel, chapter key or "", text, relevant?)
COMMENTS = [
    (
        dt.date(2007, 10, 4),
        "post",
        "",
        f"{LABEL} Žádám o opravu chodníku v ulici vedoucí k nádraží, v zimě se po něm nedá bezpečně chodit.",
        False,
    ),
    (
        dt.date(2007, 10, 11),
        "paper",
        "strategie",
        f"{LABEL} Navrhuji, aby plán počítal s pomocí romské komunitě ve Slaném – s doučováním dětí "
        "a s poradenstvím rodinám při jednání s úřady.",
        True,
    ),
    (
        dt.date(2007, 10, 17),
        "paper",
        "",
        f"{LABEL} Prosím o prodloužení otevírací doby sportovní haly o víkendech.",
        False,
    ),
    (
        dt.date(2007, 10, 23),
        "post",
        "strategie",
        f"{LABEL} Ve Slaném chybí denní stacionář pro staré občany, kteří přes den nemohou zůstat sami doma. "
        "Navrhuji ho zbudovat.",
        True,
    ),
    (
        dt.date(2007, 10, 29),
        "post",
        "",
        f"{LABEL} Na sídlišti je málo parkovacích míst; navrhuji postavit parkovací dům.",
        False,
    ),
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=PRAGUE)


def clear_demo_consultation(process) -> None:
    """Delete the comment periods of the process's plan (they protect the plan's versions from deletion)."""
    Consultation.objects.filter(Q(version__plan__process=process)).delete()


def load_demo_consultation(version, coordinator) -> Consultation:
    """The comment period on ``version`` (the version for comments), its five comments evaluated by
    ``coordinator`` and the settlement published (which adds the annex chapter to the plan)."""
    consultation = Consultation.objects.create(
        version=version,
        opens_on=OPENS_ON,
        closes_on=CLOSES_ON,
        introduction=INTRODUCTION,
        contact_rule=ContactRule.ANONYMOUS,
        created_by=coordinator,
    )
    Consultation.objects.filter(pk=consultation.pk).update(created_at=_at(dt.date(2007, 9, 28), 10))
    for received_on, channel, chapter_key, text, relevant in COMMENTS:
        comment = enter_comment(
            consultation,
            coordinator,
            text=text,
            channel=channel,
            received_on=received_on,
            chapter_key=chapter_key,
            today=CLOSES_ON,
        )
        Comment.objects.filter(pk=comment.pk).update(submitted_at=_at(received_on, 11))
        evaluate(
            comment,
            coordinator,
            relevance=Relevance.RELEVANT if relevant else Relevance.NOT_RELEVANT,
            relevance_reason="" if relevant else NOT_RELEVANT,
            decision=Decision.OTHERWISE if relevant else "",
            answer=ORGANISATION_ANSWER if relevant else NOT_RELEVANT_ANSWER,
            at=_at(DECIDED_ON, 14),
        )
    publish_settlement(
        consultation, coordinator, introduction=SETTLEMENT_INTRODUCTION, now=_at(PUBLISHED_ON, 10), notify=False
    )
    consultation.refresh_from_db()
    return consultation
