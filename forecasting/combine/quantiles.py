"""Paths -> the tidy forecast table: TWh, average GW and share of national electricity.

Quantiles of every metric are taken from the paths of that metric (a share is computed path
by path from the data-center path and the national-total path), never by combining quantiles.

Output columns: region, scenario, year, metric, mean, p05, p10, p50, p90, p95.
- `twh`: annual energy, TWh/yr;
- `avg_gw`: average load, GW = TWh x 1000 / hours in the year (8,760 or 8,784);
- `share_pct`: 100 x data-center TWh / US total TWh of the configured EIA definition.
"""

from __future__ import annotations

import calendar

import numpy as np
import pandas as pd

from forecasting.contracts import NATIONAL_COLUMNS, QUANTILES

#: the rows `summarise` returns: a forecast table's columns without `component`
COLUMNS = [c for c in NATIONAL_COLUMNS if c != "component"]


def hours_in_year(year: int) -> int:
    return 8784 if calendar.isleap(year) else 8760


def summarise(
    region: str,
    scenario: str,
    years: np.ndarray,
    twh_paths: np.ndarray,
    national_paths: np.ndarray,
) -> pd.DataFrame:
    """One row per (year, metric) for one scenario's joint paths `(n, len(years))`."""
    hours = np.array([hours_in_year(int(y)) for y in years], dtype=float)
    metrics = {
        "twh": twh_paths,
        "avg_gw": twh_paths * 1000.0 / hours,
        "share_pct": 100.0 * twh_paths / national_paths,
    }
    frames = []
    for metric, paths in metrics.items():
        stats = {"mean": paths.mean(axis=0)}
        for column, q in zip(QUANTILES, np.quantile(paths, list(QUANTILES.values()), axis=0),
                             strict=True):
            stats[column] = q
        frame = pd.DataFrame(stats)
        frame.insert(0, "metric", metric)
        frame.insert(0, "year", years.astype(int))
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    out.insert(0, "scenario", scenario)
    out.insert(0, "region", region)
    return out[COLUMNS]
