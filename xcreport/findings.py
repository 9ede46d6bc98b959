"""Every finding xcreport reports, declared once: the catalogue (校验问题的种类).

A finding is one thing a clerk must answer for — a cell that is not a date, a row typed twice, a
half-month without a piece.  Each kind is declared here, and only here: its stable slug, the rule
id of RULES.md (R1–R11) or the ledger id of LEDGER.md (L-…), its severity, the ledger column it
concerns and its Chinese message template.  The stages raise findings by kind
(``DATE_INVALID(file=…, row=…, value=…, year=…)``); none writes a rule id or a sentence itself, so
the wording can be reviewed in one place and ``tests/test_findings.py`` ties the ids to the spec.

Severity means one thing: an *error* leaves something the clerk gave out of the figures (a row, a
sheet, a file) until it is corrected; a *warning* keeps it counted and asks for a look.

Templates are ``str.format`` strings.  Every template may use the finding's own fields ``{file}``,
``{sheet}``, ``{row}`` (Excel row), ``{column}`` (letter), ``{value}`` (as typed), ``{body}`` and
``{header}`` — the header as the clerk reads it (``said``, when given, else the header as typed);
anything else is a parameter the stage passes by name.
"""

from __future__ import annotations

import string
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

#: The fields of a finding every template may name.
_FIELDS = frozenset({"file", "sheet", "row", "column", "value", "body", "header"})


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a clerk must answer for (校验问题).

    ``row`` is the Excel row number and ``column`` the column letter, so the clerk can go straight
    to the cell; either is None / '' when the finding is about a whole file, sheet or body.
    ``kind`` is the slug of its :class:`Kind`.
    """

    severity: Severity
    rule: str  # R1…R11 or L-FILE, L-HEADER, L-UNIT, L-DATE, L-REQUIRED, L-VALUE, L-LEVEL, L-DUP
    message: str  # Chinese, actionable: 第12行 报送日期「2014.13.5」不是有效日期
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""  # letter, e.g. "F"
    header: str = ""  # the header as typed in the sheet, e.g. 报送时间
    value: str = ""  # the cell's value as typed
    body: str = ""  # registered name when known
    kind: str = ""  # the slug of its Kind

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


#: What an error about a row adds to its message when it does not say it already.
NOT_COUNTED = "（本行未计入）"


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of finding: what it is, how serious, about which column, in which words."""

    slug: str
    rule: str
    severity: Severity
    template: str
    column: str = ""  # the LEDGER.md key it concerns ('' for a file, a sheet or a body)
    params: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        if self.severity == "error" and "{row}" in self.template and "未计入" not in self.template:
            # an error leaves its row out of every figure (LEDGER.md): the message says so
            object.__setattr__(self, "template", self.template + NOT_COUNTED)
        names = {name for _, name, _, _ in string.Formatter().parse(self.template) if name}
        object.__setattr__(self, "params", frozenset(names - _FIELDS))
        CATALOGUE[self.slug] = self

    def message(self, **params: object) -> str:
        """The template filled in (every field and parameter the template names must be given)."""
        return self.template.format(**params)

    def __call__(
        self,
        *,
        file: str = "",
        sheet: str = "",
        row: int | None = None,
        column: str = "",
        header: str = "",
        value: str = "",
        body: str = "",
        said: str | None = None,
        **params: object,
    ) -> Finding:
        """A finding of this kind; ``said`` is the header as the message names it (default: as typed)."""
        text = self.message(
            file=file,
            sheet=sheet,
            row=row,
            column=column,
            value=value,
            body=body,
            header=header if said is None else said,
            **params,
        )
        return Finding(
            self.severity, self.rule, text, file, sheet, row, column, header, value, body, self.slug
        )


#: slug → kind, every kind declared below, in declaration order.
CATALOGUE: dict[str, Kind] = {}

# -- files and sheets (reading) -----------------------------------------------------------------

