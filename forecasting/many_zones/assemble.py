"""A many-zone run from its node results: coherent energy across the hierarchy, peaks fitted
to it, and the tables a run publishes.

Energy. Every node that ran has base-forecast sample paths of its monthly energy (total =
base + data center, `node_task`). The totals less any new load of a zone's large-load
pipeline (load no history shows, so no parent's model can: reconciling it would spread one
zone's contracts over every zone) are reconciled with MinT-shrink
(`forecasting.hierarchy.mint`; W from the nodes' backtest errors of `selected`, every
(origin, month) pair every node shares, horizons pooled), the same projection applied to
each sample path. A node with a single child (a region of one BA, a BA of one zone) is the
same load as its child: it is not a series of its own in the reconciliation
(`independent_nodes`) and gets its child's paths (its task is not run: it takes the result
of the node below, `forecasting.many_zones.same_load`). Each leaf's new pipeline load is then
added back to it, and so to every total above it. A leaf's reconciled base is its
reconciled total minus its data-center path (the data-center component is not reconciled:
it is the zone's own). Every node's
total, base and data center are then the sums of its leaves' reconciled paths, so a parent
equals the sum of its children on every path (and so in mean); quantiles are taken from
those summed paths. A parent whose own task failed is the plain sum of its leaves (it takes
no part in W). A node some zone under which did not estimate its data-center part (the
settings' ``data_center: none``) publishes its total alone, no base, data-center rows or
share (`forecasting.many_zones.data_center_source`).

Peaks do not add: `coincidence.csv` measures, per complete year of the history whose peaks
are evidence (`forecasting.seasons.year_peak_is_evidence`), a parent's peak over the sum of
its children's peaks. Each node's peaks start from its own run's (its
hourly load through the zone pipeline's weather years) and are fitted to the run by the rule
of `forecasting.many_zones.coherent_peaks`, on every path and month: its own
peak-to-average ratio on its coherent energy, the new pipeline load of the zones under it
(which a total's own model knows nothing of) as a flat block, so no peak is below its
average; a total between the largest of its children's peaks and their sum; a total with a
single child exactly its child's; a month partly in the history never below the hour
already measured in it. Annual peaks take the same rule (on the zone runs' own
annual peak paths when they give them, else each path's largest month of the year); the
50/50 and 90/10 season peaks (`peaks.csv`) take it too, keeping their place beside the
year's published annual peak P50 (never a larger 90/10 below it). A total whose own run
failed has its children's peaks summed (the most they can be together; zones.csv says so).
The held-out check of the peaks is each node's own run's.

zones.csv's backtest columns score what each node publishes, not its own model
(`forecasting.many_zones.published_backtest`): a zone's own backtest, a bottom-up total's
zones' P50s summed (on the backtest months it and its zones share), MinT's reconciled P50s
(on those every node shares), a single-child total its child's. MinT is published only
when that backtest reconciled every origin as the forecast would (`mint.mint_tested`) and
showed it helping at every level (`mint.mint_helps`).

Months: the forecast months every node shares (histories that end in different months are
cut to the common span); a year those months cover only in part has no annual row. The
reconciliation note says which and why (`months_note`), for the report to tell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from forecasting.contracts import FORECAST_COLUMNS
from forecasting.hierarchy.mint import bottom_up, mint_helps, mint_tested, projection, reconcile
from forecasting.hierarchy.tree import Hierarchy
from forecasting.many_zones.coherent_peaks import coherent_peak_paths, coherent_season_peaks
from forecasting.many_zones.data_center_source import (
    data_center_source,
    estimated_nodes,
    without_unestimated,
)
from forecasting.many_zones.node_task import COINCIDENCE_COLUMNS, SCENARIO, NodeResult
from forecasting.many_zones.published_backtest import (
    level_means,
    node_backtest_mase,
    published_scores,
    summed_backtest,
)
from forecasting.many_zones.zone_tables import published_zone_tables
from forecasting.zones.backtest_failures import FAILURE_COLUMNS
from forecasting.zones.history import UTC, hours_in
from forecasting.zones.peak_check import PEAK_CHECK_COLUMNS
from forecasting.zones.run import full_years
from forecasting.zones.weather_years import PEAKS_COLUMNS

QUANTILES = (0.05, 0.10, 0.50, 0.90, 0.95)
TABLE_YEARS = (2025, 2028, 2030)
ZONE_COLUMNS = ["region", "level", "parent", "status", "reason", "leaves", "data_center",
                *[f"{m}_{y}_{q}" for m in ("energy_gwh", "peak_mw") for y in TABLE_YEARS
                  for q in ("p10", "p50", "p90")],
                "data_center_share_2030", "backtest_mase", "backtest_coverage80", "backtest_of"]


@dataclass(frozen=True)
class ManyZonesRun:
    forecast: pd.DataFrame
    zones: pd.DataFrame
    coincidence: pd.DataFrame
    peaks: pd.DataFrame         # each node's 50/50 and 90/10 summer and winter peaks
    peak_check: pd.DataFrame    # each node's held-out years beside them
    backtest_summary: pd.DataFrame
    backtest_selected: pd.DataFrame
    history: pd.DataFrame
    reconciliation: dict
    failed: list[tuple[str, str]]   # (node, one-line reason)
    quality: dict[str, dict]        # zone -> what its file held (`ZoneHistory.quality`)
    seconds: dict[str, float]       # node -> seconds its task took (manifest only: timings
    # are not results, so the tables stay byte-identical run to run)
    zone_tables: dict[str, pd.DataFrame] = field(default_factory=dict)   # file name ->
    # the zones' own data-center tables, a ``region`` column first (`zone_tables`)
    backtest_failures: pd.DataFrame = field(default_factory=pd.DataFrame)   # each node's
    # backtest models that failed at an origin, a ``region`` column first


def assemble(hierarchy: Hierarchy, results: Sequence[NodeResult], region: str) -> ManyZonesRun:
    by_node = {r.node: r for r in results}
    failed = [(r.node, r.reason) for r in results if not r.ok]
    alive = hierarchy.without([n for n, _ in failed if n in hierarchy.leaves])
    if not alive.leaves:
        raise ValueError("every zone failed: " + "; ".join(f"{n}: {r}" for n, r in failed))
    ran = [n for n in alive.nodes if by_node.get(n) is not None and by_node[n].ok]
    months = _common_months([by_node[n] for n in ran])
    cut = {n: _cut(by_node[n], months) for n in ran}
    s_all = alive.summing_matrix()
    # a node with a single child is that child's load: one series, not a second forecast
    independent = independent_nodes(alive, ran)
    s = s_all[[alive.nodes.index(n) for n in independent]]
    errors = _error_matrix([by_node[n] for n in independent])
    p, note = projection(s, errors)
    note["nodes"] = len(independent)
    note["months"] = months_note(alive.leaves, by_node, ran, months)
    note["same_load"] = {n: next(m for m in alive.same_load_below(n) if m in independent)
                         for n in ran if n not in independent}
    by_node_mase, note["backtest_projection"] = node_backtest_mase(
        s_all[[alive.nodes.index(n) for n in ran]], [by_node[n] for n in ran], alive,
        independent)
    note["backtest"] = level_means(by_node_mase, alive)
    # the evidence decides: MinT only where the run's own backtest, reconciling as the
    # forecast would, shows it helping
    note["published"] = ("mint" if mint_tested(note["method"], note["backtest_projection"])
                         and mint_helps(note["backtest"]) else "bottom_up")
    if note["published"] == "bottom_up":
        p = bottom_up(s, [independent.index(leaf) for leaf in alive.leaves])
    # what the nodes' statistical models forecast: a leaf's new pipeline load is not in any
    # parent's history, so it is left out of the reconciliation and added to the leaf and
    # every total above it afterwards (else MinT spreads it over unrelated zones)
    new = {n: cut[n].get("new_data_center", np.zeros_like(cut[n]["base"])) for n in ran}
    totals = np.stack([cut[n]["base"] + cut[n]["data_center"] - new[n] for n in independent])
    reconciled = reconcile(p, totals)  # (k, n, m)
    leaf_rows = [independent.index(leaf) for leaf in alive.leaves]
    leaf_total = reconciled[leaf_rows] + np.stack([new[leaf] for leaf in alive.leaves])
    leaf_dc = np.stack([cut[leaf]["data_center"] for leaf in alive.leaves])
    node_total = np.tensordot(s_all, leaf_total, axes=(1, 0))
    node_dc = np.tensordot(s_all, leaf_dc, axes=(1, 0))
    node_base = node_total - node_dc
    period_index = pd.PeriodIndex(months, freq="M")
    years = full_years(period_index)
    added = large_load_added(alive.leaves, by_node, new, period_index, years)
    if added:
        note["large_load_added"] = added
    peak_paths, annual_paths, season_peaks = _coherent_peaks(
        alive, by_node, ran, cut, period_index, years,
        {"total": node_total, "base": node_base, "data_center": node_dc},
        np.tensordot(s_all, np.stack([new[leaf] for leaf in alive.leaves]), axes=(1, 0)))
    frames = []
    for i, node in enumerate(alive.nodes):
        energy = {"total": node_total[i], "base": node_base[i], "data_center": node_dc[i]}
        frames.append(_energy_rows(node, period_index, energy, node_clock(by_node, node)))
        result = by_node.get(node)
        if node in peak_paths:
            frames.append(_peak_rows(node, peak_paths[node], annual_paths[node],
                                     period_index, years))
        elif result is not None and result.ok:  # no peak paths of its own (`_coherent_peaks`)
            peaks = result.peak_rows
            keep = peaks["period"].isin(set(months) | {str(y) for y in years})
            if keep.any():  # no peak row of its own in the months: nothing to add (pandas
                # warns of an empty frame's dtypes in a concat, and would one day use them)
                frames.append(peaks[keep])
    forecast = pd.concat(frames, ignore_index=True)[FORECAST_COLUMNS]
    forecast = without_unestimated(_ordered(forecast, alive.nodes),
                                   estimated_nodes(alive, by_node))
    zones = _zone_table(hierarchy, alive, by_node, forecast, set(peak_paths),
                        published_scores(alive, by_node, ran, note, by_node_mase,
                                         summed_backtest([by_node[n] for n in ran], alive)))
    ok = [by_node[n] for n in ran]
    return ManyZonesRun(
        forecast=forecast, zones=zones,
        coincidence=_concat([r.coincidence for r in ok], COINCIDENCE_COLUMNS),
        peaks=_concat([season_peaks[n] if n in season_peaks else by_node[n].season_peaks
                       for n in alive.nodes if n in season_peaks or n in ran],
                      ["region", *PEAKS_COLUMNS]),
        peak_check=_concat([r.peak_check for r in ok], ["region", *PEAK_CHECK_COLUMNS]),
        backtest_summary=_concat([r.backtest_summary for r in ok]),
        backtest_selected=_concat([r.backtest_selected for r in ok]),
        backtest_failures=_concat([r.backtest_failures for r in ok],
                                  ["region", *FAILURE_COLUMNS]),
        history=_concat([r.history for r in ok]),
        reconciliation=note, failed=failed,
        quality={r.node: r.quality for r in sorted(results, key=lambda r: r.node)
                 if r.quality is not None},
        seconds={r.node: r.seconds for r in results},
        zone_tables=published_zone_tables(alive.leaves, by_node, SCENARIO),
    )


def large_load_added(leaves: Sequence[str], by_node: dict, new: dict,
                     months: pd.PeriodIndex, years: Sequence[int]) -> dict[str, dict]:
    """reconciliation.json's ``large_load_added``: per queue zone (in ``leaves``' order), the
    new load its pipeline adds in the run's last full year (``new``: zone -> (n, months)
    GWh, the load left out of the reconciliation and added back to the zone and every total
    above it): its average MW's P10, P50 and P90 over the paths. The report states it beside
    the zone's queue; the existing level the zone carries is pipeline.csv's."""
    if not years:
        return {}
    cols = np.asarray(months.year) == years[-1]
    out = {}
    for leaf in leaves:
        if leaf in new and by_node[leaf].data_center_known:
            hours = hours_in(months, by_node[leaf].clock)[cols].sum()
            mw = new[leaf][:, cols].sum(axis=1) * 1000.0 / hours
            p10, p50, p90 = (round(float(v), 4) for v in np.quantile(mw, (0.1, 0.5, 0.9)))
            out[leaf] = {"year": int(years[-1]), "avg_mw_p10": p10, "avg_mw_p50": p50,
                         "avg_mw_p90": p90}
    return out


def _coherent_peaks(alive: Hierarchy, by_node: dict, ran: Sequence[str], cut: dict,
                    months: pd.PeriodIndex, years: Sequence[int], energy: dict[str, np.ndarray],
                    new: np.ndarray):
    """(node -> monthly peak paths per component, node -> annual peak paths per component
    (n, ``years``), node -> season peaks) by the rule of `coherent_peaks` from the nodes' own
    peak paths (on the run's ``months``), their own and coherent energy (``energy``:
    component -> (nodes, n, months) GWh in ``alive``'s order) and the new pipeline load under
    each node (``new``, GWh, same order). Annual peaks take the rule on the year's averages
    when every node's run gives its own annual peak paths (the zone run's annual peak), else
    they are each path's largest month. A node whose result carries no peak paths (a result
    made without them; a task cache runs an older dcload's again, `NodeResult`) keeps its
    own rows and takes no part; a total whose own run failed takes its children's summed.
    The season peaks are placed beside each node's published annual peak P50 (from its own
    annual P50, when the annual rule ran on the zone runs' own annual peaks). A node's
    average MW is its energy over its months' hours on its clock (`node_clock`)."""
    index = {node: i for i, node in enumerate(alive.nodes)}
    clock = {node: node_clock(by_node, node) for node in alive.nodes}
    gwh = {node: hours_in(months, clock[node]) / 1000.0 for node in alive.nodes}
    average = {node: {c: energy[c][i] / gwh[node] for c in energy} for node, i in index.items()}
    under = {node: new[i] / gwh[node] for node, i in index.items()}
    own, own_new, peaks, annual_peaks, seasons = {}, {}, {}, {}, {}
    measured = {node: by_node[node].measured_peaks or {} for node in ran}
    floor = {node: np.asarray([m.get(str(p), -np.inf) for p in months])
             for node, m in measured.items()}
    for node in ran:
        result, paths, hours = by_node[node], cut[node], gwh[node]
        own[node] = {"base": paths["base"] / hours, "data_center": paths["data_center"] / hours,
                     "total": (paths["base"] + paths["data_center"]) / hours}
        own_new[node] = paths.get("new_data_center", np.zeros_like(paths["base"])) / hours
        if result.peak_paths is not None:
            position = [result.months.index(str(m)) for m in months]
            peaks[node] = {c: np.asarray(p)[:, position] for c, p in result.peak_paths.items()}
            if result.annual_peak_paths is not None:
                first = int(pd.Period(result.months[0], freq="M").year)
                annual_peaks[node] = {c: np.asarray(p)[:, [y - first for y in years]]
                                      for c, p in result.annual_peak_paths.items()}
        if result.season_peaks is not None:
            seasons[node] = result.season_peaks
    paths = coherent_peak_paths(alive, peaks, own, own_new, average, under, floor)
    if set(annual_peaks) == set(peaks):
        def yearly(values, node):
            return _annual_average(values, months, years, clock=clock[node])
        annual = coherent_peak_paths(
            alive, annual_peaks,
            {n: {c: yearly(v, n) for c, v in o.items()} for n, o in own.items()},
            {n: yearly(v, n) for n, v in own_new.items()},
            {n: {c: yearly(v, n) for c, v in a.items()} for n, a in average.items()},
            {n: yearly(v, n) for n, v in under.items()},
            {n: _annual_average(f[None, :], months, years, largest=True)[0]
             for n, f in floor.items()})
        # a year's data-center peak is at least each of its months' on the same path (a
        # total's data centers, a flat block, had an annual peak of the year's average,
        # below December's on a ramping pipeline: ERCO 2028 P50 2,437 MW against 2,519;
        # fuzz 10a D1). The total and base keep the zone runs' own annual peaks, which are
        # the year's largest hour at the path's level, not the largest of its noisy months
        for node, mine in annual.items():
            if node in paths:
                mine["data_center"] = np.maximum(mine["data_center"], _annual_average(
                    paths[node]["data_center"], months, years, largest=True))
    else:
        annual = {node: {c: _annual_average(p, months, years, largest=True)
                         for c, p in mine.items()} for node, mine in paths.items()}
    season_peaks = coherent_season_peaks(
        alive, seasons, months, {n: own[n]["total"] for n in own}, own_new,
        {n: a["total"] for n, a in average.items()}, under, measured,
        annual_own=({n: _annual_p50(v, years) for n, v in annual_peaks.items()}
                    if set(annual_peaks) == set(peaks) else None),
        annual={n: _annual_p50(v, years) for n, v in annual.items()})
    return paths, annual, season_peaks


