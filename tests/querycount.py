"""N+1 guards: a list page must read the same number of queries with more rows on it."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext


def query_counts(client, paths) -> dict[str, int]:
    counted = {}
    for path in paths:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counted[path] = len(ctx.captured_queries)
    return counted


def assert_no_more_queries(client, before: dict[str, int], django_assert_max_num_queries) -> None:
    for path, count in before.items():
        with django_assert_max_num_queries(count, info=path):
            assert client.get(path).status_code == 200, path
