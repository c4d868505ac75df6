"""The honest `selected` rows: what the pipeline would have published at each origin.

The pipeline publishes a choice (best model or ensemble, `selection.py`) with bands calibrated
by split conformal (`calibration.py`), both estimated from a backtest. Scoring the final choice
on the same backtest would flatter it, so for every origin o the `selected` forecast is rebuilt
with only what was known at o. The exact rule, at origin o:

1. Candidates: the models (never ``"selected"``) that produced a forecast at o.
2. Information set: the candidates' backtest rows whose *period* is at most o (their origin is
   then before o and their outcome was observed by o). Rows of earlier origins whose periods
   lie after o are not used.
3. Scored candidates are those with at least one row in the information set; they are compared
   on the (origin, period) pairs all of them have (`selection.comparable_rows`), and
   `selection.select_or_ensemble` makes the choice from their overall MASE and CRPS
   (`runner.model_scores`, the same numbers as the "all" rows of `runner.summary`); an
   ensemble's weights are shrunk towards equal weights by `PRIOR_ORIGINS` origins' worth of
   rows (`selection.shrink_to_equal`), so a handful of early rows cannot swing them.
4. With no comparable rows (the first origins) the choice is the `fallback` alias if given and
   among the candidates, otherwise equal weights over all candidates (kind ``"fallback"``).
5. Calibration: the rows of that choice in the information set (for an ensemble, its weights
   applied to the earlier origins' paths; `selection.choice_rows`) give conformal factors per
   horizon (`calibration.fit_calibration`, default at least 5 residuals per horizon). A horizon
   h has residuals only from origins up to o - h, so early origins and long horizons fall back
   to the model-based bands (factor 1). A series whose actuals are all positive (energy,
   load) is calibrated on the log scale, whatever the models' quantiles (`positive_evidence`).
6. The forecast: the candidates' paths at o mixed with the choice's weights, widened around
   their median by the horizon factors (`widening`: ``stretch``, or ``independent`` for
   monthly load, whose extra error does not persist from month to month; `widening.py`), and
   scored like any other model (row columns, `crps`, `mase_scale`).

Nothing after o enters the forecast at o: changing later data changes its `actual` and scores,
never its mean or quantiles. `decide(result)` with no `until` applies the same rule to the whole
backtest, which is what the pipeline uses for the forecast it publishes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from forecasting.backtest import calibration as cal
from forecasting.backtest.band_floor import width_floor
from forecasting.backtest.factor_bound import bounded_factors
from forecasting.backtest.plausible import history_growth, plausible_weights
from forecasting.backtest.rolling_origin import (
    RESERVED_ALIAS,
    BacktestResult,
    concat_rows,
    forecast_rows,
    model_scores,
    observed_only,
    origin_rng,
)
from forecasting.backtest.season_widening import widened_by_season
from forecasting.backtest.selection import (
    PRIOR_ORIGINS,
    Choice,
    choice_rows,
    comparable_rows,
    mix_paths,
    select_or_ensemble,
)
from forecasting.backtest.widening import (
    MAX_INDEPENDENT_LOG_SD,
    positive_paths,
    split_factors,
    widen,
)


class NoCandidateModels(ValueError):
    """`decide` was left without a candidate: none was named, or every one failed at every
    origin (`failures`: the backtest's, so the caller can say which model failed and why
    rather than the bare fact that nothing is left to choose from)."""

    def __init__(self, failures: Sequence = ()) -> None:
        self.failures = list(failures)
        first = self.failures[0] if self.failures else None
        super().__init__("no candidate models" if first is None else
                         f"no candidate models: every candidate failed at every origin "
                         f"(first: {first.alias} at {first.origin}: {first.message})")


@dataclass(frozen=True)
class Decision:
    """A choice and its calibration, with the number of comparable rows behind the choice."""

    choice: Choice
    calibration: cal.Calibration
    scored_rows: int
    log_scale: bool = False  # factors fitted (and applied) on log values of a positive series


@dataclass
class SelectedForecasts:
    """The `selected` rows, their calibrated paths and the decision made at each origin."""

    rows: pd.DataFrame
    paths: dict[str, np.ndarray] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)


def decide(
    result: BacktestResult,
    *,
    until: pd.Period | str | None = None,
    candidates: Sequence[str] | None = None,
    strategy: str = "best",
    fallback: str | None = None,
    min_residuals: int = cal.MIN_RESIDUALS,
    series: pd.Series | None = None,
) -> Decision:
    """Choice and calibration from the rows observed by `until` (all rows if None); the
    backtested `series`, when given, is evidence of its sign up to `until` as well (at the
    first origins no row has been observed yet)."""
    if isinstance(until, str):
        until = pd.Period(until, freq=result.freq)
    frame = result.forecasts
    if candidates is None:
        candidates = [m for m in result.models if m != RESERVED_ALIAS]
    candidates = sorted(set(candidates) - {RESERVED_ALIAS})
    if not candidates:
        raise NoCandidateModels(result.failures)
    mask = frame["model"].isin(candidates).to_numpy() & frame["observed"].to_numpy(dtype=bool)
    if until is not None:
        mask = mask & (result.period_ordinals <= until.ordinal)
    info = frame[mask]
    scored = sorted(info["model"].unique())
    rows = comparable_rows(info, scored) if scored else info
    choice = None
    if len(rows):
        try:
            choice = select_or_ensemble(model_scores(rows), strategy,
                                        prior_rows=PRIOR_ORIGINS * result.horizon)
        except ValueError:
            choice = None
    if choice is None:
        if fallback is not None and fallback in candidates:
            choice = Choice("fallback", {fallback: 1.0})
        else:
            choice = Choice("fallback", dict.fromkeys(candidates, 1.0 / len(candidates)))
    history = observed_only(choice_rows(result, choice, until=until))
    known = None if series is None else (series if until is None else series.loc[:until])
    log_scale = positive_evidence(history, known)
    calibration = cal.fit_calibration(
        logged_rows(history) if log_scale else history, min_residuals=min_residuals,
        horizons=range(1, result.horizon + 1), log_scale=log_scale,
    )
    return Decision(choice, calibration, len(rows), log_scale)


def positive_evidence(rows: pd.DataFrame, series: pd.Series | None = None) -> bool:
    """True when every actual of `rows` and value of `series` is positive, and there is one
    (energy, load): then bands are calibrated and widened on the log scale, so a stretched
    band never reaches below zero, and the physical limits apply (`plausible.py`). The
    evidence decides, not the models: a model's quantile at or below zero is a band reaching
    zero (`logged_rows`), and one such quantile had turned a zone whose load stepped down to the
    linear scale, its published P05 below zero."""
    values = rows["actual"].to_numpy(dtype=float) if len(rows) else np.array([])
    if series is not None:
        values = np.concatenate([values, pd.Series(series).to_numpy(dtype=float)])
    values = values[np.isfinite(values)]
    return bool(values.size and np.all(values > 0))


def logged_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` with their actuals, means and quantiles on the log scale; a value at or below
    zero is -inf there, so a band reaching zero covers every positive actual below its
    median (`calibration.conformity_scores`)."""
    out = rows.copy()
    for column in ["actual", "mean", *[c for c in rows.columns
                                       if cal.QUANTILE_COLUMN.match(str(c))]]:
        if column in out:
            values = out[column].to_numpy(dtype=float)
            logged = np.where(np.isnan(values), np.nan, -np.inf)
            positive = values > 0
            logged[positive] = np.log(values[positive])
            out[column] = logged
    return out