def node_clock(by_node: dict, node: str) -> str:
    """The clock of a node's months (its result's, `NodeResult.clock`; UTC for a node with
    no result)."""
    result = by_node.get(node)
    return UTC if result is None else result.clock


def _annual_p50(paths: dict[str, np.ndarray], years: Sequence[int]) -> dict[int, float]:
    """year -> the P50 of a node's annual total peak paths (n, ``years``)."""
    return {int(y): float(v) for y, v in zip(years, np.median(paths["total"], axis=0),
                                              strict=True)}


def _annual_average(values: np.ndarray, months: pd.PeriodIndex, years: Sequence[int], *,
                    largest: bool = False, clock: str = UTC) -> np.ndarray:
    """(n, len(years)): each year's hour-weighted average of monthly MW ``values`` (n,
    months; hours on ``clock``), or with ``largest`` its largest month."""
    month_years = np.asarray(months.year)
    hours = hours_in(months, clock)
    out = np.zeros((values.shape[0], len(years)))
    for j, year in enumerate(years):
        cols = month_years == year
        out[:, j] = values[:, cols].max(axis=1) if largest else \
            values[:, cols] @ (hours[cols] / hours[cols].sum())
    return out


def _peak_rows(node: str, paths: dict[str, np.ndarray], annual: dict[str, np.ndarray],
               months: pd.PeriodIndex, years: Sequence[int]) -> pd.DataFrame:
    """A node's peak_mw rows: the quantiles of its annual peak paths (n, ``years``) and of
    its monthly peak paths."""
    rows = []
    for component in ("total", "base", "data_center"):
        rows.append(_quantile_rows(annual[component], [str(y) for y in years], node, component,
                                   "peak_mw"))
        rows.append(_quantile_rows(paths[component], [str(m) for m in months], node, component,
                                   "peak_mw"))
    return pd.concat(rows, ignore_index=True)[FORECAST_COLUMNS]


