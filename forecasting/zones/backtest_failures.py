"""backtest_failures.csv: which load-backtest models failed, at which origin and why.

A model that raises while it is fitted or drawn at an origin (a training window shorter than
it needs, a fit that does not converge) is that origin's failure and the backtest goes on
(`forecasting.backtest.rolling_origin`, `LoadBacktest.failures`). In the forecast and summary
tables such a failure is only rows that are not there, so a planner could not tell that a
model was skipped, nor that `selected` was made without it there: this table says so, one
row per (metric, model, origin) with the exception's message (``SeriesTooShortError: model
'seasonal_level' needs at least 24 observations, got 18``). ``metric`` is the monthly series
the model was fitted on (``energy_gwh`` or ``peak_mw``; an annual row is made from the
December origins' monthly paths, so it fails with them); ``model`` the backtest's alias
(``auto_ets+dc`` for a candidate fitted on the base plus the data-center trend), as in
backtest_forecasts.csv.

Same inputs and seed, same bytes: rows sorted by metric, model and origin, and each message
on one line with any memory address (``<object at 0x7f3a...>``, which differs run to run)
written ``0x?``. A backtest with no failure has the header alone, so a reader can tell "none
failed" from "not recorded" (a run made before the table has no file).
"""

from __future__ import annotations

import re

import pandas as pd

#: the table's columns (a many-zone run adds ``region`` first: the node)
FAILURE_COLUMNS = ["metric", "model", "origin", "message"]
_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}")


def failures_table(failures: pd.DataFrame) -> pd.DataFrame:
    """`FAILURE_COLUMNS` rows of `LoadBacktest.failures` (columns ``alias``, ``origin``,
    ``message``, ``metric``), sorted, one line a message (module docstring)."""
    if failures is None or failures.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in FAILURE_COLUMNS})
    table = pd.DataFrame({
        "metric": failures["metric"].astype(str).to_numpy(),
        "model": failures["alias"].astype(str).to_numpy(),
        "origin": failures["origin"].astype(str).to_numpy(),
        "message": [one_line(m) for m in failures["message"]],
    })
    return table.sort_values(FAILURE_COLUMNS, kind="mergesort").reset_index(drop=True)


def one_line(message: object) -> str:
    """`message` on one line, its memory addresses written ``0x?``."""
    return _ADDRESS.sub("0x?", " ".join(str(message).split()))
