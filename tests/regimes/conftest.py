"""Shared data for the regime-detection tests: the US series and a synthetic generator."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

US_TWH = {
    2000: 23.4, 2001: 26.0, 2002: 29.0, 2003: 32.3, 2004: 36.0, 2005: 46.4, 2006: 50.9,
    2007: 53.9, 2008: 57.2, 2009: 56.6, 2010: 55.8, 2011: 56.3, 2012: 56.9, 2013: 57.4,
    2014: 58.0, 2015: 60.0, 2016: 60.0, 2017: 67.5, 2018: 76.0, 2019: 89.1, 2020: 104.5,
    2021: 122.6, 2022: 143.9, 2023: 176.0,
}  # fmt: skip


def synthetic(
    n: int,
    breaks: list[int],
    slopes: list[float],
    noise: float,
    seed: int,
    *,
    freq: str = "Y",
    start: str = "1990",
    level: float = 50.0,
) -> pd.Series:
    """Continuous (kinked) log-linear trend with `slopes` between `breaks`, plus N(0, noise).

    A break at position b means the growth from period b-1 to b (and on) is the new slope, so
    the new segment starts at b.
    """
    rng = np.random.default_rng(seed)
    growth = np.empty(n)
    bounds = [0, *breaks, n]
    for slope, a, b in zip(slopes, bounds[:-1], bounds[1:], strict=True):
        growth[a:b] = slope
    log_y = np.log(level) + np.concatenate([[0.0], np.cumsum(growth[1:])])
    log_y = log_y + rng.normal(0.0, noise, n)
    return pd.Series(np.exp(log_y), index=pd.period_range(start, periods=n, freq=freq))


@pytest.fixture(scope="session")
def us_series() -> pd.Series:
    return pd.Series(
        list(US_TWH.values()),
        index=pd.PeriodIndex([str(y) for y in US_TWH], freq="Y"),
        name="us_twh",
    )


@pytest.fixture(scope="session")
def make_series():
    """Factory fixture: `make_series(n, breaks, slopes, noise, seed, freq=..., start=...)`."""
    return synthetic
