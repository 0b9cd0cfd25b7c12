"""The approval note of a version, its council body and the Czech grammar they need (pure functions).

The note reads “Schváleno usnesením Zastupitelstva města Slaný č. 123/2007 ze dne 19. 12. 2007”: the body stands
in the genitive there. Bodies are free text, so the usual heads (zastupitelstvo, rada, …) are declined and an
unknown one is kept as written inside a sentence that needs no declension.
"""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext

# Nominative → genitive of the words a council body's name starts with (the rest, "města Slaný", is already in
# the genitive). Lower-case keys; the capital letter of the name is kept.
GENITIVE = {
    "zastupitelstvo": "zastupitelstva",
    "rada": "rady",
    "městské": "městského",
    "obecní": "obecního",
    "krajské": "krajského",
    "valná": "valné",
    "hromada": "hromady",
    "správní": "správní",
    "výbor": "výboru",
    "komise": "komise",
}
HEADS = {"zastupitelstvo", "rada", "hromada", "výbor", "komise"}


def genitive(body: str) -> str | None:
    """The Czech genitive of ``body`` (“Zastupitelstvo města Slaný” → “Zastupitelstva města Slaný”), or None when
    the name does not start with a known head noun (optionally after one known adjective)."""
    words = body.split()
    out = []
    for index, word in enumerate(words):
        form = GENITIVE.get(word.lower())
        if form is None:
            return None
        out.append(form[0].upper() + form[1:] if word[:1].isupper() else form)
        if word.lower() in HEADS:
            return " ".join(out + words[index + 1 :])
        if index >= 1:
            return None
    return None


def default_body(municipality_name: str, population: int | None) -> str:
    """The prefilled body: the council of the responsible municipality (“města” from 3 000 inhabitants, the
    threshold of § 3 of the Municipalities Act for a town; the coordinator corrects it when it is wrong)."""
    kind = "města" if (population or 0) >= 3000 else "obce"
    return f"Zastupitelstvo {kind} {municipality_name}".strip()


def approval_note(body: str, number: str, date: dt.date) -> str:
    """The sentence for the cover and the pages in the active language."""
    values = {"number": number, "date": f"{date.day}. {date.month}. {date.year}", "body": body}
    if not number:
        # A historical record may know the date of the resolution but not its number (the Slaný demo: the town's
        # page gives the date only); the note then leaves the number out instead of showing an empty one.
        return _note_without_number(values)
    if (translation.get_language() or "cs").startswith("cs"):
        declined = genitive(body) if body else None
        if declined:
            # The Czech msgstr needs the genitive, which the English text has no use for.
            return gettext("Approved by the resolution of the %(body)s No. %(number)s of %(date)s") % {
                **values,
                "body": declined,
            }
    if not body:
        return gettext("Approved by the resolution No. %(number)s of %(date)s") % values
    return gettext("Approved by %(body)s, resolution No. %(number)s of %(date)s") % values


def _note_without_number(values: dict) -> str:
    body = values["body"]
    if (translation.get_language() or "cs").startswith("cs"):
        declined = genitive(body) if body else None
        if declined:
            return gettext("Approved by the resolution of the %(body)s of %(date)s") % {**values, "body": declined}
    if not body:
        return gettext("Approved by a resolution of %(date)s") % values
    return gettext("Approved by %(body)s, resolution of %(date)s") % values
