"""reading.bodies: the body a sheet or file name stands for."""

from __future__ import annotations

import pytest

from xcreport.config import Settings
from xcreport.reading.bodies import body_from_name


def _with_alias(settings: Settings, body: str, alias: str) -> Settings:
    data = settings.model_dump()
    for entry in data["bodies"]:
        if entry["name"] == body:
            entry["aliases"] = [*entry["aliases"], alias]
    return Settings.model_validate(data)


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("运管所", "运管所"),
        ("海 事 处", "海事处"),
        ("\u3000运管所", "运管所"),
        ("县运管", "运管所"),
        ("运管所2014年信息报送台账", "运管所"),
        ("海启高速公路项目组台账", "海启高速项目组"),
        ("农路农桥项目组", "农路农桥项目组"),
        ("Sheet1", None),
        ("运管所交管所合并", None),
        ("2014年汇总", None),
    ],
)
def test_body_from_sheet_or_file_name(settings: Settings, name: str, body: str | None) -> None:
    assert body_from_name(name, settings) == body


def test_full_width_latin_names_match(settings: Settings) -> None:
    custom = _with_alias(settings, "质监站", "ZJ站")
    assert body_from_name("ＺＪ站", custom) == "质监站"
    assert custom.resolve_body("Ｚ Ｊ 站") == "质监站"
