"""Demo vision and SWOT analyses of the Slaný process (issue #6, item 3).

Slaný's page (seed 000) says that the steering team set the vision and a SWOT analysis at its first meeting on
14. 5. 2007 and that the three working groups met on 4.–10. 6. 2007. What they wrote was not published: every
text here is ILLUSTRATIVE, and the vision and each SWOT's note say so ("Ukázkový obsah"). A few group items are
merged into the overall SWOT (keeping their origin), the illustrative members vote, and some items link to the
demo survey of users, to the demographic analysis and to catalogue gaps.

Idempotent: loading again deletes the process's vision and SWOTs and creates them in this state.
"""

from __future__ import annotations

from django.db import transaction

from komplan.accounts.models import Membership
from komplan.directory.models import Codelist, CodelistItem
from komplan.planning.models import Body, BodyMember
from komplan.surveys.models import Survey, SurveyKind
from komplan.territory.models import PlanningProcess
from komplan.vision import services
from komplan.vision.models import Swot, SwotItem, Vision

LABEL = "*Ukázkový obsah: znění je smyšlené pro ukázku aplikace, skutečné dokumenty města nebyly zveřejněny.*"

VISION = (
    f"{LABEL}\n\n"
    "V roce 2010 mají obyvatelé Slaného a jejich blízcí k dispozici dostupné a kvalitní sociální služby, "
    "které odpovídají jejich potřebám a pomáhají jim co nejdéle žít doma a zapojit se do života města.\n\n"
    "* Senioři a lidé se zdravotním postižením najdou pomoc v domácnosti i v zařízeních.\n"
    "* Rodiny s dětmi a mladí lidé mají kam se obrátit, když se dostanou do potíží.\n"
    "* Lidé ohrožení sociálním vyloučením dostanou podporu, aby se mohli vrátit do běžného života.\n"
    "* Město, poskytovatelé a uživatelé služeb plánují společně a informace o službách jsou snadno dostupné."
)

OVERALL_NOTE = (
    f"{LABEL}\n\nCelkovou SWOT analýzu zpracoval strategický tým na první schůzce 14. 5. 2007; položky s uvedeným "
    "původem převzal z SWOT analýz pracovních skupin (červen 2007)."
)
GROUP_NOTE = f"{LABEL}\n\nSWOT analýza pracovní skupiny ze schůzek 4.–10. 6. 2007."

# quadrant, text — the steering team's own items (14. 5. 2007)
OVERALL = [
    ("strengths", "Město má zájem plánovat sociální služby společně s poskytovateli a uživateli."),
    ("strengths", "Ve městě působí poskytovatelé služeb pro seniory, rodiny i lidi v krizi."),
    ("weaknesses", "Lidé málo vědí, jaké služby ve městě jsou a kde je najdou."),
    ("opportunities", "Peníze z evropských fondů a od Středočeského kraje na rozvoj služeb."),
    ("threats", "Nejisté financování služeb v dalších letech."),
]

# body slug → [(key, quadrant, text)]; the key names an item for votes, evidence and the merge
GROUPS = {
    "ps1-seniori-zdravotne-postizeni": [
        ("ps1-care", "strengths", "Pečovatelská služba pokrývá celé město."),
        ("ps1-home", "strengths", "Domov pro seniory přímo ve Slaném."),
        ("ps1-respite", "weaknesses", "Chybí odlehčovací služba pro rodiny, které pečují o své blízké."),
        ("ps1-demand", "opportunities", "Lidé by v příštích letech využili služby, které pomáhají zůstat doma."),
        ("ps1-ageing", "threats", "Rychle přibývá seniorů, zvláště těch nad 80 let."),
    ],
    "ps2-rodiny-a-deti": [
        ("ps2-school", "strengths", "Dobrá spolupráce škol a sociálního odboru."),
        ("ps2-club", "weaknesses", "Ve městě chybí nízkoprahový klub pro děti a mládež."),
        ("ps2-projects", "opportunities", "Dotační programy na prevenci pro děti a mládež."),
        ("ps2-risk", "threats", "Přibývá rodin s dluhy."),
    ],
    "ps3-ohrozeni-vyloucenim": [
        ("ps3-field", "strengths", "Zkušení terénní pracovníci."),
        ("ps3-shelter", "weaknesses", "Chybí noclehárna pro lidi bez domova."),
        ("ps3-roma", "opportunities", "Spolupráce s romskou komunitou a jejími zástupci."),
        ("ps3-prejudice", "threats", "Předsudky veřejnosti vůči lidem bez domova."),
    ],
}

