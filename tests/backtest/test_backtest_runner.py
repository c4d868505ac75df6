"""run_backtest: table shape, determinism, order independence, failures, summary values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from backtest_models import (
    Constant,
    Drift,
    FailsWhenShort,
    NaNPaths,
    RandomWalk,
    growth_series,
    random_walk_series,
)

from forecasting.backtest import metrics
from forecasting.backtest.rolling_origin import FORECAST_COLUMNS, run_backtest, summary
from forecasting.models.loglinear_trend import LogLinearTrend

MODELS = {"rw": RandomWalk, "drift": Drift, "llt": LogLinearTrend}


@pytest.fixture(scope="module")
def series() -> pd.Series:
    return growth_series(20, start="2000")


def run(series, models=None, **kw):
    kw = {"horizon": 3, "first_origin": "2008", "last_origin": "2018", "n_paths": 200, **kw}
    return run_backtest(series, MODELS if models is None else models, **kw)


def test_table_has_the_required_columns_and_one_row_per_model_origin_period(series):
    result = run(series)
    frame = result.forecasts
    assert list(frame.columns[: len(FORECAST_COLUMNS)]) == FORECAST_COLUMNS
    assert {"crps", "mase_scale"} <= set(frame.columns)
    assert not frame.duplicated(["model", "origin", "period"]).any()
    # 11 origins 2008..2018; the last two are truncated at 2019
    assert len(frame) == 3 * (9 * 3 + 2 + 1)
    last = frame[(frame["model"] == "llt") & (frame["origin"] == "2018")]
    assert last[["period", "horizon"]].values.tolist() == [["2019", 1]]
    assert frame["origin"].iloc[0] == "2008" and frame["period"].iloc[0] == "2009"
    assert list(frame["model"].unique()) == ["drift", "llt", "rw"]
    q = frame[["p05", "p10", "p50", "p90", "p95"]].to_numpy()
    assert (np.diff(q, axis=1) >= 0).all()
    assert result.failures == []


def test_crps_and_quantiles_come_from_the_kept_paths(series):
    result = run(series)
    row = result.forecasts[(result.forecasts["model"] == "rw")].iloc[4]
    paths = result.paths[("rw", row["origin"])]
    assert paths.shape == (200, 3)
    column = paths[:, row["horizon"] - 1]
    assert row["crps"] == pytest.approx(metrics.crps_samples(column, row["actual"]))
    assert row["p90"] == pytest.approx(np.quantile(column, 0.9))
    assert row["mean"] == pytest.approx(column.mean())


def test_same_seed_same_frame_and_model_order_does_not_matter(series):
    a = run(series, seed=7).forecasts
    b = run(series, seed=7).forecasts
    pd.testing.assert_frame_equal(a, b)
    reordered = run(series, {k: MODELS[k] for k in reversed(list(MODELS))}, seed=7).forecasts
    pd.testing.assert_frame_equal(a, reordered)
    alone = run(series, {"rw": RandomWalk}, seed=7).forecasts
    pd.testing.assert_frame_equal(
        a[a["model"] == "rw"].reset_index(drop=True), alone.reset_index(drop=True)
    )
    other = run(series, seed=8).forecasts
    assert not np.allclose(a["p90"], other["p90"])


def test_extra_quantiles_come_after_the_required_columns(series):
    frame = run(series, {"rw": RandomWalk}, quantiles=(0.025, 0.5, 0.975)).forecasts
    assert list(frame.columns) == [*FORECAST_COLUMNS, "p2.5", "p97.5", "observed", "crps",
                                   "mase_scale"]


def test_failures_are_recorded_not_raised(series):
    def broken_factory():
        raise RuntimeError("no such model")

    models = {
        "short": lambda: FailsWhenShort(needed=12),
        "nan": NaNPaths,
        "broken": broken_factory,
        "rw": RandomWalk,
        "picky": lambda: LogLinearTrend(),
    }
    negative = series.copy()
    negative.iloc[:3] = -1.0  # log-linear trend cannot fit non-positive values
    result = run(negative, models)
    failures = result.failures_frame()
    assert set(failures.columns) == {"alias", "origin", "message"}
    short = failures[failures["alias"] == "short"]
    assert list(short["origin"]) == ["2008", "2009", "2010"]  # fewer than 12 values
    assert "RuntimeError: cannot fit on 9 values" in short["message"].iloc[0]
    assert len(failures[failures["alias"] == "nan"]) == 11
    assert "non-finite" in failures[failures["alias"] == "nan"]["message"].iloc[0]
    assert len(failures[failures["alias"] == "broken"]) == 11
    assert len(failures[failures["alias"] == "picky"]) == 11
    assert set(result.forecasts["model"]) == {"rw", "short"}
    assert sorted(result.forecasts.query("model == 'short'")["origin"].unique())[0] == "2011"


def test_too_short_series_is_recorded_as_a_failure():
    series = random_walk_series(8, seed=1, start="2000")
    result = run_backtest(
        series, {"llt": LogLinearTrend, "rw": RandomWalk}, horizon=2, first_origin="2000",
        n_paths=50,
    )  # fmt: skip
    messages = result.failures_frame().query("origin in ['2000', '2001']")["message"]
    assert all("SeriesTooShortError" in m for m in messages)
    assert len(messages) == 4


def test_reserved_alias_and_empty_models_are_rejected(series):
    with pytest.raises(ValueError, match="reserved"):
        run(series, {"selected": RandomWalk})
    with pytest.raises(ValueError, match="no models"):
        run(series, {})


def test_summary_by_hand_for_a_point_forecast():
    # series 0, 1, 2, ...: the constant (last value) forecast misses by h at horizon h,
    # the in-sample naive scale is 1, and the zero-width bands never cover.
    series = pd.Series(
        np.arange(12, dtype=float), index=pd.period_range("2000", periods=12, freq="Y")
    )
    result = run_backtest(
        series, {"c": Constant}, horizon=3, first_origin="2004", last_origin="2008", n_paths=10
    )
    table = summary(result).set_index("horizon")
    for h in (1, 2, 3):
        row = table.loc[h]
        assert row["MAE"] == pytest.approx(h)
        assert row["RMSE"] == pytest.approx(h)
        assert row["MASE"] == pytest.approx(h)
        assert row["CRPS"] == pytest.approx(h)
        assert row["pinball"] == pytest.approx(0.5 * h)  # mean level 0.5, all under-forecasts
        assert row["coverage80"] == 0.0 and row["width90"] == 0.0
        assert row["n"] == 5
    overall = table.loc["all"]
    assert overall["n"] == 15
    assert overall["MAE"] == pytest.approx(2.0)
    assert overall["RMSE"] == pytest.approx(np.sqrt((1 + 4 + 9) / 3))
    assert list(summary(result).columns[:3]) == ["model", "horizon", "MAE"]


def test_summary_matches_the_metric_functions(series):
    result = run(series)
    rows = result.forecasts.query("model == 'drift' and horizon == 2")
    table = summary(result)
    got = table[(table["model"] == "drift") & (table["horizon"].astype(str) == "2")].iloc[0]
    assert got["MAE"] == pytest.approx(metrics.mae(rows["actual"], rows["p50"]))
    assert got["sMAPE"] == pytest.approx(metrics.smape(rows["actual"], rows["p50"]))
    assert got["MAPE"] == pytest.approx(metrics.mape(rows["actual"], rows["p50"]))
    assert got["coverage90"] == pytest.approx(
        metrics.coverage(rows["actual"], rows["p05"], rows["p95"])
    )
    assert got["width80"] == pytest.approx(metrics.mean_width(rows["p10"], rows["p90"]))
    assert got["CRPS"] == pytest.approx(rows["crps"].mean())
    qs = {
        q: rows[c]
        for q, c in [(0.05, "p05"), (0.1, "p10"), (0.5, "p50"), (0.9, "p90"), (0.95, "p95")]
    }
    assert got["pinball"] == pytest.approx(metrics.pinball(rows["actual"], qs))


def test_naive_on_a_long_random_walk_has_mase_about_one_at_horizon_one():
    series = random_walk_series(300, seed=11, start="1700")
    result = run_backtest(series, {"rw": RandomWalk}, horizon=1, first_origin="1800", n_paths=100)
    overall = summary(result).query("horizon == 'all'").iloc[0]
    assert 0.85 < overall["MASE"] < 1.15
    assert 0.7 < overall["coverage80"] < 0.9


def test_model_scores_match_the_overall_summary(series):
    from forecasting.backtest.rolling_origin import model_scores

    result = run(series)
    fast = model_scores(result.forecasts).set_index("model")
    slow = summary(result).query("horizon == 'all'").set_index("model")
    np.testing.assert_allclose(fast["MASE"], slow["MASE"])
    np.testing.assert_allclose(fast["CRPS"], slow["CRPS"])
    assert fast["n"].tolist() == slow["n"].tolist()


@pytest.mark.parametrize(
    ("freq", "start", "first", "label"),
    [("M", "2015-01", "2021-12", "2021-12"), ("h", "2024-01-01 00:00", 60, None)],
)
def test_sub_annual_backtests_label_origins_in_their_own_frequency(freq, start, first, label):
    from forecasting.backtest.selected import with_selected

    series = random_walk_series(96, seed=4, start=start, freq=freq)
    first = str(series.index[first]) if isinstance(first, int) else first
    result = run_backtest(
        series, {"rw": RandomWalk, "drift": Drift}, horizon=6, first_origin=first, n_paths=100
    )
    frame = with_selected(result, strategy="ensemble").forecasts
    assert frame["origin"].iloc[0] == (label or str(series.index[60]))
    assert frame["period"].iloc[0] == str(pd.Period(frame["origin"].iloc[0], freq=freq) + 1)
    season = {"M": 12, "h": 24}[freq]
    train = series.loc[: pd.Period(frame["origin"].iloc[0], freq=freq)]
    expected = (train - train.shift(season)).abs().mean()
    assert frame["mase_scale"].iloc[0] == pytest.approx(expected)
    assert set(frame["model"]) == {"drift", "rw", "selected"}
