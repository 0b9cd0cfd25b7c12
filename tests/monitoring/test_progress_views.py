"""The progress form of one activity: who may report what, every bad input at its field, closed periods,
conflicts, the history of earlier years, and "my activities"."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client

from komplan.monitoring import services
from komplan.monitoring.models import IndicatorValue, ProgressReport, Spending
from komplan.monitoring.permissions import ReporterScope
from komplan.monitoring.validation import ProgressInput

pytestmark = pytest.mark.django_db

S = "/slany/sprava/plneni/"


def url(activity, year=2008):
    return f"{S}{year}/aktivita/{activity.pk}/"


def post_data(indicator=None, **fields):
    """A valid report of an activity with one indicator (``indicator``) and two spending rows."""
    data = {
        "status": "running",
        "progress": "50",
        "note": "Služba běží od září (ilustrativní).",
        "reason": "",
        "opened_version": "0",
        "spendings-TOTAL_FORMS": "2",
        "spendings-INITIAL_FORMS": "0",
        "spendings-0-source": "municipality",
        "spendings-0-amount": "80 000",
        "spendings-1-source": "",
        "spendings-1-amount": "",
        "indicators-TOTAL_FORMS": "1" if indicator else "0",
        "indicators-INITIAL_FORMS": "1" if indicator else "0",
    }
    if indicator:
        data.update(
            {"indicators-0-indicator": str(indicator.pk), "indicators-0-value": "32", "indicators-0-measured_on": ""}
        )
        data["indicators-0-measured_on"] = "2008-12-31"
    data.update(fields)
    return data


def errors_at(response, field_id: str) -> str:
    """The text of the error list tied to the input ``field_id``."""
    html = response.content.decode()
    found = re.search(rf'<ul class="kp-field-error" id="{field_id}_errors">(.*?)</ul>', html, re.S)
    assert found, f"no error at {field_id}"
    return found.group(1)


def test_the_form_shows_the_plan_the_indicator_target_and_saves_a_report(as_user, coordinator, plan2008, period):
    client = as_user(coordinator)
    a111 = plan2008["a111"]
    page = client.get(url(a111))
    assert page.status_code == 200
    html = page.content.decode()
    assert "100\xa0000" in html or "100 000" in html
    assert "Počet klientů" in html and "40 osob" in html
    response = client.post(url(a111), post_data(plan2008["indicator"]))
    assert response.status_code == 302 and response["Location"].endswith(f"?rok=2008#aktivita-{a111.pk}")
    report = ProgressReport.objects.get(activity=a111)
    assert (report.status, report.progress, report.reported_by) == ("running", 50, coordinator)
    assert [(s.source.code, s.amount) for s in report.spendings.all()] == [("municipality", Decimal(80000))]
    value = report.indicator_values.get()
    assert value.value == Decimal(32) and value.measured_on == dt.date(2008, 12, 31)
    again = client.get(url(a111)).content.decode()
    assert 'value="80000"' in again and 'value="32"' in again and 'value="1"' in again  # opened_version 1


def test_provider_editor_reports_its_own_activity_and_gets_403_for_another_organisation(
    as_user, provider_editor, plan2008, period
):
    client = as_user(provider_editor)
    assert client.get(url(plan2008["a111"])).status_code == 200
    assert client.post(url(plan2008["a111"]), post_data(plan2008["indicator"])).status_code == 302
    for other in (plan2008["a112"], plan2008["a121"]):
        assert client.get(url(other)).status_code == 403
        refused = client.post(url(other), post_data())
        assert refused.status_code == 403
        assert "odpovídá" in refused.content.decode() or "responsible" in refused.content.decode()
    assert list(ProgressReport.objects.values_list("activity", flat=True)) == [plan2008["a111"].pk]


def test_member_reports_only_the_activity_they_are_responsible_for(as_user, member, plan2008, period):
    client = as_user(member)
    assert client.post(url(plan2008["a121"]), post_data()).status_code == 302
    assert client.post(url(plan2008["a111"]), post_data()).status_code == 403
    assert ProgressReport.objects.get().activity == plan2008["a121"]


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({"progress": "150"}, "id_progress", "150"),
        ({"progress": "-5"}, "id_progress", ""),
        ({"progress": "abc"}, "id_progress", "0"),
        ({"status": "done", "progress": "80"}, "id_progress", "100"),
        ({"status": "cancelled", "progress": "0"}, "id_reason", ""),
        ({"status": "postponed", "progress": "0"}, "id_reason", ""),
        ({"spendings-0-source": "lottery"}, "id_spendings-0-source", "lottery"),
        ({"spendings-0-source": ""}, "id_spendings-0-source", ""),
        ({"spendings-0-amount": "-10"}, "id_spendings-0-amount", ""),
        ({"spendings-0-amount": "10,5"}, "id_spendings-0-amount", ""),
        ({"spendings-1-source": "municipality", "spendings-1-amount": "5"}, "id_spendings-1-source", ""),
        ({"indicators-0-measured_on": ""}, "id_indicators-0-measured_on", ""),
        ({"indicators-0-measured_on": "2099-01-01"}, "id_indicators-0-measured_on", ""),
        ({"indicators-0-measured_on": "včera"}, "id_indicators-0-measured_on", ""),
        ({"indicators-0-value": "hodně"}, "id_indicators-0-value", "hodně"),
        ({"status": "finished"}, "id_status", ""),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_saved(
    as_user, coordinator, plan2008, period, fields, field_id, message
):
    client = as_user(coordinator)
    response = client.post(url(plan2008["a111"]), post_data(plan2008["indicator"], **fields))
    assert response.status_code == 400
    assert message in errors_at(response, field_id)
    assert not ProgressReport.objects.exists() and not Spending.objects.exists()
    assert not IndicatorValue.objects.exists()


def test_an_indicator_of_another_activity_is_refused_in_its_row(as_user, coordinator, plan2008, period):
    from komplan.strategy.models import Indicator

    foreign = Indicator.objects.create(activity=plan2008["a121"], name="Výtisků", unit="ks")
    data = post_data(plan2008["indicator"], **{"indicators-0-indicator": str(foreign.pk)})
    response = as_user(coordinator).post(url(plan2008["a111"]), data)
    assert response.status_code == 400
    assert "nepatří" in response.content.decode() or "does not belong" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_closed_period_shows_the_form_read_only_and_refuses_a_report(as_user, coordinator, plan2008, period):
    services.close_period(period, coordinator)
    client = as_user(coordinator)
    page = client.get(url(plan2008["a111"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "uzavřeno" in html or "closed" in html
    assert 'name="progress"' in html and "disabled" in html
    assert 'data-color="primary" type="submit"' not in html
    refused = client.post(url(plan2008["a111"]), post_data(plan2008["indicator"]))
    assert refused.status_code == 409
    assert not ProgressReport.objects.exists()


def test_a_report_saved_meanwhile_is_a_conflict_showing_the_other_version(
    as_user, coordinator, provider_editor, plan2008, period
):
    client = as_user(coordinator)
    services.save_progress(
        period,
        plan2008["a111"],
        provider_editor,
        ReporterScope(everything=True),
        ProgressInput(status="running", progress=30, note="Verze editorky"),
    )
    response = client.post(url(plan2008["a111"]), post_data(progress="70"))  # opened before it existed
    assert response.status_code == 409
    html = response.content.decode()
    assert "Verze editorky" in html and "Eva Editorová" in html
    assert ProgressReport.objects.get().progress == 30
    assert client.post(url(plan2008["a111"]), post_data(progress="70", opened_version="1")).status_code == 302
    assert ProgressReport.objects.get().progress == 70


def test_activities_and_periods_that_do_not_exist_here_are_404(as_user, coordinator, plan2008, period, other_process):
    from komplan.strategy import services as strategy
    from komplan.strategy.models import ActionPlanYear, Activity

    client = as_user(coordinator)
    assert client.get(url(plan2008["a111"], 2011)).status_code == 404
    outside = Activity.objects.create(measure=plan2008["m11"], title="Mimo plán 2008", order=3)
    ActionPlanYear.objects.create(activity=outside, year=2009)
    assert client.get(url(outside)).status_code == 404
    foreign = Activity.objects.create(
        measure=strategy.add_measure(strategy.add_priority(other_process, "Jinde"), "Cizí"), title="Cizí aktivita"
    )
    assert client.get(url(foreign)).status_code == 404
    assert client.post(url(foreign), post_data()).status_code == 404
    assert not ProgressReport.objects.exists()


def test_the_history_of_earlier_years_is_shown_below_the_form(as_user, coordinator, plan2008, period, process):
    from komplan.monitoring.models import MonitoringPeriod
    from komplan.strategy.models import ActionPlanYear

    ActionPlanYear.objects.create(activity=plan2008["a111"], year=2007)
    earlier = MonitoringPeriod.objects.create(
        process=process, year=2007, opens_on=dt.date(2007, 12, 1), deadline=dt.date(2008, 1, 31)
    )
    services.save_progress(
        earlier,
        plan2008["a111"],
        coordinator,
        ReporterScope(everything=True),
        ProgressInput(status="postponed", progress=10, reason="Chyběl personál (ilustrativní)"),
    )
    html = as_user(coordinator).get(url(plan2008["a111"])).content.decode()
    assert "Chyběl personál" in html and "2007" in html


def test_my_activities_list_the_open_periods_in_the_persons_scope(as_user, provider_editor, member, plan2008, period):
    html = as_user(provider_editor).get(f"{S}moje/").content.decode()
    assert "Víkendová pečovatelská služba" in html
    assert "Osobní asistence" not in html and "Katalog služeb" not in html
    assert f"{url(plan2008['a111'])}?zpet=moje" in html
    response = as_user(provider_editor).post(f"{url(plan2008['a111'])}?zpet=moje", post_data(plan2008["indicator"]))
    assert response["Location"] == f"{S}moje/"
    other = Client()
    other.force_login(member)
    mine = other.get(f"{S}moje/").content.decode()
    assert "Katalog služeb" in mine and "Víkendová" not in mine


def test_my_activities_without_an_open_period(as_user, member, plan2008):
    response = as_user(member).get(f"{S}moje/")
    assert response.status_code == 200
    assert "Katalog služeb" not in response.content.decode()


def test_row_errors_are_summarised_above_the_form_with_links(as_user, coordinator, plan2008, period):
    data = post_data(plan2008["indicator"], **{"spendings-0-amount": "-10", "indicators-0-measured_on": ""})
    html = as_user(coordinator).post(url(plan2008["a111"]), data).content.decode()
    summary = re.search(r"Opravte prosím chyby v řádcích níže.*?</ul>", html, re.S).group(0)
    assert 'href="#id_spendings-0-amount"' in summary and "(řádek 1)" in summary
    assert 'href="#id_indicators-0-measured_on"' in summary
