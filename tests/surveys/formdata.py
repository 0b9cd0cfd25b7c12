"""What a browser would submit from a rendered form: the successful controls of the HTML, as a QueryDict.

Used to test that rendering and parsing agree (answers → form → POST → the same answers) without a
browser: checked radio buttons and check boxes, text inputs, textareas and selected options, skipping
disabled controls, like the HTML form submission algorithm.
"""

from __future__ import annotations

from html.parser import HTMLParser

from django.http import QueryDict


class _Controls(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pairs: list[tuple[str, str]] = []
        self.ids: list[str] = []
        self._textarea: dict | None = None
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if "disabled" in a:
            return
        if tag == "input":
            self._input(a)
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"name": a["name"], "text": ""}
        elif tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "first": None, "chosen": None}
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in a:
                self._select["chosen"] = value

    def _input(self, a):
        kind = a.get("type", "text")
        name = a.get("name")
        if not name or kind in ("submit", "button", "image", "file"):
            return
        if kind in ("radio", "checkbox"):
            if "checked" in a:
                self.pairs.append((name, a.get("value", "on")))
        else:
            self.pairs.append((name, a.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            self.pairs.append((self._textarea["name"], text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"] if self._select["chosen"] is not None else self._select["first"]
            self.pairs.append((self._select["name"], chosen or ""))
            self._select = None


def form_data(html: str, **extra: str) -> QueryDict:
    """The submission of the form in ``html`` (plus ``extra`` fields, e.g. the pressed button)."""
    parser = _Controls()
    parser.feed(html)
    data = QueryDict(mutable=True)
    for name, value in [*parser.pairs, *extra.items()]:
        data.appendlist(name, value)
    return data


def element_ids(html: str) -> list[str]:
    parser = _Controls()
    parser.feed(html)
    return parser.ids
