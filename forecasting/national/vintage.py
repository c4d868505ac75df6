"""A track record: the national pipeline rerun as of a past year, scored against today.

Model. A *vintage* as of year Y knows only the sources published by the end of Y
(`year_published` in the sources table): its history is rebuilt from their observations under
the config's rules, with `source_priority` cut to the sources known then and no splice when
the newer vintage (`splice_new_source`) was not yet published (every value stays as its source
published it, the basis of its day). The pipeline's statistical forecast is then made as it
would have been: the config's baseline candidates are backtested on rolling origins of that
history, chosen or ensembled and calibrated exactly as today (`backtest_and_choose`), and the
chosen baseline's joint paths of the total (`momentum`, the scenario with no AI view) are drawn
to today's last history year.

Scoring, on one basis: today's history is on the basis of the newest vintage
(`splice_new_source`, LBNL 2024), where every older source is moved by the configured splice
(`ratio`: x 58/70). A vintage made before that source was published is on the old basis, so
its quantiles are moved by the same splice before they are compared (the column `p50_as_run`
keeps the P50 as the vintage printed it). Each target year's outcome is today's history for
that year; `inside_p10_p90` is whether it fell inside the vintage's P10-P90 band, and is left
empty (None) when today's value for that year is interpolated, since filled values are never
scored. Published forecasts (`forecasting/io/published_forecasts.py`) are point values, moved
to today's basis by the same rule (a source published before `splice_new_source` is on the
old basis) and scored by their error against the same outcomes.

Choices where the issue is silent:
- Only `momentum` is scored: the AI scenarios are parameterized from 2022-2024 evidence
  (accelerator shipments, H100 power), so rerunning them as of 2016 would use sources
  published after 2016.
- The backtest origins of a vintage are the last `min_residuals + backtest_horizon - 1` years
  before its last (7 with the shipped config: enough to calibrate every horizon, and what
  keeps `make forecast` fast), never before the sixth year of its history; a vintage with too
  few residuals gets model-based bands, as the pipeline would. Each vintage's backtest draws
  `track_record.backtest_paths` paths per origin and its forecast `track_record.draws`.
- Two vintages with the same history (2012 and 2014: no source in `source_priority` was
  published in 2012-2015) give the same forecast; it is computed once.
- The national electricity total (for shares) is not used: the score is in TWh.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import numpy as np
import pandas as pd

from forecasting.backtest.candidates import candidate_factories
from forecasting.backtest.choose import backtest_and_choose, chosen_paths
from forecasting.config import PipelineConfig, TrackRecordConfig
from forecasting.errors import InputError, SeriesTooShortError
from forecasting.history.builder import BuiltHistory, build_history
from forecasting.history.rules import HistoryRules
from forecasting.io.curated import CuratedData
from forecasting.io.published_forecasts import read_published_forecasts
from forecasting.national.inputs import build_history_of, load_inputs, with_overrides
from forecasting.paths import display_path
from forecasting.seeds import rng_for

SCENARIO = "momentum"
#: provenance of today's history that counts as evidence (interpolated years do not)
EVIDENCE = ("published", "spliced")
FORECAST_COLUMNS = ["scenario", "target_year", "horizon", "p10", "p50", "p90", "p50_as_run",
                    "outcome", "outcome_provenance", "inside_p10_p90"]
TRACK_COLUMNS = ["kind", "as_of", "source", "published", "scenario", "target_year", "horizon",
                 "p10", "p50", "p90", "p50_as_published", "outcome", "outcome_provenance",
                 "inside_p10_p90", "error_pct"]
MIN_HISTORY_YEARS = 6
CONFIG_FIELD = "track_record.as_of"


@dataclass(frozen=True)
class Vintage:
    """One vintage: what it knew, its history, its forecasts and their scores."""

    as_of: int
    sources: pd.DataFrame          # source_id, year_published, in_history
    history: BuiltHistory
    old_basis: bool                # made before splice_new_source was published
    basis: str                     # how its values were moved onto today's basis
    bands: dict                    # the bands note of its baseline choice
    forecasts: pd.DataFrame        # FORECAST_COLUMNS

    @property
    def history_last_year(self) -> int:
        return int(self.history.series["year"].max())

    def to_dict(self) -> dict:
        """The `dcload vintage --json` document."""
        rows = self.forecasts.astype(object).where(self.forecasts.notna(), None)
        return {
            "as_of": self.as_of,
            "history_last_year": self.history_last_year,
            "sources": [{"source_id": r.source_id, "year_published": int(r.year_published),
                         "in_history": bool(r.in_history)}
                        for r in self.sources.itertuples()],
            "basis": self.basis,
            "bands": self.bands["text"],
            "history": [{"year": int(r.year), "twh": round(float(r.twh), 4),
                         "provenance": r.provenance, "source_ids": r.source_ids}
                        for r in self.history.series.itertuples()],
            "forecasts": [_json_row(r) for r in rows.to_dict("records")],
        }


def known_sources(sources: pd.DataFrame, as_of: int) -> pd.DataFrame:
    """The rows of the sources table published by the end of `as_of`."""
    return sources[sources["year_published"] <= as_of]


def history_as_of(config: PipelineConfig, data: CuratedData, as_of: int, *,
                  file: str = "config", field: str = "--as-of") -> BuiltHistory:
    """The history the config's rules build from the sources published by the end of
    `as_of` (InputError, field `--as-of`, when none of `source_priority` was published yet)."""
    known = set(known_sources(data.sources, as_of)["source_id"])
    rules = config.history
    priority = [s for s in rules.source_priority if s in known]
    if not priority:
        published = data.sources.set_index("source_id")["year_published"]
        first = min(int(published[s]) for s in rules.source_priority if s in published.index)
        raise InputError(file, f"no source of history.source_priority was published by the end "
                         f"of {as_of} (the first is from {first})", field=field)
    new_known = rules.splice_new_source in known and rules.splice_old_source in known
    vintage_rules = HistoryRules(
        source_priority=tuple(priority),
        splice=rules.splice if new_known else "none",
        splice_year=rules.splice_year,
        splice_old_source=rules.splice_old_source,
        splice_new_source=rules.splice_new_source,
        include_partial_scope=rules.include_partial_scope,
        first_year=rules.first_year,
        last_year=rules.last_year,
    )
    observations = data.observations[data.observations["source_id"].isin(known)]
    try:
        return build_history(observations, data.sources, vintage_rules, file=file)
    except InputError as exc:
        if "no observation is eligible" not in str(exc):
            raise
        raise InputError(file, f"no observation published by the end of {as_of} is eligible "
                         "for the history", field=field) from None


def on_old_basis(config: PipelineConfig, sources: pd.DataFrame, year: int) -> bool:
    """Whether values made or published in `year` predate the newest vintage's basis."""
    published = sources.set_index("source_id")["year_published"]
    return year < int(published[config.history.splice_new_source])


