"""The monitoring API: the year tree equals the documented roll-up; reporting progress with every refusal."""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.test import Client
from django.utils import timezone

from komplan.monitoring import services
from komplan.monitoring.models import IndicatorValue, MonitoringPeriod, ProgressReport, Spending
from komplan.monitoring.permissions import ReporterScope
from komplan.monitoring.validation import ProgressInput, SpendingInput
from komplan.strategy.models import ActionPlanYear, Activity, Cost

pytestmark = pytest.mark.django_db
GET = "/api/v1/processes/slany/monitoring"
EVERYTHING = ReporterScope(everything=True)
RUNNING = '{"year": 2008, "status": "running", "progress": 50, '


def _url(activity) -> str:
    return f"/api/v1/processes/slany/activities/{activity.pk}/progress"


def _signed_in(user, csrf=False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def _post(client, activity, payload):
    return client.post(_url(activity), data=json.dumps(payload), content_type="application/json")


def _payload(indicator, **change) -> dict:
    return {
        "year": 2008,
        "status": "running",
        "progress": 40,
        "note": "Běží od října (ilustrativní).",
        "spending": [{"source": "municipality", "amount": 50000}],
        "indicators": [{"indicator": indicator.pk, "value": 12, "measured_on": "2008-12-15"}],
        **change,
    }


# ---------------------------------------------------------------------------------------------------- the tree


@pytest.fixture
def bigger_plan(plan2008, period, coordinator, sources):
    """plan2008 with a second priority, costs with and without a source, and reports of every status."""
    from komplan.strategy import services as strategy

    p2 = strategy.add_priority(period.process, "Rodiny s dětmi")
    m21 = strategy.add_measure(p2, "Sociálně aktivizační služby")
    a211 = Activity.objects.create(measure=m21, title="Klub pro rodiny", order=1)
    a212 = Activity.objects.create(measure=m21, title="Terénní práce s rodinami", order=2)
    a213 = Activity.objects.create(measure=m21, title="Mimo akční plan 2008", order=3)
    for activity in (a211, a212):
        ActionPlanYear.objects.create(activity=activity, year=2008)
    ActionPlanYear.objects.create(activity=a213, year=2009)
    Cost.objects.create(activity=a211, year=2008, amount=Decimal(30000), source=sources["region"])
    Cost.objects.create(activity=a211, year=2008, amount=Decimal(5000), source=None)
    Cost.objects.create(activity=a212, year=2008, amount=Decimal(20000), source=sources["municipality"])
    save = services.save_progress
    save(
        period,
        plan2008["a111"],
        coordinator,
        EVERYTHING,
        ProgressInput("running", 33, spendings=[SpendingInput("municipality", 40000), SpendingInput("region", 2500)]),
    )
    save(period, plan2008["a112"], coordinator, EVERYTHING, ProgressInput("postponed", 10, reason="Chybí pracovník."))
    save(period, plan2008["a121"], coordinator, EVERYTHING, ProgressInput("done", 100))
    save(
        period,
        a211,
        coordinator,
        EVERYTHING,
        ProgressInput("cancelled", 0, reason="Bez prostoru.", spendings=[SpendingInput("region", 1000)]),
    )
    # a212 not reported
    return {**plan2008, "p2": p2, "m21": m21, "a211": a211, "a212": a212, "a213": a213}


def _expected(reports: dict[int, ProgressReport | None], planned: dict[int, dict], activities: list) -> dict:
    """The documented aggregation, computed here from the raw rows without komplan.monitoring.rollup."""
    counted, money_planned, money_spent = [], {}, {}
    for activity in activities:
        report = reports.get(activity.pk)
        if report is None:
            counted.append(0)
        elif report.status != "cancelled":
            counted.append(100 if report.status == "done" else report.progress)
        for code, amount in planned[activity.pk].items():
            money_planned[code] = money_planned.get(code, 0) + amount
        for spending in report.spendings.all() if report else []:
            money_spent[spending.source.code] = money_spent.get(spending.source.code, 0) + int(spending.amount)
    mean = Decimal(sum(counted)) / len(counted) if counted else None
    return {
        "progress": None if mean is None else float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)),
        "counted": len(counted),
        "activity_count": len(activities),
        "planned_total": sum(money_planned.values()),
        "spent_total": sum(money_spent.values()),
        "spent": money_spent,
    }


