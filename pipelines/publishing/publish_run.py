"""The one way a run is published, by `dcload forecast` and `dcload refresh` alike.

0. Refuse a store that is a file, a store whose `runs` or `task-cache` is a file or whose
   `refresh.lock` is not a file, and a link (`latest`, or `--output-dir`'s name) that is a
   file, a folder with content or a link anywhere but a run of this store (exit 2).
1. Take the store's lock (pipelines/publishing/lock.py); held by someone else -> exit 3.
2. Settle what a dead run left behind: staging directories, temporary symlinks, registry
   rows still `running` (succeeded if `latest` already points at their run, else failed and
   their directory removed), and a missing or dangling `latest` (pointed at the newest
   published run still intact; damaged ones passed over and marked so in the registry).
3. Fingerprint the inputs (files, resolved config, package version). For a refresh
   (`skip_unchanged`): same as the last succeeded run and `latest` still points at it -> a
   `skipped` row, "up to date", exit 0, unless that run fails its check (a file damaged
   since): its registry row's `error` then says it is damaged (`runs list` and `runs show`
   show it; cleared when a later check finds it whole) and the refresh runs again; if that
   run fails, its error says `latest` is still the damaged run. `dcload forecast` always runs.
4. Compute the run, write it into `<store>/runs/.staging-<run_id>` (its changes against the
   run `latest` points to worked out in memory first, so every file is written once and the
   report rendered once), check every output reads back, rename it to `<store>/runs/<run_id>`,
   switch the `latest` symlink atomically, mark the row succeeded, apply retention.

Any failure before the switch leaves `latest` as it was. Exit codes: 0 success or up to date,
2 bad input (InputError; a many-zone run's zone file refused at a row or field too:
`forecasting.many_zones.compute`), 3 locked, 4 a many-zone run published but some zones failed
(each named with its one-line reason; its registry note says how many), 1 anything else.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import traceback
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import forecasting
from forecasting.contracts import KEY_METRICS, KEY_YEAR, key_metric, key_results
from forecasting.errors import InputError, InputWarning
from forecasting.io.zone_config_file import config_kind
from forecasting.paths import display_path
from forecasting.runs.diff import RunSnapshot
from forecasting.runs.snapshot import read_snapshot
from pipelines.publishing.lock import StoreLock, StoreLocked
from pipelines.publishing.logs import RunLog
from pipelines.publishing.pause_points import pause_point, point_for_stage
from pipelines.publishing.progress import LoggedProgress, StageProgress
from pipelines.publishing.registry import Registry, RunRow, disk_full, now_utc
from pipelines.publishing.store import PublishCheckError, Store, check_run

EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_LOCKED, EXIT_ZONES_FAILED = 0, 1, 2, 3, 4
DEFAULT_KEEP = 30
#: errors of the disk a run is written to, said in one line naming the path (no traceback)
DISK_ERRORS = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
               errno.EROFS: "the file system is read-only"}
#: how the `error` of a published run's registry row starts once a refresh found it damaged
DAMAGED = "damaged since it was published: "


class Terminated(BaseException):
    """Raised from a SIGTERM handler so a refresh stopped by its scheduler cleans up."""


@dataclass(frozen=True)
class PublishOptions:
    """What to run and where to publish it. `skip_unchanged` (refresh) skips a run whose
    fingerprint equals the last published one's; `force` overrides it."""

    config: Path
    store: Path
    link: str = "latest"
    skip_unchanged: bool = True
    force: bool = False
    keep: int = DEFAULT_KEEP
    draws: int | None = None
    seed: int | None = None
    scenario: str | None = None
    workers: int | None = None     # many-zone runs: local Dask worker processes
    scheduler: str | None = None   # many-zone runs: an existing Dask scheduler's address
    link_option: str = "--store"   # the option an error about the store or link names


