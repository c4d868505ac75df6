"""The store: the directory holding every published run and what points at the current one.

```
<store>/
  runs/<run_id>/            one directory per published run (forecast.csv, history.csv,
                            manifest.json, index.html)
  runs/.staging-<run_id>/   a run being written (never read; removed if left behind)
  latest -> runs/<run_id>   relative symlink to the current run, replaced atomically
  registry.sqlite           the run registry (pipelines/refresh/registry.py)
  refresh.lock              the refresh lock (pipelines/refresh/lock.py)
```

A run becomes visible in two atomic steps: `rename(runs/.staging-<id>, runs/<id>)`, then
`rename(<tmp symlink>, latest)`. A crash before the second leaves `latest` where it was.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd

from forecasting.paths import display_path

OUTPUTS = ("forecast.csv", "history.csv", "manifest.json", "index.html")
FORECAST_COLUMNS = ["region", "scenario", "year", "metric", "mean", "p05", "p10", "p50", "p90",
                    "p95"]  # required; others (e.g. `component`) may be there too
QUANTILE_COLUMNS = ["mean", "p05", "p10", "p50", "p90", "p95"]
HISTORY_COLUMNS = ["year", "twh", "provenance"]
STAGING_PREFIX = ".staging-"
LATEST_TMP_PREFIX = ".latest.tmp-"


class PublishCheckError(RuntimeError):
    """A staged run failed the checks made before it may be published."""


class Store:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.runs = self.root / "runs"
        self.latest = self.root / "latest"
        self.registry_path = self.root / "registry.sqlite"

    def ensure(self) -> None:
        self.runs.mkdir(parents=True, exist_ok=True)

    def run_dir(self, run_id: str) -> Path:
        return self.runs / run_id

    def staging_dir(self, run_id: str) -> Path:
        return self.runs / f"{STAGING_PREFIX}{run_id}"

    def make_staging(self, run_id: str) -> Path:
        staging = self.staging_dir(run_id)
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        return staging

    def latest_run_id(self) -> str | None:
        """The run `latest` points to, if it is a symlink into runs/."""
        if not self.latest.is_symlink():
            return None
        target = Path(os.readlink(self.latest))
        if not target.is_absolute():
            target = self.root / target
        if target.parent.resolve() != self.runs.resolve():
            return None
        return target.name

    def publish(self, staging: Path, run_id: str) -> Path:
        """Move a checked staging directory to runs/<run_id> (not yet `latest`)."""
        final = self.run_dir(run_id)
        if final.exists():
            raise PublishCheckError(f"{display_path(final)} already exists")
        os.rename(staging, final)
        _fsync_dir(self.runs)
        return final

    def point_latest(self, run_id: str) -> None:
        """Atomically make `latest` a symlink to runs/<run_id>."""
        tmp = self.root / f"{LATEST_TMP_PREFIX}{run_id}"
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        os.symlink(Path("runs") / run_id, tmp)
        os.replace(tmp, self.latest)
        _fsync_dir(self.root)

    def move_aside_legacy_latest(self, name: str) -> Path | None:
        """`latest` is a real directory (written by `dcload forecast`): move it under runs/ so
        it can be replaced by a symlink. Returns where it went."""
        if self.latest.is_symlink() or not self.latest.is_dir():
            return None
        destination = self.run_dir(name)
        os.rename(self.latest, destination)
        return destination

    def clean_leftovers(self) -> list[Path]:
        """Remove staging directories and temporary symlinks left by a dead refresh. Call only
        while holding the store lock."""
        removed = []
        if self.runs.is_dir():
            for path in self.runs.iterdir():
                if path.name.startswith(STAGING_PREFIX):
                    shutil.rmtree(path, ignore_errors=True)
                    removed.append(path)
        if self.root.is_dir():
            for path in self.root.iterdir():
                if path.name.startswith(LATEST_TMP_PREFIX):
                    path.unlink(missing_ok=True)
                    removed.append(path)
        return removed


def check_run(directory: Path, *, run_id: str | None = None) -> pd.DataFrame:
    """Check that a run directory holds every output and that they read back: returns the
    forecast table. Raises PublishCheckError."""
    directory = Path(directory)
    for name in OUTPUTS:
        path = directory / name
        if not path.is_file() or path.stat().st_size == 0:
            raise PublishCheckError(f"{display_path(path)} is missing or empty")
    try:
        forecast = pd.read_csv(directory / "forecast.csv")
        history = pd.read_csv(directory / "history.csv")
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        raise PublishCheckError(f"{display_path(directory)}: an output does not read back "
                                f"({exc})") from exc
    missing = [c for c in FORECAST_COLUMNS if c not in forecast.columns]
    if missing:
        raise PublishCheckError(f"forecast.csv lacks columns {missing} (has "
                                f"{list(forecast.columns)})")
    totals = totals_only(forecast)
    if totals.empty or totals[QUANTILE_COLUMNS].isna().any().any():
        raise PublishCheckError("forecast.csv has no totals or missing quantiles")
    missing = [c for c in HISTORY_COLUMNS if c not in history.columns]
    if missing or history.empty:
        raise PublishCheckError(f"history.csv is empty or lacks columns {missing}")
    if not isinstance(manifest, dict) or "run_id" not in manifest:
        raise PublishCheckError("manifest.json has no run_id")
    if run_id is not None and manifest["run_id"] != run_id:
        raise PublishCheckError(f"manifest.json says run {manifest['run_id']}, expected {run_id}")
    return forecast


def totals_only(forecast: pd.DataFrame) -> pd.DataFrame:
    """The rows of whole-load totals (forecast.csv may also break the total into components)."""
    if "component" in forecast.columns:
        return forecast[forecast["component"] == "total"]
    return forecast


def key_results(forecast: pd.DataFrame, year: int = 2030) -> dict[str, float]:
    """P50 TWh in `year` per scenario (scenario names prefixed by region if several)."""
    forecast = totals_only(forecast)
    rows = forecast[(forecast["metric"] == "twh") & (forecast["year"] == year)]
    several = rows["region"].nunique() > 1
    return {(f"{r.region}/{r.scenario}" if several else str(r.scenario)): round(float(r.p50), 4)
            for r in rows.itertuples()}


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
