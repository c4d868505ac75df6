"""A computed run as the text of its files (everything but the report, which is rendered from
these files once they are on disk). Number formats are fixed here, so the same run gives the
same bytes."""

from __future__ import annotations

import json
from io import StringIO

import pandas as pd

from forecasting.contracts import published_forecast


def csv_text(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, float_format="%.4f", lineterminator="\n")


def json_text(document: dict) -> str:
    return json.dumps(document, indent=2, sort_keys=True, allow_nan=False) + "\n"


def read_csv_text(text: str) -> pd.DataFrame:
    """A table as a reader of the published file sees it (rounded as written)."""
    return pd.read_csv(StringIO(text))


def national_tables(run) -> dict[str, str]:
    """forecast.csv, history.csv, observations.csv, the backtest, decomposition, sensitivity,
    assumptions and outlooks tables, the track record (when the config asks for one) and
    regimes.json of a computed national run."""
    tables = {
        "forecast.csv": published_forecast(run.forecast),
        "history.csv": run.history.series,
        "observations.csv": run.data.observations.drop(columns="row"),
        "backtest_summary.csv": run.backtest_summary(),
        "backtest_forecasts.csv": run.backtest_forecasts(),
        "decomposition.csv": run.decomposition_table(),
        "sensitivity.csv": run.sensitivity,
        "assumptions.csv": run.assumptions_table(),
        "outlooks.csv": run.outlooks_table(),
    }
    if run.limits is not None:
        tables["limits.csv"] = run.limits
    if run.mc_error is not None:
        tables["mc_error.csv"] = run.mc_error
    if run.track_record is not None:
        tables["track_record.csv"] = run.track_record
    files = {name: csv_text(frame) for name, frame in tables.items()}
    files["regimes.json"] = json_text(run.regimes)
    return files
