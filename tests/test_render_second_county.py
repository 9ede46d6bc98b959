"""The 通报 says what the configuration says: the sample ledgers rendered under a second
configuration — another county (a district, 海滨区, whose office above is 滨海市交通局), another
cutoff, other minimums, other projects and brands — carry none of the sample's words.

The second configuration is the sample's file with its values replaced, as an office would edit
it; the report is dumped with tests/dumps.py (paragraphs, tables and footers, the 版记 among
them).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_CONFIG, SAMPLE_LEDGERS
from tests.dumps import dump_docx
from xcreport.config import load_settings
from xcreport.pipeline import run_report

#: sample value → the second county's, replaced in the text of the sample's configuration.
REPLACE = {
    'name = "示例县"': 'name = "海滨区"',
    'bureau = "示例县交通运输局"': 'bureau = "海滨区交通运输局"',
    'self_name = "我县"': 'self_name = "我区"',
    'system = "全县交通运输系统"': 'system = "全区交通运输行业"',
    'city_office = "市交通运输局"': 'city_office = "滨海市交通局"',
    'copy_to = ["市交通运输局办公室", "县委宣传部"]': 'copy_to = ["滨海市交通局办公室", "区委宣传部"]',
    "cutoff_day = 25": "cutoff_day = 20",
    "# 各单位至少上下半月各报送1篇动态信息\nminimum = 1": "\nminimum = 2",
    "# 各工程项目组同上\nminimum = 1": "\nminimum = 2",
    "# 其余科室每月不得少于1篇（任何类别）\nminimum = 1": "\nminimum = 3",
    '"五大主题工程"': '"三大示范工程"',
    '"思想政治教育工程", "核心价值践行工程", "宣传舆论引导工程", "文化建设示范工程", "行业文明创建工程"': (
        '"平安交通工程", "绿色交通工程", "智慧交通工程"'
    ),
    '"水上卫士"': '"港航先锋"',
    '"航标灯"': '"灯塔卫士"',
    '"铺路石"': '"路政尖兵"',
    '"快修"': '"养护先锋"',
    '"快客"': '"公交温馨"',
    '"诚信驾校"': '"阳光驾培"',
    '"诚信企业"': '"守信运输"',
}

#: The sample configuration's words and rule numbers, none of which may remain.
SAMPLE_WORDS = [
    "示例县", "我县", "全县", "市交通运输局", "县委宣传部", "每月25日", "各至少报送1篇", "不少于1篇",
    "五大主题工程", "思想政治教育工程", "水上卫士", "航标灯", "铺路石", "快修", "快客", "诚信驾校",
    "诚信企业",
]  # fmt: skip
#: The second configuration's words that the report must say instead.
SECOND_WORDS = [
    "海滨区交通运输局办公室", "全区交通运输行业", "滨海市交通局信息用稿考核，我区", "每月20日",
    "各至少报送2篇", "每月不少于3篇", "三大示范工程", "“港航先锋”", "抄送：滨海市交通局办公室，区委宣传部。",
]  # fmt: skip


def second_config(folder: Path) -> Path:
    text = SAMPLE_CONFIG.read_text(encoding="utf-8")
    for old, new in REPLACE.items():
        assert old in text, old
        text = text.replace(old, new)
    path = folder / "xcreport.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("second")
    settings = load_settings(second_config(folder))
    out: dict[str, str] = {}
    for kind in ("monthly", "annual"):
        year = 2014 if kind == "annual" else None
        result = run_report(
            kind, SAMPLE_LEDGERS, settings, folder / kind, today=dt.date(2015, 1, 20), year=year
        )
        assert result.outputs.report is not None
        out[kind] = dump_docx(result.outputs.report)
    return out


def without_titles(text: str) -> str:
    """``text`` without the ledgers' titles it quotes (《…》, nested ones included): what the
    clerks typed is theirs, not the configuration's."""
    out, depth = [], 0
    for ch in text:
        depth += ch == "《"
        if not depth:
            out.append(ch)
        depth -= ch == "》" and depth > 0
    return "".join(out)


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_none_of_the_sample_words_remain(reports: dict[str, str], kind: str) -> None:
    text = without_titles(reports[kind])
    assert "《" not in text and "海启高速项目组（" in text  # titles gone, the rest kept
    left = [word for word in SAMPLE_WORDS if word in text]
    assert not left, [line for line in text.splitlines() if any(w in line for w in left)]


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_the_second_county_is_named_in_its_own_words(reports: dict[str, str], kind: str) -> None:
    text = reports[kind]
    missing = [word for word in SECOND_WORDS if word not in text]
    assert not missing
    assert "关于2014年" in text and "全区交通运输行业信息宣传工作情况的通报" in text


def test_the_cutoff_is_one_and_the_same_everywhere(reports: dict[str, str]) -> None:
    for text in reports.values():
        assert set(re.findall(r"每月(\d+)日", text)) == {"20"}
