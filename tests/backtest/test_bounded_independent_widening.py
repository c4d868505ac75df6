"""The independent widening on the log scale is bounded so that a year's median stays near the
sum of its monthly medians: a zone whose load stepped down 30% got factors of 4-5 from the
backtest origins that scored the step, and its annual energy P50 came out 50% above the level
of every monthly P50. Each month's band is unchanged; what the factor asks beyond the bound
is drawn once per path (persistent), not afresh each month."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.backtest.widening import MAX_INDEPENDENT_LOG_SD, split_factors, widen

SEASON = np.log(1000.0 * (1.0 + 0.3 * np.cos(2.0 * np.pi * np.arange(12) / 12.0)))


def log_paths(n: int, sd: float, persistence: float, seed: int) -> np.ndarray:
    """A synthetic zone's 12 monthly log energies after a step: its models' own spread `sd`,
    a share `persistence` of the variance a level held all year, the rest monthly noise."""
    rng = np.random.default_rng(seed)
    level = rng.normal(0.0, 1.0, (n, 1))
    noise = rng.normal(0.0, 1.0, (n, 12))
    return SEASON + sd * (np.sqrt(persistence) * level + np.sqrt(1.0 - persistence) * noise)


def widened(z: np.ndarray, factor: float, seed: int, bounded: bool = True) -> np.ndarray:
    common, extra = split_factors([factor] * 12, "independent")
    bound = MAX_INDEPENDENT_LOG_SD if bounded else None
    return widen(z, common, extra, np.random.default_rng(seed), independent_sd=bound)


def annual_over_monthly_medians(energy: np.ndarray) -> float:
    return float(np.median(energy.sum(axis=1)) / np.median(energy, axis=0).sum())


def width(x: np.ndarray) -> np.ndarray:
    q10, q90 = np.quantile(x, [0.1, 0.9], axis=0)
    return q90 - q10


@settings(max_examples=20, deadline=None)
@given(factor=st.floats(1.0, 5.0), sd=st.floats(0.02, 0.25), persistence=st.floats(0.0, 1.0),
       seed=st.integers(0, 999))
def test_a_years_median_stays_near_the_sum_of_its_monthly_medians(factor, sd, persistence,
                                                                 seed):
    z = log_paths(3000, sd, persistence, seed)
    out = widened(z, factor, seed)
    own = annual_over_monthly_medians(np.exp(z))  # the models' own skew, not the widening's
    assert annual_over_monthly_medians(np.exp(out)) <= own + 0.03
    # each month's band is still the factor times the models' own, around the same median
    np.testing.assert_allclose(width(out), factor * width(z), rtol=0.08)
    shift = np.abs(np.median(out, axis=0) - np.median(z, axis=0))
    assert (shift <= 0.05 * width(out)).all()  # about 5 standard errors of a median
    q = np.quantile(np.exp(out).sum(axis=1), [0.05, 0.1, 0.5, 0.9, 0.95])
    assert (np.diff(q) > 0).all()


def test_unbounded_the_step_zone_publishes_an_annual_median_half_above_its_months():
    z = log_paths(4000, 0.25, 0.5, 0)
    assert annual_over_monthly_medians(np.exp(widened(z, 4.5, 1, bounded=False))) > 1.5
    assert annual_over_monthly_medians(np.exp(widened(z, 4.5, 1))) < 1.04


def test_a_small_widening_draws_nothing_more_and_is_unchanged():
    """Dominion-sized factors on a Dominion-sized spread: the bound never binds, so the
    paths are the same to the bit (no extra random draw either)."""
    z = log_paths(1000, 0.05, 0.5, 3)
    np.testing.assert_array_equal(widened(z, 2.0, 4), widened(z, 2.0, 4, bounded=False))