def months_note(leaves: Sequence[str], by_node: dict, ran: Sequence[str],
                months: Sequence[str]) -> dict:
    """reconciliation.json's ``months``: the forecast months every node shares (``first``,
    ``last``), the calendar years they cover only in part (``partial_years``: no annual
    figures), the earliest first month of any node's own forecast (``earliest_start``) and
    the zones whose own forecasts start later (``later_start``: zone -> its first month).
    Those zones' files end later than the others', and every node is cut to start with
    the last of them: one longer file can take a forecast year's annual figures from every
    node, which the report then says rather than leaving the year blank."""
    starts = {n: by_node[n].months[0] for n in ran}
    earliest = min(starts.values())
    full = set(full_years(pd.PeriodIndex(months, freq="M")))
    return {"first": months[0], "last": months[-1],
            "partial_years": sorted({int(m[:4]) for m in months} - full),
            "earliest_start": earliest,
            "later_start": {leaf: starts[leaf] for leaf in leaves
                            if leaf in starts and starts[leaf] > earliest}}


def _common_months(results: Sequence[NodeResult]) -> list[str]:
    common = set(results[0].months)
    for r in results[1:]:
        common &= set(r.months)
    return sorted(common)


def _cut(result: NodeResult, months: list[str]) -> dict[str, np.ndarray]:
    position = [result.months.index(m) for m in months]
    return {c: paths[:, position] for c, paths in result.energy_paths.items()}


