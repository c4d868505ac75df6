"""A many-zone run from its node results: coherent energy across the hierarchy, each node's
own peaks, and the tables a run publishes.

Energy. Every node that ran has base-forecast sample paths of its monthly energy (total =
base + data center, `node_task`). The totals less any new load of a zone's large-load
pipeline (load no history shows, so no parent's model can: reconciling it would spread one
zone's contracts over every zone) are reconciled with MinT-shrink
(`forecasting.hierarchy.mint`; W from the nodes' backtest errors of `selected`, every
(origin, month) pair every node shares, horizons pooled), the same projection applied to
each sample path; each leaf's new pipeline load is then added back to it, and so to every
total above it. A leaf's reconciled base is its reconciled total minus its data-center
path (the data-center component is not reconciled: it is the zone's own). Every node's
total, base and data center are then the sums of its leaves' reconciled paths, so a parent
equals the sum of its children on every path (and so in mean); quantiles are taken from
those summed paths. A parent whose own task failed is the plain sum of its leaves (it takes
no part in W).

Peaks do not add: each node's peak rows are its own run's (its summed hourly load through
the zone pipeline's weather years), as are its 50/50 and 90/10 season peaks and their
held-out check, and `coincidence.csv` measures, per complete year of the history, a parent's
peak over the sum of its children's peaks. A total's own model knows no zone's large-load
pipeline, so the new pipeline load of the zones under it is added to its peaks as a flat
block (the zones' average MW of it, per path and month; the zone run adds its data-center
load with a diurnal swing, which a total's block leaves out, so the total's peak is if
anything low): to its monthly total peak paths before the quantiles (a flat block moves the
month's largest hour by itself; annual peaks are then each path's largest month), and to its
season peaks the block's average over the season's forecast months, at
the median path for the 50/50, 90/10 and weather band, its P10 and P90 over paths for the
growth band (as if the pipeline's draw moved with the total's growth: a band if anything
wide). Such a total's data-center peak is its zones' data-center load, the same paths as
its data-center energy, at each month's average MW (a flat block again: that energy is its
zones', not its own model's, and the new pipeline load alone left out the zones' data
centers already in the history, a peak below the average). A total with no pipeline zone
under it is published as its own run.

Months: the forecast months every node shares (histories that end in different months are
cut to the common span); a year those months cover only in part has no annual row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from forecasting.contracts import FORECAST_COLUMNS
from forecasting.hierarchy.mint import projection, reconcile
from forecasting.hierarchy.tree import Hierarchy
from forecasting.many_zones.node_task import COINCIDENCE_COLUMNS, SCENARIO, NodeResult
from forecasting.zones.history import hours_in
from forecasting.zones.peak_check import PEAK_CHECK_COLUMNS
from forecasting.zones.run import full_years
from forecasting.zones.weather_years import PEAKS_COLUMNS, SEASONS

QUANTILES = (0.05, 0.10, 0.50, 0.90, 0.95)
TABLE_YEARS = (2025, 2028, 2030)
ZONE_COLUMNS = ["region", "level", "parent", "status", "reason", "leaves", "data_center",
                *[f"{m}_{y}_{q}" for m in ("energy_gwh", "peak_mw") for y in TABLE_YEARS
                  for q in ("p10", "p50", "p90")],
                "data_center_share_2030", "backtest_mase", "backtest_coverage80"]


@dataclass(frozen=True)
class ManyZonesRun:
    forecast: pd.DataFrame
    zones: pd.DataFrame
    coincidence: pd.DataFrame
    peaks: pd.DataFrame         # each node's own 50/50 and 90/10 summer and winter peaks
    peak_check: pd.DataFrame    # each node's held-out years beside them
    backtest_summary: pd.DataFrame
    backtest_selected: pd.DataFrame
    history: pd.DataFrame
    reconciliation: dict
    failed: list[tuple[str, str]]   # (node, one-line reason)
    quality: dict[str, dict]        # zone -> what its file held (`ZoneHistory.quality`)
    seconds: dict[str, float]       # node -> seconds its task took (manifest only: timings
    # are not results, so the tables stay byte-identical run to run)


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
    rows_ran = [alive.nodes.index(n) for n in ran]
    s = s_all[rows_ran]
    errors = _error_matrix([by_node[n] for n in ran])
    p, note = projection(s, errors)
    note["nodes"] = len(ran)
    note["backtest"] = reconciliation_backtest(s, [by_node[n] for n in ran], alive)
    # what the nodes' statistical models forecast: a leaf's new pipeline load is not in any
    # parent's history, so it is left out of the reconciliation and added to the leaf and
    # every total above it afterwards (else MinT spreads it over unrelated zones)
    new = {n: cut[n].get("new_data_center", np.zeros_like(cut[n]["base"])) for n in ran}
    totals = np.stack([cut[n]["base"] + cut[n]["data_center"] - new[n] for n in ran])
    reconciled = reconcile(p, totals)  # (k, n, m)
    leaf_rows = [ran.index(leaf) for leaf in alive.leaves]
    leaf_total = reconciled[leaf_rows] + np.stack([new[leaf] for leaf in alive.leaves])
    leaf_dc = np.stack([cut[leaf]["data_center"] for leaf in alive.leaves])
    node_total = np.tensordot(s_all, leaf_total, axes=(1, 0))
    node_dc = np.tensordot(s_all, leaf_dc, axes=(1, 0))
    node_base = node_total - node_dc
    period_index = pd.PeriodIndex(months, freq="M")
    years = full_years(period_index)
    block = {node: b for node in ran if node not in alive.leaves
             if (b := _pipeline_block(by_node[node], alive.leaves_under(node), by_node))
             is not None}
    frames = []
    for i, node in enumerate(alive.nodes):
        energy = {"total": node_total[i], "base": node_base[i], "data_center": node_dc[i]}
        frames.append(_energy_rows(node, period_index, energy))
        result = by_node.get(node)
        if result is not None and result.ok:
            peaks = result.peak_rows
            if node in block:
                peaks = _peak_rows_with(result, block[node], years, _average_mw(
                    node_dc[i], months, result.months))
            keep = peaks["period"].isin(set(months) | {str(y) for y in years})
            if keep.any():  # no peak row of its own in the months: nothing to add (pandas
                # warns of an empty frame's dtypes in a concat, and would one day use them)
                frames.append(peaks[keep])
    forecast = pd.concat(frames, ignore_index=True)[FORECAST_COLUMNS]
    forecast = _ordered(forecast, alive.nodes)
    zones = _zone_table(hierarchy, alive, by_node, forecast)
    ok = [by_node[n] for n in ran]
    return ManyZonesRun(
        forecast=forecast, zones=zones,
        coincidence=_concat([r.coincidence for r in ok], COINCIDENCE_COLUMNS),
        peaks=_concat([_season_peaks_with(r, block[r.node]) if r.node in block
                       else r.season_peaks for r in ok], ["region", *PEAKS_COLUMNS]),
        peak_check=_concat([r.peak_check for r in ok], ["region", *PEAK_CHECK_COLUMNS]),
        backtest_summary=_concat([r.backtest_summary for r in ok]),
        backtest_selected=_concat([r.backtest_selected for r in ok]),
        history=_concat([r.history for r in ok]),
        reconciliation=note, failed=failed,
        quality={r.node: r.quality for r in sorted(results, key=lambda r: r.node)
                 if r.quality is not None},
        seconds={r.node: r.seconds for r in results},
    )


def _pipeline_block(parent: NodeResult, leaves: Sequence[str],
                    by_node: dict) -> np.ndarray | None:
    """(n, parent's months) MW: the new pipeline load of the zones under ``parent``, summed
    (a zone's monthly GWh as average MW; zero in a month a zone does not forecast); None
    when no zone under it has any, or the total has no peak paths (a result with no peak
    rows of its own: nothing to add to)."""
    if parent.peak_paths is None:
        return None
    hours = hours_in(pd.PeriodIndex(parent.months, freq="M"))
    block = None
    for leaf in leaves:
        result = by_node.get(leaf)
        new = (result.energy_paths or {}).get("new_data_center") if result is not None \
            and result.ok else None
        if new is None or not np.any(new):
            continue
        if block is None:
            block = np.zeros((new.shape[0], len(parent.months)))
        position = {m: i for i, m in enumerate(result.months)}
        for j, month in enumerate(parent.months):
            if month in position:
                block[:, j] += new[:, position[month]] * 1000.0 / hours[j]
    return block


def _average_mw(energy: np.ndarray, months: Sequence[str], on: Sequence[str]) -> np.ndarray:
    """(n, len(on)) MW: paths of monthly GWh over `months` as each month's average MW, at the
    months of `on` (zero in a month of `on` that `months` lacks)."""
    hours = hours_in(pd.PeriodIndex(months, freq="M"))
    position = {m: j for j, m in enumerate(months)}
    out = np.zeros((energy.shape[0], len(on)))
    for k, month in enumerate(on):
        if month in position:
            out[:, k] = energy[:, position[month]] * 1000.0 / hours[position[month]]
    return out


def _peak_rows_with(parent: NodeResult, block: np.ndarray, years,
                    data_center: np.ndarray) -> pd.DataFrame:
    """A total's peak_mw rows with its zones' new pipeline load: per path and month, the
    block's average MW added to its own total peak (a flat block moves the month's largest
    hour by itself); its data-center peak is `data_center`, its zones' data-center load as
    the month's average MW (the energy rows' data center, which its own model does not hold:
    a flat block, so if anything low); annual peaks the largest month of each path's year;
    quantiles then, as the zone run takes them."""
    months = pd.PeriodIndex(parent.months, freq="M")
    paths = dict(parent.peak_paths)
    paths["total"] = paths["total"] + block
    paths["data_center"] = data_center
    month_years = np.asarray(months.year)
    rows = []
    for component in ("total", "base", "data_center"):
        p = paths[component]
        annual = np.stack([p[:, month_years == y].max(axis=1) for y in years], axis=1) \
            if len(years) else np.zeros((p.shape[0], 0))
        rows.append(_quantile_rows(annual, [str(y) for y in years], parent.node, component,
                                   "peak_mw"))
        rows.append(_quantile_rows(p, [str(m) for m in months], parent.node, component,
                                   "peak_mw"))
    return pd.concat(rows, ignore_index=True)[FORECAST_COLUMNS]


def _season_peaks_with(parent: NodeResult, block: np.ndarray) -> pd.DataFrame:
    """A total's season peaks with its zones' new pipeline load: each season's block, its
    average MW over the season's forecast months, added to the peaks; at the median path
    (as the 50/50 and 90/10 are taken) to the weather columns, its P10 and P90 over the
    paths to the growth band's."""
    months = pd.PeriodIndex(parent.months, freq="M")
    peaks = parent.season_peaks.copy()
    for i, row in peaks.iterrows():
        cols = np.flatnonzero((np.asarray(months.year) == row["year"])
                              & np.isin(months.month, SEASONS[row["season"]]))
        if len(cols) == 0:
            continue
        season = block[:, cols].mean(axis=1)
        mid = float(np.median(block, axis=0)[cols].mean())
        for column in ("peak_50_50_mw", "peak_90_10_mw", "weather_p05_mw", "weather_p95_mw"):
            peaks.loc[i, column] = row[column] + mid
        peaks.loc[i, "growth_p10_mw"] = row["growth_p10_mw"] + float(np.quantile(season, 0.1))
        peaks.loc[i, "growth_p90_mw"] = row["growth_p90_mw"] + float(np.quantile(season, 0.9))
    return peaks


