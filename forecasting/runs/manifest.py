"""A run's manifest: its id, what it was computed from (inputs with sha256, resolved config,
seed, package versions), how the bands were made, and the stage timings."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

from forecasting.runs.fingerprint import Fingerprint
from forecasting.runs.large_load_record import large_load_record

SCHEMA_VERSION = 2
PACKAGES = ("dcload", "numpy", "pandas", "scipy", "statsmodels", "prophet", "scikit-learn",
            "ruptures", "pydantic", "plotly", "Jinja2")
DEFINITION_LABELS = {
    "retail_sales": "retail sales of electricity (EIA Electric Power Monthly, Table 5.1)",
    "total_end_use": "total end use including direct use (EIA Electric Power Annual, Table 2.2)",
}


def run_id_for(started, fp: Fingerprint) -> str:
    """`<UTC start stamp>-<first 8 hex of the fingerprint>`."""
    return started.strftime("%Y%m%dT%H%M%SZ") + "-" + fp.short


def package_versions(packages: tuple[str, ...] = PACKAGES) -> dict[str, str]:
    versions = {}
    for package in packages:
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "not installed"
    return versions


def national_manifest(run, fp: Fingerprint, *, run_id: str, timings: dict) -> dict:
    """The manifest of a computed national run (`forecasting.national.ComputedRun`)."""
    config = run.config
    resolved = dict(fp.config)
    resolved["scenario_descriptions"] = {s.name: " ".join(s.description.split())
                                         for s in run.specs}
    return {
        "schema_version": SCHEMA_VERSION,
        "run_id": run_id,
        "started_utc": run.started.isoformat(timespec="seconds"),
        "fingerprint": fp.value,
        "inputs": fp.inputs,
        "config": resolved,
        "seed": config.forecast.seed,
        "draws": config.forecast.draws,
        "python": platform.python_version(),
        "packages": package_versions(),
        "splice": run.history.splice.describe(),
        "baseline": {"weights": run.choice.weights,
                     "choice": run.choice.decision.choice.kind,
                     "band_factors": [round(f, 4) for f in run.choice.factors(
                         int(run.forecast["year"].nunique()))],
                     "failures": len(run.choice.result.failures)},
        "bands": run.choice.bands_note(),
        "national_total_definition_label": DEFINITION_LABELS[config.national_total.definition],
        "track_record": getattr(run, "track_record_note", None),
        "scenario_parameters": [scenario_parameters(s) for s in run.specs],
        "timings_s": dict(timings),
    }


def scenario_parameters(spec) -> dict:
    """A scenario's parameters as run (its file's values with the supply envelope applied),
    without descriptions and notes, so `dcload runs diff` can name each one that changed
    (`scenarios[high-ai].parameters.shipments_growth.high: 0.55 -> 0.65`)."""
    return _without_notes(spec.model_dump(mode="json", exclude={"description"},
                                          exclude_none=True))


def _without_notes(value):
    if isinstance(value, dict):
        return {k: _without_notes(v) for k, v in value.items() if k != "note"}
    if isinstance(value, list):
        return [_without_notes(v) for v in value]
    return value


def _grid_manifest(kind: str, computed, fp: Fingerprint, *, run_id: str, seed: int,
                   draws: int, timings: dict) -> dict:
    """What the manifests of zone and many-zone runs share; ``kind`` tells readers (the
    report, the publish check) which files to expect."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": kind,
        "region": computed.config.region,
        "run_id": run_id,
        "started_utc": computed.started.isoformat(timespec="seconds"),
        "fingerprint": fp.value,
        "inputs": fp.inputs,
        "config": dict(fp.config),
        "seed": seed,
        "draws": draws,
        "python": platform.python_version(),
        "packages": package_versions(),
        "timings_s": dict(timings),
    }


def zone_manifest(computed, fp: Fingerprint, *, run_id: str, timings: dict) -> dict:
    """The manifest of a computed zone run (`forecasting.zones.compute.ComputedZoneRun`)."""
    config, summary = computed.config, computed.run.backtest_summary
    manifest = _grid_manifest("zone", computed, fp, run_id=run_id, seed=config.seed,
                              draws=config.n_paths, timings=timings)
    selected = summary[summary["model"] == "selected"] if "model" in summary else summary
    manifest["backtest_metrics"] = sorted(set(selected.get("metric", [])))
    manifest["data_quality"] = computed.run.quality
    manifest["model_window"] = computed.run.model_window  # `forecasting.zones.window_record`
    if computed.large_loads is not None:  # each value, for `runs diff` (large_load_diff)
        manifest["large_loads"] = large_load_record(*computed.large_loads)
    return manifest


def many_zones_manifest(computed, fp: Fingerprint, *, run_id: str, timings: dict) -> dict:
    """The manifest of a many-zone run (`forecasting.many_zones.compute.ComputedManyZones`):
    zones and nodes counted, failed zones with their reasons, how energy was reconciled, the
    seconds each task took and what each zone's file held (`data_quality`, by zone)."""
    config, run = computed.config, computed.run
    manifest = _grid_manifest("zones", computed, fp, run_id=run_id, seed=config.seed,
                              draws=config.zone.n_paths, timings=timings)
    manifest.update({
        "zones": len(computed.hierarchy.leaves),
        "nodes": len(computed.hierarchy.nodes),
        "failed": [{"region": n, "reason": r} for n, r in run.failed],
        "reconciliation": run.reconciliation,
        "task_seconds": dict(sorted(run.seconds.items())),
        "data_quality": run.quality,
        "warnings": list(getattr(computed, "warnings", ())),
    })
    return manifest
