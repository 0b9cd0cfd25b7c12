import pytest


@pytest.fixture
def plan(process, coordinator):
    from komplan.plan.services import create_plan

    return create_plan(process, coordinator)


@pytest.fixture
def strategy(process):
    """One priority → measure → activity in the action plan of 2008."""
    from komplan.strategy.models import ActionPlanYear, Activity, Measure, Priority

    priority = Priority.objects.create(process=process, title="Senioři doma")
    measure = Measure.objects.create(priority=priority, title="Terénní služby")
    activity = Activity.objects.create(measure=measure, title="Rozšířit pečovatelskou službu")
    ActionPlanYear.objects.create(activity=activity, year=2008)
    return activity


EVIL = 'Příliš žluťoučký kůň úpěl ďábelské ódy #set text(red) $x^2$ *a* _b_ [c] \\ @ref 1 < 2 > 0 #{1+1} #panic("x")'
SHOWN = EVIL.replace("*a*", "a").replace("_b_", "b")  # emphasis is applied; every other character is text


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def snapshot():
    """A small frozen document with Typst's special characters in the text, a long table and a chart."""
    from komplan.plan import charts

    return {
        "title": "Komunitní plán sociálních služeb města Slaný",
        "period_from": 2008,
        "period_to": 2011,
        "chapters": [
            {
                "key": "uvod",
                "title": "Úvod a základní údaje",
                "blocks": [
                    {
                        "kind": "narrative",
                        "paragraphs": [
                            {"id": "a1", "text": EVIL},
                            {
                                "id": "a2",
                                "text": "## Řídicí skupina\n\n- **tučně** a *kurzíva*\n- [odkaz](https://example.org)",
                            },
                        ],
                    }
                ],
            },
            {
                "key": "akcni-plan",
                "title": "Akční plán",
                "blocks": [
                    {
                        "kind": "generated",
                        "source": "action_plan",
                        "items": [
                            {"type": "heading", "text": "Priorita #1 $"},
                            {"type": "paragraph", "text": "Odstavec [x] @y"},
                            {
                                "type": "table",
                                "caption": "Akční plán pro rok 2008",
                                "header": ["Číslo", "Aktivita"],
                                "rows": [[str(i), f"Činnost č. {i}"] for i in range(90)],
                            },
                            charts.bar(
                                "Aktivity podle priorit",
                                "Počet aktivit v každé prioritě.",
                                ["Senioři", "Rodiny"],
                                [3, 5],
                                value_label="Aktivity",
                                category_label="Priorita",
                            ),
                        ],
                    }
                ],
            },
        ],
    }


@pytest.fixture
def meta():
    return {
        "territory": "Slaný",
        "version_label": "Verze 3 – schválená",
        "state_label": "schválená verze",
        "issued_on": "19. 12. 2007",
        "approval": "Schváleno usnesením zastupitelstva č. 12/2007 ze dne 19. 12. 2007",
    }


@pytest.fixture
def png_logo():
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (120, 40), (35, 98, 162, 255)).save(out, "PNG")
    return out.getvalue()
