"""The store: the directory holding every published run and what points at the current one.

```
<store>/
  runs/<run_id>/            one directory per published run (forecast.csv, history.csv,
                            manifest.json, index.html, ...)
  runs/.staging-<run_id>/   a run being written (never read; removed if left behind)
  latest -> runs/<run_id>   relative symlink to the current run, replaced atomically
  registry.sqlite           the run registry (pipelines/publishing/registry.py)
  refresh.lock              the store's lock (pipelines/publishing/lock.py)
```

`dcload forecast` and `dcload refresh` publish into a store the same way. The default store is
`reports/` (so `reports/latest`); `dcload forecast --output-dir DIR` uses the store in DIR's
folder with DIR as its link (`Store.for_link`), so DIR reads as the run's directory.

A run becomes visible in two atomic steps: `rename(runs/.staging-<id>, runs/<id>)`, then
`rename(<tmp symlink>, latest)`. A crash before the second leaves `latest` where it was.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd

from forecasting.contracts import (
    FORECAST_COLUMNS,
    HISTORY_COLUMNS,
    QUANTILE_COLUMNS,
    REQUIRED_FORECAST_COLUMNS,
    ZONE_HISTORY_COLUMNS,
    totals_only,
)
from forecasting.errors import InputError
from forecasting.paths import display_path
from forecasting.report.zone_files import required_files
from forecasting.runs.outputs import output_problems

OUTPUTS = ("forecast.csv", "history.csv", "manifest.json", "index.html")
#: and what a zone run has besides (forecasting/zones/tables.py), and decomposition.csv when
#: it estimated its data-center part (`forecasting.report.zone_files.required_files`: a
#: ``data_center: none`` run writes none)
ZONE_OUTPUTS = ("peaks.csv", "peak_check.csv", "backtest_summary.csv", "profile.csv")
#: and what a many-zone run has besides (forecasting/many_zones/tables.py)
MANY_ZONES_OUTPUTS = ("zones.csv", "coincidence.csv", "reconciliation.json")
STAGING_PREFIX = ".staging-"
LATEST_TMP_PREFIX = ".latest.tmp-"
#: what a store's folder holds besides its links: never a link's name
STORE_NAMES = frozenset({"runs", "registry.sqlite", "registry.sqlite-wal", "registry.sqlite-shm",
                         "refresh.lock", "task-cache"})


class PublishCheckError(RuntimeError):
    """A staged run failed the checks made before it may be published."""


class Store:
    def __init__(self, root: Path, *, link: str = "latest") -> None:
        self.root = Path(root)
        self.runs = self.root / "runs"
        self.latest = self.root / link
        self.registry_path = self.root / "registry.sqlite"

    @classmethod
    def for_link(cls, directory: Path) -> Store:
        """The store whose link `directory` is (`dcload forecast --output-dir DIR`): runs,
        registry and lock live in DIR's folder. Anything at DIR that publishing would destroy
        is refused (`check_link`)."""
        directory = Path(directory).absolute()
        store = cls(directory.parent, link=directory.name)
        store.check_link("--output-dir")
        return store

    def check_link(self, option: str) -> None:
        """Refuse, before anything runs, a store or link that publishing would damage: the
        store must be a folder (or not yet exist), and the link (`latest`, or the `--output-dir`
        name) missing, an empty folder (removed here: it becomes the link) or a symlink to a
        run of this store (`runs/<id>`, even one deleted since). Anything else (a file, a
        folder with content, a link elsewhere, one of the store's own files) is an
        InputError naming `option`, and is left as it was."""
        if self.root.exists() and not self.root.is_dir():
            raise InputError(display_path(self.root), f"is a file, not a folder; choose another "
                             f"{option}", field=option)
        self._check_layout(option)
        link, name = self.latest, self.latest.name
        if name in STORE_NAMES or name.startswith((STAGING_PREFIX, LATEST_TMP_PREFIX)):
            raise InputError(display_path(link), f"is the store's own {name!r}, not a link "
                             f"to a run; choose another {option}", field=option)
        if link.is_symlink():
            if self._target(link) is None:
                raise InputError(display_path(link), f"is a link to {os.readlink(link)}, not "
                                 f"to a run of this store (runs/<id>); move it aside or choose "
                                 f"another {option}", field=option)
            return
        if not link.exists():
            return
        if link.is_dir() and not any(link.iterdir()):
            link.rmdir()  # an empty folder made in advance becomes the link
            return
        what = "a folder that is not a published run link" if link.is_dir() else "a file"
        raise InputError(display_path(link), f"exists and is {what}; move it aside or choose "
                         f"another {option}", field=option)

    def _check_layout(self, option: str) -> None:
        """The store's own entries, where present, of the kind publishing needs: `runs` and
        `task-cache` folders, `refresh.lock` a file and not a symlink. Otherwise an InputError
        naming the entry (a store someone filled by hand; nothing is moved or deleted).

        The lock is opened, truncated and written by every refresh (lock.py), so a symlinked
        `refresh.lock` would overwrite whatever it points to: refused, whatever its target.
        `runs` and `task-cache` may be symlinks to folders (runs kept on another disk):
        publishing only creates, renames and removes its own entries inside them, as it
        would in a real folder, and `latest` stays the relative link `runs/<id>`."""
        for path, folder in ((self.runs, True), (self.task_cache, True),
                             (self.root / "refresh.lock", False)):
            if not (path.exists() or path.is_symlink()):
                continue
            if not folder and path.is_symlink():
                raise InputError(display_path(path), f"is a link to {os.readlink(path)}, but "
                                 f"the store writes its lock file there and would overwrite "
                                 f"the target; remove the link or choose another {option}",
                                 field=option)
            if folder and not path.is_dir():
                raise InputError(display_path(path), "is a file, but the store keeps a folder "
                                 f"there; move it aside or choose another {option}",
                                 field=option)
            if not folder and not path.is_file():
                raise InputError(display_path(path), "is not a file, but the store keeps its "
                                 f"lock file there; move it aside or choose another {option}",
                                 field=option)

    def pinned(self) -> set[str]:
        """Runs that a link in the store's folder points to (never pruned)."""
        pinned = set()
        if self.root.is_dir():
            for path in self.root.iterdir():
                run_id = self._target(path)
                if run_id is not None:
                    pinned.add(run_id)
        return pinned

    def ensure(self) -> None:
        self.runs.mkdir(parents=True, exist_ok=True)

    @property
    def task_cache(self) -> Path:
        """Where many-zone task results are kept for reuse (pipelines/engine/task_cache.py)."""
        return self.root / "task-cache"

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
        return self._target(self.latest)

    def published_run_id(self) -> str | None:
        """What `dcload runs` shows as the latest run: `latest_run_id`, or in a store
        published with `--output-dir DIR` (its link named DIR, not `latest`) the run of its
        one link into runs/. Publishing itself only ever follows its own link."""
        if self.latest.is_symlink() or not self.root.is_dir():
            return self.latest_run_id()
        found = {self._target(p) for p in self.root.iterdir()
                 if p.is_symlink() and p.name not in STORE_NAMES} - {None}
        return found.pop() if len(found) == 1 else None

    def _target(self, link: Path) -> str | None:
        if not link.is_symlink():
            return None
        target = Path(os.readlink(link))
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
    """Check that a run directory (national or zone, as its manifest's ``kind`` says) holds
    every output, that each file its manifest lists is still the one its run wrote (size and
    sha256; runs written before the manifest kept them: a forecast.csv ending in a whole row)
    and that they read back: returns the forecast table. Raises PublishCheckError."""
    directory = Path(directory)
    for name in OUTPUTS:
        path = directory / name
        if not path.is_file() or path.stat().st_size == 0:
            raise PublishCheckError(f"{display_path(path)} is missing or empty")
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        kind = manifest.get("kind", "national") if isinstance(manifest, dict) else "national"
        zone = kind in ("zone", "zones")
        kind_outputs = {"zone": (*ZONE_OUTPUTS, *required_files(manifest)),
                        "zones": MANY_ZONES_OUTPUTS}
        for name in kind_outputs.get(kind, ()):
            if not (directory / name).is_file():
                raise PublishCheckError(f"{display_path(directory / name)} is missing")
        damaged = output_problems(directory, manifest)
        if damaged:
            path, why = damaged[0]
            raise PublishCheckError(f"{display_path(path)}: {why}")
        forecast = pd.read_csv(directory / "forecast.csv", dtype={"period": str})
        history = pd.read_csv(directory / "history.csv")
    except (ValueError, OSError) as exc:
        raise PublishCheckError(f"{display_path(directory)}: an output does not read back "
                                f"({exc})") from exc
    required = FORECAST_COLUMNS if zone else REQUIRED_FORECAST_COLUMNS
    missing = [c for c in required if c not in forecast.columns]
    if not zone and "period" not in forecast.columns and "year" not in forecast.columns:
        missing.append("period")
    if missing:
        raise PublishCheckError(f"forecast.csv lacks columns {missing} (has "
                                f"{list(forecast.columns)})")
    totals = totals_only(forecast)
    if totals.empty or totals[QUANTILE_COLUMNS].isna().any().any():
        raise PublishCheckError("forecast.csv has no totals or missing quantiles")
    missing = [c for c in (ZONE_HISTORY_COLUMNS if zone else HISTORY_COLUMNS)
               if c not in history.columns]
    if missing or history.empty:
        raise PublishCheckError(f"history.csv is empty or lacks columns {missing}")
    if not isinstance(manifest, dict) or "run_id" not in manifest:
        raise PublishCheckError("manifest.json has no run_id")
    if run_id is not None and manifest["run_id"] != run_id:
        raise PublishCheckError(f"manifest.json says run {manifest['run_id']}, expected {run_id}")
    return forecast


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
