"""`dcload regimes`: breaks, segments and regime probabilities of a series."""

from __future__ import annotations

import json

import typer

from pipelines.cli import series_input as series_options


@series_options.series_command
def regimes_command(
    options: series_options.SeriesOptions,
    min_size: int = typer.Option(3, "--min-size", min=3, help="Minimum periods per segment."),
    max_breaks: int = typer.Option(3, "--max-breaks", min=0, help="Most breaks to consider."),
    seed: int = typer.Option(0, "--seed", min=0, help="Seed of the break-date bootstrap."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Find regime changes: breaks with intervals, segment growth, CUSUM, Markov switching.
    Periods without evidence (the built history's interpolated years, a file's gaps) are left
    out of every test, never filled."""
    from forecasting.regimes import detect_regimes

    values, notes = series_options.load_modelling_series(options, needed=max(min_size, 4),
                                                         what="regimes", allow_missing=True)
    report = detect_regimes(values, min_size=min_size, max_breaks=max_breaks, seed=seed)
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
