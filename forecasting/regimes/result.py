"""Small frozen result types of the regime detectors, and the report they assemble into.

Periods are strings as pandas prints them: `"2017"` for annual data, `"2021-12"` for monthly,
`"2021-12-31"` for daily, `"2021-12-31 23:00"` for hourly. Growth rates are per period of the
series' frequency (per year for annual data, per month for monthly data).

`RegimeReport.to_dict()` gives a JSON-able dict (non-finite floats become `None`, so
`json.dumps(..., allow_nan=False)` works) of exactly this shape::

    {
      "frequency": "Y",
      "breaks": [{"period", "ci_low", "ci_high", "p_value"}, ...],
      "segments": [{"start", "end", "growth_rate", "growth_low", "growth_high", "n_periods"}],
      "cusum_p_value": 0.01,
      "markov": {"converged", "message", "regime_growth", "regime_volatility",
                 "log_likelihood", "smoothed_probabilities"} or None
    }
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


def _num(x: float | None) -> float | None:
    """A float for JSON: non-finite values (nan, inf) become None."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


@dataclass(frozen=True)
class Break:
    """A break in the trend: `period` is the first period of the new segment.

    `index` is its 0-based position in the series; `ci_low`/`ci_high` bound the break period
    (bootstrap interval, at least from the old segment's last point to the new one's first,
    see `piecewise_trend`); `p_value` is the nominal Chow F-test of one
    line against two lines on the two segments adjacent to the break (for a monthly, daily
    or hourly series, on the deseasonalised values, widened for autocorrelated residuals and
    Bonferroni-adjusted: `seasonal_detect`).
    """

    period: str
    index: int
    ci_low: str
    ci_high: str
    p_value: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "p_value": _num(self.p_value),
        }


@dataclass(frozen=True)
class Segment:
    """A segment between breaks, with its log-linear growth per period.

    `growth_rate = exp(slope) - 1` of the OLS line of log(values) on time within the segment;
    `growth_low`/`growth_high` map the ends of a t-interval of the slope (90% by default).
    `start` and `end` are the first and last periods (inclusive); `n_periods` counts the
    periods from start to end, `n_points` the ones with evidence (published values) that the
    line was fitted to.
    """

    start: str
    end: str
    growth_rate: float
    growth_low: float
    growth_high: float
    n_periods: int = 0
    n_points: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "growth_rate": _num(self.growth_rate),
            "growth_low": _num(self.growth_low),
            "growth_high": _num(self.growth_high),
            "n_periods": int(self.n_periods),
            "n_points": int(self.n_points),
        }


@dataclass(frozen=True)
class MarkovResult:
    """Outcome of the exploratory Markov-switching model of growth rates.

    When `converged` is False, `message` says why; estimates may then be empty or unreliable.
    Regimes are ordered by growth, lowest first. `regime_growth[i] = exp(mu_i) - 1` where
    `mu_i` is the regime's mean of diff(log values); `regime_volatility[i]` is its standard
    deviation. `smoothed_probabilities` maps each period (of the growth series, so starting at
    the second period of the input) to the list of smoothed regime probabilities.
    """

    converged: bool
    message: str
    regime_growth: tuple[float, ...] = ()
    regime_volatility: tuple[float, ...] = ()
    log_likelihood: float = math.nan
    smoothed_probabilities: dict[str, tuple[float, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "converged": bool(self.converged),
            "message": self.message,
            "regime_growth": [_num(g) for g in self.regime_growth],
            "regime_volatility": [_num(s) for s in self.regime_volatility],
            "log_likelihood": _num(self.log_likelihood),
            "smoothed_probabilities": {
                period: [_num(p) for p in probs]
                for period, probs in self.smoothed_probabilities.items()
            },
        }


@dataclass(frozen=True)
class RegimeReport:
    """Everything `detect_regimes` found about one series."""

    frequency: str
    breaks: tuple[Break, ...]
    segments: tuple[Segment, ...]
    cusum_p_value: float
    markov: MarkovResult | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "frequency": self.frequency,
            "breaks": [b.to_dict() for b in self.breaks],
            "segments": [s.to_dict() for s in self.segments],
            "cusum_p_value": _num(self.cusum_p_value),
            "markov": None if self.markov is None else self.markov.to_dict(),
        }
