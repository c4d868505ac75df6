"""A zone whose load stepped (a member left: x 0.7; a merger: x 1.3) a year before its
history ended: its backtest origins before the step scored it with narrow bands, so the
conformal factors come out large; its final models, fitted across the step, have a wide band
of their own. From those synthetic backtest rows and final paths, through the calibration
functions the zone run uses (fit, bound, widen; no pipeline run), the year's energy median
stays near the sum of its monthly medians and no month's band reaches past twice the step.
The fuzzed zone (FPL x 0.7 from 2024) had published a 2025 energy P50 47% above the sum of
its monthly P50s and a 2025-03 P95 six times its median."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.backtest.calibration import fit_calibration
from forecasting.backtest.choose import BaselineChoice, calibrated_paths
from forecasting.backtest.selected import Decision
from forecasting.backtest.selection import Choice
from forecasting.backtest.widening import MAX_INDEPENDENT_LOG_SD

Z = {"p05": -1.6449, "p10": -1.2816, "p50": 0.0, "p90": 1.2816, "p95": 1.6449}
SEASON = np.log(900.0 * (1.0 + 0.25 * np.cos(2.0 * np.pi * np.arange(12) / 12.0)))


def backtest_rows(step: float, rng: np.random.Generator) -> pd.DataFrame:
    """Log-scale backtest rows at horizons 1-12: 12 origins, bands of sd 0.03, the actuals
    ordinary misses except the origins whose periods crossed the step (`step` in log)."""
    frames = []
    for origin in range(12):
        for h in range(1, 13):
            actual = rng.normal(0.0, 0.03) + (step if origin + h >= 12 else 0.0)
            frames.append({"horizon": h, "actual": actual,
                           **{col: 0.03 * z for col, z in Z.items()}})
    return pd.DataFrame(frames)


def final_log_paths(sd: float, rng: np.random.Generator, n: int = 3000) -> np.ndarray:
    """The models fitted across the step: the post-step level, their own spread `sd`, half
    of it a level held all year."""
    level = rng.normal(0.0, 1.0, (n, 1))
    return SEASON + sd * (np.sqrt(0.5) * level + np.sqrt(0.5) * rng.normal(0.0, 1.0, (n, 12)))


@settings(max_examples=8, deadline=None)
@given(step=st.sampled_from([np.log(0.7), np.log(1.3)]), sd=st.floats(0.05, 0.25),
       seed=st.integers(0, 999))
def test_a_stepped_zones_year_is_the_sum_of_its_months_and_its_bands_stop_at_the_step(
        step, sd, seed):
    rng = np.random.default_rng(seed)
    calibration = fit_calibration(backtest_rows(step, rng), horizons=range(1, 13))
    assert min(calibration.factors.values()) > 3  # the step makes the factors large
    decision = Decision(Choice("best", {"m": 1.0}), calibration, scored_rows=0, log_scale=True)
    choice = BaselineChoice(result=None, decision=decision, summary=pd.DataFrame())
    z = final_log_paths(sd, rng)
    out = calibrated_paths(z, choice, widening="independent", rng=rng,
                           independent_sd=MAX_INDEPENDENT_LOG_SD)
    energy = np.exp(out)
    monthly_medians = np.median(energy, axis=0)
    annual_median = np.median(energy.sum(axis=1))
    own_skew = np.median(np.exp(z).sum(axis=1)) / np.median(np.exp(z), axis=0).sum()
    assert annual_median / monthly_medians.sum() <= own_skew + 0.03
    # the months stay at the models' level; no band reaches past twice the step's miss
    q05, q50, q95 = np.quantile(out, [0.05, 0.5, 0.95], axis=0)
    own05, own95 = np.quantile(z, [0.05, 0.95], axis=0)
    assert (np.abs(q50 - SEASON) <= 0.05 + 0.1 * sd).all()
    largest = np.array([calibration.largest_misses[h] for h in range(1, 13)])
    assert (q95 - q05 <= np.maximum(4.0 * largest, own95 - own05) * 1.1).all()  # to sampling
    assert (q95 - q05 >= (own95 - own05) * 0.92).all()  # and none narrower than the models'
