"""`dcload report --run-dir` on a run whose forecast.csv was cut short after it was written:
refused in one line naming the file (exit 2, the old page kept), not rendered as a report with
scenarios missing. A run's manifest records each file's size and sha256, so a cut at a line
end is told too; an older run without those records is still refused when its last row is a
fragment. The run folders are built by hand (no run needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forecasting.errors import InputError
from forecasting.report.run_files import read_run
from forecasting.runs.outputs import output_records
from tests.conftest import one_error_line, run_cli

HEADER = "region,scenario,component,period,metric,mean,p05,p10,p50,p90,p95\n"
ROWS = [f"US,{s},total,2030,twh,300,200,220,300,380,400\n"
        for s in ("momentum", "high-ai", "rebound", "moderate-ai")]
FORECAST = HEADER + "".join(ROWS)
HISTORY = "year,twh\n2020,100\n"


def _run_dir(root: Path, *, records: bool) -> Path:
    run = root / "run"
    run.mkdir()
    files = {"forecast.csv": FORECAST, "history.csv": HISTORY}
    manifest = {"run_id": "r1", "outputs": output_records(files)} if records else {"run_id": "r1"}
    for name, text in {**files, "manifest.json": json.dumps(manifest)}.items():
        (run / name).write_text(text)
    (run / "index.html").write_text("old report")
    return run


CUT_MID_ROW = FORECAST[: len(HEADER) + len(ROWS[0]) + 12]  # ends "US,high-ai,"


def test_a_forecast_cut_mid_row_is_refused_in_one_line(tmp_path: Path):
    run = _run_dir(tmp_path, records=True)
    (run / "forecast.csv").write_text(CUT_MID_ROW)
    line = one_error_line(run_cli("report", "--run-dir", str(run)))
    assert "forecast.csv" in line and "bytes, but its run wrote" in line
    assert (run / "index.html").read_text() == "old report"


@pytest.mark.parametrize(("records", "cut", "said"), [
    (False, CUT_MID_ROW, "its last row is cut short"),  # a run from before the records
    (False, FORECAST[:-1] + ",x\n", "its last row has 12 fields, its header 11"),
    (True, HEADER + ROWS[0], "damaged or changed since the run"),  # parses: 1 scenario of 4
])
def test_a_damaged_forecast_is_not_read(tmp_path: Path, records: bool, cut: str, said: str):
    run = _run_dir(tmp_path, records=records)
    (run / "forecast.csv").write_text(cut)
    with pytest.raises(InputError, match=said) as refused:
        read_run(run)
    assert refused.value.file.endswith("forecast.csv")
