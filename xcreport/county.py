"""Where a run's configuration, ledgers and templates come from, and ``xcreport init-config``.

The configuration is found as the README says: ``--config FILE``, else ``./xcreport.toml``, else
the sample county that ships with xcreport.  A county's folder (what ``init-config`` writes) is::

    xcreport.toml     the configuration, the sample's with its Chinese comments, to edit
    台账/             the ledgers: the default --ledgers of that configuration
    模板/             the Word and mail templates, to re-word: the default --templates
    发送记录.jsonl     what was sent (written by the first send)

so that ``xcreport monthly`` run in that folder needs no option.  With the sample configuration the
sample's own ledgers are read.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from xcreport.config import DEFAULT_CONFIG_NAME
from xcreport.errors import UsageError
from xcreport.render.outputs import COUNTY_LEDGERS_DIR, COUNTY_TEMPLATES_DIR, sent_log_path
from xcreport.resources import sample_config, sample_ledgers, templates_dir

#: The first lines of a configuration ``init-config`` writes.
_NEW_COUNTY = (
    "# 本文件由 xcreport init-config 从示例县的配置复制而来：请把县名、单位、媒体、计分、目标、\n"
    "# 收件人和发信邮箱改成本县、本年度的，改完运行 xcreport check-config 核对程序读到的内容。\n"
    "# 各单位交来的台账放在本文件旁边的「台账」文件夹，通报和邮件的模板在「模板」文件夹。\n\n"
)


@dataclass(frozen=True, slots=True)
class Where:
    """The configuration file a run reads, and the folders that go with it."""

    config: Path
    sample: bool  # the packaged sample county's configuration

    @classmethod
    def find(cls, given: Path | None) -> Where:
        """``--config`` when given, else ./xcreport.toml when there is one, else the sample."""
        if given is not None:
            return cls(given, given.resolve() == sample_config().resolve())
        here = Path(DEFAULT_CONFIG_NAME)
        return cls(here, False) if here.is_file() else cls(sample_config(), True)

    @property
    def label(self) -> str:
        """How the first line of a run names the configuration."""
        return f"{self.config}（内置示例县）" if self.sample else str(self.config)

    def ledgers(self, given: Path | None) -> Path:
        """``--ledgers`` when given, else the sample's ledgers or the 台账 folder beside the file."""
        if given is not None:
            return given
        return sample_ledgers() if self.sample else self.config.parent / COUNTY_LEDGERS_DIR

    def templates(self, given: Path | None) -> Path:
        """``--templates`` when given, else the 模板 folder beside the file, else the packaged ones."""
        if given is not None:
            return given
        own = self.config.parent / COUNTY_TEMPLATES_DIR
        return own if not self.sample and own.is_dir() else templates_dir()

    def sent_log(self, out_root: Path) -> Path:
        return sent_log_path(None if self.sample else self.config, out_root)


def init_config(folder: Path) -> list[Path]:
    """Write a county's folder: the sample's configuration, the templates, an empty 台账 folder.

    An existing xcreport.toml is never replaced (:class:`UsageError`); templates already there are
    kept.  Returns what was written.
    """
    config = folder / DEFAULT_CONFIG_NAME
    if config.exists():
        raise UsageError(f"{config} 已存在，未覆盖：要重新开始，请先把它改名或移走")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} 不是文件夹")
    written: list[Path] = []
    own = folder / COUNTY_TEMPLATES_DIR
    own.mkdir(parents=True, exist_ok=True)
    for template in sorted(templates_dir().iterdir()):
        target = own / template.name
        if template.is_file() and not target.exists():
            shutil.copyfile(template, target)
            written.append(target)
    ledgers = folder / COUNTY_LEDGERS_DIR
    ledgers.mkdir(exist_ok=True)
    written.append(ledgers)
    text = sample_config().read_text(encoding="utf-8")
    config.write_text(_NEW_COUNTY + text, encoding="utf-8")
    written.insert(0, config)
    return written
