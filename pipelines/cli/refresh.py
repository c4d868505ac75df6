"""`dcload refresh`: the scheduled refresh (what `make refresh` and the cron/systemd units
run). It reruns only when an input, the resolved config or the package version changed.

Exit codes: 0 published or up to date, 2 bad input, 3 another run holds the store's lock,
1 other failure. See pipelines/deploy/README.md.
"""

from __future__ import annotations

from pathlib import Path

import typer

from pipelines.cli.options import (
    ConfigOption,
    DrawsOption,
    KeepOption,
    QuietOption,
    SchedulerOption,
    SeedOption,
    StoreOption,
    WorkersOption,
)
from pipelines.cli.publisher import run_publisher


def refresh_command(
    config: Path = ConfigOption,
    store: Path = StoreOption,
    force: bool = typer.Option(False, "--force", help="Run even if nothing changed."),
    keep: int = KeepOption,
    draws: int = DrawsOption,
    seed: int = SeedOption,
    workers: int = WorkersOption,
    scheduler: str = SchedulerOption,
    quiet: bool = QuietOption,
    log_json: bool = typer.Option(False, "--log-json", help="Logs as JSON lines on stderr."),
) -> None:
    """Refresh the forecast if its inputs changed; publish it atomically as <store>/latest.

    Exit codes: 0 published or up to date, 2 bad input, 3 another refresh holds the lock,
    4 a many-zone run published with some zones failed, 1 other failure. See
    pipelines/deploy/README.md.
    """
    from pipelines.publishing.logs import RunLog
    from pipelines.publishing.publish_run import PublishOptions

    log = RunLog(json_lines=log_json, quiet=quiet)
    options = PublishOptions(config=config, store=store, skip_unchanged=True, force=force,
                             keep=keep, draws=draws, seed=seed, workers=workers,
                             scheduler=scheduler)
    run_publisher(options, log)
