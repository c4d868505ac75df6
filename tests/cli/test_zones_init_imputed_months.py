"""`dcload zones init` counts weather years by the zone run's own rule: a calendar year with a
month whose every hour the source imputed (EIA-930 category not OKAY) is no weather year, so
files whose complete years all have such a month are refused at init (exit 2, one line), not
written into a config that the run then refuses."""

from __future__ import annotations

import pandas as pd

from tests.conftest import one_error_line, run_cli
from tests.zones.synthetic import hourly_load
from tests.zones.test_imputed_hours_peaks import eia930_file


def test_complete_years_each_with_a_month_of_imputed_hours_only_are_refused_at_init(tmp_path):
    load = hourly_load(800.0, "2021-01-01", "2023-03-31 23:00")
    spells = [("2021-04-30", "2021-06-01 12:00"), ("2022-07-31", "2022-09-01 12:00")]
    imputed = {hour: float(mw) * 1.01 for start, end in spells  # whole months on any clock
               for hour, mw in load.loc[start:end].items()}
    eia930_file(tmp_path / "zone.csv", load, imputed)
    out = tmp_path / "zone.yaml"
    result = run_cli("zones", "init", "SYN", "--series", str(tmp_path / "zone.csv"),
                     "--out", str(out))
    line = one_error_line(result)
    assert "zone.csv" in line and "measured" in line and "weather years" in line, line
    assert not out.exists()


def test_one_imputed_hour_in_each_year_still_makes_a_zone(tmp_path):
    load = hourly_load(800.0, "2021-01-01", "2023-03-31 23:00")
    hours = [pd.Timestamp("2021-05-03 12:00"), pd.Timestamp("2022-08-03 12:00")]
    eia930_file(tmp_path / "zone.csv", load, {h: float(load[h]) for h in hours})
    out = tmp_path / "zone.yaml"
    result = run_cli("zones", "init", "SYN", "--series", str(tmp_path / "zone.csv"),
                     "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.exists()
