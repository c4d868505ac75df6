"""One node of a many-zone run as a self-contained task (what a Dask worker runs).

A task names its node, the leaf files under it and the zone settings; the worker reads the
files itself (the client never holds the zones' hourly data). A leaf is its file's load; a
parent is the hourly sum of its leaves' cleaned evidence (an hour is evidence only where
every leaf has evidence), over the span every leaf covers (zones whose files end in
different months: the total ends with the first to end). The node is then run as a zone
(`forecasting.zones.run.run_zone`) with its own seed, split from the run's seed by the
node's name (`forecasting.seeds`), so a node's numbers do not depend on which worker runs it
or in what order. A leaf with large-load data gets the decomposition and the ``vetted``
data-center component; every other node the settings' ``data_center`` (default ``none``: the
statistical model on the whole load, no data-center component; its result says its
data-center part was not estimated, `NodeResult.data_center_estimated`).

Every task also returns its monthly peak paths: the run fits them to the node's coherent
energy, the new large-load pipeline load under it and its children's peaks
(`coherent_peaks`).

A total's hour is set aside for peaks (its source imputed part of it) only where its imputed
zones hold more than 1% of the hour's MW (`forecasting.many_zones.total_imputed_hours`); a
zone's imputed hours are never peak evidence.

A parent task also measures the coincidence of peaks in the history: per complete year, the
parent's peak over the sum of its children's own peaks, a year whose peaks, the parent's and
every child's, are evidence (`forecasting.seasons.year_peak_is_evidence`: each of the year's
twelve months' peaks is; the peak of a year with a month of few measured hours is a lower
bound, and a ratio of lower bounds is no coincidence: SWPP's 2021 and 2024, 20-30% of 2021-08
and of four 2024 months imputed in its zones, had given 0.961 and 0.950). Every task returns
its hours' calendar years (`NodeResult.year_peaks`), from which a total over it alone, which
takes its result rather than running (`forecasting.many_zones.same_load`), measures its own.

Every task also returns the largest measured hour of each history month of its forecast's
calendar years and the December before them (a month its files end inside, the rest of its
season: a winter starts in December), so that no peak the run fits to a lowered energy falls
below an hour already measured.

A zone's task also says what its file held (hours with evidence, absent, screened as
outliers, long gaps, partial months: `ZoneHistory.quality`), for the manifest and the report,
and returns the warning lines its file's reading gives (a file read on UTC that looks like
local time, `forecasting.series.local_clock`), whether the zone then runs or fails, and those
of its run (a seasonal data-center component: `_input_warnings_kept`, any node), for the run
to warn them (`NodeResult.input_warnings`): a worker's own warnings never reach the user.

Any failure of a zone's data or fit (a file that is not a load file, too little history) is
caught and returned as the node's one-line reason; the other nodes go on. A zone file (or
large-load table) refused at a row (a negative or non-numeric load, a conflicting hour, a
bad contract cell: `FileMistake`) is the user's typo, not what the data cannot give:
the result carries the `InputError` itself (`NodeResult.input_error`) and the run stops on it
before anything is published (`forecasting.many_zones.compute`), where a zone left out would
silently lower every total above it. A file refused as a whole (no date column, empty, not
text, monthly or daily rather than hourly, a large-load table missing) names no row: it may
be a file in the folder that is not a zone's, and it stays the zone's failure, as the
too-short history does. A queue's other mistakes never get this far: every queue is checked
before any zone runs (`forecasting.many_zones.plan.check_queues`), all but a contract in
service before the zone's history starts, which its task refuses at the contract's row.

A task whose worker process dies while running it (out of memory, a crash in native code)
raises nothing here; the engine gives up on it after its retries and the node fails with the
engine's one-line reason (`lost_node`), the others going on as for any failed zone.

A total's reason says it is a total, its level and how many zones it sums; when its hours
are refused (too short to model or backtest, though each zone under it ran with the same
settings) it names the span its zones share rather than a config key (`TotalFailed`).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from forecasting.errors import InputError, InputWarning
from forecasting.many_zones.total_imputed_hours import total_imputed as imputed_of_total
from forecasting.many_zones.zone_tables import zone_tables_of
from forecasting.seasons import year_peak_evidence
from forecasting.series.local_clock import local_clock_warnings
from forecasting.series.read import RawSeries
from forecasting.zones.config import ZoneConfig, ZoneSettings
from forecasting.zones.history import build_history, period_table
from forecasting.zones.read import read_large_loads, read_zone_files
from forecasting.zones.run import ZoneSettingError, run_zone

SCENARIO = "reference"
COINCIDENCE_COLUMNS = ["region", "year", "peak_mw", "sum_of_children_peaks_mw", "children",
                       "coincidence_factor"]


@dataclass(frozen=True)
class NodeTask:
    node: str
    level: str
    leaves: tuple[str, ...]          # leaf names under the node (itself for a leaf)
    files: tuple[str, ...]           # their files, same order
    children: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (child, its leaves) of a parent
    settings: ZoneSettings = field(default_factory=ZoneSettings)
    seed: int = 0
    large_loads: str | None = None   # a leaf's large-load folder
    series_timezone: str = "UTC"     # how its files are read (`ManyZonesConfig`)
    column: str | None = None

    def read(self, paths: list[str]) -> list[RawSeries]:
        """The task's files as read (`read_zone_files` with the run's reading options)."""
        return read_zone_files(paths, source_tz=self.series_timezone, column=self.column)


@dataclass(frozen=True)
class NodeResult:
    node: str
    level: str
    ok: bool
    reason: str = ""
    setting: str = ""   # a failed zone's config key (``zone.<key>``) when a setting is refused
    months: tuple[str, ...] = ()
    energy_paths: dict | None = None   # component -> (n, months) GWh; "new_data_center": the
    # part of "data_center" a large-load pipeline adds beyond the history (zero otherwise)
    peak_rows: pd.DataFrame | None = None   # forecast rows of peak_mw (node's own)
    peak_paths: dict | None = None   # component -> (n, months) monthly peak MW paths
    # behind its peak_rows, so the run can fit them to its coherent energy (`coherent_peaks`)
    annual_peak_paths: dict | None = None   # component -> (n, calendar years of its months,
    # first first) annual peak MW paths, when the zone run gives them apart from its months'
    measured_peaks: dict | None = None   # month ('YYYY-MM') -> its largest evidence hour, MW,
    # for the history's months of the forecast's calendar years and the December before
    # (a month the files end inside, its season): no published peak of such a month falls
    # below it (`coherent_peaks`)
    errors: pd.Series | None = None    # origin/period -> actual - P50 of `selected`, energy
    backtest_summary: pd.DataFrame | None = None
    backtest_selected: pd.DataFrame | None = None   # the `selected` backtest rows
    backtest_failures: pd.DataFrame | None = None   # its backtest's models that failed at
    # an origin, and why (`forecasting.zones.backtest_failures`, a ``region`` column first)
    history: pd.DataFrame | None = None   # its zone run's history.csv rows: annual, then
    # monthly (a planner sets the first forecast months against the last measured ones)
    coincidence: pd.DataFrame | None = None
    season_peaks: pd.DataFrame | None = None   # 50/50 and 90/10 summer and winter peaks
    peak_check: pd.DataFrame | None = None     # its history's held-out years beside them
    data_center_known: bool = False
    data_center_estimated: bool = True   # False: the settings' ``data_center: none`` and no
    # large-load pipeline, so its "data_center" paths are zeros, not an estimate (the run
    # publishes no data-center figures for it: `forecasting.many_zones.data_center_source`)
    quality: dict | None = None   # a zone's: what its file held (`ZoneHistory.quality`)
    year_peaks: pd.DataFrame | None = None   # its summed hours' calendar years (`year_peaks`:
    # peak_mw, complete, peak_evidence), so a total over it alone gets its coincidence
    # (`same_load`)
    input_warnings: tuple[str, ...] = ()   # a zone's file read, but likely not as meant
    # (one line each, `local_clock_warnings`); a result cached before them has none
    input_error: InputError | None = None   # a failed zone's file refused at a row or
    # field (`FileMistake`): the run stops on it, exit 2 (a cached result never has one)
    zone_tables: dict | None = None   # a zone's data-center tables (`zone_tables`)
    seconds: float = 0.0
    clock: str = "UTC"   # the clock of its months and years: its zone run's ``timezone``
    # (`forecasting.zones.history.period_labels`), so its average MW is its energy over
    # its own months' hours

    def __setstate__(self, state: dict) -> None:
        """Unpickling (a worker's result, a task cache's entry): a result that ran but was
        pickled by an older dcload, without its monthly or annual peak paths (a zone's had
        none; `coherent_peaks` needs them), comes back not ok, so a task cache takes it as
        missing and runs its task again rather than publishing peaks a fresh run would not."""
        if state.get("ok") and (state.get("peak_paths") is None
                                or "annual_peak_paths" not in state):
            state = {**state, "ok": False, "reason": "pickled by an older dcload"}
        for key, value in state.items():
            object.__setattr__(self, key, value)


def node_seed(seed: int, node: str) -> int:
    """The node's seed: a stream split from the run's seed by the node's name."""
    from forecasting.seeds import rng_for

    return int(rng_for(seed, "many-zones", node).integers(0, 2**31 - 1))


