#!/usr/bin/env python3
"""Generate the sample county's ledgers (示例县交通运输局, the whole of 2014).

    python tools/make_sample.py --config xcreport/sample/xcreport.toml --out xcreport/sample/ledgers

Deterministic: one ``random.Random(seed)``, bodies in registry order, rows sorted by date,
fixed workbook properties and fixed zip timestamps, so a rerun gives the same files byte for
byte (and certainly the same cell values, which is what the tests compare). Workbooks under
``--out`` that this run did not write are removed, so the folder is exactly the sample.

What it writes: one workbook per unit and project group (names and layouts as clerks make
them: title rows, header aliases, ``*`` and （必填） marks, unknown columns, a formula column,
mixed date forms), one shared workbook for the 机关科室 with a sheet per office and no 单位
column, the roster 通讯员名册.xlsx, the register 重大事项登记.xlsx and the city ranking
市局排名.xlsx.

Deliberate mistakes and quirks (rows are Excel row numbers; tests/test_sample_data.py checks
each of M1–M12 cell by cell):

Rows left out and listed:

* M1  交管所信息台账（2014）.xlsx, sheet 交管所, row 37, G 报送日期 text「2014.13.5」
      (L-DATE; meant 2014.12.5).
* M2  航道站/航道站信息报送2014.xlsx, sheet 2014上半年, row 7, H 报送日期「2月30日」 (L-DATE).
* M3  公路站/2014年公路站信息宣传台账.xlsx, sheet 台账, row 18, A 单位「公路管理站」:
      not a registered body or alias (L-UNIT).
* M4  农路办2014年信息台账.xlsx, sheet 台账, row 25, C 作者 blank (L-REQUIRED).
* M5  汽车分公司信息报送台账2014年.xlsx, sheet 汽车公司, rows 13 and 14: the same row
      twice (L-DUP, a warning; row 14 is left out).

Warnings and rule breaches (the row is kept and listed):

* M6  航道站/航道站信息报送2014.xlsx, sheet 2014下半年, row 7: 宣传重点 品牌宣传 with G 品牌
      blank (R10: a 品牌宣传 row must name a brand).

* M7  质监站/质监站2014信息报送.xlsx, sheet 质监站, row 19, B 作者「钱晓峰」: not on the
      roster of 质监站 (R11).
* M8  通讯员名册.xlsx: nobody for 财务审计科 (R11, a body with no correspondent).
* M9  公路站/2014年公路站信息宣传台账.xlsx, sheet 台账, row 37: 用稿媒体 江苏交通 (register:
      省部级) with 媒体级别 typed 市级 (the register wins; warning).
* M10 交管所信息台账（2014）.xlsx, sheet 交管所, row 19, O 核查结果 失实 (R4).
* M11 农路办2014年信息台账.xlsx, sheet 台账, row 30, L 核查结果 虚假 (R4).
* M12 重大事项登记.xlsx (R5): 公路站's event of 2014-05-09 is row 23 of 公路站's ledger,
      submitted 2014-05-13 (迟报); 汽车分公司's event of 2014-09-04 has no row (漏报);
      农路农桥项目组's event of 2014-11-12 has 处理 瞒报 and no row.
* M13 R3: rows submitted on the 26th–28th that state their own month in 所属月份 are late,
      e.g. 运管所, sheet 2014年, row 12 (2014-03-27, 2014-03); rows of those days that state
      no month count for the next month.
* M14 R1/R2: 质监站 misses half of its half-months all year; 交管所, 公路站, 海事处, 农路办
      and 农路农桥项目组 miss two or three; 规划建设科, 财务审计科 and 安全监督科 skip months.

Valid but awkward (must be read without a finding):

* 单位 written as an alias or with spaces: 运管所「县运管」 in July–September (rows 29–44),
  海事处「海 事 处」 in May (rows 21–22), 公路站 always「县公路站」, the project groups
  their long aliases; the office workbook names 政策法规科's sheet by the alias 法规科.
* Dates: 交管所 has text 2014.3.5, 公路站 2014年3月5日, 农路办 20140305 (text and number),
  航道站 3月5日 (the year from the sheet name), 海事处 date-times with a time of day; the rest
  real date cells. 序号 is a formula (=ROW()-2) without cached values in 运管所's workbook,
  and 汽车分公司's workbook has a 统计 sheet of COUNTIF formulas.
* A piece adopted by several outlets is several rows with the same title; co-authors are
  written「甲、乙」 (「甲，乙」 in the project groups).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import io
import random
import sys
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from xcreport.config import Settings, load_settings
from xcreport.fsutil import write_bytes_atomic

YEAR = 2014
DEFAULT_SEED = 2014
#: Workbook properties and zip entry times: fixed so that reruns are byte-identical.
FIXED_TIME = dt.datetime(2015, 1, 5, 9, 0, 0)
AUTHOR = "示例县交通运输局"

# --------------------------------------------------------------------------------------------
# Content: who the bodies are in titles, how diligent they are, what they write about.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tpl:
    """A title template: {s} the body's short name, {m} the month, {y} the year."""

    text: str
    focus: str | None = None
    tag: str | None = None  # the project (五大主题工程) or the brand (品牌宣传)
    months: tuple[int, ...] = ()


@dataclass(frozen=True)
class Profile:
    short: str
    meet: float  # chance of meeting each half-month (units, projects) or each month (offices)
    extra: float  # mean number of pieces per month beyond the cadence duty
    roster: int  # correspondents on the roster
    titles: tuple[Tpl, ...]


P5 = "五大主题工程"
BR = "品牌宣传"
ZC = "政策宣传"
ZT = "主题宣传"
DT = "交通动态"
SPRING = (1, 2)
FLOOD = (6, 7, 8, 9)
WINTER = (11, 12)

# fmt: off
SHARED: tuple[Tpl, ...] = (
    Tpl("{s}召开党的群众路线教育实践活动动员会", ZT, months=(1, 2, 3)),
    Tpl("{s}开展党的群众路线教育实践活动专题学习", ZT, months=(3, 4, 5)),
    Tpl("{s}召开党的群众路线教育实践活动专题民主生活会", ZT, months=(6, 7, 8)),
    Tpl("{s}深入开展“走基层、改作风、转作风”活动", ZT),
    Tpl("{s}组织学习党的十八届三中全会精神", P5, "思想政治教育工程", (1, 2, 3, 4)),
    Tpl("{s}开展社会主义核心价值观主题教育", P5, "核心价值践行工程"),
    Tpl("{s}举办“道德讲堂”活动", P5, "核心价值践行工程"),
    Tpl("{s}开展文明单位创建活动", P5, "行业文明创建工程"),
    Tpl("{s}组织职工开展学雷锋志愿服务", P5, "行业文明创建工程", (3,)),
    Tpl("{s}建成职工书屋", P5, "文化建设示范工程"),
    Tpl("{s}召开{m}月份安全生产例会", DT),
    Tpl("{s}部署{m}月份重点工作", DT),
    Tpl("{s}开展“八项规定”落实情况自查", ZC),
    Tpl("{s}开展“安全生产月”活动", DT, months=(6,)),
    Tpl("{s}全力做好防汛防台工作", DT, months=FLOOD),
    Tpl("{s}做好冬季冰冻雨雪天气应急准备", DT, months=WINTER),
)

