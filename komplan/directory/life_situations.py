"""Life situations: a curated way into the catalogue for people who do not know the types of services.

"Pečuji o blízkého doma" leads to home care, respite care, personal assistance, telecare, day
centres… The mapping is data (``data/life_situations.csv``, see ``life_situations.SOURCE.md``): each
situation has a slug (the ``situation`` filter value), a Czech and an English label, MPSV codes of
service types and, optionally, of target groups. A service belongs to a situation when its type is
one of the situation's types **or** it is aimed at one of its target groups.

The file is read and checked once per process (codes must exist in the codelist tables); a broken
file stops the first use with the file name and line.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils import translation

DATA_DIR = Path(__file__).resolve().parent / "data"
SITUATIONS_FILE = DATA_DIR / "life_situations.csv"
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class LifeSituationError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class LifeSituation:
    slug: str
    name_cs: str
    name_en: str
    service_types: tuple[str, ...]
    target_groups: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The label in the active language (Czech when there is no English one)."""
        return self.name_en if translation.get_language() == "en" and self.name_en else self.name_cs

    def __str__(self) -> str:
        return self.label


def _codes_of(table: str) -> set[str]:
    with (DATA_DIR / table).open(encoding="utf-8", newline="") as handle:
        return {row["code"] for row in csv.DictReader(handle)}


def read_situations(path: Path = SITUATIONS_FILE) -> tuple[LifeSituation, ...]:
    """Read and check the file; every problem is reported with its line."""
    known_types, known_groups = _codes_of("service_types.csv"), _codes_of("target_groups.csv")
    errors: list[str] = []
    situations: list[LifeSituation] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            slug = (row.get("slug") or "").strip()
            where = f"{path.name}, line {line}"
            if not SLUG_PATTERN.match(slug):
                errors.append(f"{where}: slug {slug!r} is not lower-case letters, digits and hyphens")
            elif slug in seen:
                errors.append(f"{where}: slug {slug!r} is repeated")
            seen.add(slug)
            if not (row.get("name_cs") or "").strip() or not (row.get("name_en") or "").strip():
                errors.append(f"{where}: name_cs and name_en are required")
            types = tuple((row.get("service_types") or "").split())
            groups = tuple((row.get("target_groups") or "").split())
            if not types:
                errors.append(f"{where}: at least one service type is required")
            errors += [f"{where}: unknown service type {code!r}" for code in types if code not in known_types]
            errors += [f"{where}: unknown target group {code!r}" for code in groups if code not in known_groups]
            situations.append(
                LifeSituation(slug, row["name_cs"].strip(), (row.get("name_en") or "").strip(), types, groups)
            )
    if errors:
        raise LifeSituationError(errors)
    return tuple(situations)


@functools.cache
def all_situations() -> tuple[LifeSituation, ...]:
    """Every life situation, in the order of the file (from care at home to the end of life)."""
    return read_situations()


def by_slug() -> dict[str, LifeSituation]:
    return {situation.slug: situation for situation in all_situations()}


def get_situation(slug: str) -> LifeSituation | None:
    return by_slug().get(slug)
