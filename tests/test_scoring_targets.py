"""R6/R8: count targets against the linear pace."""

from __future__ import annotations

import pytest

from tests.scoring_factory import QUIET, make_ledger, run
from xcreport.scoring.targets import target_status


def test_targets_against_the_linear_pace() -> None:
    ledger = make_ledger(
        *[{"submitted": "2014-02-05", "outlet": "江苏交通"}] * 2,  # R6: 2 in Feb + 1 in Mar = 3
        {"outlet": "人民网"},
        *[{"submitted": "2014-01-05", "outlet": "县报"}] * 8,  # R8-县级媒体: 8
    )
    targets = {t.id: t for t in run(ledger, QUIET).metrics.targets}
    r6, r8 = targets["R6"], targets["R8-县级媒体"]
    # R6: pace 12 × 3 / 12 = 3, actual 3 → on pace; 1 of them this month
    assert (r6.actual, r6.expected_by_now, r6.status, r6.shortfall, r6.month, r6.exceed) == (
        3,
        3.0,
        "on_pace",
        0.0,
        1,
        True,
    )
    # R8: pace 24 × 3 / 12 = 6, actual 8 → ahead; none this month
    assert (r8.actual, r8.expected_by_now, r8.status, r8.shortfall, r8.month) == (8, 6.0, "ahead", 0.0, 0)


@pytest.mark.parametrize(
    ("actual", "target", "expected", "exceed", "status"),
    [
        (50, 50, 50.0, True, "on_pace"),  # 突破50: 50 is not yet through
        (51, 50, 50.0, True, "met"),
        (50, 50, 50.0, False, "met"),
        (12, 50, 12.5, False, "on_pace"),  # within half a piece
        (14, 50, 12.5, False, "ahead"),
        (11, 50, 12.5, False, "behind"),
    ],
)
def test_target_status(actual: int, target: int, expected: float, exceed: bool, status: str) -> None:
    assert target_status(actual, target, expected, exceed) == status


def test_a_behind_target_has_its_shortfall() -> None:
    r6 = next(t for t in run(make_ledger({"outlet": "江苏交通"}), QUIET).metrics.targets if t.id == "R6")
    assert (r6.actual, r6.status, r6.shortfall) == (1, "behind", 2.0)  # pace 3 − 1
