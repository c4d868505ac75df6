"""Regime-change detection for a load series: one detector per module.

- `piecewise_trend.PiecewiseTrend`: breaks of a piecewise log-linear trend (ruptures `Dynp`,
  BIC), with bootstrap intervals for break dates and Chow p-values;
- `cusum.CusumTest`: OLS-CUSUM stability test of one log-linear trend;
- `markov_switching.MarkovSwitchingGrowth`: exploratory two-regime Markov-switching model of
  growth rates;
- `detect.detect_regimes`: runs all three and returns a `result.RegimeReport` (a monthly,
  daily or hourly series with its season taken out first: `seasonal_detect`, with the parts
  it shares with `last_regime` in `joint_season`).
"""

from forecasting.regimes.cusum import CusumTest
from forecasting.regimes.detect import detect_regimes
from forecasting.regimes.markov_switching import MarkovSwitchingGrowth
from forecasting.regimes.piecewise_trend import PiecewiseTrend
from forecasting.regimes.result import Break, MarkovResult, RegimeReport, Segment

__all__ = [
    "Break",
    "CusumTest",
    "MarkovResult",
    "MarkovSwitchingGrowth",
    "PiecewiseTrend",
    "RegimeReport",
    "Segment",
    "detect_regimes",
]
