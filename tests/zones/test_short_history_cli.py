"""A history too short to backtest is the data's problem, said in one line: a zone run exits 2
naming the file and what an origin needs, and a many-zone run in which no zone can run names
the folder and every zone's reason; nothing is published and no traceback is shown."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import one_error_line, run_cli
from tests.zones.synthetic import hourly_load, write_load

pytestmark = pytest.mark.slow


def two_years(path, level: float, start: str = "2023-01-01") -> None:
    """Hourly load from ``start`` to 2024: from 2023-01, 24 complete months, one short of a
    backtest origin with a month to score after it."""
    write_load(path, hourly_load(level, start))


def test_a_zone_too_short_to_backtest_is_one_line_and_exit_2(tmp_path):
    two_years(tmp_path / "XX-A.csv", 1000.0)
    (tmp_path / "zone.yaml").write_text("region: XX-A\nseries: [XX-A.csv]\ndata_center: none\n"
                                        "scenarios: [statistical-trend]\n")
    done = run_cli("forecast", "--config", str(tmp_path / "zone.yaml"), "--output-dir",
                   str(tmp_path / "out" / "latest"), "--quiet")
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "XX-A.csv" in lines[0] and "no month can be a load-backtest origin" in lines[0]
    assert "longest run here is 24, 2023-01..2024-12" in lines[0]
    assert not (tmp_path / "out" / "latest").exists()


def test_a_many_zone_run_where_no_zone_can_run_names_each_reason_and_exits_2(tmp_path):
    folder = tmp_path / "z"
    folder.mkdir()
    two_years(folder / "XX-A.csv", 1000.0)
    two_years(folder / "XX-B.csv", 700.0)
    (tmp_path / "zones.yaml").write_text("region: US48\nseries_dir: z\n")
    done = run_cli("forecast", "--config", str(tmp_path / "zones.yaml"), "--output-dir",
                   str(tmp_path / "out" / "latest"), "--workers", "1", "--quiet")
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "no zone could be forecast" in lines[0]
    assert "XX-A: " in lines[0] and "XX-B: " in lines[0] and "XX-B.csv" in lines[0]
    assert not (tmp_path / "out" / "latest").exists()


def test_zones_with_too_few_years_to_hold_out_publish_an_empty_peak_check(tmp_path):
    """30 months (2022-07..2024-12) run, but two complete years leave no year to hold out
    against at least two others: peak_check.csv keeps its header and the report renders."""
    folder = tmp_path / "z"
    folder.mkdir()
    two_years(folder / "XX-A.csv", 1000.0, start="2022-07-01")
    two_years(folder / "XX-B.csv", 700.0, start="2022-07-01")
    (tmp_path / "zones.yaml").write_text("\n".join([
        "region: US48", "series_dir: z", "zone:", "  n_paths: 40",
        "  backtest: {candidates: [seasonal_naive], peers: [seasonal_naive], n_paths: 20}",
    ]) + "\n")
    out = tmp_path / "out" / "latest"
    done = run_cli("forecast", "--config", str(tmp_path / "zones.yaml"), "--output-dir",
                   str(out), "--workers", "1", "--quiet")
    assert done.returncode == 0, done.stderr
    check = pd.read_csv(out / "peak_check.csv")
    assert check.empty and list(check.columns)[:3] == ["region", "year", "season"]
    peaks = pd.read_csv(out / "peaks.csv")
    assert {"XX-A", "XX-B", "US48"} <= set(peaks["region"])
    assert "peak-check" not in (out / "index.html").read_text()


def test_a_short_zone_without_data_centers_is_refused_for_its_months_not_a_missing_year(
        tmp_path):
    """Nine months, `data_center: none`: the zone needs 24 complete months to model, which
    is what it is told; it had been told it has no complete calendar year to measure a
    decomposition from, which it does not use (fuzz 11c D6)."""
    write_load(tmp_path / "XX-A.csv", hourly_load(1000.0, "2020-01-01", "2020-10-14 23:00"))
    (tmp_path / "zone.yaml").write_text("region: XX-A\nseries: [XX-A.csv]\ndata_center: none\n"
                                        "scenarios: [statistical-trend]\n")
    done = run_cli("forecast", "--config", str(tmp_path / "zone.yaml"), "--output-dir",
                   str(tmp_path / "out" / "latest"), "--quiet")
    assert done.returncode == 2, done.stderr
    line = one_error_line(done)
    assert "complete months to model" in line and "at least 24" in line
    assert "no complete calendar year" not in line
