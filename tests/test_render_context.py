"""The report's wording follows the configuration and the period, not the sample's numbers."""

from __future__ import annotations

from xcreport.config import Settings
from xcreport.period import Period
from xcreport.render.context import report_context
from xcreport.render.terms import cadence_rule

from .metrics_factory import _metrics, monthly_metrics


def test_cadence_rule_is_built_from_the_configuration(settings: Settings) -> None:
    assert (
        cadence_rule(settings) == "所属单位、工程项目组上下半月各至少报送1篇动态信息，机关科室每月不少于1篇"
    )
    data = settings.model_dump()
    data["groups"][0]["minimum"] = 2  # units now differ from project groups
    data["groups"][2].update(minimum=3, categories=["政务信息", "新闻稿件"])
    stricter = Settings.model_validate(data)
    assert cadence_rule(stricter) == (
        "所属单位上下半月各至少报送2篇动态信息，工程项目组上下半月各至少报送1篇动态信息，"
        "机关科室每月不少于3篇政务信息、新闻稿件"
    )


def test_track_names_come_from_the_targets_that_count_them(settings: Settings) -> None:
    period = Period("monthly", 2014, 3)
    overview = "".join(report_context(monthly_metrics(settings), settings, period)["overview"])
    assert "“两办”信息采用本月" in overview  # the label of target R8-两办
    assert "县级媒体用稿本月" in overview
    # the city bureau's track is said once, in the R7 sentence, not again among the tracks
    assert "市局用稿本月" not in overview
    assert "本月市交通运输局采用我县信息" in overview


def test_a_year_under_way_is_reported_as_months_so_far(settings: Settings) -> None:
    period = Period("annual", 2015, through=2)
    ctx = report_context(_metrics(settings, period), settings, period)
    assert ctx["title"] == "关于2015年1—2月全县交通运输系统信息宣传工作情况的通报"
    assert ctx["period_word"] == "1—2月"
    overview = "".join(ctx["overview"])
    assert "1—2月累计" in overview and "按进度应达" in overview
    assert "全年38篇" not in overview
    assert ctx["overview"][0].startswith("2015年1—2月，全系统")


def test_span_label_of_a_year_under_way() -> None:
    assert Period("annual", 2015, through=2).span_label == "2015年1—2月"
    assert Period("annual", 2015, through=1).span_label == "2015年1月"
    assert Period("annual", 2014).span_label == "2014年度"
    assert Period("monthly", 2014, 3).span_label == "2014年3月"
