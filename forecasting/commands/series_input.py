"""The series options shared by `dcload regimes` and `dcload backtest`, and loading them.

With `--series` the CSV file(s) are read, cleaned and resampled (forecasting/series); without
it the pipeline's built annual history is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pandas as pd
import typer

from forecasting.errors import InputError
from forecasting.paths import DEFAULT_PIPELINE, display_path


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
    freq: Freq | None
    agg: Agg
    config: Path


SeriesOption = typer.Option(None, "--series", help="CSV, .csv.gz or Parquet file(s) or a "
                            "directory of them (repeatable: files of one region, later files "
                            "win). Default: the built history.")
FormatOption = typer.Option(None, "--format", help="eia930, pjm or generic (default: detected).")
DateColOption = typer.Option(None, "--date-col", help="Date column of a generic file "
                             "(default: detected).")
ValueColOption = typer.Option(None, "--value-col", help="Value column of a generic file "
                              "(default: the only numeric column).")
FreqOption = typer.Option(None, "--freq", help="Modelling frequency (default: M for hourly "
                          "and daily files, the file's own for monthly and annual ones, Y for "
                          "the built history); finer than the data is an error.")
AggOption = typer.Option(Agg.mean, "--agg", help="mean (mean MW), sum (energy) or max (peak).")
ConfigOption = typer.Option(DEFAULT_PIPELINE, "--config", "-c",
                            help="Pipeline YAML whose built history is used without --series.")


def load_modelling_series(
    options: SeriesOptions, *, needed: int = 2, what: str = "this command"
) -> tuple[pd.Series, list[str]]:
    """The series to analyse and the lines that report what loading it did; fewer than
    ``needed`` periods in a --series file is an `InputError` saying how many ``what`` needs."""
    if not options.series:
        from pipelines.runner import build, load_inputs

        config, data = load_inputs(options.config)
        series = build(config, data, options.config).as_series()
        if options.freq not in (None, Freq.Y):
            raise InputError(display_path(options.config), "the built history is annual; "
                             "use --freq Y or give --series", field="freq")
        return series, [f"built history of {display_path(options.config)}"]

    from forecasting.series import load_series

    series, report = load_series(
        [str(p) for p in options.series], format=options.format, date_col=options.date_col,
        value_col=options.value_col, freq=options.freq.value if options.freq else None,
        agg=options.agg.value,
    )
    if len(series) < needed:
        rows = sum(r.rows for r in report.reads)
        raise InputError(
            report.files[0], f"{rows} data row(s) give {len(series)} "
            f"{report.resampling.freq} period(s); {what} needs at least {needed}",
            row=f"rows 1-{rows}" if rows > 1 else "row 1", field="date",
        )
    missing = series[series.isna()]
    if not missing.empty:
        raise InputError(
            display_path(options.series[0]),
            f"{len(missing)} period(s) have too little data to model (first {missing.index[0]});"
            " give files that cover one continuous stretch", field="date",
        )
    return series, report.summary()
