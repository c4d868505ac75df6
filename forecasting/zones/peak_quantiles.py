"""A season's 90/10 (and its weather P05 / P95) from a handful of weather years.

The model: the season's peak under the next year's weather, P, is log-normal about the
weather years' peaks p_1..p_n (the season's largest hour at the same base under each
historical year's weather, `weather_years.season_peak_by_weather`):

    log P = m + s_post sqrt(1 + 1/n) T,   T ~ Student t with nu0 + n - 1 degrees of freedom,

m the mean of log p_i, and s_post^2 = (nu0 s0^2 + (n - 1) s^2) / (nu0 + n - 1) the sample
variance s^2 of log p_i pooled with a prior s0^2 worth `PRIOR_YEARS` (nu0) years (the
conjugate normal / scaled-inverse-chi-square posterior predictive). The 90/10 is its 90th
percentile, the weather P05 and P95 its 5th and 95th; none is below the 50/50, the median of
the p_i, nor P05 above it.

Why. The 90/10 had been the 90th percentile of the n peaks themselves (`np.quantile`), and
with the two to five complete years an EIA-930 history holds that is a value between the
two highest, not one the next season exceeds a tenth of the time: held out year by year on
111 zones it was exceeded in 23% of summers and 26% of winters (30-33% with 2-3 weather
years), and two weather years gave a narrower band than four (fuzz 11a, D2 and D3). The
predictive percentile widens where the years are few and their spread uncertain: with the
same held-out years it is exceeded in 12% of summers and 9% of winters, about 10% whatever
n (`benchmarks/peaks_weather/`, which prints the prior's medians it finds). The prior is
that benchmark's median log-sd of the weather-year peaks over the zones, per season
(`PRIOR_LOG_SD`): a summer peak varies about 3% from year to year, a winter peak about 4%
(5.1% for the calendar year's January, February and December, 4.6% once a winter was
December to February, 4.0% once a month of mostly imputed hours was no weather-year month:
each moved by more than a tenth, so the prior took the new median).
With nu0 = 4 a zone with one weather year still gets a band (the prior's, wide), and a zone
with Dominion's 19 years its own spread; 2, 4 and 8 gave 11.6/9.0%, 12.0/9.2% and
12.2/10.9% above (summer/winter) and 4 came nearest 10% with two or three weather years. The
log scale follows the peaks' right skew (a heat wave raises a summer peak more than a mild
summer lowers it); on the raw scale summers were exceeded 12.7% of the time. The 50/50 stays
the median of the p_i, exceeded in 50.6% of summers and 50.5% of winters.

Winters across the turn of the year. Those winter figures are of the calendar year's January,
February and December (543 held-out winters). Held out as December to February, each winter
holding both its calendar years out (431 winters, one weather year fewer each), the 90/10
is exceeded in 12.5% of winters and the 50/50 in 55.9%. The 50/50's share is which winters
the 2020-2024 files hold rather than the method: winters 2022/23 (Elliott's December) and
2023/24 topped it in 73% and 69% of the zones, 2020/21 and 2021/22 in 36% and 46%, and the
calendar set had had the mild winter 2020 (29%) besides; across 111 zones those are four
winters of weather, not 431 independent ones. Since a month's peak is evidence only when its
measured hours cover 90% of it (`forecasting.seasons.peak_is_evidence`), 48 zone-years of
mostly imputed months are no weather years (493 summers, 342 winters held out) and the winter
prior is 0.0399: the 90/10 is exceeded in 12.0% of summers and 12.9% of winters, the 50/50 in
50.3% and 55.0%.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

#: the prior's weight, in years of weather (module docstring)
PRIOR_YEARS = 4.0
#: the prior's sd of log season peaks across weather years, per season: the median over the
#: EIA-930 zones of benchmarks/peaks_weather/ (held-out cases with at least two weather years;
#: winter 0.0514 when a winter was a calendar year's January, February and December, 0.0459
#: since it is December to February, each winter holding both its years out, 0.0399 since a
#: month's peak is evidence only when its measured hours cover 90% of it, which took 48
#: zone-years of mostly imputed months out of the weather years; summer's median moved
#: 0.0292 -> 0.0287, under the tenth that asks for a re-take)
PRIOR_LOG_SD = {"summer": 0.0294, "winter": 0.0399}


def predictive_peak(peaks: np.ndarray, season: str, q: float) -> float:
    """The ``q`` quantile (0-1) of next season's peak MW given the weather years' ``peaks``
    (module docstring): at or above their median for q >= 0.5, at or below it otherwise."""
    p = np.asarray(peaks, dtype=float)
    p = p[np.isfinite(p) & (p > 0)]
    median = float(np.median(p))
    n = len(p)
    logs = np.log(p)
    s2 = float(np.var(logs, ddof=1)) if n > 1 else 0.0
    dof = PRIOR_YEARS + n - 1
    s_post = np.sqrt((PRIOR_YEARS * PRIOR_LOG_SD[season] ** 2 + (n - 1) * s2) / dof)
    value = float(np.exp(logs.mean() + stats.t.ppf(q, dof) * s_post * np.sqrt(1 + 1 / n)))
    return max(value, median) if q >= 0.5 else min(value, median)
