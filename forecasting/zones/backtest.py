"""The zone's load backtest: rolling origins over the whole evidence history, four metrics.

What is scored: the zone's TOTAL load as metered (what a planner judges and what the peers
forecast), never the base (the base is an output of the decomposition, estimated with the
whole history, so scoring it would score hindsight). Every model - candidates, peers and the
`selected` rule - is fitted on the total load at each origin and scored the same way.

Series (evidence only, `monthly_load`): per month, energy = the evidence-hour mean MW times
the month's hours / 1000 (GWh) and peak = the largest evidence hour (MW), for complete months
(coverage >= 0.90, `seasons.MONTH_COMPLETE`); other months (the 2018-08/09 gap of DOM, a partial
first month) are NaN: never fitted, never an actual. A year is an annual actual only when
all 12 of its months are complete: its energy is the sum of the months, its peak the largest
monthly peak. An incomplete year (DOM 2005 and 2018) is never scored, though forecasts run
through it.

Origins (`origins_by_segment`): every `step` months (from `first_origin` if given), aligned
so that each December is an origin, in every run of complete months ("segment") once the
segment holds `min_train` months; an origin needs a later actual. Each model is fitted on
the segment up to the origin (models need gap-free series; `AfterLastGap`), while the MASE
scale is that of the whole evidence up to the origin (`metrics.mase_scale`, lag 12, NaN
differences skipped).

The segments and origins are the energy series' (its months are the complete ones), for the
peak metric too. A complete month whose measured hours (those the source did not impute)
cover less than `seasons.MONTH_COMPLETE` of it has an energy but no peak
(`seasons.peak_evidence`: the peak of its few measured hours is a lower bound, not the
month's peak; PSEI's 2020-04 rested on 24 of 720 hours): it neither splits a segment nor
moves an origin, so the energy backtest and `selected`'s energy choice do not depend on
which hours were measured (the energy counts imputed hours, `monthly_load`). In the peak
backtest that month is a missing value inside the segment: each peak candidate and peer is
fitted on the segment with the month missing, as the model takes a missing month
(`forecasting.models.base`: a model with ``missing_values`` fits across it, any other is
fitted on the months after it and cannot forecast from it when it is the origin), and a
model that cannot is that origin's failure, recorded as any other (`LoadBacktest.failures`);
the month is never an actual, monthly or annual (its year has no annual peak:
`seasons.year_peak_is_evidence`). Before, that month broke the peak series' segment and a
history whose only long run held it had no peak origin at all, which stopped the run (fuzz
12a D5).

At each origin each model draws joint paths for 12 x `annual_horizon` months. Four metrics:
``metric`` ``energy_gwh`` or ``peak_mw`` at two frequencies, told apart by the ``period``
column of the forecast rows (``YYYY-MM`` monthly, ``YYYY`` annual) and by the ``frequency``
column (``monthly`` / ``annual``) of the summary, where horizons are months or years:

- monthly energy and peak: horizons 1-`horizon` (12) months, from every origin;
- annual energy and peak: horizons 1-`annual_horizon` (3) years, from the December origins
  only: each path's months are summed per calendar year (energy) or their largest monthly
  peak taken (peak); `selected`'s annual peak, when its peaks are made from weather years,
  is the forecast's own (`weather_peaks`).

`selected` is what the zone forecast publishes, rebuilt at each origin from what was known
then. For a zone with a data-center component (`split` given), the energy candidates are
what its forecast fits: each on the base plus the data-center trend, both from the
decomposition redone on the load known at the origin (`BasePlusDataCenter`, aliases
``<name>+dc``); the peers, and a peer that is also a candidate, forecast the total as they
come. Energy: the pipeline's rule (`forecasting.backtest.selected`: choice and conformal band
factors per monthly horizon, widened the `widening` way: the zone run's default is
``independent``, see `forecasting.backtest.widening`) over the candidates, run on the 36-month
monthly paths. Peak:
the zone forecast has no peak model; it turns its energy paths into hourly load with
weather-year shapes (`forecasting.zones.weather_years`) and takes each month's largest hour.
With `hourly` given, `selected`'s peaks are made the same way (`weather_peaks`): its energy
paths as average MW times the hourly shape of a weather year drawn per path and forecast
year among the complete years that ended by the origin. A zone without a data-center
component takes the total load's own shapes; with one (`split`), the decomposition is redone
on the load known at the origin and the base's shapes carry the base while the data-center
load is a flat block at the mean path of its trend, as the forecast adds it.
From each December origin, `selected`'s annual peak is then made as the forecast
publishes it (`weather_years.annual_peaks`: the year's largest hour at the path's typical
base under the path's weather years), not as the largest of its twelve noisy monthly peaks
(which sat above the forecast's own 90/10). The weather years are those of the hourly load
known at the origin. Without `hourly`, the rule runs on the peak candidates instead, and
annual rows of `selected` are its monthly paths aggregated like any model's. The
candidates' and peers' peak rows are their own models of the monthly peak series.
Energy candidates are fitted on the energy at the standard month length
(`month_length.StandardMonthEnergy`: a leap February is not a short one).
The peers never enter the choice (a model that is both candidate and peer is fitted once and
scored once). MASE scales: monthly as above; annual, the mean absolute
year-on-year change of the complete years up to the origin.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from forecasting.backtest import metrics
from forecasting.backtest.choose import BaselineChoice
from forecasting.backtest.rolling_origin import (
    BacktestResult,
    concat_rows,
    forecast_rows,
    origin_rng,
    run_backtest,
    summary,
)
from forecasting.backtest.selected import decide, with_selected
from forecasting.models.base import Model
from forecasting.seasons import peak_evidence, year_peak_is_evidence
from forecasting.zones.base_plus_data_center import (
    BasePlusDataCenter,
    OriginDecomposition,
    Splitter,
    load_known_at,
)
from forecasting.zones.history import (
    UTC,
    ZoneHistory,
    hours_in,
    period_labels,
    period_table,
)
from forecasting.zones.month_length import standard_month
from forecasting.zones.weather_years import annual_peaks, monthly_peaks, weather_years

Factory = Callable[[], Model]
#: the ``metric`` column: monthly rows have periods ``YYYY-MM``, annual rows ``YYYY``
METRICS = ("energy_gwh", "peak_mw")
#: suffix of an energy candidate fitted on the base plus the data-center trend
#: (`BasePlusDataCenter`): ``auto_ets+dc``; the rule's weights carry these aliases
BASE_PLUS_DC = "+dc"


def model_name(alias: str) -> str:
    """The registry name behind a backtest alias (``auto_ets+dc`` -> ``auto_ets``)."""
    return alias.removesuffix(BASE_PLUS_DC)


def monthly_load(history: ZoneHistory) -> dict[str, pd.Series]:
    """Monthly total energy (GWh) and peak (MW) of complete months, NaN elsewhere; months on
    the history's clock (`history.period_labels`; UTC for anything with a ``load`` and no
    ``clock``). The peak is the largest measured hour: hours the source imputed count for
    energy but are never fitted or scored as a peak (`ZoneHistory.imputed`), and a month has
    a peak only when its measured hours cover `seasons.MONTH_COMPLETE` of it
    (`seasons.peak_evidence`: a complete month of mostly imputed hours has no peak here,
    neither fitted nor a held-out actual)."""
    clock = getattr(history, "clock", UTC)
    table = period_table(history.load, "M", clock, imputed=getattr(history, "imputed", None))
    index = pd.period_range(table.index[0], table.index[-1], freq="M")
    table = table.reindex(index)
    complete = table["complete"].fillna(False).astype(bool).to_numpy()
    hours = hours_in(index, clock)
    energy = np.where(complete, table["avg_mw"].to_numpy(dtype=float) * hours / 1000.0, np.nan)
    evidence = peak_evidence(table).to_numpy() & complete
    peak = np.where(evidence, table["peak_mw"].to_numpy(dtype=float), np.nan)
    return {"energy_gwh": pd.Series(energy, index=index, name="energy_gwh"),
            "peak_mw": pd.Series(peak, index=index, name="peak_mw")}


def annual_actuals(series: pd.Series, kind: str) -> pd.Series:
    """Annual sum (energy) or max (peak) of the years whose 12 months all have a value: for
    the peak, the year rule of `seasons.year_peak_is_evidence` (a month's peak has a value
    only when it is evidence, `monthly_load`)."""
    grouped = series.groupby(np.asarray(series.index.year))
    values = grouped.sum() if kind == "energy_gwh" else grouped.max()
    full = grouped.count() == 12
    if kind == "peak_mw":
        full = year_peak_is_evidence(series.index, series.notna().to_numpy()).reindex(
            full.index, fill_value=False)
    out = values.where(full)
    out.index = pd.PeriodIndex([str(y) for y in out.index], freq="Y")
    return out.astype(float)


class AfterLastGap(Model):
    """Fits `inner` on the values after the last missing value (a gap-free segment). With
    `complete` (bool by month), after the last month that is not complete instead: a
    complete month without a value (a peak with no measured hour) stays in the segment as a
    missing value, for `inner` to take as it can (module docstring)."""

    name = "after_last_gap"

    def __init__(self, inner: Model, complete: pd.Series | None = None) -> None:
        self.inner = inner
        self.complete = complete

    def fit(self, series: pd.Series) -> AfterLastGap:
        known = (series.notna() if self.complete is None
                 else self.complete.reindex(series.index, fill_value=False).astype(bool))
        missing = np.flatnonzero(~known.to_numpy())
        start = int(missing[-1]) + 1 if len(missing) else 0
        self.series_ = series.iloc[start:]
        self.inner.fit(self.series_)
        return self

    def sample_paths(self, horizon: int, n: int, rng: np.random.Generator) -> np.ndarray:
        return self.inner.sample_paths(horizon, n, rng)


def origins_by_segment(series: pd.Series, *, step: int, min_train: int, span: int,
                       first: pd.Period | None = None) -> list[tuple[pd.Period, pd.Period]]:
    """(first, last) origin of each segment (see the module docstring), aligned on December
    (`step` divides 12)."""
    if step < 1 or 12 % step:
        raise ValueError(f"step must divide 12 (1, 2, 3, 4, 6 or 12), got {step}")
    ok = series.notna().to_numpy()
    index = series.index
    out, pos = [], 0
    while pos < len(ok):
        if not ok[pos]:
            pos += 1
            continue
        end = pos
        while end + 1 < len(ok) and ok[end + 1]:
            end += 1
        later = np.flatnonzero(ok)
        candidates = []
        for p in range(pos + min_train - 1, end + 1):
            if index[p].month % step or (first is not None and index[p] < first):
                continue
            if not ((later > p) & (later <= p + span)).any():
                continue
            candidates.append(index[p])
        if candidates:
            out.append((candidates[0], candidates[-1]))
        pos = end + 1
    return out


def _merge(results: Sequence[BacktestResult]) -> BacktestResult:
    first = results[0]
    return replace(
        first,
        forecasts=concat_rows([r.forecasts for r in results], first.quantiles),
        paths={k: v for r in results for k, v in r.paths.items()},
        failures=[f for r in results for f in r.failures],
        origins=tuple(o for r in results for o in r.origins),
        actuals={k: v for r in results for k, v in r.actuals.items()},
        scales={k: v for r in results for k, v in r.scales.items()},
    )


def _sort(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["model", "origin", "horizon"], kind="mergesort").reset_index(
        drop=True)


class NoBacktestOrigin(ValueError):
    """The history has no month that can be a load-backtest origin."""


def _backtest(series, factories, *, segments, complete, span, step, n_paths,
              seed) -> BacktestResult:
    """The backtest of `series` at the origins of `segments` (`_segments`), each model
    fitted after the last month not `complete` (`AfterLastGap`)."""
    wrapped = {alias: (lambda f=f: AfterLastGap(f(), complete))
               for alias, f in factories.items()}
    return _merge([run_backtest(series, wrapped, horizon=span, first_origin=lo, last_origin=hi,
                                n_paths=n_paths, seed=seed, step=step)
                   for lo, hi in segments])


def _segments(series, *, span, step, min_train, first) -> list[tuple[pd.Period, pd.Period]]:
    """`origins_by_segment` of `series` (the energy: its values are the complete months);
    `NoBacktestOrigin` when there is none."""
    segments = origins_by_segment(series, step=step, min_train=min_train, span=span,
                                  first=first)
    if not segments:
        run = _longest_run(series)
        raise NoBacktestOrigin(
            f"no month can be a load-backtest origin: one needs backtest.min_train = "
            f"{min_train} gap-free complete months up to it (the longest run here is "
            f"{len(run)}{f', {run[0]}..{run[-1]}' if len(run) else ''}), a month number "
            f"divisible by backtest.step = {step}"
            + (f", not before backtest.first_origin = {first}" if first is not None else "")
            + f", and a complete month within {span} months after it")
    return segments


def _longest_run(series: pd.Series) -> pd.PeriodIndex:
    """The longest run of consecutive months with a value."""
    ok = series.notna().to_numpy()
    best, start = (0, 0), None
    for i, value in enumerate([*ok, False]):
        if value and start is None:
            start = i
        elif not value and start is not None:
            best = max(best, (i - start, start), key=lambda b: b[0])
            start = None
    return series.index[best[1]:best[1] + best[0]]


def annual_result(result: BacktestResult, series: pd.Series, kind: str, *, years: int,
                  models: Sequence[str] | None = None,
                  annual_paths: Mapping[tuple[str, str], np.ndarray] | None = None
                  ) -> BacktestResult:
    """The December origins of `result` as an annual backtest: each path's months summed per
    calendar year (energy) or their largest value taken (peak), scored on complete years.
    A path set of `annual_paths` ((alias, origin) -> (n, calendar years)) is taken as it is
    instead: `selected`'s annual peaks made as the zone forecast makes them
    (`weather_peaks`)."""
    actual = annual_actuals(series, kind)
    annual_paths = annual_paths or {}
    frames, paths, origins, actuals, scales = [], {}, set(), {}, {}
    for (alias, label), monthly in sorted(result.paths.items()):
        origin = pd.Period(label, "M")
        if origin.month != 12 or (models is not None and alias not in models):
            continue
        year = pd.Period(str(origin.year), "Y")
        if (alias, label) in annual_paths:
            annual = annual_paths[(alias, label)][:, :years]
        else:
            blocks = monthly[:, : 12 * years].reshape(monthly.shape[0], years, 12)
            annual = blocks.sum(axis=2) if kind == "energy_gwh" else blocks.max(axis=2)
        future = actual[(actual.index > year) & (actual.index <= year + years)].dropna()
        if future.empty:
            continue
        scale = metrics.mase_scale(actual[actual.index <= year])
        paths[(alias, str(year))] = annual
        origins.add(year)
        actuals[str(year)] = future
        scales[str(year)] = scale
        frames.append(forecast_rows(alias, year, future, annual, quantiles=result.quantiles,
                                    scale=scale))
    return BacktestResult(
        forecasts=_sort(concat_rows(frames, result.quantiles)), paths=paths, failures=[],
        horizon=years, quantiles=result.quantiles, n_paths=result.n_paths, seed=result.seed,
        freq="Y-DEC", origins=tuple(sorted(origins)), actuals=actuals, scales=scales)


@dataclass(frozen=True)
class WeatherPeaks:
    """`selected`'s peaks made the zone forecast's way (`weather_peaks`)."""

    monthly: BacktestResult  # the peak backtest with `selected`'s monthly rows and paths
    annual: dict  # (alias, December origin label) -> (n, calendar years) annual peak MW


def weather_peaks(peaks: BacktestResult, energy: BacktestResult, hourly: pd.Series,
                  seed: int, decomposition: OriginDecomposition | None = None,
                  clock: str = UTC, imputed: pd.Series | None = None) -> WeatherPeaks:
    """`peaks` with its `selected` rows and paths rebuilt the way the zone forecast makes its
    peaks, from what was known at each origin: `selected`'s monthly energy paths as average
    MW, times the hourly shape of a weather year drawn per path and forecast year
    (`weather_years.monthly_peaks`) among the complete years that ended by the origin; and,
    from each December origin, the annual peaks as the forecast publishes them
    (`weather_years.annual_peaks`: the largest hour of the year at the path's typical base,
    under the same weather years), not the largest of twelve noisy monthly peaks. Months
    and years on ``clock`` (the zone's); ``imputed`` (bool per hour, `ZoneHistory.imputed`):
    hours the source imputed, which the shapes leave out as the forecast's do.

    The weather years (their shapes and each month's usual share of the year) are those of
    the hourly load up to the origin's last hour. Without `decomposition` (a zone without a
    data-center component) the shapes are the total load's own. With it, the decomposition
    is the one known at the origin: the shapes are those of the base (load - data-center
    average of each month) and the data-center load D_t is a flat block at the mean path of
    its trend (`OriginDecomposition.trend`, as the energy's `BasePlusDataCenter`), so a path
    of average A_t has the hourly load (A_t - D_t) s(k) + D_t, as the zone forecast adds its
    data-center block (no diurnal swing: the amplitude is a large-load assumption the
    backtest does not have)."""
    frames, paths, annual = [], {}, {}
    for origin in peaks.origins:
        label = str(origin)
        if ("selected", label) not in energy.paths:
            continue
        trend = None
        if decomposition is not None:
            wy = _weather_years_of(decomposition.known_load(origin),
                                   decomposition.data_center(origin), clock, imputed)
            trend = decomposition.trend(origin)
        else:
            wy = _weather_years_of(load_known_at(hourly, origin, clock), None, clock, imputed)
        known = np.flatnonzero(wy.years <= (origin.year if origin.month == 12
                                            else origin.year - 1))
        if not len(known):
            continue
        e = energy.paths[("selected", label)]
        n, span = e.shape
        months = pd.period_range(origin + 1, periods=span, freq="M")
        avg = e * 1000.0 / hours_in(months, clock)
        dc = np.zeros_like(avg)
        if trend is not None:
            dc = np.minimum(trend.mean_path(span)[None, :], np.maximum(avg, 0.0))
        rng = origin_rng(seed, "selected:weather", origin)
        pick = rng.integers(0, len(known), size=(n, months[-1].year - months[0].year + 1))
        total, _, _ = monthly_peaks(wy, months, avg - dc, dc, np.zeros(n), known[pick])
        paths[("selected", label)] = total
        frames.append(forecast_rows("selected", origin, peaks.actuals[label], total,
                                    quantiles=peaks.quantiles, scale=peaks.scales[label]))
        if origin.month == 12:
            annual[("selected", label)] = annual_peaks(
                replace(wy, observed=None), months, avg - dc, dc, np.zeros(n), known[pick],
                average=avg)[0]
    kept = peaks.forecasts[peaks.forecasts["model"] != "selected"]
    others = {k: v for k, v in peaks.paths.items() if k[0] != "selected"}
    monthly = replace(peaks, forecasts=_sort(concat_rows([kept, *frames], peaks.quantiles)),
                      paths={**others, **paths})
    return WeatherPeaks(monthly=monthly, annual=annual)


def _weather_years_of(hourly: pd.Series, dc_monthly: pd.Series | None, clock: str = UTC,
                      imputed: pd.Series | None = None):
    ends = period_labels(hourly.index[[0, -1]], "M", clock)
    months = pd.period_range(ends[0], ends[1], freq="M")
    dc = pd.Series(0.0, index=months)
    if dc_monthly is not None:
        dc = dc_monthly.reindex(months).fillna(0.0)
    flags = None if imputed is None else imputed.reindex(hourly.index, fill_value=False)
    return weather_years(hourly, dc, clock=clock, imputed=flags)


@dataclass(frozen=True)
class LoadBacktest:
    forecasts: pd.DataFrame  # backtest_forecasts.csv rows, with the `metric` column
    summary: pd.DataFrame  # backtest_summary.csv rows, with `metric` and `frequency`
    failures: pd.DataFrame
    choices: dict  # kind -> `BaselineChoice`: the rule's decision from every row (what the
    # zone forecast publishes: its weights and band factors per monthly horizon); the peak's
    # only when a peak candidate was scored (each can fail at every origin around a month
    # without a measured peak: the run goes on, the forecast uses the energy's choice alone)
    results: dict  # kind -> (candidates + selected, peers or None): the monthly backtests


def load_backtest(
    series_by_kind: Mapping[str, pd.Series],
    candidates: Mapping[str, Factory],
    peers: Mapping[str, Factory],
    *,
    horizon: int = 12,
    annual_horizon: int = 3,
    step: int = 3,
    min_train: int = 24,
    first_origin: pd.Period | str | None = None,
    n_paths: int = 200,
    seed: int = 0,
    strategy: str = "best",
    widening: str = "stretch",
    hourly: pd.Series | None = None,
    split: Splitter | None = None,
    clock: str = UTC,
    imputed: pd.Series | None = None,
) -> LoadBacktest:
    """The four-metric backtest of `series_by_kind` (``energy_gwh``/``peak_mw`` monthly),
    months of ``hourly`` on ``clock`` (the zone's: `history.period_labels`); ``imputed``: the
    hours of ``hourly`` the source imputed (`weather_peaks`)."""
    span = max(horizon, 12 * annual_horizon)
    first = None if first_origin is None else pd.Period(first_origin, "M")
    # the energy's complete months and origins, for every metric (module docstring)
    months = series_by_kind.get("energy_gwh")
    months_of = {kind: series if months is None else months
                 for kind, series in series_by_kind.items()}
    forecasts, summaries, failures, choices, results = [], [], [], {}, {}
    decomposition = (OriginDecomposition(hourly, split, clock)
                     if split is not None and hourly is not None else None)
    for kind, series in series_by_kind.items():
        complete = months_of[kind].notna()
        options = dict(segments=_segments(months_of[kind], span=span, step=step,
                                          min_train=min_train, first=first),
                       complete=complete, span=span, step=step, n_paths=n_paths, seed=seed)
        models = candidates
        if kind == "energy_gwh":  # energy at the standard month length (month_length.py)
            models = {alias: standard_month(f) for alias, f in candidates.items()}
        if kind == "energy_gwh" and decomposition is not None:
            models = {alias + BASE_PLUS_DC: (lambda f=f: BasePlusDataCenter(f(), decomposition))
                      for alias, f in models.items()}
        ours = with_selected(_backtest(series, models, **options), strategy=strategy,
                             widening=widening, limits=True, season=12, history=series)
        annual_peaks_of = None
        if kind == "peak_mw" and hourly is not None and "energy_gwh" in results:
            made = weather_peaks(ours, results["energy_gwh"][0], hourly, seed, decomposition,
                                 clock, imputed)
            ours, annual_peaks_of = made.monthly, made.annual
        extra = {a: f for a, f in peers.items() if a not in models}
        theirs = _backtest(series, extra, **options) if extra else None
        monthly = [ours.forecasts] + ([theirs.forecasts] if theirs else [])
        monthly = pd.concat(monthly, ignore_index=True)
        monthly = monthly[monthly["horizon"] <= horizon]
        annual = [annual_result(ours, series, kind, years=annual_horizon,
                                annual_paths=annual_peaks_of).forecasts]
        if theirs:
            annual.append(annual_result(theirs, series, kind, years=annual_horizon).forecasts)
        annual = pd.concat(annual, ignore_index=True)
        for frequency, frame in (("monthly", monthly), ("annual", annual)):
            frame = _sort(frame)
            table = summary(frame, quantiles=ours.quantiles)
            frame.insert(1, "metric", kind)
            table.insert(1, "metric", kind)
            table.insert(2, "frequency", frequency)
            forecasts.append(frame)
            summaries.append(table)
        for result in (ours, theirs):
            if result is not None and result.failures:
                failures.append(result.failures_frame().assign(metric=kind))
        scored = [m for m in ours.models if m != "selected"]
        if scored or kind == "energy_gwh":  # the forecast needs the energy's choice only
            decision = decide(ours, candidates=scored, strategy=strategy)
            choices[kind] = BaselineChoice(ours, decision, summary(ours))
        results[kind] = (ours, theirs)
    return LoadBacktest(
        forecasts=pd.concat(forecasts, ignore_index=True),
        # a frequency with no scored row (a short history's annual one) adds no summary rows
        summary=pd.concat([t for t in summaries if not t.empty] or summaries[:1],
                          ignore_index=True),
        failures=(pd.concat(failures, ignore_index=True) if failures
                  else pd.DataFrame(columns=["alias", "origin", "message", "metric"])),
        choices=choices,
        results=results,
    )
