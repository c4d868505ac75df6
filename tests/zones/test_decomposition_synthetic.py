"""The minimum-load decomposition recovers a flat load added to a weather-like base, and the
weather-year shapes keep each month's base average."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.zones.decomposition import decompose
from forecasting.zones.weather_years import weather_years

HOURS = pd.date_range("2006-01-01", "2020-12-31 23:00", freq="h", tz="UTC")


def weather_like(seed: int) -> pd.Series:
    rng = np.random.default_rng(seed)
    t = np.arange(len(HOURS))
    day = 1500 * np.sin(2 * np.pi * (t % 24 - 9) / 24)
    year = 2000 * np.cos(4 * np.pi * HOURS.dayofyear.to_numpy() / 365.25) ** 2
    return pd.Series(10000 + day + year + rng.normal(0, 300, len(t)), index=HOURS)


@settings(max_examples=8, deadline=None)
@given(step=st.floats(500, 5000), seed=st.integers(0, 1000))
def test_a_flat_step_after_the_reference_is_recovered(step, seed):
    base = weather_like(seed)
    load = base + np.where(HOURS.year >= 2018, step, 0.0)
    _, annual = decompose(load)
    after = annual.loc[pd.Period("2018", "Y"):]
    assert np.allclose(after["data_center_mw"], step, atol=250)
    assert (after["data_center_low_mw"] <= step + 1e-6).all()
    assert (after["data_center_high_mw"] >= step - 1e-6).all()
    reference = annual.loc[pd.Period("2006", "Y"):pd.Period("2016", "Y")]
    assert (reference["data_center_mw"] < 250).all()
    assert np.allclose(annual["total_mw"], annual["base_mw"] + annual["data_center_mw"],
                       rtol=0, atol=0)


def test_weather_shapes_average_one_and_keep_missing_hours_missing():
    load = weather_like(3)
    load.iloc[100:105] = np.nan  # 2006-01: 5 of 744 hours missing, still complete
    load.loc["2007-03-01":"2007-03-10"] = np.nan  # 2007-03 partial: 2007 is no weather year
    monthly, _ = decompose(load)
    wy = weather_years(load, monthly["data_center_mw"])
    assert 2006 in wy.years and 2007 not in wy.years and len(wy.years) == 14
    means = np.nanmean(wy.shapes, axis=2)
    np.testing.assert_allclose(means, 1.0, rtol=1e-12)
    assert np.isnan(wy.shapes[0, 0, 100:105]).all()
    assert np.isfinite(wy.shapes[0, 0, :100]).all()


def test_data_center_hours_follow_the_zone_clock():
    """A zone on Pacific time has its data-center afternoon three hours after Eastern's (in
    UTC), in winter and in summer alike."""
    load = weather_like(5)
    monthly, _ = decompose(load)
    eastern = weather_years(load, monthly["data_center_mw"])  # the default clock
    pacific = weather_years(load, monthly["data_center_mw"], timezone="America/Los_Angeles")
    for month in (1, 7):
        hours = pacific.local_hour[0, month - 1, :720]
        assert np.array_equal(hours, (eastern.local_hour[0, month - 1, :720] - 3) % 24)
    # the data-center block peaks at 15:00 local: 23:00 UTC in a Pacific January
    base, dc, amplitude = np.ones(1), np.ones(1), np.full(1, 0.1)
    _, _, block = pacific.hourly(base, dc, amplitude, 0, 1)
    first_day = block[0, :24]
    assert int(np.argmax(first_day)) == 23