def calibrated(paths: np.ndarray, decision: Decision, *, widening: str = "stretch",
               rng: np.random.Generator | None = None) -> np.ndarray:
    """`paths` widened by the decision's factors the `widening` way (`widening.py`; `rng`
    for ``independent``), on the log scale when the factors were fitted there (a value at or
    below zero first raised to the paths' lowest positive one, `positive_paths`), where the
    independent draw is bounded as the forecast bounds it (`MAX_INDEPENDENT_LOG_SD`); each
    factor bounded by the largest miss it was fitted on, as the forecast's (`factor_bound.py`)."""
    factors = [decision.calibration.factor(h) for h in range(1, paths.shape[1] + 1)]
    positive = positive_paths(paths) if decision.log_scale else None
    logged = positive is not None
    z = np.log(positive) if logged else np.asarray(paths, dtype=float)
    q05, q50, q95 = np.quantile(z, [0.05, 0.5, 0.95], axis=0)
    factors = bounded_factors(factors, q95 - q05, decision.calibration.largest_misses,
                              floors=width_floor(q50, log_scale=logged))
    common, extra = split_factors(factors, widening)
    if logged:
        return np.exp(widen(z, common, extra, rng, independent_sd=MAX_INDEPENDENT_LOG_SD))
    return widen(z, common, extra, rng)


