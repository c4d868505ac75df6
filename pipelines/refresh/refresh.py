"""`dcload refresh`: a scheduled batch refresh that never loses a good result.

1. Take the store's lock (pipelines/refresh/lock.py); held by someone else -> exit 3.
2. Settle what a dead refresh left behind: staging directories, temporary symlinks, registry
   rows still `running` (succeeded if `latest` already points at their run, else failed and
   their directory removed), and a missing or dangling `latest`.
3. Fingerprint the inputs (files, resolved config, package version); same as the last
   succeeded run and `latest` still points at it -> a `skipped` row, "up to date", exit 0.
4. Write the run into `<store>/runs/.staging-<run_id>`, check every output reads back, rename
   it to `<store>/runs/<run_id>`, switch the `latest` symlink atomically, mark the row
   succeeded, apply retention.

Any failure before the switch leaves `latest` as it was. Exit codes: 0 success or up to date,
2 bad input (InputError), 3 locked, 1 anything else.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import forecasting
from forecasting.errors import InputError
from forecasting.paths import display_path
from pipelines.progress import StageProgress
from pipelines.refresh.fingerprint import fingerprint
from pipelines.refresh.hooks import pause_point, point_for_stage
from pipelines.refresh.lock import StoreLock, StoreLocked
from pipelines.refresh.logs import RefreshLog
from pipelines.refresh.registry import Registry, now_utc
from pipelines.refresh.store import PublishCheckError, Store, check_run, key_results

EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_LOCKED = 0, 1, 2, 3
DEFAULT_KEEP = 30


class Terminated(BaseException):
    """Raised from a SIGTERM handler so a refresh stopped by its scheduler cleans up."""


@dataclass(frozen=True)
class RefreshOptions:
    config: Path
    store: Path
    force: bool = False
    keep: int = DEFAULT_KEEP
    draws: int | None = None
    seed: int | None = None


@dataclass(frozen=True)
class RefreshOutcome:
    exit_code: int
    status: str  # succeeded, skipped, failed, locked
    run_id: str | None = None
    message: str = ""


def refresh(options: RefreshOptions, log: RefreshLog | None = None) -> RefreshOutcome:
    log = log or RefreshLog()
    with warnings.catch_warnings():
        # Python warnings (e.g. a library's FutureWarning) become log lines too, so --log-json
        # output stays one JSON object per line; info level, so --quiet cron runs stay silent.
        warnings.showwarning = partial(_log_warning, log)
        return _refresh(options, log)


def _log_warning(log: RefreshLog, message, category, filename, lineno, file=None,
                 line=None) -> None:
    log.info("python_warning", f"{category.__name__}: {message} ({filename}:{lineno})",
             category=category.__name__, file=str(filename), line=lineno)


def _refresh(options: RefreshOptions, log: RefreshLog) -> RefreshOutcome:
    store = Store(options.store)
    lock = StoreLock(store.root)
    try:
        store.ensure()
        lock.acquire(config=display_path(options.config))
    except StoreLocked as locked:
        log.error("locked", str(locked), holder=locked.holder, exit_code=EXIT_LOCKED)
        return RefreshOutcome(EXIT_LOCKED, "locked", message=str(locked))
    except OSError as exc:
        message = f"cannot use the store {display_path(store.root)}: {_one_line(exc)}"
        log.error("failed", message, exit_code=EXIT_FAILED)
        return RefreshOutcome(EXIT_FAILED, "failed", message=message)
    try:
        with Registry(store.registry_path) as registry:
            recover(store, registry, log)
            pause_point("locked")
            return _refresh_locked(options, store, registry, log)
    finally:
        lock.release()


def recover(store: Store, registry: Registry, log: RefreshLog) -> None:
    """Settle what a refresh that died left behind. Call only while holding the lock: no
    other refresh can be running, so every `running` row is stale."""
    for path in store.clean_leftovers():
        log.warning("cleaned", f"removed {display_path(path)} left by an interrupted refresh",
                    path=str(path))
    if _import_legacy_latest(store, registry, log) is not None:
        heal_latest(store, registry, log, quiet=True)
    latest = store.latest_run_id()
    for row in registry.rows(status="running"):
        run_dir = store.run_dir(row.id)
        where = f"in stage '{row.stage}'" if row.stage else "before it started"
        if row.id == latest:
            try:
                results = key_results(check_run(run_dir, run_id=row.id))
            except PublishCheckError as exc:
                registry.finish(row.id, "failed", error=f"process {row.pid} died {where}; "
                                f"published run failed its check: {exc}")
                log.warning("recovered", f"run {row.id}: published but failed its check",
                            stale_run=row.id)
                heal_latest(store, registry, log, exclude=row.id)
                continue
            registry.finish(row.id, "succeeded", key_results=results, stage="done",
                            note=f"process {row.pid} died {where}, after publishing; "
                            "marked succeeded on recovery")
            log.warning("recovered", f"run {row.id} was published but not recorded (process "
                        f"{row.pid} died {where}); marked succeeded", stale_run=row.id)
        else:
            if run_dir.exists():
                shutil.rmtree(run_dir, ignore_errors=True)
            registry.finish(row.id, "failed", error=f"interrupted: process {row.pid} died "
                            f"{where}; nothing was published")
            log.warning("recovered", f"run {row.id} was interrupted (process {row.pid} died "
                        f"{where}); marked failed", stale_run=row.id)
    heal_latest(store, registry, log)


def heal_latest(store: Store, registry: Registry, log: RefreshLog, *,
                exclude: str | None = None, quiet: bool = False) -> None:
    """`latest` missing, dangling or excluded: point it at the newest succeeded run whose
    directory is still there."""
    if store.latest.is_symlink():
        if store.latest.exists() and store.latest_run_id() != exclude:
            return
    elif store.latest.exists():  # a real directory written by `dcload forecast`
        return
    for row in registry.rows(status="succeeded"):
        if row.id != exclude and store.run_dir(row.id).is_dir():
            store.point_latest(row.id)
            if quiet:
                return
            log.warning("latest_repaired", f"latest pointed nowhere; now points to run {row.id}",
                        latest=row.id)
            return


def _refresh_locked(options: RefreshOptions, store: Store, registry: Registry,
                    log: RefreshLog) -> RefreshOutcome:
    started = datetime.now(UTC)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    common = {"pid": os.getpid(), "config": display_path(options.config),
              "version": forecasting.__version__}
    log.info("started", f"refresh of {display_path(options.config)} into store "
             f"{display_path(store.root)}", store=str(store.root), config=common["config"])
    try:
        fp = fingerprint(options.config, draws=options.draws, seed=options.seed)
    except InputError as error:
        run_id = registry.unique_id(f"{stamp}-invalid")
        log.run_id = run_id
        registry.insert(run_id, status="failed", ended_utc=now_utc(), error=str(error),
                        stage="fingerprint", **common)
        log.error("input_error", f"error: {error}", exit_code=EXIT_INPUT)
        return RefreshOutcome(EXIT_INPUT, "failed", run_id, str(error))

    run_id = registry.unique_id(f"{stamp}-{fp.short}")
    log.run_id = run_id
    last = registry.last_succeeded()
    if (not options.force and last is not None and last.fingerprint == fp.value
            and store.latest_run_id() == last.id and store.run_dir(last.id).is_dir()):
        note = f"up to date with run {last.id}"
        registry.insert(run_id, status="skipped", ended_utc=now_utc(), fingerprint=fp.value,
                        key_results=last.key_results, note=note, **common)
        log.info("up_to_date", f"up to date: inputs, config and version unchanged since run "
                 f"{last.id} (--force runs anyway)", latest=last.id, fingerprint=fp.value)
        _prune(store, registry, options.keep, log)
        return RefreshOutcome(EXIT_OK, "skipped", run_id, note)

    registry.insert(run_id, status="running", started_utc=started.isoformat(timespec="seconds"),
                    fingerprint=fp.value, stage="started", **common)
    staging: Path | None = None
    published = False

    def reach(stage: str) -> None:
        registry.update(run_id, stage=stage)
        pause_point(point_for_stage(stage))

    try:
        from pipelines.runner import write_run

        staging = store.make_staging(run_id)
        write_run(options.config, staging, draws=options.draws, seed=options.seed,
                  run_id=run_id, progress=LoggedProgress(log, on_stage=reach))
        _write_changes(store, staging, log)
        reach("checking")
        results = key_results(check_run(staging, run_id=run_id))
        reach("publishing")
        store.publish(staging, run_id)
        published = True
        pause_point("publishing")
        _import_legacy_latest(store, registry, log)
        store.point_latest(run_id)
        reach("registry")
        registry.finish(run_id, "succeeded", key_results=results, stage="done")
    except BaseException as exc:  # every failure must leave latest intact
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if published and store.latest_run_id() != run_id:
            shutil.rmtree(store.run_dir(run_id), ignore_errors=True)
        succeeded = published and store.latest_run_id() == run_id
        if succeeded:  # the switch happened; only the registry update failed
            registry.finish(run_id, "succeeded", key_results=results, stage="done",
                            note=f"recorded after an error: {exc!r}")
        else:
            registry.finish(run_id, "failed", error=_one_line(exc))
        if isinstance(exc, InputError):
            log.error("input_error", f"error: {exc}", exit_code=EXIT_INPUT)
            return RefreshOutcome(EXIT_INPUT, "failed", run_id, str(exc))
        if isinstance(exc, Exception | Terminated):
            detail = traceback.format_exc()
            log.error("failed", f"refresh failed: {_one_line(exc)}; latest left as it was",
                      exit_code=EXIT_FAILED, traceback=detail)
            if not log.json_lines and not isinstance(exc, Terminated):
                log.raw(detail)
            return RefreshOutcome(EXIT_FAILED, "failed", run_id, _one_line(exc))
        raise
    summary = ", ".join(f"{k} {v:.1f} TWh" for k, v in results.items())
    log.info("published", f"published run {run_id} ({display_path(store.run_dir(run_id))}); "
             f"2030 P50: {summary}", key_results=results, fingerprint=fp.value)
    _prune(store, registry, options.keep, log)
    return RefreshOutcome(EXIT_OK, "succeeded", run_id, f"published run {run_id}")


def _write_changes(store: Store, staging: Path, log: RefreshLog) -> None:
    """Compare the staged run with the one `latest` points to; write the result as the run's
    changes.json and render its report again so the changes section shows it."""
    previous = store.latest_run_id()
    if previous is None or not (store.run_dir(previous) / "manifest.json").is_file():
        return  # the first run of this store: write_run's changes.json says so
    from pipelines.runner import attach_changes

    changes = attach_changes(store.run_dir(previous), staging)
    log.info("changes", f"compared with run {previous}: {len(changes['data'])} input file(s) "
             f"and {len(changes['assumptions'])} assumption(s) changed", from_run=previous,
             data_changes=len(changes["data"]), assumption_changes=len(changes["assumptions"]))


class LoggedProgress(StageProgress):
    """Stage timings for the manifest, stage lines through the refresh log, and a callback at
    the start of each stage (registry stage column, test pause points)."""

    def __init__(self, log: RefreshLog, *, on_stage: Callable[[str], None]) -> None:
        super().__init__(quiet=True)
        self.log = log
        self.on_stage = on_stage

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.on_stage(name)
        self.log.info("stage_started", f"{name} ...", stage=name)
        start = time.perf_counter()
        yield
        elapsed = time.perf_counter() - start
        self.timings[name] = round(elapsed, 4)
        self.log.info("stage_done", f"done {name} ({elapsed:.2f} s)", stage=name,
                      seconds=round(elapsed, 4))

    def say(self, message: str) -> None:
        self.log.info("message", message)


def _import_legacy_latest(store: Store, registry: Registry, log: RefreshLog) -> str | None:
    """`latest` is a real directory (from `dcload forecast`): keep it as a run of its own,
    `legacy-<its run id>`, registered as succeeded, so the switch to a symlink loses nothing.
    Done at the start of a refresh (then `latest` points to it) and, should `dcload forecast`
    have replaced the symlink meanwhile, again just before the switch. Between the rename and
    the new symlink `latest` is briefly absent; a refresh that dies exactly there repairs it
    at its next start (the legacy run is registered before it is moved)."""
    if store.latest.is_symlink() or not store.latest.is_dir():
        return None
    try:
        forecast = check_run(store.latest)
        manifest = json.loads((store.latest / "manifest.json").read_text(encoding="utf-8"))
        name, results = f"legacy-{manifest['run_id']}", key_results(forecast)
    except (PublishCheckError, ValueError, KeyError, OSError):
        name, results = f"legacy-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}", {}
    existing = registry.get(name)
    if existing is not None and store.run_dir(name).exists():
        name, existing = registry.unique_id(name), None
    if existing is None:  # else: a refresh died between registering and moving it
        registry.insert(name, status="succeeded", ended_utc=now_utc(), key_results=results,
                        note=f"imported: {display_path(store.latest)} was a directory written "
                        "by `dcload forecast`", stage="done")
    store.move_aside_legacy_latest(name)
    log.warning("legacy_imported", f"{display_path(store.latest)} was a directory; kept as "
                f"run {name}", legacy_run=name)
    return name


def _prune(store: Store, registry: Registry, keep: int, log: RefreshLog) -> None:
    latest = store.latest_run_id()
    alive = [r for r in registry.rows(status="succeeded")
             if r.pruned_utc is None and store.run_dir(r.id).is_dir()]
    for row in alive[max(keep, 1):]:
        if row.id == latest:
            continue
        shutil.rmtree(store.run_dir(row.id), ignore_errors=True)
        registry.update(row.id, pruned_utc=now_utc())
        log.info("pruned", f"removed run {row.id} (keeping the last {keep})", pruned_run=row.id)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or "(no message)"
    return text if isinstance(exc, InputError) else f"{type(exc).__name__}: {text}"
