"""A second county, unlike the sample: four groups of its own, other vocabularies and levels, its
own header words and 是/否 words — written as the TOML file an office would keep, so that every
test of it also goes through the loader.

四类单位 (``GROUPS``):

| key | label | cadence | minimum | counts | ranking table |
| --- | --- | --- | --- | --- | --- |
| 一类 | 一类单位 | half-month | 2 | 动态信息 (default) | 站所 |
| 二类 | 二类单位 | month | 1 | 动态信息、政务信息 | 站所 |
| 乡镇 | 乡镇 | none | – | – | 乡镇 |
| 科室 | 机关科室 | month | 1 | every category | 机关科室 |
"""

from __future__ import annotations

from pathlib import Path

from xcreport.config import Settings, load_settings

#: body → group key, in registry order.
BODIES = {
    "甲站": "一类",
    "乙站": "一类",
    "丙所": "二类",
    "丁所": "二类",
    "东镇": "乡镇",
    "西镇": "乡镇",
    "综合科": "科室",
    "财务科": "科室",
}

CONFIG = """\
# 另一县的配置：四类单位
levels = ["省级", "市级", "县级"]

[county]
name = "另一县"
bureau = "另一县交通局"
office = "局办公室"

[[groups]]
key = "一类"
label = "一类单位"
cadence = "half-month"
minimum = 2
ranking = "站所"

[[groups]]
key = "二类"
label = "二类单位"
cadence = "month"
minimum = 1
categories = ["动态信息", "政务信息"]
ranking = "站所"

[[groups]]
key = "乡镇"
label = "乡镇"
cadence = "none"

[[groups]]
key = "科室"
label = "机关科室"
cadence = "month"
minimum = 1
categories = "all"

{bodies}
[vocabulary]
categories = ["动态信息", "政务信息", "新闻稿件"]
dynamic_category = "动态信息"
focus = ["政策宣传", "品牌宣传", "重点工程"]
project_focus = "重点工程"
brand_focus = "品牌宣传"
projects = ["一号工程"]
brands = ["畅行"]

[[outlets]]
name = "省报"
level = "省级"

[[outlets]]
name = "市报"
level = "市级"

[[outlets]]
name = "县台"
level = "县级"

[cadence]
half_boundary_day = 15
cutoff_day = 20

[scoring]
points = {{ "省级" = 6, "市级" = 3, "县级" = 1 }}
tie_order = "{tie_order}"

[headers.ledger]
"报送日期" = ["送稿日期"]
author = ["撰写人"]

[headers.roster]
"姓名" = ["联络员"]

[yes_no]
yes = ["有"]
no = ["无"]
"""


def body_tables(tasks: dict[str, str] | None = None) -> str:
    """The [[bodies]] of the county; ``tasks``: body → its inline tasks table."""
    return "".join(
        f'[[bodies]]\nname = "{name}"\ngroup = "{group}"\n'
        + (f"tasks = {tasks[name]}\n" if tasks and name in tasks else "")
        + "\n"
        for name, group in BODIES.items()
    )


def county_config(folder: Path, *, tie_order: str = "registry", tasks: dict[str, str] | None = None) -> Path:
    """The county's xcreport.toml in ``folder``."""
    path = folder / "xcreport.toml"
    path.write_text(CONFIG.format(bodies=body_tables(tasks), tie_order=tie_order), encoding="utf-8")
    return path


def county_settings(
    folder: Path, *, tie_order: str = "registry", tasks: dict[str, str] | None = None
) -> Settings:
    """The county's configuration, loaded from its file as a run loads it."""
    return load_settings(county_config(folder, tie_order=tie_order, tasks=tasks))
