"""The forecast pipeline's I/O: compute a run (pipelines/compute.py), write every table of it
into a directory, render the report from those files, and publish.

A run directory holds forecast.csv, history.csv, observations.csv, regimes.json,
backtest_summary.csv, backtest_forecasts.csv, decomposition.csv, sensitivity.csv,
assumptions.csv, outlooks.csv, manifest.json and index.html (the report reads only these).
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from forecasting.history.builder import BuiltHistory
from forecasting.io.hashing import sha256_file
from forecasting.paths import LATEST_DIR, display_path
from forecasting.report.render import render_report
from forecasting.report.run_files import read_run
from pipelines.compute import ComputedRun, build, compute_run, load_inputs
from pipelines.progress import StageProgress
from pipelines.publish import discard, make_staging, publish

__all__ = ["ComputedRun", "RunResult", "build", "compute_run", "input_files", "load_inputs",
           "run_forecast", "write_outputs", "write_run"]

PACKAGES = ("dcload", "numpy", "pandas", "scipy", "statsmodels", "prophet", "scikit-learn",
            "ruptures", "pydantic", "plotly", "Jinja2")
DEFINITION_LABELS = {
    "retail_sales": "retail sales of electricity (EIA Electric Power Monthly, Table 5.1)",
    "total_end_use": "total end use including direct use (EIA Electric Power Annual, Table 2.2)",
}


@dataclass(frozen=True)
class RunResult:
    output_dir: Path
    forecast: pd.DataFrame
    history: BuiltHistory
    manifest: dict


def input_files(config_path: Path, config) -> list[Path]:
    """Every file a run reads: the config, the curated tables, the scenario files and the
    history backcast of the region."""
    return [Path(config_path), config.history.observations, config.history.sources,
            config.national_total.file,
            *[config.scenarios_dir / f"{name}.yaml" for name in config.scenarios],
            config.scenarios_dir / "backcast" / f"{config.region.lower()}.yaml"]


def resolved_config(config) -> dict:
    """The validated config as JSON, with its paths as a user reads them (manifest and
    refresh fingerprint)."""
    resolved = json.loads(config.model_dump_json())
    resolved["history"]["observations"] = display_path(config.history.observations)
    resolved["history"]["sources"] = display_path(config.history.sources)
    resolved["national_total"]["file"] = display_path(config.national_total.file)
    resolved["scenarios_dir"] = display_path(config.scenarios_dir)
    return resolved


def write_outputs(
    run: ComputedRun,
    directory: Path,
    *,
    progress: StageProgress,
    run_id: str | None = None,
    changes: dict | None = None,
) -> dict:
    """Write every table of `run` and its report into `directory` (which must exist); nothing
    is published. `changes` (from the run registry) fills the report's changes section.
    Returns the manifest."""
    directory = Path(directory)
    with progress.stage("write outputs and report"):
        manifest = _manifest(run, progress.timings)
        if run_id is not None:
            manifest["run_id"] = run_id
        tables = {
            "forecast.csv": run.forecast,
            "history.csv": run.history.series,
            "observations.csv": run.data.observations.drop(columns="row"),
            "backtest_summary.csv": run.backtest_summary(),
            "backtest_forecasts.csv": run.backtest_forecasts(),
            "decomposition.csv": run.decomposition_table(),
            "sensitivity.csv": run.sensitivity,
            "assumptions.csv": run.assumptions_table(),
            "outlooks.csv": run.outlooks_table(),
        }
        for name, frame in tables.items():
            _write_csv(frame, directory / name)
        _write_json(run.regimes, directory / "regimes.json")
        _write_json(changes or {"first_run": True}, directory / "changes.json")
        manifest["timings_s"] = dict(progress.timings)
        _write_json(manifest, directory / "manifest.json")
        html = render_report(read_run(directory))
        (directory / "index.html").write_text(html, encoding="utf-8")
    return manifest


def write_run(
    config_path: Path,
    directory: Path,
    *,
    draws: int | None = None,
    seed: int | None = None,
    scenario: str | None = None,
    quiet: bool = False,
    run_id: str | None = None,
    changes: dict | None = None,
    progress: StageProgress | None = None,
) -> RunResult:
    """Compute a run and write it into `directory` (created if missing), without publishing
    it anywhere: the caller decides where and how it goes live."""
    progress = progress if progress is not None else StageProgress(quiet=quiet)
    run = compute_run(config_path, draws=draws, seed=seed, scenario=scenario, progress=progress)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    manifest = write_outputs(run, directory, progress=progress, run_id=run_id, changes=changes)
    return RunResult(directory, run.forecast, run.history, manifest)


def run_forecast(
    config_path: Path,
    *,
    output_dir: Path | None = None,
    draws: int | None = None,
    seed: int | None = None,
    scenario: str | None = None,
    quiet: bool = False,
) -> RunResult:
    """Compute, write into a staging directory, then swap it in as `output_dir`."""
    progress = StageProgress(quiet=quiet)
    run = compute_run(config_path, draws=draws, seed=seed, scenario=scenario, progress=progress)
    target = Path(output_dir) if output_dir is not None else LATEST_DIR
    staging = make_staging(target)
    try:
        manifest = write_outputs(run, staging, progress=progress)
        attach_changes(target, staging)
        publish(staging, target)
    except BaseException:
        discard(staging)
        raise
    progress.say(f"published {display_path(target)} (run {manifest['run_id']})")
    return RunResult(target, run.forecast, run.history, manifest)


def attach_changes(previous: Path, run_dir: Path) -> dict | None:
    """Compare `run_dir` with the previous published run `previous` (if it is one): write the
    result as `run_dir`'s changes.json and render its report again. Returns the changes."""
    if not (Path(previous) / "manifest.json").is_file():
        return None  # no earlier run: write_outputs' changes.json says "first run"
    from pipelines.refresh.diff import diff_run_dirs, report_changes
    from pipelines.rerender import rerender_report

    changes = report_changes(diff_run_dirs(previous, run_dir))
    _write_json(changes, Path(run_dir) / "changes.json")
    rerender_report(run_dir)
    return changes


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, float_format="%.4f", lineterminator="\n")


