"""Charts of the report as PNG files (matplotlib, Agg canvas, no pyplot state).

Chinese text is drawn with the Noto Sans CJK font that the ``mplfonts`` package ships, located
through the package itself, so a chart never depends on the fonts a machine happens to have and
never shows empty boxes.  Figures are built on their own Agg canvas (no global backend switch, no
``rcParams`` change) and saved at a fixed dpi without a ``Software`` stamp: the same Metrics give
the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import mplfonts
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch

from xcreport.errors import XcreportError
from xcreport.metrics import Metrics, TargetMetrics
from xcreport.text import cn_month, num

DPI = 200
#: Width of a chart in inches: the 156 mm text width of the report, a little less.
WIDTH_IN = 6.0
CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"
#: The bars' colours, one per ranking table in the configured order.
_TABLE_COLOURS = ["#2f5597", "#c55a11", "#548235", "#7030a0", "#bf9000", "#264478", "#9e480e", "#636363"]
_OTHER_COLOUR = "#7f7f7f"
#: The words a chart draws, from the wording file's ``[charts]`` (context.chart_words), by name.
ChartWords = Mapping[str, str]
_LEVEL_COLOURS = ["#c00000", "#ed7d31", "#2f5597", "#70ad47", "#a5a5a5", "#7030a0", "#264478"]


def cjk_font_path() -> Path:
    """The CJK font file shipped by the ``mplfonts`` package."""
    path = Path(mplfonts.__file__).resolve().parent / "fonts" / CJK_FONT_FILE
    if not path.is_file():
        raise XcreportError(f"图表字体缺失: {path}（请重新安装 mplfonts）")
    return path


@cache
def _font(size: float) -> FontProperties:
    return FontProperties(fname=str(cjk_font_path()), size=size)


def cjk_font(size: float = 9) -> FontProperties:
    """The chart font at ``size`` points."""
    return _font(size)


def _upright(text: str) -> str:
    """An axis label stacked one character a line, upright: a sideways Chinese label reads wrong."""
    return "\n".join(text)


def _figure(height_in: float) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    return fig, ax


def _save(fig: Figure, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=DPI, format="png", metadata={"Software": None})
    return path


def _legend(ax: Axes, size: float = 8, handles: list[Patch] | None = None) -> None:
    """The legend in one row above the plot, outside it: it never covers a bar, line or label."""
    found, labels = ax.get_legend_handles_labels()
    shown: list[Artist] = list(handles) if handles is not None else list(found)
    ax.legend(
        handles=shown,
        prop=cjk_font(size),
        frameon=False,
        ncols=max(1, len(shown if handles is not None else labels)),
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        borderaxespad=0.3,
        handlelength=1.5,
        columnspacing=1.2,
    )


def scores_chart(
    metrics: Metrics,
    path: Path,
    words: ChartWords,
    *,
    tables: Sequence[tuple[str, Sequence[str]]] = (),
    ytd: bool = False,
) -> Path:
    """Horizontal bars: every body's score of the period (or year to date), highest on top,
    coloured by its ranking table (``tables``: each table's label and the group keys it holds)."""
    bodies = sorted(metrics.bodies, key=lambda b: b.score_ytd if ytd else b.score, reverse=True)
    values = [b.score_ytd if ytd else b.score for b in bodies]
    table_of = {key: label for label, keys in tables for key in keys}
    palette = {label: _TABLE_COLOURS[i % len(_TABLE_COLOURS)] for i, (label, _) in enumerate(tables)}
    groups = [table_of.get(b.group, b.group) for b in bodies]
    fig, ax = _figure(max(2.2, 0.14 * len(bodies) + 0.6))
    positions = list(range(len(bodies)))[::-1]
    colours = [palette.get(g, _OTHER_COLOUR) for g in groups]
    ax.barh(positions, values, color=colours, height=0.7)
    ax.set_yticks(positions, [b.body for b in bodies], fontproperties=cjk_font(7.5))
    for y, v in zip(positions, values, strict=True):
        ax.annotate(
            num(v),
            (v, y),
            xytext=(3 if v >= 0 else -3, 0),
            textcoords="offset points",
            va="center",
            ha="left" if v >= 0 else "right",
            fontsize=7,
        )
    ax.axvline(0, color="#404040", linewidth=0.6)
    ax.set_xlabel(words["score_axis_ytd" if ytd else "score_axis"], fontproperties=cjk_font(9))
    handles = [Patch(color=colour, label=label) for label, colour in palette.items() if label in groups]
    _legend(ax, handles=handles)
    ax.margins(x=0.12)
    return _save(fig, path)


def pace_chart(metrics: Metrics, target: TargetMetrics, path: Path, words: ChartWords) -> Path:
    """Lines: a target's cumulative count month by month against its linear pace, and the goal."""
    months = [p.month for p in metrics.trend]
    actual = [p.target_cumulative.get(target.id, 0) for p in metrics.trend]
    expected = [p.target_expected.get(target.id, 0.0) for p in metrics.trend]
    fig, ax = _figure(2.9)
    x = list(range(1, len(months) + 1))
    ax.plot(x, actual, marker="o", color="#c00000", linewidth=1.8, label=words["pace_actual"])
    ax.plot(
        x, expected, marker="s", color="#2f5597", linestyle="--", linewidth=1.2, label=words["pace_expected"]
    )
    for xi, v in zip(x, actual, strict=True):
        ax.annotate(str(v), (xi, v), xytext=(0, 5), textcoords="offset points", ha="center", fontsize=7)
    ax.axhline(target.target, color="#7f7f7f", linestyle=":", linewidth=1)
    ax.annotate(
        words["pace_goal"],
        (1, target.target),
        xytext=(0, 3),
        textcoords="offset points",
        fontproperties=cjk_font(8),
        color="#404040",
    )
    ax.set_xlim(0.5, 12.5)
    ax.set_ylim(0, max([target.target, *actual]) * 1.15 + 1)
    ax.set_xticks(range(1, 13), [f"{m}月" for m in range(1, 13)], fontproperties=cjk_font(8))
    ax.set_ylabel(_upright(words["pace_unit"]), fontproperties=cjk_font(9), rotation=0, labelpad=10)
    _legend(ax)
    return _save(fig, path)


def trend_chart(metrics: Metrics, path: Path, words: ChartWords) -> Path:
    """Bars stacked by level: adoptions per month; a line: pieces submitted per month."""
    return _save(trend_figure(metrics, words), path)


def trend_figure(metrics: Metrics, words: ChartWords) -> Figure:
    """The trend chart's figure (:func:`trend_chart`), its legend above the plot."""
    months = [cn_month(p.month) for p in metrics.trend]
    x = list(range(len(months)))
    fig, ax = _figure(3.0)
    bottom = [0.0] * len(x)
    for i, level in enumerate(metrics.levels):
        values = [float(p.adopted.get(level, 0)) for p in metrics.trend]
        ax.bar(
            x, values, bottom=bottom, width=0.6, color=_LEVEL_COLOURS[i % len(_LEVEL_COLOURS)], label=level
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.plot(
        x,
        [p.submitted for p in metrics.trend],
        color="#000000",
        marker="o",
        linewidth=1.4,
        label=words["trend_submitted"],
    )
    ax.set_xticks(x, months, fontproperties=cjk_font(8))
    ax.set_ylabel(
        _upright(words["trend_unit"]), fontproperties=cjk_font(9), rotation=0, labelpad=10, va="center"
    )
    _legend(ax, size=7)
    ax.margins(y=0.05)
    fig.tight_layout()
    return fig
