"""A complete month whose hours the source all imputed has an energy but no peak: the load
backtest keeps the energy's origins for both metrics, the peak models fit around the missing
month as they can (a model that cannot is that origin's failure) and the month is never
scored (fuzz 12a D5: the month had split the peak series, leaving no peak origin, and the
zone run stopped with exit 2)."""

import numpy as np
import pandas as pd
import pytest

from forecasting.models.registry import MODELS
from forecasting.zones.backtest import load_backtest
from tests.zones.synthetic import forecast_zone, hourly_load, light_zone_config
from tests.zones.test_imputed_hours_peaks import eia930_file

HOLE = "2019-12"  # complete, every hour imputed: energy known, no measured peak


def monthly(hole: bool) -> dict[str, pd.Series]:
    rng = np.random.default_rng(7)
    index = pd.period_range("2018-01", "2022-12", freq="M")
    t = np.arange(len(index))
    season = np.cos(2 * np.pi * (index.month.to_numpy() - 7) / 12)
    energy = 3000 * np.exp(0.002 * t + 0.08 * season + rng.normal(0, 0.02, len(t)))
    peak = 5500 * np.exp(0.002 * t + 0.1 * season + rng.normal(0, 0.03, len(t)))
    out = {"energy_gwh": pd.Series(energy, index=index), "peak_mw": pd.Series(peak, index=index)}
    if hole:  # the peak's runs: 23 months, then 36 up to its last month (no origin)
        out["peak_mw"][pd.Period(HOLE, "M")] = np.nan
    return out


def run(hole: bool):
    candidates = {m: MODELS[m] for m in ("drift", "seasonal_naive")}
    return load_backtest(monthly(hole), candidates, {"naive": MODELS["naive"]}, step=6,
                         min_train=24, n_paths=20, seed=1, strategy="ensemble")


@pytest.fixture(scope="module")
def both():
    return run(hole=True), run(hole=False)


def test_the_run_goes_on_with_the_energy_origins_for_the_peak(both):
    result, _ = both
    f = result.forecasts
    monthly_rows = f[f["period"].str.len() == 7]
    origins = {metric: set(part["origin"]) for metric, part in monthly_rows.groupby("metric")}
    assert origins["peak_mw"] == origins["energy_gwh"] == {
        "2019-12", "2020-06", "2020-12", "2021-06", "2021-12", "2022-06"}
    assert set(f.loc[f["metric"] == "peak_mw", "model"]) == {
        "selected", "drift", "seasonal_naive", "naive"}


def test_the_month_without_a_measured_peak_is_never_scored(both):
    result, _ = both
    peaks = result.forecasts[result.forecasts["metric"] == "peak_mw"]
    assert len(peaks) and not peaks["period"].isin([HOLE, HOLE[:4]]).any()
    assert peaks["actual"].notna().all()


def test_a_peak_model_that_cannot_fit_around_the_month_is_that_origins_failure(both):
    result, _ = both
    f = result.forecasts
    at_hole = f[(f["metric"] == "peak_mw") & (f["origin"] == HOLE)]
    assert {"drift", "naive", "selected"} <= set(at_hole["model"])  # fit across the month
    # seasonal naive takes no missing month: it cannot forecast from it, and it needs two
    # seasons after it, so it is scored from 2021-12 on and fails before
    failed = result.failures[result.failures["metric"] == "peak_mw"]
    assert set(failed["alias"]) == {"seasonal_naive"}
    assert set(failed["origin"]) == {HOLE, "2020-06", "2020-12", "2021-06"}
    assert "missing last period" in failed.loc[failed["origin"] == HOLE, "message"].item()
    scored = f[(f["metric"] == "peak_mw") & (f["model"] == "seasonal_naive")
               & (f["period"].str.len() == 7)]
    assert set(scored["origin"]) == {"2021-12", "2022-06"}
    assert (result.failures["metric"] == "peak_mw").all()  # the energy lost nothing


def test_the_energy_backtest_and_its_choice_do_not_see_the_month(both):
    holed, measured = both
    energy = [r.forecasts[r.forecasts["metric"] == "energy_gwh"].reset_index(drop=True)
              for r in (holed, measured)]
    pd.testing.assert_frame_equal(*energy, check_exact=True)
    choices = [r.choices["energy_gwh"].decision.choice for r in (holed, measured)]
    assert choices[0] == choices[1]


def test_a_history_whose_long_run_holds_the_month_still_has_peak_origins():
    """Up to 2021-12 the peak's runs are 23 and 24 months, neither with an origin: the peak
    backtest had none and stopped the run (`NoBacktestOrigin`)."""
    series = {kind: values[:"2021-12"] for kind, values in monthly(hole=True).items()}
    result = load_backtest(series, {"drift": MODELS["drift"]}, {}, step=6, min_train=24,
                           n_paths=20, seed=1)
    f = result.forecasts
    assert set(f.loc[f["metric"] == "peak_mw", "origin"]) == set(
        f.loc[f["metric"] == "energy_gwh", "origin"]) >= {HOLE, "2020-06", "2021-06"}


def test_a_zone_file_with_a_month_of_imputed_hours_only_runs(tmp_path):
    """`dcload forecast` on an EIA-930 file whose 2022-06 hours are all imputed (the energy
    complete): exit 0, where it was refused (exit 2, "no month can be a load-backtest
    origin"); the peak is backtested at the energy's origins, never at 2022-06, though its
    only candidate (seasonal naive) cannot fit around the month at any origin."""
    load = hourly_load(1000.0, "2021-01-01", "2023-12-31 23:00")
    load = load * np.random.default_rng(2).lognormal(0.0, 0.03, len(load))
    june = load.index.to_period("M") == pd.Period("2022-06", "M")
    eia930_file(tmp_path / "zone.csv", load, dict(zip(load.index[june], load[june].round(1),
                                                      strict=True)))
    config = light_zone_config(tmp_path / "zone.yaml", "SYN", "zone.csv", "timezone: UTC",
                               "end_year: 2025", "profile_year: 2024", n_paths=20)
    done = forecast_zone(config, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    history = pd.read_csv(tmp_path / "out" / "history.csv", dtype={"period": str})
    june_row = history.set_index("period").loc["2022-06"]
    assert june_row["complete"] and pd.isna(june_row["peak_mw"])  # no measured hour
    f = pd.read_csv(tmp_path / "out" / "backtest_forecasts.csv",
                    dtype={"origin": str, "period": str})
    f = f[f["period"].str.len() == 7]
    peaks = f[f["metric"] == "peak_mw"]
    assert set(peaks["origin"]) == set(f.loc[f["metric"] == "energy_gwh", "origin"])
    assert len(peaks) and not peaks["period"].eq("2022-06").any()
    assert set(peaks["model"]) == {"selected"}  # the forecast's own weather-year peaks
