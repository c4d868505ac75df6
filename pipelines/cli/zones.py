"""`dcload zones`: zone pipelines. `zones init NAME --series FILE [FILE ...]` writes a zone
config for any zone's hourly load files; `dcload forecast --config` then runs it."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from forecasting.errors import InputError
from pipelines.cli.options import check_out_file

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
                                      help="The zone's hourly load files, not a folder "
                                      "(CSV, CSV.GZ or Parquet: EIA-930, PJM, or one date "
                                      "and one load column); later files win overlaps."),
    more: list[Path] = typer.Argument(None, hidden=True),
    out: Path = typer.Option(None, "--out", "-o", metavar="PATH",
                             help="Where to write the config (default "
                             "pipelines/<name>.yaml)."),
    ba: str = typer.Option(None, "--ba", metavar="NAME",
                           help="The balancing authority to keep from files holding several "
                           "(EIA's BALANCE file, as `dcload data fetch eia930` writes it); "
                           "written to the config as `area`."),
    column: str = typer.Option(None, "--column", metavar="NAME",
                               help="The load column of files with several numeric columns "
                               "(e.g. ERCOT in ERCOT's native load file); written to the "
                               "config as `column`."),
    series_tz: str = typer.Option(None, "--series-tz", metavar="TZ",
                                  help="The clock of the files' timestamps without a UTC "
                                  "offset (IANA name, e.g. America/Chicago for local time "
                                  "with DST); also the zone's clock when not UTC. Default "
                                  "UTC, except that a file whose stamps repeat and skip at "
                                  "DST changes is refused until the clock is given (UTC "
                                  "too)."),
    timezone: str = typer.Option(None, "--timezone", metavar="TZ",
                                 help="The zone's own clock (IANA name): its months, seasons "
                                 "and hours of the day. Default: --series-tz when not UTC, "
                                 "else the clock the stamps name by both its abbreviations "
                                 "(CST and CDT: America/Chicago), else America/New_York "
                                 "(said when taken: give it for a zone on another clock, "
                                 "e.g. America/Los_Angeles)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing config file."),
) -> None:
    """Write a zone pipeline config (statistical-trend scenario) for a zone's load files."""
    from forecasting.paths import display_path
    from forecasting.series.local_clock import refuse_unstated_local_clock
    from forecasting.zones.init_config import zone_clock, zone_config_text

    files = [*series, *(more or [])]
    out = out if out is not None else Path("pipelines") / f"{config_name(name)}.yaml"
    if not name.strip():
        raise InputError("(command line)", "the zone needs a name", field="NAME")
    check_out(out, name)
    if out.exists() and not force:
        raise InputError(display_path(out), "exists already (--force replaces it)")
    stated = series_tz is not None
    series_tz = _time_zone(series_tz if stated else "UTC")
    clock = None if timezone is None else _time_zone(timezone, "--timezone")
    raws = read_files(files, ba, series_tz, column)
    if not stated:  # a local file read as UTC would be written into the config so
        refuse_unstated_local_clock(raws)
    text = zone_config_text(name, files, out, raws, area=ba, series_timezone=series_tz,
                            column=column, timezone=clock)
    write_config(out, text)
    if clock is None and series_tz == "UTC":
        taken, named = zone_clock(raws)
        why = (f"named by {named.said()}" if named else "the default")
        typer.echo(f"the zone's clock (its months, seasons and hours of the day) is "
                   f"{taken}, {why}: give --timezone (or edit `timezone`) "
                   "for a zone on another clock", err=True)
    typer.echo(f"wrote {display_path(out)}; run it with: dcload forecast --config "
               f"{display_path(out)}", err=True)


def check_out(out: Path, name: str) -> None:
    """`--out` must be a file path that can be written: not a folder, not below a file."""
    from forecasting.paths import display_path

    check_out_file(out, "the config file to write (e.g. "
                   f"{display_path(out / config_name(name))}.yaml)")


def write_config(out: Path, text: str) -> None:
    """Write `text` to `out` through a temporary file beside it, replaced in one step; a
    write the system refuses (permissions, a full disk) is one line naming --out and leaves
    neither the temporary file nor a partial config behind."""
    from forecasting.paths import display_path

    tmp = out.with_name(f".{out.name}.tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise InputError("--out", f"cannot write {display_path(out)}: "
                         f"{error.strerror or error}") from None


def _time_zone(name: str, option: str = "--series-tz") -> str:
    """An IANA time zone name, or an `InputError` naming `option`."""
    from forecasting.series.time_zone import known_time_zone

    try:
        return known_time_zone(name.strip())
    except ValueError as error:
        raise InputError("(command line)", str(error), field=option) from None


def read_files(files: list[Path], area: str | None = None, source_tz: str = "UTC",
               column: str | None = None):
    """The zone's files as read (`read_zone_files`, whose errors say how a zone names its
    load column); a folder is an `InputError` saying what `zones init` takes."""
    from forecasting.paths import display_path
    from forecasting.zones.read import read_zone_files

    for path in files:
        if path.is_dir():
            raise InputError(display_path(path), "is a folder; zones init takes the zone's "
                             "load files (e.g. FOLDER/*.csv), which its config lists one by "
                             "one")
    return read_zone_files(files, area=area, source_tz=source_tz, column=column)
