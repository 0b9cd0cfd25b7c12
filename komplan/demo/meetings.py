"""Demo meetings of the Slaný process, per the city's 2007 KPSS page (seed 000): the steering team on 14. 5. 2007
(vision, SWOT, three working groups; led by the plan processor from the agency ViP), the three working groups in the
week of 4.–10. 6. 2007 (priorities) and the steering team on 27. 6. 2007 (working version of the plan).

The dates and what was done come from the page; times, places, minutes texts, attendance and tasks are illustrative
("ukázkový obsah") and say so. No photos: the page's gallery is not ours to copy, and generated pictures would
pretend to be photos of the meetings. Idempotent: meetings are found by their title and reset on every load.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from komplan.accounts.models import Membership
from komplan.meetings.models import Attendance, Meeting, Task
from komplan.planning.models import Body
from komplan.territory.models import PlanningProcess

PRAGUE = ZoneInfo("Europe/Prague")
PLACE = "Městský úřad Slaný, Velvarská 136 (místo a čas jsou ukázkové)"
LABEL = "*Ukázkový obsah: zápis je smyšlený, vychází jen z popisu průběhu na stránce města Slaný.*\n\n"


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PRAGUE)


# key, body slug, title, date, agenda, discussion, decisions
MEETINGS = [
    (
        "strategicky-tym-1",
        "strategicky-tym",
        "První schůzka strategického týmu",
        dt.date(2007, 5, 14),
        "1. Zahájení, průběh komunitního plánování (zpracovatel KPSS z agentury ViP)\n"
        "2. Vize města v oblasti sociálních služeb\n"
        "3. SWOT analýza: silné a slabé stránky, příležitosti a hrozby\n"
        "4. Rozdělení do pracovních skupin",
        "Schůzku vedl zpracovatel KPSS z agentury ViP. Seznámil účastníky s výsledky socio-demografické analýzy "
        "a výzkumů poskytovatelů a příjemců sociálních služeb z března a dubna 2007.\n\n"
        "Účastníci diskutovali o vizi města v oblasti sociálních služeb a společně zpracovali SWOT analýzu.",
        "1. Strategický tým přijal vizi města v oblasti sociálních služeb.\n"
        "2. SWOT analýza je podkladem pro pracovní skupiny.\n"
        "3. Vznikají tři pracovní skupiny: senioři, zdravotně postižení; rodiny a děti; osoby ohrožené sociálním "
        "vyloučením. Sejdou se v týdnu od 4. do 10. června 2007.",
    ),
    (
        "ps1",
        "ps1-seniori-zdravotne-postizeni",
        "Schůzka PS 1 – senioři, zdravotně postižení",
        dt.date(2007, 6, 4),
        "1. Situace seniorů a lidí se zdravotním postižením ve Slaném\n2. Priority skupiny\n3. Listy aktivit",
        "Účastníci probrali situaci cílové skupiny a služby, které se pro ni ve městě dělají nebo jsou zamýšleny.",
        "Skupina stanovila priority pro svou oblast. Zájemci zpracují listy aktivit do přibližně dvou týdnů.",
    ),
    (
        "ps2",
        "ps2-rodiny-a-deti",
        "Schůzka PS 2 – rodiny a děti",
        dt.date(2007, 6, 5),
        "1. Situace rodin s dětmi ve Slaném\n2. Priority skupiny\n3. Listy aktivit",
        "Účastníci probrali situaci rodin s dětmi a služby, které se pro ně ve městě dělají nebo jsou zamýšleny.",
        "Skupina stanovila priority pro svou oblast. Zájemci zpracují listy aktivit do přibližně dvou týdnů.",
    ),
    (
        "ps3",
        "ps3-ohrozeni-vyloucenim",
        "Schůzka PS 3 – osoby ohrožené sociálním vyloučením",
        dt.date(2007, 6, 6),
        "1. Situace osob ohrožených sociálním vyloučením\n2. Priority skupiny\n3. Listy aktivit",
        "Účastníci probrali situaci osob ohrožených sociálním vyloučením a služby, které se pro ně dělají nebo jsou "
        "zamýšleny.",
        "Skupina stanovila priority pro svou oblast. Zájemci zpracují listy aktivit do přibližně dvou týdnů.",
    ),
    (
        "strategicky-tym-2",
        "strategicky-tym",
        "Druhá schůzka strategického týmu",
        dt.date(2007, 6, 27),
        "1. Listy aktivit z pracovních skupin\n"
        "2. Pracovní verze dokumentu „Komunitní plán sociálních služeb města Slaný“\n"
        "3. Akční plán a databáze projektů",
        "Účastníci prošli listy aktivit, které zpracovali zájemci z pracovních skupin, a pracovní verzi plánu: "
        "hodnocení analýz a výzkumů, popis situace před zpracováním plánu a průběh celého procesu.",
        "1. Strategický tým přijal pracovní verzi Komunitního plánu sociálních služeb města Slaný.\n"
        "2. Součástí plánu je akční plán a databáze projektů (myšlenky bez konkrétního časového určení).\n"
        "3. Pracovní verze půjde k veřejnému připomínkování.",
    ),
]
WEEK_NOTE = "\n\n*Přesný den v týdnu 4.–10. 6. 2007 je ukázkový.*"


def _meeting(process, key, body, title, day, agenda, discussion, decisions) -> Meeting:
    meeting, _created = Meeting.objects.update_or_create(
        process=process,
        title=title,
        defaults={
            "body": body,
            "starts_at": _at(day, 15),
            "ends_at": _at(day, 17, 30),
            "place": PLACE,
            "online_url": "",
            "agenda": agenda + (WEEK_NOTE if key.startswith("ps") else ""),
            "is_public": True,
            "discussion": LABEL + discussion,
            "decisions": decisions,
            "minutes_published_at": _at(day + dt.timedelta(days=7), 9),
            "invitations_sent_at": None,
        },
    )
    return meeting


def _attendance(meeting: Meeting, body: Body, guest: tuple[str, str] | None) -> None:
    Attendance.objects.filter(meeting=meeting).delete()
    seats = list(body.members.select_related("membership").order_by("membership__user__email"))
    for number, seat in enumerate(seats):
        status = "excused" if number == len(seats) - 1 and len(seats) > 2 else "present"
        Attendance.objects.create(meeting=meeting, membership=seat.membership, status=status)
    if guest:
        Attendance.objects.create(meeting=meeting, guest_name=guest[0], organisation=guest[1], status="present")


def _tasks(meeting: Meeting, rows) -> None:
    Task.objects.filter(meeting=meeting).delete()
    for text, owner, deadline, done in rows:
        done_at = _at(deadline, 12) if done else None
        Task.objects.create(meeting=meeting, text=text, owner=owner, deadline=deadline, done_at=done_at)


def load_demo_meetings(process: PlanningProcess) -> None:
    """The five Slaný meetings of 2007 (needs load_demo_bodies first)."""
    bodies = {b.slug: b for b in Body.objects.for_process(process)}
    coordinator = Membership.objects.for_process(process).filter(role="coordinator").order_by("pk").first()
    processor = ("Zpracovatel KPSS (ukázka)", "agentura ViP")
    for key, body_slug, title, day, agenda, discussion, decisions in MEETINGS:
        body = bodies[body_slug]
        meeting = _meeting(process, key, body, title, day, agenda, discussion, decisions)
        _attendance(meeting, body, processor if key.startswith("strategicky") else None)
        leader = body.leader()
        if key == "strategicky-tym-1":
            tasks = [
                ("Svolat schůzky tří pracovních skupin na 4.–10. 6. 2007", coordinator, dt.date(2007, 5, 31), True)
            ]
        elif key == "strategicky-tym-2":
            tasks = [
                ("Připravit pracovní verzi plánu k veřejnému připomínkování", coordinator, dt.date(2007, 9, 30), True),
                ("Vyhodnotit připomínky a předložit plán zastupitelstvu", coordinator, dt.date(2007, 12, 19), False),
            ]
        else:
            tasks = [
                (
                    "Sebrat listy aktivit od účastníků skupiny",
                    leader.membership if leader else None,
                    day + dt.timedelta(days=14),
                    True,
                )
            ]
        _tasks(meeting, tasks)
