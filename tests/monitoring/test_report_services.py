"""The life cycle of the yearly report: create, edit (conflicts), steering approval freezes, council, publish."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from komplan.monitoring import report_services as services
from komplan.monitoring.models import ReportState, YearlyReport
from komplan.monitoring.report_services import ReportConflict, ReportRefused, default_title
from tests.monitoring.report_fixtures import fill_2008

pytestmark = pytest.mark.django_db

STEERING = dt.date(2009, 2, 10)
COUNCIL = dt.date(2009, 3, 2)


@pytest.fixture
def report(process, plan2008, coordinator):
    return services.create_report(process, 2008, coordinator)


def _approved(report, user=None):
    report = services.approve_by_steering(report, STEERING, "zápis ŘS 1/2009", user)
    return services.approve_by_council(report, "Zastupitelstvo města Slaný", "12/2009", COUNCIL, user)


def test_create_with_the_default_title(report, coordinator):
    assert report.title == "Zpráva o plnění Komunitního plánu sociálních služeb města Slaný za rok 2008"
    assert report.state == ReportState.DRAFT and report.snapshot is None and report.updated_by == coordinator


@pytest.mark.parametrize(
    ("name", "title"),
    [
        (
            "Komunitní plán sociálních služeb města Slaný 2008–2010",
            "Zpráva o plnění Komunitního plánu sociálních služeb města Slaný za rok 2008",
        ),
        ("komunitní plán Kojetína", "Zpráva o plnění komunitního plánu Kojetína za rok 2008"),
        ("Plán ORP Přerov", "Zpráva o plnění komunitního plánu za rok 2008 – Plán ORP Přerov"),
    ],
)
def test_default_title_declines_the_plan(name, title):
    assert default_title(name, 2008) == title


def test_default_title_in_english():
    with translation.override("en"):
        assert default_title("Plán ORP Přerov", 2009) == (
            "Report on the fulfilment of the community plan for 2009 – Plán ORP Přerov"
        )


def test_a_second_report_of_the_year_is_refused(report, process):
    with pytest.raises(ReportRefused, match="již existuje"):
        services.create_report(process, 2008)
    assert YearlyReport.objects.count() == 1


def test_a_year_without_action_plan_is_refused(process, plan2008):
    with pytest.raises(ReportRefused, match="neexistuje akční plán"):
        services.create_report(process, 2011)
    assert not YearlyReport.objects.exists()


def test_a_given_title_is_kept(process, plan2008):
    assert services.create_report(process, 2008, title="  Vlastní název ").title == "Vlastní název"


def test_save_texts_and_a_stale_version_is_a_conflict(report, coordinator, member):
    saved = services.save_texts(report, {"title": "Zpráva 2008", "introduction": "Úvod."}, coordinator, 1)
    assert saved.version == 2 and saved.introduction == "Úvod." and saved.title == "Zpráva 2008"
    with pytest.raises(ReportConflict) as excinfo:
        services.save_texts(report, {"introduction": "Jiný úvod."}, member, 1)
    assert excinfo.value.current.introduction == "Úvod."
    assert YearlyReport.objects.get().introduction == "Úvod."


def test_a_title_cannot_be_emptied(report, coordinator):
    with pytest.raises(ReportRefused):
        services.save_texts(report, {"title": "  "}, coordinator, 1)
    assert YearlyReport.objects.get().title.startswith("Zpráva o plnění")


def test_steering_approval_freezes_the_snapshot(report, plan2008, period, coordinator):
    services.save_texts(report, {"evaluation": "Rok se vydařil."}, coordinator, 1)
    approved = services.approve_by_steering(report, STEERING, " zápis ŘS 1/2009 ", coordinator)
    assert approved.state == ReportState.STEERING_APPROVED and approved.steering_record == "zápis ŘS 1/2009"
    frozen = YearlyReport.objects.get().snapshot
    assert [c["key"] for c in frozen["chapters"]][-2] == "hodnoceni"
    activities = next(c for c in frozen["chapters"] if c["key"] == "aktivity")["blocks"][0]["items"][0]
    assert [row[3] for row in activities["rows"]] == ["nevykázáno"] * 3
    # later progress reports do not change the frozen report
    fill_2008(plan2008, period, coordinator)
    assert YearlyReport.objects.get().snapshot == frozen
    # and its texts cannot be edited any more
    with pytest.raises(ReportRefused, match="vraťte ji do konceptu"):
        services.save_texts(approved, {"evaluation": "Jinak."}, coordinator, approved.version)


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (None, "Uveďte datum"),
        (timezone.localdate() + dt.timedelta(days=1), "v budoucnosti"),
        (dt.date(2007, 12, 31), "před začátkem"),
    ],
)
def test_steering_approval_needs_a_sensible_date(report, day, reason):
    with pytest.raises(ReportRefused, match=reason):
        services.approve_by_steering(report, day)
    assert YearlyReport.objects.get().state == ReportState.DRAFT and YearlyReport.objects.get().snapshot is None


def test_the_snapshot_is_frozen_in_the_language_of_the_site(report):
    with translation.override("en"):
        approved = services.approve_by_steering(report, STEERING)
    assert approved.snapshot["chapters"][0]["title"] == "Úvod"
    assert approved.snapshot["subtitle"] == "Zpráva o plnění komunitního plánu za rok 2008"


def test_steering_approval_only_of_a_draft(report):
    approved = services.approve_by_steering(report, STEERING)
    with pytest.raises(ReportRefused, match="jen koncept"):
        services.approve_by_steering(approved, STEERING)


def test_return_to_draft_before_the_council_only(report):
    approved = services.approve_by_steering(report, STEERING, "zápis")
    back = services.return_to_draft(approved)
    assert back.state == ReportState.DRAFT and back.snapshot is None and back.steering_approved_on is None
    with pytest.raises(ReportRefused, match="už je konceptem"):
        services.return_to_draft(back)
    council = _approved(back)
    with pytest.raises(ReportRefused, match="12/2009"):
        services.return_to_draft(council)
    assert YearlyReport.objects.get().state == ReportState.COUNCIL_APPROVED


def test_council_approval_records_the_resolution(report):
    approved = _approved(report)
    assert approved.state == ReportState.COUNCIL_APPROVED
    assert (approved.council_body, approved.resolution_number, approved.resolution_date) == (
        "Zastupitelstvo města Slaný",
        "12/2009",
        COUNCIL,
    )
    assert services.report_approval_note(approved) == (
        "Schváleno usnesením Zastupitelstva města Slaný č. 12/2009 ze dne 2. 3. 2009"
    )
    assert services.steering_note(approved) == "Schváleno řídící skupinou dne 10. 2. 2009 (zápis ŘS 1/2009)"


@pytest.mark.parametrize(
    ("body", "number", "day", "reason"),
    [
        ("", "12/2009", COUNCIL, "Uveďte orgán"),
        ("Zastupitelstvo města Slaný", " ", COUNCIL, "Uveďte orgán"),
        ("Zastupitelstvo města Slaný", "12/2009", None, "Uveďte orgán"),
        ("Zastupitelstvo města Slaný", "12/2009", dt.date(2009, 2, 9), "starší než schválení řídící skupinou"),
        ("Zastupitelstvo města Slaný", "12/2009", timezone.localdate() + dt.timedelta(days=3), "v budoucnosti"),
    ],
)
def test_council_approval_refusals(report, body, number, day, reason):
    approved = services.approve_by_steering(report, STEERING)
    with pytest.raises(ReportRefused, match=reason):
        services.approve_by_council(approved, body, number, day)
    assert YearlyReport.objects.get().state == ReportState.STEERING_APPROVED


def test_council_approval_of_a_draft_is_refused(report):
    with pytest.raises(ReportRefused, match="po řídící skupině"):
        services.approve_by_council(report, "Zastupitelstvo města Slaný", "12/2009", COUNCIL)


def test_publish_only_after_the_council(report):
    with pytest.raises(ReportRefused, match="schválenou zastupitelstvem"):
        services.publish(report)
    steering = services.approve_by_steering(report, STEERING)
    with pytest.raises(ReportRefused, match="schválenou zastupitelstvem"):
        services.publish(steering)
    published = services.publish(_approved(services.return_to_draft(steering)))
    assert published.state == ReportState.PUBLISHED and published.published_at and published.is_public
    with pytest.raises(ReportRefused, match="již byla zveřejněna"):
        services.publish(published)


def test_allowed_steps_follow_the_state(report):
    assert services.allowed_steps(report) == ["steering"]
    steering = services.approve_by_steering(report, STEERING)
    assert services.allowed_steps(steering) == ["council", "return"]
    council = services.approve_by_council(steering, "Zastupitelstvo města Slaný", "12/2009", COUNCIL)
    assert services.allowed_steps(council) == ["publish"]
    assert services.allowed_steps(services.publish(council)) == []


def test_every_version_bump(report, coordinator):
    before = report.version
    approved = services.approve_by_steering(report, STEERING, user=coordinator)
    assert approved.version == before + 1 and approved.updated_by == coordinator
