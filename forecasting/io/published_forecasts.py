"""Read the published forecasts of US data-center electricity use from Mytton's compilation
(`../shared/data/published_estimates_mytton.csv`: Reference, Published, Method, Geography,
Scenario name, Estimate year, Value (TWh), Pinpoint, Notes).

A row is a *forecast* when its Geography is the USA, its scenario is not a "Historical
estimate" and it targets a year after its publication. The last rule leaves out rows that are
ranges or revisions of past years (Koomey 2011's 2010 bounds, Shehabi 2016's 2014 value) and a
"Projection" the file dates to 2013 in a 2014 paper (Whitney & Delforge), whose target year
cannot be told from the file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from forecasting.errors import InputError
from forecasting.paths import display_path

COLUMNS = ["reference", "published", "scenario", "target_year", "twh", "method", "pinpoint"]
_SOURCE = {"Reference": "reference", "Published": "published", "Scenario name": "scenario",
           "Estimate year": "target_year", "Value (TWh)": "twh", "Method": "method",
           "Pinpoint": "pinpoint", "Geography": "geography"}
US_NAMES = {"usa", "us", "united states"}
HISTORICAL = "historical estimate"


def read_published_forecasts(path: Path) -> pd.DataFrame:
    """The US forecast rows of the file, sorted by publication, reference and target year
    (InputError naming the file if it cannot be read or lacks a column)."""
    name = display_path(path)
    try:
        raw = pd.read_csv(path)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(name, f"cannot be read as CSV ({exc})") from None
    missing = [c for c in _SOURCE if c not in raw.columns]
    if missing:
        raise InputError(name, f"missing column(s) {', '.join(missing)}")
    frame = raw[list(_SOURCE)].rename(columns=_SOURCE)
    for column in ("published", "target_year", "twh"):
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = values.isna() & frame[column].notna()
        if bad.any():
            row = int(bad.idxmax()) + 1
            raise InputError(name, f"not a number: {frame.at[bad.idxmax(), column]!r}",
                             row=row, field=column)
        frame[column] = values
    scenario = frame["scenario"].fillna("").astype(str).str.strip()
    keep = (frame["geography"].astype(str).str.strip().str.lower().isin(US_NAMES)
            & (scenario.str.lower() != HISTORICAL)
            & (frame["target_year"] > frame["published"]) & frame["twh"].notna())
    out = frame[keep].assign(scenario=scenario[keep].replace("", "(main)"))
    out = out.astype({"published": int, "target_year": int, "twh": float})
    out["pinpoint"] = out["pinpoint"].fillna("").astype(str)
    out["method"] = out["method"].fillna("").astype(str)
    return out.sort_values(["published", "reference", "target_year", "twh"],
                           kind="stable")[COLUMNS].reset_index(drop=True)
