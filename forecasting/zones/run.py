"""One zone run in memory (no file I/O): history -> decomposition -> backtested base model
-> data-center scenarios -> weather-year peaks -> tables.

`run_zone(config, raws, large_loads)` takes the zone config, the files as read
(`read.read_zone_inputs`) and returns a `ZoneRun` of DataFrames:

- ``forecast``: `FORECAST_TABLE_COLUMNS`, one row per scenario x component (total, base,
  data_center) x period (``YYYY`` and ``YYYY-MM``, first forecast month to December of
  ``end_year``) x metric (energy_gwh, avg_mw, peak_mw). Quantiles are taken from the sample
  paths: the total path is base path + data-center path month by month (hourly for peaks),
  annual energy is the sum of the path's months, annual average MW is annual energy over
  the year's hours. The annual peak is not the largest of the path's monthly peaks, whose
  bases carry an independent month-to-month draw (their largest sat above the 90/10 of
  both seasons): it is the largest hour of the year at the path's own level, its year's
  energy on the median path's months, under the weather year the path drew for that year
  with that year's monthly anomalies, as the 50/50 and 90/10 of ``peaks`` are made, and
  never below the path's average of the year (`weather_years.annual_peaks`, whose module
  doc says why). A month partly in the history (it ends inside it) has its total peak
  paths floored at the largest hour already measured in it
  (`weather_years.at_least_measured`), its year's annual peak too, and its base energy paths
  raised where the total falls short of the energy already measured in it plus its other
  hours at the history's lowest hour of the last year (`measured_energy`).
- ``profile``: the hourly P50 of the total, base and data-center load of ``profile_year``
  per scenario (hour slots of each month, stamped from the month's first hour on the zone's
  clock, as UTC hour starts; Feb 29
  of a leap year from the weather year's Feb 28; the data-center afternoon on the profile
  year's clock; an hour its weather year did not measure filled from its neighbours, the
  share of paths so filled in ``filled_share``: `weather_years.hourly_profile`).
- ``decomposition`` (`decomposition.csv`), ``published_check`` (the decomposition beside the
  published figures), ``history`` (monthly and annual evidence-only figures; peaks from
  measured hours only, the hours the source imputed counted in ``imputed_hours``:
  `forecasting.zones.history`),
- ``neighbour_check``: the decomposition against neighbouring zones (`neighbour_check`).
- ``peaks``: 50/50 and 90/10 summer and winter peaks with weather and growth bands apart
  (a winter is December of ``year`` with January-February of the next, ``label``
  "2030/31"; the last is the one ending in ``end_year``'s February: `seasonal_peaks`);
  ``pjm_check``: the ``pjm2025-dom`` 10-year summer-peak growth against PJM's 6.3%/yr.
- ``backtest_forecasts`` / ``backtest_summary``: the load backtest
  (`forecasting.zones.backtest.load_backtest`): rolling origins over the whole evidence
  history of the zone's TOTAL load, four metrics: ``metric`` ``energy_gwh`` or ``peak_mw``,
  monthly (period ``YYYY-MM``, horizons 1-12 months) and annual (period ``YYYY``, horizons
  1-3 years; the summary's ``frequency`` column says ``monthly`` or ``annual``), every
  candidate, every peer (``backtest.peers``: seasonal naive, Prophet with defaults,
  statsforecast AutoETS and AutoARIMA) and the ``selected`` rows, all scored the same way.
- ``backtest_failures``: each (metric, model, origin) whose fit or draw raised, with the
  message (`forecasting.zones.backtest_failures`): a model skipped there (an energy
  candidate's failure: `selected` was made from the other candidates there; its peaks come
  from its energy paths, so a peak model's failure leaves them as they are).
- ``calibration``: the band factors per monthly horizon the forecast applied, from the
  rule's decision on the total monthly energy (`calibration_table`, `calibration.csv`).
- ``growth_check``: the statistical forecast's growth (the base energy paths' P50 average MW
  of the last year) beside the growth of the history's last regime (the decomposition's
  monthly base MW, the whole load for ``data_center: none``), `growth_check`.
- ``model_window``: the months the base models were fitted on and the complete months before
  them that they were not (`window_record`, for the manifest and the report).

With ``data_center: none`` no decomposition is run (``decomposition`` is None): the whole
load is the base (`data_center_part.whole_load_months`, internal), and no data-center number
is published: ``forecast`` holds the ``total`` rows alone, ``profile``'s base and data-center
columns are empty, and the published and neighbour checks leave their data-center estimates
empty, saying why (`forecasting.zones.data_center_part`). ``paths`` keep the zero
data-center paths (a many-zone run sums its zones' components).

What is scored and what is modelled. A planner judges the forecast of the zone's metered
load, and the peers forecast that series, so the published backtest scores the total load:
the base is an output of the decomposition (estimated with the whole history), and scoring it
would score hindsight. The forecast itself models the base (the data-center part comes from
the scenarios): the decision of the rule on the total monthly energy (the candidates' weights
and the conformal band factors per monthly horizon, from every backtest row) is applied to
the base, i.e. the chosen candidates are fitted on the base energy and their mixed paths
stretched by those factors (on the log scale); the forecast's peaks come from those energy
paths and weather-year hourly shapes of the base plus the data-center block, and the
backtest's `selected` peaks are made the same way (`forecasting.zones.backtest.weather_peaks`,
with the decomposition redone on the load known at each origin: `origin_split`). So the
`selected` rows score the rule, the bands and the peak construction the forecast publishes,
on the series a planner sees.
Annual actuals are complete calendar years only (all 12 months complete; DOM 2005 and 2018
are not scored), and incomplete months (the 2018-08/09 gap) are neither fitted nor scored
(see `forecasting.zones.backtest`).

Base model. The base monthly energy modelled is the decomposition's base average MW times the
month's hours (the evidence-hour mean: no hour is filled), over the modelling window (default:
the complete months after the last long gap, 2018-10..2024-12 for DOM). The chosen model's
calibrated paths (`chosen_paths`) are the base energy paths; the models see the energy at the
standard month length and give each forecast month its own hours
(`month_length.StandardMonthEnergy`: a leap February is not 3.4% lighter).

Periods. Every month, season and year of the run (history, decomposition, weather years,
peaks, peak check, backtest, forecast, profile year) is on the zone's clock, its config's
``timezone`` (`forecasting.zones.history`): a month's GWh is its average MW times its hours
on that clock (743 in a US March), in the history and in the forecast alike. A zone on
UTC keeps UTC months.

Same config, inputs and seed -> identical tables (one Generator from ``seed``, consumed in a
fixed order).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from forecasting.backtest.choose import chosen_paths
from forecasting.backtest.selected import NoCandidateModels
from forecasting.errors import InputError
from forecasting.models.registry import MODELS
from forecasting.models.year_on_year_trend import YearOnYearTrend
from forecasting.paths import display_path
from forecasting.seeds import rng_for
from forecasting.series.read import RawSeries
from forecasting.zones.annual_peak_floor import at_least_season_50_50
from forecasting.zones.backtest import NoBacktestOrigin, load_backtest, model_name, monthly_load
from forecasting.zones.backtest_failures import failures_table
from forecasting.zones.calibration_table import calibration_table
from forecasting.zones.config import BacktestConfig, ZoneConfig, check_years
from forecasting.zones.data_center_part import (
    estimated,
    profile_without_split,
    total_only,
    whole_load_months,
)
from forecasting.zones.decomposition import decompose, decomposition_table
from forecasting.zones.existing_load import existing_data_center_load
from forecasting.zones.growth_check import growth_check
from forecasting.zones.history import (
    COMPLETE,
    MONTH_COMPLETE,
    UTC,
    ZoneHistory,
    build_history,
    hours_in,
    period_table,
)
from forecasting.zones.large_loads import Assumptions, Contract
from forecasting.zones.measured_energy import base_at_least_measured, measured_energy_floor
from forecasting.zones.month_length import standard_month
from forecasting.zones.neighbour_check import neighbour_check
from forecasting.zones.peak_check import held_out_peaks
from forecasting.zones.pipeline_sampling import (
    sample_new_load,
    seasonal_factors,
)
from forecasting.zones.published_figures import PublishedFigure, published_check
from forecasting.zones.queue_size import warn_if_queue_dwarfs_zone, warn_if_queue_empty
from forecasting.zones.scenarios import PIPELINE_RULES, PJM_DOM_SUMMER_PEAK_GROWTH
from forecasting.zones.weather_years import (
    annual_peaks,
    at_least_measured,
    calendar_winter_50_50,
    hourly_profile,
    monthly_peaks,
    seasonal_peaks,
    weather_years,
)
from forecasting.zones.window_record import window_record

FORECAST_TABLE_COLUMNS = [
    "region", "scenario", "component", "period", "metric",
    "mean", "p05", "p10", "p50", "p90", "p95",
]
QUANTILES = (0.05, 0.10, 0.50, 0.90, 0.95)
COMPONENTS = ("total", "base", "data_center")


@dataclass(frozen=True)
class ZoneRun:
    forecast: pd.DataFrame
    profile: pd.DataFrame
    decomposition: pd.DataFrame | None  # None: ``data_center: none``, none was run
    published_check: pd.DataFrame
    history: pd.DataFrame
    peaks: pd.DataFrame
    peak_check: pd.DataFrame  # each complete year held out: its peaks beside the weather years'
    pjm_check: pd.DataFrame
    neighbour_check: pd.DataFrame  # empty without ``neighbours`` in the config
    backtest_forecasts: pd.DataFrame
    backtest_summary: pd.DataFrame
    backtest_failures: pd.DataFrame  # which backtest models failed where, and why
    # (`backtest_failures.failures_table`); the header alone when none did
    calibration: pd.DataFrame  # the band factors the forecast applied (`calibration_table`)
    growth_check: pd.DataFrame  # the forecast's growth beside the history's last regime's
    paths: dict  # scenario -> {"energy_gwh"/"peak_mw": {component: (n, months)},
    # "annual_peak_mw": {component: (n, calendar years of the months)}}; for tests
    quality: dict  # what cleaning did to the hours (`ZoneHistory.quality`)
    model_window: dict  # the months the base models were fitted on (`window_record`)


#: incomplete months at the end of a history that are dropped (a file's last partial month);
#: more than this and the zone has stopped reporting
TRAILING_PARTIAL = 2

DEFAULT_MIN_TRAIN = BacktestConfig.model_fields["min_train"].default

#: fewest complete months a zone's modelling window may hold: two seasons, so the seasonal
#: models and the backtest have something to learn from
MIN_WINDOW_MONTHS = 24


class ZoneSettingError(ValueError):
    """A config value of the right form that the zone's history does not allow (names the
    config key: the caller names the config file)."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(message)


