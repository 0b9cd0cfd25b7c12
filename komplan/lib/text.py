"""Text helpers for Czech: search that ignores case and diacritics."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case text without diacritics, so that "prerov" finds "Přerov" and "KOJETÍN" finds "Kojetín"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
