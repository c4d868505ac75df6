"""The series options shared by `dcload regimes` and `dcload backtest`, and loading them.

With `--series` the CSV file(s) are read, cleaned and resampled (forecasting/series); without
it the pipeline's built annual history is used. A --series file is taken on its evidence
only, as a zone history takes its hours (`forecasting.zones.history`): nothing is filled
(cleaning with ``max_gap = 0``); zeros in a file whose other values never come near zero are
no data (`forecasting.series.zeros`: EIA-930's MISSING hours); a month or day with evidence for
under `MONTH_COMPLETE` (90%) of its hours, a year under `COMPLETE` (99%), is left out (NaN:
neither fitted, tested nor scored), never scaled up to a whole period. With ``--agg max`` a
period's peak is its largest measured hour, one the source did not impute (an EIA-930 row
whose ``category`` is not OKAY counts for energy, not for a peak), and a month or day whose
measured hours cover under 90% of it, a year with such a month, is left out the same way: its
peak is a lower bound, not the peak (`forecasting.series.resample`, the zone run's rule).
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from forecasting.errors import InputError
from forecasting.paths import display_path
from pipelines.cli.options import ConfigOption as PipelineConfigOption

if TYPE_CHECKING:
    import pandas as pd


class Freq(StrEnum):
    Y = "Y"
    M = "M"
    D = "D"
    H = "H"


class Agg(StrEnum):
    mean = "mean"
    sum = "sum"
    max = "max"


@dataclass(frozen=True)
class SeriesOptions:
    series: list[Path] | None
    format: str | None
    date_col: str | None
    value_col: str | None
    ba: str | None
    series_tz: str | None  # None: not given (read as UTC)
    freq: Freq | None
    agg: Agg
    config: Path


SeriesOption = typer.Option(None, "--series", metavar="CSV [CSV ...]",
                            help="CSV, .csv.gz or Parquet file(s) or a directory of them, "
                            "several after one --series or --series repeated (files of one "
                            "region, later files win). Default: the built history. Evidence "
                            "only: no hour is filled; zeros are no data (EIA-930's MISSING "
                            "hours) when the file's other values never come near zero (their "
                            "1st percentile at least 10% of their median), else values; a "
                            "month or day with evidence for under 90% of its hours, a year "
                            "under 99%, is left out (neither fitted nor scored), never scaled "
                            "up. With --agg max a period's peak is its largest measured hour "
                            "(EIA-930 rows whose category is not OKAY are imputed: energy, not "
                            "peaks), and a month or day with measured hours for under 90% of "
                            "its hours, a year with such a month, is left out.")
#: the files after the first one of `--series A B C` (click's options take one value each:
#: the others arrive as arguments, as for `dcload zones init`)
MoreSeriesArgument = typer.Argument(None, hidden=True)
FormatOption = typer.Option(None, "--format",
                            help="eia930, eia930-balance, pjm or generic (default: detected).")
DateColOption = typer.Option(None, "--date-col", help="Date column of a generic file "
                             "(default: detected).")
ValueColOption = typer.Option(None, "--value-col", help="Value column of a generic file "
                              "(default: the only numeric column).")
BaOption = typer.Option(None, "--ba", help="The balancing authority to keep from a file "
                        "holding several (EIA's BALANCE file, as `dcload data fetch eia930` "
                        "writes it), e.g. PJM.")
SeriesTzOption = typer.Option(None, "--series-tz", help="The clock of timestamps without a "
                              "UTC offset in a generic file (IANA name, e.g. America/Chicago; "
                              "EIA-930 and PJM files are read on their own clocks; default "
                              "UTC, with a warning for a file whose stamps repeat and skip at "
                              "DST changes). Given, days and months are this clock's; without "
                              "it, New York's.")
FreqOption = typer.Option(None, "--freq", help="Modelling frequency (default: M for hourly "
                          "and daily files, the file's own for monthly and annual ones, Y for "
                          "the built history); finer than the data is an error.")
AggOption = typer.Option(Agg.mean, "--agg", help="mean (mean MW), sum (energy) or max (peak).")
ConfigOption = PipelineConfigOption

#: (parameter, type, option) of every command that reads a series, in the order shown
SERIES_PARAMETERS = (
    ("series", list[Path], SeriesOption),
    ("format", str, FormatOption),
    ("date_col", str, DateColOption),
    ("value_col", str, ValueColOption),
    ("ba", str, BaOption),
    ("series_tz", str, SeriesTzOption),
    ("freq", Freq, FreqOption),
    ("agg", Agg, AggOption),
    ("config", Path, ConfigOption),
)


def series_command(command: Callable) -> Callable:
    """Give `command` the series options, defined once here: typer sees them as its first
    parameters, and `command` receives them as one `options: SeriesOptions` argument."""
    own = [p for p in inspect.signature(command).parameters.values() if p.name != "options"]
    parameters = (*SERIES_PARAMETERS, ("more_series", list[Path], MoreSeriesArgument))
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option,
                               annotation=kind) for name, kind, option in parameters]

    @functools.wraps(command)
    def wrapper(**kwargs):
        given = {name: kwargs.pop(name) for name, _, _ in SERIES_PARAMETERS}
        given["series"] = series_files(given["series"], kwargs.pop("more_series"))
        return command(options=SeriesOptions(**given), **kwargs)

    hints = {k: v for k, v in typing.get_type_hints(command).items() if k != "options"}
    wrapper.__annotations__ = {**{name: kind for name, kind, _ in parameters}, **hints}
    wrapper.__signature__ = inspect.Signature(
        [*added, *(p.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=hints.get(p.name))
                   for p in own)])
    del wrapper.__wrapped__  # typer must read the signature above, not the command's
    return wrapper


def series_files(series: list[Path] | None, more: list[Path] | None) -> list[Path] | None:
    """The --series files in the order given: `--series A B C` (A the option's value, B and
    C arguments after it) or `--series A --series B`; None without any. Files that follow no
    --series, or both forms at once (click cannot tell where the arguments stood, so the
    order, which decides overlaps, would be lost), are a command-line mistake."""
    if not more:
        return series or None
    listed = " ".join(str(p) for p in more)
    if not series:
        raise InputError("(command line)", f"unexpected argument(s) {listed}: give the files "
                         "after --series (--series A.csv B.csv)", field="--series")
    if len(series) > 1:
        raise InputError("(command line)", "give the files after one --series (--series A.csv "
                         "B.csv) or each after its own (--series A.csv --series B.csv), not "
                         "both: their order, which decides overlaps (later files win), would "
                         f"be lost ({listed} after --series {' --series '.join(map(str, series))})",
                         field="--series")
    return [*series, *more]


def load_modelling_series(
    options: SeriesOptions, *, needed: int = 2, what: str = "this command",
    allow_missing: bool = False,
) -> tuple[pd.Series, list[str]]:
    """The series to analyse and the lines that report what loading it did; fewer than
    ``needed`` periods with evidence in a --series file is an `InputError` saying how many
    ``what`` needs. A --series file's periods without enough evidence (module docstring) are
    NaN; with ``allow_missing`` the built history's interpolated years are NaN too, else
    filled (and marked by `observed_periods`)."""
    if not options.series:
        from forecasting.national import build_history_of, load_inputs

        config, data = load_inputs(options.config)
        built = build_history_of(config, data, options.config)
        series = built.evidence_series() if allow_missing else built.as_series()
        if options.freq not in (None, Freq.Y):
            raise InputError(display_path(options.config), "the built history is annual; "
                             "use --freq Y or give --series", field="freq")
        return series, [f"built history of {display_path(options.config)}"]

    from forecasting.series import load_series
    from forecasting.series.clean import CleaningRules
    from forecasting.series.time_zone import known_time_zone

    try:
        clock = known_time_zone((options.series_tz or "UTC").strip())
    except ValueError as error:
        raise InputError("(command line)", str(error), field="--series-tz") from None
    series, report = load_series(
        [str(p) for p in options.series], format=options.format, date_col=options.date_col,
        value_col=options.value_col, freq=options.freq.value if options.freq else None,
        agg=options.agg.value, area=options.ba, source_tz=clock,
        rules=CleaningRules(max_gap=0), min_coverage=complete_shares(),
        **({} if clock == "UTC" else {"period_tz": clock}),  # a local file's own months
    )
    if options.series_tz is None:  # a local file read as UTC: said, not refused
        for line in report.local_clock:
            typer.echo(line, err=True)
    if int(series.notna().sum()) < needed:
        rows = sum(r.rows for r in report.reads)
        raise InputError(
            report.files[0], f"{rows} data row(s) give {int(series.notna().sum())} "
            f"{report.resampling.freq} period(s); {what} needs at least {needed}",
            row=f"rows 1-{rows}" if rows > 1 else "row 1", field="date",
        )
    missing = series[series.isna()]
    if missing.empty:
        return series, report.summary()
    return series, [*report.summary(), f"{len(missing)} period(s) without enough evidence "
                    f"left out of the tests (first {missing.index[0]}): neither fitted nor "
                    "scored"]


def complete_shares() -> dict[str, float]:
    """The share of its hours (or days) a period needs to be fitted and scored, by frequency,
    as a zone history's: a month's `MONTH_COMPLETE` (also a day's), a year's `COMPLETE`."""
    from forecasting.zones.history import COMPLETE, MONTH_COMPLETE

    return {"H": MONTH_COMPLETE, "D": MONTH_COMPLETE, "M": MONTH_COMPLETE, "Y": COMPLETE}


def observed_periods(options: SeriesOptions, values: pd.Series) -> pd.Series:
    """Which periods of `values` are evidence: the built history's published (or spliced)
    years; a --series file's periods with a value (those without enough evidence are NaN)."""
    if options.series:
        return values.notna()
    from forecasting.national import build_history_of, load_inputs

    config, data = load_inputs(options.config)
    return build_history_of(config, data, options.config).observed()
