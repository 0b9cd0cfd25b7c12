"""Fixtures of carrying the plan on (imported by the test modules that use them; illustrative data).

On top of ``plan2008`` (conftest.py): the 2008 reports (1.1.1 running at 60 %, 1.1.2 done, 1.2.1 not reported),
activity 1.1.1 with every kind of content (a planning group, a target group, a link to a service, partners and
dates), and an activity sheet waiting in the project store.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest


@pytest.fixture
def reports2008(plan2008, period):
    from komplan.monitoring.models import ProgressReport

    running = ProgressReport.objects.create(
        period=period, activity=plan2008["a111"], status="running", progress=60, note="Běží od září (ilustrativní)."
    )
    done = ProgressReport.objects.create(period=period, activity=plan2008["a112"], status="done", progress=100)
    return {"a111": running, "a112": done}


@pytest.fixture
def rich_a111(plan2008, process):
    """Activity 1.1.1 with a planning group, a target group, a service link, partners and dates."""
    from komplan.directory.models import Codelist, CodelistItem
    from komplan.planning.models import PlanningGroup
    from komplan.strategy.models import LinkKind, ServiceLink

    activity = plan2008["a111"]
    group = PlanningGroup.objects.create(process=process, name="Senioři", slug="seniori")
    target = CodelistItem.objects.filter(codelist=Codelist.TARGET_GROUP).first()
    service_type = CodelistItem.objects.filter(codelist=Codelist.SERVICE_TYPE).first()
    activity.description = "Pečovatelská služba i o víkendech (ilustrativní)."
    activity.responsible_organisation = "Oblastní charita Slaný"
    activity.partners = "Město Slaný\nKraj"
    activity.start = dt.date(2008, 3, 1)
    activity.end = dt.date(2010, 12, 31)
    activity.expected_outputs = "40 klientů"
    activity.save()
    activity.planning_groups.add(group)
    activity.target_groups.add(target)
    ServiceLink.objects.create(activity=activity, kind=LinkKind.NEW_SERVICE, service_type=service_type)
    return activity


@pytest.fixture
def store_sheet(process, member, sources):
    """An activity sheet accepted into the project store, with a cost and an indicator."""
    from komplan.accounts.models import Membership
    from komplan.strategy.models import ActivitySheet, Cost, Indicator, SheetState

    sheet = ActivitySheet.objects.create(
        process=process,
        title="Sdílené bydlení pro seniory",
        description="Byty s podporou (ilustrativní).",
        proposer=Membership.objects.get(process=process, user=member),
        proposer_organisation="Spolek Domov (ilustrativní)",
        state=SheetState.ACCEPTED_PROJECT_STORE,
    )
    Cost.objects.create(sheet=sheet, year=2009, amount=Decimal(50000), source=sources["municipality"])
    Indicator.objects.create(sheet=sheet, name="Počet bytů", unit="bytů", target_value=Decimal(4))
    return sheet
