"""The report's wording follows the configuration and the period, not the sample's numbers."""

from __future__ import annotations

from collections.abc import Mapping

from xcreport.config import Settings
from xcreport.metrics import Metrics
from xcreport.period import Period
from xcreport.render.context import report_context

from .metrics_factory import _metrics, monthly_metrics

MONTH = Period("monthly", 2014, 3)


def _cadence_line(settings: Settings) -> str:
    ctx = report_context(monthly_metrics(settings), settings, MONTH)
    return str(next(line for sec in ctx["problems"] for line in sec["lines"] if "要求" in line))


def test_cadence_rule_is_built_from_the_configuration(settings: Settings) -> None:
    rule = "所属单位、工程项目组上下半月各至少报送1篇动态信息，机关科室每月不少于1篇"
    assert f"“{rule}”" in _cadence_line(settings)
    data = settings.model_dump()
    data["groups"][0]["minimum"] = 2  # units now differ from project groups
    data["groups"][2].update(minimum=3, categories=["政务信息", "新闻稿件"])
    stricter = Settings.model_validate(data)
    rule = (
        "所属单位上下半月各至少报送2篇动态信息，工程项目组上下半月各至少报送1篇动态信息，"
        "机关科室每月不少于3篇政务信息、新闻稿件"
    )
    assert f"“{rule}”" in _cadence_line(stricter)


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


def _ranked(
    settings: Settings, scores: Mapping[str, float], submitted: Mapping[str, int] | None = None
) -> Metrics:
    """The sample month with the given scores (others 0), ranked 1, 2, 2, 4 as scoring ranks."""
    metrics = monthly_metrics(settings)
    for b in metrics.bodies:
        b.score = scores.get(b.body, 0.0)
        if submitted is not None:
            b.submitted = submitted.get(b.body, 0)
    metrics.bodies.sort(key=lambda b: -b.score)
    for b in metrics.bodies:
        b.rank = 1 + sum(o.score > b.score for o in metrics.bodies)
    return metrics


def test_top_three_shows_ties_at_the_cut(settings: Settings) -> None:
    metrics = _ranked(settings, {"运管所": 9, "交管所": 7, "公路站": 5, "海事处": 5, "航道站": 4})
    sentence = report_context(metrics, settings, MONTH)["bodies_text"][0]
    assert sentence == (
        "本月综合得分居前三位的是：运管所（9分）；交管所（7分）；公路站、海事处（并列第3位，均为5分）。"
    )
    assert "航道站" not in sentence


def test_top_three_lists_at_most_three_positions(settings: Settings) -> None:
    four = {"运管所": 6, "交管所": 6, "公路站": 6, "海事处": 6, "航道站": 5}
    metrics = _ranked(settings, four)
    tied = "、".join(b.body for b in metrics.bodies if b.rank == 1)  # in the order Metrics ranks them
    sentence = report_context(metrics, settings, MONTH)["bodies_text"][0]
    assert sentence == f"本月综合得分居前三位的是：{tied}（并列第1位，均为6分）。"
    assert len(tied.split("、")) == 4 and "航道站" not in sentence


def test_top_three_never_names_a_body_without_a_piece_or_a_positive_score(settings: Settings) -> None:
    metrics = _ranked(
        settings, {"运管所": 5, "交管所": 0, "公路站": -2}, submitted={"运管所": 1, "交管所": 2}
    )
    paras = report_context(metrics, settings, MONTH)["bodies_text"]
    assert paras[0] == "本月综合得分居第一位的是：运管所（5分）。"
    # a bonus-only score with no piece of the month is not a place either
    metrics = _ranked(settings, {"运管所": 5, "交管所": 3}, submitted={"交管所": 1})
    assert (
        report_context(metrics, settings, MONTH)["bodies_text"][0]
        == "本月综合得分居第一位的是：交管所（3分）。"
    )


def test_a_month_with_no_pieces_names_no_top_three(settings: Settings) -> None:
    metrics = _ranked(settings, {}, submitted={})
    paras = report_context(metrics, settings, MONTH)["bodies_text"]
    assert not any("居前" in p or "居第一位" in p for p in paras)
