"""List pages and the API of the strategy read a fixed number of queries, however many rows they show."""

from __future__ import annotations

import pytest
from django.test import Client

from komplan.strategy import services
from komplan.strategy.models import ActionPlanYear, Activity, ActivitySheet, Cost, Indicator, SheetState
from tests.querycount import assert_no_more_queries, query_counts

from .test_views import sheet  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/slany/strategie/",
    "/slany/akcni-plan/2008/",
    "/slany/akcni-plan/2008/akcni-plan.xlsx",
    "/slany/zasobnik-projektu/",
    "/slany/zasobnik-projektu/zasobnik-projektu.xlsx",
    "/api/v1/processes/slany/strategy",
    "/api/v1/processes/slany/action-plan?year=2008",
    "/api/v1/processes/slany/project-store",
]
STAFF = ["/slany/sprava/strategie/", "/slany/sprava/strategie/listy/", "/slany/listy-aktivit/"]


def _more(process, tree, n):
    from komplan.directory.models import Codelist, CodelistItem

    source = CodelistItem.objects.filter(codelist=Codelist.FUNDING_SOURCE).first()
    priority = services.add_priority(process, f"Další priorita {n}")
    for m in range(2):
        measure = services.add_measure(priority, f"Opatření {n}.{m}")
        for a in range(2):
            activity = Activity.objects.create(measure=measure, title=f"Aktivita {n}.{m}.{a}", order=a)
            ActionPlanYear.objects.create(activity=activity, year=2008)
            Cost.objects.create(activity=activity, year=2008, amount=1000, source=source)
            Indicator.objects.create(activity=activity, name="Klienti", unit="osob", target_value=10)


def test_fixed_number_of_queries(process, tree, member, coordinator, sheet, django_assert_max_num_queries):  # noqa: F811
    ActionPlanYear.objects.create(activity=tree["a211"], year=2008)
    ActivitySheet.objects.filter(pk=sheet.pk).update(state=SheetState.ACCEPTED_PROJECT_STORE)
    public, staff, own = Client(), Client(), Client()
    staff.force_login(coordinator)
    own.force_login(member)
    before = query_counts(public, PUBLIC)
    before_staff = query_counts(staff, STAFF[:2])
    before_own = query_counts(own, STAFF[2:])
    _more(process, tree, 1)
    _more(process, tree, 2)
    for n in range(3):
        copy = ActivitySheet.objects.get(pk=sheet.pk)
        copy.pk = None
        copy.title = f"Kopie {n}"
        copy.save()
    assert ActivitySheet.objects.count() == 4
    assert_no_more_queries(public, before, django_assert_max_num_queries)
    assert_no_more_queries(staff, before_staff, django_assert_max_num_queries)
    assert_no_more_queries(own, before_own, django_assert_max_num_queries)
