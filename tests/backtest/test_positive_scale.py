"""Load is positive: the scale of a forecast's bands is decided by the series' evidence, not by
one model's backtest quantile. A zone whose load stepped down (SPA: 65 MW, then 20) had wide
backtest bands reaching below zero at a few origins; one such quantile turned the whole
forecast to the linear scale, switching off the physical limits and the log-scale widening,
and the published P05 of energy went below zero in 131 of 132 months."""

from __future__ import annotations

import numpy as np
import pandas as pd
from backtest_models import RandomWalk

from forecasting.backtest.calibration import fit_calibration
from forecasting.backtest.choose import backtest_and_choose, chosen_paths
from forecasting.backtest.selected import selected_forecasts


def stepped_down() -> pd.Series:
    """Five years of monthly load, 65 then 20 from the 44th month on, always positive."""
    rng = np.random.default_rng(4)
    level = np.where(np.arange(60) < 43, 65.0, 20.0)
    values = level * np.exp(rng.normal(0.0, 0.08, 60))
    return pd.Series(values, index=pd.period_range("2020-01", periods=60, freq="M"))


def choose():
    factories = {"walk": lambda: RandomWalk(sd_scale=1.5)}
    choice = backtest_and_choose(stepped_down(), factories, horizon=12,
                                 first_origin="2022-12", n_paths=200, seed=1)
    return choice, factories


def test_a_backtest_band_below_zero_keeps_a_positive_series_on_the_log_scale():
    choice, _ = choose()
    rows = choice.result.forecasts
    walk = rows[(rows["model"] == "walk") & rows["observed"]]
    assert (walk["actual"] > 0).all() and (walk["p05"] <= 0).any()  # the case of the defect
    assert choice.decision.log_scale
    assert choice.decision.calibration.is_calibrated(12)  # the band reaching zero is no NaN


def test_the_published_paths_and_the_backtests_selected_stay_positive():
    choice, factories = choose()
    for limits in (False, True):
        paths = chosen_paths(stepped_down(), choice, factories, 132, 400,
                             np.random.default_rng(0), widening="independent", limits=limits,
                             season=12)
        assert (paths > 0).all()
    chosen = selected_forecasts(choice.result, widening="independent", limits=True,
                                season=12, history=stepped_down())
    assert all((p > 0).all() for p in chosen.paths.values())
    assert (chosen.rows[["p05", "p10", "p50", "p90", "p95"]] > 0).all().all()



def test_a_median_at_zero_is_a_miss_and_narrows_no_band():
    # on the log scale a median at or below zero is -inf: a positive actual is infinitely far
    # above it, a miss no factor covers (it had scored NaN, dropped from the 90% factor, and
    # the other rows' 80% factor halved the band)
    rows = pd.DataFrame({"horizon": 1, "actual": np.log(np.full(12, 10.0)),
                         "p05": np.log(2.0), "p10": np.log(2.5), "p50": np.log(8.0),
                         "p90": np.log(30.0), "p95": np.log(40.0)})
    rows.loc[11, ["p05", "p10", "p50"]] = -np.inf
    calibration = fit_calibration(rows)
    assert calibration.factor(1) >= 1.0