class ForecastYearsError(ZoneSettingError):
    """``end_year`` or ``profile_year`` is not a forecast year."""


def model_window(history: ZoneHistory, start: str | None) -> pd.PeriodIndex:
    """Complete months from ``start`` to the last complete month. Default ``start``: the
    month after the last incomplete month before the end, so the models see an unbroken run
    of complete months (2018-10..2024-12 for DOM; a long gap always leaves an incomplete
    month, a few missing hours need not: `seasons.MONTH_COMPLETE`). Up to `TRAILING_PARTIAL`
    incomplete months at the very end are dropped (a file whose last weeks are empty ends
    earlier); a zone whose evidence stops earlier than that is refused (`ValueError`)."""
    table = period_table(history.load, "M", history.clock)
    complete = table.index[table["complete"].to_numpy()]
    if len(complete) == 0:
        raise ValueError(f"no complete month in the history (a month needs evidence for "
                         f"{MONTH_COMPLETE:.0%} of its hours; the best has "
                         f"{table['coverage'].max():.1%})")
    trailing = int((table.index > complete[-1]).sum())
    if trailing > TRAILING_PARTIAL:
        raise ValueError(f"no complete month after {complete[-1]} although the history runs "
                         f"to {table.index[-1]}: the zone's evidence stops there")
    table = table.loc[:complete[-1]]
    if start is None:
        incomplete = table.index[~table["complete"].to_numpy()]
        start_p = incomplete[-1] + 1 if len(incomplete) else table.index[0]
    else:
        start_p = pd.Period(start, "M")
    window = table.loc[start_p:]
    while not window.empty and not window["complete"].iloc[0]:
        window = window.iloc[1:]
    if window.empty:
        raise ValueError(f"no complete month to model from {start_p}")
    if not window["complete"].all():
        bad = window.index[~window["complete"]][0]
        raise ValueError(f"month {bad} inside the modelling window has evidence for "
                         f"{window.loc[bad, 'coverage']:.1%} of its hours, under the "
                         f"{MONTH_COMPLETE:.0%} a month needs")
    return window.index


