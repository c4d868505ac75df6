"""`dcload forecast`: run a pipeline and publish it (default `reports/latest`), through the same
store, lock, atomic switch and registry as `dcload refresh`, but always running."""

from __future__ import annotations

from pathlib import Path

import typer

from forecasting.paths import LATEST_DIR, display_path
from pipelines.cli.options import (
    ConfigOption,
    DrawsOption,
    KeepOption,
    SchedulerOption,
    SeedOption,
    WorkersOption,
)
from pipelines.cli.publisher import run_publisher


def forecast_command(
    config: Path = ConfigOption,
    output_dir: Path = typer.Option(None, "--output-dir", "-o",
                                    help="Where to publish (default reports/latest): a link "
                                    "to the run, kept with the other runs in its folder."),
    draws: int = DrawsOption,
    seed: int = SeedOption,
    scenario: str = typer.Option(None, "--scenario", "-s",
                                 help="Run only this scenario (any in `dcload scenarios list`)."),
    keep: int = KeepOption,
    workers: int = WorkersOption,
    scheduler: str = SchedulerOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress output (for cron)."),
) -> None:
    """Run the pipeline and publish its tables and report (default reports/latest)."""
    from pipelines.publishing.logs import RunLog
    from pipelines.publishing.progress import StageProgress
    from pipelines.publishing.publish_run import PublishOptions
    from pipelines.publishing.store import Store

    store = Store.for_link(output_dir if output_dir is not None else LATEST_DIR)
    options = PublishOptions(config=config, store=store.root, link=store.latest.name,
                             skip_unchanged=False, keep=keep, draws=draws, seed=seed,
                             scenario=scenario, workers=workers, scheduler=scheduler,
                             link_option="--output-dir")
    log = RunLog(quiet=True, timestamps=False)  # stages show as progress; warnings, errors
    outcome = run_publisher(options, log, progress=StageProgress(quiet=quiet))
    if not quiet:
        typer.echo(f"published {display_path(store.latest)} (run {outcome.run_id})", err=True)
