"""The baseline the pipeline publishes: backtest the candidates, choose, calibrate, forecast.

`backtest_and_choose` runs the rolling-origin backtest of the candidate models, adds the
honest `selected` rows (selected.py: at each origin, only what was known then) and makes the
final decision from every backtest row (best model or ensemble, conformal factors per horizon).
`chosen_paths` then fits the chosen model(s) on the whole series and returns their mixed,
calibrated joint paths (`calibrated_paths`: the factors widen the paths the `widening` way,
see widening.py). Beyond the longest calibrated horizon H, the widening the calibration added
at H is carried along and the model's own spread keeps growing on top of it; a factor below 1
at H is not carried (past H the model's own spread is kept): a band narrowed on a few
residuals must not narrow every later month with it. For a positive
series (every backtest actual positive, whatever the models' quantiles) the factors are
fitted and applied on the log scale (selected.py) and the physical limits apply
(plausible.py), so energy never turns negative: a path a model draws through zero is raised
to the lowest positive value of the paths (`widening.positive_paths`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from forecasting.backtest import calibration as cal
from forecasting.backtest.band_floor import stretchable, width_floor
from forecasting.backtest.factor_bound import bounded_factors
from forecasting.backtest.plausible import history_growth, plausible_weights
from forecasting.backtest.rolling_origin import BacktestResult, run_backtest, summary
from forecasting.backtest.season_widening import widened_by_season
from forecasting.backtest.selected import Decision, decide, with_selected
from forecasting.backtest.selection import mix_paths
from forecasting.backtest.widening import (
    MAX_INDEPENDENT_LOG_SD,
    positive_paths,
    split_factors,
    widen,
)
from forecasting.models.base import Model

Factory = Callable[[], Model]


@dataclass(frozen=True)
class BaselineChoice:
    result: BacktestResult
    decision: Decision
    summary: pd.DataFrame

    @property
    def weights(self) -> dict[str, float]:
        return {m: w for m, w in self.decision.choice.weights.items() if w > 0}

    def factors(self, horizon: int) -> list[float]:
        """Band factors for horizons 1..`horizon` (`Calibration.applied_factor`): past the
        last calibrated horizon its factor when it widens, 1 when it would narrow."""
        calibration = self.decision.calibration
        return [calibration.applied_factor(h) for h in range(1, horizon + 1)]

    def bands_note(self) -> dict:
        """How the published baseline bands were made, for the report."""
        calibration = self.decision.calibration
        done = [h for h in sorted(calibration.factors) if calibration.is_calibrated(h)]
        chosen = ", ".join(f"{m} ({w:.0%})" for m, w in sorted(self.weights.items()))
        if not done:
            return {"kind": "model-based", "text": (
                f"The baseline ({chosen}) has too few backtest residuals per horizon (fewer "
                f"than {calibration.min_residuals}) to calibrate, so its bands are model-based; "
                "scenario bands come from the Monte Carlo draws of their parameters.")}
        counts = ", ".join(f"h={h}: {calibration.counts.get(h, 0)}" for h in done)
        beyond = (f"the widening added at {done[-1]} years is carried along and the models' "
                  "own spread grows on top" if calibration.factor(done[-1]) > 1 else
                  f"the models' own bands are kept (no widening at {done[-1]} years to carry "
                  "along)")
        return {"kind": "calibrated", "text": (
            f"The baseline ({chosen}) was chosen by a rolling-origin backtest; its bands were "
            f"recalibrated by split conformal prediction for horizons {done[0]}-{done[-1]} "
            f"years (residuals {counts}); beyond, {beyond}. Scenario bands add "
            "the Monte Carlo spread of each scenario's uncertain parameters, which no "
            "backtest can check.")}


def backtest_and_choose(
    series: pd.Series,
    candidates: Mapping[str, Factory],
    *,
    horizon: int,
    first_origin,
    last_origin=None,
    n_paths: int = 1000,
    seed: int = 0,
    strategy: str = "best",
    fallback: str | None = None,
    min_residuals: int = cal.MIN_RESIDUALS,
    observed: pd.Series | None = None,
) -> BaselineChoice:
    """Backtest the candidates, add the honest `selected` rows and choose; `observed` marks
    the periods whose actuals are evidence (only those are scored and calibrated on)."""
    result = run_backtest(series, candidates, horizon=horizon, first_origin=first_origin,
                          last_origin=last_origin, n_paths=n_paths, seed=seed,
                          observed=observed)
    options = dict(strategy=strategy, fallback=fallback, min_residuals=min_residuals)
    result = with_selected(result, **options)
    decision = decide(result, candidates=list(candidates), **options)
    return BaselineChoice(result, decision, summary(result))


def chosen_paths(
    series: pd.Series,
    choice: BaselineChoice,
    candidates: Mapping[str, Factory],
    horizon: int,
    n: int,
    rng: np.random.Generator,
    *,
    widening: str = "stretch",
    limits: bool = False,
    season: int | None = None,
) -> np.ndarray:
    """Joint paths `(n, horizon)` of the chosen model(s) fitted on all of `series`, widened
    the `widening` way (`widening.py`; ``independent`` draws its permutations from `rng`
    after the models' paths). With `limits`, models whose paths leave a positive series'
    physical limits (grown as `series` grew in its last year) are not mixed in
    (`plausible.py`); with `season`, no period's band is
    narrower than the same period a season earlier (`season_widening.py`)."""
    paths = {}
    for alias in sorted(choice.weights):
        model = candidates[alias]().fit(series)
        paths[alias] = model.sample_paths(horizon, n, rng)
    weights = choice.weights
    if limits and choice.decision.log_scale:
        weights = plausible_weights(paths, weights, growth=history_growth(series))
    mixed = mix_paths(paths, weights)
    positive = positive_paths(mixed) if choice.decision.log_scale else None
    if positive is not None:
        # factors fitted on the log scale (a positive series) are applied there too, with
        # the independent draw bounded so a sum's median is not lifted (widening.py); a
        # path at or below zero is first raised to the lowest positive value drawn
        out = np.exp(calibrated_paths(np.log(positive), choice, widening=widening, rng=rng,
                                      independent_sd=MAX_INDEPENDENT_LOG_SD, log_scale=True))
    else:
        out = calibrated_paths(mixed, choice, widening=widening, rng=rng)
    return out if season is None else widened_by_season(out, season)


def calibrated_paths(paths: np.ndarray, choice: BaselineChoice, *, widening: str = "stretch",
                     rng: np.random.Generator | None = None,
                     independent_sd: float | None = None,
                     log_scale: bool = False) -> np.ndarray:
    """Calibrated paths. Up to the longest calibrated horizon H each period's band is widened
    by c_h (`widening.widen`: deviations from the median multiplied by c_h, or with an
    independent second draw). After H the widening is carried along additively: with w_h the
    model's own P10-P90 width, ``stretch`` gives period h the width c_H w_H + (w_h - w_H), the
    calibrated width at H plus the model's own growth of spread since H (deviations scaled by
    that over w_h), instead of multiplying the long-horizon spread by c_H again; the
    ``independent`` widening keeps the model's deviations and adds the same extra spread as
    at H (its second draw scaled by sqrt(c_H^2 - 1) w_H / w_h). A factor c_H <= 1 is not
    carried: past H each period keeps the model's own band (`BaselineChoice.factors`).
    Each factor is first bounded by the largest backtest miss it was fitted on
    (`factor_bound.py`: it widens a P05-P95 band to at most twice that miss each side);
    `independent_sd` bounds the independent draw of log paths (`widening.widen`). A band
    within the relative floor (`band_floor.py`, on the log scale for `log_scale` paths) is
    not widened by its factor, nor one that is no band to stretch by the carried widening
    (`band_floor.stretchable`): its deviations are rounding and the few paths off its median
    would take the whole stretch."""
    horizon = paths.shape[1]
    calibration = choice.decision.calibration
    quantiles = np.quantile(paths, [0.05, 0.1, 0.5, 0.9, 0.95], axis=0)
    q05, q10, q50, q90, q95 = quantiles
    floor = width_floor(q50, log_scale=log_scale)
    band = stretchable(quantiles, log_scale=log_scale)
    width = np.where(band, q90 - q10, 1.0)  # a divisor only where there is a band
    factors = bounded_factors(choice.factors(horizon), q95 - q05, calibration.largest_misses,
                              floors=floor)
    longest = calibration.last_calibrated or 0
    carries = 0 < longest < horizon and factors[longest - 1] > 1 and band[longest - 1]
    if 0 < longest < horizon:  # past H: the carried widening below, else the model's band
        factors[longest:] = 1.0
    common, extra = split_factors(factors, widening)
    if carries:
        at_h, c_h = width[longest - 1], factors[longest - 1]
        later = band[longest:]
        carried = np.maximum(c_h * at_h + (width[longest:] - at_h), 0.0) / width[longest:]
        if widening == "stretch":
            common[longest:] = np.where(later, carried, 1.0)
            extra[longest:] = 0.0
        else:
            common[longest:] = 1.0
            extra[longest:] = np.where(later, np.sqrt(c_h**2 - 1.0) * at_h / width[longest:],
                                       0.0)
    return widen(paths, common, extra, rng, independent_sd=independent_sd)
