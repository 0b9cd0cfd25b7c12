"""Where a comment points in a frozen version: the whole plan, a chapter (its key) or one paragraph (its stable id).

Pure functions over the version's snapshot (``{chapters: [{key, title, blocks: [{kind: "narrative", paragraphs:
[{id, text}]} | {kind: "generated", …}]}]}``), no database: the web form, the API and the staff pages resolve
anchors the same way. Paragraphs are numbered 1, 2, … within their chapter across its narrative blocks, as a reader
counts them on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Anchor:
    chapter_key: str = ""
    chapter_title: str = ""
    chapter_number: int = 0  # 1-based position of the chapter in the document; 0 for a general comment
    paragraph_id: str = ""
    paragraph_text: str = ""  # Markdown of the paragraph
    paragraph_number: int = 0  # 1-based within its chapter

    @property
    def is_general(self) -> bool:
        return not self.chapter_key


class AnchorError(ValueError):
    """An anchor the version does not have; ``field`` is ``chapter`` or ``paragraph``."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _paragraphs(chapter: dict):
    for block in chapter.get("blocks", []):
        if block.get("kind") == "narrative":
            yield from (p for p in block.get("paragraphs", []) if p.get("id"))


def _anchor(number: int, chapter: dict, paragraph_id: str = "") -> Anchor:
    if not paragraph_id:
        return Anchor(chapter["key"], chapter.get("title", ""), number)
    for index, paragraph in enumerate(_paragraphs(chapter), start=1):
        if paragraph["id"] == paragraph_id:
            return Anchor(chapter["key"], chapter.get("title", ""), number, paragraph_id, paragraph["text"], index)
    raise AnchorError(
        "paragraph",
        _("Chapter “%(chapter)s” of this version has no paragraph “%(id)s”.")
        % {"chapter": chapter.get("title", chapter["key"]), "id": paragraph_id},
    )


def find(snapshot: dict, chapter_key: str = "", paragraph_id: str = "") -> Anchor:
    """The anchor named by a chapter key and/or a paragraph id; with a paragraph only, its chapter is looked up.

    Both empty: a general comment on the whole plan. Raises AnchorError for a key or id the version lacks."""
    chapter_key, paragraph_id = (chapter_key or "").strip(), (paragraph_id or "").strip()
    chapters = snapshot.get("chapters", [])
    if chapter_key:
        for number, chapter in enumerate(chapters, start=1):
            if chapter.get("key") == chapter_key:
                return _anchor(number, chapter, paragraph_id)
        raise AnchorError("chapter", _("This version of the plan has no chapter “%(key)s”.") % {"key": chapter_key})
    if paragraph_id:
        for number, chapter in enumerate(chapters, start=1):
            if any(p["id"] == paragraph_id for p in _paragraphs(chapter)):
                return _anchor(number, chapter, paragraph_id)
        raise AnchorError("paragraph", _("This version of the plan has no paragraph “%(id)s”.") % {"id": paragraph_id})
    return Anchor()


def describe(snapshot: dict, chapter_key: str, paragraph_id: str) -> str:
    """A short human label of where a stored comment points: "3. Potřeby, odstavec 2", "3. Potřeby", "celý plán".

    A key or id the snapshot no longer has (it cannot happen for comments stored through the service) is shown as
    stored."""
    try:
        anchor = find(snapshot, chapter_key, paragraph_id)
    except AnchorError:
        return " / ".join(x for x in (chapter_key, paragraph_id) if x)
    if anchor.is_general:
        return _("the whole plan")
    chapter = f"{anchor.chapter_number}. {anchor.chapter_title}"
    if not anchor.paragraph_id:
        return chapter
    return _("%(chapter)s, paragraph %(number)d") % {"chapter": chapter, "number": anchor.paragraph_number}