def _common_months(results: Sequence[NodeResult]) -> list[str]:
    common = set(results[0].months)
    for r in results[1:]:
        common &= set(r.months)
    return sorted(common)


def _cut(result: NodeResult, months: list[str]) -> dict[str, np.ndarray]:
    position = [result.months.index(m) for m in months]
    return {c: paths[:, position] for c, paths in result.energy_paths.items()}


def reconciliation_backtest(summing: np.ndarray, results: Sequence[NodeResult],
                            hierarchy: Hierarchy) -> list[dict]:
    """Did reconciliation help? Per level, the mean MASE of the nodes' `selected` monthly
    energy P50 in the backtest, as forecast and after MinT. Honest out of sample: the rows of
    each origin are reconciled with a projection whose W comes from the other origins' errors
    only. Only the (origin, month) pairs every node has are used."""
    frames = []
    for r in results:
        rows = r.backtest_selected
        if rows is None or rows.empty:
            return []
        rows = rows[(rows["metric"] == "energy_gwh") & (rows["period"].str.len() == 7)]
        frames.append(rows.set_index(["origin", "period"])[["actual", "p50", "mase_scale"]]
                      .add_prefix(f"{r.node}|"))
    table = pd.concat(frames, axis=1, join="inner")
    if table.empty:
        return []
    nodes = [r.node for r in results]
    actual = np.stack([table[f"{n}|actual"].to_numpy() for n in nodes], axis=1)
    p50 = np.stack([table[f"{n}|p50"].to_numpy() for n in nodes], axis=1)
    scale = np.stack([table[f"{n}|mase_scale"].to_numpy() for n in nodes], axis=1)
    origins = table.index.get_level_values("origin").to_numpy()
    reconciled = np.empty_like(p50)
    for origin in np.unique(origins):
        mine = origins == origin
        others = actual[~mine] - p50[~mine]
        p, _ = projection(summing, others if len(others) else None)
        reconciled[mine] = reconcile(p, p50[mine].T).T
    with np.errstate(divide="ignore", invalid="ignore"):
        before = np.nanmean(np.abs(actual - p50) / scale, axis=0)
        after = np.nanmean(np.abs(actual - reconciled) / scale, axis=0)
    out = []
    for level in ("top", "region", "ba", "zone"):
        pick = [i for i, n in enumerate(nodes) if hierarchy.level[n] == level]
        if pick:
            out.append({"level": level, "nodes": len(pick),
                        "mase_base": round(float(np.nanmean(before[pick])), 4),
                        "mase_reconciled": round(float(np.nanmean(after[pick])), 4)})
    return out