def _check(node: dict, expected: dict) -> None:
    for key in ("progress", "counted", "activity_count", "planned_total", "spent_total"):
        assert node[key] == expected[key], (node.get("number"), key, node[key], expected[key])
    spent = {row["source"]: row["spent"] for row in node["money"] if row["spent"]}
    assert spent == expected["spent"], node.get("number")


def test_the_tree_equals_the_documented_rollup(client, bigger_plan):
    body = client.get(GET + "?year=2008").json()
    reports = {r.activity_id: r for r in ProgressReport.objects.prefetch_related("spendings__source")}
    planned: dict[int, dict] = {}
    for activity in Activity.objects.all():
        planned[activity.pk] = {}
        for cost in activity.costs.filter(year=2008):
            code = cost.source.code if cost.source else ""
            planned[activity.pk][code] = planned[activity.pk].get(code, 0) + int(cost.amount)
    everything = []
    for priority in body["priorities"]:
        under_priority = []
        for measure in priority["measures"]:
            activities = [Activity.objects.get(pk=a["id"]) for a in measure["activities"]]
            _check(measure, _expected(reports, planned, activities))
            under_priority.extend(activities)
        _check(priority, _expected(reports, planned, under_priority))
        everything.extend(under_priority)
    _check(body["total"], _expected(reports, planned, everything))
    assert len(everything) == 5 and bigger_plan["a213"].pk not in {a.pk for a in everything}  # 2009 only
    # the figures themselves: 1.1 = mean(33, 10) = 21.5; 1 = mean(33, 10, 100) = 47.7; 2.1 = 0 (a212 unreported,
    # a211 cancelled); the plan = mean(33, 10, 100, 0) = 35.8
    p1, p2 = body["priorities"]
    assert [p1["measures"][0]["progress"], p1["progress"], p2["progress"], body["total"]["progress"]] == [
        21.5,
        47.7,
        0.0,
        35.8,
    ]
    assert body["total"]["statuses"] == {"running": 1, "postponed": 1, "done": 1, "cancelled": 1, "not_reported": 1}
    unassigned = [row for row in p2["money"] if row["source"] is None]
    assert unassigned == [{"source": None, "name": unassigned[0]["name"], "planned": 5000, "spent": 0}]


def test_the_activities_and_indicators_in_the_tree(client, plan2008, period, provider_editor):
    payload = _payload(plan2008["indicator"])
    assert _post(_signed_in(provider_editor), plan2008["a111"], payload).status_code == 201
    body = client.get(GET).json()  # no year: the latest monitored
    assert body["year"] == 2008 and body["period"] == {
        "opens_on": "2008-12-01",
        "deadline": "2009-01-31",
        "closed": False,
        "closed_on": None,
    }
    a111, a112 = body["priorities"][0]["measures"][0]["activities"]
    assert a111["number"] == "1.1.1" and a111["status"] == "running" and a111["progress"] == 40
    assert a111["responsible_organisation"] == "Oblastní charita Slaný (ilustrativní)"
    assert a111["money"] == [{"source": "municipality", "name": "obec / město", "planned": 100000, "spent": 50000}]
    [indicator] = a111["indicators"]
    assert indicator == {
        "id": plan2008["indicator"].pk,
        "name": "Počet klientů",
        "unit": "osob",
        "target": 40.0,
        "value": 12.0,
        "measured_on": "2008-12-15",
        "share": 30.0,
    }
    assert a112["status"] == "not_reported" and a112["progress"] is None and a112["spent_total"] is None
    text = json.dumps(body, ensure_ascii=False)
    assert provider_editor.full_name not in text and provider_editor.email not in text


def test_years_and_bad_years(client, plan2008, period):
    ActionPlanYear.objects.create(activity=plan2008["a111"], year=2009)
    body = client.get(GET + "?year=2009").json()
    assert body["period"] is None and body["total"]["progress"] is None  # not monitored: no progress, never 0
    assert body["priorities"][0]["progress"] is None and body["years"] == [2008, 2009]
    assert body["monitored_years"] == [2008]
    for bad in ("dvatisíce", "208", "3000", "-5", "2008.5"):
        response = client.get(GET + "?year=" + bad)
        assert response.status_code == 400 and response.json()["parameter"] == "year", bad
    response = client.get(GET + "?year=1999")
    assert response.status_code == 404 and "1999" in response.json()["detail"]
    assert client.get("/api/v1/processes/neni/monitoring").status_code == 404


def test_no_action_plan_is_404(client, process):
    response = client.get(GET)
    assert response.status_code == 404 and response.json()["detail"]