def checked_history(config: PipelineConfig, data: CuratedData, today: BuiltHistory,
                    as_of: int, *, file: str = "config", field: str = "--as-of") -> BuiltHistory:
    """`history_as_of`, refused (InputError naming `field`) when it is too short to backtest
    or already reaches today's last year (nothing left to score)."""
    history = history_as_of(config, data, as_of, file=file, field=field)
    years = history.series["year"]
    first, last = int(years.min()), int(years.max())
    today_last = int(today.series["year"].max())
    if last >= today_last:
        raise InputError(file, f"nothing to score: the history as of {as_of} already reaches "
                         f"{last}, today's last year", field=field)
    if len(years) < MIN_HISTORY_YEARS:
        raise InputError(file, f"the history as of {as_of} has {len(years)} years "
                         f"({first}-{last}); a vintage needs at least {MIN_HISTORY_YEARS}",
                         field=field)
    # evidence only: the models are fitted on the published points, so count those
    points = [int(p.year) for p, ok in history.observed().items() if ok]
    factories = candidate_factories(config.baseline.candidates, file=file)
    needs = {alias: make().observations_needed("Y") for alias, make in factories.items()}
    fewest = min(needs, key=lambda alias: needs[alias])
    need = needs[fewest] + 1
    if len(points) < need:
        raise InputError(file, f"the history as of {as_of} has {len(points)} published points "
                         f"({', '.join(map(str, points))}; the other years of {first}-{last} "
                         f"are interpolated); a vintage needs at least {need} ({fewest}, the "
                         f"candidate that needs fewest, fits on {needs[fewest]} up to a "
                         "backtest origin and one more is needed to score it)", field=field)
    return history


