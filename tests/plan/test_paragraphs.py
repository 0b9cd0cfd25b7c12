from komplan.plan.paragraphs import assign, split


def test_split_at_blank_lines_keeps_fenced_code_whole():
    assert split("a\nb\n\n\nc\n\n```\nx\n\ny\n```\n") == ["a\nb", "c", "```\nx\n\ny\n```"]
    assert split("") == [] and split("  \n\n ") == []


def test_ids_are_stable_across_edits():
    first = assign([], "Jedna.\n\nDvě.\n\nTři.")
    ids = [p["id"] for p in first]
    assert len(set(ids)) == 3
    # unchanged paragraphs keep their ids, an inserted one gets a new id
    second = assign(first, "Jedna.\n\nNová.\n\nDvě.\n\nTři.")
    assert [p["id"] for p in second][0] == ids[0] and [p["id"] for p in second][2:] == ids[1:]
    assert second[1]["id"] not in ids
    # edited in place keeps the id
    third = assign(second, "Jedna.\n\nNová.\n\nDvě, opraveno.\n\nTři.")
    assert third[2]["id"] == ids[1] and third[2]["text"] == "Dvě, opraveno."
    # moved keeps the id, deleted disappears
    fourth = assign(third, "Tři.\n\nJedna.")
    assert [p["id"] for p in fourth] == [ids[2], ids[0]]