def selected_forecasts(
    result: BacktestResult,
    *,
    strategy: str = "best",
    fallback: str | None = None,
    min_residuals: int = cal.MIN_RESIDUALS,
    alias: str = RESERVED_ALIAS,
    widening: str = "stretch",
    limits: bool = False,
    season: int | None = None,
    history: pd.Series | None = None,
) -> SelectedForecasts:
    """The forecast published at each origin, by the rule of the module docstring; an
    ``independent`` widening draws from the generator of (``selected:widening``, origin).
    With `limits`, models whose paths leave a positive series' physical limits are not mixed
    in (`plausible.py`; the limits grow as the backtested series `history` had grown up to
    each origin, when it is given, and its values up to each origin are evidence that it is
    positive, `decide`), and with `season` no period's band is narrower than a
    season earlier (`season_widening.py`), as a forecast with them does."""
    models = [m for m in sorted(result.models) if m not in (RESERVED_ALIAS, alias)]
    frames = []
    out = SelectedForecasts(rows=pd.DataFrame())
    for origin in result.origins:
        label = str(origin)
        candidates = [m for m in models if (m, label) in result.paths]
        if not candidates:
            continue
        decision = decide(
            result,
            until=origin,
            candidates=candidates,
            strategy=strategy,
            fallback=fallback,
            min_residuals=min_residuals,
            series=history,
        )
        weights = decision.choice.weights
        member_paths = {m: result.paths[(m, label)] for m in decision.choice.models}
        if limits and decision.log_scale:
            growth = (history_growth(history.loc[:origin]) if history is not None
                      else 1.0)
            weights = plausible_weights(member_paths, weights, growth=growth)
        mixed = mix_paths(member_paths, weights)
        rng = origin_rng(result.seed, "selected:widening", origin)  # drawn from only when
        # the widening is independent
        paths = calibrated(mixed, decision, widening=widening, rng=rng)
        if season is not None:
            paths = widened_by_season(paths, season)
        out.paths[label] = paths
        out.decisions[label] = decision
        frames.append(
            forecast_rows(
                alias,
                origin,
                result.actuals[label],
                paths,
                quantiles=result.quantiles,
                scale=result.scales[label],
            )
        )
    out.rows = result.mark(concat_rows(frames, result.quantiles))
    return out


def with_selected(result: BacktestResult, **options) -> BacktestResult:
    """A copy of `result` with the `selected` rows and paths added (options: see
    `selected_forecasts`); rows stay sorted by model, origin and horizon."""
    alias = options.get("alias", RESERVED_ALIAS)
    base = result.forecasts[result.forecasts["model"] != alias]
    chosen = selected_forecasts(result, **options)
    frame = concat_rows([base, chosen.rows], result.quantiles)
    origin_ord = pd.PeriodIndex(frame["origin"].to_numpy(dtype=object), freq=result.freq).asi8
    frame = (
        frame.assign(_origin=origin_ord)
        .sort_values(["model", "_origin", "horizon"], kind="mergesort")
        .drop(columns="_origin")
        .reset_index(drop=True)
    )
    paths = {k: v for k, v in result.paths.items() if k[0] != alias}
    paths.update({(alias, label): p for label, p in chosen.paths.items()})
    return replace(result, forecasts=frame, paths=paths)
