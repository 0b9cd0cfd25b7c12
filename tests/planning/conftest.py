import pytest

from tests.conftest import person


@pytest.fixture
def bodies(process, coordinator, member):
    """A steering group and a working group with a planning group; the coordinator leads the working group."""
    from komplan.accounts.models import Membership
    from komplan.directory.models import Codelist, CodelistItem
    from komplan.planning.models import Body, BodyKind, PlanningGroup
    from komplan.planning.services import add_member

    group = PlanningGroup.objects.create(process=process, name="Senioři", slug="seniori")
    group.target_groups.set(CodelistItem.objects.filter(codelist=Codelist.TARGET_GROUP, slug="seniors"))
    steering = Body.objects.create(process=process, kind=BodyKind.STEERING, name="Řídící skupina", slug="ridici")
    working = Body.objects.create(
        process=process, name="PS senioři", slug="ps-seniori", charter="**Listina** skupiny", order=1
    )
    working.planning_groups.set([group])
    coord = Membership.objects.get(process=process, user=coordinator)
    coord.organisation = "Město Slaný"
    coord.save()
    provider = person("poskytovatel@example.org", "Pavla Poskytovatelová", process, "working_member", "provider")
    add_member(working, coord, is_leader=True)
    add_member(working, Membership.objects.get(process=process, user=member))
    add_member(working, Membership.objects.get(user=provider))
    add_member(steering, coord)
    return {"steering": steering, "working": working, "group": group}
