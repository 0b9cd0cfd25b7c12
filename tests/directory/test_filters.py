"""Catalogue filters and life situations, without HTTP: parsing, errors, round trips and the queries."""

import pytest
from django.http import QueryDict
from django.utils import translation

from komplan.directory.filters import (
    CatalogueFilters,
    FilterError,
    catalogue_of,
    czech_ordered_ids,
    filtered_services,
    parse_filters,
    presence,
)
from komplan.directory.life_situations import LifeSituationError, all_situations, get_situation, read_situations
from komplan.directory.models import CodelistItem, Service
from tests.directory.factories import make_service, municipality

pytestmark = pytest.mark.django_db

SLANY, KLADNO, PREROV = "532819", "532053", "511382"


def test_parses_a_query_dict_with_repeated_values():
    data = QueryDict("q=  pečovatelská   služba &type=4&type=8&type=4&form=ter&target_group=24&situation=dluhy")
    filters = parse_filters(data)
    assert filters == CatalogueFilters(
        q="pečovatelská služba",
        types=("4", "8"),
        target_groups=("24",),
        forms=("ter",),
        situation="dluhy",
    )


def test_parses_a_plain_dict_and_ignores_blank_values():
    assert parse_filters({"type": "4", "form": ["", "amb"], "q": "", "municipality": ""}) == CatalogueFilters(
        types=("4",), forms=("amb",)
    )
    assert parse_filters({}).is_empty
    assert parse_filters(QueryDict("q=&situation=&municipality=")).is_empty


def test_the_querystring_round_trips():
    filters = CatalogueFilters(
        q="domov Slaný", types=("13", "4"), target_groups=("24",), forms=("pob",), situation="senior-bydleni"
    )
    assert parse_filters(QueryDict(filters.querystring())) == filters
    assert filters.querystring().startswith("q=domov+Slan%C3%BD&type=13&type=4")
    assert CatalogueFilters().querystring() == ""


@pytest.mark.parametrize(
    ("data", "parameter", "allowed"),
    [
        ({"type": "99"}, "type", "34"),
        ({"type": ["4", "abc"]}, "type", "1"),
        ({"target_group": "28"}, "target_group", "27"),
        ({"form": "online"}, "form", "amb"),
        ({"situation": "nevim"}, "situation", "pecuji-o-blizkeho"),
    ],
)
def test_unknown_values_name_the_parameter_and_the_allowed_values(data, parameter, allowed):
    with pytest.raises(FilterError) as caught:
        parse_filters(data)
    error = caught.value
    assert error.parameter == parameter
    assert allowed in error.allowed
    assert error.as_dict() == {"detail": error.message, "parameter": parameter, "allowed": error.allowed}


def test_allowed_codes_are_complete_and_in_numeric_order():
    with pytest.raises(FilterError) as caught:
        parse_filters({"type": "0"})
    assert caught.value.allowed == sorted(caught.value.allowed, key=int)
    assert len(caught.value.allowed) == CodelistItem.objects.filter(codelist="DruhSocialniSluzby").count()
    with pytest.raises(FilterError) as forms:
        parse_filters({"form": "x"})
    assert forms.value.allowed == ["amb", "pob", "ter"]


def test_the_municipality_must_lie_in_the_process_area(process, other_process):
    assert parse_filters({"municipality": SLANY}, process=process).municipality == SLANY
    with pytest.raises(FilterError) as caught:
        parse_filters({"municipality": PREROV}, process=process)
    assert caught.value.parameter == "municipality" and caught.value.allowed == [SLANY]
    in_orp = parse_filters({"municipality": "514055"}, process=other_process)  # Kojetín in ORP Přerov
    assert in_orp.municipality == "514055"


def test_without_a_process_any_municipality_will_do_but_it_must_exist():
    assert parse_filters({"municipality": PREROV}).municipality == PREROV
    with pytest.raises(FilterError) as caught:
        parse_filters({"municipality": "999999"})
    assert caught.value.allowed == []


def test_single_valued_parameters_refuse_several_values():
    with pytest.raises(FilterError) as caught:
        parse_filters(QueryDict("situation=dluhy&situation=bez-domova"))
    assert caught.value.parameter == "situation"


def test_a_long_query_is_cut():
    assert len(parse_filters({"q": "a" * 1000}).q) == 200


def test_error_messages_follow_the_language():
    with translation.override("en"), pytest.raises(FilterError) as caught:
        parse_filters({"form": "online"})
    assert "online" in caught.value.message


# The queries ---------------------------------------------------------------------------------------


@pytest.fixture
def catalogue(process):
    return {
        "home_care": make_service("Pečovatelská služba Slaný", "4", located_in=SLANY, forms={"ter": [("klient", 9)]}),
        "field": make_service(
            "Pečovatelská služba Kladno", "4", located_in=KLADNO, serves=(KLADNO, SLANY), target_groups=("26",)
        ),
        "prerov": make_service("Pečovatelská služba Přerov", "4", located_in=PREROV, forms={"ter": [("klient", 5)]}),
        "home": make_service("Domov Slaný", "13", located_in=SLANY, forms={"pob": [("luzka", 32)]}),
        "contact_centre": make_service("Kontaktní centrum Slaný", "22", located_in=SLANY, target_groups=("9",)),
    }


