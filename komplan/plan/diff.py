"""The difference between two snapshots of the plan (pure functions over the JSON of komplan.plan.services.build).

* Chapters are matched by their key: added, removed, renamed (the title changed).
* Narrative paragraphs are matched by their stable id across the whole document: added, removed, changed (with a
  word-level diff), moved (to another chapter, or out of order within one; possibly also changed).
* Generated tables are matched by their caption within a chapter and compared row by row: rows in the same place
  are unchanged, within a changed run rows are paired by their first cell (the number or the name the table is
  keyed by) as changed, the rest are added or removed. Other generated items (headings, sentences) are compared as
  lines.

The result is plain data for the template and the tests; nothing here is escaped or marked safe.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


# A paragraph that kept less than this share of its words is shown as replaced as a whole: a word-by-word diff
# of a rewritten paragraph interleaves fragments of both texts and cannot be read.
REWRITTEN_BELOW = 0.4


def _is_glue(tokens: list[str]) -> bool:
    """Whitespace, punctuation or one short word between two changes: shown as changed too, so that the changed
    runs read as whole phrases ("semantic cleanup")."""
    text = "".join(tokens).strip()
    return len(text) <= 3


def words(old: str, new: str) -> list[dict]:
    """Word-level diff: ``[{"op": "equal"|"delete"|"insert", "text": ...}]``; within a changed run the deleted
    text comes first, then the inserted text; a rewritten paragraph is one deletion and one insertion."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    kept = SequenceMatcher(None, [t for t in a if not t.isspace()], [t for t in b if not t.isspace()], autojunk=False)
    if a and b and kept.ratio() < REWRITTEN_BELOW:  # spaces would make any two sentences look alike
        return [{"op": "delete", "text": old}, {"op": "insert", "text": new}]
    codes = matcher.get_opcodes()
    out: list[dict] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def emit(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1]["op"] == op:
            out[-1]["text"] += text
        else:
            out.append({"op": op, "text": text})

    def flush() -> None:
        emit("delete", "".join(deleted))
        emit("insert", "".join(inserted))
        deleted.clear()
        inserted.clear()

    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        between_changes = 0 < index < len(codes) - 1
        if tag == "equal" and not (between_changes and _is_glue(a[i1:i2])):
            flush()
            emit("equal", "".join(a[i1:i2]))
            continue
        deleted.extend(a[i1:i2])
        inserted.extend(b[j1:j2])
    flush()
    return out


def _paragraphs(chapter: dict) -> list[dict]:
    found = []
    for block in chapter.get("blocks", []):
        if block.get("kind") == "narrative":
            for p in block.get("paragraphs", []):
                found.append({"id": p.get("id") or f"text:{p.get('text', '')}", "text": p.get("text", "")})
    return found


def _generated(chapter: dict) -> list[dict]:
    return [
        item
        for block in chapter.get("blocks", [])
        if block.get("kind") == "generated"
        for item in block.get("items", [])
    ]


def _index(document: dict) -> dict[str, tuple[str, str, str]]:
    """Paragraph id → (chapter key, chapter title, text) over the whole document."""
    return {
        p["id"]: (c["key"], c.get("title", ""), p["text"]) for c in document.get("chapters", []) for p in _paragraphs(c)
    }


def _edited(olds: list[dict], news: list[dict]) -> list[dict]:
    """Paragraphs with the same id in the same place whose text changed."""
    return [
        {
            "id": b["id"],
            "status": "changed",
            "old_text": a["text"],
            "text": b["text"],
            "words": words(a["text"], b["text"]),
        }
        for a, b in zip(olds, news, strict=True)
        if a["text"] != b["text"]
    ]


def _paragraph_changes(old_ch: dict | None, new_ch: dict | None, old_all: dict, new_all: dict) -> list[dict]:
    old_ps = _paragraphs(old_ch) if old_ch else []
    new_ps = _paragraphs(new_ch) if new_ch else []
    key = (new_ch or old_ch)["key"]
    out = []

    def removed(p: dict) -> None:
        if p["id"] not in new_all:  # a paragraph that moved elsewhere is reported where it landed
            out.append({"id": p["id"], "status": "removed", "old_text": p["text"], "text": "", "words": []})

    def inserted(p: dict) -> None:
        if p["id"] not in old_all:
            out.append({"id": p["id"], "status": "added", "old_text": "", "text": p["text"], "words": []})
            return
        from_key, from_title, old_text = old_all[p["id"]]
        changed = old_text != p["text"]
        out.append(
            {
                "id": p["id"],
                "status": "moved",
                "moved_from": from_key if from_key != key else None,
                "moved_from_title": from_title if from_key != key else "",
                "changed": changed,
                "old_text": old_text,
                "text": p["text"],
                "words": words(old_text, p["text"]) if changed else [],
            }
        )

    matcher = SequenceMatcher(None, [p["id"] for p in old_ps], [p["id"] for p in new_ps], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += _edited(old_ps[i1:i2], new_ps[j1:j2])
            continue
        for p in old_ps[i1:i2]:
            removed(p)
        for p in new_ps[j1:j2]:
            inserted(p)
    return out


def _cells(row) -> list[str]:
    return [str(c) for c in row]


def rows(old_rows: list, new_rows: list) -> tuple[list[dict], int]:
    """Row changes between two tables and the number of unchanged rows."""
    a, b = [_cells(r) for r in old_rows], [_cells(r) for r in new_rows]
    out: list[dict] = []
    same = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, [tuple(r) for r in a], [tuple(r) for r in b]).get_opcodes():
        if tag == "equal":
            same += i2 - i1
            continue
        olds = a[i1:i2]
        by_first: dict[str, list[int]] = {}
        for index, row in enumerate(olds):
            by_first.setdefault(row[0] if row else "", []).append(index)
        paired: set[int] = set()
        for row in b[j1:j2]:
            candidates = by_first.get(row[0] if row else "", [])
            if candidates:
                index = candidates.pop(0)
                paired.add(index)
                old = olds[index]
                width = max(len(old), len(row))
                flags = [(old[i] if i < len(old) else None) != (row[i] if i < len(row) else None) for i in range(width)]
                out.append({"status": "changed", "cells": row, "old_cells": old, "changed_cells": flags[: len(row)]})
            else:
                out.append({"status": "added", "cells": row, "old_cells": [], "changed_cells": []})
        for index, row in enumerate(olds):
            if index not in paired:
                out.append({"status": "removed", "cells": row, "old_cells": row, "changed_cells": []})
    return out, same


