"""Harmonic shrunk trend: `seasonal_shrunk_trend` with a smooth yearly shape. Monthly data.

The model: log y_t = a + b t + sum_{k=1..K} (c_k sin(2 pi k m_t / 12) + d_k cos(2 pi k m_t / 12))
+ e_t, by OLS on the latest `window` months (default 36), m_t the month of t (0-11), K =
`harmonics` (default 3: six seasonal parameters instead of eleven month effects). The centre
and the paths are `seasonal_shrunk_trend`'s: the level at the middle of the window plus the
slope shrunk by k = max(0, 1 - (t0 / t_b)^2), t_b = b / se_b, t0 = `slope_threshold`.

Why a smooth shape: with two to four years of history, each month's own effect is the average
of two to four weathers of that month (a hot July, a mild one), and those weathers are what a
forecast a year ahead gets wrong. Three harmonics keep the shape of a summer and a winter peak
and their shoulders but pool each month's effect with its neighbours', so one unusual month
moves the shape less. On the 111 EIA-930 zones (`benchmarks/zones_accuracy/`) the candidate
alone is the most accurate of the project's candidates on both monthly mean and monthly peak
MW (median 0.95x / 0.93x the best peer), and K = 3 did better than 2, 4 or 5 at every window
tried (24, 36, 48 months), on either half of the zones (`harmonics.py`).
"""

from __future__ import annotations

from typing import ClassVar

from forecasting.models.seasonal_shrunk_trend import SeasonalShrunkTrend


class HarmonicShrunkTrend(SeasonalShrunkTrend):
    name: ClassVar[str] = "harmonic_shrunk_trend"
    frequencies: ClassVar[frozenset[str]] = frozenset({"M"})

    def __init__(self, *, window: int | None = None, min_log_sd: float = 0.0,
                 slope_threshold: float = 3.0, harmonics: int = 3) -> None:
        super().__init__(window=window, min_log_sd=min_log_sd,
                         slope_threshold=slope_threshold, harmonics=harmonics)
