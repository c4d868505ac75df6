"""`dcload regimes`: breaks, segments and regime probabilities of a series."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer

from forecasting.errors import InputError
from forecasting.paths import display_path
from pipelines.cli import series_input as series_options

if TYPE_CHECKING:
    import pandas as pd


@series_options.series_command
def regimes_command(
    options: series_options.SeriesOptions,
    min_size: int = typer.Option(3, "--min-size", min=3, help="Minimum periods per segment."),
    max_breaks: int = typer.Option(3, "--max-breaks", min=0, help="Most breaks to consider."),
    seed: int = typer.Option(0, "--seed", min=0, help="Seed of the break-date bootstrap."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Find regime changes: breaks with intervals, segment growth, CUSUM, Markov switching.
    Periods without evidence (the built history's interpolated years; a file's months with
    evidence for under 90% of their hours, its zeros where its other values never come near
    zero; periods of zero load: regimes works on positive load) are left out of every test,
    never filled. A monthly, daily or hourly series has its season taken out jointly with the
    regimes (so it needs two years) and its breaks tested allowing for weather spells;
    segments are then at least a year long."""
    from forecasting.contracts import frequency_code
    from forecasting.errors import SeriesTooShortError
    from forecasting.regimes import detect_regimes

    needed = max(min_size, 4)
    values, notes = series_options.load_modelling_series(options, needed=needed,
                                                         what="regimes", allow_missing=True)
    values, zero_note = _zero_load_as_no_data(values, options, needed)
    notes = [*notes, *zero_note]
    try:
        report = detect_regimes(values, min_size=min_size, max_breaks=max_breaks, seed=seed)
    except SeriesTooShortError as error:  # a sub-annual series: two years to see a season
        source = options.series[0] if options.series else options.config
        raise InputError(display_path(source), f"{error.got} {frequency_code(values.index)} "
                         "period(s) with evidence; regimes of a sub-annual series needs at "
                         f"least {error.needed} (two years, to tell the season from growth)",
                         field="date") from None
    result = report.to_dict()
    for line in notes:
        typer.echo(f"# {line}", err=True)
    if as_json:
        typer.echo(json.dumps(result, indent=2, allow_nan=False))
        return
    typer.echo(f"frequency {result['frequency']}, {len(result['breaks'])} break(s)")
    for b in result["breaks"]:
        typer.echo(f"  break at {b['period']} (interval {b['ci_low']}..{b['ci_high']}, "
                   f"Chow p = {b['p_value']:.3g})")
    for s in result["segments"]:
        typer.echo(f"  {s['start']}..{s['end']}: growth {100 * s['growth_rate']:.1f}% per period "
                   f"(90% {100 * s['growth_low']:.1f}% to {100 * s['growth_high']:.1f}%; "
                   f"{s['n_points']} points with evidence of {s['n_periods']} periods)")
    if result["cusum_p_value"] is not None:
        typer.echo(f"CUSUM stability p = {result['cusum_p_value']:.3g}")
    markov = result["markov"]
    if markov is not None:
        typer.echo(f"Markov switching: {markov['message']}")


def _zero_load_as_no_data(values: pd.Series, options: series_options.SeriesOptions,
                          needed: int) -> tuple[pd.Series, list[str]]:
    """Periods of zero load left out as periods without evidence: the detectors work on logs
    of positive load. (A file's zeros are already no data where its other values never come
    near zero, `forecasting.series.zeros`; these are zeros kept as values.) Negative load is
    refused when the file is read; too few periods left is an `InputError` naming the file
    and the first zero period."""
    zero = (values <= 0).to_numpy()
    if not zero.any():
        return values, []
    first, count = values.index[zero][0], int(zero.sum())
    kept = values.where(~zero)
    left = int(kept.notna().sum())
    said = (f"{count} period(s) of zero load (first {first}) taken as no data, since regimes "
            "works on positive load")
    if left < needed:
        source = options.series[0] if options.series else options.config
        raise InputError(display_path(source), f"{said}; {left} period(s) with load left, "
                         f"regimes needs at least {needed}")
    return kept, [f"{said}: left out of the tests"]