def _check_reference_years(table: pd.DataFrame, years: tuple[int, int] | None) -> None:
    """`ZoneSettingError` for reference years reaching outside the years with a complete
    month (the decomposition measures from them; `table`: the history's monthly
    `period_table`)."""
    if years is None:
        return
    seen = sorted({p.year for p in table.index[table["complete"].to_numpy()]})
    if not seen or years[0] < seen[0] or years[1] > seen[-1]:
        held = f"{seen[0]}..{seen[-1]}" if seen else "none"
        raise ZoneSettingError("reference_years", f"reference years {years[0]}-{years[1]} "
                               f"reach outside the history's years with a complete month "
                               f"({held})")


def months_before(history: ZoneHistory, window: pd.PeriodIndex) -> pd.DataFrame:
    """The history's monthly `period_table` before ``window``, from its first complete month:
    incomplete months before any complete one are where the history starts (on a local
    clock a file beginning at midnight UTC has a first month of a few evening hours)."""
    table = period_table(history.load, "M", history.clock)
    before = table.loc[:window[0] - 1]
    complete = np.flatnonzero(before["complete"].to_numpy())
    return before.iloc[complete[0]:] if len(complete) else before.iloc[:0]


def window_break(history: ZoneHistory, window: pd.PeriodIndex) -> str:
    """Why the modelling window starts where it does: the incomplete month or long gap just
    before it (for the message of a window too short to model)."""
    before = months_before(history, window)
    if before.empty:
        return "the history starts there"
    month = before.index[-1]
    length = hours_in(before.index[-1:], history.clock)[0]
    missing = int(round((1 - before["coverage"].iloc[-1]) * length))
    return (f"{month} has evidence for {before['coverage'].iloc[-1]:.1%} of its hours "
            f"({missing} hours missing, empty or screened as outliers), under the "
            f"{MONTH_COMPLETE:.0%} a month needs")


