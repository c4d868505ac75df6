"""Weather years and base paths built by hand for the peak tests (no hourly history, no zone
run): `weather_years.WeatherYears` straight from shapes and monthly averages."""

import calendar

import numpy as np
import pandas as pd

from forecasting.zones.weather_years import SLOTS, WeatherYears

#: summer and winter months at the full level, the shoulders far below (they never peak)
PROFILE = np.where(np.isin(np.arange(1, 13), (6, 7, 8, 9, 12, 1, 2)), 1.0, 0.2)


def weather(seed: int, n_years: int, variation: float = 0.05) -> WeatherYears:
    """``n_years`` weather years from 2010: each month's hourly shape averages 1 (uniform
    0.7-1.3 over the hours, so it peaks at about 1.3); each month's average is PROFILE within
    +-``variation``."""
    rng = np.random.default_rng(seed)
    years = np.arange(2010, 2010 + n_years)
    shapes = np.full((n_years, 12, SLOTS), np.nan)
    local = np.zeros((n_years, 12, SLOTS))
    for i, year in enumerate(years):
        for m in range(1, 13):
            k = 24 * calendar.monthrange(int(year), m)[1]
            shape = rng.uniform(0.7, 1.3, k)
            shapes[i, m - 1, :k] = shape / shape.mean()
            local[i, m - 1, :k] = np.arange(k) % 24
    average = PROFILE * rng.uniform(1 - variation, 1 + variation, (n_years, 12))
    return WeatherYears(years, shapes, local, average)


def noisy_paths(seed: int, n: int, months: pd.PeriodIndex, noise: float,
                spread: float = 0.0) -> np.ndarray:
    """(n, months) base MW: 1000 x PROFILE, each month with its own independent draw within
    +-``noise`` (what the energy widening adds), each path at a level within +-``spread``."""
    rng = np.random.default_rng(seed)
    profile = PROFILE[np.asarray(months.month) - 1]
    draw = 1 + rng.uniform(-noise, noise, (n, len(months)))
    level = 1 + rng.uniform(-spread, spread, (n, 1))
    return 1000.0 * profile * draw * level