@dataclass(frozen=True)
class RunOutcome:
    exit_code: int
    status: str  # succeeded, skipped, failed, locked
    run_id: str | None = None
    message: str = ""


def publish_run(options: PublishOptions, log: RunLog | None = None, *,
                progress: StageProgress | None = None) -> RunOutcome:
    """Run and publish (see the module docstring). `progress` shows the stages (default: as
    log lines)."""
    log = log or RunLog()
    with warnings.catch_warnings():
        # Python warnings (e.g. a library's FutureWarning) become log lines too, so --log-json
        # output stays one JSON object per line; info level, so --quiet cron runs stay silent.
        warnings.showwarning = partial(_log_warning, log)
        return _publish(options, log, progress)


def _log_warning(log: RunLog, message, category, filename, lineno, file=None,
                 line=None) -> None:
    if issubclass(category, InputWarning):  # the user's input: shown, even with --quiet
        plain = not (log.timestamps or log.json_lines)  # else the level is on the line
        log.warning("input_warning", f"{'warning: ' if plain else ''}{message}")
        return
    log.info("python_warning", f"{category.__name__}: {message} ({filename}:{lineno})",
             category=category.__name__, file=str(filename), line=lineno)


def _publish(options: PublishOptions, log: RunLog,
             progress: StageProgress | None) -> RunOutcome:
    store = Store(options.store, link=options.link)
    try:  # before anything runs: a `latest` that is a folder or a file is refused, not replaced
        store.check_link(options.link_option)
    except InputError as error:
        log.error("input_error", f"error: {error}", exit_code=EXIT_INPUT)
        return RunOutcome(EXIT_INPUT, "failed", message=str(error))
    lock = StoreLock(store.root)
    try:
        store.ensure()
        lock.acquire(config=display_path(options.config))
    except StoreLocked as locked:
        log.error("locked", str(locked), holder=locked.holder, exit_code=EXIT_LOCKED)
        return RunOutcome(EXIT_LOCKED, "locked", message=str(locked))
    except OSError as exc:
        message = f"cannot use the store {display_path(store.root)}: {_one_line(exc)}"
        log.error("failed", message, exit_code=EXIT_FAILED)
        return RunOutcome(EXIT_FAILED, "failed", message=message)
    try:
        try:
            registry = Registry(store.registry_path)
        except InputError as error:  # a damaged registry, or a folder in its place
            log.error("input_error", f"error: {error}", exit_code=EXIT_INPUT)
            return RunOutcome(EXIT_INPUT, "failed", message=str(error))
        with registry:
            recover(store, registry, log)
            pause_point("locked")
            return _publish_locked(options, store, registry, log, progress)
    except sqlite3.OperationalError as exc:  # the registry cannot grow: one line, exit 1
        if not disk_full(exc):
            raise
        latest = store.latest_run_id()
        message = (f"cannot write the run registry {display_path(store.registry_path)}: the "
                   f"disk is full ({exc}); "
                   + (f"latest is run {latest}" if latest else "no run is published"))
        log.error("failed", message, exit_code=EXIT_FAILED)
        return RunOutcome(EXIT_FAILED, "failed", message=message)
    finally:
        lock.release()