def run_node(task: NodeTask) -> NodeResult:
    """Run one node (module docstring); never raises for a zone's data or fit."""
    start = time.perf_counter()
    notes: list[str] = []
    try:
        result = _run(task, notes)
    except FileMistake as mistake:  # the user's to fix: the run stops on it (module docstring)
        result = NodeResult(task.node, task.level, ok=False, reason=str(mistake.error),
                            input_error=mistake.error, clock=node_clock(task))
    except Exception as exc:  # noqa: BLE001 - one zone's data or fit must not stop the grid
        reason = " ".join(str(exc).split()) or type(exc).__name__
        setting = ""
        if isinstance(exc, TotalFailed):
            pass  # its reason names the total and why (`TotalFailed`)
        elif task.leaves != (task.node,):  # a total: say so, whatever went wrong
            reason = f"{_total_name(task)}: {type(exc).__name__}: {reason}"
        elif isinstance(exc, ZoneSettingError):  # a `zone` setting this zone's history refuses
            setting = f"zone.{exc.key}"
            reason = f"{setting}: {reason}"
        elif not isinstance(exc, InputError):
            reason = f"{type(exc).__name__}: {reason}"
        result = NodeResult(task.node, task.level, ok=False, reason=reason, setting=setting,
                            clock=node_clock(task))
    return _timed(result, time.perf_counter() - start, tuple(notes))