def _error_matrix(results: Sequence[NodeResult]) -> np.ndarray | None:
    frame = pd.concat([r.errors for r in results], axis=1, join="inner")
    return frame.to_numpy(dtype=float) if len(frame) else None


def _quantile_rows(values, periods, region, component, metric) -> pd.DataFrame:
    qs = np.quantile(values, QUANTILES, axis=0)
    frame = pd.DataFrame({"region": region, "scenario": SCENARIO, "component": component,
                          "period": list(periods), "metric": metric,
                          "mean": values.mean(axis=0)})
    for name, row in zip(("p05", "p10", "p50", "p90", "p95"), qs, strict=True):
        frame[name] = row
    return frame


def _energy_rows(node: str, months: pd.PeriodIndex, energy: dict) -> pd.DataFrame:
    years = np.asarray(months.year)
    labels = full_years(months)  # no annual row for a year forecast only in part
    hours = np.asarray(months.days_in_month, dtype=float) * 24.0
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
                forecast: pd.DataFrame) -> pd.DataFrame:
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
            row.update(status="sum of zones",
                       reason="; ".join(filter(None, [
                           (result.reason if result else "") + " (energy: sum of its zones)",
                           partial])))
        else:
            row.update(status="ok", reason=partial)
        if node in alive.nodes:  # a total's data center is its zones', whether it ran or not
            row["data_center"] = _data_center_source(node, alive, by_node)
        if result is not None and result.ok:
            summary = result.backtest_summary
            chosen = summary[(summary["model"] == "selected")
                             & (summary["metric"] == "energy_gwh")
                             & (summary.get("frequency", "monthly") == "monthly")]
            if not chosen.empty:
                weights = chosen["n"].astype(float)
                row["backtest_mase"] = float((chosen["MASE"] * weights).sum() / weights.sum())
                row["backtest_coverage80"] = float((chosen["coverage80"] * weights).sum()
                                                   / weights.sum())
        mine = annual[annual["region"] == node]
        for metric in ("energy_gwh", "peak_mw"):
            part = mine[(mine["metric"] == metric) & (mine["component"] == "total")]
            part = part.set_index("period")
            for year in TABLE_YEARS:
                if str(year) in part.index:
                    for q in ("p10", "p50", "p90"):
                        row[f"{metric}_{year}_{q}"] = float(part.loc[str(year), q])
        energy = mine[(mine["metric"] == "energy_gwh") & (mine["period"] == "2030")]
        if not energy.empty:
            by = energy.set_index("component")["mean"]
            row["data_center_share_2030"] = float(by["data_center"] / by["total"])
        rows.append(row)
    return pd.DataFrame(rows).reindex(columns=ZONE_COLUMNS)


def _data_center_source(node: str, alive: Hierarchy, by_node: dict) -> str:
    """Where a node's data-center energy comes from: a zone's own trend or large-load
    pipeline; a total's is the sum of its zones' (`assemble`), so it names theirs."""
    if node in alive.leaves:
        return "large-load pipeline" if by_node[node].data_center_known else "trend"
    leaves = alive.leaves_under(node)
    piped = sum(by_node[leaf].data_center_known for leaf in leaves)
    if piped == 0:
        return "trend"
    if piped == len(leaves):
        return "large-load pipeline of its zones"
    return f"trend + large-load pipeline of {piped} of its {len(leaves)} zones"


def _concat(frames, columns: list[str] | None = None) -> pd.DataFrame:
    """The frames stacked; with none, an empty table with ``columns`` (its file keeps a header,
    so a reader sees an empty table rather than an empty file)."""
    frames = [f for f in frames if f is not None and not f.empty]
    if frames:
        return pd.concat(frames, ignore_index=True)
    return pd.DataFrame(columns=columns) if columns else pd.DataFrame()
