"""`dcload report --run-dir` on a many-zone run (a ``kind: zones`` manifest) whose zones.csv
or history.csv lacks its columns: one line naming the file and the missing columns, exit 2,
and the old page left as it was (was `KeyError: 'level'` / `KeyError: 'region'`)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.many_zones.assemble import ZONE_COLUMNS
from forecasting.runs.files import csv_text
from pipelines.publishing.run_dir import render_index
from tests.conftest import one_error_line, run_cli

FORECAST = ("region,scenario,component,period,metric,mean,p05,p10,p50,p90,p95\n"
            "US48,reference,total,2030,energy_gwh,10,8,9,10,11,12\n"
            "US48,reference,total,2030,peak_mw,10,8,9,10,11,12\n")
HISTORY = ("period,energy_gwh,avg_mw,peak_mw,hours,coverage,complete,region\n"
           "2024,40000,4566,9500,8784,1.0,True,US48\n")
MANIFEST = {"kind": "zones", "region": "US48", "run_id": "r1", "inputs": {}, "packages": {},
            "timings_s": {}}
NODES = [{"region": "US48", "level": "top", "status": "ok", "leaves": 1, "data_center": "none"},
         {"region": "TAL", "level": "zone", "parent": "US48", "status": "ok", "leaves": 1,
          "data_center": "none"}]


def run_dir(root: Path, *, zones: str | None = None, history: str = HISTORY) -> Path:
    run = root / "run"
    run.mkdir()
    (run / "manifest.json").write_text(json.dumps(MANIFEST))
    (run / "forecast.csv").write_text(FORECAST)
    (run / "zones.csv").write_text(
        zones if zones is not None else csv_text(pd.DataFrame(NODES, columns=ZONE_COLUMNS)))
    (run / "history.csv").write_text(history)
    (run / "index.html").write_text("old report")
    return run


@pytest.mark.parametrize("name, text, missing", [
    ("zones.csv", "a,b\n1,2\n", "region, level, status"),
    ("zones.csv", "region,level\nUS48,top\n", "status, data_center, energy_gwh_2025_p10"),
    ("history.csv", "a,b\n1,2\n", "region, period, energy_gwh, peak_mw"),
    ("history.csv", "period,energy_gwh,peak_mw\n2024,1,1\n", "region"),
])
def test_a_table_without_its_columns_is_named_and_the_old_page_kept(tmp_path, name, text,
                                                                      missing):
    run = run_dir(tmp_path, **{name.removesuffix(".csv"): text})
    with pytest.raises(InputError) as caught:
        render_index(run)
    assert caught.value.file.endswith(name)
    assert f"lacks the column(s) {missing}" in caught.value.message
    assert (run / "index.html").read_text() == "old report"


def test_a_run_with_its_columns_is_rendered(tmp_path):
    run = run_dir(tmp_path)
    render_index(run)
    assert "dcload zones report: US48" in (run / "index.html").read_text()


def test_the_cli_refuses_a_zones_csv_without_its_columns_in_one_line(tmp_path):
    run = run_dir(tmp_path, zones="a,b\n1,2\n")
    line = one_error_line(run_cli("report", "--run-dir", str(run)))
    assert "zones.csv" in line and "lacks the column(s) region, level" in line
    assert (run / "index.html").read_text() == "old report"


def test_the_failed_section_says_how_a_failed_totals_peaks_are_made(tmp_path):
    # since 026c460 a total whose own run failed publishes its children's peaks summed; the
    # page had gone on saying it "has no peak of its own"
    run = run_dir(tmp_path)
    manifest = dict(MANIFEST, failed=[{"region": "ERCO", "reason": "too short"}])
    (run / "manifest.json").write_text(json.dumps(manifest))
    render_index(run)
    page = " ".join((run / "index.html").read_text().split())
    assert "no peak of its own" not in page
    assert "its peaks are its children's peaks summed on every path" in page
