"""A few missing hours do not cost a zone its history: a month is complete with evidence for
90% of its hours (`history.MONTH_COMPLETE`), so a storm's outage in the last year leaves the
modelling window whole; a file whose last days are empty ends at its last complete month;
and a window too short to model says which month broke it and why."""

from __future__ import annotations

import numpy as np
import pandas as pd

from forecasting.series.read import RawSeries
from forecasting.zones.backtest import monthly_load
from forecasting.zones.history import build_history
from forecasting.zones.run import model_window
from tests.conftest import run_cli
from tests.zones.synthetic import hourly_load, write_load


def load(missing: list[tuple[str, int]] = ()) -> pd.Series:
    """Four years of hourly load, with ``hours`` empty hours from each ``start``."""
    series = hourly_load(900.0)
    for start, hours in missing:
        series[pd.date_range(start, periods=hours, freq="h")] = np.nan
    return series


def window(series: pd.Series) -> pd.PeriodIndex:
    history = build_history([RawSeries.from_series(series.dropna(), source="zone.csv")])
    return model_window(history, None)


def test_a_storms_eight_hours_or_three_days_keep_the_whole_window():
    whole = pd.period_range("2021-01", "2024-12", freq="M")
    assert window(load()).equals(whole)
    # TEC lost 8 hours to Hurricane Milton (2024-10-10); LDWP three 2-3 day outages in 2024
    assert window(load([("2024-10-10 05:00", 8)])).equals(whole)
    assert window(load([("2024-04-11 18:00", 61), ("2024-07-12 14:00", 56)])).equals(whole)
    # and that month is fitted and scored, from its evidence hours
    energy = monthly_load(build_history(
        [RawSeries.from_series(load([("2024-10-10 05:00", 8)]).dropna())]))["energy_gwh"]
    assert energy.notna().all()


def test_four_missing_days_still_restart_the_window_after_that_month():
    assert window(load([("2023-06-10", 96)]))[0] == pd.Period("2023-07", "M")


def test_a_file_whose_last_days_are_empty_ends_at_its_last_complete_month():
    cut = window(load([("2024-12-20", 12 * 24)]))
    assert cut[0] == pd.Period("2021-01", "M") and cut[-1] == pd.Period("2024-11", "M")


def test_a_window_too_short_names_the_month_that_broke_it(tmp_path):
    write_load(tmp_path / "XX.csv", load([("2024-02-05", 96)]))
    (tmp_path / "zone.yaml").write_text("region: XX\nseries: [XX.csv]\ndata_center: none\n")
    done = run_cli("forecast", "--config", str(tmp_path / "zone.yaml"), "--output-dir",
                   str(tmp_path / "out" / "latest"), "--quiet")
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "XX.csv" in lines[0] and "only 10 complete months to model (2024-03..2024-12" in lines[0]
    assert "2024-02 has evidence for 86.2% of its hours (96 hours missing" in lines[0]
    assert not (tmp_path / "out" / "latest").exists()
