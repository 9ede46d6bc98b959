"""R10: coverage per focus and brand, brand gaps."""

from __future__ import annotations

from tests.scoring_factory import QUIET, make_ledger, run


def test_brand_coverage_and_gaps() -> None:
    ledger = make_ledger(
        {"title": "快修进社区", "focus": "品牌宣传", "brand": "快修", "outlet": "县报"},
        {"title": "快修进社区", "focus": "品牌宣传", "brand": "快修", "outlet": "交通动态"},  # same piece
        {"body": "乙所", "focus": "政策宣传"},
    )
    result = run(ledger, QUIET)
    metrics = result.metrics
    assert metrics.brand_coverage == {"快修": 1, "快客": 0}  # pieces, not rows
    assert metrics.focus_coverage == {"政策宣传": 1, "五大主题工程": 0, "品牌宣传": 1}
    assert metrics.problems.brands_without_piece == [("快客", "乙所")]
    assert [f.message for f in result.findings if f.rule == "R10"] == [
        "乙所 2014年3月没有「快客」品牌宣传稿件，请围绕创建品牌及时宣传"
    ]
