"""The contracts that several stages share, each defined once: the columns of the published
tables, the years a reader looks at first, the frequency code, and the annual index.

Change a value here and every writer, reader and check follows.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

#: the quantiles every forecast table reports: column -> probability
QUANTILES = {"p05": 0.05, "p10": 0.10, "p50": 0.50, "p90": 0.90, "p95": 0.95}
#: the quantile columns of every forecast table, in order
QUANTILE_COLUMNS = ["mean", *QUANTILES]
#: forecast.csv of a national run (`component` may be absent in archived runs)
FORECAST_COLUMNS = ["region", "scenario", "component", "year", "metric", *QUANTILE_COLUMNS]
#: the columns a published forecast.csv must have to be read at all
REQUIRED_FORECAST_COLUMNS = [c for c in FORECAST_COLUMNS if c != "component"]
#: history.csv: the columns a published run must have
HISTORY_COLUMNS = ["year", "twh", "provenance"]
#: one row per (model, origin, period) of a rolling-origin backtest (backtest_forecasts.csv,
#: `dcload backtest --out`)
BACKTEST_COLUMNS = ["model", "origin", "period", "horizon", "actual", *QUANTILE_COLUMNS]
#: backtest_summary.csv
BACKTEST_SUMMARY_COLUMNS = ["model", "horizon", "mase", "smape", "crps", "coverage80",
                            "width80", "coverage90", "width90", "n"]

#: the years of the report's headline table and of a run diff's headline changes
HEADLINE_YEARS = (2025, 2028, 2030, 2035)
#: the one year a run is summarised by (run registry, `runs list`, the report's reading)
KEY_YEAR = 2030

#: one-letter frequency codes, coarsest first
FREQUENCY_CODES = ("Y", "M", "D", "H")
#: how each frequency is named in messages
FREQUENCY_NAMES = {"Y": "annual", "M": "monthly", "D": "daily", "H": "hourly"}


def frequency_code(index: pd.PeriodIndex | pd.Period | str) -> str:
    """The one-letter frequency code used across the project: 'Y', 'M', 'D' or 'H' (of an
    index, a period or a pandas frequency string such as 'Y-DEC' or 'h')."""
    freqstr = index if isinstance(index, str) else index.freqstr
    code = freqstr.upper()[0]
    return "Y" if code == "A" else code  # 'A-DEC': the older pandas name of annual


def annual_index(years: Iterable) -> pd.PeriodIndex:
    """Annual periods for integer (or integer-like) years."""
    return pd.PeriodIndex([pd.Period(str(int(y)), freq="Y") for y in years])


def annual_series(values: pd.Series) -> pd.Series:
    """`values` indexed by annual periods (an integer year index is converted)."""
    if isinstance(values.index, pd.PeriodIndex):
        return values.astype(float)
    return pd.Series(values.to_numpy(dtype=float), index=annual_index(values.index))


def totals_only(forecast: pd.DataFrame) -> pd.DataFrame:
    """The rows of whole-load totals (forecast.csv may also break the total into components)."""
    if "component" in forecast.columns:
        return forecast[forecast["component"] == "total"]
    return forecast


def total_twh(forecast: pd.DataFrame) -> pd.DataFrame:
    """The total-load rows in TWh/yr: what headlines, diffs and key results read."""
    totals = totals_only(forecast)
    return totals[totals["metric"] == "twh"]


def key_results(forecast: pd.DataFrame, year: int = KEY_YEAR) -> dict[str, float]:
    """P50 TWh in `year` per scenario (scenario names prefixed by region if several)."""
    rows = total_twh(forecast)
    rows = rows[rows["year"] == year]
    several = rows["region"].nunique() > 1
    return {(f"{r.region}/{r.scenario}" if several else str(r.scenario)): round(float(r.p50), 4)
            for r in rows.itertuples()}