PROFILES: dict[str, Profile] = {
    "运管所": Profile("县运管所", 0.96, 0.7, 3, (
        Tpl("{s}全力做好春运客运组织工作", DT, months=SPRING),
        Tpl("{s}开展春运客运车辆安全大检查", DT, months=SPRING),
        Tpl("{s}推进“诚信驾校”创建工作", BR, "诚信驾校"),
        Tpl("{s}召开“诚信驾校”创建推进会", BR, "诚信驾校"),
        Tpl("{s}开展“诚信企业”评选活动", BR, "诚信企业"),
        Tpl("{s}表彰{y}年度“诚信企业”", BR, "诚信企业", (11, 12)),
        Tpl("我县道路运输企业质量信誉考核圆满完成", ZC),
        Tpl("{s}开展非法营运专项整治行动", DT),
        Tpl("{s}开展{m}月份驾培市场检查", DT),
        Tpl("{s}开展{m}月份客运站安全隐患排查", DT),
        Tpl("{s}加强城乡客运班线管理", ZC),
        Tpl("{s}开展危险货物运输企业安全检查", DT),
        Tpl("{s}推行道路运输行政审批“一站式”服务", ZC),
        Tpl("{s}宣传新修订的《道路运输条例》", ZC),
        Tpl("我县出租汽车行业开展服务质量提升活动", DT),
    )),
    "交管所": Profile("县交管所", 0.94, 0.6, 2, (
        Tpl("{s}“快修”服务队及时修复路面坑槽", BR, "快修"),
        Tpl("{s}打造“快修”品牌提升养护效率", BR, "快修"),
        Tpl("{s}“快修”队员雨夜抢通受阻路段", BR, "快修"),
        Tpl("{s}开展{m}月份路政巡查", DT),
        Tpl("{s}开展{m}月份公路桥梁安全检查", DT),
        Tpl("{s}开展超限超载车辆治理", ZC),
        Tpl("{s}开展路域环境综合整治", DT),
        Tpl("{s}完成桥梁定期检测", DT),
        Tpl("{s}开展公路执法宣传进企业活动", ZC),
        Tpl("{s}做好汛期公路水毁抢修准备", DT, months=FLOOD),
        Tpl("{s}全力保障国庆期间道路畅通", DT, months=(9, 10)),
        Tpl("{s}开展冬季除雪防冻演练", DT, months=WINTER),
        Tpl("{s}开展路产路权保护专项行动", ZC),
    )),
    "公路站": Profile("县公路站", 0.95, 0.7, 3, (
        Tpl("{s}“铺路石”党员先锋队冒雨抢修国道", BR, "铺路石"),
        Tpl("{s}深化“铺路石”品牌创建", BR, "铺路石"),
        Tpl("{s}“铺路石”精神在养护一线闪光", BR, "铺路石"),
        Tpl("{s}开展国省干线公路{m}月份养护检查", DT),
        Tpl("{s}{m}月份公路养护工作综述", DT),
        Tpl("{s}完成公路绿化补植", DT, months=(3, 4)),
        Tpl("{s}启动公路大中修工程", DT, months=(4, 5, 6)),
        Tpl("{s}开展“公路养护月”活动", DT),
        Tpl("{s}加强桥梁安全管理", DT),
        Tpl("{s}{m}月份桥梁经常性检查情况", DT),
        Tpl("{s}推进城乡公路一体化养护", ZC),
        Tpl("{s}开展防汛抢险应急演练", DT, months=FLOOD),
        Tpl("{s}全面完成冬季公路防滑准备", DT, months=WINTER),
    )),
    "海事处": Profile("县地方海事处", 0.95, 0.6, 2, (
        Tpl("{s}“水上卫士”护航春运水上交通安全", BR, "水上卫士", SPRING),
        Tpl("{s}“水上卫士”品牌创建再上新台阶", BR, "水上卫士"),
        Tpl("{s}“水上卫士”开展夏季水上安全巡查", BR, "水上卫士", (7, 8)),
        Tpl("{s}开展渡口渡船安全专项检查", DT),
        Tpl("{s}开展{m}月份辖区水上巡航", DT),
        Tpl("{s}开展{m}月份船舶安全检查", DT),
        Tpl("{s}开展船舶防污染专项检查", DT),
        Tpl("{s}开展水上交通安全知识进校园活动", ZC),
        Tpl("{s}做好汛期水上安全监管", DT, months=FLOOD),
        Tpl("{s}开展渔船、运输船安全宣传", ZC),
        Tpl("{s}组织内河船员培训考试", DT),
    )),
    "航道站": Profile("县航道站", 0.93, 0.5, 2, (
        Tpl("{s}“航标灯”服务队开展航道养护", BR, "航标灯"),
        Tpl("{s}打造“航标灯”服务品牌", BR, "航标灯"),
        Tpl("{s}“航标灯”照亮船民回家路", BR, "航标灯", (1, 2)),
        Tpl("{s}开展{m}月份航道巡查", DT),
        Tpl("{s}{m}月份航标维护保养情况", DT),
        Tpl("{s}开展航道疏浚工程", DT),
        Tpl("{s}加强汛期航道安全管理", DT, months=FLOOD),
        Tpl("{s}开展航道保护法规宣传", ZC),
        Tpl("{s}推进干线航道整治工程", ZC),
    )),
    "农路办": Profile("县农路办", 0.86, 0.5, 2, (
        Tpl("{s}推进农村公路提档升级工程", ZC),
        Tpl("我县农路农桥改造工程进展顺利", ZC),
        Tpl("{s}召开农村公路建设推进会", DT),
        Tpl("{s}开展{m}月份农村公路建设质量检查", DT),
        Tpl("{s}{m}月份农村公路建设进度通报", DT),
        Tpl("{s}推进城乡统筹交通一体化", ZC),
        Tpl("{s}加强农村公路管护", DT),
        Tpl("我县农村公路通达工程惠及群众", ZC),
        Tpl("{s}开展农村公路“畅安舒美”示范路创建", DT),
    )),
    "质监站": Profile("县质监站", 0.45, 0.3, 2, (
        Tpl("{s}开展在建工程质量安全大检查", DT),
        Tpl("{s}开展{m}月份工程质量巡查", DT),
        Tpl("{s}加强海启高速工程质量监督", DT),
        Tpl("{s}开展试验检测专项检查", DT),
        Tpl("{s}开展农桥工程质量抽检", DT),
        Tpl("{s}召开工程质量监督工作会议", DT),
        Tpl("{s}推行工程质量首件认可制", ZC),
    )),
    "汽车分公司": Profile("县汽车分公司", 0.88, 0.6, 3, (
        Tpl("{s}“快客”班线春运运送旅客创新高", BR, "快客", SPRING),
        Tpl("{s}打造“快客”服务品牌", BR, "快客"),
        Tpl("{s}“快客”开通县城至南通直达班线", BR, "快客"),
        Tpl("{s}开通城乡公交新线路", ZC),
        Tpl("{s}召开{m}月份驾驶员安全例会", DT),
        Tpl("{s}开展{m}月份车辆安全例检", DT),
        Tpl("{s}开展文明服务窗口创建", DT),
        Tpl("{s}做好清明、五一节假日运输", DT, months=(4, 5)),
        Tpl("{s}开展暑期学生运输服务", DT, months=(7, 8)),
        Tpl("{s}做好国庆黄金周客运工作", DT, months=(9, 10)),
    )),
    "海启高速项目组": Profile("海启高速项目组", 0.95, 0.7, 3, (
        Tpl("海启高速公路建设征地拆迁工作全面启动", ZC, months=(1, 2, 3)),
        Tpl("{s}创新征地拆迁政策宣传方式", ZC),
        Tpl("海启高速公路{m}月份建设进展情况", DT),
        Tpl("{s}{m}月份施工安全检查情况", DT),
        Tpl("{s}召开施工安全推进会", DT),
        Tpl("{s}开展“比学赶超”劳动竞赛", DT),
        Tpl("海启高速公路桥梁桩基施工全面展开", DT, months=(4, 5, 6)),
        Tpl("{s}加强施工现场文明管理", DT),
        Tpl("{s}走访拆迁户倾听群众意见", ZT),
        Tpl("海启高速公路路基工程完成过半", DT, months=(9, 10, 11)),
        Tpl("{s}开展“质量月”活动", DT, months=(9,)),
    )),
    "农路农桥项目组": Profile("农路农桥项目组", 0.85, 0.4, 2, (
        Tpl("{s}推进危桥改造工程", ZC),
        Tpl("我县{m}月份农桥改造进展情况", DT),
        Tpl("{s}{m}月份施工现场检查情况", DT),
        Tpl("{s}召开危桥改造工程推进会", DT),
        Tpl("{s}加强施工质量管理", DT),
        Tpl("{s}开展施工安全检查", DT),
        Tpl("我县农桥改造惠及沿线村民", ZC),
        Tpl("{s}倾听群众意见优化改造方案", ZT),
    )),
    "办公室": Profile("县交通运输局", 0.97, 1.0, 3, (
        Tpl("局办公室举办全系统信息宣传培训班", DT, months=(3, 4)),
        Tpl("局办公室通报{m}月份信息宣传工作情况", DT),
        Tpl("{s}推进政务公开工作", ZC),
        Tpl("{s}召开{y}年全县交通运输工作会议", ZC, months=(1, 2)),
        Tpl("{s}开展“赶超争先”目标任务督查", DT),
        Tpl("{s}做好人大代表建议和政协提案办理", ZC),
        Tpl("局办公室开展档案规范化管理", DT),
        Tpl("{s}{m}月份政务信息工作综述", DT),
        Tpl("{s}开展{m}月份机关作风效能督查", DT),
    )),
    "政工科": Profile("县交通运输局", 0.95, 0.6, 2, (
        Tpl("{s}深入实施“五大主题工程”", P5, "宣传舆论引导工程"),
        Tpl("全县交通运输系统开展道德模范评选", P5, "核心价值践行工程"),
        Tpl("{s}开展“文明交通”创建", P5, "行业文明创建工程"),
        Tpl("{s}举办干部职工读书活动", P5, "文化建设示范工程"),
        Tpl("{s}党员干部集中学习十八届三中全会精神", P5, "思想政治教育工程"),
        Tpl("{s}组织开展{m}月份党员主题活动", ZT),
        Tpl("{s}党的群众路线教育实践活动取得阶段成效", ZT),
        Tpl("{s}举办{m}月份“道德讲堂”", P5, "核心价值践行工程"),
    )),
    "规划建设科": Profile("县交通运输局", 0.92, 0.3, 2, (
        Tpl("我县启动交通运输“十三五”规划前期研究", ZC),
        Tpl("{s}推进城乡统筹交通一体化规划", ZC),
        Tpl("我县重点交通工程建设{m}月份进展", DT),
        Tpl("{s}召开重点工程建设推进会", DT),
        Tpl("{s}加快交通建设项目前期工作", DT),
        Tpl("规划建设科{m}月份重点项目督查情况", DT),
    )),
    "财务审计科": Profile("县交通运输局", 0.8, 0.2, 0, (
        Tpl("{s}开展交通专项资金审计", DT),
        Tpl("{s}加强财务内控管理", DT),
        Tpl("{s}开展“小金库”专项治理", ZC),
        Tpl("{s}开展{m}月份财务收支检查", DT),
        Tpl("{s}严格执行八项规定压缩“三公”经费", ZC),
        Tpl("财务审计科{m}月份专项资金拨付情况", DT),
    )),
    "安全监督科": Profile("县交通运输局", 0.85, 0.4, 2, (
        Tpl("{s}开展安全生产大检查", DT),
        Tpl("{s}部署{m}月份安全生产工作", DT),
        Tpl("{s}开展汛期安全隐患排查", DT, months=FLOOD),
        Tpl("{s}召开安全生产委员会会议", DT),
        Tpl("{s}开展危险化学品运输安全整治", DT),
        Tpl("安全监督科{m}月份安全生产检查情况", DT),
    )),
    "政策法规科": Profile("县交通运输局", 0.92, 0.3, 2, (
        Tpl("{s}开展“法律进机关”活动", ZC),
        Tpl("{s}开展行政执法案卷评查", ZC),
        Tpl("{s}开展“12·4”法制宣传日活动", ZC, months=(12,)),
        Tpl("{s}推进依法行政示范单位创建", ZC),
        Tpl("{s}开展交通运输法规宣传月活动", ZC),
        Tpl("政策法规科开展{m}月份执法监督检查", DT),
        Tpl("{s}{m}月份行政许可办理情况", ZC),
    )),
}
# fmt: on

