"""`dcload vintage`: the pipeline as it would have run at the end of a past year, scored
against today's history (the library does the work: forecasting/national/vintage.py)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from pipelines.cli.options import ConfigOption, JsonOption, SeedOption


def vintage_command(
    as_of: int = typer.Option(..., "--as-of", min=1990, max=2100,
                              help="Use only the sources published by the end of this year."),
    config: Path = ConfigOption,
    draws: int | None = typer.Option(None, "--draws", min=100,
                                     help="Monte Carlo draws per vintage (overrides the "
                                     "config's track_record.draws)."),
    seed: int | None = SeedOption,
    as_json: bool = JsonOption,
) -> None:
    """Rebuild the history from the sources published by the end of a year, forecast as the
    pipeline would have then, and score each year against today's history."""
    from forecasting.national.vintage import vintage_of

    vintage, published = vintage_of(config, as_of, draws=draws, seed=seed)
    document = vintage.to_dict()
    rows = [] if published is None else published.drop(columns=["kind", "p10", "p90",
                                                                 "inside_p10_p90"])
    document["published_forecasts"] = [
        {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
        for r in rows.to_dict("records")] if len(rows) else []
    if as_json:
        typer.echo(json.dumps(document, indent=2, allow_nan=False))
        return
    sources = ", ".join(f"{s['source_id']} ({s['year_published']})"
                        for s in document["sources"] if s["in_history"])
    typer.echo(f"as of {as_of}: history to {document['history_last_year']} from {sources}")
    typer.echo(f"basis: {document['basis']}")
    typer.echo(f"{'year':>6} {'P10':>7} {'P50':>7} {'P90':>7} {'outcome':>8}  inside  provenance")
    for r in document["forecasts"]:
        inside = {True: "yes", False: "NO", None: "-"}[r["inside_p10_p90"]]
        typer.echo(f"{r['target_year']:>6} {r['p10']:>7.1f} {r['p50']:>7.1f} {r['p90']:>7.1f} "
                   f"{r['outcome']:>8.1f}  {inside:<6}  {r['outcome_provenance']}")
    for r in document["published_forecasts"]:
        typer.echo(f"published: {r['source']} ({r['published']}) {r['scenario']}: "
                   f"{r['target_year']} {r['p50']:.1f} TWh on today's basis "
                   f"({r['p50_as_published']:.1f} as published), outcome {r['outcome']:.1f} "
                   f"({r['outcome_provenance']})")
