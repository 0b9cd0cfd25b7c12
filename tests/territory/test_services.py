import pytest

from komplan.territory.models import Phase, PhaseKind
from komplan.territory.services import area_municipalities, current_phase

pytestmark = pytest.mark.django_db


def test_a_new_process_has_the_seven_phases_in_order(process):
    kinds = list(Phase.objects.for_process(process).order_by("order").values_list("kind", flat=True))
    assert kinds == PhaseKind.values


def test_an_orp_area_takes_all_its_municipalities(other_process, territories):
    codes = set(other_process.municipalities.values_list("code", flat=True))
    assert "514055" in codes and "511382" in codes and "568881" not in codes
    assert len(codes) == territories.filter(level="municipality", orp__code="7109").count()


def test_an_area_needs_municipalities(territories):
    with pytest.raises(ValueError):
        area_municipalities("custom", None, [])
    with pytest.raises(ValueError):
        area_municipalities("orp", None, None)


def test_the_current_phase_is_the_running_one_or_the_first_planned(process):
    phases = list(Phase.objects.for_process(process).order_by("order"))
    assert current_phase(phases).kind == "preparation"
    phases[0].status = "done"
    phases[3].status = "running"
    assert current_phase(phases).kind == "drafting"
    for phase in phases:
        phase.status = "done"
    assert current_phase(phases) is None


def test_process_owned_rows_are_scoped_by_process(process, other_process):
    assert set(Phase.objects.for_process(process).values_list("process", flat=True)) == {process.pk}


def test_every_process_owned_model_has_the_scoped_manager():
    from django.apps import apps

    from komplan.territory.models import PlanningProcess, ProcessOwned
    from komplan.territory.querysets import ProcessOwnedQuerySet

    for model in apps.get_models():
        if model._meta.app_label in {"territory", "accounts", "portal"} and any(
            f.related_model is PlanningProcess and f.name == "process" for f in model._meta.fields
        ):
            assert issubclass(model, ProcessOwned), model
            assert isinstance(model.objects.all(), ProcessOwnedQuerySet), model
