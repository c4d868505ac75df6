"""Command-line options used by more than one command, defined once."""

from __future__ import annotations

import typer

from forecasting.paths import DEFAULT_PIPELINE, REPORTS_DIR

ConfigOption = typer.Option(DEFAULT_PIPELINE, "--config", "-c", help="Pipeline YAML file.")
#: held to the bounds of the config's kind by the run's inputs (`forecasting.zones.inputs`,
#: `forecasting.national.inputs`): 10 to 100,000 paths per zone, 100 to 1,000,000 national
#: draws; a bound here, shared by every kind, had refused a zone's 50
DrawsOption = typer.Option(None, "--draws", help="Monte Carlo draws (overrides config; "
                           "10-100,000 paths per zone, 100-1,000,000 national draws).")
SeedOption = typer.Option(None, "--seed", min=0, help="Random seed (overrides config).")
QuietOption = typer.Option(False, "--quiet", "-q", help="Only warnings and errors (for cron).")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of text.")
StoreOption = typer.Option(REPORTS_DIR, "--store", "-s",
                           help="Store directory: runs/, latest, registry.sqlite, refresh.lock.")
KeepOption = typer.Option(30, "--keep", min=1, help="Published runs to keep in the store.")

WorkersOption = typer.Option(None, "--workers", "-w", min=1,
                             help="Many-zone runs: local Dask worker processes (default: the "
                             "machine's cores).")
SchedulerOption = typer.Option(None, "--scheduler", metavar="tcp://HOST:PORT",
                               help="Many-zone runs: an existing Dask scheduler to run the "
                               "zones on, instead of a local cluster.")


def check_out_file(out, what: str) -> None:
    """`--out` must be a file path that can be written: not a folder (the message then says
    `what` to give), not below a file (InputError naming --out)."""
    from forecasting.errors import InputError
    from forecasting.paths import display_path

    if out.is_dir():
        raise InputError("--out", f"{display_path(out)} is a folder; give the path of {what}")
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if parent.exists() and not parent.is_dir():
        raise InputError("--out", f"{display_path(out)}: {display_path(parent)} is a file, "
                         "not a folder")
