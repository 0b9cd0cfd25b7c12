from komplan.lib.markdown import render_markdown


def test_it_renders_markdown():
    html = render_markdown("## Nadpis\n\n- a\n- **b**")
    assert "<h2>Nadpis</h2>" in html and "<strong>b</strong>" in html


def test_it_strips_scripts_and_event_handlers():
    html = render_markdown('<script>alert(1)</script><a href="javascript:x" onclick="y">z</a>')
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html
