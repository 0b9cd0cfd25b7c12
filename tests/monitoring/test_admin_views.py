"""The staff overview of reporting: every URL for every persona, opening/closing/reopening periods, what each
person sees, completeness of reporting, the workspace link and a query-count guard."""

import datetime as dt
import re

import pytest
from django.test import Client

from komplan.monitoring import services
from komplan.monitoring.models import MonitoringPeriod, ProgressReport, Reminder
from komplan.monitoring.permissions import ReporterScope
from komplan.monitoring.validation import ProgressInput
from tests.personas import assert_every_view_swept, garbage_is_never_a_500, sweep
from tests.querycount import assert_no_more_queries, query_counts

pytestmark = pytest.mark.django_db

S = "/slany/sprava/plneni/"
EVERYTHING = ReporterScope(everything=True)


def report(period, activity, user, status="running", progress=50):
    return services.save_progress(period, activity, user, EVERYTHING, ProgressInput(status=status, progress=progress))


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_every_staff_view_for_the_personas(outsider, member, coordinator, plan2008, period):
    a111 = plan2008["a111"].pk
    rows = [
        ("get", S, 200),
        ("get", f"{S}?rok=2008", 200),
        ("post", f"{S}obdobi/otevrit/", 403),
        ("get", f"{S}2008/uzavrit/", 403),
        ("post", f"{S}2008/uzavrit/", 403),
        ("get", f"{S}2008/znovu-otevrit/", 403),
        ("post", f"{S}2008/znovu-otevrit/", 403),
        ("get", f"{S}2008/upominky/", 403),
        ("post", f"{S}2008/upominky/", 403),
        ("get", f"{S}moje/", 200),
        ("get", f"{S}2008/aktivita/{a111}/", 403),  # the member is not responsible for 1.1.1
        ("post", f"{S}2008/aktivita/{a111}/", 403),
    ]
    assert_every_view_swept(rows, "komplan.monitoring.admin_urls")
    sweep(rows, outsider, member)
    assert MonitoringPeriod.objects.get().is_open and not ProgressReport.objects.exists()
    garbage_is_never_a_500(rows, coordinator)


def test_provider_editor_sees_the_overview_and_reports_only_its_own(
    provider_editor, outsider, plan2008, period, process
):
    client = Client()
    client.force_login(provider_editor)
    html = client.get(S).content.decode()
    assert f"/2008/aktivita/{plan2008['a111'].pk}/" in html
    assert f"/2008/aktivita/{plan2008['a112'].pk}/" not in html
    assert f"/2008/aktivita/{plan2008['a121'].pk}/" not in html
    assert "obdobi/otevrit/" not in html and "/upominky/" not in html
    assert client.get(f"{S}2008/aktivita/{plan2008['a112'].pk}/").status_code == 403
    assert client.post(f"{S}2008/uzavrit/").status_code == 403


def test_the_coordinator_opens_a_period_with_errors_at_the_field(as_user, coordinator, plan2008, period):
    client = as_user(coordinator)
    bad = client.post(f"{S}obdobi/otevrit/", {"year": "2009", "opens_on": "2009-12-01", "deadline": "2009-11-01"})
    assert bad.status_code == 400
    assert 'id="id_deadline_errors"' in bad.content.decode()
    twice = client.post(f"{S}obdobi/otevrit/", {"year": "2008", "opens_on": "2008-12-01", "deadline": "2009-01-31"})
    assert twice.status_code == 400 and 'id="id_year_errors"' in twice.content.decode()
    nonsense = client.post(f"{S}obdobi/otevrit/", {"year": "dva", "opens_on": "včera", "deadline": ""})
    assert nonsense.status_code == 400
    assert MonitoringPeriod.objects.count() == 1
    done = client.post(
        f"{S}obdobi/otevrit/",
        {"year": "2009", "opens_on": "2009-12-01", "deadline": "2010-01-31", "note": "Pište stručně."},
    )
    assert done.status_code == 302 and done["Location"] == f"{S}?rok=2009"
    opened = MonitoringPeriod.objects.get(year=2009)
    assert opened.note == "Pište stručně." and opened.deadline == dt.date(2010, 1, 31)


def test_close_and_reopen_after_a_confirmation(as_user, coordinator, plan2008, period):
    client = as_user(coordinator)
    confirm = client.get(f"{S}2008/uzavrit/")
    assert confirm.status_code == 200
    assert "3" in text(confirm) and MonitoringPeriod.objects.get().is_open  # 3 activities not reported
    assert client.post(f"{S}2008/uzavrit/").status_code == 302
    closed = MonitoringPeriod.objects.get()
    assert not closed.is_open and closed.closed_by == coordinator
    assert client.post(f"{S}2008/uzavrit/").status_code == 302  # closing twice: a message, no error
    assert client.get(f"{S}2008/znovu-otevrit/").status_code == 200
    assert client.post(f"{S}2008/znovu-otevrit/").status_code == 302
    assert MonitoringPeriod.objects.get().is_open
    assert client.get(f"{S}2011/uzavrit/").status_code == 404


