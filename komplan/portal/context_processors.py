"""The page shell's context: site name, process switcher, language and text-size switches.

Registered in ``TEMPLATES`` as ``komplan.portal.context_processors.shell`` and used by
``templates/base.html`` and ``templates/includes/*``. It must work for every request that renders
a template, including error pages rendered before the middleware set ``request.user`` or
``request.process``, so every request attribute is read with ``getattr``.

Views set ``breadcrumbs`` themselves (a list of ``(label, url)`` pairs); it is not set here.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from komplan.lib.text import czech_key
from komplan.territory.models import PlanningProcess

FONT_COOKIE = "komplan_font"
FONT_SIZES = ("normal", "large", "larger")
DEFAULT_FONT_SIZE = FONT_SIZES[0]

# Each language is offered under its own name, whatever the current language is.
LANGUAGE_OWN_NAMES = {"cs": "Čeština", "en": "English"}

# The visible label of each text-size link; the accessible name comes from _font_size_name().
FONT_SIZE_LABELS = {"normal": "A", "large": "A+", "larger": "A++"}


def _font_size_name(size: str) -> str:
    return {
        "normal": _("Normal text size"),
        "large": _("Large text size"),
        "larger": _("Largest text size"),
    }[size]


def font_size_from(request) -> str:
    """The text size chosen in the cookie; anything unexpected means the normal size."""
    cookies = getattr(request, "COOKIES", None) or {}
    value = cookies.get(FONT_COOKIE)
    return value if value in FONT_SIZES else DEFAULT_FONT_SIZE


def _language_own_name(code: str) -> str:
    if code in LANGUAGE_OWN_NAMES:
        return LANGUAGE_OWN_NAMES[code]
    try:
        return get_language_info(code)["name_local"].capitalize()
    except KeyError:
        return code


def _language_links(request, path: str) -> list[dict]:
    current = getattr(request, "LANGUAGE_CODE", None) or get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        links.append(
            {
                "code": code,
                "name": _language_own_name(code),
                "url": translate_url(path, code),
                "current": code == current,
            }
        )
    return links


def _font_size_links(path: str, current: str) -> list[dict]:
    try:
        base = reverse("portal:font_size")
    except NoReverseMatch:  # the URL is missing only in a broken configuration; keep the page alive
        return []
    return [
        {
            "size": size,
            "label": FONT_SIZE_LABELS[size],
            "name": _font_size_name(size),
            "url": f"{base}?{urlencode({'size': size, 'next': path})}",
            "current": size == current,
        }
        for size in FONT_SIZES
    ]


def _switcher_processes(user) -> list:
    processes = PlanningProcess.objects.visible_to(user).only("name", "slug")
    return sorted(processes, key=lambda p: czech_key(p.name))


def shell(request) -> dict:
    path = request.get_full_path()
    user = getattr(request, "user", None) or AnonymousUser()
    font_size = font_size_from(request)
    return {
        "site_name": settings.KOMPLAN_SITE_NAME,
        "current_process": getattr(request, "process", None),
        # Lazy: only pages that render the header's process switcher run the query.
        "switcher_processes": SimpleLazyObject(lambda: _switcher_processes(user)),
        "language_links": _language_links(request, path),
        "font_size": font_size,
        "font_size_links": _font_size_links(path, font_size),
    }
