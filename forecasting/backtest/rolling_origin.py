"""Run rolling-origin backtests of several models and summarise their accuracy.

`run_backtest(series, models, ...)` is an orchestrator over models given as a mapping
``{alias: factory}``; each factory returns a fresh, unfitted `Model`, and aliases are unique
(the alias ``"selected"`` is reserved for `forecasting.backtest.selected`). For every alias and
every origin (see `origins.py`) the model is fitted on the expanding window and
`sample_paths(horizon, n_paths, rng)` draws joint paths for the full horizon (even where the
data end sooner, so a forecast never depends on how much later data exist).

Rules:

- randomness: per (alias, origin) a generator from
  ``SeedSequence(entropy=seed, spawn_key=(crc32(alias), origin ordinal))`` (a negative ordinal
  is taken modulo 2**64), so results do not depend on the order of models or origins;
- failures: any exception raised by the factory, `fit` or `sample_paths`, and paths of the
  wrong shape or with non-finite values, skip that (alias, origin) and are recorded in
  `result.failures` as ``(alias, origin, message)``; the backtest never stops for them;
- the forecast table has one row per (model, origin, period) for the periods with an actual,
  sorted by model, origin and horizon, with the columns `FORECAST_COLUMNS` first (origin and
  period as strings, e.g. ``"2013"`` or ``"2021-12"``), then any extra quantile columns, then
  `crps` (from the paths) and `mase_scale` (the training series' `metrics.mase_scale`);
- mean and quantiles come from the paths (numpy's default linear-interpolation quantiles);
- evidence only: with `observed`, a row whose period is not evidence (an interpolated year)
  has ``observed = False``; `summary`, `model_scores`, the selection and the calibration
  built on them use only rows with ``observed = True``; and every model is fitted (and the
  MASE scale computed) on the training window with those periods as missing (NaN), so a
  filled value is never fitted as data (see `forecasting.models.base` for how models take
  missing periods);
- the paths are kept in `result.paths[(alias, origin)]` as `(n_paths, horizon)` arrays, column
  j being horizon j + 1, for the selection, ensembles and calibration built on top.

`summary(result)` scores every model per horizon and overall (horizon ``"all"``). The point
forecast of MAE, RMSE, MAPE, sMAPE and MASE is the median (`p50`, what the report shows) unless
`point="mean"`; MASE is the mean of |error| / mase_scale over rows; pinball is averaged over the
quantile levels of the backtest and the rows; CRPS is the mean of the per-row `crps`.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import numpy as np
import pandas as pd

from forecasting.backtest import metrics
from forecasting.backtest.origins import rolling_origins
from forecasting.contracts import BACKTEST_COLUMNS
from forecasting.models.base import Model

ModelFactory = Callable[[], Model]

#: quantiles every forecast table carries
REQUIRED_QUANTILES: tuple[float, ...] = (0.05, 0.10, 0.50, 0.90, 0.95)
DEFAULT_QUANTILES = REQUIRED_QUANTILES
#: the leading columns of every backtest row (defined in forecasting/contracts.py)
FORECAST_COLUMNS = BACKTEST_COLUMNS
SUMMARY_COLUMNS = [
    "model", "horizon", "MAE", "RMSE", "MAPE", "sMAPE", "MASE", "pinball", "CRPS",
    "coverage80", "width80", "coverage90", "width90", "n",
]  # fmt: skip
RESERVED_ALIAS = "selected"


def quantile_label(q: float) -> str:
    """Column name of a quantile level: 0.05 -> 'p05', 0.5 -> 'p50', 0.025 -> 'p2.5'."""
    pct = q * 100.0
    if abs(pct - round(pct)) < 1e-9:
        return f"p{round(pct):02d}"
    return f"p{pct:g}"


class Failure(NamedTuple):
    alias: str
    origin: str
    message: str


@dataclass
class BacktestResult:
    """Forecast rows, their paths, the failures and the settings of one backtest."""

    forecasts: pd.DataFrame
    paths: dict[tuple[str, str], np.ndarray]
    failures: list[Failure]
    horizon: int
    quantiles: tuple[float, ...]
    n_paths: int
    seed: int
    freq: str
    origins: tuple[pd.Period, ...]
    actuals: dict[str, pd.Series] = field(default_factory=dict)
    scales: dict[str, float] = field(default_factory=dict)
    #: labels of the periods whose actual is evidence (None: every period)
    observed_periods: frozenset[str] | None = None

    def mark(self, frame: pd.DataFrame) -> pd.DataFrame:
        """`frame` with its `observed` column set from `observed_periods`."""
        return mark_observed(frame, self.observed_periods)

    @property
    def models(self) -> list[str]:
        return sorted(self.forecasts["model"].unique())

    def failures_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.failures, columns=list(Failure._fields))

    @cached_property
    def period_ordinals(self) -> np.ndarray:
        """Ordinal of each row's period (same order as `forecasts`)."""
        return _ordinals(self.forecasts["period"], self.freq)

    @cached_property
    def origin_ordinals(self) -> np.ndarray:
        """Ordinal of each row's origin (same order as `forecasts`)."""
        return _ordinals(self.forecasts["origin"], self.freq)


