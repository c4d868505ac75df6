"""The hourly profile has a value for every hour of the profile year, even one its weather
year never measured (filled from that year's neighbouring hours, and said so in the
``filled_share`` column), and its data-center afternoon follows the profile year's clock,
not the weather year's, on the days their daylight-saving changes differ
(`weather_years.hourly_profile`)."""

import numpy as np
import pandas as pd

from forecasting.zones.weather_years import hourly_profile, weather_years

N_PATHS = 3
BASE_MW = 1000.0
DC_MW = 200.0
ZONE_CLOCK = "America/New_York"


def one_weather_year(year: int, *, missing=(), flat: bool = False):
    """The weather years of a one-year synthetic zone (UTC hours; ``missing``: hours with no
    measured load), a daily swing unless ``flat``; no data-center load in the history."""
    hours = pd.date_range(f"{year}-01-01", f"{year}-12-31 23:00", freq="h", tz="UTC")
    t = np.arange(len(hours))
    swing = 0.0 if flat else 0.2 * np.sin(2 * np.pi * t / 24)
    load = pd.Series(BASE_MW * (1 + swing), index=hours)
    load.loc[[pd.Timestamp(h, tz="UTC") for h in missing]] = np.nan
    months = pd.period_range(f"{year}-01", f"{year}-12", freq="M")
    return weather_years(load, pd.Series(0.0, index=months), timezone=ZONE_CLOCK)


def profile(wy, profile_year: int, *, dc_mw: float = 0.0, amplitude: float = 0.0):
    months = pd.period_range(f"{profile_year}-01", f"{profile_year}-12", freq="M")
    out = hourly_profile(wy, months, np.full((N_PATHS, 12), BASE_MW),
                         np.full((N_PATHS, 12), dc_mw), np.full(N_PATHS, amplitude),
                         np.zeros((N_PATHS, 1), dtype=int), year=profile_year, scenario="s")
    return out.set_index(pd.to_datetime(out["hour_start_utc"], format="%Y-%m-%dT%H:%MZ"))


def test_an_hour_the_weather_year_never_measured_is_filled_and_marked():
    gaps = ["2022-07-15 12:00", "2022-03-01 00:00", "2022-11-30 22:00", "2022-11-30 23:00"]
    out = profile(one_weather_year(2022, missing=gaps), 2030)
    assert len(out) == 8760
    assert out[["total_p50_mw", "base_p50_mw"]].notna().all().all()  # they were blank
    filled = out.index[out["filled_share"] > 0]
    assert [t.strftime("%Y-%m-%d %H:%M") for t in filled] == [
        "2030-03-01 00:00", "2030-07-15 12:00", "2030-11-30 22:00", "2030-11-30 23:00"]
    assert (out.loc[filled, "filled_share"] == 1.0).all()  # every path's weather year
    # a lone missing hour lies between its neighbours; a month's first takes the next hour
    july = out.loc["2030-07-15 11:00":"2030-07-15 13:00", "base_p50_mw"].to_numpy()
    assert min(july[0], july[2]) <= july[1] <= max(july[0], july[2])
    march = out.loc["2030-03-01 00:00":"2030-03-01 01:00", "base_p50_mw"].to_numpy()
    assert march[0] == march[1] or abs(march[0] / march[1] - 1) < 1e-9
    monthly = out["base_p50_mw"].groupby(out.index.month).mean()
    np.testing.assert_allclose(monthly, BASE_MW, rtol=1e-12)  # still the month's base


def test_the_data_center_afternoon_follows_the_profile_years_clock():
    """2021's clock changed on Mar 14 and Nov 7, 2030's on Mar 10 and Nov 3: on Mar 11-13
    and Nov 3-6 of 2030 the data-center peak had sat an hour off 15:00 local."""
    out = profile(one_weather_year(2021, flat=True), 2030, dc_mw=DC_MW, amplitude=0.3)
    local = out.index.tz_localize("UTC").tz_convert(ZONE_CLOCK)
    dc = pd.Series(out["data_center_p50_mw"].to_numpy(), index=local)
    peak_hours = dc.groupby(dc.index.date).idxmax().map(lambda t: t.hour)
    assert set(peak_hours.iloc[1:-1]) == {15}, peak_hours[peak_hours != 15]
    assert out.loc["2030-03-11 19:00", "data_center_p50_mw"] == dc.max()  # 15:00 EDT
    assert out.loc["2030-11-05 20:00", "data_center_p50_mw"] == dc.max()  # 15:00 EST