def recover(store: Store, registry: Registry, log: RunLog) -> None:
    """Settle what a refresh that stopped without recording its end (killed, or a full disk
    it could not record the failure on) left behind. Call only while holding the lock: no
    other refresh can be running, so every `running` row is stale."""
    for path in store.clean_leftovers():
        log.warning("cleaned", f"removed {display_path(path)} left by an interrupted refresh",
                    path=str(path))
    latest = store.latest_run_id()
    for row in registry.rows(status="running"):
        run_dir = store.run_dir(row.id)
        where = _where_stopped(row)
        if row.id == latest:
            try:
                results = key_results(check_run(run_dir, run_id=row.id))
            except PublishCheckError as exc:
                registry.finish(row.id, "failed", error=f"process {row.pid} stopped {where}; "
                                f"published run failed its check: {exc}")
                log.warning("recovered", f"run {row.id}: published but failed its check",
                            stale_run=row.id)
                heal_latest(store, registry, log, exclude=row.id)
                continue
            registry.finish(row.id, "succeeded", key_results=results, stage="done",
                            note=f"process {row.pid} stopped {where}, after publishing; "
                            "marked succeeded on recovery")
            log.warning("recovered", f"run {row.id} was published but not recorded (process "
                        f"{row.pid} stopped {where}); marked succeeded", stale_run=row.id)
        else:
            if run_dir.exists():
                shutil.rmtree(run_dir, ignore_errors=True)
            registry.finish(row.id, "failed", error=f"interrupted: process {row.pid} stopped "
                            f"{where}; nothing was published")
            log.warning("recovered", f"run {row.id} was interrupted (process {row.pid} stopped "
                        f"{where}); marked failed", stale_run=row.id)
    heal_latest(store, registry, log)


def _where_stopped(row: RunRow) -> str:
    """Where the process of a row left `running` stopped, as far as the registry knows: the
    last stage it recorded, or that it recorded none. The process may have been killed or
    may have exited after an error it could not record (a full disk), so no more is said.
    (`started` is the placeholder older versions wrote before any stage, not a stage.)"""
    if row.stage in (None, "", "started"):
        return "before it recorded a stage"
    return f"in stage '{row.stage}' (the last stage it recorded)"


def heal_latest(store: Store, registry: Registry, log: RunLog, *,
                exclude: str | None = None, quiet: bool = False) -> None:
    """`latest` dangling or excluded (its run failed its check): point it at the newest
    succeeded run whose directory is still there and still passes the check it was published
    with (`check_run`: every output there, each file its manifest lists with the size and
    sha256 it was written with). A damaged run on the way is passed over and its registry
    row marked so (`_mark_damaged`, as a damaged `latest` is). No run intact: `latest` is
    left as it was and one warning says so. A missing link other than `latest` is left
    alone: it is a new `--output-dir` link in a shared folder, never published yet."""
    if store.latest.is_symlink():
        if store.latest.exists() and store.latest_run_id() != exclude:
            return
    elif store.latest.exists() or store.latest.name != "latest":
        return  # a real directory, or a new `--output-dir` link never published yet
    was = (f"latest pointed to run {exclude}, which failed its check"
           if exclude is not None and store.latest_run_id() == exclude
           else "latest pointed nowhere")
    damaged: list[tuple[str, str]] = []  # (run id, why), newest first
    for row in registry.rows(status="succeeded"):
        if row.id == exclude or not store.run_dir(row.id).is_dir():
            continue
        try:
            check_run(store.run_dir(row.id), run_id=row.id)
        except PublishCheckError as exc:
            _mark_damaged(registry, row.id, exc)
            damaged.append((row.id, str(exc)))
            continue
        if (row.error or "").startswith(DAMAGED):  # put back whole by hand since
            registry.update(row.id, error=None)
        store.point_latest(row.id)
        if quiet:
            return
        passed = (f" (passed over damaged run {damaged[0][0]}: {damaged[0][1]}"
                  + (f", and {len(damaged) - 1} more" if len(damaged) > 1 else "") + ")"
                  if damaged else "")
        log.warning("latest_repaired", f"{was}; now points to run {row.id}{passed}",
                    latest=row.id, damaged=[run_id for run_id, _ in damaged])
        return
    if damaged and not quiet:
        newest, why = damaged[0]
        more = f" and {len(damaged) - 1} more" if len(damaged) > 1 else ""
        log.warning("latest_unrepaired", f"{was}; no published run is intact (run {newest}: "
                    f"{why}{more}), so latest is left as it was until a run is published",
                    damaged=[run_id for run_id, _ in damaged])