def independent_nodes(hierarchy: Hierarchy, ran: Sequence[str]) -> list[str]:
    """The nodes of ``ran`` that enter the reconciliation as forecasts of their own: all but
    a node with a single child whose load (`Hierarchy.same_load_below`) a node below it
    that ran already forecasts. A region of one BA, or a BA of one zone, is the same hours
    of the same load as its child; its own model's forecast is a second draw of that load,
    not evidence about it, and MinT (whose shrunk W takes the two errors as nearly
    independent) would average the two and move the zone by the difference. It gets its
    child's reconciled paths (its row of S). Leaves are always independent; a single-child
    total whose chain below failed stands for that load itself."""
    ran_set = set(ran)
    return [n for n in ran if not any(m in ran_set for m in hierarchy.same_load_below(n))]


def reconciliation_backtest(summing: np.ndarray, results: Sequence[NodeResult],
                            hierarchy: Hierarchy) -> list[dict]:
    """Did reconciliation help? Per level, the mean MASE of the nodes' `selected` monthly
    energy P50 in the backtest, as forecast (``mase_base``), as its leaves' forecasts summed
    (``mase_bottom_up``; a leaf's own) and after MinT (``mase_reconciled``); `mint_helps`
    reads it to choose what the run publishes. Each node's are
    `published_backtest.node_backtest_mase` (honest out of sample, over the (origin, month)
    pairs every node has), only `independent_nodes` reconciled, as in the forecast (how each
    origin was reconciled is its second value, reconciliation.json's
    ``backtest_projection``).
    ``summing`` has a row per result (its node's leaves) and a column per leaf of
    ``hierarchy``, every leaf among the results."""
    independent = independent_nodes(hierarchy, [r.node for r in results])
    by_node, _ = node_backtest_mase(summing, results, hierarchy, independent)
    return level_means(by_node, hierarchy)


