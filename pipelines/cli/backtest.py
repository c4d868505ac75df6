"""`dcload backtest`: rolling-origin forecasts of every model, plus the `selected` rows (what
the pipeline would have published at each origin), written as one CSV."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import typer

from forecasting.errors import InputError
from pipelines.cli import series_input as series_options
from pipelines.cli.options import check_out_file


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
    """Rolling-origin backtest; rows: model, origin, period, horizon, actual, mean, p05..p95.
    A --series file's periods without enough evidence (see --series) are neither fitted nor
    scored: they have no row."""
    check_out(out)
    listed = listed_models(models)
    from forecasting.backtest.candidates import candidate_factories
    from forecasting.backtest.choose import backtest_and_choose
    from forecasting.backtest.selection import STRATEGIES
    from forecasting.contracts import BACKTEST_TABLE_COLUMNS, frequency_code
    from forecasting.io.config_file import load_config
    from forecasting.models.registry import MODELS, make_model, models_for

    values, notes = series_options.load_modelling_series(options, needed=3, what="backtest")
    code = frequency_code(values.index)
    fallback = None
    if models is None and not options.series:
        baseline = load_config(options.config).baseline
        factories = candidate_factories(baseline.candidates)
        fallback = baseline.fallback  # what the pipeline publishes before any scores
    else:
        names = models_for(code) if listed is None else listed
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
    first_period, last_period = origin_range(values, first_origin, last_origin)
    check_some_origin_fits(options, values, factories, code, first_period, last_period)
    fallback = selected_fallback(code, list(factories), fallback)
    observed = series_options.observed_periods(options, values)
    check_some_target_is_evidence(options, observed, horizon, first_period, last_period)
    choice = backtest_and_choose(values, factories, horizon=horizon, first_origin=first_period,
                                 last_origin=last_period, n_paths=draws, seed=seed,
                                 strategy=strategy, fallback=fallback,
                                 observed=observed)
    scored = choice.result.forecasts
    if scored.empty or not scored["observed"].astype(bool).any():
        failure = choice.result.failures[0] if choice.result.failures else None
        raise InputError(series_name(options), "no origin could be backtested: every model "
                         f"failed at every origin {first_period}..{last_period} whose "
                         "targets are evidence"
                         + (f" (first: {failure.alias} at {failure.origin}: {failure.message})"
                            if failure else ""))
    write_csv(choice.result.forecasts[BACKTEST_TABLE_COLUMNS], out)
    for line in notes:
        typer.echo(f"# {line}", err=True)
    typer.echo(f"# selected at origins before any model has scored rows (the first, "
               f"{first_period}, at least): {fallback or 'equal weights of the models'}, "
               "the fallback", err=True)
    for failure in choice.result.failures:
        typer.echo(f"# {failure.alias} failed at origin {failure.origin}: {failure.message}",
                   err=True)
    table = choice.summary
    overall = table[table["horizon"].astype(str) == "all"].sort_values("MASE")
    typer.echo(overall[["model", "MASE", "sMAPE", "coverage80", "n"]].to_string(
        index=False, float_format=lambda v: f"{v:.3f}"), err=True)
    typer.echo(f"wrote {out}", err=True)


#: the `selected` forecast at origins before any model has scored rows, by frequency: the
#: first of these that is run (a seasonal naive for monthly, daily and hourly load, the
#: benchmark that is hardest to beat; for annual series the national pipeline's fallback,
#: then drift); equal weights of the models run when none is. Never the order of --models:
#: the first listed (by default `naive`, a peer, not a candidate) made `selected` score
#: 1.181 or 1.028 on the same rows as the models were listed one way or the other.
FALLBACKS = {"Y": ("regime_trend", "drift"), "M": ("seasonal_naive",),
             "D": ("seasonal_naive",), "H": ("seasonal_naive",)}


def selected_fallback(code: str, names: list[str], configured: str | None) -> str | None:
    """The fallback of `selected` (`FALLBACKS`): the config's own for the built history's
    candidates, else the first of the frequency's `FALLBACKS` among ``names``, else None
    (equal weights)."""
    if configured is not None and configured in names:
        return configured
    return next((name for name in FALLBACKS[code] if name in names), None)


def listed_models(models: str | None) -> list[str] | None:
    """The model names of ``--models`` (None: not given, or 'all'); an option naming none
    (``--models ""``, ``--models ","``) is an `InputError`."""
    if models is None or models == "all":
        return None
    names = [m.strip() for m in models.split(",") if m.strip()]
    if not names:
        raise InputError("--models", "name at least one model (comma-separated model names, "
                         "or 'all')", field="models")
    return names


def check_out(out: Path) -> None:
    """`--out` must be a file path that can be written: not a folder, not below a file."""
    check_out_file(out, "the CSV file to write")


def write_csv(table, out: Path) -> None:
    """Write `table` to `out` (its folder made if missing); a write the system refuses
    (permissions, a full disk) is one line naming --out."""
    from forecasting.paths import display_path

    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(out, index=False, float_format="%.6g", lineterminator="\n")
    except OSError as error:
        raise InputError("--out", f"cannot write {display_path(out)}: "
                         f"{error.strerror or error}") from None


def series_name(options: series_options.SeriesOptions) -> str:
    """The input as the user named it: the --series files, or the config of the built
    history."""
    from forecasting.paths import display_path

    if options.series:
        return " + ".join(display_path(p) for p in options.series)
    return display_path(options.config)


def origin_range(values, first_origin: str | None, last_origin: str | None):
    """(first, last) origin periods of the backtest of `values`: the options read in the
    series' frequency, defaults a third into the series and its second-to-last period. An
    origin needs a later period to score, so every origin lies in first..second-to-last
    period; an option outside that, or a last origin before the first, is an `InputError`
    naming the option and what the series allows."""
    import pandas as pd

    index = values.index
    low, high = index[0], index[-2]
    allowed = (f"the origins run {low}..{high} (the series holds {index[0]}..{index[-1]} and "
               "an origin needs a later period to score)")
    given = {}
    for option, text in (("--first-origin", first_origin), ("--last-origin", last_origin)):
        if text is None:
            continue
        try:
            period = pd.Period(text, freq=index.freq)
        except ValueError as error:
            raise InputError(option, f"'{text}' is not a period ({error}); {allowed}") from None
        if period is pd.NaT:
            raise InputError(option, f"'{text}' is not a period; {allowed}")
        if index.freqstr[0] in "MY" and text.strip() != str(period):  # 2023-06-15 is no month
            form = "a month written YYYY-MM" if index.freqstr[0] == "M" else "a year YYYY"
            raise InputError(option, f"'{text}' is not {form} (the series is "
                             f"{'monthly' if form[2] == 'm' else 'annual'}); {allowed}")
        if not low <= period <= high:
            raise InputError(option, f"{text} cannot be an origin: {allowed}")
        given[option] = period
    first = given.get("--first-origin", index[len(index) // 3])
    last = given.get("--last-origin", high)
    if last < first:
        said = (f"--first-origin {first}" if first_origin is not None else
                f"the default first origin {first} (a third into the series; give "
                "--first-origin for an earlier one)")
        raise InputError("--last-origin", f"{last} is before {said}")
    return first, last


def check_some_origin_fits(options, values, factories, code, first, last) -> None:
    """Refuse, before any model runs, a backtest in which no model can be fitted at any
    origin: a model fitted at origin `o` sees the periods up to `o` only."""
    needs = {alias: factory().observations_needed(code) for alias, factory in factories.items()}
    alias = min(needs, key=needs.get)
    need = needs[alias]
    index = values.index
    earliest = index[0] + (need - 1)
    if earliest <= last:
        return
    holds = (f"the series holds {len(index)} {code} periods ({index[0]}..{index[-1]}); an "
             f"origin needs at least {need} periods up to it ({alias}, the model that needs "
             "the fewest) and one after it to score")
    if earliest <= index[-2]:
        raise InputError("--last-origin" if last < index[-2] else series_name(options),
                         f"no origin up to {last} can be backtested: {holds}, so the first "
                         f"is {earliest}")
    raise InputError(series_name(options), f"no origin can be backtested: {holds}, so the "
                     f"series needs at least {need + 1} periods")


def check_some_target_is_evidence(options, observed, horizon: int, first, last) -> None:
    """Refuse, before any model runs, a backtest none of whose targets (the periods 1 to
    ``horizon`` after each origin first..last) is evidence (``observed``: the built
    history's published years, a --series file's periods with enough evidence): nothing
    could be scored. The error names the targets and the origins that would score the
    nearest periods with evidence."""
    index = observed.index
    evidence = observed.to_numpy(dtype=bool)
    start, end = index.get_loc(first) + 1, min(index.get_loc(last) + horizon, len(index) - 1)
    if evidence[start:end + 1].any():
        return
    what = ("periods of the --series with enough evidence" if options.series else
            "published years (the built history's other years are interpolated)")
    said = [f"no target of origins {first}..{last} at horizon {horizon} ({index[start]}.."
            f"{index[end]}) is evidence, so nothing could be scored; targets must be {what}"]
    before = np.flatnonzero(evidence[1:start]) + 1
    after = np.flatnonzero(evidence[end + 1:]) + end + 1
    for nearest in ([int(before[-1])] if len(before) else []) + (
            [int(after[0])] if len(after) else []):
        low, high = index[max(nearest - horizon, 0)], index[nearest - 1]
        said.append(f"origin {high} scores {index[nearest]}" if low == high else
                    f"origins {low}..{high} score {index[nearest]}")
    if len(said) == 1:
        said.append("the series has no period with evidence after its first")
    raise InputError(series_name(options), "; ".join(said))