def _mark_damaged(registry: Registry, run_id: str, exc: PublishCheckError) -> None:
    """Say in the registry row of published run `run_id` that it fails its check now
    (`runs list`, `runs show`); cleared once a later check finds it whole."""
    registry.update(run_id, error=f"{DAMAGED}{exc} (found {now_utc()})")


# The run's computation and its inputs' fingerprints import the models and pandas (about 2 s
# of CPU); these four stand in for them at module level, so a call refused, locked or up to
# date answers without that import, and tests can still replace them here.


def write_run(*args, **kwargs):
    """`pipelines.publishing.run_dir.write_run`, imported on first use."""
    from pipelines.publishing.run_dir import write_run as write

    return write(*args, **kwargs)


def run_fingerprint(*args, **kwargs):
    """`forecasting.national.inputs.run_fingerprint`, imported on first use."""
    from forecasting.national.inputs import run_fingerprint as fingerprint

    return fingerprint(*args, **kwargs)


def zone_fingerprint(*args, **kwargs):
    """`forecasting.zones.inputs.zone_fingerprint`, imported on first use."""
    from forecasting.zones.inputs import zone_fingerprint as fingerprint

    return fingerprint(*args, **kwargs)


def many_zones_fingerprint(*args, **kwargs):
    """`forecasting.many_zones.inputs.many_zones_fingerprint`, imported on first use."""
    from forecasting.many_zones.inputs import many_zones_fingerprint as fingerprint

    return fingerprint(*args, **kwargs)


