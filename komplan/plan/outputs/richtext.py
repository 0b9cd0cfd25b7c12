"""Our sanitised Markdown as a tree of plain data, for the PDF (Typst) and DOCX renderers.

The Markdown goes through komplan.lib.markdown first (the same nh3 allow-list as the web version), and the
resulting HTML is parsed into nodes: a node is a string (text) or ``{"tag": "p"|"h2"|…|"a", "href"?, "children"}``.
The Typst template walks the tree and places every string as *text*, never as markup, so a user's ``#``, ``$``,
``*``, ``[`` or ``@`` cannot become Typst code: no escaping to get wrong. Tags outside the allow-list cannot
occur (nh3 removed them); unknown ones are flattened to their children.
"""

from __future__ import annotations

from html.parser import HTMLParser

from komplan.lib.markdown import render_markdown

BLOCK_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "pre", "hr", "table", "thead", "tbody", "tr"}
BLOCK_TAGS |= {"th", "td", "dl", "dt", "dd"}
INLINE_TAGS = {"strong", "em", "code", "a", "br", "abbr"}
VOID = {"br", "hr"}
CONTAINERS = (BLOCK_TAGS | {"root"}) - {"p", "li", "th", "td", "dt", "dd", "pre"}  # whitespace in them is layout


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root: dict = {"tag": "root", "children": []}
        self.stack = [self.root]
        self.pre = 0

    def handle_starttag(self, tag, attrs):
        if tag not in BLOCK_TAGS | INLINE_TAGS:
            return
        node: dict = {"tag": tag, "children": []}
        if tag == "a":
            node["href"] = dict(attrs).get("href") or ""
        self.stack[-1]["children"].append(node)
        if tag in VOID:
            return
        if tag == "pre":
            self.pre += 1
        self.stack.append(node)

    def handle_endtag(self, tag):
        if tag not in BLOCK_TAGS | INLINE_TAGS or tag in VOID:
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth]["tag"] == tag:
                del self.stack[depth:]
                break
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if not self.pre:
            if not data.strip() and self.stack[-1]["tag"] in CONTAINERS:
                return  # whitespace between block elements
            data = " ".join(data.split("\n"))
        children = self.stack[-1]["children"]
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def parse(markdown_text: str) -> list:
    """Markdown → a list of block nodes (see the module docstring)."""
    builder = _Builder()
    builder.feed(render_markdown(markdown_text or ""))
    builder.close()
    return builder.root["children"]


def plain(node) -> str:
    """The text of a node without any markup (for alt texts, table cells, tests)."""
    if isinstance(node, str):
        return node
    if node.get("tag") == "br":
        return "\n"
    return "".join(plain(child) for child in node.get("children", []))
