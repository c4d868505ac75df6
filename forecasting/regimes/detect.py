"""One call that runs every regime detector on a series and assembles a `RegimeReport`.

1. `PiecewiseTrend`: breaks of a piecewise log-linear trend (exact search, BIC), each with a
   bootstrap interval for its date and a nominal Chow p-value; the segments between breaks
   carry their growth rate per period with a 90% interval.
2. `CusumTest`: OLS-CUSUM p-value for one stable log-linear trend over the whole series.
3. `MarkovSwitchingGrowth` (optional, exploratory): two-regime Markov-switching model of growth
   rates; reports `converged=False` rather than failing.

Those three on the values as they are for an annual series; a monthly, daily or hourly
series goes to `seasonal_detect`, which takes the season out jointly with the regimes and
tests breaks allowing for weather spells (a piecewise trend on raw monthly load takes the
season's swing for noise: it missed a 20% step, misdated January steps and found breaks in
daily noise).

A period without evidence (NaN) is left out of every test, never filled: the trend and CUSUM
run on the observed points at their true times, and the Markov model (which needs
consecutive growth rates) is skipped for a series with gaps.

All randomness is driven by `seed`; the same input and arguments give the same report.
"""

from __future__ import annotations

import pandas as pd

from forecasting.contracts import frequency_code
from forecasting.regimes._series import validate_series
from forecasting.regimes.cusum import CusumTest
from forecasting.regimes.markov_switching import MarkovSwitchingGrowth
from forecasting.regimes.piecewise_trend import PiecewiseTrend
from forecasting.regimes.result import RegimeReport
from forecasting.regimes.seasonal_detect import detect_seasonal


def detect_regimes(
    series: pd.Series,
    *,
    min_size: int = 3,
    max_breaks: int = 3,
    seed: int = 0,
    markov: bool = True,
    n_bootstrap: int = 199,
) -> RegimeReport:
    """Breaks, segment growth rates, CUSUM p-value and (optionally) Markov regimes.

    `min_size` is the shortest segment in periods of the series' frequency (at least 3);
    `max_breaks` the most breaks considered; `seed` seeds the break-date bootstrap and the
    Markov start-value search; `markov=False` skips the Markov model (`markov` is then None);
    `n_bootstrap` is the number of bootstrap replicates per break. A sub-annual series has
    its season removed first (module docstring, `seasonal_detect`).

    Raises `TypeError`/`ValueError` for input that breaks the series convention and
    `forecasting.errors.SeriesTooShortError` for fewer than `max(min_size, 4)` periods (for a
    sub-annual series, `seasonal_detect.min_periods`: two years).
    """
    series = validate_series(series, "detect_regimes", min_length=max(min_size, 4),
                             allow_missing=True)
    if frequency_code(series.index) != "Y":
        return detect_seasonal(series, min_size=min_size, max_breaks=max_breaks, seed=seed,
                               markov=markov, n_bootstrap=n_bootstrap)
    gapped = bool(series.isna().any())
    trend = PiecewiseTrend(
        min_size=min_size, max_breaks=max_breaks, n_bootstrap=n_bootstrap, seed=seed
    ).fit(series)
    cusum = CusumTest().fit(series)
    # growth rates need consecutive periods: with gaps the Markov model is not run
    markov_result = (MarkovSwitchingGrowth(seed=seed).fit(series).result_
                     if markov and not gapped else None)
    return RegimeReport(
        frequency=frequency_code(series.index),
        breaks=trend.breaks_,
        segments=trend.segments_,
        cusum_p_value=cusum.p_value_,
        markov=markov_result,
    )