def lost_node(task: NodeTask, reason: str) -> NodeResult:
    """The failure of a node whose run never returned: the engine lost it (its worker
    process died each time it ran, `pipelines.engine.dask_engine`), a crash no ``except``
    in `run_node` can catch. It fails the node alone, as any zone's failure does, with the
    engine's one-line `reason` (a total's says it is a total); the other nodes go on."""
    if task.leaves != (task.node,):
        reason = f"{_total_name(task)}: {reason}"
    return NodeResult(task.node, task.level, ok=False, reason=reason, clock=node_clock(task))


class FileMistake(Exception):
    """A zone's load file or large-load table refused at a row (`InputError.row` given, the
    header's included): a value or row its user can fix. Refused as a whole (no row), the
    file stays the zone's failure (module docstring)."""

    def __init__(self, error: InputError) -> None:
        self.error = error
        super().__init__(str(error))


@contextmanager
def _file_mistakes() -> Iterator[None]:
    """Raise an `InputError` naming a row as a `FileMistake`."""
    try:
        yield
    except InputError as exc:
        if exc.row is None:
            raise
        raise FileMistake(exc) from None


@contextmanager
def _input_warnings_kept(notes: list[str], node: str) -> Iterator[None]:
    """The `InputWarning`s the node's run raises (a seasonal data-center component,
    `forecasting.decompose.seasonal_data_center`) added to ``notes`` as lines naming the node,
    for the run to warn (a worker's own warnings never reach the user); every other warning
    is warned on as it came."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        try:
            yield
        finally:
            for w in caught:
                if issubclass(w.category, InputWarning):
                    notes.append(f"{node}: {w.message}")
                else:
                    warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


class TotalFailed(Exception):
    """A total's run refused its hours (too short a history to model, backtest or shape,
    or a setting its zones' histories allowed): the zones under it each ran with the same
    settings, so the cause is the hours they all cover, not the config; the message is the
    node's one-line reason."""


def _total_name(task: NodeTask) -> str:
    return f"total {task.node} ({task.level} level, sum of {len(task.leaves)} zones)"


def _total_failed(task: NodeTask, total: pd.Series, exc: Exception) -> TotalFailed:
    message = exc.message if isinstance(exc, InputError) else str(exc)
    evidence = total.dropna()
    span = (f"{evidence.index[0]:%Y-%m}..{evidence.index[-1]:%Y-%m}" if len(evidence)
            else "none")
    return TotalFailed(" ".join(
        f"{_total_name(task)}: its zones ran, but the hours they all cover with evidence "
        f"({span}; a total ends with the first zone to end and an hour is evidence only "
        f"where every zone has evidence) are too few for the same settings: {message}"
        .split()))


