"""Choose what to publish from a backtest: the best model, or an inverse-error ensemble.

Rules:

- scores are the overall rows (horizon ``"all"``) of `runner.summary`; the alias
  ``"selected"`` is never a candidate, and models with a non-finite MASE are left out;
- best: the lowest mean MASE; ties are broken by the lower CRPS, then by alias;
- ensemble: weights proportional to 1 / MASE^2 (inverse squared scaled error, like inverse-MSE
  weighting), normalised to sum to 1; if some models have MASE 0 they share the weight equally;
- shrinkage: weights estimated from few backtest rows are noisy (one cold January can hand a
  model most of the weight), and equal weights are hard to beat in small samples (the
  "forecast combination puzzle"). With `prior_rows` = n0 > 0 the inverse-MASE^2 weights w from
  n scored rows per model become (n w + n0 / k) / (n + n0) for k models: equal weights count
  as n0 rows of evidence. The pipeline and the backtest's `selected` rows use
  n0 = `PRIOR_ORIGINS` (3) origins' worth of rows, i.e. 3 x the backtest horizon;
- robust: an equal-weight combination of the best few, safe when only a few origins have
  been scored. The models are ranked by MASE; at most `ROBUST_TOP` (3) of them are kept, and
  only those whose MASE is within `ROBUST_RATIO` (1.5) times the best, so a model that fails
  badly on the evidence carries no weight however few models there are. Equal weights,
  because with a few dozen scored rows the differences among the best few are mostly noise;
  the mixture's scaled error is then at most about `ROBUST_RATIO` times the best model's;
- trimmed: the ensemble (inverse-MASE^2 weights shrunk towards equal) over only the models
  whose MASE is within `ROBUST_RATIO` times the best, so a model that failed badly on the
  evidence gets no weight through the shrinkage (the ensemble's equal share is given to every
  model however badly it scored);
- equal: equal weights over every candidate with a finite MASE, whatever the backtest says:
  the strong default when the evidence is thin, for a candidate set that a benchmark across
  many series has already vetted (the scores only decide which models failed outright);
- an ensemble mixes PATHS, never quantiles: `mix_paths` takes from model k the first
  round(w_k n) of its n paths (largest-remainder rounding, so the counts sum to n, ties to the
  alias first in sorted order) and stacks them in alias order. Each path stays one model's
  joint path, and the ensemble's mean and quantiles are computed from the mixed paths. Taking
  the first paths is a fair draw because a model's paths are exchangeable.
- `comparable_rows` keeps only the (origin, period) pairs that every model has, so models that
  failed on some origins are compared on the same outcomes; `choice_rows` rebuilds the
  backtest rows of a `Choice` (for the conformal calibration of what is published).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from forecasting.backtest.rolling_origin import (
    RESERVED_ALIAS,
    BacktestResult,
    concat_rows,
    forecast_rows,
)

STRATEGIES = ("best", "ensemble", "robust", "equal", "trimmed")
#: the robust rule keeps at most this many models ...
ROBUST_TOP = 3
#: ... each with a MASE at most this many times the best one's
ROBUST_RATIO = 1.5
#: equal ensemble weights count as this many backtest origins' worth of rows (see module doc)
PRIOR_ORIGINS = 3


@dataclass(frozen=True)
class Choice:
    """What is published: `kind` is 'best', 'ensemble' or 'fallback'; weights sum to 1."""

    kind: str
    weights: dict[str, float]

    @property
    def models(self) -> list[str]:
        return sorted(a for a, w in self.weights.items() if w > 0)

    def describe(self) -> str:
        return ", ".join(f"{a} {self.weights[a]:.2f}" for a in self.models)


def overall_scores(summary: pd.DataFrame, exclude: Sequence[str] = (RESERVED_ALIAS,)):
    """Overall MASE, CRPS and n per model (index: model), finite MASE only."""
    rows = summary[(summary["horizon"].astype(str) == "all") & ~summary["model"].isin(exclude)]
    scores = rows.set_index("model")[["MASE", "CRPS", "n"]].astype(float)
    return scores[np.isfinite(scores["MASE"])]


def weighable_scores(summary: pd.DataFrame) -> pd.DataFrame:
    """`overall_scores`, refusing a summary where no model has a finite MASE."""
    scores = overall_scores(summary)
    if scores.empty:
        raise ValueError("no model has a finite MASE to weight")
    return scores


def select_best(summary: pd.DataFrame) -> str:
    """Alias with the lowest overall MASE (ties: lower CRPS, then alias)."""
    scores = overall_scores(summary)
    if scores.empty:
        raise ValueError("no model has a finite MASE to select on")
    return str(ranked(scores).index[0])


def ranked(scores: pd.DataFrame) -> pd.DataFrame:
    """`scores` from the lowest MASE up; ties: lower CRPS, then alias."""
    return scores.assign(alias=scores.index).sort_values(
        ["MASE", "CRPS", "alias"], na_position="last", kind="mergesort")


def ensemble_weights(mase: Mapping[str, float]) -> dict[str, float]:
    """Weights proportional to 1 / MASE^2 over models with a finite MASE (see module doc)."""
    finite = {a: float(v) for a, v in mase.items() if np.isfinite(v) and v >= 0}
    if not finite:
        raise ValueError("no model has a finite MASE to weight")
    zero = sorted(a for a, v in finite.items() if v == 0)
    if zero:
        return {a: (1.0 / len(zero) if a in zero else 0.0) for a in sorted(finite)}
    raw = {a: 1.0 / v**2 for a, v in sorted(finite.items())}
    total = sum(raw.values())
    return {a: w / total for a, w in raw.items()}


def shrink_to_equal(
    weights: Mapping[str, float], rows: float, prior_rows: float
) -> dict[str, float]:
    """(rows w + prior_rows / k) / (rows + prior_rows): equal weights as `prior_rows` rows."""
    if prior_rows <= 0:
        return dict(weights)
    share = rows / (rows + prior_rows)
    k = len(weights)
    return {a: share * w + (1.0 - share) / k for a, w in weights.items()}


def select_or_ensemble(
    summary: pd.DataFrame, strategy: str = "best", *, prior_rows: float = 0.0
) -> Choice:
    """The best model (weight 1), the inverse-MASE^2 ensemble, the robust combination, equal
    weights or the trimmed ensemble, from a summary table; an ensemble's weights (trimmed or
    not) are shrunk towards equal by `prior_rows` (see module doc)."""
    if strategy == "best":
        return Choice("best", {select_best(summary): 1.0})
    if strategy == "ensemble":
        scores = overall_scores(summary)
        weights = ensemble_weights(scores["MASE"].to_dict())
        rows = float(scores["n"].min()) if len(scores) else 0.0
        return Choice("ensemble", shrink_to_equal(weights, rows, prior_rows))
    if strategy == "robust":
        return Choice("robust", robust_weights(overall_scores(summary)))
    if strategy == "trimmed":
        scores = weighable_scores(summary)
        kept = scores[scores["MASE"] <= ROBUST_RATIO * scores["MASE"].min()]
        weights = shrink_to_equal(ensemble_weights(kept["MASE"].to_dict()),
                                  float(kept["n"].min()), prior_rows)
        return Choice("trimmed", {a: weights.get(a, 0.0) for a in sorted(scores.index)})
    if strategy == "equal":
        scores = weighable_scores(summary)
        return Choice("equal", dict.fromkeys(sorted(scores.index), 1.0 / len(scores)))
    raise ValueError(f"strategy must be one of {STRATEGIES}, got {strategy!r}")


def robust_weights(scores: pd.DataFrame, *, top: int = ROBUST_TOP,
                   ratio: float = ROBUST_RATIO) -> dict[str, float]:
    """Equal weights over the `top` lowest-MASE models within `ratio` x the best (ties: lower
    CRPS, then alias); every other model of `scores` gets weight 0."""
    if scores.empty:
        raise ValueError("no model has a finite MASE to weight")
    order = ranked(scores)["MASE"]
    keep = [str(a) for a, v in order.items() if v <= ratio * order.iloc[0]][:top]
    return {str(a): (1.0 / len(keep) if a in keep else 0.0) for a in sorted(scores.index)}


def allocate_paths(weights: Mapping[str, float], n: int) -> dict[str, int]:
    """Path counts per alias proportional to weights, summing to n (largest remainder)."""
    aliases = sorted(a for a, w in weights.items() if w > 0)
    if not aliases:
        raise ValueError("no positive weight")
    w = np.array([weights[a] for a in aliases], dtype=float)
    exact = w / w.sum() * n
    counts = np.floor(exact).astype(int)
    order = sorted(range(len(aliases)), key=lambda i: (-(exact[i] - counts[i]), aliases[i]))
    for i in order[: n - int(counts.sum())]:
        counts[i] += 1
    return {a: int(c) for a, c in zip(aliases, counts, strict=True)}


def mix_paths(paths: Mapping[str, np.ndarray], weights: Mapping[str, float]) -> np.ndarray:
    """Mixture of the models' paths `(n, k)`: the first round(w_k n) paths of each model."""
    used = sorted(a for a, w in weights.items() if w > 0)
    missing = [a for a in used if a not in paths]
    if missing:
        raise KeyError(f"no paths for {missing}")
    shapes = {np.shape(paths[a]) for a in used}
    if len(shapes) != 1:
        raise ValueError(f"paths of the mixed models differ in shape: {sorted(shapes)}")
    n = shapes.pop()[0]
    counts = allocate_paths({a: weights[a] for a in used}, n)
    return np.concatenate([np.asarray(paths[a])[: counts[a]] for a in used if counts[a]], axis=0)


