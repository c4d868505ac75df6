"""The national report's table of one model's past forecasts, each actual marked as evidence or
interpolated.

The backtest scores and calibrates only on actuals that are evidence (a published or spliced
value of the built history, `observed` in backtest_forecasts.csv); an interpolated year's
value is the built series' constant-growth fill between evidence years, not an outcome. The
project's rule: interpolated values may be shown, never scored or counted, and must be
marked. So every row says what its actual is, and the counts beside the table say how many
rows the summary's coverage rests on (fuzz round 7a D9: 16 of the default run's 30 rows showed
interpolated years as plain "Actual", a reader counting them got 63% against the printed 79%).
A run written before the `observed` column had no marker to show: its rows say nothing.
"""

from __future__ import annotations

import pandas as pd

from forecasting.report.run_dir_reading import csv_bool

EVIDENCE = "evidence"
INTERPOLATED = "interpolated, not scored"


def backtest_view(forecasts: pd.DataFrame | None, model: str | None) -> dict | None:
    """Rows of `model`'s past forecasts with `actual_is`, and the counts of evidence and
    interpolated rows (None for a run without the `observed` column)."""
    if forecasts is None or model is None:
        return None
    part = forecasts[forecasts["model"] == model]
    rows = part.to_dict("records")
    if "observed" not in part.columns:
        return {"rows": rows, "evidence": None, "interpolated": None}
    for row in rows:
        row["actual_is"] = EVIDENCE if csv_bool(row["observed"]) else INTERPOLATED
    evidence = [r for r in rows if r["actual_is"] == EVIDENCE]
    inside = sum(1 for r in evidence if r["p10"] <= r["actual"] <= r["p90"])
    return {"rows": rows, "evidence": len(evidence), "interpolated": len(rows) - len(evidence),
            "inside": inside}
