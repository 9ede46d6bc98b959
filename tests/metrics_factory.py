"""Hand-built Metrics of the sample county, for the render tests (no ledger, no scoring).

:func:`monthly_metrics` is a plausible March 2014: the 16 registered bodies with varied figures,
persons, targets with pace, a city ranking trend, every list of the problems section filled, and a
three-month trend.  :func:`annual_metrics` is the same county for the whole of 2014 with the annual
fields filled (12-month cadence grid, R9 tasks, 年度综合考核, 先进单位/个人).  The figures are made
up but consistent enough to read as a real circular.
"""

from __future__ import annotations

from xcreport.config import Settings
from xcreport.findings import Finding
from xcreport.metrics import (
    BodyMetrics,
    CityRankMetrics,
    FindingCounts,
    Metrics,
    MissedEvent,
    MonthPoint,
    PersonMetrics,
    Problems,
    RankPoint,
    RowRef,
    TargetMetrics,
    TaskProgress,
    Totals,
    TrackMetrics,
)
from xcreport.model import InputFile
from xcreport.period import Period

LEVELS = ["国家级", "省部级", "市级", "县级", "内部"]
MONTHLY = Period("monthly", 2014, 3)
ANNUAL = Period("annual", 2014)

# body → (submitted, first_half, second_half, late, adopted per level, bonus, deductions)
_FIGURES: dict[str, tuple[int, int, int, int, tuple[int, int, int, int, int], float, float]] = {
    "运管所": (9, 3, 4, 1, (1, 2, 3, 2, 4), 5, 1),
    "交管所": (6, 2, 2, 0, (0, 1, 2, 3, 2), 0, 0),
    "公路站": (8, 3, 3, 0, (0, 2, 2, 2, 3), 0, 0),
    "海事处": (5, 2, 0, 1, (0, 1, 1, 1, 2), 0, 3),
    "航道站": (4, 1, 2, 0, (0, 0, 1, 2, 1), 0, 0),
    "农路办": (3, 1, 1, 0, (0, 0, 1, 1, 1), 0, 0),
    "质监站": (2, 0, 1, 0, (0, 0, 0, 1, 1), 0, 2),
    "汽车分公司": (4, 1, 1, 1, (0, 1, 0, 2, 1), 0, 6),
    "海启高速项目组": (7, 2, 3, 0, (1, 1, 2, 1, 2), 0, 0),
    "农路农桥项目组": (3, 1, 1, 0, (0, 0, 1, 1, 0), 0, 0),
    "办公室": (6, 3, 3, 0, (0, 2, 1, 2, 1), 5, 0),
    "政工科": (2, 1, 1, 0, (0, 0, 1, 0, 1), 0, 0),
    "规划建设科": (1, 0, 1, 0, (0, 0, 0, 1, 0), 0, 0),
    "财务审计科": (0, 0, 0, 0, (0, 0, 0, 0, 0), 0, 2),
    "安全监督科": (2, 1, 0, 1, (0, 0, 1, 0, 0), 0, 1),
    "政策法规科": (1, 1, 0, 0, (0, 0, 0, 1, 0), 0, 0),
}
_POINTS = (10.0, 5.0, 3.0, 1.0, 0.5)


def _competition_ranks(scores: list[tuple[str, float]]) -> dict[str, int]:
    ordered = sorted(scores, key=lambda s: (-s[1], s[0]))
    ranks: dict[str, int] = {}
    for i, (name, score) in enumerate(ordered):
        ranks[name] = ranks[ordered[i - 1][0]] if i and score == ordered[i - 1][1] else i + 1
    return ranks