def test_hidden_process_is_404_to_outsiders(client, plan2008, period, process, outsider, member, provider_editor):
    process.is_public = False
    process.save()
    assert client.get(GET).status_code == 404
    assert _signed_in(outsider).get(GET).status_code == 404
    assert _signed_in(member).get(GET).status_code == 200
    response = _post(_signed_in(outsider), plan2008["a111"], _payload(plan2008["indicator"]))
    assert response.status_code == 404 and not ProgressReport.objects.exists()


def test_the_tree_takes_a_fixed_number_of_queries(client, plan2008, period, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        assert client.get(GET).status_code == 200


# ---------------------------------------------------------------------------------------------------- reporting


def test_a_provider_editor_reports_its_own_activity(plan2008, period, provider_editor):
    client = _signed_in(provider_editor)
    response = _post(client, plan2008["a111"], _payload(plan2008["indicator"]))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["version"] == 1 and body["progress"] == 40 and body["status"] == "running"
    assert body["spending"] == [{"source": "municipality", "name": "obec / město", "amount": 50000}]
    assert body["indicators"][0]["value"] == 12.0 and body["indicators"][0]["measured_on"] == "2008-12-15"
    report = ProgressReport.objects.get()
    assert report.reported_by == provider_editor and report.spendings.get().amount == 50000
    # replacing it answers 200 with the next version; with an old version it is a conflict
    again = _post(client, plan2008["a111"], _payload(plan2008["indicator"], progress=55, version=1))
    assert again.status_code == 200 and again.json()["version"] == 2 and again.json()["progress"] == 55
    stale = _post(client, plan2008["a111"], _payload(plan2008["indicator"], progress=70, version=1))
    assert stale.status_code == 409 and stale.json()["version"] == 2
    assert ProgressReport.objects.get().progress == 55


def test_a_provider_editor_cannot_report_another_organisations_activity(plan2008, period, provider_editor):
    for activity in (plan2008["a112"], plan2008["a121"]):
        response = _post(_signed_in(provider_editor), activity, {"year": 2008, "status": "done", "progress": 100})
        assert response.status_code == 403 and "odpovídáte" in response.json()["detail"]
    assert not ProgressReport.objects.exists()


def test_the_coordinator_reports_any_activity_a_member_only_their_own(plan2008, period, coordinator, member, outsider):
    done = {"year": 2008, "status": "done", "progress": 100}
    assert _post(_signed_in(coordinator), plan2008["a112"], done).status_code == 201
    assert _post(_signed_in(member), plan2008["a121"], done).status_code == 201  # its responsible member
    assert _post(_signed_in(member), plan2008["a111"], done).status_code == 403
    assert _post(_signed_in(outsider), plan2008["a111"], done).status_code == 403  # public process, not a member


def test_sign_in_and_csrf(plan2008, period, provider_editor):
    payload = _payload(plan2008["indicator"])
    anonymous = _post(Client(), plan2008["a111"], payload)
    assert anonymous.status_code == 401 and anonymous.json()["detail"]
    no_token = _post(_signed_in(provider_editor, csrf=True), plan2008["a111"], payload)
    assert no_token.status_code == 403 and "CSRF" in no_token.json()["detail"]
    assert not ProgressReport.objects.exists()
    client = _signed_in(provider_editor, csrf=True)
    client.get("/slany/listy-aktivit/novy/")  # any page with a form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        _url(plan2008["a111"]), data=json.dumps(payload), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 201


def test_unknown_activity_or_period_is_404(plan2008, period, coordinator, other_process):
    client = _signed_in(coordinator)
    response = client.post(
        "/api/v1/processes/slany/activities/999999/progress", data=json.dumps({}), content_type="application/json"
    )
    assert response.status_code == 404 and response.json()["detail"]
    response = _post(client, plan2008["a111"], {"year": 2009, "status": "done", "progress": 100})
    assert response.status_code == 404 and "2009" in response.json()["detail"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"progress": 101}, "progress"),
        ({"progress": -1}, "progress"),
        ({"progress": "hodně"}, "progress"),
        ({"status": "done", "progress": 50}, "progress"),
        ({"status": "someday"}, "status"),
        ({"status": "cancelled", "progress": 0}, "reason"),
        ({"spending": [{"source": "loterie", "amount": 5}]}, "spending.0.source"),
        ({"spending": [{"source": "municipality", "amount": -5}]}, "spending.0.amount"),
        ({"spending": [{"source": "municipality", "amount": 10.5}]}, "spending.0.amount"),
        (
            {"spending": [{"source": "municipality", "amount": 1}, {"source": "municipality", "amount": 2}]},
            "spending.1.source",
        ),
        ({"indicators": [{"indicator": "x", "value": 3, "measured_on": "2008-12-01"}]}, "indicators.0.indicator"),
        ({"indicators": [{"indicator": 0, "value": 3, "measured_on": "2008-12-01"}]}, "indicators.0.indicator"),
        ("no date", "indicators.0.measured_on"),
        ("bad date", "indicators.0.measured_on"),
        ("future date", "indicators.0.measured_on"),
        ("no value", "indicators.0.value"),
        ({"year": "letos"}, "year"),
        ({"year": None}, "year"),
    ],
)
def test_bad_input_is_refused_at_its_field(plan2008, period, provider_editor, change, field):
    indicator = plan2008["indicator"]
    rows = {
        "no date": {"indicator": indicator.pk, "value": 3},
        "bad date": {"indicator": indicator.pk, "value": 3, "measured_on": "31. 12. 2008"},
        "future date": {
            "indicator": indicator.pk,
            "value": 3,
            "measured_on": str(timezone.localdate().replace(year=2100)),
        },
        "no value": {"indicator": indicator.pk, "measured_on": "2008-12-01"},
    }
    change = {"indicators": [rows[change]]} if isinstance(change, str) else change
    response = _post(_signed_in(provider_editor), plan2008["a111"], _payload(indicator, **change))
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"], response.json()
    assert all(isinstance(m, str) and m for m in response.json()["errors"][field])
    assert not ProgressReport.objects.exists() and not Spending.objects.exists()
    assert not IndicatorValue.objects.exists()