def run_vintage(config: PipelineConfig, data: CuratedData, today: BuiltHistory, as_of: int, *,
                draws: int, backtest_paths: int, file: str = "config", field: str = "--as-of",
                cache: dict | None = None) -> Vintage:
    """The pipeline's statistical forecast as of `as_of`, scored against `today`'s history.
    `cache` (a dict kept by the caller) reuses the backtest of an identical history; `field`
    names the as-of year in an InputError."""
    history = checked_history(config, data, today, as_of, file=file, field=field)
    series = history.as_series()
    first, last = int(series.index[0].year), int(series.index[-1].year)
    today_frame = today.series.set_index("year")
    today_last = int(today_frame.index.max())
    horizon = today_last - last
    observed = history.observed()
    key = (tuple(np.round(series.to_numpy(), 9)), tuple(observed.to_numpy()), first, horizon,
           draws, backtest_paths)
    cache = {} if cache is None else cache
    if key not in cache:
        try:
            cache[key] = _forecast(config, series, observed, horizon, draws=draws,
                                   backtest_paths=backtest_paths, file=file)
        except SeriesTooShortError as exc:
            points = int(observed.sum())
            raise InputError(file, f"the history as of {as_of} has too few published points "
                             f"({points}) to forecast: {exc}", field=field) from None
    bands, (q10, q50, q90) = cache[key]
    old = on_old_basis(config, data.sources, as_of)
    years = np.arange(last + 1, today_last + 1)
    frame = pd.DataFrame({"scenario": SCENARIO, "target_year": years,
                          "horizon": years - as_of, "p10": _basis(today, q10, old),
                          "p50": _basis(today, q50, old), "p90": _basis(today, q90, old),
                          "p50_as_run": q50})
    frame["outcome"] = today_frame["twh"].reindex(years).to_numpy()
    frame["outcome_provenance"] = today_frame["provenance"].reindex(years).to_numpy()
    evidence = frame["outcome_provenance"].isin(EVIDENCE)
    inside = (frame["p10"] <= frame["outcome"]) & (frame["outcome"] <= frame["p90"])
    frame["inside_p10_p90"] = inside.astype(object).where(evidence, None)
    used = set(";".join(history.series["source_ids"]).split(";"))
    sources = known_sources(data.sources, as_of)
    sources = sources[sources["source_id"].isin(set(data.observations["source_id"]))]
    sources = sources.assign(in_history=sources["source_id"].isin(used))
    return Vintage(as_of=as_of, sources=sources[["source_id", "year_published", "in_history"]]
                   .reset_index(drop=True), history=history, old_basis=old,
                   basis=_basis_text(config, today, old), bands=bands,
                   forecasts=frame[FORECAST_COLUMNS])


def first_origin_of(config: PipelineConfig, first: int, last: int) -> int:
    """The vintage's first backtest origin: the fewest origins that give every backtest
    horizon `min_residuals` residuals (the pipeline's threshold to calibrate its bands), never
    before the sixth year of the history, and always at least one origin."""
    b = config.baseline
    wanted = last - (b.min_residuals + b.backtest_horizon - 1)
    return min(max(first + MIN_HISTORY_YEARS - 1, wanted), last - 1)


