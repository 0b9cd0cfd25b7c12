"""Monitoring fixtures: a small 2008 action plan with reporters and an open monitoring period."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.conftest import person


@pytest.fixture
def sources(db):
    from komplan.directory.models import Codelist, CodelistItem

    return {item.code: item for item in CodelistItem.objects.filter(codelist=Codelist.FUNDING_SOURCE)}


@pytest.fixture
def organization(db):
    from tests.directory.factories import make_organization as make

    return make(name="Oblastní charita Slaný (ilustrativní)")


@pytest.fixture
def other_organization(db):
    from tests.directory.factories import make_organization as make

    return make(name="Jiný poskytovatel (ilustrativní)", ico="")


@pytest.fixture
def provider_editor(process, organization):
    from komplan.directory.review import OrganizationEditor

    user = person("editor@example.org", "Eva Editorová", process, "provider_editor", "provider")
    OrganizationEditor.objects.create(process=process, user=user, organization=organization)
    return user


@pytest.fixture
def plan2008(process, organization, other_organization, member, sources):
    """Priority 1 with measures 1.1 (activities 1.1.1, 1.1.2) and 1.2 (1.2.1); all in the 2008 action plan.

    1.1.1 belongs to ``organization`` (its editor reports it), 1.1.2 to ``other_organization``, 1.2.1 to the
    member ``member``; 1.1.1 plans 100 000 Kč from the municipality and has an indicator with a target of 40.
    """
    from komplan.accounts.models import Membership
    from komplan.strategy import services
    from komplan.strategy.models import ActionPlanYear, Activity, Cost, Indicator

    p1 = services.add_priority(process, "Senioři")
    m11 = services.add_measure(p1, "Terénní služby")
    m12 = services.add_measure(p1, "Informovanost")
    a111 = Activity.objects.create(
        measure=m11, title="Víkendová pečovatelská služba", order=1, responsible_provider=organization
    )
    a112 = Activity.objects.create(
        measure=m11, title="Osobní asistence", order=2, responsible_provider=other_organization
    )
    membership = Membership.objects.get(process=process, user=member)
    a121 = Activity.objects.create(measure=m12, title="Katalog služeb", order=1, responsible_member=membership)
    for activity in (a111, a112, a121):
        ActionPlanYear.objects.create(activity=activity, year=2008)
    Cost.objects.create(activity=a111, year=2008, amount=Decimal(100000), source=sources["municipality"])
    Cost.objects.create(activity=a111, year=2009, amount=Decimal(90000), source=sources["municipality"])
    indicator = Indicator.objects.create(activity=a111, name="Počet klientů", unit="osob", target_value=Decimal(40))
    return {"p1": p1, "m11": m11, "m12": m12, "a111": a111, "a112": a112, "a121": a121, "indicator": indicator}


@pytest.fixture
def period(process):
    from komplan.monitoring.models import MonitoringPeriod

    return MonitoringPeriod.objects.create(
        process=process, year=2008, opens_on=dt.date(2008, 12, 1), deadline=dt.date(2009, 1, 31)
    )
