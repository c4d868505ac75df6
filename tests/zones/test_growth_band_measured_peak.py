"""A season partly in the history whose measured peak tops the forecast months: every growth
path's season peak is that measured peak, so the growth band is that peak at both ends, not
the forecast months' spread laid over it (`weather_years.growth_band`, fuzz 12a D6: CISO-SCE
winter 2024/25 growth P90 16,570 MW where every path's season peak was 15,849)."""

import numpy as np
import pandas as pd

from forecasting.zones.weather_years import growth_band, weather_years
from tests.zones.test_partly_observed_season_peaks import SPIKE_MW, TO_JANUARY, history, peaks


def test_no_path_reaching_the_measured_peak_gives_a_band_at_that_peak():
    """Winter 2014/15 has January 2015's measured 5,000 MW hour, far above every path's
    forecast months (about 1,800 MW): each path's season peak is 5,000, and so is every
    published value, the growth P90 included."""
    load = history(TO_JANUARY)
    months = pd.period_range("2015-01", "2016-12", freq="M")
    wy = weather_years(load, pd.Series(0.0, index=pd.period_range("2010-01", "2015-01",
                                                                    freq="M")))
    winter = peaks(wy, months).loc[(2014, "winter")]
    assert winter["growth_p10_mw"] == SPIKE_MW
    assert winter["growth_p90_mw"] == SPIKE_MW  # was above it, by the paths' 2% spread


def test_the_band_is_that_of_the_paths_floored_season_peaks():
    """Paths 100-190 MW in their forecast months, 160 MW measured: the paths' season peaks are
    160 (seven of ten) and 170-190; the P90 is their P90 about the 50/50, never above the
    largest path, and the P10 the measured peak."""
    by_path = np.arange(100.0, 200.0, 10.0)
    season = np.maximum(by_path, 160.0)
    low, high = growth_band(by_path, float(np.median(season)), 160.0)
    assert low == 160.0
    assert high == float(np.quantile(season, 0.9))
    assert high <= season.max()
