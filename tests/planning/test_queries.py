"""The bodies' pages and the groups API read a fixed number of queries, however many groups and members."""

from __future__ import annotations

import pytest
from django.test import Client

from komplan.accounts.models import Membership
from komplan.planning.models import Body
from komplan.planning.services import add_member
from tests.conftest import person
from tests.querycount import assert_no_more_queries, query_counts

pytestmark = pytest.mark.django_db


def test_fixed_number_of_queries(process, bodies, member, coordinator, django_assert_max_num_queries):
    pages = ["/slany/skupiny/", "/slany/skupiny/ps-seniori/", "/api/v1/processes/slany/groups"]
    staff_pages = ["/slany/sprava/skupiny/", "/slany/sprava/skupiny/ps-seniori/"]
    anonymous, staff = Client(), Client()
    staff.force_login(member)
    before, before_staff = query_counts(anonymous, pages), query_counts(staff, staff_pages)
    for n in range(3):
        body = Body.objects.create(process=process, name=f"PS {n}", slug=f"ps-{n}", order=10 + n)
        body.planning_groups.set([bodies["group"]])
        for k in range(2):
            user = person(f"clen{n}{k}@example.org", f"Člen {n}{k}", process, "working_member", "public")
            seat = Membership.objects.get(user=user)
            add_member(body, seat)
            add_member(bodies["working"], seat)
    assert_no_more_queries(anonymous, before, django_assert_max_num_queries)
    assert_no_more_queries(staff, before_staff, django_assert_max_num_queries)
