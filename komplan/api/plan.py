"""The community plan document of a process and its frozen versions (issue #8).

- ``GET /processes/{slug}/plan/versions``: every frozen version, newest first: number, label, state, the date of
  the version, the approval (body, resolution number and date, the sentence for the cover), the publication time
  and links (the web page, this API, and the PDF/DOCX files once the outputs exist). ``current`` names the version
  that is the official plan (the latest published one).
- ``GET /processes/{slug}/plan/versions/{number}``: one version from its snapshot: chapters with their key, title
  and blocks — narrative blocks with their paragraphs (stable ids, Markdown text), generated blocks with their
  items (headings, sentences, tables with caption, header and rows).

404 with a reason for an unknown or hidden process, a process without a plan, an unknown version. ``number`` is an
integer path parameter, so ``/versions/{number}.pdf`` routes of the outputs can sit beside it.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.errors import HttpError

from komplan.plan import links, querysets

from .processes import visible_process_or_404
from .schemas import ErrorOut

process_router = Router(tags=["plan"])


class FileOut(Schema):
    format: str
    url: str


class VersionLinksOut(Schema):
    web: str
    api: str
    files: list[FileOut]


class ApprovalOut(Schema):
    body: str
    resolution_number: str
    resolution_date: dt.date
    note: str


class VersionOut(Schema):
    number: int
    label: str
    state: str
    state_label: str
    issued_on: dt.date
    created_at: dt.datetime
    approval: ApprovalOut | None
    published_at: dt.datetime | None
    links: VersionLinksOut


class VersionListOut(Schema):
    process: str
    title: str
    period_from: int
    period_to: int
    current: int | None
    versions: list[VersionOut]


class ParagraphOut(Schema):
    id: str
    text: str


class ItemOut(Schema):
    type: str
    text: str | None = None
    caption: str | None = None
    header: list[str] | None = None
    rows: list[list[str]] | None = None
    kind: str | None = None  # charts: bar | line | pyramid
    alt: str | None = None  # charts: the text alternative
    data: dict | None = None  # charts: the numbers (komplan/plan/charts.py documents them per kind)


class BlockOut(Schema):
    kind: str
    paragraphs: list[ParagraphOut] | None = None
    source: str | None = None
    items: list[ItemOut] | None = None


class ChapterOut(Schema):
    key: str
    title: str
    blocks: list[BlockOut]


class VersionDetailOut(VersionOut):
    process: str
    title: str
    period_from: int
    period_to: int
    chapters: list[ChapterOut]


def _plan_or_404(request, slug: str):
    process = visible_process_or_404(request, slug)
    plan = querysets.plan_of(process)
    if plan is None:
        raise HttpError(404, gettext("The process “%(slug)s” has no plan document yet.") % {"slug": slug})
    return process, plan


def _version(process, version) -> dict:
    approval = None
    if version.is_approved and version.resolution_date:
        approval = {
            "body": version.approval_body,
            "resolution_number": version.resolution_number,
            "resolution_date": version.resolution_date,
            "note": version.approval_note,
        }
    kwargs = {"slug": process.slug, "number": version.number}
    return {
        "number": version.number,
        "label": version.label,
        "state": version.state,
        "state_label": str(version.get_state_display()),
        "issued_on": version.issued_on,
        "created_at": version.created_at,
        "approval": approval,
        "published_at": version.published_at,
        "links": {
            "web": reverse("plan:version", kwargs={"process": process.slug, "number": version.number}),
            "api": reverse("api:process_plan_version", kwargs=kwargs),
            "files": [
                {"format": f["format"], "url": f["url"], "size": f["size"]} for f in links.files(version, process.slug)
            ],
        },
    }


def _item(item: dict) -> dict:
    if item.get("type") == "chart":
        return {
            "type": "chart",
            "kind": item.get("kind", ""),
            "caption": item.get("caption", ""),
            "alt": item.get("alt", ""),
            "data": item.get("data") or {},
        }
    if item.get("type") == "table":
        rows = [[str(c) for c in row] for row in item.get("rows", [])]
        header = [str(c) for c in item.get("header", [])]
        return {"type": "table", "caption": item.get("caption", ""), "header": header, "rows": rows}
    return {"type": item.get("type", "paragraph"), "text": item.get("text", "")}


def _block(block: dict) -> dict:
    if block.get("kind") == "narrative":
        return {"kind": "narrative", "paragraphs": block.get("paragraphs", [])}
    return {"kind": "generated", "source": block.get("source", ""), "items": [_item(i) for i in block.get("items", [])]}


@process_router.get(
    "/{slug}/plan/versions",
    response={200: VersionListOut, 404: ErrorOut},
    summary="Versions of the plan document with their state, approval and publication",
    url_name="process_plan_versions",
)
def plan_versions(request, slug: str):
    process, plan = _plan_or_404(request, slug)
    official = querysets.current_official(plan)
    return {
        "process": process.slug,
        "title": plan.title,
        "period_from": plan.period_from,
        "period_to": plan.period_to,
        "current": official.number if official else None,
        "versions": [_version(process, v) for v in querysets.versions_for(plan)],
    }


@process_router.get(
    "/{slug}/plan/versions/{number}",
    response={200: VersionDetailOut, 404: ErrorOut},
    summary="One version of the plan: chapters with paragraphs (stable ids) and generated items",
    url_name="process_plan_version",
)
def plan_version(request, slug: str, number: int):
    process, plan = _plan_or_404(request, slug)
    version = querysets.version_of(plan, number)
    if version is None:
        raise HttpError(
            404, gettext("The plan of “%(slug)s” has no version %(number)d.") % {"slug": slug, "number": number}
        )
    snapshot = version.snapshot or {}
    chapters = [
        {"key": c.get("key", ""), "title": c.get("title", ""), "blocks": [_block(b) for b in c.get("blocks", [])]}
        for c in snapshot.get("chapters", [])
    ]
    return {
        **_version(process, version),
        "process": process.slug,
        "title": snapshot.get("title", plan.title),
        "period_from": snapshot.get("period_from", plan.period_from),
        "period_to": snapshot.get("period_to", plan.period_to),
        "chapters": chapters,
    }
