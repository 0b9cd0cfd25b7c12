"""Reads of the staff side and the settlement (the public side's reads are in querysets.py).

``settlement_items`` is the only way the settlement outputs read comments: it copies the public fields into plain
dicts (komplan.consultation.settlement), so e-mails and postal addresses never reach a public page or file.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .models import Comment, Consultation, Evaluation


def consultations_of(process) -> QuerySet[Consultation]:
    return (
        Consultation.objects.filter(version__plan__process=process)
        .select_related("version", "version__plan")
        .annotate(
            received=Count("comments"),
            awaiting=Count("comments", filter=Q(comments__evaluation__isnull=True)),
        )
        .order_by("-opens_on", "-pk")
    )


def consultation_of(process, pk: int) -> Consultation | None:
    return consultations_of(process).filter(pk=pk).first()


def published_consultation(process, pk: int) -> Consultation | None:
    """The consultation if its settlement has been published (the public pages 404 otherwise)."""
    return (
        Consultation.objects.filter(version__plan__process=process, pk=pk, settlement_published_at__isnull=False)
        .select_related("version", "version__plan", "version__plan__process")
        .first()
    )


def published_for_process(process) -> QuerySet[Consultation]:
    return (
        Consultation.objects.filter(version__plan__process=process, settlement_published_at__isnull=False)
        .select_related("version")
        .order_by("opens_on", "pk")
    )


STATUS_FILTERS = {
    "ceka": Q(evaluation__isnull=True),
    "vyhodnoceno": Q(evaluation__isnull=False),
    "skryto": Q(hidden=True),
}


def comments_of(consultation: Consultation, *, status: str = "", channel: str = "", relevance: str = ""):
    comments = Comment.objects.filter(consultation=consultation).select_related("evaluation")
    if status in STATUS_FILTERS:
        comments = comments.filter(STATUS_FILTERS[status])
    if channel:
        comments = comments.filter(channel=channel)
    if relevance:
        comments = comments.filter(evaluation__relevance=relevance)
    return comments.order_by("submitted_at", "pk")


def comment_of(consultation: Consultation, pk: int) -> Comment | None:
    return Comment.objects.filter(consultation=consultation, pk=pk).select_related("evaluation").first()


def history_of(comment: Comment) -> QuerySet[Evaluation]:
    return comment.evaluations.select_related("decided_by").order_by("-decided_at", "-pk")


def item(comment: Comment) -> dict:
    """The public fields of one comment as plain data (see komplan.consultation.settlement)."""
    evaluation = comment.evaluation
    published_name = comment.name if comment.publish_name and comment.anonymised_at is None else ""
    return {
        "reference": comment.reference,
        "received_on": comment.received_on,
        "channel": comment.channel,
        "chapter_key": comment.chapter_key,
        "paragraph_id": comment.paragraph_id,
        "text": comment.text,
        "hidden": comment.hidden,
        "name": published_name,
        "relevance": evaluation.relevance if evaluation else "",
        "relevance_reason": evaluation.relevance_reason if evaluation else "",
        "decision": evaluation.decision if evaluation else "",
        "answer": evaluation.answer if evaluation else "",
    }


def settlement_items(consultation: Consultation) -> list[dict]:
    """Every comment of the period in the order of the reference numbers (numbers may outgrow three digits)."""
    comments = Comment.objects.filter(consultation=consultation).select_related("evaluation")
    return sorted((item(c) for c in comments), key=lambda i: (len(i["reference"]), i["reference"]))
