"""The diff between two snapshots (pure functions, no database)."""

import copy

from komplan.plan.diff import diff, rows, words


def _doc(*chapters):
    return {"title": "Plán", "period_from": 2008, "period_to": 2010, "chapters": list(chapters)}


def _chapter(key, title, paragraphs=(), items=()):
    blocks = [{"kind": "narrative", "paragraphs": [{"id": i, "text": t} for i, t in paragraphs]}]
    if items:
        blocks.append({"kind": "generated", "source": "strategy", "items": list(items)})
    return {"key": key, "title": title, "blocks": blocks}


def _table(rows_, caption="Akční plán 2008"):
    return {"type": "table", "caption": caption, "header": ["Číslo", "Aktivita", "Náklady"], "rows": rows_}


OLD = _doc(
    _chapter("uvod", "Úvod", [("a1", "První odstavec."), ("a2", "Druhý odstavec."), ("a3", "Třetí.")]),
    _chapter(
        "akcni-plan",
        "Akční plán",
        [("b1", "Akční plán na rok 2008.")],
        [_table([["1.1", "Pečovatelská služba", "100"], ["1.2", "Denní stacionář", "50"]])],
    ),
)


def test_identical_snapshots_have_no_changes():
    result = diff(OLD, copy.deepcopy(OLD))
    assert result["chapters"] == [] and not any(result["summary"].values()) and result["title"] is None


def test_paragraph_changed_added_removed():
    new = copy.deepcopy(OLD)
    paragraphs = new["chapters"][0]["blocks"][0]["paragraphs"]
    paragraphs[0]["text"] = "První upravený odstavec."
    del paragraphs[1]
    paragraphs.append({"id": "a9", "text": "Nový odstavec."})
    (chapter,) = diff(OLD, new)["chapters"]
    by_id = {p["id"]: p for p in chapter["paragraphs"]}
    assert by_id["a1"]["status"] == "changed"
    assert {"op": "insert", "text": " upravený"} in by_id["a1"]["words"]
    assert by_id["a2"]["status"] == "removed" and by_id["a2"]["old_text"] == "Druhý odstavec."
    assert by_id["a9"]["status"] == "added" and by_id["a9"]["text"] == "Nový odstavec."
    assert "a3" not in by_id


def test_paragraph_moved_within_and_across_chapters():
    new = copy.deepcopy(OLD)
    intro = new["chapters"][0]["blocks"][0]["paragraphs"]
    intro.insert(0, intro.pop(2))  # a3 to the top
    moved = intro.pop(1)  # a1 (now second) into the action plan, edited
    moved["text"] = "První odstavec, přesunutý."
    new["chapters"][1]["blocks"][0]["paragraphs"].append(moved)
    result = diff(OLD, new)
    intro_changes = {p["id"]: p for p in result["chapters"][0]["paragraphs"]}
    assert intro_changes["a3"]["status"] == "moved" and intro_changes["a3"]["moved_from"] is None
    assert not intro_changes["a3"]["changed"]
    assert "a1" not in intro_changes  # reported where it landed, not as removed
    (landed,) = result["chapters"][1]["paragraphs"]
    assert landed["status"] == "moved" and landed["moved_from"] == "uvod" and landed["changed"]
    assert landed["moved_from_title"] == "Úvod"
    assert result["summary"]["paragraphs_moved"] == 2 and result["summary"]["paragraphs_removed"] == 0


def test_table_rows_added_removed_changed():
    new = copy.deepcopy(OLD)
    table = new["chapters"][1]["blocks"][1]["items"][0]
    table["rows"] = [["1.1", "Pečovatelská služba", "120"], ["1.3", "Odlehčovací služba", "30"]]
    (chapter,) = diff(OLD, new)["chapters"]
    (change,) = chapter["tables"]
    statuses = [(r["status"], r["cells"][0]) for r in change["rows"]]
    assert ("changed", "1.1") in statuses and ("added", "1.3") in statuses and ("removed", "1.2") in statuses
    changed = next(r for r in change["rows"] if r["status"] == "changed")
    assert changed["old_cells"][2] == "100" and changed["changed_cells"] == [False, False, True]
    assert chapter["paragraphs"] == []


def test_rows_unchanged_are_counted():
    changes, same = rows([["1", "a"], ["2", "b"], ["3", "c"]], [["1", "a"], ["2", "B"], ["3", "c"]])
    assert same == 2 and [c["status"] for c in changes] == ["changed"]


def test_chapter_added_removed_renamed():
    new = copy.deepcopy(OLD)
    new["chapters"][0]["title"] = "Úvod a základní informace"
    new["chapters"].insert(1, _chapter("vize", "Vize", [("c1", "Vize komunity.")]))
    del new["chapters"][2]  # the action plan
    result = diff(OLD, new)
    by_key = {c["key"]: c for c in result["chapters"]}
    assert by_key["uvod"]["renamed"] and by_key["uvod"]["old_title"] == "Úvod"
    assert by_key["vize"]["status"] == "added" and by_key["vize"]["paragraphs"][0]["status"] == "added"
    removed = by_key["akcni-plan"]
    assert removed["status"] == "removed" and removed["tables"][0]["status"] == "removed"
    assert result["summary"]["chapters_added"] == 1 and result["summary"]["chapters_removed"] == 1


def test_generated_lines_and_new_table():
    new = copy.deepcopy(OLD)
    new["chapters"][1]["blocks"][1]["items"].insert(0, {"type": "paragraph", "text": "Aktivity roku 2009."})
    new["chapters"][1]["blocks"][1]["items"].append(_table([["2.1", "Nová", "1"]], caption="Akční plán 2009"))
    (chapter,) = diff(OLD, new)["chapters"]
    assert chapter["lines"] == [{"status": "added", "text": "Aktivity roku 2009."}]
    assert [t["status"] for t in chapter["tables"]] == ["added"]


def test_words_keep_the_whitespace_and_punctuation():
    ops = words("Město má 3 služby.", "Město má 4 služby!")
    assert "".join(o["text"] for o in ops if o["op"] != "insert") == "Město má 3 služby."
    assert "".join(o["text"] for o in ops if o["op"] != "delete") == "Město má 4 služby!"


def test_a_rewritten_paragraph_is_shown_replaced_as_a_whole():
    old = "Po vypořádání připomínek ji projednají účastníci procesu a předloží zastupitelstvu ke schválení."
    new = "Celkem bylo doručeno pět připomínek občanů; tři nesouvisely s plánem."
    assert words(old, new) == [{"op": "delete", "text": old}, {"op": "insert", "text": new}]


def test_short_unchanged_glue_between_changes_joins_the_change():
    ops = words("jedna dvě tři čtyři pět šest", "jedna DVĚ TŘI čtyři pět šest")
    assert ops == [
        {"op": "equal", "text": "jedna "},
        {"op": "delete", "text": "dvě tři"},
        {"op": "insert", "text": "DVĚ TŘI"},
        {"op": "equal", "text": " čtyři pět šest"},
    ]
