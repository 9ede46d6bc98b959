"""Charts: drawn with the CJK font that mplfonts ships (never a system font), no tofu, stable bytes."""

from __future__ import annotations

import warnings
from pathlib import Path

import mplfonts
import pytest
from matplotlib.font_manager import findfont
from PIL import Image

from tests.metrics_factory import annual_metrics, monthly_metrics
from xcreport.config import Settings
from xcreport.render import charts
from xcreport.render.context import chart_words
from xcreport.render.terms import pace_target
from xcreport.render.wording import load_wording
from xcreport.resources import templates_dir

WORDS = load_wording(templates_dir())


def test_chart_font_is_the_mplfonts_one() -> None:
    path = charts.cjk_font_path()
    assert path.name == "NotoSansCJKsc-Regular.otf"
    assert path.parent.parent == Path(mplfonts.__file__).resolve().parent
    assert Path(findfont(charts.cjk_font(9))) == path


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_charts_draw_every_glyph_and_repeat_exactly(settings: Settings, tmp_path: Path, kind: str) -> None:
    metrics = monthly_metrics(settings) if kind == "monthly" else annual_metrics(settings)
    target = pace_target(metrics)
    assert target is not None
    words = chart_words(target, WORDS)
    with warnings.catch_warnings():
        # matplotlib warns "Glyph … missing from font(s)" where it would draw a box
        warnings.simplefilter("error")
        for run in ("a", "b"):
            folder = tmp_path / run
            folder.mkdir()
            charts.scores_chart(metrics, folder / "scores.png", words)
            charts.pace_chart(metrics, target, folder / "pace.png", words)
            charts.trend_chart(metrics, folder / "trend.png", words)
    for name in ("scores.png", "pace.png", "trend.png"):
        first, second = (tmp_path / "a" / name).read_bytes(), (tmp_path / "b" / name).read_bytes()
        assert first == second, name
        image = Image.open(tmp_path / "a" / name)
        assert image.info.get("dpi", (0, 0))[0] == pytest.approx(charts.DPI, abs=1)
        assert "Software" not in image.info
        assert image.size[0] == round(charts.WIDTH_IN * charts.DPI)


def test_the_trend_legend_covers_no_bar_nor_point(settings: Settings) -> None:
    """The tallest months first and last, where a legend inside the plot would sit."""
    metrics = annual_metrics(settings)
    for i, point in enumerate(metrics.trend):
        tall = i in (0, 1, len(metrics.trend) - 1)
        point.adopted = dict.fromkeys(metrics.levels, 40 if tall else 5)
        point.submitted = 210 if tall else 30
    fig = charts.trend_figure(metrics, chart_words(pace_target(metrics), WORDS))
    fig.canvas.draw()
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    box = legend.get_window_extent()
    bars = [bar.get_window_extent() for bar in ax.patches]
    assert bars and not any(box.overlaps(bar) for bar in bars)
    line = ax.get_lines()[0]
    points = ax.transData.transform(line.get_xydata())
    assert not any(box.contains(x, y) for x, y in points)
    assert box.y0 >= ax.get_window_extent().y1 - 1  # above the plot, in the figure
    assert box.y1 <= fig.bbox.y1 + 1


def test_the_charts_draw_the_office_s_words(settings: Settings) -> None:
    metrics = annual_metrics(settings)
    words = {**chart_words(pace_target(metrics), WORDS), "trend_submitted": "报送数量", "trend_unit": "条"}
    fig = charts.trend_figure(metrics, words)
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    assert "报送数量" in [t.get_text() for t in legend.get_texts()]
    assert ax.get_ylabel() == "条"
    target = pace_target(metrics)
    assert target is not None
    assert chart_words(target, WORDS)["pace_goal"] == f"全年目标{target.target}篇"
