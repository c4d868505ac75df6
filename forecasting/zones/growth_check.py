"""Does the statistical forecast grow as the history's last regime did? A check, not a
correction: no forecast number changes.

- History: the zone's monthly average MW of its complete months (evidence only; a month
  under `seasons.MONTH_COMPLETE` is left out, never filled) of the load the statistical
  models forecast: the decomposition's base for a zone with a data-center component, the
  whole load for ``data_center: none``. Its growth is the last regime's, per year with a 90%
  interval (`forecasting.regimes.last_regime`: the season removed jointly with a piecewise
  log-linear trend, breaks by the project's `PiecewiseTrend`, the interval widened for
  month-to-month autocorrelation); ``history_regime_start`` is the regime's first month, the
  last break's month when there is one (``history_break`` says which).
- Forecast: the compound annual growth of the P50 average MW of that same load (the base
  energy paths of the statistical models, before any data-center scenario: for ``data_center:
  none`` the forecast table's total, which equals its base) from the history's last 12
  complete months (``first_year``: their calendar year when they are one, else their first and
  last month) to the last forecast year, over the years between their midpoints (11 from
  2024 to 2035).
- ``outside``: the forecast's growth lies outside the history's interval widened to take in
  no growth, [min(low, 0), max(high, 0)]; ``outside_by`` how far beyond its nearer end,
  percentage points per year (0 inside), ``direction`` above or below. No growth is always
  within: the backtest may choose models that damp a trend or hold the level (ERCO-COAS: 3.0%/yr
  since 2020, 90% 1.8-4.2%, forecast 0.45%/yr), and a forecast between no growth and the
  history's is not carrying anything forward. A one-off step the trend models read as growth
  lands outside: the line across a step is steeper than the regime after it (WACM's 2022 step
  up, +40%: 4.3%/yr since, forecast 11.1%/yr; SPA's 2023 step down), or turns a rising
  regime's growth into a decline (PSCO's 2022 step down, -14%: 4.2%/yr since, forecast
  -0.3%/yr).

Percentages are per year (5.4 is 5.4%/yr).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.regimes.last_regime import last_regime_growth
from forecasting.zones.history import UTC, hours_in

GROWTH_CHECK_COLUMNS = [
    "zone", "history_regime_start", "history_break", "history_months",
    "history_growth_pct_per_year", "history_growth_low", "history_growth_high",
    "forecast_growth_pct_per_year", "first_year", "last_year", "baseline_mw",
    "last_year_p50_mw", "outside", "direction", "outside_by",
]


def growth_check(zone: str, monthly_mw: pd.Series, forecast_mw: pd.Series, *,
                 clock: str = UTC) -> pd.DataFrame:
    """One row (`GROWTH_CHECK_COLUMNS`) for ``zone``: ``monthly_mw`` the history's monthly
    average MW on a monthly PeriodIndex (NaN or absent: not a complete month), ``forecast_mw``
    the forecast's P50 average MW by calendar year (int index; the last year is compared);
    months on ``clock`` (their hours weigh the baseline)."""
    monthly = _continuous(monthly_mw)
    regime = last_regime_growth(monthly)
    evidence = monthly.dropna()
    base_months = evidence.index[-12:]
    baseline = float(np.average(evidence.iloc[-12:].to_numpy(),
                                weights=hours_in(base_months, clock)))
    last_year = int(max(forecast_mw.index))
    years = (last_year * 12 + 5.5 - np.mean(base_months.year * 12 + base_months.month - 1)) / 12
    forecast = (float(forecast_mw.loc[last_year]) / baseline) ** (1.0 / years) - 1.0
    low, high = min(regime.low, 0.0), max(regime.high, 0.0)  # no growth is always within
    direction = "above" if forecast > high else "below" if forecast < low else ""
    by = {"above": forecast - high, "below": low - forecast}.get(direction, 0.0)
    return pd.DataFrame([{
        "zone": zone, "history_regime_start": regime.start,
        "history_break": regime.last_break is not None, "history_months": regime.months,
        "history_growth_pct_per_year": 100 * regime.growth,
        "history_growth_low": 100 * regime.low, "history_growth_high": 100 * regime.high,
        "forecast_growth_pct_per_year": 100 * forecast,
        "first_year": _label(base_months), "last_year": last_year,
        "baseline_mw": baseline, "last_year_p50_mw": float(forecast_mw.loc[last_year]),
        "outside": bool(direction), "direction": direction, "outside_by": 100 * by,
    }], columns=GROWTH_CHECK_COLUMNS)


def _continuous(monthly: pd.Series) -> pd.Series:
    """Every month from the first evidence month to the last, NaN where there is none."""
    monthly = monthly.astype(float).dropna()
    monthly = monthly[monthly > 0]
    months = pd.period_range(monthly.index.min(), monthly.index.max(), freq="M")
    return monthly.reindex(months)


def _label(months: pd.PeriodIndex) -> str:
    """The baseline months as a year ("2024") when they are one calendar year, else
    "2023-07..2024-06"."""
    if len(months) == 12 and months[0].month == 1 and months[-1] == months[0] + 11:
        return str(months[0].year)
    return f"{months[0]}..{months[-1]}"
