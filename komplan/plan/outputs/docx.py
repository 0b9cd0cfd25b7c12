"""The plan document as DOCX that a town office can keep editing (python-docx).

Chapters are real Word headings ("Heading 1", generated sub-headings "Heading 2"), so Word's navigation pane
and its table of contents work; the contents is a TOC field that Word fills when the document is opened or the
field is updated. Tables are Word tables whose first row repeats on every page; charts are PNG pictures (Word
takes no SVG here) drawn by Typst from the chart's data, with the text alternative as the picture's description
and a caption below. Narrative Markdown goes through the same node tree as the PDF (richtext).
"""

from __future__ import annotations

import io
from collections.abc import Callable

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .. import charts
from . import richtext

LANGUAGE = "cs-CZ"
LINK_COLOUR = RGBColor(0x23, 0x62, 0xA2)
Progress = Callable[[int], None]


def _none(_percent: int) -> None:
    return None


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, TOC …): Word computes its result; ``placeholder`` shows until it does."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")  # ask Word to update the field when the document opens
    run._r.append(begin)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    paragraph.add_run()._r.append(code)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    paragraph.add_run()._r.append(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def set_czech_language(document) -> None:
    """Czech as the language of the text (spelling, hyphenation): on the Normal style, which all others base on."""
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    for default in document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        default.set(qn("w:val"), LANGUAGE)  # the template's en-US default


def _link(paragraph, url: str, text: str, bold=False, italic=False) -> None:
    """A real hyperlink (clickable in Word), blue and underlined."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = paragraph.add_run(text)
    run.font.underline = True
    run.font.color.rgb = LINK_COLOUR
    run.bold, run.italic = bold or None, italic or None
    link.append(run._r)
    paragraph._p.append(link)


def _inline(paragraph, node, bold=False, italic=False, code=False, href="") -> None:
    if isinstance(node, str):
        if href:
            _link(paragraph, href, node, bold, italic)
            return
        run = paragraph.add_run(node)
        run.bold, run.italic = bold or None, italic or None
        if code:
            run.font.name = "Courier New"
        return
    tag = node.get("tag")
    if tag == "br":
        paragraph.add_run().add_break()
        return
    for child in node.get("children", []):
        _inline(
            paragraph,
            child,
            bold or tag == "strong",
            italic or tag == "em",
            code or tag == "code",
            (node.get("href") or href) if tag == "a" else href,
        )


INLINE = {"strong", "em", "code", "a", "br", "abbr"}
HEADING = {"h2": 2, "h3": 3, "h4": 4}


def _elements(nodes: list) -> list[dict]:
    return [n for n in nodes if not isinstance(n, str)]


def _markdown_table(document, node: dict, _style) -> None:
    rows = []
    for section in _elements(node.get("children", [])):
        trs = [section] if section["tag"] == "tr" else _elements(section["children"])
        rows += [[richtext.plain(c) for c in _elements(tr["children"])] for tr in trs]
    if rows:
        add_table(document, "", rows[0], rows[1:])


def _paragraph(document, node: dict, style) -> None:
    paragraph = document.add_paragraph(style=style)
    for child in node.get("children", []):
        _inline(paragraph, child)


def _heading(document, node: dict, _style) -> None:
    heading = document.add_heading(level=HEADING[node["tag"]])
    for child in node.get("children", []):
        _inline(heading, child)


def _list(document, node: dict, _style) -> None:
    style = "List Bullet" if node["tag"] == "ul" else "List Number"
    for item in _elements(node.get("children", [])):
        _rich(document, item.get("children", []), style)


def _pre(document, node: dict, _style) -> None:
    document.add_paragraph(style="No Spacing").add_run(richtext.plain(node)).font.name = "Courier New"


BLOCKS = {
    "p": _paragraph,
    "h2": _heading,
    "h3": _heading,
    "h4": _heading,
    "ul": _list,
    "ol": _list,
    "blockquote": lambda document, node, _style: _rich(document, node.get("children", []), "Quote"),
    "pre": _pre,
    "table": _markdown_table,
    "hr": lambda document, _node, _style: document.add_paragraph("―" * 20),
}


def _rich(document, nodes: list, list_style: str | None = None) -> None:
    """Block nodes become paragraphs, headings, list items, quotes and tables; loose inline runs a paragraph."""
    run: list = []
    for node in [*nodes, None]:
        if node is not None and (isinstance(node, str) or node.get("tag") in INLINE):
            run.append(node)
            continue
        if run:
            _paragraph(document, {"children": run}, list_style)
            run = []
        if node is not None:
            handler = BLOCKS.get(node["tag"])
            if handler:
                handler(document, node, list_style)
            else:
                _rich(document, node.get("children", []), list_style)


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def add_table(document, caption: str, header: list, rows: list) -> None:
    """A Word table ("Table Grid") whose header row repeats on every page, after an optional "Caption" paragraph
    (also used by the settlement of comments, komplan.consultation.exporters)."""
    if caption:
        document.add_paragraph(caption, style="Caption")
    columns = max([len(header)] + [len(r) for r in rows] + [1])
    table = document.add_table(rows=1 + len(rows), cols=columns)
    table.style = "Table Grid"
    first = table.rows[0]
    _repeat_header(first)
    for cell, text in zip(first.cells, header, strict=False):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=False):
            cell.text = str(text)
    document.add_paragraph()


def _picture(document, png: bytes, caption: str, alt: str) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(charts.PNG_WIDTH_CM))
    inline = document.paragraphs[-1]._p.xpath(".//wp:docPr")
    for props in inline:
        props.set("descr", alt)  # the picture's alternative text in Word
        props.set("title", caption)
    document.add_paragraph(caption, style="Caption")


def _chart(document, item: dict) -> None:
    try:
        png = charts.png(item)
    except (KeyError, TypeError, ValueError):
        document.add_paragraph(f"{item.get('caption', '')} – {item.get('alt', '')}")
        return
    _picture(document, png, item["caption"], item["alt"])


def _generated(document, item: dict) -> None:
    kind = item.get("type")
    if kind == "heading":
        document.add_heading(item.get("text", ""), level=2)
    elif kind == "paragraph":
        document.add_paragraph(item.get("text", ""))
    elif kind == "markdown":
        _rich(document, richtext.parse(item.get("text", "")))
    elif kind == "table":
        add_table(document, item.get("caption", ""), item.get("header", []), item.get("rows", []))
    elif kind == "chart":
        _chart(document, item)


def _cover(document, snapshot: dict, meta: dict, logo: bytes | None) -> None:
    if logo:
        document.add_picture(io.BytesIO(logo), height=Cm(3))
        for props in document.paragraphs[-1]._p.xpath(".//wp:docPr"):
            props.set("descr", _("Logo"))
    document.add_paragraph(snapshot.get("title", ""), style="Title")
    document.add_paragraph(meta.get("territory", ""), style="Subtitle")
    years = {"start": snapshot.get("period_from"), "end": snapshot.get("period_to")}
    document.add_paragraph(meta.get("period_text") or _("For the years %(start)s–%(end)s") % years)
    date_label = meta.get("date_label") or _("Date")
    for label, key in ((_("Version"), "version_label"), (_("State"), "state_label"), (date_label, "issued_on")):
        if meta.get(key):
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(meta[key])
    if meta.get("approval"):
        document.add_paragraph(meta["approval"], style="Intense Quote")
    if meta.get("notice"):
        document.add_paragraph(meta["notice"], style="Intense Quote")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def render_docx(snapshot: dict, meta: dict, logo: bytes | None, progress: Progress = _none) -> bytes:
    """The DOCX; the optional ``meta`` keys ``period_text``, ``keywords``, ``date_label`` and ``subject`` serve
    other documents in the plan's shape (komplan.monitoring's yearly report), as in pdf.document_data."""
    document = Document()
    set_czech_language(document)
    document.styles["Normal"].font.size = Pt(10.5)
    props = document.core_properties
    props.title = snapshot.get("title", "")
    props.subject = meta.get("subject") or meta.get("version_label", "")
    props.language = LANGUAGE
    props.keywords = ", ".join(filter(None, meta.get("keywords") or [_("community plan of social services")]))
    props.author = meta.get("territory", "")
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run(" – ".join(filter(None, [snapshot.get("title", ""), meta.get("version_label", "")])) + " – ")
    _field(footer, "PAGE", "1")
    _cover(document, snapshot, meta, logo)
    document.add_paragraph(_("Contents"), style="TOC Heading")  # not "Heading 1": the contents does not list itself
    _field(document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', _("Update the field to show the contents (F9)."))
    chapters = snapshot.get("chapters", [])
    for number, chapter in enumerate(chapters, start=1):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(f"{number}. {chapter.get('title', '')}", level=1)
        for block in chapter.get("blocks", []):
            if block.get("kind") == "narrative":
                for paragraph in block.get("paragraphs", []):
                    _rich(document, richtext.parse(paragraph.get("text", "")))
            else:
                for item in block.get("items", []):
                    _generated(document, item)
        progress(5 + 85 * number // max(1, len(chapters)))
    out = io.BytesIO()
    document.save(out)
    progress(95)
    return out.getvalue()
