import pytest


@pytest.fixture
def plan(process, coordinator):
    from komplan.plan.services import create_plan

    return create_plan(process, coordinator)


@pytest.fixture
def strategy(process):
    """One priority → measure → activity in the action plan of 2008."""
    from komplan.strategy.models import ActionPlanYear, Activity, Measure, Priority

    priority = Priority.objects.create(process=process, title="Senioři doma")
    measure = Measure.objects.create(priority=priority, title="Terénní služby")
    activity = Activity.objects.create(measure=measure, title="Rozšířit pečovatelskou službu")
    ActionPlanYear.objects.create(activity=activity, year=2008)
    return activity
