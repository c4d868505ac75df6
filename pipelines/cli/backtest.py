"""`dcload backtest`: rolling-origin forecasts of every model, plus the `selected` rows (what
the pipeline would have published at each origin), written as one CSV."""

from __future__ import annotations

from pathlib import Path

import typer

from forecasting.errors import InputError
from pipelines.cli import series_input as series_options


@series_options.series_command
def backtest_command(
    options: series_options.SeriesOptions,
    out: Path = typer.Option(..., "--out", help="CSV file to write."),
    horizon: int = typer.Option(..., "--horizon", min=1, help="Periods ahead to forecast."),
    first_origin: str = typer.Option(None, "--first-origin",
                                     help="First origin period (default: a third in)."),
    last_origin: str = typer.Option(None, "--last-origin", help="Last origin period."),
    models: str = typer.Option(None, "--models", help="Comma-separated model names, or 'all' "
                               "(default: the pipeline's candidates for the built history, all "
                               "models of the frequency for --series)."),
    strategy: str = typer.Option("best", "--strategy",
                                 help="best, ensemble, robust, equal or trimmed (selected rows)."),
    draws: int = typer.Option(1000, "--draws", min=100, help="Paths per forecast."),
    seed: int = typer.Option(0, "--seed", min=0),
) -> None:
    """Rolling-origin backtest; rows: model, origin, period, horizon, actual, mean, p05..p95."""
    import pandas as pd

    from forecasting.backtest.candidates import candidate_factories
    from forecasting.backtest.choose import backtest_and_choose
    from forecasting.backtest.selection import STRATEGIES
    from forecasting.contracts import BACKTEST_TABLE_COLUMNS, frequency_code
    from forecasting.io.config_file import load_config
    from forecasting.models.registry import MODELS, make_model, models_for

    values, notes = series_options.load_modelling_series(options, needed=3, what="backtest")
    code = frequency_code(values.index)
    if models is None and not options.series:
        factories = candidate_factories(load_config(options.config).baseline.candidates)
    else:
        names = models_for(code) if models in (None, "all") else [
            m.strip() for m in models.split(",") if m.strip()]
        if models in (None, "all"):
            names = [m for m in names if m != "prophet_defaults"]
        for name in names:
            if name not in MODELS:
                raise InputError("--models", f"unknown model '{name}' (known: "
                                 f"{', '.join(MODELS)})", field="models")
            if code not in MODELS[name].frequencies:
                raise InputError("--models", f"model '{name}' does not support frequency "
                                 f"'{code}'", field="models")
        factories = {name: (lambda name=name: make_model(name)) for name in names}
    if strategy not in STRATEGIES:
        raise InputError("--strategy", f"must be one of {', '.join(STRATEGIES)}",
                         field="strategy")
    first = first_origin or str(values.index[len(values) // 3])
    try:
        first_period = pd.Period(first, freq=values.index.freq)
        last_period = pd.Period(last_origin, freq=values.index.freq) if last_origin else None
    except ValueError as error:
        raise InputError("--first-origin/--last-origin", str(error), field="origin") from None
    if not values.index[0] <= first_period <= values.index[-1]:
        raise InputError("--first-origin", f"{first} is outside the series "
                         f"({values.index[0]}..{values.index[-1]})", field="first_origin")
    choice = backtest_and_choose(values, factories, horizon=horizon, first_origin=first,
                                 last_origin=last_period, n_paths=draws, seed=seed,
                                 strategy=strategy, fallback=next(iter(factories)),
                                 observed=series_options.observed_periods(options, values))
    out.parent.mkdir(parents=True, exist_ok=True)
    choice.result.forecasts[BACKTEST_TABLE_COLUMNS].to_csv(out, index=False, float_format="%.6g",
                                                     lineterminator="\n")
    for line in notes:
        typer.echo(f"# {line}", err=True)
    for failure in choice.result.failures:
        typer.echo(f"# {failure.alias} failed at origin {failure.origin}: {failure.message}",
                   err=True)
    table = choice.summary
    overall = table[table["horizon"].astype(str) == "all"].sort_values("MASE")
    typer.echo(overall[["model", "MASE", "sMAPE", "coverage80", "n"]].to_string(
        index=False, float_format=lambda v: f"{v:.3f}"), err=True)
    typer.echo(f"wrote {out}", err=True)
