"""Best model by MASE (ties by CRPS), inverse-MASE^2 ensembles that mix paths."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from backtest_models import Drift, RandomWalk, growth_series

from forecasting.backtest.rolling_origin import run_backtest, summary
from forecasting.backtest.selection import (
    Choice,
    allocate_paths,
    choice_rows,
    comparable_rows,
    ensemble_weights,
    mix_paths,
    select_best,
    select_or_ensemble,
    shrink_to_equal,
)
from forecasting.models.loglinear_trend import LogLinearTrend


def table(rows: list[tuple[str, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"model": m, "horizon": "all", "MASE": mase, "CRPS": crps, "n": 10}
         for m, mase, crps in rows]
    )  # fmt: skip


def test_best_is_lowest_mase_with_ties_broken_by_crps():
    assert select_best(table([("a", 1.2, 1.0), ("b", 0.9, 5.0), ("c", 1.0, 0.1)])) == "b"
    assert select_best(table([("a", 0.9, 2.0), ("b", 0.9, 1.0)])) == "b"
    assert select_best(table([("selected", 0.1, 0.1), ("a", 0.9, 2.0)])) == "a"
    assert select_best(table([("a", np.nan, 0.1), ("b", 3.0, 9.0)])) == "b"
    with pytest.raises(ValueError, match="finite MASE"):
        select_best(table([("a", np.nan, 0.1)]))


def test_ensemble_weights_are_inverse_squared_mase():
    weights = ensemble_weights({"a": 1.0, "b": 2.0})
    assert weights == pytest.approx({"a": 0.8, "b": 0.2})
    assert ensemble_weights({"a": 0.0, "b": 1.0}) == {"a": 1.0, "b": 0.0}
    choice = select_or_ensemble(table([("a", 1.0, 1.0), ("b", 2.0, 1.0)]), "ensemble")
    assert choice.kind == "ensemble" and choice.weights == pytest.approx({"a": 0.8, "b": 0.2})
    best = select_or_ensemble(table([("a", 1.0, 1.0), ("b", 2.0, 1.0)]), "best")
    assert best == Choice("best", {"a": 1.0})
    with pytest.raises(ValueError, match="strategy"):
        select_or_ensemble(table([("a", 1.0, 1.0)]), "median")


def test_ensemble_weights_from_few_rows_are_shrunk_towards_equal():
    scores = table([("a", 0.5, 1.0), ("b", 1.0, 1.0)])  # n = 10 rows per model
    raw = select_or_ensemble(scores, "ensemble").weights
    assert raw == pytest.approx({"a": 0.8, "b": 0.2})
    # equal weights count as 10 rows: halfway between the estimate and 50/50
    half = select_or_ensemble(scores, "ensemble", prior_rows=10).weights
    assert half == pytest.approx({"a": 0.65, "b": 0.35})
    assert shrink_to_equal(raw, rows=10_000, prior_rows=10) == pytest.approx(raw, abs=1e-3)
    assert shrink_to_equal(raw, rows=0, prior_rows=10) == pytest.approx({"a": 0.5, "b": 0.5})
    assert select_or_ensemble(scores, "best", prior_rows=10).weights == {"a": 1.0}


def test_mixing_takes_weighted_counts_of_whole_paths():
    assert allocate_paths({"a": 0.8, "b": 0.2}, 1000) == {"a": 800, "b": 200}
    counts = allocate_paths({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}, 100)
    assert sum(counts.values()) == 100 and counts == {"a": 34, "b": 33, "c": 33}
    paths = {
        "a": np.tile([1.0, 10.0], (1000, 1)),
        "b": np.tile([2.0, 20.0], (1000, 1)),
    }
    mixed = mix_paths(paths, {"b": 0.2, "a": 0.8})
    assert mixed.shape == (1000, 2)
    assert (mixed[:, 0] == 1.0).sum() == 800
    # each row is one model's whole path (dependence across periods kept)
    assert set(map(tuple, mixed)) == {(1.0, 10.0), (2.0, 20.0)}
    assert np.quantile(mixed[:, 1], 0.9) == 20.0
    with pytest.raises(KeyError):
        mix_paths(paths, {"c": 1.0})


def test_comparable_rows_keep_only_outcomes_every_model_has():
    frame = pd.DataFrame(
        {"model": ["a", "a", "b"], "origin": ["2000", "2001", "2001"],
         "period": ["2001", "2002", "2002"]}
    )  # fmt: skip
    assert comparable_rows(frame)["origin"].tolist() == ["2001", "2001"]


def test_choice_rows_of_a_single_model_and_an_ensemble():
    series = growth_series(18, start="2000")
    models = {"llt": LogLinearTrend, "rw": RandomWalk, "drift": Drift}
    result = run_backtest(series, models, horizon=3, first_origin="2008", n_paths=300)
    best = select_or_ensemble(summary(result), "best")
    rows = choice_rows(result, best)
    base = result.forecasts[result.forecasts["model"] == best.models[0]]
    assert rows["p90"].tolist() == base["p90"].tolist()
    until = pd.Period("2012", freq="Y")
    early = choice_rows(result, best, until=until)
    assert (pd.PeriodIndex(early["period"], freq="Y") <= until).all()
    ensemble = select_or_ensemble(summary(result), "ensemble")
    assert sum(ensemble.weights.values()) == pytest.approx(1.0)
    mixed = choice_rows(result, ensemble)
    assert len(mixed) == len(base)
    origin = mixed.iloc[0]["origin"]
    expected = mix_paths({m: result.paths[(m, origin)] for m in models}, ensemble.weights)
    assert mixed.iloc[0]["p10"] == pytest.approx(np.quantile(expected[:, 0], 0.1))


def test_robust_weights_are_equal_over_the_best_three_within_the_ratio():
    from forecasting.backtest.selection import robust_weights

    scores = pd.DataFrame({"MASE": [0.5, 0.6, 0.7, 0.55, 5.0], "CRPS": 1.0, "n": 12},
                          index=["a", "b", "c", "d", "bad"])
    assert robust_weights(scores) == {"a": 1 / 3, "b": 1 / 3, "c": 0.0, "d": 1 / 3, "bad": 0.0}
    few = scores.loc[["a", "bad"]]
    assert robust_weights(few) == {"a": 1.0, "bad": 0.0}   # a failure never gets a share


def test_equal_weights_ignore_the_scores_but_leave_out_models_that_failed():
    scores = table([("a", 0.5, 1.0), ("b", 3.0, 1.0), ("c", np.nan, 1.0), ("selected", 0.1, 1.0)])
    choice = select_or_ensemble(scores, "equal")
    assert choice.kind == "equal" and choice.weights == {"a": 0.5, "b": 0.5}
    with pytest.raises(ValueError, match="finite MASE"):
        select_or_ensemble(table([("a", np.nan, 1.0)]), "equal")


def test_trimmed_ensemble_gives_a_failed_model_no_share_of_the_shrinkage():
    scores = table([("a", 0.5, 1.0), ("b", 0.7, 1.0), ("bad", 2.0, 1.0)])  # n = 10 rows each
    plain = select_or_ensemble(scores, "ensemble", prior_rows=10).weights
    assert plain["bad"] > 1 / 6  # half of the equal third goes to the failure
    trimmed = select_or_ensemble(scores, "trimmed", prior_rows=10)
    assert trimmed.kind == "trimmed" and trimmed.weights["bad"] == 0.0
    # over the two kept models, the ensemble's shrunk inverse-MASE^2 weights
    kept = select_or_ensemble(table([("a", 0.5, 1.0), ("b", 0.7, 1.0)]), "ensemble",
                              prior_rows=10).weights
    assert trimmed.weights == pytest.approx({**kept, "bad": 0.0})
    assert sum(trimmed.weights.values()) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="finite MASE"):
        select_or_ensemble(table([("a", np.nan, 1.0)]), "trimmed")
