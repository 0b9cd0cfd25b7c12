"""The real guide of Příbor becomes the catalogue of the third demo process."""

import pytest

from komplan.demo.pribor import form_codes, import_pribor_guide, parse_address, service_type_code, target_group_codes
from komplan.directory.models import Codelist, CodelistItem, Organization, Service, Source

pytestmark = pytest.mark.django_db


def test_the_guide_is_imported_with_its_source():
    services = import_pribor_guide()
    assert len(services) == 94
    assert Organization.objects.filter(source=Source.LOCAL_GUIDE).count() == 55
    registered = [s for s in services if s.service_type_id]
    assert 50 <= len(registered) <= 60  # the rest are related activities (clubs, transport, health care…)
    assert all(s.source_detail.startswith("Průvodce sociálními službami") for s in services)
    assert all(list(s.area_served.values_list("code", flat=True)) == ["599808"] for s in services)


def test_importing_again_changes_nothing():
    import_pribor_guide()
    first = set(Service.objects.values_list("pk", "service_type", "search_text"))
    import_pribor_guide()
    assert set(Service.objects.values_list("pk", "service_type", "search_text")) == first


def test_home_care_in_pribor_is_mapped():
    import_pribor_guide()
    service = Service.objects.get(name="Pečovatelská služba Příbor")
    assert service.service_type.code == "4"
    assert Service.objects.search("pecovatelska sluzba").filter(pk=service.pk).exists()


def test_rules_map_free_text_to_codes():
    home_care = CodelistItem.objects.get(codelist=Codelist.SERVICE_TYPE, code="4")
    homes = CodelistItem.objects.get(codelist=Codelist.SERVICE_TYPE, code="13")
    assert service_type_code("x", "Domov se zvláštním režimem") == "14"
    assert service_type_code("x", "Karta Senior Pas") is None
    assert service_type_code("probacni-mediaci-sluzba-novy-jicin", "Poradna pro oběti trestných činů") is None
    assert form_codes("Terénní pomoc v domácím prostředí", home_care) == ["ter"]
    assert form_codes("Pro osoby od 65 let", homes) == ["pob"]  # the only form the law allows
    assert form_codes("Pobytová služba", home_care) == []  # not a form home care may have
    assert target_group_codes("Pro seniory a pečující osoby") == ["24", "26"]


def test_addresses_resolve_to_municipality_codes():
    assert parse_address("Jičínská 881, Příbor, 742 58")["municipality"].code == "599808"
    assert parse_address("Ruská 94/29, Ostrava - Vítkovice")["municipality"].code == "554821"
    katerinice = parse_address("Kateřinice 228, 742 58 Kateřinice")
    assert katerinice["municipality"].code == "568643"  # the Kateřinice of Moravskoslezský kraj
    assert parse_address(None) == {}