def test_an_activity_outside_the_years_action_plan(plan2008, period, coordinator, process):
    MonitoringPeriod.objects.create(
        process=process, year=2007, opens_on=dt.date(2007, 12, 1), deadline=dt.date(2008, 1, 31)
    )
    response = _post(_signed_in(coordinator), plan2008["a111"], {"year": 2007, "status": "done", "progress": 100})
    assert response.status_code == 422 and "year" in response.json()["errors"]


def test_a_closed_period_is_409(plan2008, period, coordinator, provider_editor):
    services.close_period(period, coordinator)
    response = _post(_signed_in(provider_editor), plan2008["a111"], _payload(plan2008["indicator"]))
    assert response.status_code == 409 and "2008" in response.json()["detail"]
    assert not ProgressReport.objects.exists()
    period_out = Client().get(GET).json()["period"]
    assert period_out["closed"] is True and period_out["closed_on"] == str(timezone.localdate())


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "",
        "[1, 2]",
        '"done"',
        "null",
        '{"year": 2008, "status": "done", "progress": 100, "spending": "450000"}',
        '{"year": 2008, "status": 5, "progress": 100}',
        '{"year": 2008, "status": "running", "progress": 50.5}',
        RUNNING + '"spending": [{"source": "municipality", "amount": 1e400}]}',
        RUNNING + '"spending": [{"source": "municipality", "amount": 100000000000000000000}]}',
        RUNNING + '"indicators": [{"indicator": 99999999999999999999, "value": 1, "measured_on": "2008-12-01"}]}',
        RUNNING + '"indicators": [{"indicator": 1, "value": "NaN", "measured_on": "2008-02-30"}]}',
        RUNNING + '"indicators": [{"indicator": 1, "value": "Infinity", "measured_on": 20081201}]}',
        RUNNING + '"version": "x"}',
        '{"year": 99999999999999999999, "status": "done", "progress": 100}',
    ],
)
def test_garbage_is_a_4xx_never_a_500(plan2008, period, provider_editor, body):
    response = _signed_in(provider_editor).post(_url(plan2008["a111"]), data=body, content_type="application/json")
    assert 400 <= response.status_code < 500, (body, response.status_code, response.content[:300])
    assert not ProgressReport.objects.exists()


def test_errors_in_english(plan2008, period, provider_editor):
    response = _signed_in(provider_editor).post(
        _url(plan2008["a111"]) + "?lang=en",
        data=json.dumps(_payload(plan2008["indicator"], progress=150)),
        content_type="application/json",
    )
    assert response.status_code == 422 and "between 0 and 100" in response.json()["errors"]["progress"][0]


def test_openapi_lists_both_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "get" in paths["/api/v1/processes/{slug}/monitoring"]
    post = paths["/api/v1/processes/{slug}/activities/{id}/progress"]["post"]
    assert {"201", "401", "403", "404", "409", "422"} <= set(post["responses"])
    assert "requestBody" in post
