"""Compute a run (no file is written): every stage of the pipeline, in order.

load + validate -> build history -> regimes -> backtest and choose the baseline ->
decompose history (conventional + AI) -> baseline paths (conventional) and momentum paths
(total) -> national total paths -> each scenario's joint paths -> tidy quantiles ->
sensitivity (tornado + rank correlations) -> the tables behind the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from forecasting.backtest.candidates import candidate_factories
from forecasting.backtest.choose import BaselineChoice, backtest_and_choose, chosen_paths
from forecasting.combine.limits import LIMIT_COLUMNS, binding_limits
from forecasting.combine.mc_error import mc_error_rows
from forecasting.combine.sensitivity import evenly_spread, rank_correlations, tornado
from forecasting.config import PipelineConfig
from forecasting.contracts import (
    BACKTEST_SUMMARY_COLUMNS,
    BACKTEST_TABLE_COLUMNS,
    annual_index,
    annual_series,
)
from forecasting.decompose.fleet_backcast import Decomposition, decompose_history
from forecasting.errors import InputError
from forecasting.history.builder import BuiltHistory
from forecasting.io.config_file import config_key_error
from forecasting.io.curated import CuratedData
from forecasting.models.loglinear_trend import LogLinearTrend
from forecasting.national.inputs import (
    build_history_of,
    check_scenario_names,
    load_inputs,
    with_overrides,
)
from forecasting.national.vintage import start_track_record
from forecasting.paths import display_path
from forecasting.progress import Progress, Timings
from forecasting.regimes import detect_regimes
from forecasting.scenarios.catalog import (
    describe_scenario,
    load_all,
    load_backcast,
    load_scenario,
    load_scenario_file,
    scenario_key_error,
)
from forecasting.scenarios.distributions import ParamError
from forecasting.scenarios.engine import simulate_scenario
from forecasting.scenarios.outputs import summarise_paths
from forecasting.scenarios.reproduce import check_target_years
from forecasting.scenarios.spec import ScenarioSpec
from forecasting.scenarios.streams import horizon_to_end
from forecasting.seeds import rng_for


@dataclass(frozen=True)
class ComputedRun:
    """Everything a run computes, before anything is written."""

    config: PipelineConfig
    config_path: Path
    data: CuratedData
    history: BuiltHistory
    regimes: dict
    choice: BaselineChoice
    decomposition: Decomposition
    specs: list[ScenarioSpec]
    forecast: pd.DataFrame
    sensitivity: pd.DataFrame
    started: datetime
    track_record: pd.DataFrame | None = None   # forecasting.national.vintage.track_record
    track_record_note: dict | None = None      # settings, basis and the published file's state
    limits: pd.DataFrame | None = None  # which supply limit binds, per scenario and year
    mc_error: pd.DataFrame | None = None  # each P50's Monte Carlo interval (combine/mc_error)

    def backtest_forecasts(self) -> pd.DataFrame:
        return self.choice.result.forecasts[BACKTEST_TABLE_COLUMNS]

    def backtest_summary(self) -> pd.DataFrame:
        return self.choice.summary.rename(columns=str.lower)[BACKTEST_SUMMARY_COLUMNS]

    def decomposition_table(self) -> pd.DataFrame:
        """History split into baseline and AI, then each scenario's P50 of both parts."""
        table = self.decomposition.table
        rows = [pd.DataFrame({"scenario": "history", "year": table["year"],
                              "component": part, "twh": table[column]})
                for part, column in (("baseline", "conventional_twh"), ("ai", "ai_twh"))]
        parts = self.forecast[(self.forecast["metric"] == "twh")
                              & self.forecast["component"].isin(["baseline", "ai"])]
        rows.append(parts[["scenario", "year", "component", "p50"]].rename(columns={"p50": "twh"}))
        return pd.concat(rows, ignore_index=True)

    def assumptions_table(self) -> pd.DataFrame:
        frames = [describe_scenario(spec).assign(scenario=spec.name) for spec in self.specs]
        table = pd.concat(frames, ignore_index=True)
        return table[["scenario", "parameter", "distribution", "p10", "p50", "p90", "note"]]

    def outlooks_table(self) -> pd.DataFrame:
        """The published outlooks the presets reproduce (report markers)."""
        rows = [{"source_id": s.reproduces.source_id, "scenario": s.reproduces.scenario,
                 "year": s.reproduces.year, "twh": s.reproduces.published_twh, "preset": s.name}
                for s in load_all(self.config.scenarios_dir) if s.reproduces is not None]
        return pd.DataFrame(rows, columns=["source_id", "scenario", "year", "twh", "preset"])