def _publish_locked(options: PublishOptions, store: Store, registry: Registry,
                    log: RunLog, progress: StageProgress | None) -> RunOutcome:
    started = datetime.now(UTC)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    common = {"pid": os.getpid(), "config": display_path(options.config),
              "version": forecasting.__version__}
    what = "refresh" if options.skip_unchanged else "run"
    log.info("started", f"{what} of {display_path(options.config)} into store "
             f"{display_path(store.root)}", store=str(store.root), config=common["config"])
    try:
        what_of = {"zone": zone_fingerprint, "zones": many_zones_fingerprint}.get(
            config_kind(options.config), run_fingerprint)
        fp = what_of(options.config, draws=options.draws, seed=options.seed,
                     scenario=options.scenario)
    except InputError as error:
        run_id = registry.unique_id(f"{stamp}-invalid")
        log.run_id = run_id
        registry.insert(run_id, status="failed", ended_utc=now_utc(), error=str(error),
                        stage="fingerprint", **common)
        log.error("input_error", f"error: {error}", exit_code=EXIT_INPUT)
        return RunOutcome(EXIT_INPUT, "failed", run_id, str(error))

    run_id = registry.unique_id(f"{stamp}-{fp.short}")
    log.run_id = run_id
    last = registry.last_succeeded()
    unchanged = (options.skip_unchanged and not options.force and last is not None
                 and last.fingerprint == fp.value and store.latest_run_id() == last.id
                 and store.run_dir(last.id).is_dir())
    damaged = _damage(store, registry, last, log) if unchanged else None  # why, or None
    if unchanged and damaged is None:
        note = f"up to date with run {last.id}"
        registry.insert(run_id, status="skipped", ended_utc=now_utc(), fingerprint=fp.value,
                        key_results=last.key_results, note=note, **common)
        log.info("up_to_date", f"up to date: inputs, config and version unchanged since run "
                 f"{last.id} (--force runs anyway)", latest=last.id, fingerprint=fp.value)
        _prune(store, registry, options.keep, log)
        return RunOutcome(EXIT_OK, "skipped", run_id, note)

    registry.insert(run_id, status="running", started_utc=started.isoformat(timespec="seconds"),
                    fingerprint=fp.value, **common)  # its stage: none reached yet
    staging: Path | None = None
    published = False

    def reach(stage: str) -> None:
        registry.update(run_id, stage=stage)
        pause_point(point_for_stage(stage))

    if progress is None:
        progress = LoggedProgress(log, on_stage=reach)
    else:
        progress.on_stage = reach
    try:
        staging = store.make_staging(run_id)
        previous = _previous_run(store)
        written = write_run(options.config, staging, fp, run_id=run_id, draws=options.draws,
                            seed=options.seed, scenario=options.scenario, previous=previous,
                            progress=progress, workers=options.workers,
                            scheduler=options.scheduler, task_cache=store.task_cache)
        _log_changes(log, written.changes)
        reach("checking")
        checked = check_run(staging, run_id=run_id)
        results, unit = key_results(checked), KEY_METRICS[key_metric(checked)]
        reach("publishing")
        store.publish(staging, run_id)
        published = True
        pause_point("publishing")
        store.point_latest(run_id)
        reach("registry")
        registry.finish(run_id, "succeeded", key_results=results, stage="done",
                        note=_failed_note(written.failed))
    except BaseException as exc:  # every failure must leave latest intact
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if published and store.latest_run_id() != run_id:
            shutil.rmtree(store.run_dir(run_id), ignore_errors=True)
        succeeded = published and store.latest_run_id() == run_id
        try:
            if succeeded:  # the switch happened; only the registry update failed
                registry.finish(run_id, "succeeded", key_results=results, stage="done",
                                note=f"recorded after an error: {exc!r}")
            else:
                registry.finish(run_id, "failed", error=_one_line(exc))
            unrecorded = ""
        except sqlite3.OperationalError as full:  # the disk that failed the run, most likely
            if not disk_full(full):
                raise
            unrecorded = (f"; {display_path(registry.path)} could not record it either, the "
                          "disk is full (the next refresh settles its row)")
        if succeeded:
            left = f"run {run_id} is published all the same (latest points to it)"
        elif damaged is not None:
            left = f"latest is still run {last.id}, which is damaged ({damaged})"
        else:
            left = _left_as_it_was(store)
        after = f"; {left}{unrecorded}"
        if isinstance(exc, InputError):  # its message alone when nothing more is to be said
            message = str(exc) if after == "; latest left as it was" else f"{exc}{after}"
            log.error("input_error", f"error: {message}", exit_code=EXIT_INPUT)
            return RunOutcome(EXIT_INPUT, "failed", run_id, message)
        full = disk_full(exc)  # the registry's own writes (a stage, the run's end) on a full disk
        if full or isinstance(exc, OSError) and exc.errno in DISK_ERRORS:  # not a bug
            written = registry.path if full else Path(exc.filename or staging or store.runs)
            why = (f"the disk is full ({exc})" if full else
                   f"{DISK_ERRORS[exc.errno]} ({exc.strerror})")
            message = f"{what} failed: cannot write {display_path(written)}: {why}{after}"
            log.error("failed", message, exit_code=EXIT_FAILED)
            return RunOutcome(EXIT_FAILED, "failed", run_id, message)
        if isinstance(exc, Exception | Terminated):
            detail = traceback.format_exc()
            log.error("failed", f"{what} failed: {_one_line(exc)}{after}",
                      exit_code=EXIT_FAILED, traceback=detail)
            if not log.json_lines and not isinstance(exc, Terminated):
                log.raw(detail)
            return RunOutcome(EXIT_FAILED, "failed", run_id, _one_line(exc))
        raise
    summary = ", ".join(f"{k} {v:.1f} {unit}" for k, v in results.items())
    log.info("published", f"published run {run_id} ({display_path(store.run_dir(run_id))}); "
             f"{KEY_YEAR} P50: {summary}", key_results=results, fingerprint=fp.value)
    _prune(store, registry, options.keep, log)
    if written.failed:
        for node, reason in written.failed:  # a total's reason starts with "total <name>"
            what = "" if reason.startswith(f"total {node} ") else "zone "
            log.error("zone_failed", f"{what}{node} failed: {reason}", zone=node)
        message = (f"published run {run_id}; {len(written.failed)} zone(s) or total(s) failed "
                   f"({', '.join(n for n, _ in written.failed)}); the others are published")
        log.error("zones_failed", message, exit_code=EXIT_ZONES_FAILED)
        return RunOutcome(EXIT_ZONES_FAILED, "succeeded", run_id, message)
    return RunOutcome(EXIT_OK, "succeeded", run_id, f"published run {run_id}")


