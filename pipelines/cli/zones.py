"""`dcload zones`: zone pipelines. `zones init NAME --series FILE [FILE ...]` writes a zone
config for any zone's hourly load files; `dcload forecast --config` then runs it."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from forecasting.errors import InputError

zones_app = typer.Typer(no_args_is_help=True,
                        help="Zone grid-load pipelines: energy, peaks and data-center load.")


def config_name(name: str) -> str:
    """A file name for a zone: lower case, runs of other characters as one '_'."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "zone"


@zones_app.command("init")
def init_command(
    name: str = typer.Argument(..., metavar="NAME", help="The zone's name (the region label "
                               "of its tables), e.g. PJM-PEP."),
    series: list[Path] = typer.Option(..., "--series", metavar="FILE [FILE ...]",
                                      help="The zone's hourly load files (CSV, CSV.GZ, "
                                      "Parquet or a folder); later files win overlaps."),
    more: list[Path] = typer.Argument(None, hidden=True),
    out: Path = typer.Option(None, "--out", "-o", metavar="PATH",
                             help="Where to write the config (default "
                             "pipelines/<name>.yaml)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing config file."),
) -> None:
    """Write a zone pipeline config (statistical-trend scenario) for a zone's load files."""
    from forecasting.paths import display_path
    from forecasting.zones.init_config import zone_config_text
    from forecasting.zones.read import read_zone_files

    files = [*series, *(more or [])]
    out = out if out is not None else Path("pipelines") / f"{config_name(name)}.yaml"
    if not name.strip():
        raise InputError("(command line)", "the zone needs a name", field="NAME")
    if out.exists() and not force:
        raise InputError(display_path(out), "exists already (--force replaces it)")
    text = zone_config_text(name, files, out, read_zone_files(files))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    typer.echo(f"wrote {display_path(out)}; run it with: dcload forecast --config "
               f"{display_path(out)}", err=True)