SURNAMES = "张王李赵陈刘杨黄周吴徐孙朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡施顾沈陆陶季茅瞿"
#: Given names, one string split on spaces (a table, not code).
GIVEN = (
    "建华 晓东 海燕 志刚 丽娟 卫东 红梅 国庆 春晖 玉兰 立新 明 静 磊 敏 勇 婷 伟 杰 霞 金龙 小平 雪梅 "
    "宏伟 美华 振宇 晨 亚男 海峰 文彬 秀英 志强 丹 慧 新民 爱军 燕 浩 桂芳 俊 永祥 红霞 卫国 凤英 德明"
).split()
POSTS = {
    "unit": ("办公室主任", "信息员", "通讯员", "副所长"),
    "project": ("综合部部长", "信息员", "资料员"),
    "office": ("科长", "副科长", "科员"),
}
#: An author the 质监站 writes under who is not on its roster (M7).
STRANGER = "钱晓峰"
#: Outlets not in the register: the row must say its level.
UNREGISTERED = (("江海晚报", "市级"), ("中国水运报", "国家级"))
#: 国家级 + 省部级 adoption rows per issue month: behind the pace of 50/12 until May, ahead after.
HIGH_QUOTA = (2, 3, 3, 4, 6, 7, 6, 6, 6, 6, 6, 6)
HIGH_WEIGHTS = {
    "中国网": 3.0,
    "中国交通报": 2.0,
    "人民网": 1.0,
    "人民日报": 0.3,
    "交通运输部网站": 1.0,
    "新华日报": 1.5,
    "江苏交通": 4.0,
    "江苏省交通运输厅网站": 3.0,
}
#: Web outlets whose rows may carry a link (链接).
WEB_OUTLETS = {"人民网": "http://www.people.example", "中国网": "http://jiaotong.china.example"}
OTHER_CATEGORIES = (("政务信息", 0.5), ("新闻稿件", 0.3), ("专题报道", 0.2))

# --------------------------------------------------------------------------------------------
# Pieces and rows
# --------------------------------------------------------------------------------------------