FILE_ENCRYPTED = Kind(
    "file-encrypted", "L-FILE", "error", "「{file}」文件已加密，无法读取，请取消密码后重新放入"
)
FILE_CORRUPT = Kind(
    "file-corrupt",
    "L-FILE",
    "error",
    "「{file}」文件已损坏或不是Excel工作簿，请用 Excel 或 WPS 打开确认后另存为 .xlsx 再放入",
)
FILE_UNREADABLE = Kind(
    "file-unreadable",
    "L-FILE",
    "error",
    "「{file}」文件无法打开（可能正被其他程序占用或没有读取权限），请关闭后重试",
)
FILE_INFLATED = Kind(
    "file-inflated",
    "L-FILE",
    "error",
    "「{file}」文件解压后过大，疑为异常文件，未读取；请用 Excel 或 WPS 打开确认后重新另存",
)
FILE_UNSUPPORTED = Kind(
    "file-unsupported", "L-FILE", "error", "「{file}」格式不支持，请另存为 .xlsx 后重新放入，本文件未读取"
)
WORKBOOK_EMPTY = Kind("workbook-empty", "L-HEADER", "warning", "「{file}」文件中没有数据，本文件未统计")
HEADER_TOO_LOW = Kind(
    "header-too-low",
    "L-HEADER",
    "warning",
    "「{file}」工作表「{sheet}」的表头在第{row}行，只在前{limit}行中查找表头，本文件未统计；"
    "请删去表头上方多余的行",
)
WORKBOOK_NO_HEADER = Kind(
    "workbook-no-header",
    "L-HEADER",
    "warning",
    "「{file}」未在前{limit}行找到台账表头（至少需要{least}个已知列名，如 {examples}），本文件未统计",
)
SHEET_NO_HEADER = Kind(
    "sheet-no-header",
    "L-HEADER",
    "warning",
    "工作表「{sheet}」前{limit}行中找不到表头（需有至少{least}个标准列名，如 {examples}），本表未读取；"
    "如这是台账，请按台账模板填写表头",
)
EXAMPLE_ROWS = Kind(
    "example-rows",
    "L-HEADER",
    "warning",
    "工作表「{sheet}」第{row}—{last}行有{count}条记录，已计入统计；该表只作填写示例，"
    "请把这些记录移到本单位的工作表中，并删去示例表",
)
HEADER_SAME_ITEM = Kind(
    "header-same-item",
    "L-HEADER",
    "warning",
    "工作表「{sheet}」第{row}行 {column}列「{header}」与{used}列「{kept}」是同一项，已按{used}列读取，"
    "{column}列只在{used}列为空时采用；请删除或改名其中一列",
)
COLUMNS_MISSING = Kind(
    "columns-missing",
    "L-REQUIRED",
    "error",
    "工作表「{sheet}」没有{names}列，本表{count}行都未计入；请加上{names}列并逐行填写",
)

# -- bodies ------------------------------------------------------------------------------------

UNIT_UNKNOWN = Kind(
    "unit-unknown",
    "L-UNIT",
    "error",
    "第{row}行 {header}「{value}」不是登记的单位，请改为登记的单位名称（如 {example}）",
    column="unit",
)
UNIT_BLANK = Kind(
    "unit-blank",
    "L-UNIT",
    "error",
    "第{row}行 {header}为空，工作表名和文件名也不是登记的单位，无法确定报送单位，请填写{header}",
    column="unit",
)
UNIT_NO_COLUMN = Kind(
    "unit-no-column",
    "L-UNIT",
    "error",
    "工作表「{sheet}」没有“{unit}”列，工作表名和文件名也不是登记的单位，本表{count}行未计入；"
    "请加上“{unit}”列，或把工作表改名为单位名称（如 {example}）",
    column="unit",
)

# -- cells ------------------------------------------------------------------------------------

