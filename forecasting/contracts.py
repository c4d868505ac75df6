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
#: forecast.csv of every run, national and zone: `period` is ``YYYY`` for annual rows and
#: ``YYYY-MM`` for monthly rows (national runs before dcload 0.3 had an integer `year`
#: column instead, and archived runs may lack `component`; `annual_rows` reads them all)
FORECAST_COLUMNS = ["region", "scenario", "component", "period", "metric", *QUANTILE_COLUMNS]
#: the columns a published forecast.csv must have to be read at all (`period` or `year`)
REQUIRED_FORECAST_COLUMNS = ["region", "scenario", "metric", *QUANTILE_COLUMNS]
#: a national forecast table in memory, before it is published (`published_forecast` turns
#: its integer `year` into the `period` label)
NATIONAL_COLUMNS = ["region", "scenario", "component", "year", "metric", *QUANTILE_COLUMNS]
#: history.csv: the columns a published run must have
HISTORY_COLUMNS = ["year", "twh", "provenance"]
#: history.csv of a zone run: the columns a published zone run must have
ZONE_HISTORY_COLUMNS = ["period", "energy_gwh", "avg_mw", "peak_mw"]
#: one row per (model, origin, period) of a rolling-origin backtest (backtest_forecasts.csv,
#: `dcload backtest --out`)
BACKTEST_COLUMNS = ["model", "origin", "period", "horizon", "actual", *QUANTILE_COLUMNS]
#: backtest_forecasts.csv and `dcload backtest --out`: the rows and whether their actual is
#: evidence (`observed`: False at an interpolated year; such rows are never scored)
BACKTEST_TABLE_COLUMNS = [*BACKTEST_COLUMNS, "observed"]
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


def published_forecast(forecast: pd.DataFrame) -> pd.DataFrame:
    """The forecast table as forecast.csv holds it: an integer `year` becomes the `period`
    label ``YYYY`` (in place, same column order)."""
    if "year" not in forecast.columns:
        return forecast
    out = forecast.rename(columns={"year": "period"})
    out["period"] = out["period"].astype(int).astype(str)
    return out


def annual_rows(forecast: pd.DataFrame) -> pd.DataFrame:
    """The annual rows of a forecast table read from any run (a `period` of ``YYYY``, or an
    archived run's `year`), with an integer `year` column: what headlines, diffs, the report
    and key results read."""
    if "period" not in forecast.columns:
        return forecast
    labels = forecast["period"].astype(str)
    out = forecast[labels.str.fullmatch(r"\d{4}")].copy()
    out["year"] = out["period"].astype(str).astype(int)
    return out


def totals_only(forecast: pd.DataFrame) -> pd.DataFrame:
    """The rows of whole-load totals (forecast.csv may also break the total into components)."""
    if "component" in forecast.columns:
        return forecast[forecast["component"] == "total"]
    return forecast


def total_twh(forecast: pd.DataFrame) -> pd.DataFrame:
    """The total-load annual rows in TWh/yr: what headlines, diffs and key results read."""
    totals = totals_only(annual_rows(forecast))
    return totals[totals["metric"] == "twh"]


#: the headline metric of a run, its unit, in the order looked for: national runs are read
#: in TWh/yr, zone runs by their annual peak
KEY_METRICS = {"twh": "TWh", "peak_mw": "MW"}


def key_metric(forecast: pd.DataFrame) -> str:
    """The metric a run is summarised by (`KEY_METRICS`: the first the table has)."""
    metrics = set(forecast["metric"])
    return next((m for m in KEY_METRICS if m in metrics), "twh")


def key_rows(forecast: pd.DataFrame) -> pd.DataFrame:
    """The total-load annual rows of the run's key metric (`key_metric`), with `year`."""
    totals = totals_only(annual_rows(forecast))
    return totals[totals["metric"] == key_metric(forecast)]


def key_results(forecast: pd.DataFrame, year: int = KEY_YEAR) -> dict[str, float]:
    """P50 of the run's key metric (TWh for national runs, annual peak MW for zone runs) in
    `year`, per scenario (scenario names prefixed by region if several). A run that ends
    before `year` gives its last year's, each name followed by that year ("reference (2027)"),
    rather than nothing."""
    rows = key_rows(forecast)
    said = ""
    if not rows.empty and not (rows["year"] == year).any() and rows["year"].max() < year:
        year = int(rows["year"].max())
        said = f" ({year})"
    rows = rows[rows["year"] == year]
    several = rows["region"].nunique() > 1
    return {(f"{r.region}/{r.scenario}" if several else str(r.scenario)) + said:
            round(float(r.p50), 4) for r in rows.itertuples()}
