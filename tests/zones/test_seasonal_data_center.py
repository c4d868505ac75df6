"""A decomposition whose data-center load comes and goes with the seasons is warned of
(fuzz round 7a D6): AVA's lowest winter hours rose with heating load after its reference
year, read as data-center load (Dec 234 MW, Jul 1 MW), which the scenarios carry as flat
load out of the base, and its winter 50/50 fell 10% below the run without a queue. A flat
data-center step is not warned of. In process: the decomposition of synthetic hourly load,
then its table."""

import warnings

import numpy as np
import pandas as pd
import pytest

from forecasting.decompose.seasonal_data_center import seasonal_check
from forecasting.errors import InputWarning
from forecasting.zones.decomposition import decompose, decomposition_table

HOURS = pd.date_range("2019-01-01", "2024-12-31 23:00", freq="h", tz="UTC")


def load_with(extra_mw: np.ndarray, seed: int = 0) -> pd.Series:
    """A winter-peaking weather-like base plus `extra_mw` from 2021 on."""
    rng = np.random.default_rng(seed)
    t = np.arange(len(HOURS))
    winter = np.cos(2 * np.pi * HOURS.dayofyear.to_numpy() / 365.25)  # 1 in January
    base = (1500 + 300 * winter + 200 * np.sin(2 * np.pi * (t % 24 - 9) / 24)
            + rng.normal(0, 30, len(t)))
    return pd.Series(base + np.where(HOURS.year >= 2021, extra_mw, 0.0), index=HOURS)


def table_of(load: pd.Series) -> tuple[pd.DataFrame, list[str]]:
    monthly, annual = decompose(load, reference_years=(2019, 2020))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = decomposition_table(monthly, annual)
    return table, [str(w.message) for w in caught if issubclass(w.category, InputWarning)]


def test_winter_heating_load_read_as_data_centers_is_warned_of():
    """From 2021 the lowest winter hours rise by up to 250 MW (more heating), summer's not."""
    winter = np.cos(2 * np.pi * HOURS.dayofyear.to_numpy() / 365.25)
    table, said = table_of(load_with(250 * np.clip(winter, 0, None)))
    check = seasonal_check(table)
    assert check.seasonal and check.larger == "winter" == check.total_peaks_in
    assert check.winter_mw > 2 * check.summer_mw
    assert len(said) == 1
    assert "data-center load is seasonal" in said[0]
    assert "winter peaks may be too low" in said[0]


def test_a_flat_data_center_step_is_not_warned_of():
    table, said = table_of(load_with(np.full(len(HOURS), 400.0)))
    check = seasonal_check(table)
    assert check.ratio == pytest.approx(1.0, abs=0.3)
    assert not check.seasonal and said == []
