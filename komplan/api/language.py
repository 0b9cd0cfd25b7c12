"""The language of labels and error messages in API responses.

LocaleMiddleware pins every path outside ``i18n_patterns`` (so all of ``/api/``) to the default
language, Czech. The API therefore negotiates on its own, per operation:

1. ``?lang=cs`` or ``?lang=en`` (unknown values are ignored);
2. the site's language cookie, so the browser session sees the language it chose on the site;
3. the ``Accept-Language`` header;
4. ``settings.LANGUAGE_CODE`` (Czech).

The chosen language is sent back in ``Content-Language``.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def requested_language(request) -> str:
    lang = request.GET.get("lang")
    if lang in dict(settings.LANGUAGES):
        return lang
    # check_path=False: API paths never carry a language prefix.
    return translation.get_language_from_request(request, check_path=False)


def with_language(run):
    """Ninja "view" decorator: wraps the whole operation, including its exception handlers."""

    @functools.wraps(run)
    def wrapper(request, *args, **kwargs):
        language = requested_language(request)
        with translation.override(language):
            response = run(request, *args, **kwargs)
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return wrapper
