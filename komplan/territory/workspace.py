"""Panels that higher apps put on the workspace overview (territory cannot import them, so they register here).

A panel is a function of the request returning ``None`` (nothing to show) or a dict with ``template`` and the
context that template needs; apps register theirs in ``AppConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Callable

Panel = Callable[[object], dict | None]
_PANELS: dict[str, Panel] = {}


def register(key: str, panel: Panel) -> None:
    _PANELS[key] = panel  # by key, so a second ready() does not add it twice


def panels(request) -> list[dict]:
    return [shown for shown in (panel(request) for panel in _PANELS.values()) if shown]