DATE_INVALID = Kind(
    "date-invalid",
    "L-DATE",
    "error",
    "第{row}行 {header}「{value}」不是有效日期，请改为 {year}-03-05 这样的日期",
)
DATE_NO_YEAR = Kind(
    "date-no-year",
    "L-DATE",
    "error",
    "第{row}行 {header}「{value}」没有年份，工作表名、文件名和本表其他日期都看不出年份，"
    "请写成完整日期（年-月-日）",
)
MONTH_INVALID = Kind(
    "month-invalid",
    "L-DATE",
    "error",
    "第{row}行 {header}「{value}」不是有效月份，请写成“年-月”，如 {year}-03",
)
DATE_BEFORE_SUBMITTED = Kind(
    "date-before-submitted",
    "L-DATE",
    "warning",
    "第{row}行 {header}「{value}」早于报送日期「{submitted}」，请核对",
    column="adopted",
)
DATE_FUTURE = Kind(
    "date-future", "L-DATE", "warning", "第{row}行 {header}「{value}」晚于今天（{today}），请核对"
)
DATE_OUTSIDE_YEAR = Kind(
    "date-outside-year", "L-DATE", "warning", "第{row}行 {header}「{value}」不在{year}年内，请核对"
)
_YEAR_TYPO = (
    "第{row}行 {header}「{value}」晚于今天（{today}）且不在{year}年内，年份可能写错，本行未计入，请改正年份"
)
DATE_YEAR_TYPO = Kind("date-year-typo", "L-DATE", "error", _YEAR_TYPO)  # counts nowhere: an error
REQUIRED_BLANK = Kind("required-blank", "L-REQUIRED", "error", "第{row}行 {header}未填写，请补填")
#: Not raised by a check: the words of a blank-cell finding whose cell is an uncalculated formula.
FORMULA_UNCALCULATED = Kind(
    "formula-uncalculated",
    "L-REQUIRED",
    "error",
    "第{row}行 {header}是公式，但文件里没有它的计算结果（文件由程序生成，未在 Excel/WPS 中保存过）："
    "公式未计算，请用 Excel/WPS 打开并保存后重新放入",
)
EVENT_DATE_BLANK = Kind(
    "event-date-blank",
    "L-REQUIRED",
    "error",
    "第{row}行 是重大政务信息，{header}未填写，请补填事件发生的日期{hint}",
    column="event_date",
)
ADOPTED_BLANK = Kind(
    "adopted-blank",
    "L-REQUIRED",
    "error",
    "第{row}行 已填用稿媒体「{outlet}」，{header}未填写，请补填{hint}",
    column="adopted",
)
#: The hint a message gives when the sheet lacks the column asked for.
NO_SUCH_COLUMN = "（表中没有“{name}”列，请加上）"
CATEGORY_UNKNOWN = Kind(
    "category-unknown",
    "L-VALUE",
    "error",
    "第{row}行 {header}「{value}」不是规定的类别，请改为{choices}之一",
    column="category",
)
PROJECT_UNKNOWN = Kind(
    "project-unknown",
    "L-VALUE",
    "warning",
    "第{row}行 {header}「{value}」不是配置中的{header}，应为{choices}之一",
    column="project5",
)
VERDICT_UNKNOWN = Kind(
    "verdict-unknown",
    "L-VALUE",
    "warning",
    "第{row}行 {header}「{value}」无法识别，应为空白或{choices}之一，本行暂按未核查处理",
    column="verdict",
)
YES_NO_UNKNOWN = Kind(
    "yes-no-unknown", "L-VALUE", "warning", "第{row}行 {header}「{value}」应填“是”或“否”，已按“否”处理"
)
LEVEL_CONFLICT = Kind(
    "level-conflict",
    "L-LEVEL",
    "warning",
    "第{row}行 用稿媒体「{outlet}」登记为{level}，与所填{header}「{value}」不同，已按{level}计",
    column="level",
)
LEVEL_INVALID = Kind(
    "level-invalid",
    "L-LEVEL",
    "error",
    "第{row}行 用稿媒体「{outlet}」不在媒体登记中，所填{header}「{value}」不是有效级别，请填写{levels}之一",
    column="level",
)
LEVEL_BLANK = Kind(
    "level-blank",
    "L-LEVEL",
    "error",
    "第{row}行 用稿媒体「{outlet}」不在媒体登记中，{header}未填写，请填写{levels}之一",
    column="level",
)
TOTAL_ROW = Kind(
    "total-row",
    "L-TOTAL",
    "error",
    "第{row}行 是{header}「{value}」行，不是一篇稿件，本行未计入；合计由程序统计，可删去此行",
)
DUPLICATE = Kind(
    "duplicate",
    "L-DUP",
    "error",
    "第{row}行 与「{first_file}」工作表「{first_sheet}」第{first_row}行重复"
    "（同一单位、同一标题、同一用稿媒体），本行未计入",
    column="title",
)

# -- the side sheets: roster, register, rankings -------------------------------------------------

