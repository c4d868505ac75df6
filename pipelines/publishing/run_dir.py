"""Write a computed run into a directory: every table, the manifest and the changes against
the previous run (all worked out in memory first), then the report, rendered once from the
directory's own files. Nothing is published here (pipelines/publishing/publish_run.py does).

A national run directory holds forecast.csv, history.csv, observations.csv, regimes.json,
backtest_summary.csv, backtest_forecasts.csv, decomposition.csv, sensitivity.csv,
assumptions.csv, outlooks.csv, track_record.csv (when the config has a track_record section),
changes.json, manifest.json and index.html (the report reads
only these); a zone run's files are listed in forecasting/zones/tables.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from forecasting.io.run_dir import read_snapshot, write_files
from forecasting.io.zone_config_file import is_zone_config
from forecasting.national import ComputedRun, compute_run
from forecasting.report.render import render_report
from forecasting.report.run_files import read_run
from forecasting.report.zone_files import is_zone_run, read_zone_run
from forecasting.report.zone_render import render_zone_report
from forecasting.runs.diff import RunSnapshot, diff_runs, report_changes
from forecasting.runs.files import json_text, national_tables, read_csv_text
from forecasting.runs.fingerprint import Fingerprint
from forecasting.runs.manifest import national_manifest, zone_manifest
from forecasting.zones.compute import ComputedZoneRun, compute_zone_run
from forecasting.zones.tables import zone_tables
from pipelines.publishing.progress import StageProgress

FIRST_RUN = {"first_run": True}


@dataclass(frozen=True)
class WrittenRun:
    directory: Path
    run: ComputedRun | ComputedZoneRun
    manifest: dict
    changes: dict

    @property
    def forecast(self) -> pd.DataFrame:
        return self.run.forecast


def write_run(
    config_path: Path,
    directory: Path,
    fp: Fingerprint,
    *,
    run_id: str,
    draws: int | None = None,
    seed: int | None = None,
    scenario: str | None = None,
    previous: Path | None = None,
    progress: StageProgress,
) -> WrittenRun:
    """Compute a run of `config_path` (a national or a zone pipeline) and write it into
    `directory` (which must exist); `previous` is the published run its changes are measured
    from (None: a first run)."""
    if is_zone_config(config_path):
        run = compute_zone_run(config_path, draws=draws, seed=seed, scenario=scenario,
                               progress=progress)
        tables, make_manifest = zone_tables, zone_manifest
    else:
        run = compute_run(config_path, draws=draws, seed=seed, scenario=scenario,
                          progress=progress, worker=(os.cpu_count() or 1) >= 2)
        tables, make_manifest = national_tables, national_manifest
    with progress.stage("write outputs and report"):
        files = tables(run)
        manifest = make_manifest(run, fp, run_id=run_id, timings=progress.timings)
        changes = FIRST_RUN
        if previous is not None:
            new = RunSnapshot(manifest, read_csv_text(files["forecast.csv"]))
            changes = report_changes(diff_runs(read_snapshot(previous), new))
        files["changes.json"] = json_text(changes)
        manifest["timings_s"] = dict(progress.timings)
        files["manifest.json"] = json_text(manifest)
        write_files(directory, files)
        render_index(directory)
    return WrittenRun(Path(directory), run, manifest, changes)


def render_index(run_dir: Path) -> Path:
    """Render `run_dir`'s index.html from its own files only (archived runs included); the
    old page is replaced in one rename."""
    run_dir = Path(run_dir)
    if is_zone_run(run_dir):
        html = render_zone_report(read_zone_run(run_dir))
    else:
        html = render_report(read_run(run_dir))
    tmp = run_dir / ".index.html.tmp"
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(run_dir / "index.html")
    return run_dir / "index.html"