def _bodies(settings: Settings, annual: bool) -> list[BodyMetrics]:
    scale = 11 if annual else 1  # a year is roughly eleven times a month here
    bodies: list[BodyMetrics] = []
    for body in settings.bodies:
        sub, h1, h2, late, adopted, bonus, ded = _FIGURES[body.name]
        counts = {lv: n * scale for lv, n in zip(LEVELS, adopted, strict=True)}
        points = sum(n * p for n, p in zip(counts.values(), _POINTS, strict=True))
        office = body.group == "office"
        met = (sub >= 1) if office else (h1 >= 1 and h2 >= 1)
        missed = (
            [] if met else (["本月"] if office else [p for p, n in (("上半月", h1), ("下半月", h2)) if n < 1])
        )
        b = BodyMetrics(
            body=body.name,
            group=body.group,
            submitted=sub * scale,
            first_half=h1 * scale,
            second_half=h2 * scale,
            cadence_met=met,
            late=late * scale,
            adopted=counts,
            points=points,
            bonus=bonus * scale,
            deductions=ded * scale,
            score=points + bonus * scale - ded * scale,
            rank=0,
            rank_in_group=0,
            submitted_ytd=sub * 3 if not annual else sub * scale,
            adopted_ytd={lv: n * 3 for lv, n in counts.items()} if not annual else dict(counts),
            score_ytd=(points + bonus - ded) * 2.5 if not annual else points + bonus * scale - ded * scale,
            cadence_missed=missed,
            false_pieces=1 if body.name == "汽车分公司" else 0,
            major_late=1 if body.name == "海事处" else 0,
            major_missed=1 if body.name == "质监站" else 0,
            errors={"运管所": 3, "海事处": 1, "政策法规科": 2}.get(body.name, 0),
            warnings={"运管所": 1, "航道站": 2}.get(body.name, 0),
            roster=0 if body.name == "财务审计科" else 2,
        )
        bodies.append(b)
    overall = _competition_ranks([(b.body, b.score) for b in bodies])
    ytd = _competition_ranks([(b.body, b.score_ytd) for b in bodies])
    for b in bodies:
        b.rank, b.rank_ytd = overall[b.body], ytd[b.body]
    for _, keys in settings.ranking_tables:
        members = [b for b in bodies if b.group in keys]
        in_group = _competition_ranks([(b.body, b.score) for b in members])
        for b in members:
            b.rank_in_group = in_group[b.body]
    bodies.sort(key=lambda b: (b.rank, b.body))
    if annual:
        _annual_fields(settings, bodies)
    return bodies


def _annual_fields(settings: Settings, bodies: list[BodyMetrics]) -> None:
    months = ANNUAL.months()
    for i, b in enumerate(bodies):
        b.cadence_grid = {m: (j + i) % 7 != 3 for j, m in enumerate(months)}
        b.cadence_met = all(b.cadence_grid.values())
        b.cadence_missed = [
            f"{m} {'上半月' if b.group != 'office' else '本月'}" for m, ok in b.cadence_grid.items() if not ok
        ]
        tasks = settings.body_by_name[b.body].tasks
        b.tasks = [
            TaskProgress(
                level=lv, task=t, actual=b.adopted.get(lv, 0), rate=b.adopted.get(lv, 0) / t if t else 1.0
            )
            for lv, t in tasks.items()
        ]
        b.task_rate = sum(min(t.rate, 1.0) for t in b.tasks) / len(b.tasks) if b.tasks else None
        b.assessment = round(b.score + 20 * (b.task_rate or 0), 2)
    ranks = _competition_ranks([(b.body, b.assessment or 0.0) for b in bodies])
    for b in bodies:
        b.assessment_rank = ranks[b.body]


def _persons(annual: bool) -> list[PersonMetrics]:
    scale = 11 if annual else 1
    people = [
        ("张明", "运管所", 5, 4, 21.5),
        ("李娟", "海启高速项目组", 4, 3, 18.0),
        ("王磊", "办公室", 4, 3, 16.5),
        ("陈静", "公路站", 5, 4, 13.0),
        ("刘洋", "交管所", 3, 3, 9.5),
        ("周婷", "海事处", 3, 2, 7.0),
        ("吴强", "航道站", 2, 2, 4.5),
        ("赵敏、孙浩", "政工科", 1, 1, 1.75),
        ("黄蕾", "农路办", 2, 1, 1.5),
        ("郑凯", "质监站", 1, 1, 0.5),
        ("=钱多多", "安全监督科", 1, 0, 0.0),
    ]
    return [
        PersonMetrics(
            name=n,
            body=b,
            pieces=p * scale,
            points=pts * scale,
            rank=i,
            adopted=a * scale,
            on_roster=not n.startswith("="),
        )
        for i, (n, b, p, a, pts) in enumerate(people, start=1)
    ]


