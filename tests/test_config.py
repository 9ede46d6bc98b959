"""The configuration: the sample loads, and every kind of mistake is one line naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from xcreport.config import Settings, load_settings
from xcreport.errors import ConfigError
from xcreport.text import fold_name

from .conftest import SAMPLE_CONFIG


def test_sample_registry(settings: Settings) -> None:
    assert len(settings.bodies) == 16
    groups = [b.group for b in settings.bodies]
    assert groups.count("unit") == 8 and groups.count("project") == 2 and groups.count("office") == 6
    # RULES.md: the per-body 省部级 tasks add up to more than the county's 50.
    assert sum(b.tasks.get("省部级", 0) for b in settings.bodies) > 50


@pytest.mark.parametrize(
    ("typed", "registered"),
    [
        ("海 事 处", "海事处"),
        ("\u3000运管所 ", "运管所"),
        ("县运管", "运管所"),
        ("法规科", "政策法规科"),
        ("局办公室", "办公室"),
    ],
)
def test_body_names_match_after_nfkc_and_spaces(settings: Settings, typed: str, registered: str) -> None:
    assert settings.resolve_body(typed) == registered


def test_unknown_body_is_none(settings: Settings) -> None:
    assert settings.resolve_body("宣传科") is None


def test_names_fold_full_width_forms_and_white_space() -> None:
    assert fold_name("ＡＢ　海事处") == "AB海事处"


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = SAMPLE_CONFIG.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "xcreport.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


#: (text in the sample configuration, what a clerk typed instead, the key named, what is said)
MISTAKES = [
    (
        'adoption_policy = "highest"',
        'adoption_policy = "best"',
        "scoring.adoption_policy",
        "「highest」「sum」之一",
    ),
    ("deduct_late = 1", "deduct_late = -1", "scoring.deduct_late", "不小于"),
    ("deduct_late = 1", 'deduct_late = "一"', "scoring.deduct_late", "数字"),
    (
        "cutoff_day = 25",
        "cutoff_day = 25\ncutof_day = 26",
        "cadence.cutof_day",
        "未知的配置项（是否应为 cutoff_day？）",
    ),
    (
        'group = "unit"',
        'group = "units"',
        "bodies[0].group",
        "「units」不是 groups 中定义的类别（可填：unit、project、office）",
    ),
    (', "内部" = 0.5 }', " }", "scoring.points", "缺少级别: 内部"),
    ('level = "国家级"\n', 'level = "全国级"\n', "outlets[0].level", "「全国级」不在 levels 中"),
    (
        'aliases = ["交管", "县交管"]',
        'aliases = ["交管", "县运管"]',
        "bodies[1].aliases",
        "「县运管」与「运管所」重名",
    ),
    ('name = "交管所"', 'name = "运管所"', "bodies[1].name", "单位「运管所」登记了两次（另见 bodies[0]）"),
    ('name = "示例县"', 'name = ""', "county.name", "不能为空"),
    (
        'tracks = ["中国网"]\n\n[[targets]]',
        'tracks = ["中囯网"]\n\n[[targets]]',
        "targets[1].tracks",
        "「中囯网」不是任何 outlets",
    ),
    ('track = "市局用稿"', 'track = "市局采用"', "city_rank.track", "「市局采用」不是任何 outlets"),
    (
        "stretch_rank = 2",
        "stretch_rank = 4",
        "city_rank.stretch_rank",
        "stretch_rank ≤ target_rank ≤ counties",
    ),
    (
        'email = "juzhang@example.gov.cn"',
        'email = "juzhang#example.gov.cn"',
        "recipients[0].email",
        "不是有效的邮箱地址",
    ),
    (
        'contact = "jiaoguan@example.gov.cn"',
        'contact = "jiaoguan@example.gov.cn；交管所"',
        "bodies[1].contact",
        "「交管所」不是有效的邮箱地址",
    ),
    ("port = 465", 'port = "465"', "smtp.port", "应为整数（数字不加引号）"),
    (
        "half_boundary_day = 15",
        "min_per_half = 1\nhalf_boundary_day = 15",
        "cadence.min_per_half",
        "此项已不再使用：上下半月的最少篇数改在 [[groups]] 中按类别填写",
    ),
    ('key = "project"', 'key = "unit"', "groups[1].key", "类别「unit」定义了两次（另见 groups[0]）"),
    ('cadence = "month"', 'cadence = "monthly"', "groups[2].cadence", "「half-month」「month」「none」之一"),
    (
        'categories = "all"',
        'categories = ["动态"]',
        "groups[2].categories",
        "「动态」不在 vocabulary.categories 中",
    ),
    ('categories = "all"', 'categories = "全部"', "groups[2].categories", '或 "all"（所有类别都计入）'),
    ('tie_order = "registry"', 'tie_order = "order"', "scoring.tie_order", "「registry」「name」之一"),
    ('# "报送日期" = ["送稿日期"]', '"发稿" = ["送稿日期"]', "headers.ledger.发稿", "台账没有「发稿」这一列"),
    (
        '# "报送日期" = ["送稿日期"]',
        '"报送日期" = ["送稿日期", "稿件标题"]',
        "headers.ledger.报送日期",
        "「稿件标题」已是台账“标题”列的列名，不能再用于“报送日期”",
    ),
    ("yes = []", 'yes = ["有", "×"]', "yes_no.yes", "「×」已表示“否”，不能再表示“是”"),
    (
        '"省部级" = 8, "市级" = 20',
        '"省部级" = 8, "省级" = 20',
        "bodies[0].tasks.省级",
        "「省级」不在 levels 中",
    ),
]


@pytest.mark.parametrize(("old", "new", "key", "says"), MISTAKES)
def test_a_mistake_is_one_line_naming_file_line_and_key(
    tmp_path: Path, old: str, new: str, key: str, says: str
) -> None:
    path = _broken(tmp_path, old, new)
    text = path.read_text(encoding="utf-8")
    start = SAMPLE_CONFIG.read_text(encoding="utf-8").index(old)
    # the line of the replaced text (of its key line when the replacement adds a line)
    line = text[:start].count("\n") + 1 + (new.count("\n") if old == "cutoff_day = 25" else 0)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value) == f"{path}: 第{line}行 {key}: " + str(info.value).split(f"{key}: ", 1)[1]
    assert says in str(info.value)
    assert "\n" not in str(info.value)


def test_a_configuration_without_groups_says_where_they_go(tmp_path: Path) -> None:
    text = SAMPLE_CONFIG.read_text(encoding="utf-8")
    start, end = text.index("\n[[groups]]\n"), text.index("\n[[bodies]]\n")
    path = tmp_path / "old.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value).startswith(f"{path}: groups: 缺少 [[groups]]：单位的类别")
    assert "\n" not in str(info.value)


def test_several_mistakes_are_each_said(tmp_path: Path) -> None:
    path = _broken(tmp_path, "deduct_late = 1", 'deduct_late = "1"')
    path.write_text(path.read_text("utf-8").replace("bonus_instructed = 5", "bonus_instructed = -5"), "utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    lines = str(info.value).splitlines()
    assert len(lines) == 2 and "scoring.bonus_instructed: 应不小于 0" in lines[0]
    assert lines[1].startswith("  另有: 第") and "scoring.deduct_late: 应为数字" in lines[1]


@pytest.mark.parametrize(
    ("line", "cause"),
    [
        ("name = “示例县”", "中文引号"),
        ('name ＝ "示例县"', "全角等号"),
        ("省部级 = 5", '中文的配置项名称要加英文引号，如 "省部级" = …'),
        ('levels = ［"国家级"］', "全角"),
    ],
)
def test_a_syntax_error_names_the_line_and_the_likely_cause(tmp_path: Path, line: str, cause: str) -> None:
    path = tmp_path / "x.toml"
    path.write_text(f"# 配置\n[county]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert message.startswith(f"{path}: 第3行 TOML 语法错误：") and cause in message
    assert "\n" not in message


def test_toml_syntax_error_without_a_known_cause(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("[county\nname = 1", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"x\.toml: 第1行 TOML 语法错误：缺少 \]$"):
        load_settings(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="无法读取配置文件"):
        load_settings(tmp_path / "none.toml")