def _ordinals(labels: pd.Series, freq: str) -> np.ndarray:
    if len(labels) == 0:
        return np.empty(0, dtype=np.int64)
    return pd.PeriodIndex(labels.to_numpy(dtype=object), freq=freq).asi8


def origin_rng(seed: int, alias: str, origin: pd.Period) -> np.random.Generator:
    """The generator of one (alias, origin) (see the module docstring)."""
    key = (zlib.crc32(alias.encode("utf-8")), int(origin.ordinal) % (1 << 64))
    return np.random.default_rng(np.random.SeedSequence(entropy=seed, spawn_key=key))


def table_quantiles(quantiles: Sequence[float]) -> tuple[float, ...]:
    """The required quantiles plus any extra ones, sorted."""
    return tuple(sorted({*REQUIRED_QUANTILES, *(float(q) for q in quantiles)}))


def forecast_rows(
    alias: str,
    origin: pd.Period,
    actual: pd.Series,
    paths: np.ndarray,
    *,
    quantiles: Sequence[float] = REQUIRED_QUANTILES,
    scale: float = float("nan"),
) -> pd.DataFrame:
    """Rows of one forecast: `paths` `(n, horizon)` scored against `actual` (PeriodIndex)."""
    horizons = np.array([int(p.ordinal - origin.ordinal) for p in actual.index], dtype=int)
    cols = paths[:, horizons - 1]
    y = actual.to_numpy(dtype=float)
    levels = table_quantiles(quantiles)
    qs = np.quantile(cols, levels, axis=0) if len(y) else np.empty((len(levels), 0))
    columns = {
        "model": alias,
        "origin": str(origin),
        "period": [str(p) for p in actual.index],
        "horizon": horizons,
        "actual": y,
        "mean": cols.mean(axis=0),
    }
    columns.update({quantile_label(q): values for q, values in zip(levels, qs, strict=True)})
    columns["observed"] = np.ones(len(y), dtype=bool)
    columns["crps"] = metrics.crps_samples(cols, y) if len(y) else np.empty(0)
    columns["mase_scale"] = np.full(len(y), scale, dtype=float)
    frame = pd.DataFrame(columns)  # built at once: column-by-column inserts were the cost
    if not len(y):
        frame["period"] = frame["period"].astype(float)  # as before: an empty float column
    return frame


def mark_observed(frame: pd.DataFrame, observed: frozenset[str] | None) -> pd.DataFrame:
    """Rows whose period is not evidence (an interpolated year) get ``observed = False``."""
    if observed is None or frame.empty:
        return frame
    return frame.assign(observed=frame["period"].isin(observed).to_numpy())