def _forecast(config: PipelineConfig, series: pd.Series, observed: pd.Series, horizon: int, *,
              draws: int, backtest_paths: int, file: str) -> tuple[dict, np.ndarray]:
    """Backtest, choose and calibrate on `series` as the pipeline does (fitted and scored on
    the `observed` years only), then the P10, P50 and P90 of the chosen baseline's paths of
    the total `horizon` years on."""
    b = config.baseline
    first, last = int(series.index[0].year), int(series.index[-1].year)
    factories = candidate_factories(b.candidates, file=file)
    choice = backtest_and_choose(
        series, factories, horizon=b.backtest_horizon,
        first_origin=str(first_origin_of(config, first, last)), last_origin=str(last - 1),
        n_paths=backtest_paths, seed=config.forecast.seed, strategy=b.strategy,
        fallback=b.fallback, min_residuals=b.min_residuals, observed=observed)
    paths = chosen_paths(series.where(observed), choice, factories, horizon, draws,
                         rng_for(config.forecast.seed, config.region, SCENARIO))
    return choice.bands_note(), np.quantile(paths, [0.1, 0.5, 0.9], axis=0)


def score_published(config: PipelineConfig, data: CuratedData, today: BuiltHistory,
                    published: pd.DataFrame, as_of: int) -> pd.DataFrame:
    """The published forecasts known by the end of `as_of` whose target year today's history
    covers, on today's basis, with their outcomes (TRACK_COLUMNS, kind `published`)."""
    today_frame = today.series.set_index("year")
    rows = published[(published["published"] <= as_of)
                     & published["target_year"].isin(today_frame.index)]
    out = []
    for r in rows.itertuples():
        value = float(_basis(today, np.array([r.twh]),
                             on_old_basis(config, data.sources, int(r.published)))[0])
        outcome = float(today_frame.at[r.target_year, "twh"])
        out.append({"kind": "published", "as_of": as_of, "source": r.reference,
                    "published": int(r.published), "scenario": r.scenario,
                    "target_year": int(r.target_year),
                    "horizon": int(r.target_year) - int(r.published), "p10": np.nan,
                    "p50": value, "p90": np.nan, "p50_as_published": float(r.twh),
                    "outcome": outcome,
                    "outcome_provenance": today_frame.at[r.target_year, "provenance"],
                    "inside_p10_p90": None, "error_pct": 100 * (value / outcome - 1)})
    return pd.DataFrame(out, columns=TRACK_COLUMNS)


def track_record(config: PipelineConfig, data: CuratedData, today: BuiltHistory,
                 published: pd.DataFrame | None, *, file: str = "config") -> pd.DataFrame:
    """The report's table: every vintage of `config.track_record` (kind `dcload`) and the
    published forecasts of the same vintages (kind `published`), one row per target year."""
    settings = config.track_record
    frames, cache = [], {}
    for as_of in sorted(settings.as_of):
        vintage = run_vintage(config, data, today, as_of, draws=settings.draws,
                              backtest_paths=settings.backtest_paths, file=file,
                              field=CONFIG_FIELD, cache=cache)
        f = vintage.forecasts
        frames.append(pd.DataFrame({
            "kind": "dcload", "as_of": as_of, "source": "dcload", "published": as_of,
            "scenario": f["scenario"], "target_year": f["target_year"], "horizon": f["horizon"],
            "p10": f["p10"], "p50": f["p50"], "p90": f["p90"],
            "p50_as_published": f["p50_as_run"], "outcome": f["outcome"],
            "outcome_provenance": f["outcome_provenance"],
            "inside_p10_p90": f["inside_p10_p90"],
            "error_pct": 100 * (f["p50"] / f["outcome"] - 1)}))
        if published is not None:
            frames.append(score_published(config, data, today, published, as_of))
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=TRACK_COLUMNS)
    return pd.concat(frames, ignore_index=True)[TRACK_COLUMNS]


