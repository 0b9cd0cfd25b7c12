"""JSON error responses: every failure a client can cause is a 4xx with a ``detail`` reason."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext
from ninja import NinjaAPI

from komplan.territory.querysets import AmbiguousTerritoryCode


class AmbiguousParameter(AmbiguousTerritoryCode):
    """An ambiguous code together with the query parameter that would settle it."""

    def __init__(self, exc: AmbiguousTerritoryCode, param: str):
        super().__init__(exc.code, exc.candidates)
        self.param = param


def ambiguous_code(request, exc: AmbiguousTerritoryCode, api: NinjaAPI):
    param = getattr(exc, "param", "level")
    levels = ", ".join(sorted({t.level for t in exc.candidates}))
    detail = gettext("Code %(code)s matches several territories; add %(param)s= with one of: %(levels)s.") % {
        "code": exc.code,
        "param": param,
        "levels": levels,
    }
    candidates = [{"level": t.level, "code": t.code, "name": t.name} for t in exc.candidates]
    return api.create_response(request, {"detail": detail, "candidates": candidates}, status=400)


def not_found(request, exc: Exception, api: NinjaAPI):
    # Views raise HttpError(404) with a precise reason; this catches the lookups they did not expect.
    return api.create_response(request, {"detail": gettext("Not found.")}, status=404)


def install(api: NinjaAPI) -> None:
    api.add_exception_handler(AmbiguousTerritoryCode, partial(ambiguous_code, api=api))
    api.add_exception_handler(ObjectDoesNotExist, partial(not_found, api=api))
    api.add_exception_handler(Http404, partial(not_found, api=api))
