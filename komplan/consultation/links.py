"""Addresses of a comment period's public pages (the settlement page belongs to the staff side's URL module)."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from .models import Consultation


def settlement_path(consultation: Consultation, process_slug: str) -> str:
    """The public settlement page once the settlement is published, else "" (also while no such page exists)."""
    if not consultation.settlement_published_at:
        return ""
    try:
        return reverse(
            "consultation_settlement:page", kwargs={"process": process_slug, "consultation": consultation.pk}
        )
    except NoReverseMatch:  # the settlement pages are added by the staff side of the consultation app
        return ""


def periods_path(process_slug: str) -> str:
    return reverse("consultation:periods", kwargs={"process": process_slug})


def document_path(consultation: Consultation, process_slug: str) -> str:
    return reverse("consultation:document", kwargs={"process": process_slug, "consultation": consultation.pk})


def form_path(consultation: Consultation, process_slug: str) -> str:
    return reverse("consultation:comment", kwargs={"process": process_slug, "consultation": consultation.pk})
