"""What ships inside the package: the Word and mail templates and the sample county.

Found through :mod:`importlib.resources`, so a wheel installed anywhere (pip, pipx, uv tool) finds
them; nothing climbs out of the package to a checkout's folders.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _packaged(*parts: str) -> Path:
    return Path(str(files("xcreport").joinpath(*parts)))


def templates_dir() -> Path:
    """The templates of the 通报 and the mails that ship with xcreport."""
    return _packaged("templates")


def sample_config() -> Path:
    """The sample county's configuration (2014): the default without a configuration of one's own."""
    return _packaged("sample", "xcreport.toml")


def sample_ledgers() -> Path:
    """The sample county's ledgers, read when the sample configuration is used."""
    return _packaged("sample", "ledgers")
