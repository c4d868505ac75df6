"""`dcload report --run-dir` on a zone or many-zone run whose forecast.csv or peaks.csv is not
the file its run wrote (cut short, or a number edited at the same size): refused in one line
naming the file (exit 2, the old page kept), as for a national run; it was re-rendered from
the damaged file with exit 0. A run from before the manifest's `outputs` records still reads.
The run folders are built by hand (no run needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forecasting.errors import InputError
from forecasting.report.many_zones_files import ZONES_COLUMNS, read_many_zones_run
from forecasting.report.zone_files import read_zone_run
from forecasting.runs.outputs import output_records
from pipelines.publishing.run_dir import render_index

FORECAST = ("region,scenario,component,period,metric,mean,p05,p10,p50,p90,p95\n"
            "DOM,vetted,total,2030,peak_mw,25000,20000,21000,25000,29000,30000\n"
            "DOM,vetted,total,2031,peak_mw,26000,21000,22000,26000,30000,31000\n")
PEAKS = "region,year,season,peak_50_50,peak_90_10\nDOM,2030,summer,24000,25500\n"
FILES = {
    "zone": {"forecast.csv": FORECAST, "history.csv": "period,peak_mw\n2024,21000\n",
             "peaks.csv": PEAKS, "decomposition.csv": "period,data_center_mw\n2024,4000\n"},
    "zones": {"forecast.csv": FORECAST, "history.csv": "region,period,energy_gwh,peak_mw\n",
              "zones.csv": ",".join(ZONES_COLUMNS) + "\n", "peaks.csv": PEAKS},
}
READERS = {"zone": read_zone_run, "zones": read_many_zones_run}
CUT = FORECAST[:-20]  # the last row without its end
EDITED = PEAKS.replace("25500", "35500")  # same size, another 90/10


def run_dir(root: Path, kind: str, *, records: bool = True) -> Path:
    run = root / kind
    run.mkdir()
    files = FILES[kind]
    manifest = {"kind": kind, "run_id": "r1"}
    if records:
        manifest["outputs"] = output_records(files)
    for name, text in {**files, "manifest.json": json.dumps(manifest)}.items():
        (run / name).write_text(text)
    (run / "index.html").write_text("old report")
    return run


@pytest.mark.parametrize("kind", ["zone", "zones"])
def test_the_report_is_not_rendered_from_edited_peaks(tmp_path: Path, kind: str):
    run = run_dir(tmp_path, kind)
    (run / "peaks.csv").write_text(EDITED)
    with pytest.raises(InputError) as refused:  # `dcload report`: one line, exit 2
        render_index(run)
    assert refused.value.file.endswith("peaks.csv")
    assert "sha256 differs" in refused.value.message
    assert (run / "index.html").read_text() == "old report"


@pytest.mark.parametrize("kind", ["zone", "zones"])
@pytest.mark.parametrize(("name", "text", "said"), [
    ("forecast.csv", CUT, "bytes, but its run wrote"),
    ("peaks.csv", EDITED, "its sha256 differs"),
], ids=["cut-forecast", "edited-peaks"])
def test_a_damaged_table_is_not_read(tmp_path: Path, kind: str, name: str, text: str,
                                     said: str):
    run = run_dir(tmp_path, kind)
    (run / name).write_text(text)
    with pytest.raises(InputError, match=said) as refused:
        READERS[kind](run)
    assert refused.value.file.endswith(name)


@pytest.mark.parametrize("kind", ["zone", "zones"])
def test_a_run_from_before_the_records_is_read_unless_its_forecast_is_cut(tmp_path: Path,
                                                                            kind: str):
    run = run_dir(tmp_path, kind, records=False)
    (run / "peaks.csv").write_text(EDITED)  # nothing recorded to tell it from
    assert READERS[kind](run).peaks["peak_90_10"].tolist() == [35500]
    (run / "forecast.csv").write_text(CUT)
    with pytest.raises(InputError, match="its last row is cut short"):
        READERS[kind](run)
