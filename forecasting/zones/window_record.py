"""Which months the forecast's base models were fitted on, for the manifest and the report.

The models take an unbroken run of complete months (`run.model_window`: the complete months
after the last incomplete month, or from the config's ``model_start``), so a history with a
long gap is modelled on the months after it alone. The report had listed the incomplete
months and nothing else, which read as if the months before the gap were fitted (fuzz 14
D1: AZPS with 2021-03..08 removed is modelled on 2021-09..2024-12, its 14 complete months
2020-01..2021-02 are not). The record says where the window runs, what set its start and
which complete months before it were left out, so the report can say so in words.

``model_window`` in a zone run's manifest::

    {"first": "2021-09", "last": "2024-12", "months": 40,
     "set_by": "incomplete month" | "model_start" | "history start",
     "after": "2021-08",       # the incomplete month the window starts after, or null
     "before": {"first": "2020-01", "last": "2021-02", "months": 14} | null}

``before``: the complete months before the window (from the history's first complete month),
null when the window starts at the first complete month (the whole history is modelled).
"""

from __future__ import annotations

import pandas as pd


def window_record(table: pd.DataFrame, window: pd.PeriodIndex, *,
                  model_start: str | None) -> dict:
    """The record (module docstring) of ``window`` in the history's monthly `period_table`
    ``table`` (its ``complete`` column); ``model_start`` the config's, or None."""
    complete = table.index[table["complete"].to_numpy(dtype=bool)]
    before = complete[complete < window[0]]
    gaps = table.index[(table.index < window[0]) & ~table["complete"].to_numpy(dtype=bool)]
    after = gaps[-1] if len(gaps) and len(before) and gaps[-1] > before[0] else None
    if model_start is not None:
        set_by = "model_start"
    elif after is not None:
        set_by = "incomplete month"
    else:
        set_by = "history start"
    return {
        "first": str(window[0]), "last": str(window[-1]), "months": len(window),
        "set_by": set_by,
        "after": None if after is None else str(after),
        "before": None if not len(before) else {
            "first": str(before[0]), "last": str(before[-1]), "months": len(before)},
    }
