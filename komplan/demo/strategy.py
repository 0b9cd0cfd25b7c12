"""Demo strategy of the Slaný process: priorities per working group, an action plan 2008, a project store and
activity sheets in every state of the workflow.

Slaný's 2007 page says the working groups set priorities (4.–10. 6. 2007), participants wrote activity sheets of
projects they run or intend, and the plan of 27. 6. 2007 held an action plan and a database of project ideas
without timing; the public comments asked for help to the Roma community and a day care centre for seniors. The
titles, amounts and people below are illustrative (ukázkový obsah), and every description says so.

Idempotent: the strategy and the sheets of the process are replaced by this state on every load. The submission
window stays open (from 11. 6. 2007 to a year after the load) so that visitors can try submitting a sheet.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from komplan.accounts.models import Membership
from komplan.directory.models import Codelist, CodelistItem, Service
from komplan.planning.models import Body, PlanningGroup
from komplan.strategy.models import (
    ActionPlanYear,
    Activity,
    ActivitySheet,
    Cost,
    Indicator,
    LinkKind,
    Measure,
    Priority,
    ServiceLink,
    SheetCall,
    SheetLog,
    SheetState,
    Stage,
)
from komplan.territory.models import PlanningProcess

DEMO = "Ukázkový obsah. "

# priority title, planning-group slug, body slug, [(measure title, [activity dict])]
TREE = [
    (
        "Senioři a lidé se zdravotním postižením",
        "seniori-zdravotne-postizeni",
        "ps1-seniori-zdravotne-postizeni",
        [
            (
                "Rozvoj terénních služeb, aby lidé mohli zůstat doma",
                [
                    {
                        "title": "Rozšíření pečovatelské služby o večery a víkendy",
                        "description": "Pečovatelská služba bude dostupná i ve večerních hodinách a o víkendech.",
                        "org": "Pečovatelská služba Slaný (ukázka)",
                        "targets": ["seniors", "disability_general"],
                        "years": [2008],
                        "costs": [(2008, 380000, "municipality"), (2008, 250000, "state_subsidy")],
                        "indicators": [("Klienti s péčí o víkendu", "osob", 25)],
                        "capacity": ("home_care", "clients", 10),
                    },
                    {
                        "title": "Zavedení tísňové péče",
                        "description": "Nepřetržitá tísňová péče pro osaměle žijící seniory.",
                        "org": "Město Slaný (ukázka)",
                        "targets": ["seniors"],
                        "years": [2009],
                        "costs": [(2009, 150000, "region")],
                        "indicators": [("Připojené domácnosti", "domácností", 20)],
                        "new": ("emergency_alarm", "field"),
                    },
                ],
            ),
        ],
    ),
    (
        "Rodiny a děti",
        "rodiny-a-deti",
        "ps2-rodiny-a-deti",
        [
            (
                "Podpora rodin s dětmi v obtížné situaci",
                [
                    {
                        "title": "Sociálně aktivizační služba pro rodiny s dětmi",
                        "description": "Terénní podpora rodin, kterým hrozí odebrání dětí.",
                        "org": "Ukázková organizace sociálních služeb Slaný (ukázka)",
                        "targets": ["families_with_children"],
                        "years": [2008, 2009],
                        "costs": [(2008, 420000, "eu_funds"), (2009, 430000, "eu_funds")],
                        "indicators": [("Podpořené rodiny", "rodin", 15)],
                        "new": ("family_activation", "field"),
                    }
                ],
            ),
        ],
    ),
    (
        "Osoby ohrožené sociálním vyloučením",
        "ohrozeni-socialnim-vyloucenim",
        "ps3-ohrozeni-vyloucenim",
        [
            (
                "Pomoc lidem v sociálně vyloučených lokalitách",
                [
                    {
                        "title": "Terénní program v sociálně vyloučených lokalitách",
                        "description": "Terénní pracovník pomáhá obyvatelům lokalit s dluhy, bydlením a prací.",
                        "org": "Ukázková organizace sociálních služeb Slaný (ukázka)",
                        "targets": ["socially_excluded_communities", "ethnic_minorities"],
                        "years": [2008],
                        "costs": [(2008, 310000, "state_subsidy"), (2008, 60000, "municipality")],
                        "indicators": [("Kontakty s klienty", "kontaktů", 800)],
                        "new": ("outreach_programme", "field"),
                    }
                ],
            ),
            ("Bydlení pro lidi bez přístřeší", []),
        ],
    ),
    (
        "Podpora komunitního plánování (průřezová priorita)",
        None,
        "strategicky-tym",
        [
            (
                "Informovanost o sociálních službách",
                [
                    {
                        "title": "Aktualizace katalogu poskytovatelů sociálních služeb",
                        "description": "Katalog poskytovatelů z června 2007 se každý rok aktualizuje a rozdává.",
                        "org": "Město Slaný (ukázka)",
                        "years": [2008],
                        "costs": [(2008, 40000, "municipality")],
                        "indicators": [("Vydané výtisky katalogu", "ks", 2000)],
                    }
                ],
            ),
        ],
    ),
]

# title, proposer e-mail, organisation, stage, state, comment, (priority index, measure index, year) or None
SHEETS = [
    (
        "Klub pro rodiče s malými dětmi",
        "ps2.clen1@slany.example",
        "Mateřské centrum (ukázka)",
        Stage.INTENDED,
        SheetState.SUBMITTED,
        "",
        None,
    ),
    (
        "Dobrovolníci pro osamělé seniory",
        "ps1.clen2@slany.example",
        "Pečovatelská služba Slaný (ukázka)",
        Stage.RUNNING,
        SheetState.RETURNED,
        "Doplňte prosím odhad nákladů po letech a kdo bude dobrovolníky vést.",
        None,
    ),
    (
        "Poradna pro lidi v dluzích",
        "ps3.clen1@slany.example",
        "Občanská poradna (ukázka)",
        Stage.INTENDED,
        SheetState.RESUBMITTED,
        "Uveďte, pro které lokality je poradna určena.",
        None,
    ),
    (
        "Rozšíření pečovatelské služby o večery a víkendy",
        "ps1.clen1@slany.example",
        "Pečovatelská služba Slaný (ukázka)",
        Stage.RUNNING,
        SheetState.ACCEPTED_ACTION_PLAN,
        "",
        (0, 0, 2008),
    ),
    (
        "Denní stacionář pro seniory",
        "ps1.clen3@slany.example",
        "Sdružení seniorů (ukázka)",
        Stage.INTENDED,
        SheetState.ACCEPTED_PROJECT_STORE,
        "Záměr podporujeme; zatím chybí realizátor a financování.",
        None,
    ),
    (
        "Komunitní centrum pro romské rodiny",
        "ps3.clen2@slany.example",
        "Občanské sdružení (ukázka)",
        Stage.INTENDED,
        SheetState.ACCEPTED_PROJECT_STORE,
        "Do zásobníku jako myšlenka bez časového určení.",
        None,
    ),
    (
        "Oprava hřiště u sídliště",
        "ps2.clen3@slany.example",
        "Veřejnost (ukázka)",
        Stage.INTENDED,
        SheetState.REJECTED,
        "Nejde o sociální službu ani navazující aktivitu; patří do plánu investic města.",
        None,
    ),
]


def _items(codelist, slugs):
    found = {i.slug or i.code: i for i in CodelistItem.objects.filter(codelist=codelist)}
    return [found[s] for s in slugs if s in found]


def _item(codelist, slug):
    items = _items(codelist, [slug])
    return items[0] if items else None


def _content(owner, spec, group, body, catalogue) -> None:
    owner.planning_groups.set([group] if group else [])
    owner.target_groups.set(_items(Codelist.TARGET_GROUP, spec.get("targets", [])))
    key = {"activity": owner} if isinstance(owner, Activity) else {"sheet": owner}
    for year, amount, source in spec.get("costs", []):
        Cost.objects.create(**key, year=year, amount=amount, source=_item(Codelist.FUNDING_SOURCE, source))
    for name, unit, target in spec.get("indicators", []):
        Indicator.objects.create(**key, name=name, unit=unit, target_value=target)
    if "new" in spec:
        service_type, form = spec["new"]
        ServiceLink.objects.create(
            **key,
            kind=LinkKind.NEW_SERVICE,
            service_type=_item(Codelist.SERVICE_TYPE, service_type),
            service_form=_item(Codelist.SERVICE_FORM, form),
        )
    if "capacity" in spec:
        service_type, unit, change = spec["capacity"]
        service = catalogue.filter(service_type__slug=service_type).order_by("pk").first()
        if service is not None:
            ServiceLink.objects.create(
                **key,
                kind=LinkKind.CAPACITY_CHANGE,
                service=service,
                capacity_type=_item(Codelist.CAPACITY_TYPE, unit),
                change=change,
            )


def _fields(spec, body) -> dict:
    return {
        "title": spec["title"],
        "description": DEMO + spec.get("description", ""),
        "responsible_organisation": spec.get("org", ""),
        "responsible_body": body,
        "partners": "Město Slaný (ukázka)",
        "start": dt.date(min(spec["years"]), 1, 1) if spec.get("years") else None,
        "end": dt.date(max(spec["years"]), 12, 31) if spec.get("years") else None,
        "expected_outputs": spec.get("outputs", ""),
    }


def _tree(process, catalogue) -> list[list[tuple[Measure, object, object]]]:
    groups = {g.slug: g for g in PlanningGroup.objects.for_process(process)}
    bodies = {b.slug: b for b in Body.objects.for_process(process)}
    measures = []
    for p_order, (title, group_slug, body_slug, measure_specs) in enumerate(TREE, start=1):
        group, body = groups.get(group_slug), bodies.get(body_slug)
        priority = Priority.objects.create(
            process=process,
            title=title,
            description=DEMO + ("Priorita pracovní skupiny." if group else "Priorita společná všem skupinám."),
            order=p_order,
        )
        priority.planning_groups.set([group] if group else [])
        row = []
        for m_order, (m_title, activities) in enumerate(measure_specs, start=1):
            measure = Measure.objects.create(priority=priority, title=m_title, description=DEMO, order=m_order)
            row.append((measure, group, body))
            for a_order, spec in enumerate(activities, start=1):
                activity = Activity.objects.create(measure=measure, order=a_order, **_fields(spec, body))
                for year in spec.get("years", []):
                    ActionPlanYear.objects.create(activity=activity, year=year)
                _content(activity, spec, group, body, catalogue)
        measures.append(row)
    return measures


def _sheets(process, measures, catalogue) -> None:
    memberships = {m.user.email: m for m in Membership.objects.for_process(process).select_related("user")}
    coordinator = Membership.objects.for_process(process).filter(role="coordinator").order_by("pk").first()
    decider = coordinator.user if coordinator else None
    start = timezone.make_aware(dt.datetime(2007, 6, 12, 10, 0))
    activities = {a.title: a for a in Activity.objects.filter(measure__priority__process=process)}
    for index, (title, email, org, stage, state, comment, placement) in enumerate(SHEETS):
        proposer = memberships.get(email)
        submitted = start + dt.timedelta(days=index)
        sheet = ActivitySheet.objects.create(
            process=process,
            proposer=proposer,
            proposer_organisation=org,
            stage=stage,
            state=state,
            submitted_at=submitted,
            title=title,
            description=DEMO + "List aktivity podaný účastníkem pracovní skupiny.",
            responsible_organisation=org,
            partners="Město Slaný (ukázka)",
        )
        _content(sheet, {"costs": [(2008, 100000 + 20000 * index, "municipality")]}, None, None, catalogue)
        by = proposer.user if proposer else None
        steps = [("", SheetState.SUBMITTED, "", by)]
        if state == SheetState.RESUBMITTED:
            steps += [
                (SheetState.SUBMITTED, SheetState.RETURNED, comment, decider),
                (SheetState.RETURNED, SheetState.RESUBMITTED, "", by),
            ]
        elif state != SheetState.SUBMITTED:
            steps.append((SheetState.SUBMITTED, state, comment, decider))
        for step_no, (from_state, to_state, text, who) in enumerate(steps):
            SheetLog.objects.create(
                sheet=sheet,
                at=submitted + dt.timedelta(days=3 * step_no),
                by=who,
                from_state=from_state,
                to_state=to_state,
                comment=text,
            )
        if placement:
            p_index, m_index, year = placement
            sheet.decided_year = year
            sheet.activity = activities.get(title)
            sheet.save(update_fields=["decided_year", "activity"])


def load_demo_strategy(process: PlanningProcess) -> None:
    ActivitySheet.objects.for_process(process).delete()
    Priority.objects.for_process(process).delete()
    catalogue = Service.objects.serving(process.municipalities.all())
    measures = _tree(process, catalogue)
    _sheets(process, measures, catalogue)
    SheetCall.objects.update_or_create(
        process=process,
        defaults={
            "opens": dt.date(2007, 6, 11),
            "closes": timezone.localdate() + dt.timedelta(days=365),
            "note": "Ukázkový obsah: období pro podávání listů aktivit je v ukázce stále otevřené, abyste si "
            "mohli podání vyzkoušet.",
        },
    )
