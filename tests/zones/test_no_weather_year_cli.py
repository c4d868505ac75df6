"""A zone whose months are complete enough to model (90% of their hours) but with no calendar
year at 99% in every month has no weather year to draw hourly shapes and peaks from: `zones
init` refuses it and a zone run says so in one line (it crashed in the sampling before)."""

from __future__ import annotations

import pytest

from tests.conftest import one_error_line, run_cli
from tests.zones.synthetic import forecast_zone, hourly_load, light_zone_config, write_load

pytestmark = pytest.mark.slow


def test_one_hour_missing_every_day_is_one_line_in_init_and_in_a_run(tmp_path):
    load = hourly_load(600.0, "2021-01-01", "2023-12-31 23:00")
    write_load(tmp_path / "G.csv", load[load.index.hour != 3])   # 95.8% of every month
    line = one_error_line(run_cli("zones", "init", "G", "--series", str(tmp_path / "G.csv"),
                                  "--out", str(tmp_path / "g.yaml")))
    assert "G.csv" in line and "no calendar year has every month" in line, line
    assert not (tmp_path / "g.yaml").exists()

    config = light_zone_config(tmp_path / "g.yaml", "G", "G.csv", n_paths=20,
                               backtest_paths=10)
    line = one_error_line(forecast_zone(config, tmp_path / "out" / "latest"))
    assert "G.csv" in line and "no calendar year has every month" in line, line
    assert not (tmp_path / "out" / "latest").exists()
