"""Synthetic hourly zone load for the CLI tests: a daily and a yearly cycle around `level`."""

from __future__ import annotations

import numpy as np
import pandas as pd


def hourly_load(level: float, start: str = "2021-01-01",
                end: str = "2024-12-31 23:00") -> pd.Series:
    """Hourly MW from `start` to `end` (UTC hour starts)."""
    hours = pd.date_range(start, end, freq="h")
    t = np.arange(len(hours))
    return pd.Series(level * (1 + 0.2 * np.sin(2 * np.pi * t / 24)
                              + 0.15 * np.cos(2 * np.pi * hours.dayofyear.to_numpy() / 365.25)),
                     index=hours)


def write_load(path, series: pd.Series) -> None:
    """`series` as a two-column load file (`when`, `mw` to 0.1 MW); missing hours left out."""
    series = series.dropna()
    pd.DataFrame({"when": series.index.strftime("%Y-%m-%d %H:%M:%S"),
                  "mw": series.round(1).to_numpy()}).to_csv(path, index=False)
