"""What happens in each phase of a community-planning process (the standard texts).

Shown on the public timeline unless the process writes its own note for the phase.
Based on the MPSV guide and the course of real processes (Slaný 2007, ORP Přerov 2019).
"""

from django.utils.translation import gettext_lazy as _

from .models import PhaseKind

PHASE_DESCRIPTIONS = {
    PhaseKind.PREPARATION: _(
        "The municipality decides to plan, appoints a coordinator, agrees the territory and the period, "
        "and gathers commissioners, providers, service users and the public."
    ),
    PhaseKind.ANALYSIS: _(
        "A socio-demographic analysis with a population forecast, a survey of providers, a survey of service "
        "users and the public, and a catalogue of services show what people need and what exists."
    ),
    PhaseKind.WORKING_GROUPS: _(
        "The steering group sets the vision; working groups for each target group prepare a SWOT analysis and "
        "set priorities, and participants describe their projects on activity sheets."
    ),
    PhaseKind.DRAFTING: _(
        "The plan is written from the analyses and the groups' work: priorities, measures and activities, "
        "the action plan and the project store."
    ),
    PhaseKind.PUBLIC_COMMENTS: _(
        "The draft plan is published and anyone can comment in writing. Every comment is recorded, "
        "evaluated and answered, and the settlement is published."
    ),
    PhaseKind.APPROVAL: _(
        "The municipal assembly discusses and approves the plan; it becomes the official strategic document."
    ),
    PhaseKind.IMPLEMENTATION: _(
        "The activities of the plan are carried out through yearly action plans; the steering group monitors "
        "their fulfilment and reports on it every year."
    ),
}


def describe(phase) -> str:
    return phase.note or str(PHASE_DESCRIPTIONS.get(phase.kind, ""))