def _error_matrix(results: Sequence[NodeResult]) -> np.ndarray | None:
    frame = pd.concat([r.errors for r in results], axis=1, join="inner")
    return frame.to_numpy(dtype=float) if len(frame) else None


def _quantile_rows(values, periods, region, component, metric) -> pd.DataFrame:
    qs = np.quantile(values, QUANTILES, axis=0)
    columns = {"region": region, "scenario": SCENARIO, "component": component,
               "period": list(periods), "metric": metric, "mean": values.mean(axis=0)}
    columns.update(zip(("p05", "p10", "p50", "p90", "p95"), qs, strict=True))
    return pd.DataFrame(columns)  # at once: a column at a time is most of a run's assembly


def _energy_rows(node: str, months: pd.PeriodIndex, energy: dict, clock: str = UTC
                 ) -> pd.DataFrame:
    """A node's energy_gwh and avg_mw rows: average MW over its months' hours on its
    ``clock``."""
    years = np.asarray(months.year)
    labels = full_years(months)  # no annual row for a year forecast only in part
    hours = hours_in(months, clock)
    rows = []
    for component, paths in energy.items():
        annual = np.stack([paths[:, years == y].sum(axis=1) for y in labels], axis=1)
        annual_hours = np.asarray([hours[years == y].sum() for y in labels])
        for metric, a, m in (("energy_gwh", annual, paths),
                             ("avg_mw", annual * 1000.0 / annual_hours, paths * 1000.0 / hours)):
            rows.append(_quantile_rows(a, [str(y) for y in labels], node, component, metric))
            rows.append(_quantile_rows(m, [str(p) for p in months], node, component, metric))
    return pd.concat(rows, ignore_index=True)


