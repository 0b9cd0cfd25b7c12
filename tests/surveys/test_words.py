"""Word frequencies of free-text answers by Czech lemma."""

from __future__ import annotations

import pytest
from simplemma import lemmatize

from komplan.surveys.words import CZECH_STOP_WORDS, OVERRIDES, frequencies, lemma, lemmas, tokens


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("služby", "služba"),
        ("službách", "služba"),
        ("Senioři", "senior"),
        ("seniorů", "senior"),
        ("stacionáře", "stacionář"),
        ("stacionářů", "stacionář"),
        ("pečovatelská", "pečovatelský"),
        ("pečovatelskou", "pečovatelský"),
        ("odlehčovacích", "odlehčovací"),
        ("autobusy", "autobus"),
        ("dluhy", "dluh"),
    ],
)
def test_lemmas_of_our_field(word, expected):
    assert lemma(word) == expected


def test_overrides_are_still_needed():
    # When simplemma learns a word, its override can go: this lists the ones it now gets right by itself.
    learnt = [word for word, base in OVERRIDES.items() if lemmatize(word, lang="cs").lower() == base]
    assert len(learnt) < len(OVERRIDES) / 2, learnt


def test_tokens_keep_hyphenated_words_and_drop_numbers():
    assert tokens("Senior-taxi 3x týdně, a 24/7!") == ["Senior-taxi", "týdně"]


def test_stop_words_are_dropped():
    assert lemmas("Chybí nám tady denní stacionář a je to velmi drahé.") == [
        "chybět",
        "tady",
        "denní",
        "stacionář",
        "drahý",
    ]
    assert "a" in CZECH_STOP_WORDS


def test_frequencies_count_answers_then_occurrences():
    texts = [
        "Chybí denní stacionář pro seniory.",
        "Senioři potřebují stacionáře, stacionáře a stacionáře.",
        "Více pečovatelské služby pro seniory.",
        "",
    ]

    counts = frequencies(texts)

    assert [(c.lemma, c.answers, c.occurrences) for c in counts[:2]] == [("senior", 3, 3), ("stacionář", 2, 4)]
    assert "služba" not in {c.lemma for c in counts}  # a stop word for every survey about social services


def test_public_threshold_hides_words_of_one_answer():
    texts = ["Paní Nováková z Lidické ulice", "Pečovatelská služba", "pečovatelskou službu potřebuji"]

    public = frequencies(texts, min_answers=2)

    assert [c.lemma for c in public] == ["pečovatelský"]


def test_limit_and_czech_order():
    counts = frequencies(["čas cena"], limit=None)
    assert [c.lemma for c in counts] == ["cena", "čas"]
    assert len(frequencies(["a b c dům les pole hora řeka"], limit=2)) == 2


def test_english():
    assert lemmas("The services for older people are missing", "en") == ["old", "people", "miss"]