def _table_change(old: dict | None, new: dict | None) -> dict | None:
    if old is None or new is None:
        table = new or old
        status = "added" if old is None else "removed"
        changes = [
            {"status": status, "cells": _cells(r), "old_cells": [], "changed_cells": []} for r in table.get("rows", [])
        ]
        return {
            "caption": table.get("caption", ""),
            "status": status,
            "header": table.get("header", []),
            "rows": changes,
        }
    changes, same = rows(old.get("rows", []), new.get("rows", []))
    header_changed = old.get("header", []) != new.get("header", [])
    if not changes and not header_changed:
        return None
    return {
        "caption": new.get("caption", ""),
        "status": "changed",
        "header": new.get("header", []),
        "old_header": old.get("header", []) if header_changed else [],
        "rows": changes,
        "unchanged": same,
    }


def _generated_changes(old_ch: dict | None, new_ch: dict | None) -> tuple[list[dict], list[dict]]:
    old_items = _generated(old_ch) if old_ch else []
    new_items = _generated(new_ch) if new_ch else []
    old_tables = [i for i in old_items if i.get("type") == "table"]
    new_tables = [i for i in new_items if i.get("type") == "table"]
    tables = []
    unmatched = list(old_tables)
    for table in new_tables:
        match = next((t for t in unmatched if t.get("caption") == table.get("caption")), None)
        if match is not None:
            unmatched.remove(match)
        change = _table_change(match, table)
        if change:
            tables.append(change)
    tables += [_table_change(t, None) for t in unmatched]
    old_lines = [i.get("text", "") for i in old_items if i.get("type") != "table"]
    new_lines = [i.get("text", "") for i in new_items if i.get("type") != "table"]
    lines = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag != "equal":
            lines += [{"status": "removed", "text": t} for t in old_lines[i1:i2]]
            lines += [{"status": "added", "text": t} for t in new_lines[j1:j2]]
    return tables, lines


def _chapter_order(old: dict, new: dict) -> list[tuple[dict | None, dict | None]]:
    """Pairs (old chapter, new chapter) in the new document's order, removed chapters where they stood."""
    olds, news = old.get("chapters", []), new.get("chapters", [])
    old_by_key = {c["key"]: c for c in olds}
    new_keys = {c["key"] for c in news}
    pairs = []
    matcher = SequenceMatcher(None, [c["key"] for c in olds], [c["key"] for c in news], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += list(zip(olds[i1:i2], news[j1:j2], strict=True))
            continue
        pairs += [(c, None) for c in olds[i1:i2] if c["key"] not in new_keys]
        pairs += [(old_by_key.get(c["key"]), c) for c in news[j1:j2]]
    return pairs


def diff(old: dict, new: dict) -> dict:
    """What changed from snapshot ``old`` to snapshot ``new``: ``{"title", "chapters", "summary"}``."""
    old_all, new_all = _index(old), _index(new)
    chapters = []
    summary = dict.fromkeys(
        (
            "chapters_added",
            "chapters_removed",
            "chapters_renamed",
            "paragraphs_added",
            "paragraphs_removed",
            "paragraphs_changed",
            "paragraphs_moved",
            "rows_added",
            "rows_removed",
            "rows_changed",
        ),
        0,
    )
    for old_ch, new_ch in _chapter_order(old, new):
        status = "added" if old_ch is None else "removed" if new_ch is None else "kept"
        renamed = status == "kept" and old_ch.get("title") != new_ch.get("title")
        paragraphs = _paragraph_changes(old_ch, new_ch, old_all, new_all)
        tables, lines = _generated_changes(old_ch, new_ch)
        if status == "kept" and not (renamed or paragraphs or tables or lines):
            continue
        if status != "kept":
            summary[f"chapters_{status}"] += 1
        summary["chapters_renamed"] += renamed
        for p in paragraphs:
            summary[f"paragraphs_{p['status']}"] += 1
        for table in tables:
            for row in table["rows"]:
                summary[f"rows_{row['status']}"] += 1
        chapters.append(
            {
                "key": (new_ch or old_ch)["key"],
                "title": (new_ch or old_ch).get("title", ""),
                "old_title": old_ch.get("title", "") if renamed else "",
                "status": status,
                "renamed": renamed,
                "paragraphs": paragraphs,
                "tables": tables,
                "lines": lines,
            }
        )
    title = (old.get("title", ""), new.get("title", "")) if old.get("title") != new.get("title") else None
    return {"title": title, "chapters": chapters, "summary": summary}
