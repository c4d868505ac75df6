"""`dcload report`: render a published run's index.html again from its own files."""

from __future__ import annotations

from pathlib import Path

import typer

from forecasting.paths import LATEST_DIR


def report_command(
    run_dir: Path = typer.Option(LATEST_DIR, "--run-dir", help="A published run directory."),
) -> None:
    """Render index.html again from a published run's own files (works on archived runs)."""
    from pipelines.publishing.run_dir import render_index

    written = render_index(run_dir)
    typer.echo(f"wrote {written}", err=True)