def _timed(result: NodeResult, seconds: float, notes: tuple[str, ...]) -> NodeResult:
    return NodeResult(**{**result.__dict__, "seconds": round(seconds, 3),
                         "input_warnings": notes})


#: a node's clock when its settings give none: the zone default (`ZoneConfig.timezone`)
DEFAULT_CLOCK = ZoneConfig.model_fields["timezone"].default


def node_clock(task: NodeTask) -> str:
    """The clock of the node's months and years: its settings' ``timezone`` (the plan gives
    each node its own, `forecasting.many_zones.plan.node_settings`), else the zone default,
    as its zone run takes it."""
    return task.settings.timezone or DEFAULT_CLOCK


def _run(task: NodeTask, notes: list[str]) -> NodeResult:
    """The node's result; a zone's reading warnings are added to ``notes`` as soon as its
    files are read, so that they reach the run even when the zone then fails."""
    quality = None
    if task.leaves == (task.node,):  # a zone: its history says what its file held
        with _file_mistakes():
            raws = task.read(list(task.files))
        notes.extend(local_clock_warnings(raws, config=True))
        with _file_mistakes():
            history = build_history(raws, node_clock(task))
        histories, quality = {task.node: history}, history.quality()
    else:  # a total: only the loads are kept (a top holds every zone's hours)
        histories = {leaf: build_history(task.read([path]))
                     for leaf, path in zip(task.leaves, task.files, strict=True)}
    loads = {leaf: h.load for leaf, h in histories.items()}
    imputed = {leaf: h.imputed for leaf, h in histories.items()}
    del histories
    total = _sum(list(loads.values()))
    if len(loads) > 1:  # a total covers the hours every zone under it covers
        total = total.loc[max(v.first_valid_index() for v in loads.values()):
                          min(v.last_valid_index() for v in loads.values())]
    total_imputed = imputed_of_total(list(loads.values()), list(imputed.values()),
                                     total.index)
    raw = RawSeries.from_series(total, source=f"sum of {len(loads)} zone file(s)",
                                imputed=total_imputed)
    scenario = "statistical-trend"
    large = None
    if task.large_loads is not None:
        history_start = total.index[0].tz_localize(None).to_period("M")
        with _file_mistakes():
            large = read_large_loads(task.large_loads, history_start)
        scenario = "vetted"
    settings = task.settings.model_dump(exclude_none=True)  # no clock given: the default
    if large is not None:
        settings["data_center"] = "decomposition"
    config = ZoneConfig(region=task.node, series=list(task.files), scenarios=[scenario],
                        large_loads=task.large_loads, seed=task.seed, **settings)
    try:
        with _input_warnings_kept(notes, task.node):
            run = run_zone(config, [raw], large)
    except (ZoneSettingError, InputError) as exc:
        if task.leaves == (task.node,):
            raise
        raise _total_failed(task, total, exc) from None
    paths = run.paths[scenario]["energy_gwh"]
    forecast = run.forecast
    months = tuple(p for p in dict.fromkeys(forecast["period"]) if len(p) == 7)
    peaks = forecast[forecast["metric"] == "peak_mw"].assign(scenario=SCENARIO)
    bt = run.backtest_forecasts
    chosen = bt[(bt["model"] == "selected") & (bt["metric"] == "energy_gwh")
                & (bt["period"].str.len() == 7)]  # monthly rows, every horizon
    # one error per (origin, period): with origins every few months, h = 1 alone would
    # leave MinT a handful of error periods
    errors = pd.Series((chosen["actual"] - chosen["p50"]).to_numpy(),
                       index=(chosen["origin"].astype(str) + "/"
                              + chosen["period"].astype(str)).to_numpy(), name=task.node)
    history = run.history.reset_index(drop=True)  # annual and monthly, as a zone run's
    monthly = run.history[run.history["period"].str.len() == 7].dropna(subset=["peak_mw"])
    # the forecast's calendar years and the December before (a winter's first month)
    monthly = monthly[monthly["period"] >= f"{int(months[0][:4]) - 1}-12"]
    # the run's peaks follow its coherent energy and its children's (`coherent_peaks`)
    peak_paths = {c: np.asarray(p, dtype=float) for c, p in run.paths[scenario]["peak_mw"].items()}
    annual = run.paths[scenario].get("annual_peak_mw")  # a zone run that gives its own
    annual_peak_paths = None if annual is None else {
        c: np.asarray(p, dtype=float) for c, p in annual.items()}
    return NodeResult(
        task.node, task.level, ok=True, months=months,
        energy_paths={**{c: np.asarray(paths[c], dtype=float) for c in ("base", "data_center")},
                      "new_data_center": np.asarray(
                          run.paths[scenario]["new_data_center_gwh"], dtype=float)},
        peak_rows=peaks.reset_index(drop=True), peak_paths=peak_paths,
        annual_peak_paths=annual_peak_paths, errors=errors,
        measured_peaks=dict(zip(monthly["period"], monthly["peak_mw"].astype(float),
                                strict=True)),
        backtest_summary=run.backtest_summary.assign(region=task.node),
        backtest_selected=bt[bt["model"] == "selected"].assign(region=task.node)
        .reset_index(drop=True),
        backtest_failures=_with_region(run.backtest_failures, task.node),
        history=history.assign(region=task.node),
        coincidence=_coincidence(task, loads, imputed, total, total_imputed, config.timezone),
        year_peaks=year_peaks(total, clock=config.timezone, imputed=total_imputed),
        season_peaks=_with_region(run.peaks.assign(scenario=SCENARIO), task.node),
        peak_check=_with_region(run.peak_check, task.node),
        data_center_known=large is not None,
        data_center_estimated=config.data_center != "none",
        quality=quality,
        zone_tables=(zone_tables_of(run, large, task.large_loads, scenario,
                                    estimated=config.data_center != "none")
                     if task.leaves == (task.node,) else None),
        clock=config.timezone,
    )