def _ordered(forecast: pd.DataFrame, nodes: Sequence[str]) -> pd.DataFrame:
    """Rows by node (hierarchy order), metric, component, annual before monthly, period."""
    order = {n: i for i, n in enumerate(nodes)}
    metric = {"energy_gwh": 0, "avg_mw": 1, "peak_mw": 2}
    component = {"total": 0, "base": 1, "data_center": 2}
    key = pd.DataFrame({
        "n": forecast["region"].map(order), "m": forecast["metric"].map(metric),
        "c": forecast["component"].map(component),
        "monthly": forecast["period"].str.len() > 4, "p": forecast["period"]})
    return forecast.loc[key.sort_values(["n", "m", "c", "monthly", "p"], kind="stable").index] \
        .reset_index(drop=True)


def _zone_table(full: Hierarchy, alive: Hierarchy, by_node: dict,
                forecast: pd.DataFrame, with_peaks: set[str],
                scores: dict[str, dict]) -> pd.DataFrame:
    """zones.csv (`forecasting.many_zones.tables`); ``scores``: node -> the backtest of the
    forecast it publishes (`published_backtest.published_scores`), never its own model's
    when it publishes another (a total's zones summed, MinT's, a same-load child's)."""
    rows = []
    annual = forecast[(forecast["period"].str.len() == 4)]
    for node in full.nodes:
        result = by_node.get(node)
        under = len(full.leaves_under(node))
        included = len(alive.leaves_under(node)) if node in alive.nodes else 0
        row = {"region": node, "level": full.level[node], "parent": full.parent.get(node, ""),
               "leaves": included if node in alive.nodes else under}
        # a total some of whose zones failed is of the others: say so beside its numbers
        partial = (f"{under - included} of its {under} zones failed; its numbers are the "
                   f"other {included}'s") if node in alive.nodes and included < under else ""
        if node not in alive.nodes:
            row.update(status="failed", reason=result.reason if result else "no zone left")
        elif result is None or not result.ok:
            peaks = ("peaks: sum of its children's peaks on every path, the most they can be "
                     "together, as no coincidence of its own hours is known" if node in
                     with_peaks else "no peaks: a node under it has none")
            row.update(status="sum of zones",
                       reason="; ".join(filter(None, [
                           (result.reason if result else "")
                           + f" (energy: sum of its zones; {peaks})", partial])))
        else:
            row.update(status="ok", reason=partial)
        if node in alive.nodes:  # a total's data center is its zones', whether it ran or not
            row["data_center"] = data_center_source(node, alive, by_node)
        row.update(scores.get(node, {}))
        mine = annual[annual["region"] == node]
        for metric in ("energy_gwh", "peak_mw"):
            part = mine[(mine["metric"] == metric) & (mine["component"] == "total")]
            part = part.set_index("period")
            for year in TABLE_YEARS:
                if str(year) in part.index:
                    for q in ("p10", "p50", "p90"):
                        row[f"{metric}_{year}_{q}"] = float(part.loc[str(year), q])
        energy = mine[(mine["metric"] == "energy_gwh") & (mine["period"] == "2030")]
        by = energy.set_index("component")["mean"]
        if "data_center" in by.index:  # none where it was not estimated (`data_center_source`)
            row["data_center_share_2030"] = float(by["data_center"] / by["total"])
        rows.append(row)
    return pd.DataFrame(rows).reindex(columns=ZONE_COLUMNS)


def _concat(frames, columns: list[str] | None = None) -> pd.DataFrame:
    """The frames stacked; with none, an empty table with ``columns`` (its file keeps a header,
    so a reader sees an empty table rather than an empty file)."""
    frames = [f for f in frames if f is not None and not f.empty]
    if frames:
        return pd.concat(frames, ignore_index=True)
    return pd.DataFrame(columns=columns) if columns else pd.DataFrame()
