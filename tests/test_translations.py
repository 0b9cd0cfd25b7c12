"""The Czech catalogue is complete: every UI string has a Czech translation, none is fuzzy."""

import re
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[1] / "komplan" / "locale" / "cs" / "LC_MESSAGES" / "django.po"


def _entries(text: str):
    """Yield (msgid, {msgstr key: value}, flags) for each entry of a .po file (obsolete ones skipped)."""
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if "msgid" in fields:
            yield fields["msgid"], {k: v for k, v in fields.items() if k.startswith("msgstr")}, flags


def test_every_czech_string_is_translated():
    text = CATALOGUE.read_text(encoding="utf-8")
    untranslated, fuzzy = [], []
    for msgid, msgstrs, flags in _entries(text):
        if msgid == "":
            assert "fuzzy" not in flags, "the catalogue header is still marked fuzzy"
            continue
        if "fuzzy" in flags:
            fuzzy.append(msgid)
        if not msgstrs or any(value == "" for value in msgstrs.values()):
            untranslated.append(msgid)
    assert not untranslated, f"{len(untranslated)} untranslated Czech strings, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy Czech strings, e.g. {fuzzy[:5]}"


def test_czech_plurals_have_three_forms():
    text = CATALOGUE.read_text(encoding="utf-8")
    assert "nplurals=3;" in text
    for msgid, msgstrs, _flags in _entries(text):
        if any(key.startswith("msgstr[") for key in msgstrs):
            assert set(msgstrs) == {"msgstr[0]", "msgstr[1]", "msgstr[2]"}, msgid