MERGED = ["ps1-ageing", "ps1-respite", "ps2-club", "ps3-shelter"]
NOT_COMPUTED = "Tvrzení pracovní skupiny; porovnání potřeb a nabídky služeb zatím není v aplikaci k dispozici."


def _type(code: str) -> CodelistItem:
    return CodelistItem.objects.get(codelist=Codelist.SERVICE_TYPE, code=code)


def _evidence(process, items: dict[str, SwotItem]) -> None:
    area = list(process.municipalities.all())
    slany = area[0] if len(area) == 1 else None
    services.add_evidence(items["ps1-ageing"], kind="indicator", indicator="share_65_plus", territory=slany)
    services.add_evidence(items["ps1-ageing"], kind="indicator", indicator="ageing_index", territory=slany)
    survey = Survey.objects.for_process(process).filter(kind=SurveyKind.USERS).order_by("pk").first()
    if survey is not None:
        services.add_evidence(
            items["ps1-demand"],
            kind="survey",
            survey=survey,
            question_key="future_use",
            note="Ilustrativní odpovědi ukázkového průzkumu.",
        )
    services.add_evidence(items["ps1-respite"], kind="gap", service_type=_type("8"), note=NOT_COMPUTED)
    services.add_evidence(items["ps2-club"], kind="gap", service_type=_type("25"), note=NOT_COMPUTED)
    services.add_evidence(items["ps3-shelter"], kind="gap", service_type=_type("26"), note=NOT_COMPUTED)


def _votes(bodies: dict[str, Body], items: dict[str, SwotItem], overall: list[SwotItem], coordinator) -> None:
    for slug, rows in GROUPS.items():
        seats = [s.membership for s in BodyMember.objects.filter(body=bodies[slug]).order_by("membership_id")]
        for index, (key, _quadrant, _text) in enumerate(rows):
            for membership in seats[: max(len(seats) - index, 0)]:
                services.vote(items[key], membership)
    voters = [coordinator] if coordinator else []
    voters += [s.membership for s in BodyMember.objects.filter(body__in=bodies.values(), is_leader=True)]
    for index, item in enumerate(overall):
        for membership in voters[: max(len(voters) - index, 0)]:
            services.vote(item, membership)


@transaction.atomic
def load_demo_vision(process: PlanningProcess) -> None:
    Swot.objects.filter(process=process).delete()
    Vision.objects.filter(process=process).delete()
    coordinator = Membership.objects.filter(process=process, role="coordinator").select_related("user").first()
    user = coordinator.user if coordinator else None
    services.save_vision(process, VISION, user, 0)

    overall = [services.add_item(process, None, quadrant, text, user) for quadrant, text in OVERALL]
    Swot.objects.filter(process=process, body=None).update(note=OVERALL_NOTE)
    bodies = {b.slug: b for b in Body.objects.for_process(process).filter(slug__in=GROUPS)}
    items: dict[str, SwotItem] = {}
    for slug, rows in GROUPS.items():
        if slug not in bodies:
            continue
        for key, quadrant, text in rows:
            items[key] = services.add_item(process, bodies[slug], quadrant, text, user)
        Swot.objects.filter(process=process, body=bodies[slug]).update(note=GROUP_NOTE)
    if len(items) != sum(len(rows) for rows in GROUPS.values()):
        return  # the demo bodies are missing: the groups' SWOTs need them
    _evidence(process, items)
    services.merge(process, [items[key].pk for key in MERGED], user)
    _votes(bodies, items, overall, coordinator)
