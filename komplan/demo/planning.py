"""Demo bodies of the Slaný process (per the city's 2007 KPSS page): the steering team and three working groups.

Clearly demo content: the members are the illustrative demo people of komplan.demo.services. Idempotent: the
bodies and planning groups are found by their slug and set to the same state on every load.
"""

from __future__ import annotations

from komplan.accounts.models import Membership
from komplan.directory.models import Codelist, CodelistItem
from komplan.planning.models import Body, BodyKind, BodyMember, PlanningGroup
from komplan.territory.models import PlanningProcess

# slug, name, registry target-group slugs (codelist CilovaSkupinaOsoby)
PLANNING_GROUPS = [
    (
        "seniori-zdravotne-postizeni",
        "Senioři a lidé se zdravotním postižením",
        [
            "seniors",
            "disability_general",
            "physical_disability",
            "intellectual_disability",
            "combined_disability",
            "hearing_impairment",
            "visual_impairment",
            "chronic_mental_illness",
            "chronic_illness",
            "other_disability",
            "caregivers",
        ],
    ),
    ("rodiny-a-deti", "Rodiny a děti", ["families_with_children", "youth_at_risk_6_26", "care_leavers_26"]),
    (
        "ohrozeni-socialnim-vyloucenim",
        "Osoby ohrožené sociálním vyloučením",
        [
            "homeless",
            "addiction",
            "socially_excluded_communities",
            "risky_lifestyle",
            "in_crisis",
            "victims_domestic_violence",
            "offenders",
            "ethnic_minorities",
        ],
    ),
]

CHARTER = (
    "*Ukázkový obsah.*\n\n"
    "Strategický tým řídí komunitní plánování sociálních služeb města Slaný: stanovuje vizi, schvaluje priority "
    "pracovních skupin a návrh plánu. Zasedají v něm zástupci zadavatele, poskytovatelů i uživatelů (triáda)."
)

# slug, name, planning-group slug, organisation text of SLANY_GROUPS members ("<group> (ukázka)")
WORKING_GROUPS = [
    ("ps1-seniori-zdravotne-postizeni", "PS 1 – senioři, zdravotně postižení", "seniori-zdravotne-postizeni"),
    ("ps2-rodiny-a-deti", "PS 2 – rodiny a děti", "rodiny-a-deti"),
    ("ps3-ohrozeni-vyloucenim", "PS 3 – osoby ohrožené sociálním vyloučením", "ohrozeni-socialnim-vyloucenim"),
]


def _planning_groups(process: PlanningProcess) -> dict[str, PlanningGroup]:
    found = {}
    for slug, name, target_slugs in PLANNING_GROUPS:
        group, _created = PlanningGroup.objects.update_or_create(
            process=process, slug=slug, defaults={"name": name, "description": "Ukázková plánovací skupina."}
        )
        group.target_groups.set(CodelistItem.objects.filter(codelist=Codelist.TARGET_GROUP, slug__in=target_slugs))
        found[slug] = group
    return found


def _body(process, slug, kind, name, order, charter="") -> Body:
    body, _created = Body.objects.update_or_create(
        process=process, slug=slug, defaults={"kind": kind, "name": name, "order": order, "charter": charter}
    )
    return body


def _seat(body: Body, memberships, leader=None) -> None:
    BodyMember.objects.filter(body=body).exclude(membership__in=memberships).delete()
    for membership in memberships:
        BodyMember.objects.update_or_create(
            body=body, membership=membership, defaults={"is_leader": membership == leader}
        )


def load_demo_bodies(process: PlanningProcess) -> None:
    groups = _planning_groups(process)
    members = Membership.objects.for_process(process).select_related("user")
    coordinator = members.filter(role="coordinator").order_by("pk").first()
    steering = _body(process, "strategicky-tym", BodyKind.STEERING, "Strategický tým", 0, CHARTER)
    steering.planning_groups.set(groups.values())
    leaders = []
    for order, (slug, name, group_slug) in enumerate(WORKING_GROUPS, start=1):
        body = _body(process, slug, BodyKind.WORKING, name, order)
        body.planning_groups.set([groups[group_slug]])
        seated = list(members.filter(organisation=f"{name} (ukázka)").order_by("user__email"))
        leader = seated[0] if seated else None
        _seat(body, seated, leader)
        if leader:
            leaders.append(leader)
    _seat(steering, [m for m in [coordinator, *leaders] if m], coordinator)
