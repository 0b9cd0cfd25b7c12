"""The table of contents of a new plan (domain.md §5.2 and issue #8): chapters and their default blocks.

Narrative placeholders start with "[K doplnění]"-style markers (``PLACEHOLDER``) so they are easy to spot;
generated blocks name a source of komplan.plan.sources.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import paragraphs

TOC = [
    ("uvod", gettext_lazy("Introduction and basic information"), ["text"]),
    ("priprava", gettext_lazy("How the plan was prepared"), ["text", "preparation"]),
    ("hodnoceni", gettext_lazy("Evaluation of the previous plan"), ["text"]),
    ("demografie", gettext_lazy("Socio-demographic analysis"), ["demography"]),
    ("pruzkumy", gettext_lazy("Surveys"), ["surveys"]),
    ("potreby", gettext_lazy("Needs and resources"), ["needs"]),
    ("swot", gettext_lazy("SWOT analysis"), ["swot"]),
    ("vize", gettext_lazy("Vision"), ["vision"]),
    ("strategie", gettext_lazy("Priorities, measures and activities"), ["text", "strategy"]),
    ("akcni-plan", gettext_lazy("Action plan"), ["action_plan"]),
    ("zasobnik", gettext_lazy("Project store"), ["project_store"]),
    ("povinnosti", gettext_lazy("Obligations of the participants"), ["text"]),
    ("monitoring", gettext_lazy("Monitoring and evaluation"), ["text"]),
    ("zmeny", gettext_lazy("How the plan is changed"), ["text"]),
    ("ucastnici", gettext_lazy("List of participants"), ["participants"]),
    ("slovnik", gettext_lazy("Glossary"), ["text"]),
]


def placeholder(title: str) -> str:
    return _("**[To be written]** The text of the chapter “%(title)s” has not been written yet.") % {"title": title}


def default_chapters() -> list[dict]:
    """[{key, order, title, blocks: [{kind, paragraphs | source}]}] in the order of the table of contents."""
    chapters = []
    for order, (key, title, blocks) in enumerate(TOC, start=1):
        items = []
        for block in blocks:
            if block == "text":
                items.append({"kind": "narrative", "paragraphs": paragraphs.assign([], placeholder(str(title)))})
            else:
                items.append({"kind": "generated", "source": block})
        chapters.append({"key": key, "order": order, "title": str(title), "blocks": items})
    return chapters