@dataclass
class Piece:
    """One piece (稿件) and its adoptions; it becomes one row per adoption, or one row."""

    body: str
    authors: tuple[str, ...]
    title: str
    category: str
    submitted: dt.date
    focus: str | None = None
    project5: str | None = None
    brand: str | None = None
    issue_month: int | None = None  # stated 所属月份, or None
    adoptions: list[tuple[str, str, dt.date]] = field(default_factory=list)  # outlet, level, date
    instructed: bool = False
    major: bool = False
    event_date: dt.date | None = None
    verdict: str | None = None
    note: str | None = None
    raw: dict[str, Cell] = field(default_factory=dict)  # cell overrides: deliberate mistakes
    duplicate: bool = False
    explicit: bool = False  # written by hand below: adoptions are exactly those given

    @property
    def effective_month(self) -> int:
        """The issue month RULES.md R3 gives the piece (13 = January of the next year)."""
        if self.issue_month is not None:
            return self.issue_month
        return self.submitted.month + (1 if self.submitted.day > 25 else 0)


def _weekday(rng: random.Random, month: int, lo: int, hi: int) -> dt.date:
    """A working day of ``month`` between day ``lo`` and ``hi`` (clerks file on weekdays)."""
    last = calendar.monthrange(YEAR, month)[1]
    days = [d for d in range(lo, min(hi, last) + 1) if dt.date(YEAR, month, d).weekday() < 5]
    return dt.date(YEAR, month, rng.choice(days or [lo]))