def track_record_of(config: PipelineConfig, data: CuratedData, today: BuiltHistory, *,
                    file: str = "config") -> tuple[pd.DataFrame, dict]:
    """`track_record` with the published forecasts of `config.track_record` (when its file
    exists), and a note for the manifest: vintages, scenario, basis, published file."""
    settings = config.track_record
    path = settings.published_forecasts
    found = path is not None and Path(path).is_file()
    published = read_published_forecasts(path) if found else None
    table = track_record(config, data, today, published, file=file)
    new = config.history.splice_new_source
    note = {
        "as_of": sorted(settings.as_of),
        "scenario": SCENARIO,
        "draws": settings.draws,
        "backtest_paths": settings.backtest_paths,
        "basis": (f"today's history ({new} basis); vintages and forecasts published before "
                  f"{new} moved by today's {today.splice.mode} splice "
                  f"{today.splice.describe()}"),
        "published_forecasts": None if path is None else display_path(path),
        "published_found": found,
        "history_last_year": {str(y): int(history_as_of(config, data, y, file=file)
                                          .series["year"].max()) for y in sorted(settings.as_of)},
    }
    return table, note


def vintage_of(config_path: Path, as_of: int, *, draws: int | None = None,
               seed: int | None = None) -> tuple[Vintage, pd.DataFrame | None]:
    """`dcload vintage`: the vintage of the pipeline `config_path` as of `as_of`, and the
    published forecasts known by then scored beside it (None when the config names no
    published file or it is missing). Draws and backtest paths as the config's
    `track_record` (defaults when it has none); `seed` overrides the config's."""
    file = display_path(config_path)
    config, data = load_inputs(config_path)
    config = with_overrides(config, seed=seed)
    settings = config.track_record or TrackRecordConfig()
    today = build_history_of(config, data, config_path)
    vintage = run_vintage(config, data, today, as_of,
                          draws=draws if draws is not None else settings.draws,
                          backtest_paths=settings.backtest_paths, file=file)
    path = settings.published_forecasts
    published = None
    if path is not None and Path(path).is_file():
        published = score_published(config, data, today, read_published_forecasts(path), as_of)
    return vintage, published


class _Later:
    """A computation run in this process when its result is asked for (one CPU)."""

    def __init__(self, function, *args, **kwargs) -> None:
        self._call = (function, args, kwargs)

    def result(self):
        function, args, kwargs = self._call
        return function(*args, **kwargs)


def _exit_with_parent(parent_pid: int) -> None:
    """Worker initializer: leave as soon as the process that started us is gone (killed
    runs must not leave an orphan computing, holding the caller's stdout and stderr)."""
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


def start_track_record(config: PipelineConfig, data: CuratedData, today: BuiltHistory, *,
                       file: str = "config", worker: bool = False):
    """`track_record_of` as a future (`.result()` waits for it). With `worker` it runs in one
    spawned worker process beside the caller (whose main module must then be safe to import,
    as for any spawned process: the `dcload` script and `python -m pipelines` are); without,
    in this process when `.result()` is called. The numbers are the same either way: every
    random stream is named by the seed, not by the process."""
    for as_of in config.track_record.as_of:  # a bad year stops the run now, not at the end
        checked_history(config, data, today, as_of, file=file, field=CONFIG_FIELD)
    if not worker:
        return _Later(track_record_of, config, data, today, file=file)
    executor = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"),
                                   initializer=_exit_with_parent, initargs=(os.getpid(),))
    future = executor.submit(track_record_of, config, data, today, file=file)
    executor.shutdown(wait=False)
    return future


def _basis(today: BuiltHistory, values: np.ndarray, old: bool) -> np.ndarray:
    if not old:
        return np.asarray(values, dtype=float)
    return today.splice.apply(pd.Series(values, dtype=float)).to_numpy()


def _basis_text(config: PipelineConfig, today: BuiltHistory, old: bool) -> str:
    new = config.history.splice_new_source
    if not old:
        return f"today's basis ({new}); values as run"
    return (f"today's basis ({new}): made before {new} was published, so moved by today's "
            f"{today.splice.mode} splice {today.splice.describe()}")


def _json_row(row: dict) -> dict:
    out = {}
    for key, value in row.items():
        if isinstance(value, (np.integer,)):
            value = int(value)
        elif isinstance(value, (np.floating, float)) and value is not None:
            value = round(float(value), 4)
        elif isinstance(value, np.bool_):
            value = bool(value)
        out[key] = value
    return out
