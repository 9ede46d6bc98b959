"""The report's words for 环比/同比 and the forecast, and the 环比 column: every figure from Metrics,
nothing said where nothing is known — on made-up Metrics and through the pipeline."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

from tests.conftest import SAMPLE_LEDGERS
from tests.dumps import dump_docx
from tests.folder_factory import messy_folder
from tests.metrics_factory import MONTHLY, monthly_metrics
from xcreport.config import Settings
from xcreport.metrics import (
    BodyComparison,
    Compared,
    Comparison,
    Figures,
    Forecast,
    Reference,
    TargetForecast,
    TaskGap,
)
from xcreport.period import Period
from xcreport.pipeline import run_report
from xcreport.render.context import report_context
from xcreport.render.outlook import change_cell, comparison_sentence, forecast_paragraphs
from xcreport.render.wording import WORDING_FILE, load_wording
from xcreport.resources import templates_dir
from xcreport.text import change

WORDS = load_wording(templates_dir())

LEVELS = ["国家级", "省部级", "市级", "县级", "内部"]


def _figures(submitted: int, adopted: int, ytd: int = 0) -> Figures:
    counts = dict.fromkeys(LEVELS, 0) | {"市级": adopted}
    return Figures(submitted, counts, ytd, dict.fromkeys(LEVELS, 0) | {"市级": ytd // 2}, 1.0, 1, 1.0, 1)


def _comparison(
    previous: Figures | None, last_year: Figures | None, body: Figures | None = None
) -> Comparison:
    return Comparison(
        previous_month=Reference("2014-02", "2014年2月", "ledgers" if previous else None),
        last_year=Reference("2013-03", "2013年3月", "history" if last_year else None),
        totals=Compared(previous, last_year),
        bodies=[BodyComparison("运管所", body, None)],
    )


def test_the_comparison_sentence_says_what_is_known_and_nothing_else(settings: Settings) -> None:
    metrics = monthly_metrics(settings)
    t = metrics.totals
    adopted, ytd_adopted = sum(t.adopted.values()), sum(t.adopted_ytd.values())
    assert comparison_sentence(metrics, MONTHLY, WORDS) == ""  # no comparison at all
    metrics.comparison = _comparison(None, None)
    assert comparison_sentence(metrics, MONTHLY, WORDS) == ""  # nothing known
    metrics.comparison = _comparison(_figures(t.submitted - 3, adopted + 2), None)
    assert comparison_sentence(metrics, MONTHLY, WORDS) == (
        f"与上月相比，报送稿件增加3篇（上月{t.submitted - 3}篇），"
        f"各级媒体采用减少2篇次（上月{adopted + 2}篇次）。"
    )
    metrics.comparison = _comparison(None, _figures(t.submitted, adopted, t.submitted_ytd + 5))
    text = comparison_sentence(metrics, MONTHLY, WORDS)
    assert text.startswith(f"与去年同月（2013年3月）相比，报送稿件持平（去年同月{t.submitted}篇），")
    assert f"1—3月累计报送稿件减少5篇（去年同期{t.submitted_ytd + 5}篇）" in text
    assert "与上月" not in text and f"去年同期{ytd_adopted // 2}篇次" not in text


def test_the_annual_report_compares_with_the_same_months_of_last_year(settings: Settings) -> None:
    metrics = monthly_metrics(settings)
    metrics.comparison = replace(
        _comparison(None, _figures(1, 1)), last_year=Reference("2014", "2014年1—2月", "history")
    )
    text = comparison_sentence(metrics, Period("annual", 2015, through=2), WORDS)
    assert text.startswith("与上年同期（2014年1—2月）相比，报送稿件") and "去年同月" not in text


def _forecast(months_left: int, *gaps: TaskGap) -> Forecast:
    return Forecast(
        months_elapsed=12 - months_left,
        months_left=months_left,
        targets=[
            TargetForecast("R6", "省部级及以上媒体用稿", 50, 30, 60, True, 21, 2.33 if months_left else None),
            TargetForecast("R8-中国网", "中国网用稿", 12, 4, 8, False, 8, 1.33 if months_left else None),
        ],
        tasks=list(gaps),
    )


def test_the_forecast_projects_each_target_and_names_each_body_s_gap(settings: Settings) -> None:
    metrics = monthly_metrics(settings)  # R6 with exceed (突破)
    metrics.forecast = _forecast(
        6, TaskGap("运管所", "省部级", 8, 5, 3), TaskGap("运管所", "市级", 20, 20, 0)
    )
    assert forecast_paragraphs(metrics, Period("monthly", 2014, 6), WORDS) == [
        "年终预测：按1—6月的进度，省部级及以上媒体用稿全年可达60篇，可以突破全年目标50篇；"
        "中国网用稿全年可达8篇，难以完成全年目标12篇，还需8篇，平均每月需1.33篇。",
        "年度任务：运管所还需省部级用稿3篇，剩余6个月。",
    ]
    metrics.forecast = _forecast(0, TaskGap("运管所", "市级", 20, 20, 0))
    assert forecast_paragraphs(metrics, Period("monthly", 2014, 12), WORDS) == [
        "全年目标未完成的：省部级及以上媒体用稿差21篇、中国网用稿差8篇。",
        "年度任务：各单位（科室）的年度任务均已完成。",
    ]
    metrics.forecast = None
    assert forecast_paragraphs(metrics, Period("annual", 2014), WORDS) == []


def test_a_configuration_without_targets_or_tasks_says_nothing_of_them(settings: Settings) -> None:
    metrics = monthly_metrics(settings)
    metrics.forecast = Forecast(months_elapsed=3, months_left=9, targets=[], tasks=[])
    assert forecast_paragraphs(metrics, MONTHLY, WORDS) == []


def test_the_change_column(settings: Settings) -> None:
    assert [change_cell(None, 3), change_cell(BodyComparison("甲", None, None), 3)] == ["—", "—"]
    assert [change_cell(BodyComparison("甲", _figures(n, 0), None), 3) for n in (1, 3, 5)] == [
        "+2",
        "0",
        "-2",
    ]
    metrics = monthly_metrics(settings)
    first = metrics.bodies[0]
    metrics.comparison = _comparison(None, None)
    metrics.comparison.bodies = [BodyComparison(first.body, _figures(first.submitted - 1, 0), None)]
    rows = {
        r["body"]: r["change"]
        for g in report_context(metrics, settings, Period("monthly", 2014, 3))["groups"]
        for r in g["rows"]
    }
    assert rows[first.body] == "+1" and set(rows.values()) == {"+1", "—"}


def _report(folder: Path) -> str:
    [path] = folder.glob("信息宣传工作通报_*.docx")
    return dump_docx(path)


def test_december_shows_the_change_from_november_and_a_forecast(settings: Settings, tmp_path: Path) -> None:
    result = run_report("monthly", SAMPLE_LEDGERS, settings, tmp_path, today=dt.date(2015, 1, 20))
    text = _report(result.out_dir)
    assert "与上月相比，报送稿件增加4篇（上月33篇）" in text
    assert "全年目标未完成的：中国网用稿差2篇、县级媒体用稿差17篇。" in text
    assert "年度任务尚未完成的：运管所差市级用稿5篇；" in text
    assert "| 单位 | 报送 | 环比 |" in text and "| 运管所 | 3 | +1 |" in text
    assert result.metrics is not None
    assert report_context(result.metrics, settings, Period("monthly", 2014, 12))["overview"][2].startswith(
        "与上月相比"
    )


def test_january_with_last_year_s_history_shows_the_change_on_last_year(
    settings: Settings, tmp_path: Path
) -> None:
    names = [b.name for b in settings.bodies]
    out = tmp_path / "out"
    last_year = messy_folder(tmp_path / "2014", names)
    for month in ("2014-01", "2014-12"):
        run_report("monthly", last_year, settings, out, today=dt.date(2015, 1, 5), month=month)
    this_year = messy_folder(tmp_path / "2015", names, year=2015, months=[1], seed=3)
    result = run_report("monthly", this_year, settings, out, today=dt.date(2015, 2, 3), month="2015-01")
    assert result.metrics is not None and result.metrics.comparison is not None
    kept = result.metrics.comparison.totals.last_year
    assert kept is not None
    text = _report(result.out_dir)
    now = result.metrics.totals.submitted
    assert (
        f"与去年同月（2014年1月）相比，报送稿件{change(now - kept.submitted)}（去年同月{kept.submitted}篇）"
        in text
    )
    assert "与上月相比" in text


def test_a_first_month_says_nothing_of_a_change(settings: Settings, tmp_path: Path) -> None:
    folder = messy_folder(tmp_path / "台账", [b.name for b in settings.bodies], months=[1, 2])
    result = run_report(
        "monthly", folder, settings, tmp_path / "out", today=dt.date(2014, 3, 1), month="2014-01"
    )
    text = _report(result.out_dir)
    assert "与上月相比" not in text and "去年同月" not in text
    assert "| 运管所 |" in text and all(
        "| — |" in line for line in text.splitlines() if line.startswith("| 运管所 |")
    )


def test_the_office_rewords_the_comparison_and_the_forecast(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(templates_dir(), folder)
    path = folder / WORDING_FILE
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ("previous_month = '''与上月相比，", "previous_month = '''较上月，"),
        ("forecast = '''年终预测：", "forecast = '''全年展望："),
        ("task_gap = '''{{ level }}用稿{{ gap }}篇'''", "task_gap = '''{{ level }}{{ gap }}条'''"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    words = load_wording(folder)
    metrics = monthly_metrics(settings)
    t = metrics.totals
    metrics.comparison = _comparison(_figures(t.submitted - 3, 0), None)
    assert comparison_sentence(metrics, MONTHLY, words).startswith("较上月，报送稿件增加3篇")
    metrics.forecast = _forecast(6, TaskGap("运管所", "省部级", 8, 5, 3))
    paras = forecast_paragraphs(metrics, Period("monthly", 2014, 6), words)
    assert paras[0].startswith("全年展望：按1—6月的进度，")
    assert paras[1] == "年度任务：运管所还需省部级3条，剩余6个月。"
