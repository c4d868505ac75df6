"""A zone whose load is exactly constant (a metered block load at 250.0 MW every hour) publishes
that constant with finite, ordered quantiles. Its exact candidates missed by 1e-14 of the
level with bands as narrow, the season rule stretched the few wide paths of the mixture by
the ratio of a width to a rounding, exp() overflowed and the run stopped at the publish check
with a traceback and exit 1 (fuzz 14, D4). The run also takes `--draws 50`, which the zone's
`n_paths` allows (from 10) and the option had refused (under 100; fuzz 14, J4)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from tests.zones.synthetic import forecast_zone

QUANTILES = ["p05", "p10", "p50", "p90", "p95"]
# the exact candidates (seasonal and theta models forecast a constant to rounding) and one
# seasonal-harmonic model with bands of percents: the mixture of the tester's zone
CANDIDATES = ("seasonal_level, seasonal_shrunk_trend, seasonal_trend, auto_theta, damped_ets, "
              "harmonic_smoothed_level")


@pytest.mark.slow
def test_a_constant_zone_publishes_its_constant_with_finite_ordered_bands(tmp_path):
    hours = pd.date_range("2022-01-01", "2024-12-31 23:00", freq="h")
    pd.DataFrame({"ts": hours.strftime("%Y-%m-%d %H:%M"), "mw": 250.0}).to_csv(
        tmp_path / "const.csv", index=False)
    config = tmp_path / "const.yaml"
    config.write_text("\n".join([
        "region: CONST", "series: [const.csv]", "data_center: none", "end_year: 2027",
        "profile_year: 2027", "timezone: America/Denver",
        f"backtest: {{candidates: [{CANDIDATES}], peers: [seasonal_naive], n_paths: 40, "
        "strategy: ensemble}"]) + "\n")
    out = tmp_path / "store" / "latest"
    done = forecast_zone(config, out, "--draws", "50")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    forecast = pd.read_csv(out / "forecast.csv", dtype={"period": str})
    values = forecast[["mean", *QUANTILES]].to_numpy()
    assert np.isfinite(values).all()
    assert (np.diff(forecast[QUANTILES].to_numpy(), axis=1) >= 0).all()
    mw = forecast[forecast["metric"].isin(["avg_mw", "peak_mw"])]
    assert np.allclose(mw["p50"], 250.0)
    # the bands are the models' own, around the constant: nothing near 0 or 10x the load
    assert (mw["p05"] > 200).all() and (mw["p95"] < 300).all()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["config"]["n_paths"] == 50 and manifest["draws"] == 50
