"""What an evidence link says and where it points (pure given the rows; the survey definitions are parsed once).

* survey result → the survey's results page at the question (``#otazka-<key>``); the link only for those who
  may see the results (public results, or members of the process);
* demographic indicator → the public socio-demographic analysis (``?obec=<code>`` for one municipality), at the
  section showing the indicator;
* catalogue gap → the public catalogue filtered by the type of service (``?type=<code>``). Until the
  needs-vs-supply module (issue #7) exists, a gap is a claim by the group, with its note.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from komplan.surveys.definition import parse

from .models import EvidenceKind, SwotEvidence

# Indicators of komplan.demography.engine.indicators (KEYS) an item can point to, with the page section.
INDICATORS = {
    "total": (gettext_lazy("Population"), "vyhled"),
    "age_0_14": (gettext_lazy("Aged 0–14"), "vyhled"),
    "age_65_plus": (gettext_lazy("Aged 65+"), "vyhled"),
    "age_80_plus": (gettext_lazy("Aged 80+"), "vyhled"),
    "share_0_14": (gettext_lazy("Share aged 0–14 (%)"), "obce"),
    "share_65_plus": (gettext_lazy("Share aged 65+ (%)"), "vyhled"),
    "share_80_plus": (gettext_lazy("Share aged 80+ (%)"), "obce"),
    "ageing_index": (gettext_lazy("Ageing index"), "vyhled"),
    "old_age_dependency": (gettext_lazy("Old-age dependency ratio"), "obce"),
    "economic_dependency": (gettext_lazy("Economic dependency ratio"), "obce"),
    "mean_age": (gettext_lazy("Mean age"), "vyhled"),
}


@dataclass(frozen=True)
class EvidenceLink:
    pk: int
    kind: str
    kind_label: str
    label: str
    url: str | None
    note: str


class QuestionLabels:
    """Question labels of surveys by key, each survey's current questionnaire parsed at most once."""

    def __init__(self):
        self._cache: dict[int, dict[str, str]] = {}

    def label(self, survey, key: str) -> str:
        if survey.pk not in self._cache:
            version = survey.current_version()
            definition = parse(version.definition) if version else None
            self._cache[survey.pk] = {q.key: q.label for q in definition.questions()} if definition else {}
        return self._cache[survey.pk].get(key, key)


def survey_visible(survey, insider: bool) -> bool:
    return insider or (survey.results_public and survey.is_published)


def link(evidence: SwotEvidence, process, insider: bool, labels: QuestionLabels | None = None) -> EvidenceLink:
    kind_label = str(evidence.get_kind_display())
    if evidence.kind == EvidenceKind.SURVEY:
        survey = evidence.survey
        question = (labels or QuestionLabels()).label(survey, evidence.question_key) if evidence.question_key else ""
        label = f"{survey.title}: {question}" if question else survey.title
        url = None
        if survey_visible(survey, insider):
            url = reverse("survey_results:results", kwargs={"process": process.slug, "survey": survey.slug})
            url += f"#otazka-{evidence.question_key}" if evidence.question_key else ""
        return EvidenceLink(evidence.pk, evidence.kind, kind_label, label, url, evidence.note)
    if evidence.kind == EvidenceKind.INDICATOR:
        name, anchor = INDICATORS.get(evidence.indicator, (evidence.indicator, "vyhled"))
        where = evidence.territory.name if evidence.territory_id else _("planning area")
        label = f"{name} – {where}" + (f", {evidence.year}" if evidence.year else "")
        url = reverse("portal:demography", kwargs={"process": process.slug})
        if evidence.territory_id:
            url += "?" + urlencode({"obec": evidence.territory.code})
        return EvidenceLink(evidence.pk, evidence.kind, kind_label, label, f"{url}#{anchor}", evidence.note)
    label = evidence.service_type.label
    url = (
        reverse("portal:catalogue", kwargs={"process": process.slug})
        + "?"
        + urlencode({"type": evidence.service_type.code})
    )
    return EvidenceLink(evidence.pk, evidence.kind, kind_label, label, url, evidence.note)