def found(filters, process=None) -> set[str]:
    return set(filtered_services(filters, process).values_list("name", flat=True))


def test_home_care_search_in_slany_finds_only_services_serving_slany(process, catalogue):
    assert found(CatalogueFilters(q="pecovatelska sluzba"), process) == {
        "Pečovatelská služba Slaný",
        "Pečovatelská služba Kladno",
    }
    assert "Pečovatelská služba Přerov" in found(CatalogueFilters(q="pecovatelska sluzba"))


def test_filters_combine(process, catalogue):
    assert found(CatalogueFilters(types=("4", "13")), process) == {
        "Pečovatelská služba Slaný",
        "Pečovatelská služba Kladno",
        "Domov Slaný",
    }
    assert found(CatalogueFilters(types=("4", "13"), forms=("pob",)), process) == {"Domov Slaný"}
    assert found(CatalogueFilters(forms=("ter", "pob")), process) == {"Pečovatelská služba Slaný", "Domov Slaný"}
    assert found(CatalogueFilters(target_groups=("26",)), process) == {"Pečovatelská služba Kladno"}
    assert found(CatalogueFilters(municipality=PREROV)) == {"Pečovatelská služba Přerov"}
    assert found(CatalogueFilters(municipality=KLADNO)) == {"Pečovatelská služba Kladno"}


def test_a_life_situation_matches_by_type_or_target_group(process, catalogue):
    assert found(CatalogueFilters(situation="pecuji-o-blizkeho"), process) == {
        "Pečovatelská služba Slaný",
        "Pečovatelská služba Kladno",
    }
    assert found(CatalogueFilters(situation="senior-bydleni"), process) == {"Domov Slaný"}
    assert found(CatalogueFilters(situation="zavislost"), process) == {"Kontaktní centrum Slaný"}
    # a service aimed at people with addictions, whatever its type, belongs to the situation too
    make_service("Poradna Slaný", "1", located_in=SLANY, target_groups=("9",))
    assert "Poradna Slaný" in found(CatalogueFilters(situation="zavislost"), process)


def test_no_duplicates_when_a_service_matches_in_several_ways(process, catalogue):
    service = catalogue["field"]
    service.area_served.add(municipality(SLANY))
    ids = czech_ordered_ids(filtered_services(CatalogueFilters(situation="pecuji-o-blizkeho"), process))
    assert len(ids) == len(set(ids)) == 2


def test_czech_order(process):
    for name in ("Hospic", "Chráněné bydlení", "Čtyřlístek", "Centrum"):
        make_service(name, "15", located_in=SLANY)
    ids = czech_ordered_ids(catalogue_of(process))
    names = list(Service.objects.filter(pk__in=ids).values_list("pk", "name"))
    by_pk = dict(names)
    assert [by_pk[pk] for pk in ids] == ["Centrum", "Čtyřlístek", "Hospic", "Chráněné bydlení"]


def test_presence_in_the_area(process, catalogue):
    area = set(process.municipalities.values_list("pk", flat=True))
    assert presence(catalogue["home_care"], area) == "located"
    assert presence(catalogue["field"], area) == "covers"


# Life situations -----------------------------------------------------------------------------------


def test_life_situations_cover_the_main_needs():
    situations = all_situations()
    assert 12 <= len(situations) <= 16
    assert len({s.slug for s in situations}) == len(situations)
    caring = get_situation("pecuji-o-blizkeho")
    assert {"4", "8", "3", "5", "9", "10"} <= set(caring.service_types)
    assert "26" in caring.target_groups
    covered_groups = {group for s in situations for group in s.target_groups}
    assert {"3", "6", "9", "10", "20", "23", "26"} <= covered_groups  # violence, homeless, addiction, mental…
    assert get_situation("bez-domova") is not None and get_situation("nic") is None


def test_life_situation_labels_follow_the_language():
    situation = get_situation("pecuji-o-blizkeho")
    with translation.override("cs"):
        assert situation.label == "Pečuji o blízkého člověka doma"
    with translation.override("en"):
        assert situation.label == "I look after someone close to me at home"


def test_every_situation_names_known_codes():
    types = set(CodelistItem.objects.filter(codelist="DruhSocialniSluzby").values_list("code", flat=True))
    groups = set(CodelistItem.objects.filter(codelist="CilovaSkupinaOsoby").values_list("code", flat=True))
    for situation in all_situations():
        assert set(situation.service_types) <= types, situation.slug
        assert set(situation.target_groups) <= groups, situation.slug


def test_a_broken_situations_file_is_reported_by_line(tmp_path):
    path = tmp_path / "life_situations.csv"
    path.write_text(
        "slug,name_cs,name_en,service_types,target_groups\n"
        "dobre,Dobré,Good,4,\n"
        "Špatné slug,X,Y,4,\n"
        "dobre,Znovu,Again,99,77\n",
        encoding="utf-8",
    )
    with pytest.raises(LifeSituationError) as caught:
        read_situations(path)
    errors = "\n".join(caught.value.errors)
    assert "line 3" in errors and "line 4" in errors
    assert "repeated" in errors and "'99'" in errors and "'77'" in errors
