"""Base and data-center load from the history itself: growth of the near-flat component.

Method (the minimum-load signature). Data-center load is nearly flat over the day and the
year, so it lifts a zone's lowest hours as much as its mean, while weather-driven base load
barely moves them. For each calendar month m of year y:

    low_{y,m}   = the ``quantile`` (default 1 %) of the month's evidence hours,
    ref_m, s_m  = mean and standard deviation of low_{y,m} over the reference years
                  (default 2006-2016, before the data-center ramp),
    dc_{y,m}    = max(low_{y,m} - ref_m, 0)                         (average MW),
    low / high  = max(low_{y,m} - ref_m -/+ z s_m, 0), z = 1.645 (a 90 % interval from the
                  year-to-year scatter of the reference years' minimum load),
    half-width  = z s_m, before the clipping at 0 (``data_center_half_width_mw``: what a
                  check of a difference between years needs, `published_figures`; not in
                  decomposition.csv),
    base        = total - dc, where total is the mean of the evidence hours, so
                  total = base + data_center exactly.

What it measures: data-center load *added since the reference years* (plus any base growth
in the lowest hours, which the flat 2006-2016 reference shows to be small). Data centers
already running in 2006-2016 are part of the base, so the published totals (2.8 GW in 2022)
should exceed it by the pre-2017 fleet. Annual rows average the months weighted by their
evidence hours (the half-width too: the months of a year are taken to move together, as the
annual interval takes them). Months below the coverage rule (`seasons.MONTH_COMPLETE`: the
2018 gap, a file's first or last partial month) have no row: their lowest hours are not the
month's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.decompose.seasonal_data_center import warn_if_seasonal
from forecasting.zones.history import UTC, period_labels, period_start, period_table

DECOMPOSITION_COLUMNS = [
    "period", "total_mw", "base_mw", "data_center_mw", "data_center_low_mw",
    "data_center_high_mw",
]
Z90 = 1.6448536269514722


def decompose(
    load: pd.Series,
    *,
    reference_years: tuple[int, int] | None = (2006, 2016),
    quantile: float = 0.01,
    z: float = Z90,
    clock: str = UTC,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(monthly, annual) frames indexed by Period with total_mw, base_mw, data_center_mw,
    data_center_low_mw, data_center_high_mw, data_center_half_width_mw and hours (evidence
    hours only).
    ``reference_years`` None: the history's first complete calendar year alone (a zone
    without pre-ramp history). A calendar month seen in a single reference year has no
    year-to-year scatter: its s_m is then the scatter of the month's weekly lows (the
    ``quantile`` of each 7-day block of the reference month, `weekly_scatter`), how much the
    low-load level moves with the weather inside a month. Months and years are on ``clock``
    (`history.period_labels`; UTC by default)."""
    evidence = load.dropna()
    months = period_labels(evidence.index, "M", clock)
    low = evidence.groupby(months).quantile(quantile)
    table = period_table(load, "M", clock).loc[low.index]
    keep = table["complete"].to_numpy()  # a month's lowest hours need the whole month
    low, table = low[keep], table[keep]
    first, last = reference_years or (first_complete_year(table),) * 2
    years = low.index.year
    in_ref = (years >= first) & (years <= last)
    if not in_ref.any():
        raise ValueError(f"no evidence in the reference years {first}-{last}")
    stats = low[in_ref].groupby(low.index.month[in_ref]).agg(["mean", "std", "size"])
    single = stats.index[stats["size"] < 2]
    if len(single):
        ref_months = low.index[in_ref]
        weekly = weekly_scatter(evidence, months, ref_months, quantile, clock)
        stats.loc[single, "std"] = weekly.reindex(single).to_numpy()
    ref = stats["mean"].reindex(low.index.month).to_numpy()
    spread = z * stats["std"].reindex(low.index.month).to_numpy()
    excess = low.to_numpy() - ref
    monthly = pd.DataFrame(
        {
            "total_mw": table["avg_mw"].to_numpy(),
            "data_center_mw": np.maximum(excess, 0.0),
            "data_center_low_mw": np.maximum(excess - spread, 0.0),
            "data_center_high_mw": np.maximum(excess + spread, 0.0),
            "data_center_half_width_mw": spread,
            "hours": table["hours"].to_numpy(),
        },
        index=low.index.rename("period"),
    )
    _split(monthly)
    annual = _annual(monthly)
    return monthly, annual


def weekly_scatter(evidence: pd.Series, months: pd.PeriodIndex, reference: pd.PeriodIndex,
                   quantile: float, clock: str = UTC) -> pd.Series:
    """Per calendar month of ``reference``: the standard deviation of the ``quantile`` of
    each 7-day block of the month's evidence hours (blocks counted from the month's start
    on ``clock``)."""
    out = {}
    for period in reference:
        hours = evidence[months == period]
        block = (hours.index - period_start(period, clock)) // pd.Timedelta(days=7)
        lows = hours.groupby(np.asarray(block)).quantile(quantile)
        out.setdefault(period.month, []).append(float(lows.std()))
    return pd.Series({m: float(np.mean(v)) for m, v in out.items()})


def first_complete_year(table: pd.DataFrame) -> int:
    """The first calendar year whose twelve months are all complete (``period_table``)."""
    complete = table["complete"].groupby(table.index.year).agg(["all", "size"])
    full = complete.index[(complete["all"]) & (complete["size"] == 12)]
    if len(full) == 0:
        raise ValueError("no complete calendar year in the history to measure from")
    return int(full[0])


def _annual(monthly: pd.DataFrame) -> pd.DataFrame:
    weights = monthly["hours"]
    years = monthly.index.asfreq("Y")
    cols = ["total_mw", "data_center_mw", "data_center_low_mw", "data_center_high_mw",
            "data_center_half_width_mw"]
    weighted = monthly[cols].mul(weights, axis=0).groupby(years).sum()
    hours = weights.groupby(years).sum()
    annual = weighted.div(hours, axis=0)
    annual["hours"] = hours
    annual.index.name = "period"
    _split(annual)
    return annual


def _split(frame: pd.DataFrame) -> None:
    """base = total - dc, then total re-formed as base + dc so the sum holds exactly in
    floating point (a change of at most one unit in the last place)."""
    frame["base_mw"] = frame["total_mw"] - frame["data_center_mw"]
    frame["total_mw"] = frame["base_mw"] + frame["data_center_mw"]


def decomposition_table(monthly: pd.DataFrame, annual: pd.DataFrame) -> pd.DataFrame:
    """The `decomposition.csv` table: annual rows (YYYY) then monthly rows (YYYY-MM). The
    run's one table of its decomposition, so it is checked here, once per run: a data-center
    component with a season data centers do not have is warned of
    (`seasonal_data_center.warn_if_seasonal`, an InputWarning; the table is not changed)."""
    frames = []
    for part in (annual, monthly):
        out = part.reset_index(drop=True)
        out.insert(0, "period", part.index.astype(str))
        frames.append(out)
    table = pd.concat(frames, ignore_index=True)[DECOMPOSITION_COLUMNS]
    warn_if_seasonal(table)
    return table