def comparable_rows(frame: pd.DataFrame, models: Sequence[str] | None = None) -> pd.DataFrame:
    """Rows of `models` (default: all in the frame) at the (origin, period) all of them have."""
    models = sorted(frame["model"].unique()) if models is None else list(models)
    part = frame[frame["model"].isin(models)]
    if part.empty:
        return part
    count = part.groupby(["origin", "period"])["model"].transform("nunique")
    return part[count.to_numpy() == len(set(models))]


def choice_rows(
    result: BacktestResult,
    choice: Choice,
    *,
    until: pd.Period | None = None,
    alias: str = "choice",
) -> pd.DataFrame:
    """Backtest rows of `choice` at every origin where all its models have paths.

    With `until`, only periods up to and including `until` are kept (the outcomes known then).
    A single-model choice reuses that model's rows; an ensemble mixes paths per origin.
    """
    frame = result.forecasts
    models = choice.models
    if len(models) == 1:
        mask = (frame["model"] == models[0]).to_numpy()
        if until is not None:
            mask = mask & (result.period_ordinals <= until.ordinal)
        return frame[mask].assign(model=alias).reset_index(drop=True)
    frames = []
    for origin in result.origins:
        if until is not None and origin >= until:
            break
        label = str(origin)
        if any((a, label) not in result.paths for a in models):
            continue
        actual = result.actuals[label]
        if until is not None:
            actual = actual[actual.index <= until]
        if actual.empty:
            continue
        mixed = mix_paths({a: result.paths[(a, label)] for a in models}, choice.weights)
        frames.append(
            forecast_rows(
                alias,
                origin,
                actual,
                mixed,
                quantiles=result.quantiles,
                scale=result.scales[label],
            )
        )
    return result.mark(concat_rows(frames, result.quantiles))
