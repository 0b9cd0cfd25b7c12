"""Importing HSDS packages: round trip, idempotence, row-level rejections, all or nothing, bad files."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from komplan.directory.hsds_export import build_export, catalogue_datapackage_zip
from komplan.directory.hsds_import import HsdsPackageError, import_hsds
from komplan.directory.hsds_profile import canonical_catalogue
from komplan.directory.models import Organization, Service
from tests.directory.test_hsds import build_catalogue

pytestmark = pytest.mark.django_db

SAMPLE_11 = Path(__file__).resolve().parent / "hsds_schema" / "sample-hsds-1.1"


def _package(tmp_path: Path) -> Path:
    """The fixture catalogue exported (with contacts) as a package directory."""
    build_catalogue()
    directory = tmp_path / "pkg"
    build_export(Service.objects.all(), include_contacts=True).write_datapackage(directory)
    return directory


def _edit(directory: Path, file: str, change) -> None:
    """Rewrite one CSV of a package; ``change(rows)`` edits the list of dict rows in place."""
    path = directory / file
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def _empty_catalogue() -> None:
    Service.objects.all().delete()
    Organization.objects.all().delete()


def _lines(report) -> list[tuple]:
    return [(p.file, p.line, p.field) for p in report.rejected]


def test_round_trip_into_an_empty_catalogue_reproduces_the_services(tmp_path):
    build_catalogue()
    before = canonical_catalogue(Service.objects.all())
    package = build_export(Service.objects.all(), include_contacts=True).datapackage_zip()
    _empty_catalogue()
    report = import_hsds(package, name="katalog.zip")
    assert report.rejected == []
    assert (report.counts["service"]["created"], report.counts["organization"]["created"]) == (3, 2)
    assert canonical_catalogue(Service.objects.all()) == before
    assert Service.objects.search("pecovatelska slany").count() == 1  # search text refreshed


def test_a_second_import_changes_nothing(tmp_path):
    build_catalogue()
    package = build_export(Service.objects.all(), include_contacts=True).datapackage_zip()
    _empty_catalogue()
    import_hsds(package, name="katalog.zip")
    exported = catalogue_datapackage_zip(Service.objects.all())
    report = import_hsds(package, name="katalog.zip")
    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 0, 5, [])
    assert report.summary() == (
        "services: 0 created, 0 updated, 3 unchanged; providers: 0 created, 0 updated, 2 unchanged; "
        "0 rejected, 0 skipped"
    )
    assert catalogue_datapackage_zip(Service.objects.all()) == exported  # nothing was rewritten


def test_importing_its_own_export_matches_every_record(tmp_path):
    directory = _package(tmp_path)
    report = import_hsds(directory)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)


def test_a_changed_capacity_updates_only_that_service(tmp_path):
    directory = _package(tmp_path)

    def more_beds(rows):
        for row in rows:
            if row["link_type"] == "registered_capacity" and row["value"] == "40":
                row["value"] = "45"

    _edit(directory, "attributes.csv", more_beds)
    report = import_hsds(directory)
    assert (report.counts["service"]["updated"], report.counts["service"]["unchanged"]) == (1, 2)
    home = Service.objects.get(registry_id="1234567")
    assert {(c.capacity_type.code, c.count) for c in home.forms.get().capacities.all()} == {
        ("luzka", 45),
        ("klient", 38),
    }
    assert home.locations.count() == 1 and home.contacts.count() == 1


def test_the_us_sample_package_is_rejected_row_by_row_and_nothing_is_written():
    organizations, services = Organization.objects.count(), Service.objects.count()
    report = import_hsds(SAMPLE_11)
    assert report.version == "1.1"
    assert _lines(report) == [("locations.csv", line, "municipality") for line in range(2, 12)] + [
        ("service_areas.csv", 2, "uri")
    ]
    assert "is not in a Czech municipality" in report.rejected[0].reason  # it has a New York address
    assert "physical_addresses.csv, line 2: New York City, NY, US" in report.rejected[0].reason
    assert "needs an attribute of taxonomy Obec" in report.rejected[1].reason
    assert (Organization.objects.count(), Service.objects.count()) == (organizations, services)
    assert report.created == 0
    skipped = "\n".join(map(str, report.skipped))
    assert "funding.csv, line 2: free-text funding is not kept" in skipped
    assert "regular_schedules.csv: 3 row(s) not imported" in skipped


def test_a_dry_run_reports_but_writes_nothing(tmp_path):
    build_catalogue()
    package = catalogue_datapackage_zip(Service.objects.all())
    _empty_catalogue()
    report = import_hsds(package, name="katalog.zip", dry_run=True)
    assert (report.counts["service"]["created"], report.dry_run) == (3, True)
    assert Service.objects.count() == 0 and Organization.objects.count() == 0


def test_a_zip_with_the_package_in_a_folder(tmp_path):
    directory = _package(tmp_path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in directory.iterdir():
            archive.write(path, f"katalog/{path.name}")
    assert import_hsds(buffer.getvalue(), name="katalog.zip").unchanged == 5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7 ...", "katalog.zip: a PDF document, not a ZIP archive"),
        (b"id,name\n1,x\n", "katalog.zip: not a ZIP archive"),
        (b"", "katalog.zip: empty"),
    ],
)
def test_a_file_that_is_not_a_zip_is_refused_with_a_reason(content, message):
    with pytest.raises(HsdsPackageError, match=message):
        import_hsds(content, name="katalog.zip")


def test_a_truncated_zip_is_refused_with_a_reason():
    build_catalogue()
    package = catalogue_datapackage_zip(Service.objects.all())
    with pytest.raises(HsdsPackageError, match=r"^katalog.zip: damaged or truncated ZIP archive"):
        import_hsds(package[: len(package) // 2], name="katalog.zip")


def test_a_zip_without_services_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(HsdsPackageError, match="no services.csv in the ZIP"):
        import_hsds(buffer.getvalue(), name="x.zip")


def test_a_missing_path_and_text_that_is_not_utf8(tmp_path):
    with pytest.raises(HsdsPackageError, match="no such file or directory"):
        import_hsds(tmp_path / "nothing.zip")
    directory = _package(tmp_path)
    (directory / "services.csv").write_bytes((directory / "services.csv").read_bytes() + "Služba\n".encode("cp1250"))
    with pytest.raises(HsdsPackageError, match=r"^services.csv, line 5: not UTF-8 text$"):
        import_hsds(directory)


def test_unknown_codes_and_bad_values_are_rejected_at_their_line(tmp_path):
    directory = _package(tmp_path)

    def break_terms(rows):
        for row in rows:
            if row["code"] == "DruhSocialniSluzby/13":
                row["code"] = "DruhSocialniSluzby/99"

    def break_values(rows):
        for row in rows:
            if row["link_type"] == "registered_capacity" and row["value"] == "38":
                row["value"] = "hodně"
            if row["value"] == "2007-01-01":
                row["value"] = "1. 1. 2007"

    _edit(directory, "taxonomy_terms.csv", break_terms)
    _edit(directory, "attributes.csv", break_values)
    _edit(directory, "services.csv", lambda rows: rows[2].update(organization_id=rows[0]["id"]))
    report = import_hsds(directory)
    reasons = {(p.file, p.field, p.reason) for p in report.rejected}
    assert (
        "attributes.csv",
        "taxonomy_term_id",
        "DruhSocialniSluzby/99 is not in the codelist DruhSocialniSluzby",
    ) in reasons
    assert ("attributes.csv", "value", "registered capacity 'hodně' is not a whole number") in reasons
    assert ("attributes.csv", "value (komplan/provided_from)", "'1. 1. 2007' is not a date (YYYY-MM-DD)") in reasons
    assert ("services.csv", "organization_id", "no organization with this id in organizations.csv") in reasons
    assert all(p.line and p.line > 1 for p in report.rejected)
    assert report.created == report.updated == 0


def test_model_rules_apply_to_imported_values(tmp_path):
    directory = _package(tmp_path)
    _edit(directory, "services.csv", lambda rows: rows[0].update(email="není e-mail", name=""))
    _edit(directory, "organization_identifiers.csv", lambda rows: rows[0].update(identifier="1234"))
    problems = {(p.file, p.line, p.field, p.reason) for p in import_hsds(directory).rejected}
    assert problems == {
        ("services.csv", 2, "email", "Enter a valid email address."),
        ("services.csv", 2, "name", "This field cannot be blank."),
        ("organization_identifiers.csv", 2, "identifier", "IČO '1234' must have exactly 8 digits"),
    }


def test_duplicate_ids_and_registry_ids_are_rejected(tmp_path):
    directory = _package(tmp_path)
    _edit(directory, "locations.csv", lambda rows: rows[1].update(id=rows[0]["id"]))
    report = import_hsds(directory)
    assert ("locations.csv", 3, "id") in _lines(report)


def test_an_illustrative_record_never_overwrites_a_real_one(tmp_path):
    directory = _package(tmp_path)
    Service.objects.filter(registry_id="1234567").update(source="registry")
    report = import_hsds(directory)
    assert [str(p) for p in report.rejected] == [
        "services.csv, line 2, field attributes: an illustrative record would overwrite a real service "
        "(Domov pro seniory Slaný (ukázka))"
    ]


def test_a_public_package_without_contacts_leaves_stored_contacts_alone():
    build_catalogue()
    report = import_hsds(catalogue_datapackage_zip(Service.objects.all()), name="verejny.zip")
    assert (report.updated, report.unchanged) == (0, 5)
    assert Service.objects.get(registry_id="1234567").contacts.count() == 1


FOREIGN = {
    "organizations.csv": "id,name,description\n"
    "1b7c0c1e-0000-4000-8000-000000000001,Spolek Odjinud (ukázka),Poradenství\n",
    "services.csv": "id,organization_id,name,status,description\n"
    "1b7c0c1e-0000-4000-8000-000000000002,1b7c0c1e-0000-4000-8000-000000000001,Poradna Odjinud,active,Rady\n",
    "service_areas.csv": "id,service_id,name,uri\n"
    "1b7c0c1e-0000-4000-8000-000000000003,1b7c0c1e-0000-4000-8000-000000000002,Slaný,"
    "https://linked.cuzk.cz/resource/ruian/obec/532819\n",
}


def _foreign_zip(files=FOREIGN) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_foreign_package_is_imported_as_hsds_and_matched_by_its_id_later():
    report = import_hsds(_foreign_zip(), name="odjinud.zip")
    assert (report.created, report.rejected) == (2, [])
    service = Service.objects.get(name="Poradna Odjinud")
    assert service.source == "hsds"
    assert service.source_detail == "odjinud.zip (HSDS 3.0), id 1b7c0c1e-0000-4000-8000-000000000002"
    assert [t.code for t in service.area_served.all()] == ["532819"]
    assert import_hsds(_foreign_zip(), name="odjinud.zip").unchanged == 2
    renamed = {**FOREIGN, "services.csv": FOREIGN["services.csv"].replace("Poradna Odjinud", "Poradna Jinde")}
    report = import_hsds(_foreign_zip(renamed), name="odjinud.zip")
    assert (report.counts["service"]["updated"], report.created) == (1, 0)
    assert Service.objects.get(pk=service.pk).name == "Poradna Jinde"


def test_a_service_with_nowhere_to_be_is_rejected():
    files = {name: text for name, text in FOREIGN.items() if name != "service_areas.csv"}
    report = import_hsds(_foreign_zip(files), name="odjinud.zip")
    assert [str(p) for p in report.rejected] == [
        "services.csv, line 2, field service_areas: the service has no location and no service area, "
        "so no catalogue of a Czech municipality would list it"
    ]


def test_rows_that_point_at_nothing_are_rejected(tmp_path):
    directory = _package(tmp_path)
    nowhere = "00000000-0000-4000-8000-000000000000"
    _edit(directory, "service_areas.csv", lambda rows: rows[0].update(service_id=nowhere))
    _edit(directory, "attributes.csv", lambda rows: rows[0].update(link_id=nowhere))
    problems = [str(p) for p in import_hsds(directory).rejected]
    assert problems == [
        "attributes.csv, line 2, field link_id: no organization with this id in organizations.csv",
        "service_areas.csv, line 2, field service_id: no service with this id in services.csv",
    ]
