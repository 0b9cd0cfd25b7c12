"""Word frequencies of free-text answers, counted by lemma ("služby", "službách" → "služba"), without stop words.

Lemmas come from simplemma 2.0.0 (a dictionary lookup, no model) plus ``OVERRIDES`` for words of our
field it misses or gets wrong ("senioři", "stacionáře", "odlehčovacích"). Each lemma is counted twice:
in how many answers it occurs (``answers``, the figure to rank by: one talkative respondent does not
make a topic) and how often in all (``occurrences``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from komplan.lib.text import czech_key

# Words of social-service answers simplemma 2.0.0 leaves unlemmatised or lemmatises wrongly (checked by
# tests/surveys/test_words.py, so an upgrade that learns them shows up).
OVERRIDES = {
    **dict.fromkeys(("senioři", "seniorů", "seniorům", "seniory", "seniorech", "seniorem", "seniore"), "senior"),
    **dict.fromkeys(
        ("seniorka", "seniorky", "seniorek", "seniorkám", "seniorkou", "seniorce", "seniorkami"), "seniorka"
    ),
    **dict.fromkeys(
        ("stacionáře", "stacionářů", "stacionáři", "stacionářem", "stacionářům", "stacionářích", "stacionářemi"),
        "stacionář",
    ),
    **dict.fromkeys(
        ("pečovatelská", "pečovatelské", "pečovatelskou", "pečovatelských", "pečovatelským"), "pečovatelský"
    ),
    **dict.fromkeys(("pečovatelky", "pečovatelek", "pečovatelce", "pečovatelkou", "pečovatelkám"), "pečovatelka"),
    **dict.fromkeys(("hospicu", "hospice", "hospiců", "hospicem", "hospicích"), "hospic"),
    **dict.fromkeys(("odlehčovacích", "odlehčovacím", "odlehčovacími"), "odlehčovací"),
    **dict.fromkeys(("nízkoprahové", "nízkoprahová", "nízkoprahovou", "nízkoprahových"), "nízkoprahový"),
    **dict.fromkeys(("bezbariérová", "bezbariérovou", "bezbariérových"), "bezbariérový"),
    "lepší": "dobrý",
}

# Function words and words every answer about social services contains. Kept short on purpose: a word that
# carries meaning in some answers ("doma", "pomoc") stays in.
_CZECH = """
    a aby abych aj ale ani ano asi až bez bude budou by byl byla byli bylo být co či další dál do dobrý hodně
    i jak jako je jeho jej její jejich jen jenž ještě již jsem jsi jsme jsou jste k kam kde kdo kdy když ke
    který kvůli mi mít mně mnou moc můj my na nad nám námi nás náš ne nebo než nic něco někdo není nějaký
    o od ode on ona oni ono pak po pod podle pokud pouze pro proč proto protože před při s se si sice snad
    spíš stát svůj ta tak také takže tam tato ten tento teď tedy ti tím to toho tomu totiž tu ty tyto u už
    v ve velmi více vy vám vás váš však všechno z za zda zde ze že být mít jít moci muset chtít jiný
    sociální služba město obec
"""
_ENGLISH = """
    a an and are as at be been but by can could do for from has have i if in into is it its more my no not
    of on or our so than that the their there they this to too very was we were what when which who will
    with would you your service services social town
"""
CZECH_STOP_WORDS = frozenset(_CZECH.split())
ENGLISH_STOP_WORDS = frozenset(_ENGLISH.split())
STOP_WORDS = {"cs": CZECH_STOP_WORDS, "en": ENGLISH_STOP_WORDS}

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # letters, with inner hyphens ("senior-taxi"); no digits
MIN_LENGTH = 2


@dataclass(frozen=True)
class WordCount:
    lemma: str
    answers: int  # answers that contain it
    occurrences: int  # times it occurs in all answers


@functools.lru_cache(maxsize=100_000)
def lemma(word: str, language: str = "cs") -> str:
    """The lemma of one word, lower-case."""
    from simplemma import lemmatize

    word = word.lower()
    if language == "cs" and word in OVERRIDES:
        return OVERRIDES[word]
    try:
        return lemmatize(word, lang=language).lower()
    except ValueError:  # a language simplemma does not know: count the word forms
        return word


def tokens(text: str) -> list[str]:
    return [match.group(0) for match in _WORD.finditer(text) if len(match.group(0)) >= MIN_LENGTH]


def lemmas(text: str, language: str = "cs") -> list[str]:
    """The lemmas of a text that count: stop words and one-letter words left out."""
    stop = STOP_WORDS.get(language, frozenset())
    result = []
    for token in tokens(text):
        base = lemma(token, language)
        if base not in stop and token.lower() not in stop and len(base) >= MIN_LENGTH:
            result.append(base)
    return result


def frequencies(
    texts: Iterable[str], language: str = "cs", *, limit: int | None = 30, min_answers: int = 1
) -> list[WordCount]:
    """The most frequent lemmas, by the number of answers containing them, then occurrences, then Czech order.

    ``min_answers`` leaves out lemmas used in fewer answers: public pages use 2, so a word only one person
    wrote (a name, a street) is never shown.
    """
    in_answers: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    for text in texts:
        found = lemmas(text, language)
        occurrences.update(found)
        in_answers.update(set(found))
    counts = [WordCount(word, n, occurrences[word]) for word, n in in_answers.items() if n >= min_answers]
    counts.sort(key=lambda c: (-c.answers, -c.occurrences, czech_key(c.lemma)))
    return counts if limit is None else counts[:limit]