def _problems(annual: bool) -> Problems:
    cadence = (
        [
            ("海事处", "2014-03 下半月"),
            ("质监站", "2014-03 上半月"),
            ("质监站", "2014-07 上半月"),
            ("财务审计科", "2014-05 本月"),
        ]
        if annual
        else [("海事处", "下半月"), ("质监站", "上半月"), ("财务审计科", "本月")]
    )
    return Problems(
        cadence_missed=cadence,
        late=[
            RowRef(
                "运管所",
                "县运管所开展“诚信驾校”创建推进会",
                "运管所.xlsx",
                "2014",
                14,
                "2014-03-27",
                "所属月份2014-03，3月27日报送",
            ),
            RowRef("安全监督科", "安全生产大检查情况", "安全监督科.xlsx", "2014", 6, "2014-03-28", ""),
        ],
        false_pieces=[
            RowRef(
                "汽车分公司",
                "快客班线日发送旅客突破万人次",
                "汽车分公司.xlsx",
                "2014",
                9,
                "2014-03-11",
                "失实",
            ),
        ],
        major_late=[
            RowRef("海事处", "内河船舶碰撞事故处置情况", "海事处.xlsx", "2014", 7, "2014-03-08", "迟报2天"),
        ],
        major_missed=[
            MissedEvent("质监站", "农桥工程质量抽检不合格", "2014-03-19", "漏报"),
            MissedEvent("汽车分公司", "客运班车途中故障滞留", "2014-03-22", "瞒报"),
        ],
        bodies_with_errors=[("运管所", 3, 1), ("海事处", 1, 0), ("航道站", 0, 2), ("政策法规科", 2, 0)],
        brands_without_piece=[("航标灯", "航道站"), ("快客", "汽车分公司")],
        no_roster=["财务审计科"],
    )


def _trend(months: list[str]) -> list[MonthPoint]:
    points = []
    cumulative = 0
    for i, m in enumerate(months, start=1):
        adopted = {
            "国家级": 1 + i % 2,
            "省部级": 6 + i % 4,
            "市级": 12 + i % 5,
            "县级": 20 + i % 3,
            "内部": 18 + i % 6,
        }
        cumulative += adopted["国家级"] + adopted["省部级"]
        points.append(
            MonthPoint(
                month=m,
                submitted=58 + (i * 7) % 15,
                adopted=adopted,
                target_cumulative={"R6": cumulative, "R8-中国网": i},
                target_expected={"R6": round(50 * i / 12, 2), "R8-中国网": float(i)},
            )
        )
    return points


