import pytest

from tests.conftest import person


@pytest.fixture
def groups(process, coordinator, member):
    """Two working groups and a steering group: ``member`` sits in PS senioři only, ``provider`` in PS rodiny."""
    from komplan.accounts.models import Membership
    from komplan.planning.models import Body, BodyKind
    from komplan.planning.services import add_member

    steering = Body.objects.create(process=process, kind=BodyKind.STEERING, name="Řídící skupina", slug="ridici")
    seniors = Body.objects.create(process=process, name="PS senioři", slug="ps-seniori", order=1)
    families = Body.objects.create(process=process, name="PS rodiny", slug="ps-rodiny", order=2)
    provider = person("poskytovatel@example.org", "Pavla Poskytovatelová", process, "working_member", "provider")
    add_member(seniors, Membership.objects.get(process=process, user=member))
    add_member(families, Membership.objects.get(user=provider))
    add_member(steering, Membership.objects.get(process=process, user=coordinator))
    return {"steering": steering, "seniors": seniors, "families": families, "provider": provider}


@pytest.fixture
def items(process, groups, coordinator):
    """A strength and a threat in PS senioři, a weakness in PS rodiny, a strength in the overall SWOT."""
    from komplan.vision.services import add_item

    return {
        "strength": add_item(process, groups["seniors"], "strengths", "Dobrá síť pečovatelské služby", coordinator),
        "threat": add_item(process, groups["seniors"], "threats", "Stárnutí obyvatel", coordinator),
        "weakness": add_item(process, groups["families"], "weaknesses", "Chybí nízkoprahový klub", coordinator),
        "overall": add_item(process, None, "strengths", "Spolupráce města a poskytovatelů", coordinator),
    }