class County:
    """The generation state: settings, roster, used titles, pieces."""

    def __init__(self, settings: Settings, seed: int) -> None:
        self.settings = settings
        self.rng = random.Random(seed)
        missing = [b.name for b in settings.bodies if b.name not in PROFILES]
        if missing:
            raise SystemExit(f"make_sample: no sample profile for {'、'.join(missing)}")
        self.roster: dict[str, list[tuple[str, str, str]]] = {}
        self.writers: dict[str, list[str]] = {}
        self.used: set[str] = set()
        self.pieces: list[Piece] = []
        self.levels = {o.name: o.level for o in settings.outlets}
        #: The columns each body's ledger has: a piece names only what its ledger can hold.
        self.columns: dict[str, set[str]] = {}
        for spec in layouts():
            for sheet in spec.sheets:
                for body in sheet.bodies:
                    self.columns.setdefault(body, set()).update(k for _, k in sheet.columns)

    # -- people --------------------------------------------------------------------------

    def make_people(self) -> None:
        # Distinct surnames and given names: no two correspondents are easily confused.
        surnames = self.rng.sample(SURNAMES, len(SURNAMES))
        given = self.rng.sample(GIVEN, len(GIVEN))
        names = [s + g for s, g in zip(surnames, given, strict=False) if s + g != STRANGER]
        pool = iter(names)
        for body in self.settings.bodies:
            size = PROFILES[body.name].roster
            people = [next(pool) for _ in range(max(size, 2))]
            posts = POSTS[body.group]
            self.writers[body.name] = people
            self.roster[body.name] = [
                (p, self._phone(), posts[0] if i == 0 else self.rng.choice(posts[1:]))
                for i, p in enumerate(people[:size])
            ]

    def _phone(self) -> str:
        if self.rng.random() < 0.5:
            return f"0513-8{self.rng.randint(1000000, 9999999)}"
        return f"13{self.rng.randint(0, 9)}{self.rng.randint(10000000, 99999999)}"

    def authors(self, body: str) -> tuple[str, ...]:
        people = self.writers[body]
        first = people[0] if self.rng.random() < 0.55 else self.rng.choice(people)
        if self.rng.random() < 0.15:
            second = self.rng.choice([p for p in people if p != first])
            return (first, second)
        return (first,)

    # -- titles --------------------------------------------------------------------------

    def title(self, body: str, month: int, day: int) -> tuple[str, str | None, str | None]:
        profile = PROFILES[body]
        options: list[tuple[str, Tpl]] = []
        weights: list[float] = []
        for tpl, weight in [(t, 3.0) for t in profile.titles] + [(t, 1.0) for t in SHARED]:
            if tpl.months and month not in tpl.months:
                continue
            text = tpl.text.format(s=profile.short, m=month, y=YEAR)
            if text not in self.used:
                options.append((text, tpl))
                weights.append(weight)
        if not options:
            text = f"{profile.short}{month}月{day}日工作动态"
            self.used.add(text)
            return text, DT, None
        text, tpl = self.rng.choices(options, weights)[0]
        self.used.add(text)
        return text, tpl.focus, tpl.tag

    # -- pieces --------------------------------------------------------------------------

    def piece(self, body: str, category: str, day: dt.date, *, states_month: float) -> Piece:
        text, focus, tag = self.title(body, day.month, day.day)
        if focus is None or (focus == DT and self.rng.random() < 0.4):
            focus = None
        piece = Piece(body=body, authors=self.authors(body), title=text, category=category, submitted=day)
        # A piece names a project or a brand only where its ledger has the column for it.
        vocab, columns = self.settings.vocabulary, self.columns[body]
        if focus == vocab.project_focus:
            piece.project5 = tag if "project5" in columns else None
        elif focus == vocab.brand_focus:
            piece.brand = tag if "brand" in columns else None
        if focus in (vocab.project_focus, vocab.brand_focus) and not (piece.project5 or piece.brand):
            focus = None
        piece.focus = focus
        if day.day > 25:
            # R3: a clerk filing late either states this month (late) or the next one.
            if self.rng.random() < 0.6 or day.month == 12:
                piece.issue_month = day.month
            elif self.rng.random() < 0.5:
                piece.issue_month = day.month + 1
        elif self.rng.random() < states_month:
            piece.issue_month = day.month
        return piece

    def _day(self, month: int, half: int, body_states_month: bool) -> dt.date:
        boundary = self.settings.cadence.half_boundary_day
        if half == 0:
            return _weekday(self.rng, month, 1, boundary)
        # December: no row may fall into January's issue unless it states December.
        late_ok = body_states_month or month < 12
        if late_ok and self.rng.random() < 0.12:
            return _weekday(self.rng, month, 26, 28)
        return _weekday(self.rng, month, boundary + 1, 25)

    def make_pieces(self) -> None:
        for body in self.settings.bodies:
            for month in range(1, 13):
                if body.group == "office":
                    self._office_month(body.name, month)
                else:
                    self._unit_month(body.name, month)

    def _office_month(self, body: str, month: int) -> None:
        """R2: an office's pieces of one month."""
        dynamic, states = self.settings.vocabulary.dynamic_category, body in STATES_MONTH
        count = self.rng.choices((1, 2, 3), (0.5, 0.35, 0.15))[0]
        if self.rng.random() > PROFILES[body].meet:
            count = 0
        for _ in range(count):
            day = self._day(month, self.rng.randint(0, 1), states)
            category = dynamic if self.rng.random() < 0.45 else self._other()
            self.pieces.append(self.piece(body, category, day, states_month=MONTH_FILL.get(body, 0.0)))

    def _unit_month(self, body: str, month: int) -> None:
        """R1: a unit's or project group's pieces of one month, half by half, and its extras."""
        dynamic, states = self.settings.vocabulary.dynamic_category, body in STATES_MONTH
        profile, fills = PROFILES[body], MONTH_FILL.get(body, 0.0)
        for half in (0, 1):
            if self.rng.random() < profile.meet:
                n = 2 if self.rng.random() < 0.15 else 1
                for _ in range(n):
                    day = self._day(month, half, states)
                    self.pieces.append(self.piece(body, dynamic, day, states_month=fills))
            elif self.rng.random() < 0.5:
                # A missed half often still has a piece — of another category (R1 counts 动态信息).
                day = self._day(month, half, states)
                self.pieces.append(self.piece(body, "政务信息", day, states_month=fills))
        for _ in range(self._poisson(profile.extra)):
            day = self._day(month, self.rng.randint(0, 1), states)
            self.pieces.append(self.piece(body, self._other(), day, states_month=fills))

    def _other(self) -> str:
        names = [c for c, _ in OTHER_CATEGORIES]
        return self.rng.choices(names, [w for _, w in OTHER_CATEGORIES])[0]

    def _poisson(self, mean: float) -> int:
        n, p, limit = 0, 1.0, pow(2.718281828459045, -mean)
        while True:
            p *= self.rng.random()
            if p < limit:
                return n
            n += 1

    # -- the deliberate ones -------------------------------------------------------------

    def add_deliberate(self) -> None:
        d = dt.date
        w = self.writers
        explicit = [
            # M1: 2014.13.5 for 2014.12.5
            Piece(
                "交管所",
                (w["交管所"][0],),
                "县交管所开展岁末年初公路安全隐患排查",
                "动态信息",
                d(YEAR, 12, 5),
                focus=DT,
                raw={"submitted": f"{YEAR}.13.5"},
            ),
            # M2: 2月30日
            Piece(
                "航道站",
                (w["航道站"][1],),
                "县航道站完成春节前航道清障",
                "动态信息",
                d(YEAR, 2, 28),
                raw={"submitted": "2月30日"},
            ),
            # M3: an unknown body in 单位
            Piece(
                "公路站",
                (w["公路站"][1],),
                "县公路站开展桥梁伸缩缝专项维修",
                "动态信息",
                d(YEAR, 3, 20),
                focus=DT,
                raw={"unit": "公路管理站"},
            ),
            # M4: no author
            Piece(
                "农路办",
                (),
                "县农路办组织农村公路养护技术培训",
                "新闻稿件",
                d(YEAR, 7, 9),
                raw={"author": None},
            ),
            # M5: the same row twice
            Piece(
                "汽车分公司",
                (w["汽车分公司"][0],),
                "县汽车分公司开展驾驶员“文明行车”竞赛",
                "动态信息",
                d(YEAR, 5, 6),
                focus=DT,
                duplicate=True,
            ),
            # M6: 品牌宣传 without a brand
            Piece(
                "航道站",
                (w["航道站"][0],),
                "县航道站扎实推进行业品牌创建",
                "新闻稿件",
                d(YEAR, 8, 12),
                focus=BR,
            ),
            # M7: an author not on the roster
            Piece(
                "质监站",
                (STRANGER,),
                "县质监站对海启高速试验室开展突击检查",
                "动态信息",
                d(YEAR, 6, 11),
                focus=DT,
            ),
            # M9: a register outlet with a conflicting level
            Piece(
                "公路站",
                (w["公路站"][0],),
                "县公路站创新“路长制”养护管理模式",
                "新闻稿件",
                d(YEAR, 9, 3),
                focus=ZC,
                adoptions=[("江苏交通", "市级", d(YEAR, 9, 12))],
            ),
            # M10: 失实
            Piece(
                "交管所",
                (w["交管所"][1],),
                "县交管所一周修复路面坑槽上千处",
                "新闻稿件",
                d(YEAR, 6, 10),
                focus=BR,
                brand="快修",
                verdict="失实",
                adoptions=[("县报", "县级", d(YEAR, 6, 14))],
            ),
            # M11: 虚假
            Piece(
                "农路办",
                (w["农路办"][0],),
                "我县农村公路实现村村通双车道",
                "政务信息",
                d(YEAR, 9, 16),
                focus=ZC,
                verdict="虚假",
                adoptions=[("县电视台", "县级", d(YEAR, 9, 18))],
            ),
            # 重大政务信息 (R5): three on time, one late (M12)
            Piece(
                "运管所",
                (w["运管所"][0],),
                "春运客流高峰县汽车站旅客滞留情况及处置",
                "政务信息",
                d(YEAR, 2, 3),
                major=True,
                event_date=d(YEAR, 2, 2),
                verdict="属实",
                adoptions=[("县政府办信息", "县级", d(YEAR, 2, 5))],
            ),
            Piece(
                "海启高速项目组",
                (w["海启高速项目组"][0], w["海启高速项目组"][1]),
                "海启高速公路征地拆迁部分群众集体上访及处置情况",
                "政务信息",
                d(YEAR, 3, 18),
                focus=ZC,
                major=True,
                event_date=d(YEAR, 3, 18),
                instructed=True,
                verdict="属实",
                adoptions=[
                    ("县委办信息", "县级", d(YEAR, 3, 19)),
                    ("市交通运输局信息", "市级", d(YEAR, 3, 20)),
                ],
            ),
            Piece(
                "公路站",
                (w["公路站"][0],),
                "336省道新河大桥伸缩缝损坏实施临时交通管制",
                "政务信息",
                d(YEAR, 5, 13),
                major=True,
                event_date=d(YEAR, 5, 9),
                adoptions=[("县政府办信息", "县级", d(YEAR, 5, 15))],
            ),
            Piece(
                "海事处",
                (w["海事处"][0],),
                "内河货船触碰渡口码头事故处置情况",
                "政务信息",
                d(YEAR, 7, 22),
                major=True,
                event_date=d(YEAR, 7, 21),
                verdict="属实",
                adoptions=[("县委办信息", "县级", d(YEAR, 7, 23))],
            ),
            # 领导批示
            Piece(
                "办公室",
                (w["办公室"][0],),
                "关于全县交通运输系统改进作风情况的调研报告",
                "专题报道",
                d(YEAR, 4, 17),
                focus=ZT,
                instructed=True,
                verdict="属实",
                adoptions=[("县委办信息", "县级", d(YEAR, 4, 22))],
            ),
            Piece(
                "运管所",
                (w["运管所"][0], w["运管所"][1]),
                "我县出租汽车行业运营中存在的问题及建议",
                "政务信息",
                d(YEAR, 10, 14),
                focus=ZC,
                instructed=True,
                adoptions=[("县政府办信息", "县级", d(YEAR, 10, 16))],
            ),
        ]
        for piece in explicit:
            piece.explicit = True
            if piece.title in self.used:
                raise SystemExit(f"make_sample: title used twice: {piece.title}")
            self.used.add(piece.title)
        self.pieces.extend(explicit)

    # -- adoptions -----------------------------------------------------------------------

    def adopt(self) -> None:
        """Give pieces their adoptions: the high levels by monthly quota, the rest at random."""
        order = {b.name: i for i, b in enumerate(self.settings.bodies)}
        self.pieces.sort(key=lambda p: (p.submitted, order[p.body], p.title))
        fixed = {id(p) for p in self.pieces if p.explicit}
        self._adopt_high(fixed)
        unregistered = 0
        for piece in self.pieces:
            if id(piece) not in fixed:
                unregistered = self._adopt_low(piece, unregistered)
        for piece in self.pieces:
            piece.adoptions.sort(key=lambda a: (a[2], a[0]))

    def _adopt_high(self, fixed: set[int]) -> None:
        """The national and provincial adoptions, by a monthly quota, weighted by the tasks."""
        high_outlets = [o for o in HIGH_WEIGHTS if o in self.levels]
        tasks = {b.name: b.tasks.get("省部级", 0) for b in self.settings.bodies}
        for month, quota in enumerate(HIGH_QUOTA, start=1):
            pool = [p for p in self.pieces if p.effective_month == month and id(p) not in fixed]
            while quota > 0 and pool:
                weights = [
                    (tasks[p.body] + 1) * (2.0 if p.category in ("新闻稿件", "专题报道") else 1.0)
                    for p in pool
                ]
                piece = self.rng.choices(pool, weights)[0]
                pool.remove(piece)
                fixed.add(id(piece))
                k = min(quota, 2 if self.rng.random() < 0.25 else 1)
                quota -= k
                names = list(high_outlets)
                for _ in range(k):
                    outlet = self.rng.choices(names, [HIGH_WEIGHTS[n] for n in names])[0]
                    names.remove(outlet)
                    piece.adoptions.append((outlet, self.levels[outlet], self._later(piece, 3, 15)))
                if self.rng.random() < 0.5:
                    piece.adoptions.append(self._at(piece, "市交通运输局信息", 2, 8))
                if self.rng.random() < 0.3:
                    piece.adoptions.append(self._at(piece, "县报", 1, 6))

    def _adopt_low(self, piece: Piece, unregistered: int) -> int:
        """A piece's adoptions at the city, county and internal levels, at random; returns how many
        unregistered outlets have been used so far."""
        dyn = piece.category == self.settings.vocabulary.dynamic_category
        gov = piece.category == "政务信息"
        r = self.rng.random
        if r() < (0.35 if dyn else 0.12):
            piece.adoptions.append(self._at(piece, "交通动态", 1, 7))
        if r() < (0.3 if gov else 0.05):
            piece.adoptions.append(self._at(piece, "县委办信息" if r() < 0.5 else "县政府办信息", 1, 5))
        if r() < 0.2:
            piece.adoptions.append(self._at(piece, "县电视台" if r() < 0.4 else "县报", 1, 6))
        if r() < (0.2 if gov else 0.08):
            piece.adoptions.append(self._at(piece, "市交通运输局信息", 2, 8))
        if r() < 0.03:
            piece.adoptions.append(self._at(piece, "南通日报", 2, 8))
        if unregistered < 4 and piece.body in LEVEL_COLUMN and r() < 0.02:
            outlet, level = UNREGISTERED[unregistered % 2]
            unregistered += 1
            piece.adoptions.append((outlet, level, self._later(piece, 2, 8)))
        return unregistered

    def _at(self, piece: Piece, outlet: str, lo: int, hi: int) -> tuple[str, str, dt.date]:
        return (outlet, self.levels[outlet], self._later(piece, lo, hi))

    def _later(self, piece: Piece, lo: int, hi: int) -> dt.date:
        day = piece.submitted + dt.timedelta(days=self.rng.randint(lo, hi))
        return min(day, dt.date(YEAR, 12, 31))


