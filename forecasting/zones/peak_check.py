"""The zone's own check of its 50/50 and 90/10 season peaks: each complete historical year
held out in turn, its actual summer and winter peaks set beside what the other years' weather
gives at its level.

For a complete year Y (every month at least 99% covered), with the weather years W' the other
complete years (`weather_years` of the load without Y's hours; at least two):

- Y's typical month m: base B_{Y,m} = (Y's mean of its monthly average base) x (month m's usual
  share of its year over W'), so the level is Y's and the month-to-month weather is not;
  data-center load D_{Y,m} = the decomposition's month (flat over the hours);
- the weather-year peaks: `season_peak_by_weather` over Y's season months (one per year of
  W'), their median (the 50/50) and the 90/10 of `peak_quantiles.predictive_peak` (the next
  season's 90th percentile given them), as the forecast computes them;
- the actual: Y's largest measured hour of the season (summer June-September, winter its
  December, January and February): an hour the source imputed (`history`, an EIA-930
  category not OKAY) is no actual, as it is no hour of the weather-year shapes; a season
  with no measured hour has no row.

Calibrated 50/50 and 90/10 are exceeded in about half and a tenth of the held-out seasons.
`below` and `equal` count the weather-year peaks under and at the actual, so its rank (and a
randomised PIT, benchmarks/peaks_weather/) follows from the row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.zones.history import UTC, period_table
from forecasting.zones.peak_quantiles import predictive_peak
from forecasting.zones.weather_years import (
    LOCAL_TZ,
    SEASONS,
    season_peak_by_weather,
    weather_years,
)

PEAK_CHECK_COLUMNS = ["year", "season", "weather_years", "actual_mw", "peak_50_50_mw",
                      "peak_90_10_mw", "above_50_50", "above_90_10", "below", "equal"]


def held_out_peaks(load: pd.Series, dc_monthly: pd.Series, *, timezone: str = LOCAL_TZ,
                   anomaly: bool = True, clock: str = UTC, detail: bool = False,
                   imputed: pd.Series | None = None) -> pd.DataFrame:
    """One row per (complete year, season) of ``load`` (UTC hourly MW, NaN = no evidence),
    ``dc_monthly`` the data-center average MW per month Period (missing = 0). ``anomaly=False``
    gives the weather years their shapes alone (the method before the monthly anomaly; for the
    benchmark's comparison). Years, seasons and months are on ``clock`` (the zone's; UTC by
    default, `history.period_labels`). ``detail`` adds, for the benchmark, the 90th
    percentile of the weather-year peaks themselves (``sample_90_10_mw``) and the sd of their
    logs (``log_sd``, NaN with one). ``imputed``: the hours the source imputed
    (`ZoneHistory.imputed`), skipped by the shapes and the actuals (module docstring)."""
    dc = dc_monthly.reindex(period_table(load, "M", clock).index).fillna(0.0)
    every = weather_years(load, dc, timezone=timezone, clock=clock, imputed=imputed)
    measured = load if imputed is None else \
        load.where(~imputed.reindex(load.index, fill_value=False).to_numpy(dtype=bool))
    local = load.index.tz_convert(clock)
    years = local.year
    rows = []
    for i, year in enumerate(every.years):
        others = weather_years(load.where(years != year), dc, timezone=timezone, clock=clock,
                               imputed=imputed)
        if len(others.years) < 2:
            continue
        level = float(every.average[i].mean())
        for season, season_months in SEASONS.items():
            months = pd.PeriodIndex([pd.Period(f"{year}-{m:02d}", "M") for m in season_months])
            base = level * others.usual_share[months.month - 1]
            peaks = season_peak_by_weather(others, months, base, dc.reindex(months).to_numpy(),
                                           0.0, anomaly=anomaly)
            actual = float(measured[(years == year)
                                    & np.isin(local.month, season_months)].max())
            if np.isnan(actual):  # every hour of the season imputed: nothing to check
                continue
            p50, p90 = float(np.median(peaks)), predictive_peak(peaks, season, 0.9)
            rows.append({"year": int(year), "season": season, "weather_years": len(peaks),
                         "actual_mw": actual, "peak_50_50_mw": p50, "peak_90_10_mw": p90,
                         "above_50_50": actual > p50, "above_90_10": actual > p90,
                         "below": int((peaks < actual).sum()),
                         "equal": int((peaks == actual).sum()),
                         "sample_90_10_mw": float(np.quantile(peaks, 0.9)),
                         "log_sd": float(np.std(np.log(peaks), ddof=1))})
    columns = PEAK_CHECK_COLUMNS + (["sample_90_10_mw", "log_sd"] if detail else [])
    return pd.DataFrame(rows, columns=columns)
