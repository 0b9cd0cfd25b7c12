"""Stable paragraph ids of a narrative block (pure functions, no Django).

A block's Markdown is split into paragraphs at blank lines (fenced code is kept whole). On every save the new
paragraphs are aligned to the old ones with difflib: an unchanged paragraph keeps its id wherever it moved to,
a paragraph edited in place (a replaced run of paragraphs pairs up old and new in order) keeps the id of the
one it replaces, and any other new paragraph gets a fresh random id.
"""

from __future__ import annotations

import secrets
from difflib import SequenceMatcher


def new_id() -> str:
    return secrets.token_hex(4)


def split(text: str) -> list[str]:
    """Markdown → paragraphs (blank-line separated; a fenced code block stays one paragraph)."""
    parts: list[str] = []
    current: list[str] = []
    fenced = False
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced and not line.strip():
            if current:
                parts.append("\n".join(current).strip("\n"))
                current = []
            continue
        current.append(line.rstrip())
    if current:
        parts.append("\n".join(current).strip("\n"))
    return [p for p in parts if p.strip()]


def _fresh(taken: set[str]) -> str:
    pid = new_id()
    while pid in taken:
        pid = new_id()
    return pid


def _aligned(old: list[dict], new_texts: list[str]) -> list[dict | None]:
    """Ids kept for unchanged and edited-in-place paragraphs (difflib equal and replace runs, in order)."""
    result: list[dict | None] = [None] * len(new_texts)
    matcher = SequenceMatcher(a=[p["text"] for p in old], b=new_texts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for offset in range(min(i2 - i1, j2 - j1)):
                result[j1 + offset] = {"id": old[i1 + offset]["id"], "text": new_texts[j1 + offset]}
    return result


def assign(old: list[dict], text: str) -> list[dict]:
    """The paragraphs of ``text`` with ids carried over from ``old`` (list of {"id", "text"})."""
    new_texts = split(text)
    result = _aligned(old, new_texts)
    used = {item["id"] for item in result if item}
    # an unchanged paragraph that moved elsewhere keeps its id
    by_text: dict[str, str] = {}
    for p in old:
        if p["id"] not in used:
            by_text.setdefault(p["text"], p["id"])
    taken = {p["id"] for p in old}
    for j, item in enumerate(result):
        if item is not None:
            continue
        pid = by_text.pop(new_texts[j], None) or _fresh(taken)
        taken.add(pid)
        result[j] = {"id": pid, "text": new_texts[j]}
    return result  # type: ignore[return-value]