#: Bodies whose ledgers have a 所属月份 column, and how often their clerks fill it.
MONTH_FILL: dict[str, float] = {
    "运管所": 0.7,
    "交管所": 0.3,
    "公路站": 0.5,
    "航道站": 0.4,
    "农路办": 0.5,
    "汽车分公司": 0.6,
    "海启高速项目组": 0.8,
    "农路农桥项目组": 0.5,
    "办公室": 0.6,
    "政工科": 0.5,
    "规划建设科": 0.4,
    "财务审计科": 0.3,
    "安全监督科": 0.5,
    "政策法规科": 0.4,
}
STATES_MONTH = frozenset(MONTH_FILL)
#: Bodies whose ledgers have a 媒体级别 column (only they may name an unregistered outlet).
LEVEL_COLUMN = frozenset({"运管所", "交管所", "公路站", "海事处", "海启高速项目组", "农路农桥项目组"})

# --------------------------------------------------------------------------------------------
# Layouts: how each file looks
# --------------------------------------------------------------------------------------------

Cell = str | int | float | dt.date | None
Formatter = Callable[[random.Random, dt.date], Cell]


def _as_date(rng: random.Random, d: dt.date) -> Cell:
    return d


def _dotted(rng: random.Random, d: dt.date) -> Cell:
    return f"{d.year}.{d.month}.{d.day}" if rng.random() < 0.35 else d


def _chinese(rng: random.Random, d: dt.date) -> Cell:
    return f"{d.year}年{d.month}月{d.day}日" if rng.random() < 0.4 else d


def _compact(rng: random.Random, d: dt.date) -> Cell:
    r = rng.random()
    if r < 0.15:
        return f"{d:%Y%m%d}"
    if r < 0.3:
        return int(f"{d:%Y%m%d}")
    return d


def _no_year(rng: random.Random, d: dt.date) -> Cell:
    return f"{d.month}月{d.day}日" if rng.random() < 0.25 else d


def _with_time(rng: random.Random, d: dt.date) -> Cell:
    if rng.random() < 0.3:
        return dt.datetime(d.year, d.month, d.day, rng.randint(8, 17), rng.choice((0, 15, 30, 45)))
    return d


@dataclass(frozen=True)
class SheetSpec:
    name: str
    bodies: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]  # (header as typed, key)
    title: tuple[str, ...] = ()  # title rows above the header, each merged across
    dates: Formatter = _as_date
    month_form: str = "iso"  # iso 2014-03 | cn 2014年3月 | short 3月
    yes: str = "是"
    no: str = ""
    level: str = "always"  # always | unregistered: when 媒体级别 is filled
    sep: str = "、"
    unit: Callable[[dt.date], str] | None = None
    months: tuple[int, int] = (1, 12)
    widths: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class FileSpec:
    path: str
    sheets: tuple[SheetSpec, ...]
    notes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (sheet name, lines) of side sheets, first
    stats: bool = False  # a 统计 sheet of formulas after the ledger


FULL = (
    ("单位", "unit"),
    ("作者", "author"),
    ("标题", "title"),
    ("类别", "category"),
    ("宣传重点", "focus"),
    ("主题工程", "project5"),
    ("品牌", "brand"),
    ("报送日期", "submitted"),
    ("所属月份", "issue_month"),
    ("用稿媒体", "outlet"),
    ("媒体级别", "level"),
    ("用稿日期", "adopted"),
    ("领导批示", "instructed"),
    ("重大政务信息", "major"),
    ("事发日期", "event_date"),
    ("核查结果", "verdict"),
    ("备注", "note"),
)


def _cols(spec: str) -> tuple[tuple[str, str], ...]:
    """Columns from space-separated items: a key (canonical header) or 'header as typed=key'."""
    keys = {k: h for h, k in FULL}
    out: list[tuple[str, str]] = []
    for item in spec.split():
        header, _, key = item.partition("=")
        out.append((header, key) if key else (keys[header], header))
    return tuple(out)


