"""Configuration: one TOML file → typed, validated :class:`Settings`.

Everything that belongs to one county or one year's opinion (工作意见) lives in the file, never in
code: the registry of bodies, the vocabularies, the outlet register, the scoring table, the
targets, the recipients.  A wrong key, type or value stops the run with one line naming the file,
the line and the key (:class:`~xcreport.errors.ConfigError`, exit code 2).

``sections`` declares each part of the file, ``settings`` the whole and its cross-checks, ``words``
checks the header names and 是/否 words it adds to the reader's, ``load`` reads the file and words
its mistakes.
"""

from xcreport.config.load import DEFAULT_CONFIG_NAME, load_settings
from xcreport.config.sections import (
    ALL_CATEGORIES,
    Annual,
    Body,
    Cadence,
    CityRank,
    CountTarget,
    County,
    Group,
    HeaderWords,
    Mail,
    Outlet,
    Recipient,
    Remind,
    Scoring,
    Smtp,
    Vocabulary,
    YesNo,
    addresses,
)
from xcreport.config.settings import Settings

__all__ = [
    "ALL_CATEGORIES",
    "DEFAULT_CONFIG_NAME",
    "Annual",
    "Body",
    "Cadence",
    "CityRank",
    "CountTarget",
    "County",
    "Group",
    "HeaderWords",
    "Mail",
    "Outlet",
    "Recipient",
    "Remind",
    "Scoring",
    "Settings",
    "Smtp",
    "Vocabulary",
    "YesNo",
    "addresses",
    "load_settings",
]