def _with_region(frame: pd.DataFrame, node: str) -> pd.DataFrame:
    return frame.assign(region=node)[["region", *frame.columns]].reset_index(drop=True)


def _sum(loads: list[pd.Series]) -> pd.Series:
    """Hourly sum; an hour is evidence only where every part has evidence."""
    frame = pd.concat(loads, axis=1, join="outer")
    return frame.sum(axis=1, min_count=frame.shape[1]).rename("mw")


def _coincidence(task: NodeTask, loads: dict, imputed: dict, total: pd.Series,
                 total_imputed: pd.Series, clock: str) -> pd.DataFrame | None:
    """coincidence.csv's rows of a total, its years and its children's on its ``clock``,
    peaks from measured hours (``imputed``: each leaf's hours its source imputed)."""
    if not task.children:
        return None
    child_peaks = {}
    for child, leaves in task.children:
        load = _sum([loads[leaf] for leaf in leaves])
        child_peaks[child] = year_peaks(
            load, clock=clock, imputed=imputed_of_total([loads[leaf] for leaf in leaves],
                                                        [imputed[leaf] for leaf in leaves],
                                                        load.index))
    return coincidence_rows(task.node, year_peaks(total, clock=clock, imputed=total_imputed),
                            child_peaks)


def year_peaks(load: pd.Series, *, clock: str, imputed: pd.Series) -> pd.DataFrame:
    """The calendar years of ``load`` on ``clock`` (`period_table` "Y", peaks of the hours
    not ``imputed``): ``peak_mw``, ``complete`` and ``peak_evidence``, whether the year's peak
    is evidence (`forecasting.seasons.year_peak_evidence` of its months)."""
    years = period_table(load, "Y", clock, imputed=imputed)[["peak_mw", "complete"]]
    evidence = year_peak_evidence(period_table(load, "M", clock, imputed=imputed))
    return years.assign(peak_evidence=evidence.reindex(years.index.year, fill_value=False)
                        .to_numpy(dtype=bool))


def coincidence_rows(node: str, years: pd.DataFrame,
                     child_peaks: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """coincidence.csv's rows of ``node``: per complete year of its hours (``years``,
    `year_peaks`) whose peak is evidence and whose peak every child's table (``child_peaks``:
    child -> its own `year_peaks`) holds as evidence, its peak over the sum of its
    children's (module docstring)."""
    rows = []
    for year, row in years[years["complete"] & years["peak_evidence"]].iterrows():
        parts = [t.loc[year, "peak_mw"] for t in child_peaks.values()
                 if year in t.index and t.loc[year, "peak_evidence"]]
        if len(parts) != len(child_peaks):
            continue
        rows.append({"region": node, "year": int(year.year), "peak_mw": row["peak_mw"],
                     "sum_of_children_peaks_mw": float(np.sum(parts)),
                     "children": len(parts),
                     "coincidence_factor": row["peak_mw"] / float(np.sum(parts))})
    return pd.DataFrame(rows, columns=COINCIDENCE_COLUMNS)