def compute_run(
    config_path: Path,
    *,
    draws: int | None = None,
    seed: int | None = None,
    scenario: str | None = None,
    progress: Progress | None = None,
    worker: bool = False,
) -> ComputedRun:
    """Every stage of a national run, in order; `progress` sees each stage (default: timed
    silently). `worker`: compute the track record's vintages in a worker process beside the
    other stages (see `forecasting.national.vintage.start_track_record`); same numbers."""
    progress = progress if progress is not None else Timings()
    started = datetime.now(UTC)
    file = display_path(config_path)
    with progress.stage("load and validate inputs"):
        config, data = load_inputs(config_path)
        config = with_overrides(config, draws=draws, seed=seed, scenario=scenario)
        check_national_total(config, data, config_path)
        specs = _load_specs(config, file, option=None if scenario is None else "--scenario")
        factories = candidate_factories(config.baseline.candidates, file=file)
    with progress.stage("build history"):
        history = build_history_of(config, data, config_path)
    series = history.as_series()
    last_year = int(series.index[-1].year)
    years = np.arange(last_year + 1, config.forecast.end_year + 1)
    if len(years) == 0:
        raise config_key_error(config_path, ["forecast", "end_year"],
                               f"end_year must be after the last history year {last_year}")
    check_config_against_history(config, config_path, series)
    check_national_total_as_of(config, data, config_path, last_year)
    check_scenario_years(config, specs, last_year)
    # every preset's outlook is published (`outlooks_table`), run or not
    check_target_years(load_all(config.scenarios_dir), base_year=last_year,
                       directory=config.scenarios_dir)
    # the track record's vintages run in a worker process beside the stages below
    track_future = (None if config.track_record is None
                    else start_track_record(config, data, history, file=file, worker=worker))
    n, seed_value, region = config.forecast.draws, config.forecast.seed, config.region

    with progress.stage("detect regimes"):
        # evidence only: interpolated years are left out of the break tests
        regimes = detect_regimes(history.evidence_series(), seed=seed_value).to_dict()
    with progress.stage("fit baseline candidates by backtest"):
        b = config.baseline
        choice = backtest_and_choose(
            series, factories, horizon=b.backtest_horizon, first_origin=str(b.first_origin),
            last_origin=str(last_year - 1), n_paths=b.backtest_paths, seed=seed_value,
            strategy=b.strategy, fallback=b.fallback, min_residuals=b.min_residuals,
            observed=history.observed())
    with progress.stage("decompose history and sample the baseline"):
        decomposition = decompose_history(
            history.series, load_backcast(region, config.scenarios_dir / "backcast"))
        # evidence only: the chosen models are fitted with the interpolated years missing
        observed = history.observed()
        conventional = annual_series(decomposition.conventional_series())
        conventional = conventional.where(observed.reindex(conventional.index,
                                                           fill_value=False))
        # drawn out to PATHS_END_YEAR and cut at end_year: a draw's numbers for a year do
        # not depend on how many years follow it
        full, h = horizon_to_end(last_year), len(years)
        momentum = chosen_paths(history.evidence_series(), choice, factories, full, n,
                                rng_for(seed_value, region, "momentum"))[:, :h]
        baseline = chosen_paths(conventional, choice, factories, full, n,
                                rng_for(seed_value, region, "baseline"))[:, :h]
        national = national_paths(config, data, years, n, seed_value)

    frames, sensitivity, limits, errors = [], [], [], []
    with progress.stage("simulate scenarios and sensitivity"):
        for spec in specs:
            paths = simulate_scenario(spec, history=history.series, years=years, n=n,
                                      national_paths=national,
                                      seed=seed_value, decomposition=decomposition,
                                      baseline_paths=baseline, momentum_paths=momentum)
            frames.append(summarise_paths(paths, national, region=region))
            limits.append(binding_limits(paths))
            errors.append(mc_error_rows(paths))
            table = _sensitivity(spec, paths, config, history, years, decomposition, baseline,
                                 momentum, national)
            if not table.empty:
                sensitivity.append(table)
    forecast = pd.concat(frames, ignore_index=True)
    track, note = None, None
    if track_future is not None:
        with progress.stage("track record (vintages, waited for)"):
            track, note = track_future.result()
    return ComputedRun(config, Path(config_path), data, history, regimes, choice, decomposition,
                       specs, forecast, _concat(sensitivity), started, track, note,
                       limits=_limits_table(limits),
                       mc_error=pd.concat(errors, ignore_index=True))


