"""A month's peak is evidence only when its measured (not imputed) hours cover
`MONTH_COMPLETE` of the month (`forecasting.zones.history.peak_evidence`): a complete month
of mostly imputed hours keeps its energy but has no peak in the load backtest's series, is
never a held-out actual, and its year is no weather year (PSEI's 2020-04 had been fitted and
scored at the peak of 24 measured hours out of 720)."""

import numpy as np
import pandas as pd
import pytest

from forecasting.models.registry import MODELS
from forecasting.zones.backtest import load_backtest, monthly_load
from forecasting.zones.history import MONTH_COMPLETE, build_history
from forecasting.zones.peak_check import held_out_peaks
from forecasting.zones.read import read_zone_files
from tests.zones.synthetic import hourly_load
from tests.zones.test_imputed_hours_peaks import eia930_file

MONTH = pd.Period("2022-07", "M")  # 744 hours (UTC), all but its first day imputed


def imputed_hours(load: pd.Series, month: pd.Period, measured: int) -> dict:
    """Every hour of ``month`` after its first ``measured`` ones, given as imputed (at the
    load's own value: only the flag differs)."""
    hours = load[month.start_time:month.end_time]
    return {hour: float(mw) for hour, mw in hours.iloc[measured:].items()}


def history_of(tmp_path, load: pd.Series, imputed: dict):
    eia930_file(tmp_path / "zone.csv", load, imputed)
    return build_history(read_zone_files([tmp_path / "zone.csv"]))


@pytest.fixture(scope="module")
def mostly_imputed(tmp_path_factory):
    load = hourly_load(1000.0, "2020-01-01", "2023-12-31 23:00")
    return history_of(tmp_path_factory.mktemp("zone"), load, imputed_hours(load, MONTH, 24))


def test_a_complete_month_of_mostly_imputed_hours_has_no_peak_and_is_never_scored(
        mostly_imputed):
    series = monthly_load(mostly_imputed)
    assert np.isfinite(series["energy_gwh"][MONTH])  # complete: its energy counts
    assert np.isnan(series["peak_mw"][MONTH])  # 24 measured hours of 744: no peak
    assert series["peak_mw"].drop(MONTH).notna().all()
    result = load_backtest(series, {"drift": MODELS["drift"]}, {}, step=6, min_train=24,
                           n_paths=20, seed=1)
    peaks = result.forecasts[result.forecasts["metric"] == "peak_mw"]
    assert len(peaks) and peaks["actual"].notna().all()
    assert not peaks["period"].isin([str(MONTH), str(MONTH.year)]).any()
    energy = result.forecasts[result.forecasts["metric"] == "energy_gwh"]
    assert energy["period"].isin([str(MONTH)]).any()  # the energy still scores it


def test_its_season_is_no_held_out_actual_and_its_year_no_weather_year(mostly_imputed):
    check = held_out_peaks(mostly_imputed.load, pd.Series(dtype=float),
                           imputed=mostly_imputed.imputed)
    summers = set(check.loc[check["season"] == "summer", "year"])
    assert summers == {2020, 2021, 2023}  # the other three years are held out as before


@pytest.mark.parametrize(("imputed", "has_peak"), [(72, True), (73, False)])
def test_the_boundary_is_the_energy_completeness_share(tmp_path, imputed, has_peak):
    """June has 720 hours (UTC): 648 measured is exactly `MONTH_COMPLETE` and keeps its peak,
    647 is under it."""
    june = pd.Period("2022-06", "M")
    load = hourly_load(1000.0, "2021-01-01", "2022-12-31 23:00")
    history = history_of(tmp_path, load, imputed_hours(load, june, 720 - imputed))
    assert (720 - 72) / 720 == MONTH_COMPLETE
    series = monthly_load(history)
    assert np.isfinite(series["energy_gwh"][june])
    assert np.isfinite(series["peak_mw"][june]) == has_peak
