"""`dcload report --run-dir` on a run folder whose files were damaged: one line naming the
file, exit 2, and the folder's report left as it was."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

FORECAST = ("region,scenario,component,period,metric,mean,p05,p10,p50,p90,p95\n"
            "US,momentum,total,2030,twh,300,200,220,300,380,400\n")


def _run_dir(root: Path, *, manifest: str = "{}", forecast: str = FORECAST) -> Path:
    run = root / "run"
    run.mkdir()
    (run / "manifest.json").write_text(manifest)
    (run / "forecast.csv").write_text(forecast)
    (run / "history.csv").write_text("year,twh\n2020,100\n")
    (run / "index.html").write_text("old report")
    return run


def _assert_refused(run: Path, name: str, what: str) -> None:
    done = run_cli("report", "--run-dir", str(run))
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: ") and name in lines[0] and what in lines[0]
    assert "Traceback" not in done.stderr
    assert (run / "index.html").read_text() == "old report"


def test_a_forecast_csv_that_is_not_a_forecast_table_is_named(tmp_path: Path):
    run = _run_dir(tmp_path, forecast="garbage\n")
    _assert_refused(run, "forecast.csv", "lacks the column(s) region, scenario")


def test_a_manifest_that_is_not_a_json_object_is_named(tmp_path: Path):
    run = _run_dir(tmp_path, manifest="[]")
    _assert_refused(run, "manifest.json", "must be a JSON object")
