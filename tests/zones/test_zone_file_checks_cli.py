"""What a zone reads from its load files, through the real command line: a monthly or daily
file is refused in one line (a zone needs hours), a load column in kW or GW is forecast in
MW, and files of one zone in different units are refused; never a traceback."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.conftest import run_cli
from tests.zones.synthetic import forecast_zone, light_zone_config

pytestmark = pytest.mark.slow


def hourly(level: float, start: str = "2021-01-01", end: str = "2024-12-31 23:00") -> tuple:
    hours = pd.date_range(start, end, freq="h")
    t = np.arange(len(hours))
    load = level * (1 + 0.2 * np.sin(2 * np.pi * t / 24)
                    + 0.15 * np.cos(2 * np.pi * hours.dayofyear.to_numpy() / 365.25))
    return hours.strftime("%Y-%m-%d %H:%M:%S"), load.round(1)


def one_line(done) -> str:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_zones_init_refuses_a_monthly_file_in_one_line(tmp_path):
    months = [f"{y}-{m:02d}" for y in range(2020, 2025) for m in range(1, 13)]
    pd.DataFrame({"month": months, "avg_mw": np.linspace(100, 160, len(months))}).to_csv(
        tmp_path / "monthly.csv", index=False)
    out = tmp_path / "m.yaml"
    line = one_line(run_cli("zones", "init", "M", "--series", str(tmp_path / "monthly.csv"),
                            "--out", str(out)))
    assert "monthly.csv" in line and "a zone needs hourly load" in line and "monthly" in line
    assert "field 'month'" in line
    assert not out.exists()


def test_a_zone_config_with_a_daily_series_is_refused_in_one_line(tmp_path):
    days = pd.date_range("2021-01-01", "2024-12-31", freq="D")
    pd.DataFrame({"day": days.strftime("%Y-%m-%d"), "mw": 100.0}).to_csv(
        tmp_path / "daily.csv", index=False)
    (tmp_path / "zone.yaml").write_text("region: XX-D\nseries: [daily.csv]\n"
                                        "data_center: none\nscenarios: [statistical-trend]\n")
    out = tmp_path / "out" / "latest"
    line = one_line(run_cli("forecast", "--config", str(tmp_path / "zone.yaml"),
                            "--output-dir", str(out), "--quiet"))
    assert "daily.csv" in line and "a zone needs hourly load" in line and "daily" in line
    assert not out.exists()


def test_a_many_zone_run_names_the_monthly_and_daily_zones_in_its_one_line(tmp_path):
    folder = tmp_path / "z"
    folder.mkdir()
    months = [f"{y}-{m:02d}" for y in range(2020, 2025) for m in range(1, 13)]
    pd.DataFrame({"month": months, "avg_mw": 100.0}).to_csv(folder / "XX-M.csv", index=False)
    days = pd.date_range("2021-01-01", "2024-12-31", freq="D").strftime("%Y-%m-%d")
    pd.DataFrame({"day": days, "mw": 100.0}).to_csv(folder / "XX-D.csv", index=False)
    (tmp_path / "zones.yaml").write_text("region: US48\nseries_dir: z\n")
    line = one_line(run_cli("forecast", "--config", str(tmp_path / "zones.yaml"),
                            "--output-dir", str(tmp_path / "out" / "latest"),
                            "--workers", "1", "--quiet"))
    assert "no zone could be forecast" in line
    assert "XX-M: " in line and "XX-D: " in line and line.count("a zone needs hourly load") == 2
    assert "sampling is monthly" in line and "sampling is daily" in line


def test_a_zone_in_kw_is_forecast_in_mw(tmp_path):
    """The same load written in kW: history.csv and forecast.csv are in MW, as for the MW
    file (a kW file read as MW was forecast 1000 times too large)."""
    when, mw = hourly(1000.0, start="2022-07-01")
    pd.DataFrame({"date_time": when, "cleaned demand (kW)": mw * 1000}).to_csv(
        tmp_path / "load_kw.csv", index=False)
    config = light_zone_config(tmp_path / "zone.yaml", "XX-K", "load_kw.csv",
                               "scenarios: [statistical-trend]", "end_year: 2026",
                               "profile_year: 2026", n_paths=20, backtest_paths=10,
                               first_origin="2024-06")
    out = tmp_path / "out" / "latest"
    done = forecast_zone(config, out)
    assert done.returncode == 0, done.stderr
    history = pd.read_csv(out / "history.csv", dtype={"period": str}).set_index("period")
    assert history.loc["2023", "avg_mw"] == pytest.approx(mw[(when >= "2023") & (when < "2024")]
                                                          .mean(), rel=1e-5)
    assert history.loc["2023", "peak_mw"] < 2000
    forecast = pd.read_csv(out / "forecast.csv", dtype={"period": str})
    annual = forecast[(forecast.metric == "avg_mw") & (forecast.period == "2025")
                      & (forecast.component == "total")]
    assert 500 < annual["p50"].iloc[0] < 2000


@pytest.mark.parametrize("unit, factor", [("GW", 1e-3), ("kWh", 1e3)])
def test_gw_and_hourly_kwh_files_give_the_history_of_the_mw_file(tmp_path, unit, factor):
    when, mw = hourly(1000.0)
    pd.DataFrame({"date_time": when, "load (MW)": mw}).to_csv(
        tmp_path / "mw.csv", index=False)
    pd.DataFrame({"date_time": when, f"load ({unit})": mw * factor}).to_csv(
        tmp_path / "other.csv", index=False)
    from forecasting.zones.history import build_history
    from forecasting.zones.read import read_zone_files

    a = build_history(read_zone_files([tmp_path / "mw.csv"])).load
    b = build_history(read_zone_files([tmp_path / "other.csv"])).load
    assert np.allclose(a.to_numpy(), b.to_numpy(), rtol=1e-12)
    assert a.index.equals(b.index)


def test_one_zone_in_kw_and_mw_files_is_refused_in_one_line(tmp_path):
    when, mw = hourly(1000.0)
    half = len(when) // 2
    pd.DataFrame({"date_time": when[:half], "load (kW)": mw[:half] * 1000}).to_csv(
        tmp_path / "old_kw.csv", index=False)
    pd.DataFrame({"date_time": when[half:], "load (MW)": mw[half:]}).to_csv(
        tmp_path / "new_mw.csv", index=False)
    line = one_line(run_cli("zones", "init", "X", "--series", str(tmp_path / "old_kw.csv"),
                            str(tmp_path / "new_mw.csv"), "--out", str(tmp_path / "x.yaml")))
    assert "new_mw.csv" in line and "'MW' differs from 'kW'" in line and "old_kw.csv" in line
    assert not (tmp_path / "x.yaml").exists()
