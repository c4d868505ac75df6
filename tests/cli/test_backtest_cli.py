"""`dcload backtest`: the stable CSV contract, with the pipeline's `selected` rows."""

from __future__ import annotations

import pandas as pd
import pytest

from forecasting.paths import ROOT

SHARED = ROOT.parent / "shared" / "data" / "eia930"
COLUMNS = ["model", "origin", "period", "horizon", "actual", "mean", "p05", "p10", "p50", "p90",
           "p95", "observed"]
#: years of the built history with no published value (interpolated: shown, never scored)
INTERPOLATED = {2011, 2012, 2013, 2017, 2019, 2020, 2021, 2022}


def test_backtest_of_the_built_history_writes_the_contract_rows(cli, tmp_path):
    out = tmp_path / "bt.csv"
    done = cli("backtest", "--horizon", "3", "--first-origin", "2012", "--last-origin", "2022",
               "--models", "regime_trend,drift", "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = pd.read_csv(out)
    assert list(rows.columns) == COLUMNS
    assert set(rows["model"]) == {"regime_trend", "drift", "selected"}
    for model, part in rows.groupby("model"):
        # models are fitted on published years only: the regime trend needs 6, and the
        # history has 5 by 2012 and 2013, so it starts in 2014 and says why it could not before
        first = 2014 if model == "regime_trend" else 2012
        assert sorted(part["origin"].unique()) == list(range(first, 2023))
        assert part["horizon"].max() == 3
        assert len(part) == 30 - 3 * (first - 2012)  # 2013..2023, cut at the data end
    assert "regime_trend failed at origin 2012" in done.stderr
    assert "needs at least 6 observations, got 5" in done.stderr
    assert (rows["period"] - rows["origin"] == rows["horizon"]).all()
    q = rows[["p05", "p10", "p50", "p90", "p95"]].to_numpy()
    assert (q[:, 1:] >= q[:, :-1]).all()
    assert rows["observed"].dtype == bool
    assert (rows["observed"] == ~rows["period"].isin(INTERPOLATED)).all()


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data not present")
def test_backtest_on_monthly_grid_load(cli, tmp_path):
    out = tmp_path / "dom.csv"
    files = ["PJM-DOM_2018-10_2020-09.csv", "PJM-DOM_2020_2024.csv"]
    args = [a for f in files for a in ("--series", str(SHARED / f))]
    done = cli("backtest", *args, "--freq", "M", "--horizon", "12", "--first-origin", "2023-06",
               "--last-origin", "2023-12", "--models", "seasonal_naive,seasonal_trend",
               "--draws", "200", "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = pd.read_csv(out)
    assert set(rows["model"]) == {"seasonal_naive", "seasonal_trend", "selected"}
    assert rows["origin"].min() == "2023-06" and rows["period"].max() == "2024-12"
    assert rows["actual"].between(8000, 20000).all()


def test_backtest_rejects_an_unknown_model(cli, tmp_path):
    done = cli("backtest", "--horizon", "2", "--models", "crystal_ball", "--out",
               str(tmp_path / "x.csv"))
    assert done.returncode == 2
    assert "unknown model 'crystal_ball'" in done.stderr and "Traceback" not in done.stderr
