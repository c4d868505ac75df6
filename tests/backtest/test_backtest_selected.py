"""`selected` rows: chosen and calibrated with earlier outcomes only (no look-ahead)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from backtest_models import Drift, FailsWhenShort, RandomWalk, growth_series, random_walk_series

from forecasting.backtest.rolling_origin import FORECAST_COLUMNS, run_backtest, summary
from forecasting.backtest.selected import decide, selected_forecasts, with_selected
from forecasting.backtest.selection import PRIOR_ORIGINS, ensemble_weights, shrink_to_equal
from forecasting.models.loglinear_trend import LogLinearTrend

MODELS = {"llt": LogLinearTrend, "rw": RandomWalk, "drift": Drift}
FORECAST = ["mean", "p05", "p10", "p50", "p90", "p95"]


def backtest(series, models=None, **kw):
    kw = {"horizon": 3, "first_origin": "2000", "n_paths": 300, "seed": 5, **kw}
    return run_backtest(series, MODELS if models is None else models, **kw)


@pytest.mark.parametrize("strategy", ["best", "ensemble"])
def test_an_origins_selected_forecast_ignores_later_data(strategy):
    series = growth_series(30, start="1990")
    altered = series.copy()
    altered[altered.index > pd.Period("2010", freq="Y")] *= np.linspace(0.5, 3.0, 9)
    a = with_selected(backtest(series), strategy=strategy).forecasts
    b = with_selected(backtest(altered), strategy=strategy).forecasts
    sel_a, sel_b = a[a["model"] == "selected"], b[b["model"] == "selected"]
    early = sel_a["origin"].astype(int) <= 2010
    pd.testing.assert_frame_equal(sel_a.loc[early, FORECAST], sel_b.loc[early, FORECAST])
    assert not np.allclose(sel_a.loc[~early, "p50"], sel_b.loc[~early, "p50"])
    # the information was used: later origins are calibrated by then
    decisions = selected_forecasts(backtest(series), strategy=strategy).decisions
    assert decisions["2010"].calibration.is_calibrated(1)
    assert not decisions["2001"].calibration.is_calibrated(1)


def test_first_origin_falls_back_to_model_based_bands():
    result = backtest(growth_series(30, start="1990"))
    chosen = selected_forecasts(result, fallback="llt")
    first = chosen.decisions["2000"]
    assert first.choice.kind == "fallback" and first.choice.weights == {"llt": 1.0}
    assert first.scored_rows == 0
    assert not any(first.calibration.calibrated.values())
    llt = result.forecasts.query("model == 'llt' and origin == '2000'")
    pd.testing.assert_frame_equal(
        chosen.rows.query("origin == '2000'")[FORECAST].reset_index(drop=True),
        llt[FORECAST].reset_index(drop=True),
    )
    equal = selected_forecasts(result).decisions["2000"].choice
    assert equal.weights == pytest.approx({"drift": 1 / 3, "llt": 1 / 3, "rw": 1 / 3})
    # at 2001 only the 2000 -> 2001 outcome is known
    assert chosen.decisions["2001"].scored_rows == 3
    assert chosen.decisions["2001"].choice.kind == "best"


def test_with_selected_adds_sorted_rows_with_the_same_columns():
    result = backtest(growth_series(30, start="1990"))
    out = with_selected(result, strategy="ensemble")
    frame = out.forecasts
    assert list(frame.columns) == list(result.forecasts.columns)
    assert list(frame.columns[: len(FORECAST_COLUMNS)]) == FORECAST_COLUMNS
    assert list(frame["model"].unique()) == ["drift", "llt", "rw", "selected"]
    sel = frame[frame["model"] == "selected"]
    assert len(sel) == len(frame[frame["model"] == "llt"])
    assert ("selected", "2005") in out.paths
    assert "selected" in set(summary(out)["model"])
    again = with_selected(out, strategy="ensemble")
    pd.testing.assert_frame_equal(again.forecasts, frame)
    # the decision on the whole backtest is what the pipeline publishes
    final = decide(result, strategy="ensemble")
    assert final.choice.kind == "ensemble" and final.calibration.is_calibrated(3)


def test_models_failing_at_an_origin_are_not_candidates_there():
    models = {"short": lambda: FailsWhenShort(needed=15), "rw": RandomWalk}
    result = backtest(growth_series(30, start="1990"), models)
    chosen = selected_forecasts(result, strategy="ensemble")
    assert set(chosen.decisions["2000"].choice.weights) == {"rw"}  # short fails until 2004
    assert set(chosen.decisions["2006"].choice.weights) == {"rw", "short"}
    assert len(chosen.rows) == len(result.forecasts.query("model == 'rw'"))


def test_selected_bands_of_a_too_narrow_model_reach_near_target_coverage():
    series = random_walk_series(170, seed=2, start="1850")
    result = run_backtest(
        series, {"narrow": lambda: RandomWalk(sd_scale=0.4)}, horizon=2, first_origin="1860",
        n_paths=300, seed=1,
    )  # fmt: skip
    out = with_selected(result)
    table = summary(out).query("horizon == 'all'").set_index("model")
    assert table.loc["narrow", "coverage80"] < 0.5
    late = out.forecasts.query("model == 'selected' and origin >= '1880'")
    hits = (late["p10"] <= late["actual"]) & (late["actual"] <= late["p90"])
    assert 0.7 < hits.mean() < 0.9
    assert table.loc["selected", "width80"] > 2 * table.loc["narrow", "width80"]


def test_the_published_ensemble_shrinks_its_weights_towards_equal():
    result = backtest(growth_series(30, start="1990"))
    final = decide(result, strategy="ensemble")
    scores = summary(result).query("horizon == 'all'").set_index("model")
    raw = ensemble_weights(scores["MASE"].to_dict())
    n = float(scores["n"].min())
    assert final.choice.weights == pytest.approx(
        shrink_to_equal(raw, n, PRIOR_ORIGINS * result.horizon))
    # the best model keeps more than an equal share, but less than its raw weight
    best = max(raw, key=raw.get)
    assert 1 / len(raw) < final.choice.weights[best] < raw[best]


def test_interpolated_actuals_are_marked_and_never_scored():
    """Rows at periods that are not evidence carry observed = False; no summary metric, choice
    or calibration uses them: changing their actuals changes nothing that is scored."""
    from forecasting.backtest.choose import backtest_and_choose
    from forecasting.models.drift import Drift
    from forecasting.models.naive import Naive

    years = pd.period_range("2000", "2023", freq="Y")
    values = pd.Series(np.exp(np.linspace(3, 5, len(years))), index=years)
    observed = pd.Series(True, index=years)
    observed.iloc[[12, 13, 17, 19, 20]] = False
    choice = backtest_and_choose(values, {"drift": Drift, "naive": Naive}, horizon=3,
                                 first_origin="2008", n_paths=100, observed=observed)
    rows = choice.result.forecasts
    hidden = ~rows["observed"]
    assert set(rows.loc[hidden, "period"]) == {str(p) for p in years[~observed.to_numpy()]}
    overall = choice.summary[choice.summary["horizon"] == "all"].set_index("model")["n"]
    assert (overall == rows[~hidden].groupby("model").size()).all()
    moved = rows.assign(actual=np.where(hidden, rows["actual"] * 10, rows["actual"]))
    assert summary(moved).equals(summary(rows))


def test_filled_values_are_never_fitted_or_scaled_on():
    """With `observed`, a model's training window has the periods that are not evidence as
    missing: changing the filled values changes no forecast, no scale and no score."""
    from forecasting.models.drift import Drift

    years = pd.period_range("2000", "2023", freq="Y")
    values = pd.Series(np.exp(np.linspace(3, 5, len(years))), index=years)
    observed = pd.Series(True, index=years)
    observed.iloc[[12, 13, 17, 19, 20]] = False
    seen = []

    class Watching(Drift):
        def _fit(self, series):
            seen.append(series)
            super()._fit(series)

    def run(series):
        return run_backtest(series, {"drift": Watching}, horizon=3, first_origin="2008",
                            n_paths=100, observed=observed)

    result = run(values)
    assert any(s.isna().any() for s in seen)
    for train in seen:  # every filled year the model saw is missing
        flags = observed.reindex(train.index).to_numpy()
        assert train[~flags].isna().all() and train[flags].notna().all()
    filled = values.where(observed, values * 3.0)  # other filled values, same evidence
    again = run(filled)
    columns = ["origin", "period", "mean", "p10", "p50", "p90", "mase_scale"]
    assert again.forecasts[columns].equals(result.forecasts[columns])


@pytest.mark.parametrize("strategy", ["robust", "trimmed"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_robust_selection_stays_near_the_best_candidate_when_one_fails_badly(seed, strategy):
    from backtest_models import Runaway

    from forecasting.backtest.selection import ROBUST_RATIO

    models = {**MODELS, "runaway": Runaway}
    result = backtest(growth_series(30, seed=seed, start="1990"), models, first_origin="2002")
    rows = with_selected(result, strategy=strategy, fallback="llt").forecasts
    mase = summary(rows).query("horizon == 'all'").set_index("model")["MASE"]
    best = mase[list(MODELS)].min()
    assert mase["runaway"] > 3 * best          # the candidate does fail badly
    assert mase["selected"] <= ROBUST_RATIO * best
    decisions = selected_forecasts(result, strategy=strategy, fallback="llt").decisions
    scored = [d for d in decisions.values() if d.scored_rows]
    assert scored and all(d.choice.weights["runaway"] == 0 for d in scored)
