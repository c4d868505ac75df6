"""Physical limits of a load forecast (`forecasting.backtest.plausible`): a model whose paths
go below zero or explode is not mixed into what is published."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.backtest.choose import backtest_and_choose, chosen_paths
from forecasting.backtest.plausible import (
    MAX_SHARE,
    UPPER_FACTOR,
    history_growth,
    plausible_weights,
)
from forecasting.models.registry import MODELS

COAS = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "eia930_2020_2024"
        / "zones" / "ERCO-COAS.csv")


def _paths(level, spread, n=200, horizon=24, seed=0):
    rng = np.random.default_rng(seed)
    return level + spread * rng.standard_normal((n, horizon)).cumsum(axis=1)


def test_a_model_drawing_negative_load_loses_its_weight_to_the_others():
    paths = {"steady": _paths(1000.0, 5.0), "wild": _paths(1000.0, 400.0)}
    assert (paths["wild"] <= 0).any(axis=1).mean() > MAX_SHARE
    weights = plausible_weights(paths, {"steady": 0.5, "wild": 0.5})
    assert weights == {"steady": 1.0, "wild": 0.0}


def test_a_model_exploding_past_the_upper_limit_is_left_out():
    boom = np.exp(np.linspace(np.log(1000.0), np.log(1000.0 * UPPER_FACTOR * 3), 24))
    paths = {"steady": _paths(1000.0, 5.0), "boom": np.tile(boom, (200, 1)),
             "other": _paths(1000.0, 8.0, seed=1)}
    weights = plausible_weights(paths, {"steady": 0.2, "boom": 0.6, "other": 0.2})
    assert weights["boom"] == 0.0
    assert weights["steady"] == pytest.approx(0.5) and weights["other"] == pytest.approx(0.5)


def test_weights_are_kept_when_every_model_or_none_leaves_the_limits():
    wild = {"a": _paths(1000.0, 400.0), "b": _paths(1000.0, 400.0, seed=2)}
    assert plausible_weights(wild, {"a": 0.3, "b": 0.7}) == {"a": 0.3, "b": 0.7}
    calm = {"a": _paths(1000.0, 5.0), "b": _paths(1000.0, 5.0, seed=2)}
    assert plausible_weights(calm, {"a": 0.3, "b": 0.7}) == {"a": 0.3, "b": 0.7}


@settings(max_examples=40, deadline=None)
@given(spreads=st.lists(st.floats(0.0, 600.0), min_size=1, max_size=5),
       raw=st.lists(st.floats(0.01, 1.0), min_size=5, max_size=5))
def test_weights_stay_non_negative_and_keep_their_sum(spreads, raw):
    paths = {f"m{i}": _paths(1000.0, s, seed=i) for i, s in enumerate(spreads)}
    weights = {f"m{i}": raw[i] for i in range(len(spreads))}
    out = plausible_weights(paths, weights)
    assert all(w >= 0 for w in out.values())
    assert sum(out.values()) == pytest.approx(sum(weights.values()))
    assert set(out) == set(weights)


@pytest.fixture(scope="module")
def short_energy():
    """ERCO-COAS's last 25 complete months of energy: a short history on which AutoETS draws
    most of its 10-year paths below zero."""
    if not COAS.exists():
        pytest.skip("the EIA-930 zone files in ../shared are absent")
    from forecasting.zones.backtest import monthly_load
    from forecasting.zones.history import build_history
    from forecasting.zones.read import read_zone_files

    energy = monthly_load(build_history(read_zone_files([str(COAS)])))["energy_gwh"]
    return energy.dropna().iloc[-25:]


def test_a_short_zone_history_publishes_no_negative_load(short_energy):
    factories = {name: MODELS[name] for name in ("auto_ets", "seasonal_level")}
    choice = backtest_and_choose(short_energy, factories, horizon=1,
                                 first_origin=short_energy.index[23], n_paths=50,
                                 strategy="equal")
    assert set(choice.weights) == {"auto_ets", "seasonal_level"}

    def paths(limits):
        return chosen_paths(short_energy, choice, factories, 120, 400,
                            np.random.default_rng(3), limits=limits)

    # without the limits a third of the mixture's paths fall to nothing (AutoETS draws them
    # below zero; they are raised to the lowest positive value drawn, `positive_paths`)
    assert (paths(limits=False) < 0.1 * short_energy.min()).any()
    kept = paths(limits=True)
    assert (kept > 0).all()
    assert np.quantile(kept[:, -1], 0.95) < UPPER_FACTOR * short_energy.max()


def test_a_zone_growing_fast_in_its_history_keeps_its_trend_models():
    # a small zone filling with data centers, +40% a year: the trend models' paths pass 10x
    # its level within the 11 years of a zone forecast; only its own growth allows them
    months = pd.period_range("2020-01", periods=60, freq="M")
    history = pd.Series(1000.0 * 1.4 ** (np.arange(60) / 12), index=months)
    growth = history_growth(history)
    assert growth == pytest.approx(1.4 ** (1 / 12))
    rng = np.random.default_rng(3)
    ahead = np.arange(1, 133)
    trend = {f"trend{i}": history.iloc[-1] * 1.4 ** (ahead / 12)
             * np.exp(0.05 * rng.standard_normal((200, 132))) for i in range(3)}
    paths = {**trend, "flat": _paths(float(history.iloc[-1]), 5.0, horizon=132)}
    weights = {"trend0": 0.3, "trend1": 0.3, "trend2": 0.3, "flat": 0.1}
    assert plausible_weights(paths, weights)["flat"] == pytest.approx(1.0)  # the tenfold limit
    assert plausible_weights(paths, weights, growth=growth) == weights
    # a model running away faster than the history grew is still left out
    paths["boom"] = np.tile(history.iloc[-1] * 3.0 ** (ahead / 12), (200, 1))
    assert plausible_weights(paths, {**weights, "boom": 0.2}, growth=growth)["boom"] == 0.0


def test_a_flat_or_shrinking_or_short_history_keeps_the_tenfold_limit():
    months = pd.period_range("2020-01", periods=36, freq="M")
    assert history_growth(pd.Series(1000.0, index=months), 12) == 1.0
    assert history_growth(pd.Series(1000.0 * 0.9 ** np.arange(36), index=months), 12) == 1.0
    assert history_growth(pd.Series(1000.0, index=months[:20]), 12) == 1.0
    assert history_growth(None, 12) == 1.0