def short_window_reason(history: ZoneHistory, window: pd.PeriodIndex, need: int,
                        why: str) -> str:
    """Why a modelling window shorter than `need` complete months cannot be modelled: the
    incomplete month it starts after (`window_break`), and the complete months before that
    month, which are not used (the models take the latest months, unbroken)."""
    before = months_before(history, window)
    head = f"only {len(window)} complete months to model ({window[0]}..{window[-1]}, "
    if before.empty:
        return (f"{head}the whole history); a zone needs at least {need} in a row up to the "
                f"last ({why})")
    month = before.index[-1]
    complete = before["complete"].to_numpy()[:-1]
    run = len(complete) - 1 - int(np.flatnonzero(~complete)[-1]) if not complete.all() \
        else len(complete)
    text = (f"{head}the months after the last incomplete one: "
            f"{window_break(history, window)}); a zone needs at least {need} in a row up to "
            f"the last ({why})")
    if run:
        text += (f", and the {run} complete months before {month} ({month - run}.."
                 f"{month - 1}) are not used: the models need the latest months unbroken, "
                 "and model_start cannot bridge an incomplete month")
    return text


def candidates_failed(names: Sequence[str], failures: Sequence,
                      min_train: int | None = None) -> str:
    """Why the backtest has no candidate left: every one named in ``backtest.candidates``
    failed at every origin (a known model that cannot fit this history, such as
    gbm_median on a short zone), with the first failure's origin and reason, so the planner
    knows which model to drop rather than that nothing was left to choose from.

    When every failure is a training window too short (`too_short_fix`), another candidate
    is not the fix (each needs 24 months, and a ``min_train`` of 12 is accepted): the advice
    names the month from which the models have their months and the history it takes. It
    had advised seasonal_naive, which had just failed the same way (fuzz 11c D4)."""
    text = f"every candidate failed at every backtest origin ({', '.join(names)})"
    if failures:
        first = failures[0]
        text += f"; first: {first.alias} at {first.origin}: {first.message}"
    if (fix := too_short_fix(failures, min_train)) is not None:
        return f"{text}; {fix}"
    example = "" if "seasonal_naive" in names else " (e.g. seasonal_naive)"
    return text + f"; name a candidate that fits this history{example}"


#: a `SeriesTooShortError` as a backtest failure's message words it (`Failure.message`)
_TOO_SHORT = re.compile(r"^SeriesTooShortError: .* needs at least (\d+) observations, "
                        r"got (\d+)$")