def layouts() -> tuple[FileSpec, ...]:
    y = YEAR

    def same(name: str) -> Callable[[dt.date], str]:
        return lambda d: name

    def yunguan(d: dt.date) -> str:
        return "县运管" if d.month in (7, 8, 9) else "运管所"

    def haishi(d: dt.date) -> str:
        return "海 事 处" if d.month == 5 else "海事处"

    # fmt: off
    office_cols = _cols(
                "author title category focus project5 "
                "submitted issue_month outlet level adopted "
                "instructed note"
            )
    offices = tuple(
        SheetSpec(sheet, (body,), office_cols, yes="√")
        for sheet, body in (
            ("办公室", "办公室"), ("政工科", "政工科"), ("规划建设科", "规划建设科"),
            ("财务审计科", "财务审计科"), ("安全监督科", "安全监督科"), ("法规科", "政策法规科"),
        )
    )
    return (
        FileSpec(f"运管所/运管所{y}年信息报送台账.xlsx", (SheetSpec(
            f"{y}年", ("运管所",),
            _cols(
                "序号=seq 单位=unit 撰稿人=author 稿件标题=title "
                "信息类别=category focus project5 brand "
                "报送时间=submitted issue_month 采用媒体=outlet level "
                "adopted instructed major event_date verdict "
                "note"
            ),
            title=(f"运管所{y}年信息报送台账",), unit=yunguan,
        ),)),
        FileSpec(f"交管所信息台账（{y}）.xlsx", (SheetSpec(
            "交管所", ("交管所",),
            _cols(
                "单位*=unit 作者*=author 标题*=title 类别*=category "
                "focus brand 报送日期*=submitted issue_month "
                "outlet level adopted instructed major "
                "event_date verdict 字数=words note"
            ),
            dates=_dotted, month_form="cn", level="unregistered", unit=same("交管所"),
        ),)),
        FileSpec(f"公路站/{y}年公路站信息宣传台账.xlsx", (SheetSpec(
            "台账", ("公路站",),
            _cols(
                "单位=unit 作者（必填）=author 标题（必填）=title "
                "类别（必填）=category focus project5 brand "
                "报送日期（必填）=submitted issue_month outlet level "
                "adopted instructed major event_date verdict "
                "字数=words note"
            ),
            title=(f"县公路站{y}年信息宣传工作台账", "填报单位：县公路站（盖章）"),
            dates=_chinese, unit=same("县公路站"),
        ),)),
        FileSpec(f"海事处台账{y}.xlsx", (SheetSpec(
            "Sheet1", ("海事处",),
            _cols(
                "单位=unit 通讯员=author 标题=title 类别=category "
                "宣传主题=focus brand 报送日期=submitted 刊发媒体=outlet "
                "level 刊发日期=adopted instructed major "
                "event_date verdict note"
            ),
            dates=_with_time, unit=haishi, yes="是", no="否",
        ),)),
        FileSpec(f"航道站/航道站信息报送{y}.xlsx", tuple(
            SheetSpec(
                f"{y}{half}", ("航道站",),
                _cols(
                "单位=unit author title category focus project5 "
                "brand submitted issue_month outlet adopted "
                "instructed verdict 链接=link note"
            ),
                title=(f"航道站{y}年{half}信息报送情况",), dates=_no_year, month_form="short",
                unit=same("航道站"), months=months,
            )
            for half, months in (("上半年", (1, 6)), ("下半年", (7, 12)))
        )),
        FileSpec(f"农路办{y}年信息台账.xlsx", (SheetSpec(
            "台账", ("农路办",),
            _cols(
                "序号=seqno 单位=unit author title category focus "
                "project5 submitted issue_month outlet "
                "adopted verdict note"
            ),
            title=(f"农路办{y}年信息宣传台账",), dates=_compact, unit=same("农路办"),
        ),)),
        FileSpec(f"质监站/质监站{y}信息报送.xlsx", (SheetSpec(
            "质监站", ("质监站",),
            _cols(
                "序号=seqno author title category focus "
                "project5 submitted outlet adopted verdict "
                "note"
            ),
        ),)),
        FileSpec(f"汽车分公司信息报送台账{y}年.xlsx", (SheetSpec(
            "汽车公司", ("汽车分公司",),
            _cols(
                "单位=unit 报送人=author 信息标题=title 类别=category "
                "focus brand 上报日期=submitted issue_month "
                "outlet adopted instructed major event_date "
                "verdict note"
            ),
            month_form="cn", unit=same("汽车分公司"),
        ),), stats=True),
        FileSpec(f"工程项目组/海启高速项目组{y}年信息台账.xlsx", (SheetSpec(
            "信息台账", ("海启高速项目组",),
            _cols(
                "单位=unit author title category focus project5 "
                "submitted issue_month outlet level adopted "
                "instructed major event_date verdict note"
            ),
            title=(f"海启高速公路项目组{y}年信息报送台账",), sep="，", unit=same("海启高速公路项目组"),
        ),)),
        FileSpec(f"工程项目组/农路农桥改造项目组台账（{y}年）.xlsx", (SheetSpec(
            "Sheet1", ("农路农桥项目组",),
            _cols(
                "所属单位=unit 撰稿人=author 题目=title 类型=category "
                "工作重点=focus 五大主题工程名称=project5 上报日期=submitted "
                "期次=issue_month 采用单位=outlet 级别=level "
                "采用日期=adopted 批示=instructed 是否重大=major "
                "事件日期=event_date 核实情况=verdict 说明=note"
            ),
            sep="，", month_form="cn", unit=same("农路农桥改造项目组"), level="unregistered",
        ),)),
        FileSpec(f"机关科室信息报送台账{y}.xlsx", offices, notes=(("填报说明", (
            "机关科室信息报送台账（每个科室一张工作表）",
            "各科室每月至少报送1篇，每月25日前报局办公室。",
            "被媒体采用的，按采用媒体逐行登记。",
        )),)),
    )
    # fmt: on


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

TITLE_FONT = Font(bold=True, size=14)
HEAD_FONT = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
WIDTHS = {"title": 44.0, "author": 12.0, "outlet": 16.0, "note": 16.0}