def _failed_note(failed: list[tuple[str, str]]) -> str | None:
    """The registry note of a run published with failed zones or totals (exit 4), so that
    `runs list` and `runs show` do not show it as a plain success; None when none failed."""
    if not failed:
        return None
    return (f"{len(failed)} zone(s) or total(s) failed ({', '.join(n for n, _ in failed)}); "
            "the others are published")


def _damage(store: Store, registry: Registry, last: RunRow, log: RunLog) -> str | None:
    """Why the published run `last` no longer passes the check it was published with (every
    output there, each file its manifest lists with the size and sha256 it was written with),
    or None. A damaged run is logged and its registry row's `error` says so (`runs list`,
    `runs show`), and the refresh runs again to replace it; a row marked so whose files are
    whole again (put back by hand) loses the mark."""
    try:
        check_run(store.run_dir(last.id), run_id=last.id)
    except PublishCheckError as exc:
        _mark_damaged(registry, last.id, exc)
        log.warning("latest_damaged", f"latest run {last.id} is damaged ({exc}); running again "
                    "to replace it", latest=last.id, reason=str(exc))
        return str(exc)
    if (last.error or "").startswith(DAMAGED):
        registry.update(last.id, error=None)
        log.info("latest_whole", f"latest run {last.id}, found damaged before, is whole again",
                 latest=last.id)
    return None


def _left_as_it_was(store: Store) -> str:
    """What a failed run says of `latest`, which it left as it was: so, unless `latest` is a
    run that fails its check (one recovery found damaged with no intact run to replace it)."""
    latest = store.latest_run_id()
    if latest is not None and store.run_dir(latest).is_dir():
        try:
            check_run(store.run_dir(latest), run_id=latest)
        except PublishCheckError as exc:
            return f"latest is still run {latest}, which is damaged ({exc})"
    return "latest left as it was"


def _previous_run(store: Store) -> RunSnapshot | None:
    """The published run `latest` points to, read once (its manifest and forecast table),
    which the new run's changes are measured from (None: there is none, or its manifest or
    forecast table is damaged, and changes.json says a first run)."""
    previous = store.latest_run_id()
    if previous is None or not (store.run_dir(previous) / "manifest.json").is_file():
        return None  # the first run of this store: changes.json says so
    try:
        return read_snapshot(store.run_dir(previous))
    except InputError:
        return None  # damaged (logged by the skip check): nothing sound to compare with


def _log_changes(log: RunLog, changes: dict) -> None:
    if changes.get("first_run"):
        return
    log.info("changes", f"compared with run {changes['from_run']}: {len(changes['data'])} input "
             f"file(s) and {len(changes['assumptions'])} assumption(s) changed",
             from_run=changes["from_run"], data_changes=len(changes["data"]),
             assumption_changes=len(changes["assumptions"]))


def _prune(store: Store, registry: Registry, keep: int, log: RunLog) -> None:
    pinned = store.pinned()
    alive = [r for r in registry.rows(status="succeeded")
             if r.pruned_utc is None and store.run_dir(r.id).is_dir()]
    for row in alive[max(keep, 1):]:
        if row.id in pinned:
            continue
        shutil.rmtree(store.run_dir(row.id), ignore_errors=True)
        registry.update(row.id, pruned_utc=now_utc())
        log.info("pruned", f"removed run {row.id} (keeping the last {keep})", pruned_run=row.id)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or "(no message)"
    return text if isinstance(exc, InputError) else f"{type(exc).__name__}: {text}"
