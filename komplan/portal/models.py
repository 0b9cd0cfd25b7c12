"""Editable public pages of the instance (what community planning is, accessibility, contact)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class PageKey(models.TextChoices):
    ABOUT = "about", _("What is community planning")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    CONTACT = "contact", _("Contact")


class Page(models.Model):
    key = models.CharField(_("page"), max_length=20, choices=PageKey.choices, unique=True)
    title_cs = models.CharField(_("title (Czech)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_cs = models.TextField(_("text (Czech, Markdown)"))
    body_en = models.TextField(_("text (English, Markdown)"))
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.get_key_display()

    @property
    def title(self) -> str:
        return self.title_en if translation.get_language() == "en" and self.title_en else self.title_cs

    @property
    def body(self) -> str:
        return self.body_en if translation.get_language() == "en" and self.body_en else self.body_cs
