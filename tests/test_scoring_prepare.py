"""The rows scoring reads: prepared once, in source order, a month at a time; only registered bodies."""

from __future__ import annotations

import pandas as pd

from tests.scoring_factory import QUIET, SMALL, empty_ledger, make_ledger, prepared, run, zeros
from xcreport.period import Period, month_index
from xcreport.scoring.prepare import derive, split_months


def _flag(mask: pd.Series) -> pd.Series:
    return mask.fillna(False).astype(bool)


def test_factory_follows_the_ledger_contract() -> None:
    ledger = make_ledger({"outlet": "县报", "event_date": "2014-03-01"}, {})
    assert ledger.dtypes.equals(empty_ledger().dtypes)
    assert ledger.loc[0, "level"] == "县级" and ledger.loc[0, "tracks"] == ("县级媒体",)


def test_each_month_is_scored_on_the_prepared_rows_of_that_month_in_source_order() -> None:
    ledger = make_ledger(
        {"submitted": "2014-02-03"},
        {"body": "乙所", "submitted": "2014-01-20", "major": True},
        {"submitted": "2014-01-28", "title": "同题"},  # after the 25th: issue month February
        {"submitted": "2014-02-10", "title": "同题"},  # the same piece
        {"body": "未登记", "submitted": "2014-01-05"},  # not a registered body: counts nowhere
    )
    ledger = ledger.iloc[::-1].reset_index(drop=True)  # read in reverse: scored in source order
    rows = prepared(ledger, SMALL)
    assert list(rows["excel_row"]) == [4, 3, 5, 6]  # 乙所.xlsx, then 甲站.xlsx
    derived = derive(ledger, SMALL)
    months = list(split_months(ledger, derived, Period("annual", 2014, through=2)))
    for m, month in enumerate(months, start=1):
        index = month_index(2014, m)
        pd.testing.assert_frame_equal(month.issued, rows.loc[_flag(rows["issue_ym"] == index)])
        pd.testing.assert_frame_equal(month.sent, rows.loc[_flag(rows["month_ym"] == index)])
        pd.testing.assert_frame_equal(month.majors, rows.loc[rows["major"]])
    assert [len(m.issued) for m in months] == [1, 3]


def test_unregistered_bodies_do_not_count() -> None:
    ledger = make_ledger(
        {"title": "原稿", "outlet": "县报"},
        {"body": "不存在的单位", "outlet": "人民网"},  # not registered (reading reports it)
    )
    metrics = run(ledger, QUIET).metrics
    assert (metrics.totals.rows_scored, metrics.totals.adopted) == (1, zeros(县级=1))
    assert [b.points for b in metrics.bodies] == [1.0, 0.0, 0.0, 0.0]
