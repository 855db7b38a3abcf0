"""The "lendwatch" Plotly template and `apply`."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import plotly.io as pio

import lendwatch.charts  # noqa: F401  (registers the template on import)
from lendwatch.charts import theme


def test_importing_the_charts_package_registers_the_template():
    assert theme.TEMPLATE_NAME in pio.templates


def test_register_twice_keeps_the_first_template():
    theme.register()
    first = pio.templates[theme.TEMPLATE_NAME]
    theme.register()
    assert pio.templates[theme.TEMPLATE_NAME] is first


def test_fonts_put_a_simplified_chinese_family_first_and_stay_readable():
    layout = theme.template().layout
    assert layout.font.family.split(",")[0].strip() == "Noto Sans CJK SC"
    assert layout.font.family.rstrip().endswith("sans-serif")
    assert 12 <= layout.font.size <= 13
    assert layout.hoverlabel.font.family == layout.font.family


def test_background_is_white_for_print():
    layout = theme.template().layout
    assert (layout.paper_bgcolor, layout.plot_bgcolor) == ("white", "white")


def test_colorway_is_the_okabe_ito_palette_of_distinct_colours():
    colorway = theme.template().layout.colorway
    assert tuple(colorway) == theme.COLORWAY
    assert len(set(colorway)) == len(colorway) == 8
    assert all(re.fullmatch(r"#[0-9A-F]{6}", color) for color in colorway)
    assert colorway[0] == "#0072B2"


def test_apply_titles_a_copy_and_leaves_the_input_alone():
    original = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))
    styled = theme.apply(original, "HHI by month", "Platforms, whole market")
    assert styled is not original
    assert styled.layout.title.text == "HHI by month"
    assert styled.layout.title.subtitle.text == "Platforms, whole market"
    assert styled.layout.template.layout.font.family == theme.FONT_FAMILY
    assert original.layout.title.text is None
    assert original.layout.template.layout.font.family != theme.FONT_FAMILY


def test_apply_makes_room_for_a_subtitle_only_when_there_is_one():
    # template top margin 48 + title 36 (+ subtitle 26)
    assert theme.apply(go.Figure(), "Title").layout.margin.t == 84
    assert theme.apply(go.Figure(), "Title", "Subtitle").layout.margin.t == 110


def test_status_colours_tell_breach_from_ok():
    assert theme.STATUS_COLORS == {"breach": theme.VERMILLION, "ok": theme.GREEN}
