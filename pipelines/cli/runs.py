"""`dcload runs list|show|diff`: read the run registry of a store."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from forecasting.errors import InputError
from forecasting.paths import display_path
from forecasting.report.number_format import figure
from pipelines.cli.options import JsonOption, StoreOption

runs_app = typer.Typer(no_args_is_help=True, add_completion=False,
                       help="The run registry: list, show and compare refreshed runs.")


@runs_app.command("list")
def runs_list(
    store: Path = StoreOption,
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="Newest N rows."),
    status: str = typer.Option(None, "--status",
                               help="Only rows with this status (running, succeeded, failed, "
                               "skipped)."),
    as_json: bool = JsonOption,
) -> None:
    """List runs, newest first."""
    from forecasting.contracts import KEY_YEAR
    from pipelines.publishing.registry import STATUSES, Registry

    if status is not None and status not in STATUSES:
        raise InputError("--status", f"must be one of {', '.join(STATUSES)} (got {status!r})")
    st = _store(store)
    with Registry(st.registry_path, create=False) as registry:
        rows = registry.rows(status=status, limit=limit)
    latest = st.published_run_id()
    if as_json:
        typer.echo(json.dumps([{**r.as_dict(), "latest": r.id == latest,
                                "directory": _run_dir_or_none(st, r.id),
                                "folder_missing": _folder_missing(st, r)} for r in rows],
                              indent=2))
        return
    table = [("", "id", "status", "started (UTC)", "secs", f"{KEY_YEAR} P50 (TWh or peak MW)",
             "note / error")]
    for r in rows:
        table.append(("*" if r.id == latest else "", r.id, r.status + (
            " (pruned)" if r.pruned_utc else " (folder missing)" if _folder_missing(st, r)
            else ""), r.started_utc.replace("+00:00", ""),
            _duration(r.started_utc, r.ended_utc),
            _short(", ".join(f"{k} {figure(v, separator=False)}"
                             for k, v in r.key_results.items()) or "-", 70),
            _short(r.error or r.note or "")))
    typer.echo(_table(table))


@runs_app.command("show")
def runs_show(
    run_id: str = typer.Argument(..., metavar="ID",
                                 help="A run id, a unique prefix of one, 'latest' or "
                                 "'previous'."),
    store: Path = StoreOption,
    as_json: bool = JsonOption,
) -> None:
    """Show one run: registry row, inputs and key results."""
    from forecasting.contracts import KEY_YEAR
    from forecasting.runs.snapshot import read_manifest
    from pipelines.publishing.registry import Registry

    st = _store(store)
    with Registry(st.registry_path, create=False) as registry:
        row = _resolve(st, registry, run_id)
    info = {**row.as_dict(), "latest": row.id == st.published_run_id(),
            "directory": _run_dir_or_none(st, row.id),
            "folder_missing": _folder_missing(st, row)}
    manifest_path = st.run_dir(row.id) / "manifest.json"
    if manifest_path.is_file():  # a damaged one: one line naming it, exit 2
        manifest = read_manifest(manifest_path.parent)
        info["inputs"] = manifest.get("inputs", {})
        info["seed"], info["draws"] = manifest.get("seed"), manifest.get("draws")
    if as_json:
        typer.echo(json.dumps(info, indent=2))
        return
    lines = []
    for key in ("id", "status", "latest", "started_utc", "ended_utc", "fingerprint", "config",
                "version", "pid", "stage", "seed", "draws", "directory", "note", "error",
                "pruned_utc"):
        if info.get(key) is not None:
            lines.append(f"{key + ':':<13} {info[key]}")
        elif key == "directory" and info["folder_missing"]:
            lines.append(f"{key + ':':<13} missing: {display_path(st.run_dir(row.id))} was "
                         "removed (not by retention)")
    if info["key_results"]:
        lines.append(f"{KEY_YEAR} P50 (TWh; zone runs: peak MW): " + ", ".join(
            f"{k} {figure(v, separator=False)}" for k, v in info["key_results"].items()))
    if info.get("inputs"):
        lines.append("inputs:")
        lines += [f"  {sha[:12]}  {path}" for path, sha in info["inputs"].items()]
    typer.echo("\n".join(lines))


@runs_app.command("diff")
def runs_diff(
    old: str = typer.Argument(..., metavar="A", help="The older run (id, prefix, 'previous')."),
    new: str = typer.Argument(..., metavar="B", help="The newer run (id, prefix, 'latest')."),
    store: Path = StoreOption,
    as_json: bool = JsonOption,
) -> None:
    """What changed from run A to run B: headline numbers, input data, assumptions."""
    from forecasting.runs.diff import diff_runs, format_diff
    from forecasting.runs.snapshot import read_snapshot
    from pipelines.publishing.registry import Registry

    st = _store(store)
    with Registry(st.registry_path, create=False) as registry:
        dirs = []
        for ref in (old, new):
            row = _resolve(st, registry, ref)
            directory = st.run_dir(row.id)
            if not (directory / "manifest.json").is_file():
                raise InputError(display_path(directory),
                                 f"run {row.id} has no published files ({row.status}"
                                 f"{', pruned' if row.pruned_utc else ''}"
                                 f"{', folder missing' if _folder_missing(st, row) else ''})")
            dirs.append(directory)
    diff = diff_runs(*(read_snapshot(d) for d in dirs))
    typer.echo(json.dumps(diff, indent=2) if as_json else format_diff(diff))


def _store(store: Path):
    """The `Store` at ``store``; a --store that is a file is an `InputError` naming --store
    (as refresh and forecast refuse it), not "FILE/registry.sqlite: no run registry here"."""
    from pipelines.publishing.store import Store

    if store.exists() and not store.is_dir():
        raise InputError(display_path(store), "is a file, not a folder; choose another --store",
                         field="--store")
    return Store(store)


def _resolve(store, registry, ref: str):
    from pipelines.publishing.registry import RunRow

    if ref in ("latest", "previous"):
        latest = store.published_run_id()
        if latest is None:
            raise InputError(display_path(store.latest), "no latest run in this store")
        if ref == "latest":
            row = registry.get(latest)
            if row is None:
                raise InputError(display_path(store.registry_path),
                                 f"latest run {latest} is not in the registry")
            return row
        if not store.run_dir(latest).is_dir():
            raise InputError(display_path(store.run_dir(latest)),
                             f"the latest run {latest}'s folder is missing (removed by hand?); "
                             "the next `dcload refresh` or `dcload forecast` points latest at "
                             "the newest run still there")
        published = [r for r in registry.rows(status="succeeded")
                     if store.run_dir(r.id).is_dir()]
        ids = [r.id for r in published]
        if latest in ids and ids.index(latest) + 1 < len(ids):
            return published[ids.index(latest) + 1]
        raise InputError(display_path(store.registry_path),
                         "no published run before the latest one")
    matches: list[RunRow] = registry.find(ref)
    if not matches:
        raise InputError(display_path(store.registry_path),
                         f"no run {ref!r} (`dcload runs list` shows them)")
    if len(matches) > 1:
        raise InputError(display_path(store.registry_path),
                         f"{ref!r} matches {len(matches)} runs; give more of the id")
    return matches[0]


def _run_dir_or_none(store, run_id: str) -> str | None:
    path = store.run_dir(run_id)
    return display_path(path) if path.is_dir() else None


def _folder_missing(store, row) -> bool:
    """A published run whose folder is gone though retention never removed it (by hand)."""
    return (row.status == "succeeded" and row.pruned_utc is None
            and not store.run_dir(row.id).is_dir())


def _duration(start: str, end: str | None) -> str:
    if not end:
        return "-"
    from datetime import datetime

    seconds = (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    return f"{seconds:.0f}"


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                     for r in rows)
