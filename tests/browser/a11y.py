"""Accessibility helpers for the browser tests: run the vendored axe-core and report readably.

Use: ``problems = audit(page)`` then ``assert not problems, format_report({page.url: problems})``.
"""

from __future__ import annotations

from pathlib import Path

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAX_TARGETS = 3  # node selectors shown per violated rule


def format_violation(violation: dict) -> str:
    """One axe violation as one readable line: rule, impact, what to do, where, and the rule's docs."""
    nodes = violation.get("nodes", [])
    targets = [" ".join(map(str, node.get("target", []))) for node in nodes[:MAX_TARGETS]]
    more = f" (+{len(nodes) - MAX_TARGETS} more)" if len(nodes) > MAX_TARGETS else ""
    return (
        f"{violation['id']} [{violation.get('impact') or 'n/a'}]: {violation.get('help', '')}"
        f" — {len(nodes)} node(s): {'; '.join(targets)}{more} — {violation.get('helpUrl', '')}"
    )


def audit(page, tags: list[str] | None = None) -> list[str]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; return the violations as readable lines.

    An empty list means no violations; ``tags`` narrows or widens the axe rule tags.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """(tags) => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        tags or WCAG_TAGS,
    )
    return [format_violation(v) for v in result["violations"]]


def format_report(problems: dict[str, list[str]]) -> str:
    """``{page URL: [problem, …]}`` as an indented report, pages in the order they were visited."""
    lines = []
    for url, items in problems.items():
        if items:
            lines.append(url)
            lines.extend(f"    {item}" for item in items)
    return "\n".join(lines)
