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


@pytest.mark.parametrize(
    ("old", "new", "key", "says"),
    [
        ('adoption_policy = "highest"', 'adoption_policy = "best"', "scoring.adoption_policy", "highest"),
        ("deduct_late = 1", "deduct_late = -1", "scoring.deduct_late", "不小于"),
        ("deduct_late = 1", 'deduct_late = "一"', "scoring.deduct_late", "数字"),
        ("cutoff_day = 25", "cutoff_day = 25\ncutof_day = 26", "cadence.cutof_day", "未知的配置项"),
        ('group = "unit"', 'group = "units"', "bodies[0].group", "unit"),
        (', "内部" = 0.5 }', " }", "", "scoring.points 缺少级别: 内部"),
        ('level = "国家级"\n', 'level = "全国级"\n', "", "outlets[0].level「全国级」不在 levels 中"),
        ('aliases = ["交管", "县交管"]', 'aliases = ["交管", "县运管"]', "", "重名"),
        ('name = "示例县"', 'name = ""', "county.name", "不能为空"),
        (
            'tracks = ["中国网"]\n\n[[targets]]',
            'tracks = ["中囯网"]\n\n[[targets]]',
            "",
            "「中囯网」不是任何 outlets",
        ),
        ('track = "市局用稿"', 'track = "市局采用"', "", "city_rank.track「市局采用」"),
        ("stretch_rank = 2", "stretch_rank = 4", "", "stretch_rank ≤ target_rank ≤ counties"),
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, old: str, new: str, key: str, says: str) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert key in message and says in message


def test_toml_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("[county\nname = 1", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"x\.toml: TOML 语法错误"):
        load_settings(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="无法读取配置文件"):
        load_settings(tmp_path / "none.toml")
