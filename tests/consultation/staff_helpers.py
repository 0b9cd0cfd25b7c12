"""Helpers of the staff-side tests: comments entered quickly, without the public form (owned by the public side)."""

from __future__ import annotations

import datetime as dt

OCT_5 = dt.date(2007, 10, 5)
AFTER = dt.datetime(2007, 11, 20, 10, tzinfo=dt.UTC)
SECRET_EMAIL = "tajna.adresa@example.org"
SECRET_ADDRESS = "Tajná 13, 274 01 Slaný"


def enter(consultation, user, text="Připomínka k plánu.", channel="post", **extra):
    from komplan.consultation.evaluation import enter_comment

    fields = {
        "text": text,
        "channel": channel,
        "received_on": OCT_5,
        "name": "Jana Nová",
        "email": SECRET_EMAIL,
        "postal_address": SECRET_ADDRESS,
        **extra,
    }
    return enter_comment(consultation, user, **fields)


def decide(comment, user, relevance="relevant", decision="otherwise", answer="Odpověď.", **extra):
    from komplan.consultation.evaluation import evaluate

    reason = "Netýká se plánu." if relevance == "not_relevant" else ""
    return evaluate(
        comment,
        user,
        relevance=relevance,
        relevance_reason=extra.pop("relevance_reason", reason),
        decision=decision if relevance == "relevant" else "",
        answer=answer,
        **extra,
    )


def settled(consultation, user, count_relevant=2, count_not=3):
    """A consultation with ``count_not`` not relevant and ``count_relevant`` relevant comments, published."""
    from komplan.consultation.evaluation import publish_settlement

    comments = []
    for number in range(count_not):
        comment = enter(consultation, user, f"Nesouvisející připomínka {number}.", channel="paper")
        decide(comment, user, "not_relevant")
        comments.append(comment)
    for number in range(count_relevant):
        comment = enter(consultation, user, f"Námět {number}.", publish_name=number == 0)
        decide(comment, user)
        comments.append(comment)
    publish_settlement(consultation, user, introduction="Úvod vypořádání.", now=AFTER)
    return comments
