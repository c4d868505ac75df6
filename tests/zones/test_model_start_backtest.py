"""`model_start` holds for the backtest as for the forecast: the months before it are no
evidence for any origin's models. The backtest (which weighs the candidates and calibrates
the bands the forecast uses) had trained every origin on the whole history, so a config
leaving out an old regime was judged with it (fuzz round 8b: backtest_forecasts.csv and
calibration.csv byte-identical with and without model_start). Shown as a user would see it:
with model_start, the energy backtest is the one of the same file cut at that month."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.zones.synthetic import forecast_zone, hourly_load, write_load

pytestmark = pytest.mark.slow


def _config(path, series: str, *lines: str):
    path.write_text("\n".join([
        "region: XX", f"series: [{series}]", "data_center: none", *lines, "n_paths: 40",
        "end_year: 2026", "profile_year: 2026",
        "backtest: {candidates: [seasonal_level], peers: [seasonal_naive], n_paths: 20, "
        "min_train: 12}",
    ]) + "\n")
    return path


def _energy(out):
    rows = pd.read_csv(out / "backtest_forecasts.csv", dtype={"origin": str, "period": str})
    return rows[rows["metric"] == "energy_gwh"].set_index(["model", "origin", "period"])


def test_the_backtest_with_model_start_is_the_backtest_of_the_file_from_then(tmp_path):
    load = hourly_load(1000.0, start="2020-01-01", end="2024-12-31 23:00")
    load[load.index < "2022-01-01"] *= 1.6  # an old regime the planner leaves out
    write_load(tmp_path / "all.csv", load)
    write_load(tmp_path / "cut.csv", load[load.index >= "2022-01-01"])
    started = forecast_zone(_config(tmp_path / "a.yaml", "all.csv", 'model_start: "2022-01"'),
                            tmp_path / "a" / "latest")
    cut = forecast_zone(_config(tmp_path / "b.yaml", "cut.csv"), tmp_path / "b" / "latest")
    assert started.returncode == 0, started.stderr
    assert cut.returncode == 0, cut.stderr
    a, b = _energy(tmp_path / "a" / "latest"), _energy(tmp_path / "b" / "latest")
    common = a.index.intersection(b.index)
    assert len(common) >= 20
    columns = ["actual", "p10", "p50", "p90"]
    pd.testing.assert_frame_equal(a.loc[common, columns], b.loc[common, columns],
                                  check_exact=False, rtol=1e-9)
