"""The staff SWOT pages and the SWOT API read a fixed number of queries, however many items, votes and merges."""

from __future__ import annotations

import pytest
from django.test import Client

from komplan.accounts.models import Membership
from komplan.vision import services
from tests.querycount import assert_no_more_queries, query_counts

pytestmark = pytest.mark.django_db

STAFF = "/slany/sprava/swot/"


def test_fixed_number_of_queries(process, groups, items, member, coordinator, django_assert_max_num_queries):
    services.vote(items["strength"], Membership.objects.get(process=process, user=member))
    services.merge(process, [items["weakness"].pk], coordinator)
    pages = ["/api/v1/processes/slany/swot", "/slany/vize-a-swot/"]
    staff_pages = [STAFF, STAFF + "celkova/", STAFF + "ps-seniori/", STAFF + "sloucit/"]
    anonymous, staff = Client(), Client()
    staff.force_login(coordinator)
    before, before_staff = query_counts(anonymous, pages), query_counts(staff, staff_pages)
    voter = Membership.objects.get(process=process, user=member)
    for n in range(4):
        for body in (groups["seniors"], groups["families"], None):
            item = services.add_item(process, body, "threats", f"Hrozba {n}", coordinator)
            services.vote(item, voter)
            if body is not None:
                services.merge(process, [item.pk], coordinator)
    assert_no_more_queries(anonymous, before, django_assert_max_num_queries)
    assert_no_more_queries(staff, before_staff, django_assert_max_num_queries)
