"""环比 and 同比: each body and the totals against the previous month and the same month last year,
from the ledgers when they hold that period, else from the kept history, else nothing (null)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.conftest import SAMPLE_CONFIG, SAMPLE_LEDGERS
from tests.folder_factory import messy_folder
from tests.scoring_factory import QUIET, make_ledger, run
from xcreport.config import Settings, load_settings
from xcreport.metrics import Comparison, Reference
from xcreport.period import Period
from xcreport.pipeline import run_report
from xcreport.scoring.comparison import covers, reference_periods, snapshot_of_summary

NEW_BODY = '\n[[bodies]]\nname = "新建项目组"\ngroup = "project"\ncontact = "xinjian@example.gov.cn"\n'


def _comparison(out: Path) -> dict[str, object]:
    [path] = out.glob("*/summary.json")
    summary = json.loads(path.read_text(encoding="utf-8"))
    found: dict[str, object] = summary["comparison"]
    return found


def _run(ledgers: Path, settings: Settings, out: Path, month: str, today: dt.date) -> Comparison:
    result = run_report("monthly", ledgers, settings, out, today=today, month=month)
    assert result.metrics is not None and result.metrics.comparison is not None
    return result.metrics.comparison


def test_the_periods_compared_with() -> None:
    assert reference_periods(Period("monthly", 2014, 3)) == (
        Period("monthly", 2014, 2),
        Period("monthly", 2013, 3),
    )
    assert reference_periods(Period("monthly", 2015, 1)) == (
        Period("monthly", 2014, 12),
        Period("monthly", 2014, 1),
    )
    assert reference_periods(Period("annual", 2015, through=2)) == (None, Period("annual", 2014, through=2))
    assert reference_periods(Period("annual", 2014)) == (None, Period("annual", 2013))


def test_the_ledgers_hold_a_period_by_its_issue_months() -> None:
    # rows of 2014 up to March, and one of 28 December 2013, whose issue month is January 2014
    ledger = make_ledger({"submitted": "2013-12-28"}, {"submitted": "2014-03-05"})
    assert covers(ledger, QUIET, Period("monthly", 2014, 3))
    assert covers(ledger, QUIET, Period("monthly", 2014, 1))
    assert not covers(ledger, QUIET, Period("monthly", 2014, 4))
    assert not covers(ledger, QUIET, Period("monthly", 2013, 12))  # the late-December row is January's
    may = make_ledger({"submitted": "2014-05-05"})
    assert not covers(may, QUIET, Period("monthly", 2014, 4))  # a folder begun in May holds no April


def test_the_month_before_is_the_same_as_its_own_run() -> None:
    ledger = make_ledger(
        {"submitted": "2014-02-05", "outlet": "人民网"},
        {"submitted": "2014-02-20", "body": "乙所"},
        {"submitted": "2014-03-05", "outlet": "县报"},
    )
    march = run(ledger, QUIET)
    february = snapshot_of_summary(run(ledger, QUIET, Period("monthly", 2014, 2)).metrics.as_dict())
    assert march.previous == february


def test_a_first_month_with_nothing_before_compares_with_nothing(settings: Settings, tmp_path: Path) -> None:
    ledgers = messy_folder(tmp_path / "台账", [b.name for b in settings.bodies], months=[1, 2])
    comparison = _run(ledgers, settings, tmp_path / "out", "2014-01", dt.date(2014, 3, 1))
    assert comparison.previous_month == Reference("2013-12", "2013年12月", None)
    assert comparison.last_year == Reference("2013-01", "2013年1月", None)
    assert (comparison.totals.previous_month, comparison.totals.last_year) == (None, None)
    assert all(b.previous_month is None and b.last_year is None for b in comparison.bodies)
    saved = _comparison(tmp_path / "out")
    assert saved["totals"] == {"previous_month": None, "last_year": None}


def test_december_is_compared_with_november_from_the_ledgers(settings: Settings, tmp_path: Path) -> None:
    comparison = _run(SAMPLE_LEDGERS, settings, tmp_path, "2014-12", dt.date(2015, 1, 20))
    assert comparison.previous_month.source == "ledgers" and comparison.last_year.source is None
    november = run_report(
        "monthly", SAMPLE_LEDGERS, settings, tmp_path / "11", today=dt.date(2015, 1, 20), month="2014-11"
    )
    assert november.metrics is not None
    assert comparison.totals.previous_month is not None
    assert comparison.totals.previous_month.submitted == november.metrics.totals.submitted
    by_body = {b.body: b for b in november.metrics.bodies}
    for b in comparison.bodies:
        assert b.previous_month is not None
        assert (b.previous_month.submitted, b.previous_month.score, b.previous_month.rank) == (
            by_body[b.body].submitted,
            by_body[b.body].score,
            by_body[b.body].rank,
        )


def test_january_is_compared_with_the_kept_history_of_last_year(settings: Settings, tmp_path: Path) -> None:
    names = [b.name for b in settings.bodies]
    out = tmp_path / "out"
    last_year = messy_folder(tmp_path / "2014", names, year=2014)
    for month in ("2014-01", "2014-12"):
        run_report("monthly", last_year, settings, out, today=dt.date(2015, 1, 5), month=month)
    kept = {
        m: json.loads((out / "历史" / f"{m}.json").read_text(encoding="utf-8"))
        for m in ("2014-01", "2014-12")
    }
    # the new year's folder holds 2015 only: 2014 comes from the history
    this_year = messy_folder(tmp_path / "2015", names, year=2015, months=[1], seed=3)
    comparison = _run(this_year, settings, out, "2015-01", dt.date(2015, 2, 3))
    assert comparison.previous_month == Reference("2014-12", "2014年12月", "history")
    assert comparison.last_year == Reference("2014-01", "2014年1月", "history")
    assert comparison.totals.last_year is not None and comparison.totals.previous_month is not None
    assert comparison.totals.last_year.submitted == kept["2014-01"]["totals"]["submitted"]
    assert comparison.totals.previous_month.submitted_ytd == kept["2014-12"]["totals"]["submitted_ytd"]
    first = {b["body"]: b for b in kept["2014-01"]["bodies"]}
    for b in comparison.bodies:
        assert b.last_year is not None
        assert (b.last_year.submitted, b.last_year.score, b.last_year.rank) == (
            first[b.body]["submitted"],
            first[b.body]["score"],
            first[b.body]["rank"],
        )
    # with last year's ledgers in the folder too, they are used instead
    both = _run(last_year.parent, settings, tmp_path / "both", "2015-01", dt.date(2015, 2, 3))
    assert both.last_year.source == "ledgers" and both.totals.last_year == comparison.totals.last_year


def test_a_body_registered_mid_year_has_nothing_to_compare(tmp_path: Path) -> None:
    config = tmp_path / "xcreport.toml"
    config.write_text(SAMPLE_CONFIG.read_text(encoding="utf-8") + NEW_BODY, encoding="utf-8")
    before, after = load_settings(SAMPLE_CONFIG), load_settings(config)
    names = [b.name for b in before.bodies]
    ledgers = messy_folder(tmp_path / "台账", names, months=range(1, 6))
    messy_folder(tmp_path / "台账" / "新", ["新建项目组"], months=[5], seed=11)  # its first rows: May
    out = tmp_path / "out"
    run_report("monthly", ledgers, before, out, today=dt.date(2014, 6, 2), month="2014-04")  # kept
    comparison = _run(ledgers, after, out, "2014-05", dt.date(2014, 6, 2))
    by_body = {b.body: b for b in comparison.bodies}
    assert by_body["新建项目组"].previous_month is None  # April: not registered, no row
    assert by_body["运管所"].previous_month is not None
    # the kept April summary has no figures for it either, when April's ledgers are gone
    (tmp_path / "out" / "历史" / "2014-05.json").unlink()
    history = _comparison_from_history(tmp_path, after, out)
    assert history.previous_month.source == "history"
    assert {b.body for b in history.bodies if b.previous_month is None} == {"新建项目组"}


def _comparison_from_history(tmp_path: Path, settings: Settings, out: Path) -> Comparison:
    may = messy_folder(tmp_path / "五月", [b.name for b in settings.bodies], months=[5], seed=5)
    return _run(may, settings, out, "2014-05", dt.date(2014, 6, 2))


def test_a_broken_history_file_is_said_and_left_unused(settings: Settings, tmp_path: Path) -> None:
    kept = tmp_path / "out" / "历史" / "2014-12.json"
    kept.parent.mkdir(parents=True)
    kept.write_text("{不是JSON", encoding="utf-8")
    folder = messy_folder(tmp_path / "2015", [b.name for b in settings.bodies], year=2015, months=[1])
    result = run_report(
        "monthly", folder, settings, tmp_path / "out", today=dt.date(2015, 2, 3), month="2015-01"
    )
    assert result.metrics is not None and result.metrics.comparison is not None
    assert result.metrics.comparison.previous_month.source is None
    assert any("2014-12.json" in n and "无法读取" in n for n in result.notes)
    assert kept.read_text(encoding="utf-8") == "{不是JSON"


def test_a_year_under_way_is_compared_with_the_same_months_of_last_year(
    settings: Settings, tmp_path: Path
) -> None:
    names = [b.name for b in settings.bodies]
    out = tmp_path / "out"
    run_report(
        "monthly",
        messy_folder(tmp_path / "2014", names),
        settings,
        out,
        today=dt.date(2015, 1, 5),
        month="2014-02",
    )
    folder = messy_folder(tmp_path / "2015", names, year=2015, months=[1, 2], seed=2)
    result = run_report("annual", folder, settings, out, today=dt.date(2015, 3, 10))
    assert result.metrics is not None and result.metrics.comparison is not None
    comparison = result.metrics.comparison
    assert comparison.previous_month == Reference(None, "", None)
    assert comparison.last_year == Reference("2014", "2014年1—2月", "history")
    kept = json.loads((out / "历史" / "2014-02.json").read_text(encoding="utf-8"))
    assert comparison.totals.last_year is not None
    assert comparison.totals.last_year.submitted == kept["totals"]["submitted_ytd"]