def too_short_fix(failures: Sequence, min_train: int | None) -> str | None:
    """The advice when every failure is a training window too short, else None. A model
    fitted at origin o on n months that needs m has them first at o + (m - n) (the window
    grows a month an origin month, `forecasting.backtest.origins`); the earliest such month
    of any candidate is where a backtest can start. Every origin failed, the last too, so
    that month is after the last origin this history allows: more history is the fix, with
    ``backtest.first_origin`` at that month to skip the origins with fewer months."""
    if not failures:
        return None
    fits, needs = [], []
    for failure in failures:
        found = _TOO_SHORT.match(failure.message)
        if found is None:
            return None
        need, got = int(found.group(1)), int(found.group(2))
        fits.append(pd.Period(failure.origin, "M") + (need - got))
        needs.append(need)
    need, month = min(needs), min(fits)
    last = max(pd.Period(f.origin, "M") for f in failures)
    setting = (f" (backtest.min_train {min_train} lets origins have fewer)"
               if min_train is not None and min_train < need else "")
    return (f"every failure is a training window too short: the models need at least {need} "
            f"months up to an origin{setting}, first held at {month}, after this history's last "
            f"origin {last}: give more history (past {month}) and set backtest.first_origin "
            f"to {month} or later")


def _quantile_rows(values: np.ndarray, periods, region, scenario, component, metric):
    qs = np.quantile(values, QUANTILES, axis=0)
    frame = pd.DataFrame({
        "region": region, "scenario": scenario, "component": component,
        "period": [str(p) for p in periods], "metric": metric, "mean": values.mean(axis=0),
    })
    for q, row in zip(("p05", "p10", "p50", "p90", "p95"), qs, strict=True):
        frame[q] = row
    return frame


def _load_backtest(history: ZoneHistory, config: ZoneConfig):
    """The published backtest (total load, four metrics, candidates and peers), the decision
    of the rule on the monthly energy (weights, band factors), the candidates and the
    backtest's failures (`LoadBacktest.failures`). With
    ``model_start`` the months before it are no evidence for any origin's models, as they are
    none for the forecast's (`model_window`): the backtest that weighs and calibrates the
    forecast's models scores them as the forecast fits them (it had trained on the whole
    history, so a config leaving out an old regime was judged with it; fuzz round 8b)."""
    bt = config.backtest
    candidates = {name: MODELS[name] for name in bt.candidates}
    series = monthly_load(history)
    if config.model_start is not None:  # the months the forecast's models see, at every origin
        start = pd.Period(config.model_start, "M")
        series = {kind: values.where(values.index >= start) for kind, values in series.items()}
    result = load_backtest(
        series, candidates, {name: MODELS[name] for name in bt.peers},
        horizon=bt.horizon, annual_horizon=bt.annual_horizon, step=bt.step,
        min_train=bt.min_train, first_origin=bt.first_origin, n_paths=bt.n_paths,
        seed=config.seed, strategy=bt.strategy, widening=bt.widening, hourly=history.load,
        split=origin_split(config, history.clock), clock=history.clock,
        imputed=history.imputed)
    choice = result.choices["energy_gwh"]
    # the forecast fits each chosen model on the base (its data-center part is the scenario's)
    base_models = {alias: standard_month(MODELS[model_name(alias)])
                   for alias in choice.weights}
    return result.forecasts, result.summary, choice, base_models, result.failures


def origin_split(config: ZoneConfig, clock: str = UTC):
    """The decomposition the backtest redoes at each origin (the zone's own settings) for
    its base-plus-data-center energy candidates and `selected`'s peaks, or None for a zone
    without a data-center component; its months on ``clock``, the history's (the zone run
    passes the zone's; `benchmarks/zones/dom/` none, so its UTC months are unchanged)."""
    if config.data_center == "none":
        return None

    def split(load: pd.Series) -> pd.DataFrame:
        return decompose(load, reference_years=config.reference_years,
                         quantile=config.min_load_quantile, clock=clock)[0]
    return split


