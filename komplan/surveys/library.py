"""Questionnaire templates a process copies and edits: providers, service users, the public, mayors.

Each template is a questionnaire definition (``definition.py``) per language in ``templates_data/
<slug>.<language>.json``; the Czech and English files have the same keys, choices, conditions and
``maps_to``, only the texts differ. The questions follow docs/domain.md §6 (Odry's provider questionnaire,
MPSV's annual report of providers, the user and public surveys of Moravské Budějovice, Zdice and
České Budějovice, the mayors' surveys of Prachatice and Strakonice). Choice values of codelist questions
are the catalogue's codes (service types, forms, target groups, age groups, funding sources, legal forms),
and the provider survey's ``maps_to`` names are those of ``catalogue_link``.

    for item in templates("cs"):                       # what the builder offers
        item.slug, item.kind, item.title, item.description
    definition = load("providers", "cs")               # a fresh copy to hand to create_survey

No personal data is asked: respondents' contacts for a follow-up are the survey's ``collects_contact``
setting (kept apart, with consent), never questions. The provider survey asks for the service's contact
person — an organisational contact, not a respondent's personal data.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .models import SurveyKind

DATA_DIR = Path(__file__).resolve().parent / "templates_data"
LANGUAGES = ("cs", "en")
DEFAULT_LANGUAGE = "cs"


@dataclass(frozen=True)
class Template:
    slug: str
    kind: str  # a SurveyKind value
    title: dict[str, str]  # language → title
    description: dict[str, str]  # language → what it asks and for whom


@dataclass(frozen=True)
class TemplateInfo:
    """A template in one language, as the builder lists it."""

    slug: str
    kind: str
    title: str
    description: str
    language: str


TEMPLATES: tuple[Template, ...] = (
    Template(
        "providers",
        SurveyKind.PROVIDERS,
        {"cs": "Dotazník pro poskytovatele sociálních služeb", "en": "Questionnaire for social-service providers"},
        {
            "cs": "Vyplňuje se za každou registrovanou službu a referenční rok: identifikace a kontakty, cílové "
            "skupiny a klienti, kapacita podle forem, pořadník a odmítnutí zájemci pro nedostatek kapacity "
            "(§ 91 odst. 3), úvazky, náklady a výnosy podle zdrojů, spolupráce. Odpovědi navrhují změny katalogu.",
            "en": "Filled in per registered service and reference year: identification and contacts, target groups "
            "and clients, capacity per form, waiting list and applicants refused for lack of capacity (§ 91(3)), "
            "staff FTEs, costs and revenues by source, cooperation. Answers propose changes to the catalogue.",
        },
    ),
    Template(
        "users",
        SurveyKind.USERS,
        {"cs": "Dotazník pro uživatele sociálních služeb", "en": "Questionnaire for users of social services"},
        {
            "cs": "Anonymní dotazník pro lidi, kteří služby využívají, a jejich blízké: obec bydliště a základní "
            "údaje, informovanost, které služby využívají a jak jsou spokojeni, proč službu opustili, co chybí.",
            "en": "An anonymous questionnaire for people who use services and those close to them: municipality "
            "and basic data, information, which services they use and how satisfied they are, why they stopped, "
            "what is missing.",
        },
    ),
    Template(
        "public",
        SurveyKind.PUBLIC,
        {"cs": "Anketa pro veřejnost", "en": "Survey of the public"},
        {
            "cs": "Krátká anonymní anketa pro obyvatele: které služby znají, kde hledají informace, zkušenost se "
            "službami, co v obci chybí a co by měla obec podporovat přednostně.",
            "en": "A short anonymous survey of residents: which services they know, where they look for "
            "information, experience with services, what is missing and what the municipality should support first.",
        },
    ),
    Template(
        "mayors",
        SurveyKind.MAYORS,
        {"cs": "Dotazník pro starosty obcí", "en": "Questionnaire for mayors"},
        {
            "cs": "Krátký dotazník pro starosty obcí ORP: služby v obci a jejich dostupnost, skupiny v nouzi, "
            "chybějící služby, byty pro lidi v nepříznivé situaci, podíl obce na financování, informování občanů.",
            "en": "A short questionnaire for the mayors of the ORP's municipalities: services in the municipality "
            "and their availability, groups in need, missing services, flats for people in need, the "
            "municipality's share in funding, informing residents.",
        },
    ),
)
_BY_SLUG = {template.slug: template for template in TEMPLATES}


class UnknownTemplate(LookupError):
    """No template of that slug."""


def _language(language: str | None) -> str:
    """cs/en from a language code such as "en-gb"; anything else falls back to Czech."""
    code = (language or "").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def templates(language: str | None = DEFAULT_LANGUAGE) -> list[TemplateInfo]:
    """The templates with their title and description in ``language`` (cs or en; others fall back to cs)."""
    code = _language(language)
    return [TemplateInfo(t.slug, t.kind, t.title[code], t.description[code], code) for t in TEMPLATES]


def get(slug: str) -> Template:
    try:
        return _BY_SLUG[slug]
    except KeyError:
        raise UnknownTemplate(slug) from None


@cache
def _read(slug: str, code: str) -> dict:
    return json.loads((DATA_DIR / f"{slug}.{code}.json").read_text(encoding="utf-8"))


def load(slug: str, language: str | None = DEFAULT_LANGUAGE) -> dict:
    """The template's questionnaire in ``language``: a fresh copy the caller may change and store."""
    get(slug)
    return copy.deepcopy(_read(slug, _language(language)))
