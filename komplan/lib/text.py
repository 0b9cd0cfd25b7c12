"""Text helpers for Czech: search that ignores case and diacritics."""

import functools
import unicodedata

import czech_sort


def fold(text: str) -> str:
    """Lower-case text without diacritics, so that "prerov" finds "Přerov" and "KOJETÍN" finds "Kojetín"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@functools.lru_cache(maxsize=65536)
def czech_key(text: str):
    """Sort key for Czech order (ch after h, Č after C); cached, because czech_sort is slow (~0.4 ms a name)
    and the same names (municipalities, services, providers) are sorted on every page."""
    return czech_sort.key(text)