def run_zone(
    config: ZoneConfig,
    raws: Sequence[RawSeries],
    large_loads: tuple[list[Contract], Assumptions] | None = None,
    neighbours: Mapping[str, pd.Series] | None = None,
    published: Sequence[PublishedFigure] = (),
) -> ZoneRun:
    rng = np.random.default_rng(config.seed)
    n = config.n_paths
    clock = config.timezone  # the zone's months, seasons and years (`history` module doc)
    history = build_history(raws, clock)
    files = " + ".join(display_path(p) for p in config.series)  # a short history is the data's
    if not history.load.notna().any():
        raise InputError(files, "no hour holds load: every hour is absent, zero or negative "
                         "(a meter or area that stopped reporting?)")
    hist_m = period_table(history.load, "M", clock, imputed=history.imputed)
    _check_reference_years(hist_m, config.reference_years)
    if large_loads is not None and config.large_loads is not None:
        queue_file = display_path(Path(config.large_loads) / "contracts.csv")
        warn_if_queue_empty(large_loads[0], file=queue_file)
        warn_if_queue_dwarfs_zone(large_loads[0], float(history.load.max()), file=queue_file)
    dc_estimated = estimated(config.data_center)
    if dc_estimated:
        try:
            monthly_dc, annual_dc = decompose(
                history.load, reference_years=config.reference_years,
                quantile=config.min_load_quantile, clock=clock)
        except ValueError as exc:  # no complete year to measure the decomposition from
            raise InputError(files, f"{exc}: a year is complete when each of its months has "
                             f"evidence for {COMPLETE:.0%} of its hours (the history table "
                             "says which fall short)") from None
        decomposition = decomposition_table(monthly_dc, annual_dc)
    else:  # no decomposition is run: the whole load is the base (`data_center_part`)
        monthly_dc, annual_dc, decomposition = whole_load_months(history.load, clock), None, None
    hist_y = period_table(history.load, "Y", clock, imputed=history.imputed)
    check = published_check(annual_dc, hist_y["energy_gwh"], list(published))
    neighbours_table = pd.DataFrame()
    if neighbours:
        try:
            neighbours_table = neighbour_check(config.region, history.load, neighbours, annual_dc,
                                               quantile=config.min_load_quantile, clock=clock)
        except ValueError as exc:  # a neighbour that shares no complete year with the zone
            raise ZoneSettingError("neighbours", str(exc)) from None
    history_table = pd.concat([_history_rows(hist_y), _history_rows(hist_m)], ignore_index=True)

    try:
        window = model_window(history, config.model_start)
    except ValueError as exc:
        if config.model_start is not None:  # the setting, not the data
            raise ZoneSettingError("model_start", str(exc)) from None
        raise InputError(files, str(exc)) from None
    if len(window) < MIN_WINDOW_MONTHS and config.model_start is not None:
        raise ZoneSettingError("model_start", f"only {len(window)} complete months to model "
                               f"from {config.model_start} ({window[0]}..{window[-1]}); a "
                               f"zone needs at least {MIN_WINDOW_MONTHS}")
    if len(window) < MIN_WINDOW_MONTHS:
        raise InputError(files, short_window_reason(history, window, MIN_WINDOW_MONTHS,
                                                    "to fit the models"))
    first_year = (window[-1] + 1).year
    for key, year in (("end_year", config.end_year), ("profile_year", config.profile_year)):
        if year < first_year:
            raise ForecastYearsError(key, f"{key} {year} is not a forecast year: the history's "
                                     f"last complete month is {window[-1]}, so it must be "
                                     f"{first_year} or later")
    # the annual rows need one whole forecast year (a year the history ends inside is not one)
    first_whole = first_year if (window[-1] + 1).month == 1 else first_year + 1
    if config.end_year < first_whole:
        raise ForecastYearsError("end_year", f"end_year {config.end_year} leaves no whole "
                                 f"forecast year: the history's last complete month is "
                                 f"{window[-1]}, so it must be {first_whole} or later")
    try:  # after the history's checks: an end_year too early is that mistake (`check_years`)
        check_years(config.end_year, config.profile_year)
    except ValueError as exc:
        raise ForecastYearsError("profile_year", str(exc)) from None
    base_avg = monthly_dc.loc[window, "base_mw"]
    base_energy = pd.Series(base_avg.to_numpy() * hours_in(window, clock) / 1000.0, index=window,
                            name="base_energy_gwh")
    try:
        bt_forecasts, bt_summary, base_choice, candidates, bt_failures = _load_backtest(
            history, config)
    except NoBacktestOrigin as exc:
        settings = config.backtest
        if settings.first_origin is not None or settings.min_train != DEFAULT_MIN_TRAIN:
            raise ZoneSettingError("backtest", str(exc)) from None  # the settings, not the data
        if config.model_start is not None:  # the months it leaves the backtest
            raise ZoneSettingError("model_start", f"{exc} (from {config.model_start})") from None
        raise InputError(files, str(exc)) from None
    except NoCandidateModels as exc:  # a named model this history cannot fit
        raise ZoneSettingError("backtest.candidates", candidates_failed(
            config.backtest.candidates, exc.failures, config.backtest.min_train)) from None

    months = pd.period_range(window[-1] + 1, pd.Period(f"{config.end_year}-12", "M"), freq="M")
    horizon = len(months)
    base_e = chosen_paths(base_energy, base_choice, candidates, horizon, n, rng,
                          widening=config.backtest.widening, limits=True,
                          season=12)
    hours = hours_in(months, clock)  # a forecast month's hours are its local month's
    base_mw = base_e * 1000.0 / hours

    wy = weather_years(history.load, monthly_dc["data_center_mw"], timezone=config.timezone,
                       clock=clock, imputed=history.imputed)
    if len(wy.years) == 0:
        raise InputError(files, "no calendar year has every month with evidence for at least "
                         f"{COMPLETE:.0%} of its hours, and the hourly shapes, peaks and "
                         "weather bands are drawn from such years; fill the gaps in the "
                         "files (the history table says which months fall short)")
    n_years = months[-1].year - months[0].year + 1
    dc_hist = monthly_dc.loc[window, "data_center_mw"]
    # months partly in the history
    energy_floor = measured_energy_floor(history.load, months, clock)
    # the level the history ends on, carried flat by the pipeline scenarios (existing_load),
    # which need the decomposition (`config.pipeline_scenarios_need`)
    ending = (existing_data_center_load(decomposition, first_month=months[0])
              if dc_estimated else None)
    # what contracts dated inside the history may already hold: that level
    # (`pipeline_sampling.measured_data_center_mw`, fitted once here)
    measured_mw = ending.level_mw if dc_estimated else 0.0

    frames, profiles, peaks, paths = [], [], [], {}
    for scenario in config.scenarios:
        # its own stream: a scenario's numbers do not depend on which others ran
        srng = rng_for(config.seed, "zone-scenario", scenario)
        weather = srng.integers(0, len(wy.years), size=(n, n_years))
        new_gwh = np.zeros((n, horizon))  # load the history cannot show (the pipeline's)
        s_base_mw, s_base_e = base_mw, base_e
        if scenario == "statistical-trend":
            model = YearOnYearTrend().fit(dc_hist)  # as the backtest's BasePlusDataCenter
            dc_mw = model.sample_paths(horizon, n, srng)
            amplitude = np.zeros(n)
        else:
            contracts, assumptions = large_loads
            existing = ending.draw(n, srng)
            new = sample_new_load(contracts, assumptions, months, n, srng,
                                  PIPELINE_RULES[scenario], measured_mw=measured_mw)
            uplift = assumptions.summer_uplift.draw(n, srng)
            amplitude = assumptions.diurnal_amplitude.draw(n, srng)
            factors = seasonal_factors(months, uplift)
            dc_mw = (existing[:, None] + new) * factors
            new_gwh = new * factors * hours / 1000.0
            # the existing load's interval is how the measured total splits, not more load:
            # the base was split against the point estimate, so a path's draw moves its
            # difference from the level out of the base, and the total carries on from the
            # level the history ends on (base + level + new load on every path)
            shift = (existing - ending.level_mw)[:, None] * factors
            s_base_mw = base_mw - shift
            s_base_e = base_e - shift * hours / 1000.0
        tot_pk, base_pk, dc_pk = monthly_peaks(wy, months, s_base_mw, dc_mw, amplitude, weather)
        tot_pk = at_least_measured(tot_pk, wy, months)  # a month partly in the history
        dc_e = dc_mw * hours / 1000.0
        energy = {"base": base_at_least_measured(s_base_e, dc_e, energy_floor),
                  "data_center": dc_e}
        energy["total"] = energy["base"] + energy["data_center"]
        peak = {"total": tot_pk, "base": base_pk, "data_center": dc_pk}
        annual = dict(zip(COMPONENTS, annual_peaks(
            wy, months, s_base_mw, dc_mw, amplitude, weather,
            average=energy["total"] * 1000.0 / hours), strict=True))
        season_peaks = seasonal_peaks(wy, months, s_base_mw, dc_mw, amplitude, scenario)
        annual["total"] = at_least_season_50_50(  # a year tops its summer and winter months
            annual["total"], np.unique(months.year), season_peaks,
            calendar_winter_50_50(wy, months, s_base_mw, dc_mw, amplitude))
        paths[scenario] = {"energy_gwh": energy, "peak_mw": peak, "annual_peak_mw": annual,
                           "new_data_center_gwh": new_gwh}
        frames.append(_scenario_rows(config.region, scenario, months, energy, peak, annual,
                                     clock))
        peaks.append(season_peaks)
        profiles.append(hourly_profile(wy, months, s_base_mw, dc_mw, amplitude, weather,
                                       year=config.profile_year, scenario=scenario))
    forecast = pd.concat(frames, ignore_index=True)[FORECAST_TABLE_COLUMNS]
    profile = pd.concat(profiles, ignore_index=True)
    if not dc_estimated:  # no data-center numbers published (`data_center_part`)
        forecast, profile = total_only(forecast), profile_without_split(profile)
    peaks_table = pd.concat(peaks, ignore_index=True)
    return ZoneRun(
        forecast=forecast, profile=profile,
        decomposition=decomposition, published_check=check, history=history_table,
        peaks=peaks_table, pjm_check=_pjm_check(peaks_table), neighbour_check=neighbours_table,
        peak_check=held_out_peaks(history.load, monthly_dc["data_center_mw"],
                                  timezone=config.timezone, clock=clock,
                                  imputed=history.imputed),
        backtest_forecasts=bt_forecasts, backtest_summary=bt_summary,
        backtest_failures=failures_table(bt_failures),
        calibration=calibration_table(base_choice.decision),
        growth_check=growth_check(config.region, monthly_dc["base_mw"],
                                  annual_p50_mw(base_e, months, clock), clock=clock),
        paths=paths,
        quality=history.quality(),
        model_window=window_record(hist_m, window, model_start=config.model_start),
    )


