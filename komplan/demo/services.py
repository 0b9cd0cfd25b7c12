"""The demo: two processes drawn from the seed pages of Slaný (2007) and Kojetín / ORP Přerov (2019).

Territories, populations and the Slaný phase dates are real (ČSÚ codelists; the town's public
page on its 2007 process). People and the ORP Přerov period and schedule are illustrative,
and every demo process says so in its ``demo_note``, shown on each of its pages.
Running it again resets the demo processes to this state and changes nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from komplan.accounts.models import Membership, User
from komplan.demography.bundled import load_bundled_statistics
from komplan.directory.codelists import load_codelists
from komplan.directory.importers import SAMPLE_FILE, import_registry_file
from komplan.territory.importers import load_territories
from komplan.territory.models import Phase, PlanningProcess, Territory
from komplan.territory.services import create_process, set_area

from .illustrative import load_illustrative_catalogue
from .meetings import load_demo_meetings
from .monitoring import PROVIDER_EDITOR, load_demo_monitoring
from .needs import load_demo_needs
from .plan import load_demo_plan
from .planning import load_demo_bodies
from .pribor import import_pribor_guide
from .strategy import load_demo_strategy
from .surveys import load_demo_surveys
from .vision import load_demo_vision

DEMO_PASSWORD = "komplan-demo-2007"
SLANY_COORDINATOR = "koordinator@slany.example"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    process: str


SLANY_NOTE = (
    "Fáze a jejich data vycházejí z veřejné stránky města Slaný o procesu KPSS v roce 2007; "
    "koordinátorský účet a členové pracovních skupin jsou smyšlení zástupci pro ukázku, nikoli skuteční lidé."
)
PREROV_NOTE = (
    "Území ORP Přerov a zapojení Kojetína od 1. 6. 2019 vycházejí z veřejné stránky města Kojetín; "
    "období plánu, harmonogram a účty jsou smyšlené pro ukázku."
)

# (kind, status, actual start, actual end, planned start, planned end, note) — Slaný, from seed 000.
SLANY_PHASES = [
    (
        "preparation",
        "done",
        None,
        None,
        None,
        None,
        "Město se rozhodlo plánovat sociální služby metodou komunitního plánování; projekt byl spolufinancován "
        "z fondů EU a Středočeského kraje.",
    ),
    (
        "analysis",
        "done",
        dt.date(2007, 3, 1),
        dt.date(2007, 4, 30),
        None,
        None,
        "Během března a dubna 2007 vznikla socio-demografická analýza (s prognózou věkového složení a rozborem "
        "nezaměstnanosti), výzkum poskytovatelů a výzkum příjemců sociálních služeb.",
    ),
    (
        "working_groups",
        "done",
        dt.date(2007, 5, 14),
        dt.date(2007, 6, 10),
        None,
        None,
        "14. 5. 2007 strategický tým stanovil vizi a SWOT analýzu a rozdělil se do tří pracovních skupin "
        "(senioři a zdravotně postižení; rodiny a děti; osoby ohrožené sociálním vyloučením), které se sešly "
        "4.–10. 6. 2007 a stanovily priority.",
    ),
    (
        "drafting",
        "done",
        dt.date(2007, 6, 11),
        dt.date(2007, 6, 27),
        None,
        None,
        "Účastníci zpracovali listy aktivit; 27. 6. 2007 strategický tým přijal pracovní verzi plánu s akčním "
        "plánem a databází projektů. V červnu vznikl také katalog poskytovatelů.",
    ),
    (
        "public_comments",
        "done",
        dt.date(2007, 10, 1),
        dt.date(2007, 10, 31),
        None,
        None,
        "Písemné připomínkování pracovní verze: doručeno pět připomínek, tři vyhodnoceny jako nerelevantní, "
        "dvě navrhovaly pomoc romské komunitě a denní stacionář pro seniory.",
    ),
    (
        "approval",
        "done",
        dt.date(2007, 12, 19),
        dt.date(2007, 12, 19),
        None,
        None,
        "Zastupitelstvo města schválilo výslednou verzi Komunitního plánu sociálních služeb 19. 12. 2007.",
    ),
    ("implementation", "planned", None, None, dt.date(2008, 1, 1), dt.date(2010, 12, 31), ""),
]
PRIBOR_NOTE = (
    "Katalog služeb je skutečný Průvodce sociálními službami a navazujícími aktivitami města Příbor (11/2025); "
    "proces, jeho období, harmonogram a účty jsou smyšlené pro ukázku."
)
PRIBOR_PHASES = [
    ("preparation", "done", None, None, None, None, ""),
    (
        "analysis",
        "running",
        None,
        None,
        None,
        None,
        "Město vydalo průvodce sociálními službami a navazujícími aktivitami (11/2025); je výchozím katalogem služeb.",
    ),
]
PREROV_PHASES = [
    (
        "preparation",
        "running",
        dt.date(2019, 6, 1),
        None,
        None,
        None,
        "Statutární město Přerov zahajuje střednědobé plánování sociálních služeb pro celé území ORP; "
        "město Kojetín je zapojeno od 1. 6. 2019.",
    ),
]

SLANY_GROUPS = [
    ("PS 1 – senioři, zdravotně postižení", ("commissioner", "provider", "user")),
    ("PS 2 – rodiny a děti", ("commissioner", "provider", "public")),
    ("PS 3 – osoby ohrožené sociálním vyloučením", ("provider", "user", "public")),
]


def _municipality(code: str) -> Territory:
    return Territory.objects.get(level="municipality", code=code)


def _process(slug: str, **fields) -> PlanningProcess:
    orp = fields.pop("orp", None)
    municipalities = fields.pop("municipalities", None)
    process = PlanningProcess.objects.filter(slug=slug).first()
    if process is None:
        return create_process(slug=slug, orp=orp, municipalities=municipalities, **fields)
    area_kind = fields.pop("area_kind")
    for key, value in fields.items():
        setattr(process, key, value)
    process.save()
    set_area(process, area_kind, orp, municipalities)
    return process


def _phases(process: PlanningProcess, rows) -> None:
    by_kind = {p.kind: p for p in Phase.objects.for_process(process)}
    for phase in by_kind.values():
        phase.status, phase.actual_start, phase.actual_end = "planned", None, None
        phase.planned_start = phase.planned_end = None
        phase.note = ""
    for kind, status, a_start, a_end, p_start, p_end, note in rows:
        phase = by_kind[kind]
        phase.status, phase.actual_start, phase.actual_end = status, a_start, a_end
        phase.planned_start, phase.planned_end, phase.note = p_start, p_end, note
    Phase.objects.bulk_update(
        by_kind.values(), ["status", "actual_start", "actual_end", "planned_start", "planned_end", "note"]
    )


def _person(email: str, full_name: str, *, superuser: bool = False) -> User:
    user = User.objects.filter(email=email).first() or User(email=email)
    user.full_name = full_name
    user.is_staff = user.is_superuser = superuser
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _member(process, user, role, triad, organisation="") -> None:
    Membership.objects.update_or_create(
        process=process,
        user=user,
        defaults={"role": role, "triad": triad, "organisation": organisation, "is_active": True},
    )


@transaction.atomic
def _load_demo() -> list[DemoLogin]:
    slany = _municipality("532819")
    slany_process = _process(
        "slany-2008-2010",
        name="Komunitní plán sociálních služeb města Slaný 2008–2010",
        area_kind="municipality",
        municipalities=[slany],
        responsible_municipality=slany,
        period_start=2008,
        period_end=2010,
        is_public=True,
        demo_note=SLANY_NOTE,
        summary="První komunitní plán sociálních služeb města Slaný, připravený v roce 2007 se zástupci města, "
        "poskytovateli, uživateli služeb a veřejností.",
    )
    _phases(slany_process, SLANY_PHASES)
    prerov_orp = Territory.objects.get(level="orp", code="7109")
    prerov_process = _process(
        "orp-prerov",
        name="Střednědobý plán sociálních služeb ORP Přerov",
        area_kind="orp",
        orp=prerov_orp,
        responsible_municipality=_municipality("511382"),
        period_start=2020,
        period_end=2022,
        is_public=True,
        demo_note=PREROV_NOTE,
        summary="Statutární město Přerov plánuje sociální služby pro celé území obce s rozšířenou působností, "
        "včetně Kojetína a dalších obcí.",
    )
    _phases(prerov_process, PREROV_PHASES)

    pribor = _municipality("599808")
    pribor_process = _process(
        "pribor",
        name="Komunitní plánování sociálních služeb ve městě Příbor",
        area_kind="municipality",
        municipalities=[pribor],
        responsible_municipality=pribor,
        period_start=2026,
        period_end=2028,
        is_public=True,
        demo_note=PRIBOR_NOTE,
        summary="Město Příbor mapuje sociální služby a navazující aktivity pro své obyvatele.",
    )
    _phases(pribor_process, PRIBOR_PHASES)
    import_pribor_guide()
    load_illustrative_catalogue()
    import_registry_file(SAMPLE_FILE)  # real register-derived places; they show wherever an area covers them

    logins = [DemoLogin("admin@komplan.example", "superuser", "—")]
    _person("admin@komplan.example", "Správce instance (ukázka)", superuser=True)
    coordinator = _person(SLANY_COORDINATOR, "Koordinátorka KPSS Slaný (ukázka)")
    _member(slany_process, coordinator, "coordinator", "commissioner", "Město Slaný")
    logins.append(DemoLogin(coordinator.email, "coordinator", slany_process.slug))
    for group_no, (group, triads) in enumerate(SLANY_GROUPS, start=1):
        for member_no, triad in enumerate(triads, start=1):
            email = f"ps{group_no}.clen{member_no}@slany.example"
            user = _person(email, f"Člen {group_no}.{member_no} (ukázka)")
            _member(slany_process, user, "working_member", triad, f"{group} (ukázka)")
            logins.append(DemoLogin(email, "working_member", slany_process.slug))
    prerov_coordinator = _person("koordinator@prerov.example", "Koordinátor KPSS ORP Přerov (ukázka)")
    _member(prerov_process, prerov_coordinator, "coordinator", "commissioner", "Statutární město Přerov")
    logins.append(DemoLogin(prerov_coordinator.email, "coordinator", prerov_process.slug))
    pribor_coordinator = _person("koordinator@pribor.example", "Koordinátorka KPSS Příbor (ukázka)")
    _member(pribor_process, pribor_coordinator, "coordinator", "commissioner", "Město Příbor")
    logins.append(DemoLogin(pribor_coordinator.email, "coordinator", pribor_process.slug))
    load_demo_surveys(slany_process)
    load_demo_bodies(slany_process)
    load_demo_strategy(slany_process)
    load_demo_meetings(slany_process)
    load_demo_vision(slany_process)
    return logins


DEMO_MUNICIPALITIES = ("532819", "511382", "599808")  # Slaný, Přerov, Příbor: their krajs get statistics


def _load_statistics(all_municipalities: bool) -> None:
    """The shipped ČSÚ and UN statistics: for the krajs of the demo processes, or for every municipality."""
    codes = None
    if not all_municipalities:
        krajs = Territory.objects.filter(level="municipality", code__in=DEMO_MUNICIPALITIES).values("kraj")
        codes = set(Territory.objects.filter(level="municipality", kraj__in=krajs).values_list("code", flat=True))
    load_bundled_statistics(codes)


def load_demo(all_statistics: bool = False) -> list[DemoLogin]:
    """Load territories (idempotent), the demo processes and the statistics; returns the demo logins.

    ``all_statistics``: population history of every municipality (``make run``); by default only the krajs
    of the demo processes, which is all the demo shows and keeps the tests that load the demo quick.
    """
    load_territories()
    load_codelists()
    logins = _load_demo()
    _load_statistics(all_statistics)
    load_demo_needs(PlanningProcess.objects.get(slug="orp-prerov"))
    # last: the plan document freezes versions of what the other loaders and the statistics produced
    slany = PlanningProcess.objects.get(slug="slany-2008-2010")
    slany_coordinator = User.objects.filter(email=SLANY_COORDINATOR).first()
    load_demo_plan(slany, slany_coordinator)
    # after the plan: the monitoring of 2008 and 2009 follows the approval of the plan in December 2007
    load_demo_monitoring(slany, slany_coordinator)
    logins.append(DemoLogin(PROVIDER_EDITOR, "provider_editor", slany.slug))
    return logins


def queue_demo_files() -> int:
    """Queue the PDF and DOCX of the current official plan of every demo process that has one (returns how many
    files were queued)."""
    from komplan.plan.models import Plan
    from komplan.plan.querysets import current_official
    from komplan.plan.services import request_renderings

    queued = 0
    for plan in Plan.objects.select_related("process"):
        official = current_official(plan)
        if official is not None:
            queued += len(request_renderings(official, None))
    return queued
