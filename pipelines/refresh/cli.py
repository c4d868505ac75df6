"""Typer commands for scheduled refreshes, the run registry and data downloads.

Registered by `forecasting/cli.py`:

    app.command("refresh")(refresh_command)
    app.add_typer(runs_app, name="runs")
    data_app.command("fetch")(fetch_command)

Exit codes (all three): 0 success (or up to date), 2 bad input (one line on stderr), 3 the
store is locked by another refresh (refresh only), 1 anything else. Heavy imports (pandas, the
pipeline) happen inside the commands, so `dcload --help` stays fast.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import typer

from forecasting.errors import InputError
from forecasting.paths import DATA_DIR, DEFAULT_PIPELINE, REPORTS_DIR, display_path

DEFAULT_STORE = REPORTS_DIR
DEFAULT_FETCH_DEST = DATA_DIR / "downloads"

StoreOption = typer.Option(DEFAULT_STORE, "--store", "-s",
                           help="Store directory: runs/, latest, registry.sqlite, refresh.lock.")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of text.")


def refresh_command(
    config: Path = typer.Option(DEFAULT_PIPELINE, "--config", "-c", help="Pipeline YAML file."),
    store: Path = StoreOption,
    force: bool = typer.Option(False, "--force", help="Run even if nothing changed."),
    keep: int = typer.Option(30, "--keep", min=1, help="Published runs to keep in the store."),
    draws: int = typer.Option(None, "--draws", min=100,
                              help="Monte Carlo draws (overrides config)."),
    seed: int = typer.Option(None, "--seed", min=0, help="Random seed (overrides config)."),
    quiet: bool = typer.Option(False, "--quiet", "-q",
                               help="Only warnings and errors (for cron)."),
    log_json: bool = typer.Option(False, "--log-json", help="Logs as JSON lines on stderr."),
) -> None:
    """Refresh the forecast if its inputs changed; publish it atomically as <store>/latest.

    Exit codes: 0 published or up to date, 2 bad input, 3 another refresh holds the lock,
    1 other failure. See pipelines/deploy/README.md.
    """
    from pipelines.refresh.logs import RefreshLog
    from pipelines.refresh.refresh import RefreshOptions, Terminated, refresh

    def on_sigterm(signum: int, frame: object) -> None:
        raise Terminated(f"stopped by signal {signum}")

    log = RefreshLog(json_lines=log_json, quiet=quiet)
    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        outcome = refresh(RefreshOptions(config=config, store=store, force=force, keep=keep,
                                         draws=draws, seed=seed), log)
    except Terminated as stopped:  # outside a run (e.g. while recovering): nothing to undo
        log.error("failed", f"refresh {stopped}; latest left as it was", exit_code=1)
        raise SystemExit(1) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    if outcome.exit_code:
        raise SystemExit(outcome.exit_code)  # not typer.Exit: main() runs standalone_mode=False


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
    from pipelines.refresh.registry import STATUSES, Registry
    from pipelines.refresh.store import Store

    if status is not None and status not in STATUSES:
        raise InputError("--status", f"must be one of {', '.join(STATUSES)} (got {status!r})")
    st = Store(store)
    with Registry(st.registry_path, create=False) as registry:
        rows = registry.rows(status=status, limit=limit)
    latest = st.latest_run_id()
    if as_json:
        typer.echo(json.dumps([{**r.as_dict(), "latest": r.id == latest,
                                "directory": _run_dir_or_none(st, r.id)} for r in rows],
                              indent=2))
        return
    table = [("", "id", "status", "started (UTC)", "secs", "2030 P50 TWh", "note / error")]
    for r in rows:
        table.append(("*" if r.id == latest else "", r.id, r.status + (
            " (pruned)" if r.pruned_utc else ""), r.started_utc.replace("+00:00", ""),
            _duration(r.started_utc, r.ended_utc),
            _short(", ".join(f"{k} {v:.0f}" for k, v in r.key_results.items()) or "-", 70),
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
    from pipelines.refresh.registry import Registry
    from pipelines.refresh.store import Store

    st = Store(store)
    with Registry(st.registry_path, create=False) as registry:
        row = _resolve(st, registry, run_id)
    info = {**row.as_dict(), "latest": row.id == st.latest_run_id(),
            "directory": _run_dir_or_none(st, row.id)}
    manifest_path = st.run_dir(row.id) / "manifest.json"
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
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
    if info["key_results"]:
        lines.append("2030 P50 TWh: " + ", ".join(f"{k} {v:.1f}"
                                                 for k, v in info["key_results"].items()))
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
    from pipelines.refresh.diff import diff_run_dirs, format_diff
    from pipelines.refresh.registry import Registry
    from pipelines.refresh.store import Store

    st = Store(store)
    with Registry(st.registry_path, create=False) as registry:
        dirs = []
        for ref in (old, new):
            row = _resolve(st, registry, ref)
            directory = st.run_dir(row.id)
            if not (directory / "manifest.json").is_file():
                raise InputError(display_path(directory),
                                 f"run {row.id} has no published files ({row.status}"
                                 f"{', pruned' if row.pruned_utc else ''})")
            dirs.append(directory)
    diff = diff_run_dirs(*dirs)
    typer.echo(json.dumps(diff, indent=2) if as_json else format_diff(diff))


def fetch_command(
    datasets: list[str] = typer.Argument(
        None, metavar="DATASET",
        help="eia930 (hourly balancing-authority demand) and/or eia-annual (EIA annual "
        "electricity totals); default both."),
    period: str = typer.Option(None, "--period",
                               help="EIA-930 half-year, e.g. 2024H1 (default: the latest "
                               "complete one)."),
    url: str = typer.Option(None, "--url",
                            help="URL (or template with {base_url}, {year}, {half}) to fetch "
                            "instead of the default; one dataset only."),
    base_url: str = typer.Option(None, "--base-url",
                                 help="Replaces https://www.eia.gov in the default URLs."),
    dest: Path = typer.Option(DEFAULT_FETCH_DEST, "--dest", "-d",
                              help="Directory for the downloaded files."),
    retries: int = typer.Option(4, "--retries", min=0, help="Retries after a failed try."),
    backoff: float = typer.Option(2.0, "--backoff", min=0.0,
                                  help="Seconds before the first retry; doubles each time."),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1, help="Seconds per connection."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors."),
) -> None:
    """Download EIA-930 demand and EIA annual totals; a bad download never replaces a good
    copy (exit code 2, one line naming the URL, row and field)."""
    from forecasting.fetch import DATASETS, EIA_BASE_URL, Period, RetryPolicy, fetch

    names = list(dict.fromkeys(datasets or DATASETS))
    unknown = [n for n in names if n not in DATASETS]
    if unknown:
        raise InputError("DATASET", f"unknown dataset {unknown[0]!r}; choose from "
                         f"{', '.join(DATASETS)}")
    if url is not None and len(names) != 1:
        raise InputError("--url", "name exactly one dataset with --url")
    try:
        chosen = Period.parse(period) if period else Period.latest_complete()
    except ValueError as exc:
        raise InputError("--period", str(exc)) from None
    policy = RetryPolicy(attempts=retries + 1, backoff_s=backoff, timeout_s=timeout)
    failures = 0
    for name in names:
        dataset = DATASETS[name]
        this_period = chosen if dataset.periodic else None
        try:
            target = dataset.url(base_url=base_url or EIA_BASE_URL, template=url,
                                 period=this_period)
        except ValueError as exc:
            raise InputError("--url", str(exc)) from None

        def on_retry(attempt: int, delay: float, reason: str, target: str = target) -> None:
            if not quiet:
                print(f"{target}: try {attempt} failed ({reason}); retrying in {delay:g} s",
                      file=sys.stderr)

        if not quiet:
            print(f"fetching {name}: {target}", file=sys.stderr)
        try:
            result = fetch(dataset, target, dest, period=this_period, policy=policy,
                           on_retry=on_retry)
        except InputError as error:
            print(f"error: {error}", file=sys.stderr)
            failures += 1
            continue
        if not quiet:
            print(f"wrote {display_path(result.path)} ({result.rows} rows, {result.bytes} "
                  f"bytes, sha256 {result.sha256[:12]})", file=sys.stderr)
    if failures:
        raise SystemExit(2)


def _resolve(store, registry, ref: str):
    from pipelines.refresh.registry import RunRow

    if ref in ("latest", "previous"):
        latest = store.latest_run_id()
        if latest is None:
            raise InputError(display_path(store.latest), "no latest run in this store")
        if ref == "latest":
            row = registry.get(latest)
            if row is None:
                raise InputError(display_path(store.registry_path),
                                 f"latest run {latest} is not in the registry")
            return row
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
