"""The zone's own check of its 50/50 and 90/10 season peaks: each complete historical season
held out in turn, its actual peak set beside what the other years' weather gives at its level.

Summer Y is checked when Y is a complete year (every month at least 99% covered), winter
Y/Y+1 (December of Y, January and February of Y + 1, as the forecast's winters:
`forecasting.seasons.season_months`) when Y and Y + 1 both are. The weather years W' are the other
complete years, every calendar year whose months the season uses held out (Y for a summer; Y
and Y + 1 for a winter, so that no weather year holds the actual: a weather year w gives its
own January, February and December, and Y's December or Y + 1's January would otherwise be
among the peaks the actual is set beside); at least two must remain.

- The season's typical month m: base B_m = (its year's mean of monthly average base) x (month
  m's usual share of its year over W'), so the level is that year's (December at Y's, January
  and February at Y + 1's) and the month-to-month weather is not; data-center load D_m = the
  decomposition's month (flat over the hours);
- the weather-year peaks: `season_peak_by_weather` over the season's months (one per year of
  W'), their median (the 50/50) and the 90/10 of `peak_quantiles.predictive_peak` (the next
  season's 90th percentile given them), as the forecast computes them;
- the actual: the season's largest measured hour (summer June-September of Y, winter
  December of Y and January-February of Y + 1): an hour the source imputed (`history`, an
  EIA-930 category not OKAY) is no actual, as it is no hour of the weather-year shapes; a
  season with no measured hour has no row. A held-out season's years are weather years, so
  each of its months' peaks is evidence (measured hours for `seasons.MONTH_COMPLETE` of the
  month, `seasons.peak_evidence`): an actual is never the peak of a few measured hours.

``year`` is the season's first year (a winter's December's), ``label`` says it in full
("2022/23"). Calibrated 50/50 and 90/10 are exceeded in about half and a tenth of the
held-out seasons. `below` and `equal` count the weather-year peaks under and at the actual,
so its rank (and a randomised PIT, benchmarks/peaks_weather/) follows from the row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.seasons import SEASONS, season_label, season_months
from forecasting.zones.history import UTC, period_labels, period_table
from forecasting.zones.peak_quantiles import predictive_peak
from forecasting.zones.weather_years import LOCAL_TZ, season_peak_by_weather, weather_years

PEAK_CHECK_COLUMNS = ["year", "season", "label", "weather_years", "actual_mw",
                      "peak_50_50_mw", "peak_90_10_mw", "above_50_50", "above_90_10",
                      "below", "equal"]


def held_out_peaks(load: pd.Series, dc_monthly: pd.Series, *, timezone: str = LOCAL_TZ,
                   anomaly: bool = True, clock: str = UTC, detail: bool = False,
                   imputed: pd.Series | None = None) -> pd.DataFrame:
    """One row per held-out season (module doc: summer Y, winter Y/Y+1) of ``load`` (UTC
    hourly MW, NaN = no evidence), ``dc_monthly`` the data-center average MW per month
    Period (missing = 0). ``anomaly=False`` gives the weather years their shapes alone (the
    method before the monthly anomaly; for the benchmark's comparison). Years, seasons and
    months are on ``clock`` (the zone's; UTC by default, `history.period_labels`).
    ``detail`` adds, for the benchmark, the 90th percentile of the weather-year peaks
    themselves (``sample_90_10_mw``) and the sd of their logs (``log_sd``, NaN with one).
    ``imputed``: the hours the source imputed (`ZoneHistory.imputed`), skipped by the shapes
    and the actuals (module docstring)."""
    dc = dc_monthly.reindex(period_table(load, "M", clock).index).fillna(0.0)
    every = weather_years(load, dc, timezone=timezone, clock=clock, imputed=imputed)
    measured = load if imputed is None else \
        load.where(~imputed.reindex(load.index, fill_value=False).to_numpy(dtype=bool))
    months = period_labels(load.index, "M", clock)
    years = np.asarray(months.year)
    level = dict(zip(every.years.tolist(), every.average.mean(axis=1).tolist(), strict=True))
    rows = []
    for year in every.years.tolist():
        for season in SEASONS:
            span = season_months(season, year)
            held = sorted(set(span.year))  # the calendar years the season's months are in
            if any(y not in level for y in held):
                continue
            others = weather_years(load.where(~np.isin(years, held)), dc, timezone=timezone,
                                   clock=clock, imputed=imputed)
            if len(others.years) < 2:
                continue
            base = (np.asarray([level[p.year] for p in span])
                    * others.usual_share[span.month - 1])
            peaks = season_peak_by_weather(others, span, base, dc.reindex(span).to_numpy(),
                                           0.0, anomaly=anomaly)
            actual = float(measured[months.isin(span)].max())
            if np.isnan(actual):  # every hour of the season imputed: nothing to check
                continue
            p50, p90 = float(np.median(peaks)), predictive_peak(peaks, season, 0.9)
            rows.append({"year": int(year), "season": season,
                         "label": season_label(season, int(year)),
                         "weather_years": len(peaks),
                         "actual_mw": actual, "peak_50_50_mw": p50, "peak_90_10_mw": p90,
                         "above_50_50": actual > p50, "above_90_10": actual > p90,
                         "below": int((peaks < actual).sum()),
                         "equal": int((peaks == actual).sum()),
                         "sample_90_10_mw": float(np.quantile(peaks, 0.9)),
                         "log_sd": float(np.std(np.log(peaks), ddof=1))})
    columns = PEAK_CHECK_COLUMNS + (["sample_90_10_mw", "log_sd"] if detail else [])
    return pd.DataFrame(rows, columns=columns)