def _new_workbook() -> Workbook:
    wb = Workbook()
    wb.properties.creator = AUTHOR
    wb.properties.lastModifiedBy = AUTHOR
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def _save(wb: Workbook, target: Path) -> None:
    """Save with fixed metadata and zip times, so that the same content gives the same bytes."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    packed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    write_bytes_atomic(target, packed.getvalue())


def _month_text(month: int, form: str) -> str:
    year = YEAR + (month - 1) // 12
    month = (month - 1) % 12 + 1
    if form == "cn":
        return f"{year}年{month}月"
    if form == "short":
        return f"{month}月"
    return f"{year}-{month:02d}"


def _heading(ws: Worksheet, lines: Sequence[str], width: int) -> None:
    for i, text in enumerate(lines, start=1):
        ws.cell(i, 1, text).font = TITLE_FONT if i == 1 else Font(size=11)
        ws.cell(i, 1).alignment = Alignment(horizontal="center" if i == 1 else "left")
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=width)


def _header(ws: Worksheet, row: int, headers: Sequence[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row, col, text)
        cell.font = HEAD_FONT
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


class Writer:
    def __init__(self, county: County, out: Path) -> None:
        self.county = county
        self.rng = county.rng
        self.out = out
        self.written: list[Path] = []

    def _path(self, rel: str) -> Path:
        path = self.out / rel
        self.written.append(path)
        return path

    def ledger(self, spec: FileSpec) -> None:
        wb = _new_workbook()
        first = wb.active
        assert first is not None
        for sheet_name, lines in spec.notes:
            ws = wb.create_sheet(sheet_name)
            for i, line in enumerate(lines, start=1):
                ws.cell(i, 1, line)
        for sheet in spec.sheets:
            self._sheet(wb.create_sheet(sheet.name), sheet)
        if spec.stats:
            self._stats(wb.create_sheet("统计"), spec.sheets[0])
        wb.remove(first)
        wb.active = 0
        _save(wb, self._path(spec.path))

    @staticmethod
    def _stats(ws: Worksheet, data: SheetSpec) -> None:
        """A clerk's own tally: formulas over the ledger sheet, without cached values."""
        _header(ws, 1, ("月份", "报送篇数"))
        col = get_column_letter(1 + [k for _, k in data.columns].index("issue_month"))
        for month in range(1, 13):
            ws.cell(month + 1, 1, f"{month}月")
            month_text = _month_text(month, data.month_form)
            ws.cell(month + 1, 2, f"=COUNTIF('{data.name}'!{col}:{col},\"{month_text}\")")

    def _sheet(self, ws: Worksheet, spec: SheetSpec) -> None:
        county = self.county
        keys = [k for _, k in spec.columns]
        header_row = len(spec.title) + 1
        _heading(ws, spec.title, len(keys))
        _header(ws, header_row, [h for h, _ in spec.columns])
        lo, hi = spec.months
        pieces = [p for p in county.pieces if p.body in spec.bodies and lo <= p.submitted.month <= hi]
        row = header_row
        for piece in pieces:
            base = self._base(piece, spec)
            adoptions: list[tuple[str, str, dt.date] | None] = [*piece.adoptions] or [None]
            for adoption in adoptions:
                values = dict(base)
                if adoption is not None:
                    self._adoption(values, adoption, spec)
                for _ in range(2 if piece.duplicate else 1):
                    row += 1
                    for col, key in enumerate(keys, start=1):
                        self._put(ws, row, col, key, values, header_row)
        for col, key in enumerate(keys, start=1):
            header = spec.columns[col - 1][0]
            ws.column_dimensions[get_column_letter(col)].width = spec.widths.get(
                key, WIDTHS.get(key, max(10.0, 2.2 * len(header)))
            )
        ws.freeze_panes = f"A{header_row + 1}"

    def _put(self, ws: Worksheet, row: int, col: int, key: str, values: dict[str, Cell], top: int) -> None:
        if key == "seq":
            value: Cell = f"=ROW()-{top}"
        elif key == "seqno":
            value = row - top
        else:
            value = values.get(key)
        cell = ws.cell(row, col, value)
        if isinstance(value, dt.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"

    def _base(self, piece: Piece, spec: SheetSpec) -> dict[str, Cell]:
        """The cells a piece's rows share: a clerk copies the row for each further adoption."""
        rng = self.rng
        values: dict[str, Cell] = {
            "unit": spec.unit(piece.submitted) if spec.unit else piece.body,
            "author": spec.sep.join(piece.authors),
            "title": piece.title,
            "category": piece.category,
            "focus": piece.focus,
            "project5": piece.project5,
            "brand": piece.brand,
            "submitted": spec.dates(rng, piece.submitted),
            "issue_month": _month_text(piece.issue_month, spec.month_form) if piece.issue_month else None,
            "instructed": spec.yes if piece.instructed else (spec.no or None),
            "major": spec.yes if piece.major else (spec.no or None),
            "event_date": spec.dates(rng, piece.event_date) if piece.event_date else None,
            "verdict": piece.verdict,
            "note": piece.note,
            "words": rng.randrange(300, 1800, 10),
        }
        values.update(piece.raw)
        return values

    def _adoption(self, values: dict[str, Cell], adoption: tuple[str, str, dt.date], spec: SheetSpec) -> None:
        outlet, level, date = adoption
        registered = outlet in self.county.levels
        if not registered and "level" not in [k for _, k in spec.columns]:
            raise SystemExit(f"make_sample: {outlet} needs a 媒体级别 column in {spec.name}")
        values["outlet"] = outlet
        values["adopted"] = spec.dates(self.rng, date)
        values["level"] = level if (spec.level == "always" or not registered) else None
        if outlet in WEB_OUTLETS:
            values["link"] = f"{WEB_OUTLETS[outlet]}/{date:%Y%m%d}/{self.rng.randint(1000, 9999)}.html"
        elif level == "内部" and values.get("note") is None and self.rng.random() < 0.3:
            values["note"] = f"《交通动态》第{date.month * 2 - (date.day <= 15)}期"

    def roster(self) -> None:
        wb = _new_workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "通讯员名册"
        headers = ("序号", "单位", "姓名", "电话", "职务")
        _heading(ws, (f"{YEAR}年全县交通运输系统信息宣传通讯员名册",), len(headers))
        _header(ws, 2, headers)
        row = 2
        for body in self.county.settings.bodies:
            for name, phone, post in self.county.roster[body.name]:
                row += 1
                unit = "局办公室" if body.name == "办公室" else body.name
                cells: tuple[Cell, ...] = (row - 2, unit, name, phone, post)
                for col, value in enumerate(cells, start=1):
                    ws.cell(row, col, value)
        for letter, width in zip("ABCDE", (6, 16, 10, 16, 14), strict=True):
            ws.column_dimensions[letter].width = width
        _save(wb, self._path("通讯员名册.xlsx"))

    def register(self) -> None:
        wb = _new_workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "重大事项登记"
        headers = ("序号", "事项", "事发日期", "责任单位", "处理")
        _header(ws, 1, headers)
        for i, (event, day, body, handling) in enumerate(EVENTS, start=1):
            for col, value in enumerate((i, event, day, body, handling), start=1):
                cell = ws.cell(i + 1, col, value)
                if isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        for letter, width in zip("ABCDE", (6, 44, 12, 16, 12), strict=True):
            ws.column_dimensions[letter].width = width
        _save(wb, self._path("重大事项登记.xlsx"))

    def ranking(self) -> None:
        wb = _new_workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "市局排名"
        _header(ws, 1, ("月份", "名次", "得分"))
        for month, (rank, score) in enumerate(CITY_RANKS, start=1):
            ws.append((f"{YEAR}年{month}月", rank, score))
        for letter, width in zip("ABC", (12, 8, 8), strict=True):
            ws.column_dimensions[letter].width = width
        _save(wb, self._path("市局排名.xlsx"))


#: 重大事项登记: (事项, 事发日期, 责任单位, 处理). M12.
EVENTS: tuple[tuple[str, dt.date, str, str | None], ...] = (
    ("春运客流高峰县汽车站旅客滞留", dt.date(YEAR, 2, 2), "运管所", "已报送"),
    ("海启高速公路征地拆迁部分群众集体上访", dt.date(YEAR, 3, 18), "海启高速项目组", "已报送"),
    ("336省道新河大桥伸缩缝损坏临时交通管制", dt.date(YEAR, 5, 9), "公路站", None),
    ("内河货船触碰渡口码头事故", dt.date(YEAR, 7, 21), "海事处", "已报送"),
    ("城乡公交车辆自燃事故", dt.date(YEAR, 9, 4), "汽车分公司", None),
    ("农桥改造工地脚手架坍塌致1人受伤", dt.date(YEAR, 11, 12), "农路农桥项目组", "瞒报"),
)
#: 市局排名 (R7): the county's rank among 6 and its score, January to December.
# fmt: off
CITY_RANKS: tuple[tuple[int, float], ...] = (
    (5, 82.5), (4, 84.0), (3, 86.5), (3, 87.0), (2, 89.5), (4, 85.0),
    (3, 87.5), (2, 90.0), (1, 93.5), (2, 91.0), (2, 90.5), (1, 94.0),
)
# fmt: on


def generate(settings: Settings, out: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the sample ledgers into ``out``; return the files written, sorted."""
    county = County(settings, seed)
    county.make_people()
    county.make_pieces()
    county.add_deliberate()
    county.adopt()
    writer = Writer(county, out)
    for spec in sorted(layouts(), key=lambda s: s.path):
        writer.ledger(spec)
    writer.roster()
    writer.register()
    writer.ranking()
    written = sorted(writer.written)
    for stale in sorted(out.rglob("*.xlsx")):
        if stale not in written:
            stale.unlink()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--config", type=Path, required=True, help="the sample configuration (xcreport.toml)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the ledgers into")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    args = parser.parse_args(argv)
    files = generate(load_settings(args.config), args.out, args.seed)
    print(f"{len(files)} workbooks written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