ROSTER_NAME_BLANK = Kind(
    "roster-name-blank", "L-REQUIRED", "error", "第{row}行 {header}为空，请填写通讯员姓名"
)
ROSTER_TASK_INVALID = Kind(
    "roster-task-invalid",
    "L-VALUE",
    "error",
    "第{row}行 {header}「{value}」不是任务篇数，请填写整数，如 3；该项任务未计入",
)
REGISTER_BLANK = Kind("register-blank", "L-REQUIRED", "error", "第{row}行 {header}为空，请补填")
RANKING_MONTH_BLANK = Kind(
    "ranking-month-blank", "L-REQUIRED", "error", "第{row}行 {header}为空，请填写考核月份，如 {year}-03"
)
RANK_BLANK = Kind("rank-blank", "L-VALUE", "error", "第{row}行 {header}为空，请填写名次（数字，如 3）")
RANK_INVALID = Kind(
    "rank-invalid", "L-VALUE", "error", "第{row}行 {header}「{value}」不是名次，请填写数字，如 3"
)
SCORE_INVALID = Kind(
    "score-invalid", "L-VALUE", "warning", "第{row}行 {header}「{value}」不是数字，已按空白处理"
)

# -- the rules of the opinion (scoring) ----------------------------------------------------------

HALF_NONE = Kind("half-none", "R1", "warning", "{body} {month}{half}未报送{category}（要求至少{need}篇）")
HALF_SHORT = Kind(
    "half-short", "R1", "warning", "{body} {month}{half}仅报送{category}{count}篇（要求至少{need}篇）"
)
MONTH_NONE = Kind("month-none", "R2", "warning", "{body} {month}未报送{category}（要求至少{need}篇）")
MONTH_SHORT = Kind(
    "month-short", "R2", "warning", "{body} {month}仅报送{category}{count}篇（要求至少{need}篇）"
)
LATE = Kind(
    "late",
    "R3",
    "warning",
    "第{row}行《{title}》所属月份为{stated}，{submitted_day}才报送，晚于每月{cutoff}日的截止时间（迟报），请按时报送",
    column="submitted",
)
FALSE_PIECE = Kind(
    "false-piece",
    "R4",
    "warning",
    "第{row}行《{title}》核查结果为「{value}」，不计分并扣{points}分",
    column="verdict",
)
MAJOR_LATE = Kind(
    "major-late",
    "R5",
    "warning",
    "第{row}行重大政务信息《{title}》事发{event_day}，{submitted_day}才报送，超过{allowance}天时限{over}天（迟报）",
    column="submitted",
)
MAJOR_MISSED = Kind(
    "major-missed",
    "R5",
    "warning",
    "{body} 重大事项「{value}」（{event_day}事发）未在事发后{allowance}天内报送重大政务信息（漏报），"
    "扣{points}分",
    column="submitted",
)
MAJOR_CONCEALED = Kind(
    "major-concealed",
    "R5",
    "warning",
    "{body} 重大事项「{value}」（{event_day}事发）经核实存在瞒报，扣{points}分",
    column="submitted",
)
PROJECT_MISSING = Kind(
    "project-missing",
    "R10",
    "warning",
    "第{row}行 宣传重点为{focus}，{header}未填写，请填写{choices}之一{hint}",
    column="project5",
)
BRAND_MISSING = Kind(
    "brand-missing",
    "R10",
    "warning",
    "第{row}行 宣传重点为{focus}，{header}未填写，请填写{choices}之一{hint}",
    column="brand",
)
FOCUS_UNKNOWN = Kind(
    "focus-unknown",
    "R10",
    "warning",
    "第{row}行 {header}「{value}」不在工作重点之列，应为{choices}之一",
    column="focus",
)
BRAND_UNKNOWN = Kind(
    "brand-unknown",
    "R10",
    "warning",
    "第{row}行 {header}「{value}」不在品牌之列，应为{choices}之一",
    column="brand",
)
BRAND_GAP = Kind(
    "brand-gap", "R10", "warning", "{body} {period}没有「{brand}」品牌宣传稿件，请围绕创建品牌及时宣传"
)
OFF_ROSTER = Kind(
    "off-roster",
    "R11",
    "warning",
    "第{row}行作者「{value}」不在{body}通讯员名册中，请核对姓名或补报名册",
    column="author",
)
NO_ROSTER = Kind("no-roster", "R11", "warning", "{body} 通讯员名册中没有人员，请明确专人负责信息采写和报送")
TASKS_UNASSIGNED = Kind(
    "tasks-unassigned",
    "R9",
    "warning",
    "{body} {level}年度任务{task}篇，通讯员名册中分解到人的仅{assigned}篇，请将任务分解落实到人",
)
