"""The few XPath expressions of XLSForm that a komplan questionnaire can express, read and written.

Display conditions (``relevant``): ``${q} = 'x'``, ``${q} != 'x'``, ``selected(${q}, 'x')``,
``not(selected(${q}, 'x'))``, ``${q} != ''`` and any ``and`` of these. Bounds (``constraint``): ``. >= 1``,
``. <= 10``, ``1 <= .``, ``count-selected(.) <= 3`` and their ``and``. Anything else is not understood
(``None``) and the importer lists it as unsupported — komplan never guesses at the meaning of an expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAME = r"[^\W\d][\w.\-]*"  # an XML name as XLSForm allows it (letters incl. diacritics, digits, _ . -)
_LITERAL = r"'[^']*'|\"[^\"]*\"|-?\d+(?:\.\d+)?"
_NUMBER = r"-?\d+(?:\.\d+)?"

_CLAUSE = re.compile(
    rf"""\s*(?:
        (?P<negated>not\(\s*)?selected\(\s*\$\{{(?P<sel>{NAME})\}}\s*,\s*(?P<sel_value>{_LITERAL})\s*\)
        (?(negated)\s*\))
      | \$\{{(?P<ref>{NAME})\}}\s*(?P<op>!=|=)\s*(?P<value>{_LITERAL})
      | (?P<value_first>{_LITERAL})\s*(?P<op_first>!=|=)\s*\$\{{(?P<ref_last>{NAME})\}}
    )\s*""",
    re.VERBOSE,
)
_BOUND = re.compile(
    rf"""\s*(?:
        (?P<subject>\.|count-selected\(\s*\.\s*\))\s*(?P<op>>=|<=|>|<)\s*(?P<number>{_NUMBER})
      | (?P<number_first>{_NUMBER})\s*(?P<op_first>>=|<=|>|<)\s*(?P<subject_last>\.|count-selected\(\s*\.\s*\))
    )\s*""",
    re.VERBOSE,
)
_AND = re.compile(r"and\b\s*")
_FLIPPED = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}


@dataclass(frozen=True)
class Clause:
    """``${question} op value``; op is "equals", "not_equals", "selected" or "not_selected"."""

    question: str
    op: str
    value: str


@dataclass(frozen=True)
class Bound:
    """``subject op number``; subject is "value" (``.``) or "count" (``count-selected(.)``)."""

    subject: str
    op: str
    number: float


def _unquote(literal: str) -> str:
    if literal[:1] in "'\"":
        return literal[1:-1]
    return literal


def _conjunction(expression: str, pattern: re.Pattern, build) -> list | None:
    """The clauses of ``A and B and …`` when every part matches ``pattern``, else None."""
    items, position, text = [], 0, expression.strip()
    if not text:
        return None
    while True:
        match = pattern.match(text, position)
        if match is None:
            return None
        items.append(build(match))
        position = match.end()
        if position == len(text):
            return items
        joint = _AND.match(text, position)
        if joint is None:
            return None
        position = joint.end()


def _clause(match: re.Match) -> Clause:
    if match["sel"]:
        op = "not_selected" if match["negated"] else "selected"
        return Clause(match["sel"], op, _unquote(match["sel_value"]))
    if match["ref"]:
        return Clause(match["ref"], "equals" if match["op"] == "=" else "not_equals", _unquote(match["value"]))
    op = "equals" if match["op_first"] == "=" else "not_equals"
    return Clause(match["ref_last"], op, _unquote(match["value_first"]))


def _bound(match: re.Match) -> Bound:
    if match["subject"]:
        subject, op, number = match["subject"], match["op"], match["number"]
    else:  # "1 <= ." reads as ". >= 1"
        subject, op, number = match["subject_last"], _FLIPPED[match["op_first"]], match["number_first"]
    return Bound("value" if subject == "." else "count", op, float(number))


def parse_relevant(expression: str) -> list[Clause] | None:
    """The clauses of a simple display condition, or None when it is anything more complex."""
    return _conjunction(expression, _CLAUSE, _clause)


def parse_bounds(expression: str) -> list[Bound] | None:
    """The bounds of a simple constraint, or None when it is anything more complex."""
    return _conjunction(expression, _BOUND, _bound)


def quote(value) -> str:
    """An XPath string literal (XPath 1.0 has no escapes: pick the quote the value does not contain)."""
    text = str(value)
    return f'"{text}"' if "'" in text else f"'{text}'"


def render_relevant(conditions, name_of) -> str:
    """The ``relevant`` expression of komplan conditions; ``name_of`` maps a question key to its XLSForm name."""
    parts = []
    for condition in conditions:
        ref = "${" + name_of(condition.question) + "}"
        if condition.op == "answered":
            parts.append(f"{ref} != ''")
        elif condition.op == "includes":
            parts.append(f"selected({ref}, {quote(condition.value)})")
        else:
            op = "=" if condition.op == "equals" else "!="
            parts.append(f"{ref} {op} {quote(condition.value)}")
    return " and ".join(parts)


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def render_bounds(low, high, *, count: bool = False) -> str:
    subject = "count-selected(.)" if count else "."
    parts = []
    if low is not None:
        parts.append(f"{subject} >= {_plain(low)}")
    if high is not None:
        parts.append(f"{subject} <= {_plain(high)}")
    return " and ".join(parts)
