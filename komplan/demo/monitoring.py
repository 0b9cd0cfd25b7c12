"""The demo monitoring of the Slaný plan: the first year of the action plan, 2008, and 2009 being reported
(issue #10, item 7).

Slaný's public page ends with the council's approval of the plan on 19. 12. 2007; what happened to the activities
afterwards is not public, so everything here is illustrative (ukázkový obsah) and every text says so: the states,
progress, amounts spent, measured values, the dates of reporting, the steering group's and the council's approval
of the 2008 report and its resolution number ("UKÁZKA-…", which no real resolution has).

What it shows: the 2008 monitoring period (1. 12. 2008 – 31. 1. 2009, closed) with the four activities of the
2008 action plan in different states (done, running, postponed with its reason), spending per funding source and
indicator values; the two unfinished ones carried into the 2009 action plan with their history; the yearly report
2008 taken through the steering group and the council and published; and the 2009 period open, with two of the four
activities reported, so the completeness of reporting and the reminders can be tried. Who reports: members of the
working groups are responsible for three activities; "Ukázková organizace sociálních služeb Slaný (ilustrativní)"
(an illustrative catalogue provider) for the two its demo editor reports.

Runs after the demo plan (komplan.demo.plan): the plan's versions are frozen before monitoring starts. Idempotent:
the monitoring of the process is deleted and built again.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import translation

from komplan.accounts.models import Membership
from komplan.directory.models import Organization
from komplan.directory.review import OrganizationEditor
from komplan.monitoring import report_services, services
from komplan.monitoring.carry_services import carry_over
from komplan.monitoring.models import CarryOver, MonitoringPeriod, ProgressReport, Reminder, YearlyReport
from komplan.monitoring.permissions import ReporterScope
from komplan.monitoring.validation import IndicatorInput, ProgressInput, SpendingInput
from komplan.strategy.models import Activity
from komplan.territory.models import PlanningProcess

PRAGUE = ZoneInfo("Europe/Prague")
LABEL = "Ukázkový obsah:"
PROVIDER = "Ukázková organizace sociálních služeb Slaný (ilustrativní)"
EVERYTHING = ReporterScope(everything=True)
PROVIDER_EDITOR = "poskytovatel@slany.example"

# activity title → (responsible member e-mail or None, reported by e-mail, responsible provider?)
RESPONSIBLE = {
    "Rozšíření pečovatelské služby o večery a víkendy": ("ps1.clen1@slany.example", False),
    "Zavedení tísňové péče": ("ps1.clen2@slany.example", False),
    "Sociálně aktivizační služba pro rodiny s dětmi": (None, True),
    "Terénní program v sociálně vyloučených lokalitách": (None, True),
    "Aktualizace katalogu poskytovatelů sociálních služeb": ("koordinator@slany.example", False),
}

# year → activity title → (status, progress, note, reason, [(source, amount)], [(indicator, value, measured on)])
REPORTS = {
    2008: {
        "Rozšíření pečovatelské služby o večery a víkendy": (
            "running",
            60,
            "Večerní služba běží od dubna 2008 v celém Slaném; víkendová péče začala v září jen ve městě, okolní "
            "obce se připojí v roce 2009.",
            "",
            [("municipality", 352000), ("state_subsidy", 231000)],
            [("Klienti s péčí o víkendu", 14, dt.date(2008, 12, 31))],
        ),
        "Sociálně aktivizační služba pro rodiny s dětmi": (
            "running",
            70,
            "Služba je registrována od března 2008; dvě pracovnice pracují s rodinami v Slaném a v Zlonicích.",
            "",
            [("eu_funds", 396500)],
            [("Podpořené rodiny", 11, dt.date(2008, 12, 31))],
        ),
        "Terénní program v sociálně vyloučených lokalitách": (
            "postponed",
            20,
            "Terénní pracovník nastoupil 1. 11. 2008; do konce roku navázal kontakt ve dvou lokalitách.",
            "Projekt financovaný z ESF byl schválen až v říjnu 2008, proto program začal o devět měsíců později.",
            [("state_subsidy", 61000), ("municipality", 12500)],
            [("Kontakty s klienty", 140, dt.date(2008, 12, 31))],
        ),
        "Aktualizace katalogu poskytovatelů sociálních služeb": (
            "done",
            100,
            "Katalog byl aktualizován v září 2008 a rozdán na úřadě, u lékařů a u poskytovatelů.",
            "",
            [("municipality", 36400)],
            [("Vydané výtisky katalogu", 2000, dt.date(2008, 10, 15))],
        ),
    },
    2009: {
        "Sociálně aktivizační služba pro rodiny s dětmi": (
            "running",
            90,
            "Služba pracovala celý rok; od září má třetí pracovnici.",
            "",
            [("eu_funds", 428000)],
            [("Podpořené rodiny", 17, dt.date(2009, 12, 31))],
        ),
        "Zavedení tísňové péče": (
            "running",
            40,
            "Dodavatel tísňové péče vybrán v červnu 2009; připojeno prvních osm domácností.",
            "",
            [("region", 96000)],
            [("Připojené domácnosti", 8, dt.date(2009, 12, 31))],
        ),
    },
}

REPORT_2008 = {
    "introduction": (
        f"{LABEL} Zpráva hodnotí první rok akčního plánu Komunitního plánu sociálních služeb města Slaný, "
        "schváleného zastupitelstvem 19. 12. 2007. Podklady připravili odpovědní členové pracovních skupin "
        "a poskytovatelé v monitorovacím období od 1. 12. 2008 do 31. 1. 2009."
    ),
    "evaluation": (
        f"{LABEL} Z akčního plánu na rok 2008 byla jedna aktivita splněna, dvě probíhají podle plánu a jedna se "
        "zpozdila.\n\n"
        "- Aktualizovaný katalog poskytovatelů vyšel v září a je o něj zájem.\n"
        "- Pečovatelská služba rozšířila provoz o večery; víkendová péče zatím jen ve městě.\n"
        "- Terénní program začal až v listopadu, protože projekt ESF byl schválen později, než se čekalo.\n\n"
        "Výdaje odpovídají plánu; nižší čerpání terénního programu je dáno jeho pozdějším začátkem."
    ),
    "conclusions": (
        f"{LABEL} Řídící skupina doporučuje převést nedokončené aktivity do akčního plánu na rok 2009, u terénního "
        "programu sledovat počet kontaktů čtvrtletně a pro denní stacionář ze zásobníku projektů hledat realizátora."
    ),
}
STEERING_ON = dt.date(2009, 2, 19)
STEERING_RECORD = "Ukázkový obsah: zápis z jednání řídící skupiny ze dne 19. 2. 2009"
COUNCIL = ("Zastupitelstvo města Slaný", "UKÁZKA-14/2009", dt.date(2009, 3, 26))
PUBLISHED_ON = dt.date(2009, 3, 30)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=PRAGUE)


def _responsible(process: PlanningProcess, activities: dict[str, Activity]):
    """Name who reports each activity; the illustrative provider gets a demo editor. Returns the editor."""
    from .services import DEMO_PASSWORD  # services imports this module: import here

    memberships = {m.user.email: m for m in Membership.objects.for_process(process).select_related("user")}
    provider = Organization.objects.filter(name=PROVIDER).first()
    for title, (email, by_provider) in RESPONSIBLE.items():
        activity = activities.get(title)
        if activity is None:
            continue
        activity.responsible_member = memberships.get(email) if email else None
        activity.responsible_provider = provider if by_provider else None
        activity.save(update_fields=["responsible_member", "responsible_provider"])
    editor = None
    if provider is not None:
        from komplan.accounts.models import User

        editor = User.objects.filter(email=PROVIDER_EDITOR).first() or User(email=PROVIDER_EDITOR)
        editor.full_name = "Editorka poskytovatele (ukázka)"
        editor.set_password(DEMO_PASSWORD)
        editor.save()
        Membership.objects.update_or_create(
            process=process,
            user=editor,
            defaults={"role": "provider_editor", "triad": "provider", "organisation": PROVIDER, "is_active": True},
        )
        OrganizationEditor.objects.get_or_create(process=process, user=editor, organization=provider)
    return editor


def _report(period, activities, year, reporters) -> None:
    for title, (status, progress, note, reason, spent, values) in REPORTS[year].items():
        activity = activities[title]
        indicators = {i.name: i.pk for i in activity.indicators.all()}
        data = ProgressInput(
            status=status,
            progress=progress,
            note=f"{LABEL} {note}",
            reason=f"{LABEL} {reason}" if reason else "",
            spendings=[SpendingInput(code, amount) for code, amount in spent],
            indicators=[IndicatorInput(indicators[name], value, day) for name, value, day in values],
        )
        reporter = reporters.get(activity.pk)
        report = services.save_progress(period, activity, reporter, EVERYTHING, data)
        ProgressReport.objects.filter(pk=report.pk).update(reported_at=_at(period.deadline - dt.timedelta(days=10)))


def load_demo_monitoring(process: PlanningProcess, coordinator) -> None:
    YearlyReport.objects.for_process(process).delete()
    CarryOver.objects.for_process(process).delete()
    MonitoringPeriod.objects.for_process(process).delete()  # with their reports and reminders
    activities = {a.title: a for a in Activity.objects.filter(measure__priority__process=process)}
    editor = _responsible(process, activities)
    reporters = {}
    for activity in activities.values():
        if activity.responsible_member_id:
            reporters[activity.pk] = activity.responsible_member.user
        elif activity.responsible_provider_id:
            reporters[activity.pk] = editor

    period = services.open_period(
        process, 2008, dt.date(2008, 12, 1), dt.date(2009, 1, 31), f"{LABEL} Vykažte stav aktivit k 31. 12. 2008."
    )
    _report(period, activities, 2008, reporters)
    services.close_period(period, coordinator)
    MonitoringPeriod.objects.filter(pk=period.pk).update(closed_at=_at(dt.date(2009, 2, 2)))

    unfinished = [activities[t].pk for t, spec in REPORTS[2008].items() if spec[0] not in ("done", "cancelled")]
    already = {a.pk for a in activities.values() if 2009 in {y.year for y in a.plan_years.all()}}
    carry_over(process, 2008, coordinator, carry=[pk for pk in unfinished if pk not in already])
    CarryOver.objects.for_process(process).update(at=_at(dt.date(2009, 2, 5)))

    with translation.override("cs"):
        report = report_services.create_report(process, 2008, coordinator)
        report = report_services.save_texts(report, REPORT_2008, coordinator, report.version)
        report = report_services.approve_by_steering(report, STEERING_ON, STEERING_RECORD, coordinator)
        report = report_services.approve_by_council(report, *COUNCIL, user=coordinator)
        report = report_services.publish(report, coordinator)
    YearlyReport.objects.filter(pk=report.pk).update(published_at=_at(PUBLISHED_ON), updated_at=_at(PUBLISHED_ON))

    period2009 = services.open_period(
        process, 2009, dt.date(2009, 12, 1), dt.date(2010, 1, 31), f"{LABEL} Vykažte stav aktivit k 31. 12. 2009."
    )
    _report(period2009, activities, 2009, reporters)
    Reminder.objects.filter(period=period2009).delete()