def check_scenario_years(config: PipelineConfig, specs: list[ScenarioSpec],
                         base_year: int) -> None:
    """Each run scenario's driver years after the history's base year and a stated start not
    after the forecast's last year (`ScenarioSpec.check_forecast_years`: a scenario file
    cannot know those years), refused in one line before any stage runs."""
    for spec in specs:
        try:
            spec.check_forecast_years(base_year=base_year, last_year=config.forecast.end_year)
        except ParamError as exc:
            raise scenario_key_error(config.scenarios_dir / f"{spec.name}.yaml",
                                     list(exc.key), spec.name, str(exc)) from None


def check_config_against_history(config: PipelineConfig, config_path: Path,
                                 series: pd.Series) -> None:
    """The config's years that only the built history can check, refused before any stage
    runs (InputError naming the key and what the history allows)."""
    first, last = int(series.index[0].year), int(series.index[-1].year)
    origin = config.baseline.first_origin
    if not first <= origin <= last - 1:
        raise config_key_error(
            config_path, ["baseline", "first_origin"],
            f"{origin} cannot be a backtest origin: the origins run {first}..{last - 1} (the "
            f"history holds {first}..{last} and an origin needs a later year to score)")
    year, end = config.sensitivity.year, config.forecast.end_year
    if not last < year <= end:
        raise config_key_error(
            config_path, ["sensitivity", "year"],
            f"{year} is not a forecast year: the forecast runs {last + 1}..{end} (after the "
            "history's last year, up to forecast.end_year)")


def check_national_total(config: PipelineConfig, data: CuratedData, config_path: Path) -> None:
    """Enough years of the national total (the share's denominator) to fit its log-linear
    trend from `fit_from_year` (InputError naming the totals file or the config key)."""
    total = config.national_total
    need = LogLinearTrend.min_observations
    rows = data.national_totals[data.national_totals["definition"] == total.definition]
    used = rows[rows["year"] >= total.fit_from_year]
    if len(used) >= need:
        return
    name = display_path(total.file)
    if len(rows) < need:
        raise InputError(name, f"the file has {len(rows)} row(s) of definition "
                         f"'{total.definition}' (the config's national_total.definition); the "
                         f"trend of the share's denominator needs at least {need} years",
                         field="definition")
    latest = int(sorted(rows["year"])[-need])
    raise config_key_error(
        config_path, ["national_total", "fit_from_year"],
        f"{total.fit_from_year} leaves {len(used)} years of '{total.definition}' in {name} to "
        f"fit; the trend of the share's denominator needs at least {need}, so fit_from_year "
        f"must be at most {latest}")