def test_completeness_of_reporting_per_responsible(as_user, coordinator, provider_editor, plan2008, period):
    report(period, plan2008["a111"], provider_editor)
    html = as_user(coordinator).get(f"{S}?rok=2008").content.decode()
    plain = text_of(html)
    assert "Vykázáno 1 z 3 aktivit (33,3 %)" in plain
    table = re.search(r'<table class="kp-table">\s*<caption id="uplnost-tabulka">.*?</table>', html, re.S).group(0)
    rows = [text_of(r) for r in re.findall(r"<tr>.*?</tr>", table, re.S)][1:]
    # Nobody can report 1.1.2 (its provider has no editor): first, highlighted; then by most missing.
    assert rows[0].split()[-4:] == ["0", "1", "0", "1"]
    assert "Jiný poskytovatel" not in rows[0]
    assert rows[1].startswith("Člen Pracovní") and rows[1].split()[-4:] == ["0", "1", "0", "1"]
    assert rows[2].startswith("Oblastní charita Slaný") and rows[2].split()[-4:] == ["1", "1", "100", "0"]
    assert f"/sprava/strategie/aktivity/{plan2008['a112'].pk}/" in html  # the activity nobody reports, linked


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_the_tree_shows_status_progress_money_and_who_reported(as_user, coordinator, provider_editor, plan2008, period):
    services.save_progress(
        period,
        plan2008["a111"],
        provider_editor,
        EVERYTHING,
        ProgressInput(status="done", progress=100, spendings=[]),
    )
    page = as_user(coordinator).get(f"{S}?rok=2008")
    row = re.search(rf'<tr id="aktivita-{plan2008["a111"].pk}">.*?</tr>', page.content.decode(), re.S).group(0)
    cells = text_of(row)
    assert "1.1.1 Víkendová pečovatelská služba" in cells and "100 %" in cells
    assert "Eva Editorová" in cells and "Oblastní charita Slaný" in cells
    assert "100 000" in cells.replace("\xa0", " ")
    assert ("Upravit" in cells) or ("Edit" in cells)


def test_members_see_the_tree_without_the_coordinators_tools(as_user, member, plan2008, period):
    html = as_user(member).get(S).content.decode()
    assert "Katalog služeb" in html and f"/2008/aktivita/{plan2008['a121'].pk}/" in html
    assert 'id="uplnost"' not in html and "obdobi/otevrit/" not in html


def test_an_overview_without_periods_or_plan(as_user, coordinator, process):
    response = as_user(coordinator).get(f"{S}?rok=abc")
    assert response.status_code == 200


def test_the_workspace_links_the_overview_and_strategy_shows_who_reports(
    as_user, member, plan2008, period, provider_editor
):
    client = as_user(member)
    workspace = client.get("/slany/sprava/").content.decode()
    assert f'href="{S}"' in workspace and f'href="{S}moje/"' in workspace
    activity = client.get(f"/slany/sprava/strategie/aktivity/{plan2008['a111'].pk}/").content.decode()
    assert "Oblastní charita Slaný" in activity
    own = client.get(f"/slany/sprava/strategie/aktivity/{plan2008['a121'].pk}/").content.decode()
    assert "Člen Pracovní" in own


def test_the_overview_reads_a_fixed_number_of_queries(
    coordinator, provider_editor, plan2008, period, process, sources, django_assert_max_num_queries
):
    from komplan.directory.review import OrganizationEditor
    from komplan.strategy.models import ActionPlanYear, Activity, Cost, Indicator
    from tests.conftest import person
    from tests.directory.factories import make_organization

    staff = Client()
    staff.force_login(coordinator)
    editor_view = Client()
    editor_view.force_login(provider_editor)
    report(period, plan2008["a111"], coordinator)
    Reminder.objects.create(period=period, user=provider_editor, sent_by=coordinator, activities=1)
    pages = [f"{S}?rok=2008", f"{S}moje/"]
    before, before_editor = query_counts(staff, pages), query_counts(editor_view, pages)
    for n in range(4):
        organization = make_organization(name=f"Poskytovatel {n} (ilustrativní)", ico="")
        user = person(f"editor{n}@example.org", f"Editor {n}", process, "provider_editor", "provider")
        OrganizationEditor.objects.create(process=process, user=user, organization=organization)
        OrganizationEditor.objects.create(process=process, user=provider_editor, organization=organization)
        activity = Activity.objects.create(
            measure=plan2008["m12"], title=f"Aktivita {n}", order=10 + n, responsible_provider=organization
        )
        ActionPlanYear.objects.create(activity=activity, year=2008)
        Cost.objects.create(activity=activity, year=2008, amount=1000, source=sources["region"])
        Indicator.objects.create(activity=activity, name=f"Ukazatel {n}", target_value=5)
        if n % 2:
            report(period, activity, coordinator)
        Reminder.objects.create(period=period, user=user, sent_by=coordinator, activities=1)
    assert_no_more_queries(staff, before, django_assert_max_num_queries)
    assert_no_more_queries(editor_view, before_editor, django_assert_max_num_queries)
