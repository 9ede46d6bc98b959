"""The wording file (templates/report_wording.toml): what the office re-words reaches the report,
and every mistake in it is one line naming the file, the line and the entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from tests.conftest import ROOT
from tests.metrics_factory import MONTHLY, monthly_metrics
from xcreport.config import Settings
from xcreport.errors import TemplateError
from xcreport.render.context import report_context
from xcreport.render.docx_report import TEMPLATE_FILES, render_report
from xcreport.render.wording import ENTRIES, WORDING_FILE, load_wording

TEMPLATES = ROOT / "xcreport" / "templates"


def _copy(tmp_path: Path, edit: tuple[str, str] | None = None) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    if edit is not None:
        path = folder / WORDING_FILE
        text = path.read_text(encoding="utf-8")
        assert edit[0] in text, edit[0]
        path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    return folder


def _line_of(folder: Path, text: str) -> int:
    lines = (folder / WORDING_FILE).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def test_the_packaged_wording_has_every_entry() -> None:
    wording = load_wording(TEMPLATES)
    assert set(wording.entries) == set(ENTRIES)
    assert len(wording.requirements) == 4


def test_a_reworded_sentence_reaches_the_report(settings: Settings, tmp_path: Path) -> None:
    folder = _copy(
        tmp_path,
        ("addressee = '''局属各单位、各工程项目组，机关各科室：'''", "addressee = '''各乡镇交通管理所：'''"),
    )
    path = render_report(monthly_metrics(settings), settings, MONTHLY, folder, tmp_path / "r.docx")
    texts = [p.text for p in Document(str(path)).paragraphs]
    assert "各乡镇交通管理所：" in texts
    assert "局属各单位、各工程项目组，机关各科室：" not in texts


def test_a_paragraph_of_requirements_can_be_added(settings: Settings, tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    with (folder / WORDING_FILE).open("a", encoding="utf-8") as f:
        f.write(
            "\n[[requirements]]\nlead = '''（五）按时报送。'''\ntext = '''每月{{ cutoff_day }}日前报送。'''\n"
        )
    ctx = report_context(monthly_metrics(settings), settings, MONTHLY, load_wording(folder))
    assert ctx["requirements"][-1] == {"lead": "（五）按时报送。", "text": "每月25日前报送。"}
    path = render_report(monthly_metrics(settings), settings, MONTHLY, folder, tmp_path / "r.docx")
    assert "（五）按时报送。每月25日前报送。" in [p.text for p in Document(str(path)).paragraphs]


def test_sentences_written_over_several_lines_are_one_line(settings: Settings) -> None:
    ctx = report_context(monthly_metrics(settings), settings, MONTHLY)
    for line in [*ctx["overview"], *ctx["bodies_text"], *(r["text"] for r in ctx["requirements"])]:
        assert "\n" not in line and "  " not in line, line


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (
            ("{{ city_office }}信息用稿考核名次", "{{ city_ofice }}信息用稿考核名次"),
            "「city_ofice」（是否应为 city_office？）",
        ),
        (("{{ span }}{{ system }}信息宣传工作情况的通报", "{{ counties }}的通报"), "「counties」"),
        (("{% if number %}第{{ number }}期", "{% if number %第{{ number }}期"), "模板标记语法错误"),
        (("masthead = ", "mast_head = "), "未知的用语条目（是否应为 heading.masthead？）"),
        (("masthead = '''信息宣传工作通报'''", "masthead = 1"), "应为文字"),
    ],
)
def test_a_mistake_names_the_file_the_line_and_the_entry(
    tmp_path: Path, edit: tuple[str, str], says: str
) -> None:
    folder = _copy(tmp_path, edit)
    line = _line_of(folder, edit[1])
    with pytest.raises(TemplateError) as info:
        load_wording(folder)
    message = str(info.value)
    assert message.startswith(f"{folder / WORDING_FILE}: 第{line}行 "), message
    assert says in message and "\n" not in message


def test_a_missing_entry_is_named(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ("\nbrands_none = ", "\n# brands_none = "))
    with pytest.raises(TemplateError, match=r"problems\.brands_none: 缺少这一条用语"):
        load_wording(folder)


def test_a_toml_mistake_names_its_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ("masthead = '''信息宣传工作通报'''", "masthead = “信息宣传工作通报”"))
    with pytest.raises(TemplateError) as info:
        load_wording(folder)
    assert f"第{_line_of(folder, '“信息宣传工作通报”')}行" in str(info.value)
    assert "中文引号" in str(info.value)


def test_the_wording_file_is_read_from_the_templates_folder_given(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    for name in TEMPLATE_FILES.values():
        shutil.copy(TEMPLATES / name, folder)
    with pytest.raises(TemplateError, match=rf"{WORDING_FILE}: 用语文件不存在"):
        render_report(monthly_metrics(settings), settings, MONTHLY, folder, tmp_path / "r.docx")
    assert not (tmp_path / "r.docx").exists()


def test_a_bad_wording_file_stops_the_command_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from xcreport.cli import main

    folder = _copy(tmp_path, ("{{ city_office }}信息用稿考核名次", "{{ city_ofice }}信息用稿考核名次"))
    code = main(
        ["monthly", "--templates", str(folder), "--out", str(tmp_path / "out"), "--today", "2015-01-20"]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "city_ofice" in err and "Traceback" not in err
    assert not list((tmp_path / "out").rglob("*.docx"))