def check_national_total_as_of(config: PipelineConfig, data: CuratedData, config_path: Path,
                               last_year: int) -> None:
    """Enough national totals up to the history's last year to fit the share's denominator as
    of that year (`national_paths`); a `history.last_year` that leaves too few is refused."""
    total = config.national_total
    need = LogLinearTrend.min_observations
    rows = data.national_totals
    used = rows[(rows["definition"] == total.definition) & (rows["year"] >= total.fit_from_year)
                & (rows["year"] <= last_year)]
    if len(used) < need:
        raise config_key_error(
            config_path, ["history", "last_year"],
            f"the history ends in {last_year}, which leaves {len(used)} year(s) of national "
            f"totals from national_total.fit_from_year {total.fit_from_year} to fit the share's "
            f"denominator as of that year; it needs at least {need}")


def _load_specs(config: PipelineConfig, file: str, *,
                option: str | None = None) -> list[ScenarioSpec]:
    check_scenario_names(config, file, option=option)
    # every scenario file is read by the run (the presets' outlooks: `outlooks_table`), so a
    # broken one is refused now, not after the backtest
    load_all(config.scenarios_dir)
    specs = []
    for name in config.scenarios:
        path = config.scenarios_dir / f"{name}.yaml"
        spec = load_scenario_file(path)
        if spec.region != config.region:
            # a scenario of another region would be simulated on this region's history and
            # found no envelope of its own: refuse it rather than drop its caps
            raise scenario_key_error(path, ["region"], name,
                                     f"region '{spec.region}' does not match the pipeline's "
                                     f"region '{config.region}' ({file})")
        specs.append(load_scenario(name, config.scenarios_dir))
    return specs


def _sensitivity(spec, paths, config, history, years, decomposition, baseline, momentum,
                 national):
    year = config.sensitivity.year
    if year not in set(int(y) for y in years):
        return pd.DataFrame()
    n = min(config.sensitivity.draws, config.forecast.draws)
    # its base is the published P50 (`paths`), its bars measured on n evenly spread draws
    table = tornado(spec, history=history.series, years=years, n=n, published=paths,
                    seed=config.forecast.seed, year=year, decomposition=decomposition,
                    baseline_paths=evenly_spread(baseline, n),
                    momentum_paths=evenly_spread(momentum, n),
                    national_paths=evenly_spread(national, n))
    ranks = rank_correlations(paths, year=year)[["parameter", "spearman"]]
    return table.merge(ranks, on="parameter", how="left")


def _limits_table(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The binding limits of every scenario; scenarios where no limit binds add no rows."""
    rows = [f for f in frames if not f.empty]
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=LIMIT_COLUMNS)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    if not frames:
        return pd.DataFrame(columns=["scenario", "year", "parameter", "p50_base", "p50_at_p10",
                                     "p50_at_p90", "spearman"])
    return pd.concat(frames, ignore_index=True)


def national_paths(config, data, years, n, seed) -> np.ndarray:
    """The region's electricity paths (n, len(years)), the share's denominator, from the
    log-linear trend of the national totals published up to the history's last year: a
    history cut at `history.last_year` is forecast as of that year, its denominator too (a
    later total would also leave the paths shorter than the forecast years)."""
    totals = data.national_totals
    as_of = int(years[0]) - 1
    totals = totals[(totals["definition"] == config.national_total.definition)
                    & (totals["year"] >= config.national_total.fit_from_year)
                    & (totals["year"] <= as_of)]
    totals = totals.sort_values("year").set_index("year")["twh"]
    # a year without a published total is missing, never filled (the trend takes the gap)
    full = totals.reindex(range(int(totals.index.min()), int(totals.index.max()) + 1))
    series = pd.Series(full.to_numpy(dtype=float), index=annual_index(full.index))
    model = LogLinearTrend().fit(series)
    # drawn out to PATHS_END_YEAR and cut: a year's numbers do not depend on the end year
    last = int(series.index[-1].year)
    paths = model.sample_paths(horizon_to_end(last), n,
                               rng_for(seed, config.region, "national_total"))
    start = int(years[0]) - last - 1
    return paths[:, start:start + len(years)]
