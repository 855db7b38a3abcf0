"""The one Plotly template "lendwatch": print-quality, CJK-capable fonts, colour-blind-safe."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE_NAME = "lendwatch"

# CJK-capable families first so Chinese renders both in browsers and in kaleido exports;
# Noto Sans CJK (Debian fonts-noto-cjk) also carries good Latin glyphs.
FONT_FAMILY = (
    "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, "
    "Hiragino Sans GB, Helvetica Neue, Arial, sans-serif"
)
FONT_SIZE = 13
SMALL_FONT_SIZE = 11
TEXT_COLOR = "#222222"
MUTED_COLOR = "#666666"
GRID_COLOR = "#E6E6E6"

# Okabe–Ito palette (distinguishable with the common colour-vision deficiencies); yellow last
# because it is weak on white.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
VERMILLION = "#D55E00"
SKY = "#56B4E9"
PURPLE = "#CC79A7"
YELLOW = "#F0E442"
GREY = "#7F7F7F"
COLORWAY: tuple[str, ...] = (BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, GREY, YELLOW)

OTHER_COLOR = "#BBBBBB"  # the "Other" bucket after the top-N entities
LIMIT_COLOR = VERMILLION  # rule limits
REFERENCE_COLOR = GREY  # context lines that are not limits (timeline, 4 × LPR, US 2023)
STATUS_COLORS: dict[str, str] = {"breach": VERMILLION, "ok": GREEN}
SEQUENTIAL_SCALE: tuple[str, ...] = ("#F7FBFF", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B")
DIVERGING_SCALE: tuple[str, ...] = ("#0072B2", "#9CC9E4", "#F7F7F7", "#F3B28A", "#D55E00")

# The template's top margin holds a legend row; `apply` adds room for the title and subtitle
# (plotly's title.automargin moves the plot but lets a top legend collide with the title).
MARGIN = {"l": 64, "r": 32, "t": 48, "b": 56}
TITLE_ROOM_PX = 36
SUBTITLE_ROOM_PX = 26


def _axis(show_grid: bool) -> dict:
    return {
        "showgrid": show_grid,
        "gridcolor": GRID_COLOR,
        "zeroline": False,
        "showline": True,
        "linecolor": "#444444",
        "ticks": "outside",
        "tickcolor": "#444444",
        "ticklen": 4,
        "automargin": True,
        "title": {"font": {"size": FONT_SIZE, "color": MUTED_COLOR}, "standoff": 8},
        "tickfont": {"size": SMALL_FONT_SIZE + 1, "color": TEXT_COLOR},
    }


def template() -> go.layout.Template:
    """The "lendwatch" template: white, 13 px CJK-capable fonts, Okabe–Ito colours, margins."""
    return go.layout.Template(
        layout={
            "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOR},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "colorway": list(COLORWAY),
            "colorscale": {
                "sequential": _scale(SEQUENTIAL_SCALE),
                "diverging": _scale(DIVERGING_SCALE),
            },
            "separators": ".,",
            "margin": MARGIN,
            "title": {
                "x": 0,
                "xref": "paper",
                "xanchor": "left",
                "y": 1,
                "yref": "container",
                "yanchor": "top",
                "pad": {"t": 14},
                "font": {"size": FONT_SIZE + 4, "color": TEXT_COLOR},
                "subtitle": {"font": {"size": FONT_SIZE, "color": MUTED_COLOR}},
            },
            "legend": {
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": 1.02,
                "yanchor": "bottom",
                "font": {"size": SMALL_FONT_SIZE + 1},
                "bgcolor": "rgba(255,255,255,0)",
            },
            "xaxis": _axis(show_grid=False),
            "yaxis": _axis(show_grid=True),
            "hoverlabel": {
                "bgcolor": "white",
                "bordercolor": "#444444",
                "font": {"family": FONT_FAMILY, "size": SMALL_FONT_SIZE + 1, "color": TEXT_COLOR},
                "align": "left",
            },
            "bargap": 0.2,
        },
        data={
            "scatter": [go.Scatter(line={"width": 2}, marker={"size": 6})],
            "bar": [go.Bar(marker={"line": {"width": 0}})],
            "heatmap": [go.Heatmap(colorscale=_scale(SEQUENTIAL_SCALE), xgap=1, ygap=1)],
        },
    )


def _scale(colors: tuple[str, ...]) -> list[list]:
    step = 1 / (len(colors) - 1)
    return [[round(i * step, 6), color] for i, color in enumerate(colors)]


def register() -> None:
    """Register the "lendwatch" template with plotly (idempotent: a second call changes nothing)."""
    if TEMPLATE_NAME not in pio.templates:
        pio.templates[TEMPLATE_NAME] = template()


def apply(fig: go.Figure, title: str, subtitle: str | None = None) -> go.Figure:
    """A copy of `fig` on the "lendwatch" template, titled at the left, with optional subtitle."""
    register()
    styled = go.Figure(fig)
    top = MARGIN["t"] + TITLE_ROOM_PX + (SUBTITLE_ROOM_PX if subtitle else 0)
    styled.update_layout(
        template=TEMPLATE_NAME,
        title={"text": title, "subtitle": {"text": subtitle or ""}},
        margin={"t": top},
    )
    return styled
