"""Zones whose files end in different months, or mid-year: the totals above them are modelled
on the span every zone covers instead of failing, and no forecast year is half a year."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import run_cli
from tests.zones.synthetic import forecast_zone, hourly_load, light_zone_config, write_load

pytestmark = pytest.mark.slow

SMALL = ["  n_paths: 40",
         "  backtest: {candidates: [seasonal_naive], peers: [seasonal_naive], n_paths: 20}"]


def hourly(path, level: float, end: str) -> None:
    write_load(path, hourly_load(level, end=end))


def annual_periods(frame: pd.DataFrame, region: str) -> set[str]:
    mine = frame[(frame["region"] == region) & (frame["period"].str.len() == 4)]
    return set(mine["period"])


def test_totals_run_when_zones_end_in_different_months(tmp_path):
    folder = tmp_path / "z"
    folder.mkdir()
    hourly(folder / "XX-A.csv", 1000.0, "2025-06-30 23:00")
    hourly(folder / "XX-B.csv", 700.0, "2025-05-31 23:00")  # a month earlier
    (tmp_path / "zones.yaml").write_text("\n".join(["region: US48", "series_dir: z", "zone:",
                                                    *SMALL]) + "\n")
    out = tmp_path / "out" / "latest"
    done = run_cli("forecast", "--config", str(tmp_path / "zones.yaml"), "--output-dir",
                   str(out), "--workers", "1", "--quiet")
    assert done.returncode == 0, done.stderr
    zones = pd.read_csv(out / "zones.csv")
    assert set(zones["status"]) == {"ok"}, zones[["region", "status", "reason"]]
    forecast = pd.read_csv(out / "forecast.csv", dtype={"period": str})
    # common months 2025-07.. (the totals end 2025-05): 2025 is half a year, so no 2025 row
    for region in ("XX-A", "XX", "US48"):
        years = annual_periods(forecast, region)
        assert "2025" not in years and {"2026", "2030"} <= years
    top = forecast[(forecast["region"] == "US48") & (forecast["metric"] == "energy_gwh")
                   & (forecast["component"] == "total")].set_index("period")
    months = top.loc[[f"2026-{m:02d}" for m in range(1, 13)], "mean"].sum()
    assert top.loc["2026", "mean"] == pytest.approx(months, abs=1e-3)  # 4 decimals in the file


def test_a_zone_ending_mid_year_has_no_half_year_forecast(tmp_path):
    hourly(tmp_path / "XX.csv", 800.0, "2025-06-30 23:00")
    out = tmp_path / "out" / "latest"
    done = forecast_zone(light_zone_config(tmp_path / "zone.yaml", "XX", "XX.csv"), out)
    assert done.returncode == 0, done.stderr
    forecast = pd.read_csv(out / "forecast.csv", dtype={"period": str})
    assert min(forecast["period"]) == "2025-07"
    years = annual_periods(forecast, "XX")
    assert "2025" not in years and min(years) == "2026"
    assert "2026" in (out / "index.html").read_text()
