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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd

from forecasting.io.run_dir import write_files
from forecasting.io.zone_config_file import config_kind
from forecasting.many_zones.compute import ComputedManyZones, compute_many_zones
from forecasting.many_zones.node_task import lost_node
from forecasting.many_zones.tables import many_zones_tables
from forecasting.national import ComputedRun, compute_run
from forecasting.report.many_zones_files import is_many_zones_run, read_many_zones_run
from forecasting.report.many_zones_render import render_many_zones_report
from forecasting.report.render import render_report
from forecasting.report.run_files import read_run
from forecasting.report.zone_files import is_zone_run, read_zone_run
from forecasting.report.zone_render import render_zone_report
from forecasting.runs.diff import RunSnapshot, diff_runs, report_changes
from forecasting.runs.files import json_text, national_tables, read_csv_text
from forecasting.runs.fingerprint import Fingerprint
from forecasting.runs.manifest import many_zones_manifest, national_manifest, zone_manifest
from forecasting.runs.outputs import output_records
from forecasting.zones.compute import ComputedZoneRun, compute_zone_run
from forecasting.zones.tables import zone_tables
from pipelines.engine.dask_engine import DaskEngine
from pipelines.engine.task_cache import TaskCache
from pipelines.publishing.progress import StageProgress

FIRST_RUN = {"first_run": True}


@dataclass(frozen=True)
class WrittenRun:
    directory: Path
    run: ComputedRun | ComputedZoneRun | ComputedManyZones
    manifest: dict
    changes: dict

    @property
    def forecast(self) -> pd.DataFrame:
        return self.run.forecast

    @property
    def failed(self) -> list[tuple[str, str]]:
        """Zones of a many-zone run that failed, with their one-line reasons."""
        return list(getattr(getattr(self.run, "run", None), "failed", []) or [])


def write_run(
    config_path: Path,
    directory: Path,
    fp: Fingerprint,
    *,
    run_id: str,
    draws: int | None = None,
    seed: int | None = None,
    scenario: str | None = None,
    previous: RunSnapshot | None = None,
    progress: StageProgress,
    workers: int | None = None,
    scheduler: str | None = None,
    task_cache: Path | None = None,
) -> WrittenRun:
    """Compute a run of `config_path` (a national, zone or many-zone pipeline; the last on
    Dask, `workers` local processes or the cluster at `scheduler`, reusing the unchanged
    tasks kept in `task_cache`) and write it into
    `directory` (which must exist); `previous` is the published run its changes are measured
    from, as read by `forecasting.runs.snapshot.read_snapshot` (None: a first run)."""
    kind = config_kind(config_path)
    if kind == "zones":
        cache = TaskCache(task_cache) if task_cache is not None else None
        with DaskEngine(workers=workers, scheduler=scheduler, on_progress=progress.advance,
                        on_lost=lost_node) as engine:
            map_tasks = engine.map if cache is None else partial(cache.map, engine.map)
            run = compute_many_zones(config_path, draws=draws, seed=seed, scenario=scenario,
                                     progress=progress, map_tasks=map_tasks)
        if cache is not None:
            cache.prune()
            progress.say(f"reused {cache.reused} unchanged zone task(s) of "
                         f"{len(cache.used)}")
        tables, make_manifest = many_zones_tables, many_zones_manifest
    elif kind == "zone":
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
            changes = report_changes(diff_runs(previous, new))
        files["changes.json"] = json_text(changes)
        manifest["timings_s"] = dict(progress.timings)
        manifest["outputs"] = output_records(files)  # readers check the files against it
        files["manifest.json"] = json_text(manifest)
        for name, text in files.items():
            with _naming(Path(directory) / name):
                write_files(directory, {name: text})
        render_index(directory)
    return WrittenRun(Path(directory), run, manifest, changes)


def render_index(run_dir: Path) -> Path:
    """Render `run_dir`'s index.html from its own files only (archived runs included); the
    old page is replaced in one rename."""
    run_dir = Path(run_dir)
    if is_many_zones_run(run_dir):
        html = render_many_zones_report(read_many_zones_run(run_dir))
    elif is_zone_run(run_dir):
        html = render_zone_report(read_zone_run(run_dir))
    else:
        html = render_report(read_run(run_dir))
    tmp = run_dir / ".index.html.tmp"
    with _naming(run_dir / "index.html"):
        tmp.write_text(html, encoding="utf-8")
    tmp.replace(run_dir / "index.html")
    return run_dir / "index.html"


@contextmanager
def _naming(path: Path) -> Iterator[None]:
    """An OSError raised while writing `path` names it (a write that fails for a full disk
    carries no file name), so the refresh's one-line error can say which file."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None and exc.errno is not None:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