def _metrics(settings: Settings, period: Period) -> Metrics:
    annual = period.kind == "annual"
    bodies = _bodies(settings, annual)
    trend = _trend(period.months())
    month_adopted = {lv: sum(b.adopted[lv] for b in bodies) for lv in LEVELS}
    r6 = trend[-1].target_cumulative["R6"]
    targets = [
        TargetMetrics(
            "R6", "省部级及以上媒体用稿", 50, r6, trend[-1].target_expected["R6"],
            "met" if annual else "ahead",
            exceed=True, month=month_adopted["国家级"] + month_adopted["省部级"],
        ),
        TargetMetrics(
            "R8-中国网", "中国网用稿", 12, 2 if not annual else 10, 3.0 if not annual else 12.0, "behind",
            shortfall=1.0 if not annual else 2.0, month=1,
        ),
        TargetMetrics(
            "R8-两办", "“两办”信息采用", 36, 9 if not annual else 38, 9.0 if not annual else 36.0,
            "on_pace" if not annual else "met", month=3,
        ),
    ]  # fmt: skip
    city = CityRankMetrics(
        counties=6,
        target_rank=3,
        stretch_rank=2,
        trend=[RankPoint(m, r, s) for m, r, s in zip(period.months(), [4, 3, 2, 2, 3, 1, 2, 2, 3, 2, 1, 2], [
            81.5, 84.0, 88.5, 87.0, 85.0, 91.5, 88.0, 88.0, 84.5, 89.0, 92.0, 90.5], strict=False)],
        status="stretch",
        adopted_month=8,
        adopted_ytd=25 if not annual else 96,
    )  # fmt: skip
    city.latest = city.trend[-1]
    persons = _persons(annual)
    return Metrics(
        kind=period.kind,
        period=period.as_dict(),
        inputs=[
            InputFile(f"{b.name}.xlsx", f"{i:064x}", 2, 40 + i, "ok") for i, b in enumerate(settings.bodies)
        ],
        totals=Totals(
            rows=812 if not annual else 3120,
            rows_scored=sum(b.submitted for b in bodies) + 5,
            submitted=sum(b.submitted for b in bodies),
            adopted=month_adopted,
            submitted_ytd=sum(b.submitted_ytd for b in bodies),
            adopted_ytd={lv: sum(b.adopted_ytd.get(lv, 0) for b in bodies) for lv in LEVELS},
            bonus_pieces=2 if not annual else 17,
        ),
        bodies=bodies,
        persons=persons,
        targets=targets,
        findings=FindingCounts(error=6, warning=3, by_rule={"L-DATE": 3, "L-REQUIRED": 3, "R11": 3}),
        city_rank=city,
        tracks=[
            TrackMetrics("中国网", 1, 2 if not annual else 10),
            TrackMetrics("两办", 3, 9 if not annual else 38, external_rank=2),
            TrackMetrics("县级媒体", 12, 33 if not annual else 131),
            TrackMetrics("市局用稿", 8, 25 if not annual else 96),
        ],
        problems=_problems(annual),
        focus_coverage={"政策宣传": 21, "主题宣传": 14, "五大主题工程": 6, "品牌宣传": 5, "交通动态": 17},
        brand_coverage={
            "水上卫士": 2,
            "航标灯": 0,
            "铺路石": 1,
            "快修": 1,
            "快客": 0,
            "诚信驾校": 1,
            "诚信企业": 0,
        },
        trend=trend,
        levels=list(LEVELS),
        advanced_units=[b.body for b in sorted(bodies, key=lambda b: b.assessment_rank or 0)[:3]]
        if annual
        else [],
        advanced_persons=persons[:10] if annual else [],
    )


def monthly_metrics(settings: Settings) -> Metrics:
    """March 2014 of the sample county."""
    return _metrics(settings, MONTHLY)


def annual_metrics(settings: Settings) -> Metrics:
    """The year 2014 of the sample county, annual fields filled."""
    return _metrics(settings, ANNUAL)


def _found(
    severity: str, rule: str, message: str, body: str, row: int, column: str, header: str, value: str
) -> Finding:
    return Finding(severity, rule, message, f"{body}.xlsx", "2014", row, column, header, value, body)  # type: ignore[arg-type]


def sample_findings() -> list[Finding]:
    """Findings of several bodies, one without a body, and values that look like formulas."""
    return [
        _found(
            "error",
            "L-DATE",
            "第12行 报送日期「2014.13.5」不是有效日期",
            "运管所",
            12,
            "F",
            "报送日期",
            "2014.13.5",
        ),
        _found("error", "L-REQUIRED", "第15行 标题为空", "运管所", 15, "C", "标题", ""),
        _found(
            "warning",
            "R11",
            "第18行 作者不在本单位通讯员名册中",
            "运管所",
            18,
            "D",
            "作者",
            '=HYPERLINK("x")',
        ),
        _found(
            "error", "L-VALUE", "第7行 媒体级别「+省级」不在词表中", "海事处", 7, "H", "媒体级别", "+省级"
        ),
        _found("warning", "R11", "第3行 作者「@王五」不在名册中", "航道站", 3, "D", "作者", "@王五"),
        _found("error", "L-DATE", "第9行 用稿日期早于报送日期", "政策法规科", 9, "J", "用稿日期", "-3"),
        Finding("error", "L-FILE", "文件无法打开（已损坏或加密）", "坏文件.xlsx"),
    ]
