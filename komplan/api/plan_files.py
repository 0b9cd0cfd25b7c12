"""The generated files of a plan version: ``GET /processes/{slug}/plan/versions/{number}.pdf`` and ``.docx``.

The routes use Django's ``int`` converter and end in the suffix, so ``/versions/3`` (the version as JSON, in
komplan/api/plan.py) never reaches them and they never swallow it; this router is added before that one in
urls.py so that ``/versions/3.pdf`` is not taken for a version number "3.pdf". 404 with a reason for an unknown
process, version, or a file that has not been generated yet.
"""

from __future__ import annotations

from django.utils.translation import gettext
from ninja import Router
from ninja.errors import HttpError

from komplan.meetings.files import file_response
from komplan.plan import querysets
from komplan.plan.outputs import FORMATS, filename

from .processes import visible_process_or_404
from .schemas import ErrorOut

process_router = Router(tags=["plan"])


def _binary(fmt: str) -> dict:
    return {
        "responses": {
            200: {
                "description": f"The {fmt.upper()} of the version",
                "content": {FORMATS[fmt]: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


def _file(request, slug: str, number: int, fmt: str):
    process = visible_process_or_404(request, slug)
    plan = querysets.plan_of(process)
    version = querysets.version_head(plan, number) if plan else None
    if version is None:
        raise HttpError(404, gettext("The plan has no version %(number)d.") % {"number": number})
    rendering = querysets.finished_file(version, fmt)
    if rendering is None:
        raise HttpError(
            404,
            gettext("The %(fmt)s of version %(number)d has not been generated yet.")
            % {"fmt": fmt.upper(), "number": number},
        )
    return file_response(rendering.file, FORMATS[fmt], download_name=filename(plan.title, number, fmt), private=False)


@process_router.get(
    "/{slug}/plan/versions/{int:number}.pdf",
    response={200: bytes, 404: ErrorOut},
    summary="The PDF of a version of the plan document",
    url_name="plan_version_pdf",
    openapi_extra=_binary("pdf"),
)
def plan_version_pdf(request, slug: str, number: int):
    return _file(request, slug, number, "pdf")


@process_router.get(
    "/{slug}/plan/versions/{int:number}.docx",
    response={200: bytes, 404: ErrorOut},
    summary="The DOCX (editable Word document) of a version of the plan document",
    url_name="plan_version_docx",
    openapi_extra=_binary("docx"),
)
def plan_version_docx(request, slug: str, number: int):
    return _file(request, slug, number, "docx")
