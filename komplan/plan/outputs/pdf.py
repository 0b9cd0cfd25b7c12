"""The plan document as a PDF: komplan/documents/typst/plan.typ fed with the snapshot turned into plain data.

Narrative Markdown becomes a node tree (richtext), charts become SVG strings drawn from their data, the logo
becomes a small SVG wrapping the PNG (Typst takes images only as bytes, and sys.inputs carries text only).
Typst writes the outline (bookmarks) from the headings, the page numbers, the document title, the language
``cs`` and a tagged PDF (typst 0.15 tags by default: headings, paragraphs, lists, tables with header rows,
figures with their alt texts).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable

from django.utils.translation import gettext as _

from komplan.documents import pdf as documents_pdf

from .. import charts
from . import richtext

TEMPLATE = "plan.typ"
Progress = Callable[[int], None]


def _none(_percent: int) -> None:
    return None


def logo_svg(logo: bytes | None) -> str:
    """The PNG logo inside an SVG (usvg decodes data: URIs), sized by its pixels; "" without a logo."""
    if not logo:
        return ""
    from PIL import Image

    with Image.open(io.BytesIO(logo)) as image:
        width, height = image.size
    encoded = base64.b64encode(logo).decode("ascii")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<image width="{width}" height="{height}" xlink:href="data:image/png;base64,{encoded}"/></svg>'
    )


def widths(table: dict) -> list[int]:
    """Relative column widths (Typst fr) from the longest text of each column, so numbers stay narrow, and at
    least as wide as its longest word needs (a word is never broken, so a narrower column would let it run into
    the next one)."""
    columns = max([len(table.get("header", []))] + [len(r) for r in table.get("rows", [])] + [1])
    result = []
    for i in range(columns):
        texts = [table["header"][i]] if i < len(table.get("header", [])) else []
        texts += [r[i] for r in table.get("rows", []) if i < len(r)]
        longest = max((len(t[:60]) for t in texts), default=1)
        word = max((len(w) for t in texts for w in t[:60].split()), default=1)
        result.append(min(12, max(2, longest // 5 + 1, 2 * word // 5 + 1)))
    return result


def items(block: dict) -> list[dict]:
    """The items of one block for the template: narrative paragraphs and Markdown as node trees."""
    if block.get("kind") == "narrative":
        return [{"type": "rich", "nodes": richtext.parse(p.get("text", ""))} for p in block.get("paragraphs", [])]
    out = []
    for item in block.get("items", []):
        kind = item.get("type")
        if kind == "markdown":
            out.append({"type": "rich", "nodes": richtext.parse(item.get("text", ""))})
        elif kind == "chart":
            try:
                drawn = charts.svg(item, "c")
                out.append({"type": "chart", "svg": drawn, "caption": item["caption"], "alt": item["alt"]})
            except (KeyError, TypeError, ValueError):
                out.append({"type": "paragraph", "text": f"{item.get('caption', '')} – {item.get('alt', '')}"})
        elif kind == "table":
            out.append({**item, "widths": widths(item)})
        elif kind in ("heading", "paragraph"):
            out.append(item)
    return out


def document_data(snapshot: dict, meta: dict, logo: bytes | None, progress: Progress = _none) -> dict:
    """The template's data. Optional ``meta`` keys for other documents in the plan's shape (the yearly report of
    komplan.monitoring): ``period_text`` replaces "For the years …" under the title, ``keywords`` the document's
    keywords, ``date_label`` the label of ``issued_on``; an empty ``version_label`` leaves the version out of the
    cover and the running header."""
    chapters = snapshot.get("chapters", [])
    rendered = []
    for number, chapter in enumerate(chapters, start=1):
        rendered.append(
            {
                "key": chapter.get("key", str(number)),
                "heading": f"{number}. {chapter.get('title', '')}",
                "items": [item for block in chapter.get("blocks", []) for item in items(block)],
            }
        )
        progress(5 + 55 * number // max(1, len(chapters)))
    title = snapshot.get("title", "")
    period = meta.get("period_text") or _("For the years %(start)s–%(end)s") % {
        "start": snapshot.get("period_from", ""),
        "end": snapshot.get("period_to", ""),
    }
    territory = meta.get("territory", "")
    facts = [
        {"label": _("Version"), "lines": [{"text": meta.get("version_label", "")}]},
        {"label": _("State"), "lines": [{"text": meta.get("state_label", "")}]},
        {"label": meta.get("date_label") or _("Date"), "lines": [{"text": meta.get("issued_on", "")}]},
    ]
    return {
        "lang": "cs",
        "title": title,
        "running": " – ".join(filter(None, [title, meta.get("version_label", "")])),
        "territory": territory,
        "keywords": meta.get("keywords") or [_("community plan of social services"), territory],
        "period": period,
        "facts": [f for f in facts if f["lines"][0]["text"]],
        "approval": meta.get("approval", "") or "",
        "notice": meta.get("notice", "") or "",
        "logo": logo_svg(logo),
        "labels": {"contents": _("Contents"), "logo": _("Logo")},
        "chapters": rendered,
    }


def compile_pdf(snapshot: dict, meta: dict, logo: bytes | None, progress: Progress = _none):
    """The PDF and Typst's warnings (tests assert there are none)."""
    data = document_data(snapshot, meta, logo, progress)
    result = documents_pdf.compile_pdf(TEMPLATE, data)
    progress(95)
    return result


def render_pdf(snapshot: dict, meta: dict, logo: bytes | None, progress: Progress = _none) -> bytes:
    pdf, warnings = compile_pdf(snapshot, meta, logo, progress)
    for warning in warnings:
        documents_pdf.logger.warning("Typst %s: %s", TEMPLATE, warning.message)
    return pdf
