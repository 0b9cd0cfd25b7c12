"""The editable information pages, with default texts shipped in default_pages/."""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Page, PageKey

DEFAULTS_DIR = Path(__file__).resolve().parent / "default_pages"
DEFAULT_TITLES = {
    PageKey.ABOUT: ("Co je komunitní plánování", "What is community planning"),
    PageKey.ACCESSIBILITY: ("Prohlášení o přístupnosti", "Accessibility statement"),
    PageKey.CONTACT: ("Kontakt", "Contact"),
}
PAGE_SLUGS = {
    PageKey.ABOUT: "co-je-komunitni-planovani",
    PageKey.ACCESSIBILITY: "prohlaseni-o-pristupnosti",
    PageKey.CONTACT: "kontakt",
}
PAGE_LABELS = {
    PageKey.ABOUT: _("What is community planning"),
    PageKey.ACCESSIBILITY: _("Accessibility statement"),
    PageKey.CONTACT: _("Contact"),
}


def default_page(key: str) -> Page:
    title_cs, title_en = DEFAULT_TITLES[key]
    return Page(
        key=key,
        title_cs=title_cs,
        title_en=title_en,
        body_cs=(DEFAULTS_DIR / f"{key}.cs.md").read_text(encoding="utf-8"),
        body_en=(DEFAULTS_DIR / f"{key}.en.md").read_text(encoding="utf-8"),
    )


def get_page(key: str) -> Page:
    """The saved page, or the default text when nobody has edited it yet."""
    return Page.objects.filter(key=key).first() or default_page(key)


def save_page(key: str, data: dict, user) -> Page:
    page = get_page(key)
    for field in ("title_cs", "title_en", "body_cs", "body_en"):
        setattr(page, field, data[field])
    page.updated_at = timezone.now()
    page.updated_by = user
    page.save()
    return page
