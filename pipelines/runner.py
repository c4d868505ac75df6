"""The forecast pipeline: load -> validate -> history -> baseline -> scenarios -> paths ->
quantiles -> outputs (forecast.csv, history.csv, manifest.json, index.html).

This module does the I/O and progress reporting; every computation lives in `forecasting/`.
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import pandas as pd

from forecasting.combine.quantiles import summarise
from forecasting.config import PipelineConfig
from forecasting.errors import InputError
from forecasting.history.builder import BuiltHistory, build_history
from forecasting.history.rules import HistoryRules
from forecasting.io.config_file import load_config
from forecasting.io.curated import CuratedData, load_curated
from forecasting.models.loglinear_trend import LogLinearTrend
from forecasting.paths import LATEST_DIR, display_path
from forecasting.regimes import detect_regimes
from forecasting.report.render import render_report
from forecasting.report.run_files import read_run
from forecasting.scenarios.growth_rate import GrowthRateDriver
from forecasting.seeds import rng_for
from pipelines.progress import StageProgress
from pipelines.publish import discard, make_staging, publish

PACKAGES = ("dcload", "numpy", "pandas", "scipy", "statsmodels", "pydantic", "plotly", "Jinja2")
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


def load_inputs(config_path: Path) -> tuple[PipelineConfig, CuratedData]:
    config = load_config(config_path)
    data = load_curated(config.history.observations, config.history.sources,
                        config.national_total.file)
    return config, data


def build(config: PipelineConfig, data: CuratedData, config_path: Path) -> BuiltHistory:
    return build_history(data.observations, data.sources,
                         HistoryRules.from_config(config.history),
                         file=display_path(config_path))


@dataclass(frozen=True)
class ComputedRun:
    """Everything a run computes, before anything is written."""

    config: PipelineConfig
    config_path: Path
    data: CuratedData
    history: BuiltHistory
    baseline: LogLinearTrend
    forecast: pd.DataFrame
    regimes: dict
    started: datetime


def compute_run(
    config_path: Path,
    *,
    draws: int | None = None,
    seed: int | None = None,
    progress: StageProgress,
) -> ComputedRun:
    """Load, validate and compute a run (no file is written)."""
    started = datetime.now(UTC)
    with progress.stage("load and validate inputs"):
        config, data = load_inputs(config_path)
        overrides = {k: v for k, v in (("draws", draws), ("seed", seed)) if v is not None}
        if overrides:
            config = config.model_copy(
                update={"forecast": config.forecast.model_copy(update=overrides)})
    with progress.stage("build history"):
        history = build(config, data, config_path)
    series = history.as_series()
    last_year = int(series.index[-1].year)
    years = np.arange(last_year + 1, config.forecast.end_year + 1)
    if len(years) == 0:
        raise InputError(display_path(config_path),
                         f"end_year must be after the last history year {last_year}",
                         field="forecast.end_year")
    n, seed_value, region = config.forecast.draws, config.forecast.seed, config.region

    with progress.stage("fit baseline and national total"):
        baseline = LogLinearTrend(last_n=config.baseline.fit_last_years,
                                  min_log_sd=config.baseline.min_log_sd).fit(series)
        national = _national_paths(config, data, years, n, seed_value)

    frames = []
    with progress.stage("simulate scenarios"):
        for scenario in config.scenarios:
            rng = rng_for(seed_value, region, scenario.name, "scenario")
            if scenario.driver == "momentum":
                paths = baseline.sample_paths(len(years), n, rng)
            else:
                driver = GrowthRateDriver.from_config(scenario)
                paths = driver.sample_paths(float(series.iloc[-1]), years, n, rng)
            frames.append(summarise(region, scenario.name, years, paths, national))
    forecast = pd.concat(frames, ignore_index=True)
    with progress.stage("detect regimes"):
        regimes = detect_regimes(series, seed=seed_value).to_dict()
    return ComputedRun(config, Path(config_path), data, history, baseline, forecast, regimes,
                       started)


def write_outputs(
    run: ComputedRun,
    directory: Path,
    *,
    progress: StageProgress,
    run_id: str | None = None,
) -> dict:
    """Write forecast.csv, history.csv, manifest.json and index.html into `directory` (which
    must exist); nothing is published. Returns the manifest."""
    directory = Path(directory)
    with progress.stage("write outputs and report"):
        manifest = _manifest(run.config, run.config_path, run.history, run.started,
                             progress.timings, run.baseline)
        if run_id is not None:
            manifest["run_id"] = run_id
        _write_csv(run.forecast, directory / "forecast.csv")
        _write_csv(run.history.series, directory / "history.csv")
        _write_csv(run.data.observations.drop(columns="row"), directory / "observations.csv")
        _write_json(run.regimes, directory / "regimes.json")
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
    quiet: bool = False,
    run_id: str | None = None,
    progress: StageProgress | None = None,
) -> RunResult:
    """Compute a run and write its four outputs into `directory` (created if missing), without
    publishing it anywhere: the caller decides where and how it goes live."""
    progress = progress if progress is not None else StageProgress(quiet=quiet)
    run = compute_run(config_path, draws=draws, seed=seed, progress=progress)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    manifest = write_outputs(run, directory, progress=progress, run_id=run_id)
    return RunResult(directory, run.forecast, run.history, manifest)


def run_forecast(
    config_path: Path,
    *,
    output_dir: Path | None = None,
    draws: int | None = None,
    seed: int | None = None,
    quiet: bool = False,
) -> RunResult:
    progress = StageProgress(quiet=quiet)
    run = compute_run(config_path, draws=draws, seed=seed, progress=progress)
    target = Path(output_dir) if output_dir is not None else LATEST_DIR
    staging = make_staging(target)
    try:
        manifest = write_outputs(run, staging, progress=progress)
        publish(staging, target)
    except BaseException:
        discard(staging)
        raise
    progress.say(f"published {display_path(target)} (run {manifest['run_id']})")
    return RunResult(target, run.forecast, run.history, manifest)


def _national_paths(config, data, years, n, seed) -> np.ndarray:
    totals = data.national_totals
    totals = totals[(totals["definition"] == config.national_total.definition)
                    & (totals["year"] >= config.national_total.fit_from_year)]
    totals = totals.sort_values("year").set_index("year")["twh"]
    full = totals.reindex(range(int(totals.index.min()), int(totals.index.max()) + 1))
    full = np.exp(np.log(full).interpolate(limit_area="inside"))
    series = pd.Series(full.to_numpy(),
                       index=pd.PeriodIndex([pd.Period(str(y), freq="Y") for y in full.index]))
    model = LogLinearTrend().fit(series)
    horizon = int(years[-1]) - int(series.index[-1].year)
    paths = model.sample_paths(horizon, n, rng_for(seed, config.region, "national_total"))
    return paths[:, horizon - len(years):]


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, float_format="%.4f", lineterminator="\n")


def _write_json(document: dict, path: Path) -> None:
    path.write_text(json.dumps(document, indent=2, sort_keys=True, allow_nan=False) + "\n",
                    encoding="utf-8")


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _manifest(config, config_path, history, started, timings, baseline) -> dict:
    inputs = {display_path(p): _sha256(p) for p in (
        config_path, config.history.observations, config.history.sources,
        config.national_total.file)}
    resolved = json.loads(config.model_dump_json())
    resolved["history"]["observations"] = display_path(config.history.observations)
    resolved["history"]["sources"] = display_path(config.history.sources)
    resolved["national_total"]["file"] = display_path(config.national_total.file)
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
        "run_id": started.strftime("%Y%m%dT%H%M%SZ") + "-" + fingerprint[:8],
        "started_utc": started.isoformat(timespec="seconds"),
        "fingerprint": fingerprint,
        "inputs": inputs,
        "config": resolved,
        "seed": config.forecast.seed,
        "draws": config.forecast.draws,
        "python": platform.python_version(),
        "packages": versions,
        "splice": history.splice.describe(),
        "baseline": {"model": baseline.name, "growth_rate": round(baseline.growth_rate_, 6),
                     "log_sd": round(baseline.sd_, 6)},
        "national_total_definition_label": DEFINITION_LABELS[config.national_total.definition],
        "timings_s": dict(timings),
    }
