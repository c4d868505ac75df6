"""A season partly in the history (peaks.csv's first season) is never published below
the peak its observed months already had (a winter is December with the next January and
February: winter 2014/15 holds December 2014); a season wholly in the future is unchanged
(`weather_years.seasonal_peaks`, `WeatherYears.observed`)."""

from dataclasses import replace

import numpy as np
import pandas as pd

from forecasting.zones.weather_years import PEAKS_COLUMNS, seasonal_peaks, weather_years

HOURS = pd.date_range("2010-01-01", "2015-10-14 23:00", freq="h", tz="UTC")
#: a history that ends inside winter 2014/15 (its December measured, January in part)
TO_JANUARY = pd.date_range("2010-01-01", "2015-01-25 23:00", freq="h", tz="UTC")
VALUES = ["peak_50_50_mw", "peak_90_10_mw", "weather_p05_mw", "weather_p95_mw",
          "growth_p10_mw", "growth_p90_mw"]
SPIKE_MW = 5000.0  # one January 2015 hour: above anything the forecast months reach
MONTHS = pd.period_range("2015-10", "2016-12", freq="M")  # history ends 2015-10-14


def history(hours=HOURS) -> pd.Series:
    """A daily cycle around 1000 MW, winters 20% higher; one measured spike in January
    2015; the history ends with ``hours`` (mid-October 2015; 2010-2014 are the weather
    years)."""
    t = np.arange(len(hours))
    winter = np.isin(hours.month, (12, 1, 2))
    load = 1000.0 * (1 + 0.3 * np.sin(2 * np.pi * (t % 24) / 24)) * np.where(winter, 1.2, 1.0)
    load[hours.get_loc(pd.Timestamp("2015-01-20 18:00", tz="UTC"))] = SPIKE_MW
    return pd.Series(load, index=hours)


def peaks(wy, months=MONTHS) -> pd.DataFrame:
    n = 40
    rng = np.random.default_rng(0)
    winter = np.where(np.isin(months.month, (12, 1, 2)), 1.2, 1.0)  # as the history's
    base = 1100.0 * winter * rng.lognormal(0.0, 0.02, size=(n, len(months)))
    dc = np.full((n, len(months)), 50.0)
    out = seasonal_peaks(wy, months, base, dc, np.full(n, 0.1), "s")
    assert list(out.columns) == PEAKS_COLUMNS
    return out.set_index(["year", "season"])


def test_the_observed_part_of_a_season_bounds_every_published_value():
    load = history(TO_JANUARY)
    months = pd.period_range("2015-01", "2016-12", freq="M")  # January 2015 in part measured
    wy = weather_years(load, pd.Series(0.0, index=pd.period_range("2010-01", "2015-01",
                                                                    freq="M")))
    assert list(wy.years) == [2010, 2011, 2012, 2013, 2014]
    assert wy.observed[pd.Period("2015-01", "M")] == SPIKE_MW
    fixed = peaks(wy, months)
    before = peaks(replace(wy, observed=None), months)  # None: the season's forecast months
    # alone, as before the fix
    winter = fixed.loc[(2014, "winter")]  # winter 2014/15: Dec 2014 and Jan 2015 measured
    assert winter["label"] == "2014/15"
    assert before.loc[(2014, "winter"), "peak_90_10_mw"] < SPIKE_MW  # the defect
    assert (winter[VALUES].to_numpy(dtype=float) >= SPIKE_MW).all()
    # winter 2013/14 is all history (no row); 2015 and 2016 are wholly in the future
    assert (2013, "winter") not in fixed.index
    pd.testing.assert_frame_equal(fixed.loc[[2015, 2016]], before.loc[[2015, 2016]],
                                  check_exact=True)


def test_a_partly_observed_month_counts_and_a_lower_observed_peak_changes_nothing():
    """The history's last, partial month (October 2015) is not in a season; a partial
    December is: its measured hours bound the winter. An observed peak below the forecast
    months' leaves the season as it was."""
    load = history()
    load = load[load.index < pd.Timestamp("2015-12-10", tz="UTC")].copy()
    load.loc["2015-01-20 18:00"] = 1300.0  # January 2015 now unremarkable
    load.loc["2015-12-05 18:00"] = SPIKE_MW  # measured in the partial December
    wy = weather_years(load, pd.Series(0.0, index=pd.period_range("2010-01", "2015-12",
                                                                    freq="M")))
    fixed, before = peaks(wy), peaks(replace(wy, observed=None))
    assert (fixed.loc[(2015, "winter"), VALUES].to_numpy(dtype=float) >= SPIKE_MW).all()
    pd.testing.assert_frame_equal(fixed.loc[2016], before.loc[2016], check_exact=True)
    load.loc["2015-12-05 18:00"] = 1300.0
    wy = weather_years(load, pd.Series(0.0, index=pd.period_range("2010-01", "2015-12",
                                                                    freq="M")))
    pd.testing.assert_frame_equal(peaks(wy), peaks(replace(wy, observed=None)),
                                  check_exact=True)