def observed_only(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows a score may use: those whose actual is evidence."""
    if "observed" not in frame.columns:
        return frame
    return frame[frame["observed"].astype(bool).to_numpy()]


def _check_paths(paths, horizon: int, n_paths: int) -> np.ndarray:
    arr = np.asarray(paths, dtype=float)
    if arr.shape != (n_paths, horizon):
        raise ValueError(f"sample_paths returned shape {arr.shape}, expected {(n_paths, horizon)}")
    if not np.isfinite(arr).all():
        raise ValueError("sample_paths returned non-finite values")
    return arr


def run_backtest(
    series: pd.Series,
    models: Mapping[str, ModelFactory],
    *,
    horizon: int,
    first_origin: pd.Period | str,
    last_origin: pd.Period | str | None = None,
    n_paths: int = 1000,
    seed: int = 0,
    quantiles: Sequence[float] = DEFAULT_QUANTILES,
    step: int = 1,
    observed: pd.Series | None = None,
) -> BacktestResult:
    """Backtest every model at every rolling origin (see the module docstring). `observed`
    (bool by period) marks which actuals are evidence: rows at other periods (interpolated
    years) are kept, with ``observed = False``, but never scored, used for a choice or
    calibrated on."""
    if not models:
        raise ValueError("no models given")
    if RESERVED_ALIAS in models:
        raise ValueError(f"the alias '{RESERVED_ALIAS}' is reserved")
    if n_paths < 1:
        raise ValueError("n_paths must be at least 1")
    levels = tuple(sorted({float(q) for q in quantiles}))
    origins = list(rolling_origins(series, horizon, first_origin, last_origin, step))
    if observed is not None:
        evidence = observed.reindex(series.index, fill_value=False).to_numpy(dtype=bool)
        origins = [o._replace(train=o.train.where(evidence[: len(o.train)]))
                   for o in origins]
    scales = {str(o.origin): metrics.mase_scale(o.train) for o in origins}
    frames: list[pd.DataFrame] = []
    paths: dict[tuple[str, str], np.ndarray] = {}
    failures: list[Failure] = []
    for alias in sorted(models):
        for origin, train, actual in origins:
            label = str(origin)
            try:
                model = models[alias]()
                model.fit(train)
                rng = origin_rng(seed, alias, origin)
                sample = _check_paths(model.sample_paths(horizon, n_paths, rng), horizon, n_paths)
            except Exception as exc:  # a failing model must not stop the run
                failures.append(Failure(alias, label, f"{type(exc).__name__}: {exc}"))
                continue
            paths[(alias, label)] = sample
            frames.append(
                forecast_rows(alias, origin, actual, sample, quantiles=levels, scale=scales[label])
            )
    observed_periods = None if observed is None else frozenset(
        str(p) for p, flag in observed.items() if bool(flag))
    forecasts = mark_observed(concat_rows(frames, levels), observed_periods)
    return BacktestResult(
        forecasts=forecasts,
        paths=paths,
        failures=failures,
        horizon=horizon,
        quantiles=levels,
        n_paths=n_paths,
        seed=seed,
        freq=series.index.freqstr,
        origins=tuple(o.origin for o in origins),
        actuals={str(o.origin): o.actual for o in origins},
        scales=scales,
        observed_periods=observed_periods,
    )


def row_columns(quantiles: Sequence[float]) -> list[str]:
    extra = [quantile_label(q) for q in table_quantiles(quantiles)]
    extra = [c for c in extra if c not in FORECAST_COLUMNS]
    return [*FORECAST_COLUMNS, *extra, "observed", "crps", "mase_scale"]


def concat_rows(frames: Sequence[pd.DataFrame], quantiles: Sequence[float]) -> pd.DataFrame:
    columns = row_columns(quantiles)
    frames = [f for f in frames if len(f)]
    if not frames:
        empty = pd.DataFrame({c: pd.Series(dtype=float) for c in columns})
        return empty.astype({"model": object, "origin": object, "period": object, "horizon": int,
                             "observed": bool})
    return pd.concat(frames, ignore_index=True)[columns]


# --- summary ---------------------------------------------------------------------------------


def row_scores(
    frame: pd.DataFrame, quantiles: Sequence[float] = DEFAULT_QUANTILES, point: str = "p50"
) -> pd.DataFrame:
    """Per-row scores whose means are the summary metrics (squared error for RMSE)."""
    y = frame["actual"].to_numpy(dtype=float)
    f = frame[point].to_numpy(dtype=float)
    abs_err = np.abs(f - y)
    scale = frame["mase_scale"].to_numpy(dtype=float) if "mase_scale" in frame else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = np.where(np.isfinite(scale) & (scale > 0), abs_err / scale, np.nan)
    present = [q for q in quantiles if quantile_label(q) in frame]
    if present:
        losses = [metrics.pinball_loss(y, frame[quantile_label(q)], q) for q in present]
        pin = np.mean(losses, axis=0)
    else:
        pin = np.full(len(y), np.nan)
    scores = {
        "MAE": abs_err,
        "RMSE": (f - y) ** 2,
        "MAPE": metrics.absolute_percentage_errors(y, f),
        "sMAPE": metrics.symmetric_percentage_errors(y, f),
        "MASE": scaled,
        "pinball": pin,
        "CRPS": frame["crps"].to_numpy(dtype=float) if "crps" in frame else np.nan,
    }
    for label, lo, hi in metrics.INTERVALS:
        lower, upper = frame[quantile_label(lo)], frame[quantile_label(hi)]
        scores[f"coverage{label}"] = metrics.interval_hits(y, lower, upper)
        scores[f"width{label}"] = (upper - lower).to_numpy(dtype=float)
    out = pd.DataFrame(scores, index=frame.index)
    out.insert(0, "horizon", frame["horizon"].to_numpy())
    out.insert(0, "model", frame["model"].to_numpy())
    return out


def model_scores(frame: pd.DataFrame, point: str = "p50") -> pd.DataFrame:
    """The overall MASE, CRPS and n of `summary`, per model, computed cheaply.

    Same definitions as the ``"all"`` rows of `summary` (used for selection at every origin).
    """
    columns = ["model", "horizon", "MASE", "CRPS", "n"]
    frame = observed_only(frame)
    if frame.empty:
        return pd.DataFrame(columns=columns)
    y = frame["actual"].to_numpy(dtype=float)
    scale = frame["mase_scale"].to_numpy(dtype=float)
    abs_err = np.abs(frame[point].to_numpy(dtype=float) - y)
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = np.where(np.isfinite(scale) & (scale > 0), abs_err / scale, np.nan)
    codes, models = pd.factorize(frame["model"], sort=True)
    out = []
    for i, model in enumerate(models):
        pick = codes == i
        mase = scaled[pick]
        crps = frame["crps"].to_numpy(dtype=float)[pick]
        out.append(
            {
                "model": model,
                "horizon": "all",
                "MASE": float(np.nanmean(mase)) if np.isfinite(mase).any() else np.nan,
                "CRPS": float(np.nanmean(crps)) if np.isfinite(crps).any() else np.nan,
                "n": int(pick.sum()),
            }
        )
    return pd.DataFrame(out, columns=columns)


def summary(
    result: BacktestResult | pd.DataFrame,
    *,
    quantiles: Sequence[float] | None = None,
    point: str = "p50",
) -> pd.DataFrame:
    """Metrics per (model, horizon) and per model overall (horizon ``"all"``).

    Columns `SUMMARY_COLUMNS`; rows sorted by model, then horizon, with ``"all"`` last.
    """
    if isinstance(result, BacktestResult):
        frame = result.forecasts
        quantiles = result.quantiles if quantiles is None else quantiles
    else:
        frame = result
    frame = observed_only(frame)  # interpolated actuals are never scored
    quantiles = DEFAULT_QUANTILES if quantiles is None else tuple(quantiles)
    if frame.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    scores = row_scores(frame, quantiles, point)
    metric_cols = [c for c in SUMMARY_COLUMNS if c not in ("model", "horizon", "n")]
    by_h = scores.groupby(["model", "horizon"], sort=True)[metric_cols].mean()
    by_h["n"] = scores.groupby(["model", "horizon"], sort=True).size()
    overall = scores.groupby("model", sort=True)[metric_cols].mean()
    overall["n"] = scores.groupby("model", sort=True).size()
    overall["horizon"] = "all"
    parts = []
    for model in overall.index:
        per = by_h.loc[model].reset_index()
        per.insert(0, "model", model)
        total = overall.loc[[model]].reset_index()
        parts.append(per.astype({"horizon": object}))
        parts.append(total)
    out = pd.concat(parts, ignore_index=True)
    out["RMSE"] = np.sqrt(out["RMSE"])
    out["n"] = out["n"].astype(int)
    return out[SUMMARY_COLUMNS]
