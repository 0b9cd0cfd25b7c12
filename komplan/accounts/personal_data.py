"""Sections of the personal-data export contributed by the apps above accounts.

accounts sits low in the import layers, so it cannot ask the planning apps what they store about a person.
Each of them registers a function in its ``AppConfig.ready``; the export (``services.personal_data``) calls
them all. Deletion needs no hook: every link to a person or a membership is ``CASCADE`` (the person's own
records, e.g. votes) or ``SET_NULL`` (shared records keep their content, lose the name), which tests of each
app check.
"""

from __future__ import annotations

from collections.abc import Callable

# key in the export → function(user) returning JSON-ready data
_SECTIONS: dict[str, Callable] = {}


def register(key: str, collect: Callable) -> None:
    """Add a section to the export; registering the same key again replaces it (reloads in tests)."""
    _SECTIONS[key] = collect


def sections(user) -> dict:
    return {key: collect(user) for key, collect in sorted(_SECTIONS.items())}