def annual_p50_mw(energy_gwh: np.ndarray, months: pd.PeriodIndex, clock: str = UTC
                  ) -> pd.Series:
    """P50 over the paths of each full forecast year's average MW (its energy over its
    hours on ``clock``), by year: the forecast table's annual ``avg_mw`` P50 of the same
    paths."""
    years = np.asarray(months.year)
    p50 = {y: float(np.quantile(energy_gwh[:, years == y].sum(axis=1) * 1000.0
                                / hours_in(months[years == y], clock).sum(), 0.5))
           for y in full_years(months)}
    return pd.Series(p50, name="p50_mw")


def _history_rows(table: pd.DataFrame) -> pd.DataFrame:
    out = table.reset_index()
    out["period"] = out["period"].astype(str)
    return out


def full_years(months: pd.PeriodIndex) -> list[int]:
    """The calendar years all of whose months are forecast: a history that ends mid-year has
    no annual row for that year (half a year's energy is not the year's)."""
    years = np.asarray(months.year)
    return [y for y in sorted(set(years.tolist())) if (years == y).sum() == 12]


def _scenario_rows(region, scenario, months, energy, peak, annual_peak, clock=UTC
                   ) -> pd.DataFrame:
    """The forecast table's rows of one scenario: ``energy`` and ``peak`` component -> (n,
    months) paths, ``annual_peak`` component -> (n, calendar years of ``months``) annual
    peak paths (`weather_years.annual_peaks`); annual rows for the full years only."""
    years = np.asarray(months.year)
    labels = full_years(months)
    hours_y = np.asarray([hours_in(months[years == y], clock).sum() for y in labels])
    columns = [y - int(months[0].year) for y in labels]
    rows = []
    for component in COMPONENTS:
        e, p = energy[component], peak[component]
        e_year = np.stack([e[:, years == y].sum(axis=1) for y in labels], axis=1)
        p_year = annual_peak[component][:, columns]
        avg_m = e * 1000.0 / hours_in(months, clock)
        avg_y = e_year * 1000.0 / hours_y
        for metric, annual, monthly in (("energy_gwh", e_year, e), ("avg_mw", avg_y, avg_m),
                                        ("peak_mw", p_year, p)):
            rows.append(_quantile_rows(annual, labels, region, scenario, component, metric))
            rows.append(_quantile_rows(monthly, months, region, scenario, component, metric))
    return pd.concat(rows, ignore_index=True)


def _pjm_check(peaks: pd.DataFrame) -> pd.DataFrame:
    rows = []
    summer = peaks[peaks["season"] == "summer"]
    for scenario, part in summer.groupby("scenario", sort=True):
        part = part.set_index("year")
        first = int(part.index.min())
        last = first + 10
        if last not in part.index:
            continue
        growth = (part.loc[last, "peak_50_50_mw"] / part.loc[first, "peak_50_50_mw"]) ** 0.1 - 1
        rows.append({"scenario": scenario, "from": first, "to": last,
                     "summer_peak_50_50_growth": growth,
                     "pjm_quoted": PJM_DOM_SUMMER_PEAK_GROWTH,
                     "gap_points": 100 * (growth - PJM_DOM_SUMMER_PEAK_GROWTH)})
    return pd.DataFrame(rows)
