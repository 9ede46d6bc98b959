"""Which body a row belongs to: the registered name its 单位 cell, sheet or file names.

A row's body comes from its 单位 column (or 责任单位, 单位 of a side sheet); where the row leaves it
blank, from the sheet's name, then the file's (LEDGER.md).  A name typed that is no registered body
or alias, or no body to be found at all, is an L-UNIT error.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import numpy as np
import pandas as pd

from xcreport.config import Settings
from xcreport.findings import UNIT_BLANK, UNIT_NO_COLUMN, UNIT_UNKNOWN, Finding
from xcreport.reading.cells import canonical, spread_frame, text_values
from xcreport.reading.headers import standard_header
from xcreport.reading.stack import Stack, cell_findings
from xcreport.text import fold_name


def body_from_name(name: str, settings: Settings) -> str | None:
    """The registered body a sheet or file name stands for: an exact name or alias, else the one
    body whose name or alias the text contains (longest match; 运管所2014年台账 → 运管所).  None when
    no body, or more than one, is named."""
    exact = settings.resolve_body(name)
    if exact is not None:
        return exact
    text = fold_name(name)
    hits = [key for key in settings.body_lookup if key in text]
    # A hit inside a longer hit (公路 in 海启高速公路项目组) is part of that name, not a second body.
    longest = [k for k in hits if not any(k != other and k in other for other in hits)]
    bodies = {settings.body_lookup[k] for k in longest}
    return bodies.pop() if len(bodies) == 1 else None


def fallback_body(file: str, sheet: str, settings: Settings) -> str | None:
    """Where a row names no body: the sheet name, then the file name (LEDGER.md)."""
    return body_from_name(sheet, settings) or body_from_name(PurePosixPath(file).stem, settings)


def row_bodies(
    frame: pd.DataFrame, stack: Stack, key: str, settings: Settings, findings: list[Finding]
) -> tuple[pd.Series, pd.Series]:
    """Body per row (registered name or <NA>) and the rows whose body is unknown (L-UNIT errors)."""
    lookup = dict(settings.body_lookup)

    def transform(unique: pd.Series) -> pd.DataFrame:
        texts = text_values(unique)
        return pd.DataFrame({"blank": texts == "", "body": canonical(texts).map(lookup)})

    read = spread_frame(stack.coded[key], transform)
    blank, typed = read["blank"].astype(bool), read["body"]
    fallback = pd.Series(
        [fallback_body(r.file, r.sheet, settings) for r in stack.refs] or [None], dtype=object
    )
    by_sheet = pd.Series(fallback.to_numpy()[stack.sid], index=frame.index, dtype=object)
    body = typed.where(~blank, by_sheet)
    unknown = ~blank & typed.isna()
    example = settings.bodies[0].name
    # The finding goes to the body the sheet or file name stands for, where one does, so that it
    # reaches that body's list of corrections; the row still fails (the typed name may mean another).
    findings += cell_findings(
        frame.assign(body=by_sheet),
        unknown,
        key,
        stack.refs,
        UNIT_UNKNOWN,
        params=lambda rec: {"example": example},
    )
    nameless = blank & by_sheet.isna()
    has_column = pd.Series(
        np.array([key in r.columns for r in stack.refs] or [False])[stack.sid], index=frame.index
    )
    findings += cell_findings(
        frame.assign(body=by_sheet),  # nameless: no body by name either, so the finding has none
        nameless & has_column,
        key,
        stack.refs,
        UNIT_BLANK,
    )
    # Without a 单位 column a whole sheet has no body: one finding for the sheet, not one per row.
    for sid in np.unique(stack.sid[(nameless & ~has_column).to_numpy()]):
        ref = stack.refs[sid]
        count = int((stack.sid == sid).sum())
        findings.append(
            UNIT_NO_COLUMN(
                file=ref.file, sheet=ref.sheet, count=count, example=example, unit=standard_header("unit")
            )
        )
    return body.astype("string"), unknown | nameless