def _write_json(document: dict, path: Path) -> None:
    path.write_text(json.dumps(document, indent=2, sort_keys=True, allow_nan=False) + "\n",
                    encoding="utf-8")


def _manifest(run: ComputedRun, timings: dict) -> dict:
    config = run.config
    inputs = {display_path(p): sha256_file(p) for p in input_files(run.config_path, config)}
    resolved = resolved_config(config)
    resolved["scenario_descriptions"] = {s.name: " ".join(s.description.split())
                                         for s in run.specs}
    fingerprint = hashlib.sha256(
        json.dumps({"inputs": inputs, "config": resolved}, sort_keys=True).encode()
    ).hexdigest()
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "not installed"
    return {
        "schema_version": 2,
        "run_id": run.started.strftime("%Y%m%dT%H%M%SZ") + "-" + fingerprint[:8],
        "started_utc": run.started.isoformat(timespec="seconds"),
        "fingerprint": fingerprint,
        "inputs": inputs,
        "config": resolved,
        "seed": config.forecast.seed,
        "draws": config.forecast.draws,
        "python": platform.python_version(),
        "packages": versions,
        "splice": run.history.splice.describe(),
        "baseline": {"weights": run.choice.weights,
                     "choice": run.choice.decision.choice.kind,
                     "band_factors": [round(f, 4) for f in run.choice.factors(
                         int(run.forecast["year"].nunique()))],
                     "failures": len(run.choice.result.failures)},
        "bands": run.choice.bands_note(),
        "national_total_definition_label": DEFINITION_LABELS[config.national_total.definition],
        "timings_s": dict(timings),
    }
