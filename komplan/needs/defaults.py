"""The norm set shipped with komplan: illustrative, documented, meant to be copied and set by the process.

The numbers are round orders of magnitude of the Czech registered capacity per reference population around
2023 (MPSV register of social services and ČSÚ population), not a standard: there is no national norm of social
service coverage. docs/needs.md explains each row. Rows: (service type code, form code or None, capacity unit
code, reference population key, units per 1,000, note).
"""

from __future__ import annotations

DEFAULT_SLUG = "komplan-vychozi"
DEFAULT_NAME = "Výchozí normy komplan (ilustrativní)"
DEFAULT_SOURCE = "výchozí hodnoty komplan, ilustrativní — nastavte vlastní"  # data, in the language of the data
DEFAULT_DESCRIPTION = (
    "Orientační hodnoty odvozené z celostátní registrované kapacity na referenční populaci (kolem roku 2023). "
    "Nejsou to závazné normy: zkopírujte sadu a nastavte vlastní cíle."
)

DEFAULT_ROWS: tuple[tuple[str, str | None, str, str, float, str], ...] = (
    ("13", "pob", "luzka", "80_plus", 75, "domovy pro seniory: ~37 000 lůžek / ~490 000 osob 80+"),
    ("14", "pob", "luzka", "65_plus", 9, "domovy se zvláštním režimem: ~20 000 lůžek / ~2,3 mil. osob 65+"),
    ("4", "ter", "klient", "65_plus", 40, "pečovatelská služba terénní"),
    ("3", "ter", "klient", "18_plus", 1, "osobní asistence"),
    ("8", None, "klient", "80_plus", 5, "odlehčovací služby, všechny formy"),
    ("9", "amb", "klient", "65_plus", 1.5, "centra denních služeb"),
    ("10", "amb", "klient", "65_plus", 2, "denní stacionáře"),
    ("12", "pob", "luzka", "18_64", 2, "domovy pro osoby se zdravotním postižením"),
    ("1", None, "klient", "total", 1, "odborné sociální poradenství (okamžitá kapacita)"),
    ("17", "ter", "klient", "0_6", 3, "raná péče"),
    ("28", "ter", "klient", "0_17", 2, "SAS pro rodiny s dětmi (rodiny ≈ děti 0–17)"),
    ("25", "amb", "klient", "6_26", 1, "nízkoprahová zařízení pro děti a mládež (okamžitá kapacita)"),
    ("29", None, "klient", "65_plus", 3, "sociálně aktivizační služby pro seniory a OZP"),
    ("15", "pob", "luzka", "18_64", 0.3, "chráněné bydlení"),
)
