"""A leap February is not a short February: the zone's energy models see each month's energy
at its calendar month's standard length, so a flat load forecasts the same February average
MW in leap and common years (fuzz round 5, D1: 3.4% low in 2028 and 2032)."""

import numpy as np
import pandas as pd
import pytest

from forecasting.models.registry import MODELS
from forecasting.zones.history import hours_in
from forecasting.zones.month_length import StandardMonthEnergy, standard_hours


def flat_energy(start: str, end: str, mw: float = 1000.0) -> pd.Series:
    months = pd.period_range(start, end, freq="M")
    return pd.Series(mw * hours_in(months) / 1000.0, index=months)


@pytest.mark.parametrize("last", ["2024-12", "2026-12"])  # last February leap, or common
def test_a_flat_load_keeps_its_february_average_in_leap_and_common_years(last):
    series = flat_energy("2021-01", last)
    months = pd.period_range(pd.Period(last, "M") + 1, periods=48, freq="M")
    raw = MODELS["seasonal_naive"]().fit(series).sample_paths(48, 2, np.random.default_rng(0))
    wrapped = StandardMonthEnergy(MODELS["seasonal_naive"]()).fit(series).sample_paths(
        48, 2, np.random.default_rng(0))
    average = wrapped * 1000.0 / hours_in(months)
    np.testing.assert_allclose(average, 1000.0, rtol=1e-12)  # every month, leap Feb or not
    raw_avg = raw * 1000.0 / hours_in(months)
    february = np.asarray(months.month) == 2
    assert np.abs(raw_avg[:, february] - 1000.0).max() > 30  # energy alone: 28/29 or 29/28


def test_only_february_has_a_standard_length_of_its_own():
    months = pd.period_range("2023-01", "2024-12", freq="M")
    ratio = standard_hours(months) / hours_in(months)
    february = np.asarray(months.month) == 2
    np.testing.assert_allclose(ratio[~february], 1.0)
    assert ratio[february] == pytest.approx([28.2425 / 28, 28.2425 / 29])
