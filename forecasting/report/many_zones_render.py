"""Render the report of a many-zone run: the top's energy and peak, every region's energy,
a sortable table of every node (zone, BA, region, top) with a detail section each, the
failed zones with their reasons, how the totals were made coherent and how peaks coincide;
one self-contained page like the other reports.

A node whose data-center part was not estimated (forecast.csv has no data-center rows of
it: `forecasting.many_zones.data_center_source`) reads "not estimated" where a share or a
data-center energy would be, never a 0%; a run where no node estimated it has no
data-center energy column at all.

The table's MASE and 80% coverage are what zones.csv gives: the backtest of the forecast each
node publishes, its ``backtest_of`` shown with it (`forecasting.many_zones.published_backtest`).
A run published before that column scored every total's own model, which it did not publish:
its page says so (``scored_as_published`` false).

A total some of whose zones failed holds only the others: its status in the table says how
many of its zones failed and which, and the headline says so of the top (`failed_zones`),
not only the details and zones.csv's ``reason``.

A zone with a large-load queue has an entry in the queues section (`many_zones_queues`: its
contracts by stage, contracted MW, the new load its pipeline adds in the last year and the
existing level it carries, with the zone report's stage table and sentences); a total only
some of whose zones estimated their data-center part says whose data centers it holds, where
it read "not estimated" (`many_zones_held_data_centers`).

Years (`many_zones_years`): the headline and detail tables show the usual years the run
forecasts and its last; the node table's peak, season peaks and data-center share are of
2030, or of the run's last year when it ends before (its energy columns run up to that year).

Every total is named with how many zones it sums (`many_zones_totals`): the headline says its
totals are this run's zones only, not the published totals of those names.

A node some of whose backtest models failed at some origins (backtest_failures.csv) says
which, at how many origins and what `selected` did there in its details, as a zone report
does, and a line by the node table names those nodes (`many_zones_backtest_failures`).

A forecast year with no annual figures (the months every node forecasts cover it only in
part, most often because one zone's file ends later than the others') is named under the
headline with the reason (`missing_years`), rather than left as a blank "-"."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from forecasting.many_zones.total_imputed_hours import IMPUTED_SHARE_MEASURED
from forecasting.report import number_format, zone_figures
from forecasting.report.figures import LAYOUT, PALETTE
from forecasting.report.many_zones_backtest_failures import (
    backtested_nodes,
    failed_nodes_text,
    node_failure_sentences,
)
from forecasting.report.many_zones_files import NOT_ESTIMATED, ManyZonesFiles
from forecasting.report.many_zones_held_data_centers import held_text, mixed_totals
from forecasting.report.many_zones_queues import queue_entries
from forecasting.report.many_zones_totals import headline_scope, scope, zones_summed
from forecasting.report.many_zones_years import (
    headline_years,
    node_cells,
    node_table_years,
    run_years,
    years_note,
)
from forecasting.report.render import _environment, _figure_json
from forecasting.report.zone_render import peak_check_counts
from forecasting.report.zone_seasons import crosses_year, label_of, paired_winter


def render_many_zones_report(run: ManyZonesFiles) -> str:
    manifest, forecast = run.manifest, run.forecast
    top = manifest.get("region", "")
    annual = zone_figures.annual(forecast)
    history = run.history
    charts = {}
    top_history = history[history["region"] == top] if history is not None else history
    for metric in ("energy_gwh", "peak_mw"):
        rows = forecast[forecast["region"] == top]
        if not rows.empty and top_history is not None and not top_history.empty:
            split = tuple(c for c in ("base", "data_center") if c in set(rows["component"]))
            charts[f"top-{metric}"] = _figure_json(
                zone_figures.fan_figure(rows, top_history, "reference", metric, split))
    charts["regions"] = _figure_json(_regions_figure(annual, run.zones))
    nodes = [] if run.zones is None else run.zones.to_dict("records")
    missing = failed_zones(run.zones)
    mixed = mixed_totals(run.zones)
    years = run_years(annual, top)
    shown = headline_years(years)
    energy_years, key = node_table_years(years)
    summed = zones_summed(run.zones)
    failure_sentences = node_failure_sentences(run.backtest_failures, run.backtest_forecasts,
                                               manifest=manifest, nodes=nodes)
    for i, node in enumerate(nodes):
        node["anchor"] = f"node-{i}"
        node["parent"], node["reason"] = _text(node.get("parent")), _text(node.get("reason"))
        node["backtest_of"] = _text(node.get("backtest_of"))
        node["failed_zones"], node["zones_under"] = missing.get(node["region"], ([], 0))
        node["years"] = _node_years(annual, node["region"], shown, mixed.get(node["region"]))
        node["cells"] = node_cells(annual, node["region"], energy_years, key,
                                   node.get("data_center_share_2030"))
        node["held"] = (held_text(*mixed[node["region"]], annual, key)
                        if node["region"] in mixed else None)
        node["scope"] = scope(summed[node["region"]]) if node["region"] in summed else None
        node["season_peaks"] = _season_peaks(run.peaks, node["region"])
        node["peak_check"] = peak_check_counts(_rows_of(run.peak_check, node["region"]))
        node["backtest_failures"] = failure_sentences.get(str(node["region"]))
    winter = key_winter(run.peaks, key)
    return _environment().get_template("many_zones_report.html.j2").render(
        title=f"dcload zones report: {top}",
        manifest=manifest, manifest_json=json.dumps(manifest, indent=2, sort_keys=True),
        top=top, energy_years=energy_years, key_year=key,
        years_note=years_note(years, key, winter["label"] if crosses_year(run.peaks) else None),
        winter=winter,
        top_scope=headline_scope(top, summed.get(top)),
        data_center_shown=bool((annual["component"] == "data_center").any()),
        not_estimated=NOT_ESTIMATED,
        scored_as_published=run.zones is not None and "backtest_of" in run.zones.columns,
        failed_backtest_nodes=failed_nodes_text(
            nodes, backtested_nodes(run.backtest_failures, run.backtest_forecasts)),
        headline=_node_years(annual, top, shown, mixed.get(top)), nodes=nodes,
        queues=queue_entries(run.pipeline, manifest.get("reconciliation", {})
                             .get("large_load_added")),
        top_failed_zones=missing.get(top, ([], 0)),
        missing_years=missing_years(manifest.get("reconciliation", {}).get("months"),
                                    forecast, top),
        failed=manifest.get("failed", []),
        run_warnings=manifest.get("warnings", []),
        quality=quality_rows(manifest.get("data_quality")),
        imputed_share_measured=IMPUTED_SHARE_MEASURED,
        reconciliation=manifest.get("reconciliation", {}),
        coincidence=_latest_coincidence(run.coincidence),
        changes=run.changes, downloads=run.downloads(), charts=charts,
        plotly_js=Markup(get_plotlyjs()),
    )


def missing_years(months: dict | None, forecast: pd.DataFrame, top: str) -> str | None:
    """One sentence naming the forecast years with no annual figures and why, or None.
    ``months`` is the run's reconciliation note's (`assemble.months_note`); a run published
    before it gives the months of the top's forecast only, and the sentence the general
    reason."""
    if months is None:
        periods = sorted(p for p in set(forecast.loc[forecast["region"] == top, "period"])
                         if len(p) == 7)
        if not periods:
            return None
        years = pd.PeriodIndex(periods, freq="M").year
        partial = sorted({int(y) for y in years if (years == y).sum() < 12})
        months = {"first": periods[0], "last": periods[-1], "partial_years": partial}
    partial = months.get("partial_years") or []
    if not partial:
        return None
    first, last = months["first"], months["last"]
    years = " and ".join(str(y) for y in partial)
    text = (f"No annual figures for {years}: the months every node forecasts run from {first} "
            f"to {last}, and a year forecast only in part has no annual row.")
    later = months.get("later_start")
    if later and int(first[:4]) in partial:
        names = sorted(later, key=lambda z: (later[z], z), reverse=True)
        latest = [z for z in names if later[z] == first] or names[:1]
        files = (f"the file of {latest[0]} ends" if len(latest) == 1 else
                 f"the files of {', '.join(sorted(latest))} end")
        text += (f" The forecast starts in {first} because {files} "
                 f"later than the others' (the earliest node's forecast starts in "
                 f"{months['earliest_start']}): a many-zone run publishes only the months every "
                 "node forecasts, so one longer file cuts that year from every node.")
    elif later is not None and int(first[:4]) in partial:
        before = str(pd.Period(first, freq="M") - 1)
        text += f" The zone files end in {before}, so the forecast starts mid-year."
    return text


def failed_zones(zones: pd.DataFrame | None) -> dict[str, tuple[list[str], int]]:
    """Total that published -> (its zones that failed, sorted; how many zones it has), for
    every total with a failed zone under it (zones.csv: a zone is a node no other names as
    its parent; status ``failed``). Such a total's figures are the other zones' alone."""
    if zones is None or zones.empty:
        return {}
    parent = {r: p for r, p in zip(zones["region"], zones["parent"], strict=True)
              if isinstance(p, str) and p}
    status = dict(zip(zones["region"], zones["status"], strict=True))
    out: dict[str, tuple[list[str], int]] = {}
    for zone in (r for r in zones["region"] if r not in set(parent.values())):
        above = parent.get(zone)
        while above is not None:
            failed, count = out.get(above, ([], 0))
            out[above] = ([*failed, zone] if status[zone] == "failed" else failed, count + 1)
            above = parent.get(above)
    return {node: (sorted(failed), count) for node, (failed, count) in out.items()
            if failed and status.get(node) != "failed"}


def quality_rows(quality: dict | None) -> list[dict]:
    """One row per zone of what its file held, the zone with the smallest share of hours
    with evidence first (ties by name); ``imputed`` None for a manifest written before
    imputed hours were counted."""
    rows = []
    for zone, q in (quality or {}).items():
        gap = q.get("longest_gap") or {}
        rows.append({"zone": zone, "evidence_pct": 100.0 * q["evidence_hours"] / q["hours"],
                     "hours": q["hours"], "absent": q["absent_hours"],
                     "imputed": q.get("imputed_hours"),
                     "outliers": q["outlier_hours"], "not_load": q["not_load_hours"],
                     "duplicates": q["duplicate_rows"], "long_gaps": q["long_gaps"],
                     "longest_gap": gap.get("hours"),
                     "partial_months": len(q["partial_months"]),
                     "repeats": q.get("repeated_value_runs", 0)})
    return sorted(rows, key=lambda r: (r["evidence_pct"], r["zone"]))


def _text(value) -> str | None:
    """A text cell of zones.csv, None where it is empty (the top's parent, an ok node's
    reason: NaN when read back), so the page shows nothing rather than "nan"."""
    return value if isinstance(value, str) and value else None


def _cell(row) -> str:
    return number_format.band(row["p50"], row["p10"], row["p90"])


def _node_years(annual: pd.DataFrame, node: str, years: list[int],
                held: tuple[list, int] | None = None) -> list[dict]:
    """The node's figures per report year (``years``: `many_zones_years.headline_years`); a
    total only some of whose zones estimated their data-center part (``held``:
    `many_zones_held_data_centers.mixed_totals`) says whose data centers it holds rather
    than "not estimated"."""
    mine = annual[(annual["region"] == node)]
    out = []
    for year in years:
        at = mine[mine["period"] == str(year)]
        if at.empty:
            continue
        row = {"year": year}
        for metric, component in (("energy_gwh", "total"), ("energy_gwh", "data_center"),
                                  ("peak_mw", "total")):
            part = at[(at["metric"] == metric) & (at["component"] == component)]
            row[f"{metric}_{component}"] = (
                _cell(part.iloc[0]) if not part.empty
                else ((held and held_text(*held, annual, year)) or NOT_ESTIMATED)
                if component == "data_center" else "-")
        out.append(row)
    return out


def key_winter(peaks: pd.DataFrame | None, key: int | None) -> dict:
    """The winter the node table shows beside the key year's summer, by the rule the zone
    report's headline and peaks table pair seasons by (`zone_seasons.paired_winter`): the
    one peaks.csv files under the key year (winter 2030/31, December 2030 to February 2031)
    or, when the run does not publish it (a run ending in the key year has no January after
    it), winter 2029/30; ``{"year": its year, "label": "2029/30"}`` (the key year's own
    label when neither is published). A run without ``label`` (winters of one calendar
    year) shows the key year's, named by the year."""
    if key is None or peaks is None or peaks.empty:
        return {"year": key, "label": str(key)}
    if not crosses_year(peaks):
        return {"year": key, "label": str(key)}
    year = paired_winter(peaks, key)
    year = key if year is None else year
    return {"year": year, "label": label_of("winter", year)}


def _season_peaks(peaks: pd.DataFrame | None, node: str) -> dict:
    """(season, year) -> its 50/50 and 90/10 MW for the node (peaks.csv)."""
    mine = _rows_of(peaks, node)
    if mine is None:
        return {}
    return {f"{row.season}_{row.year}": {"p50": float(row.peak_50_50_mw),
                                         "p90": float(row.peak_90_10_mw)}
            for row in mine.itertuples(index=False)}


def _rows_of(table: pd.DataFrame | None, node: str) -> pd.DataFrame | None:
    return None if table is None or table.empty else table[table["region"] == node]


def _regions_figure(annual: pd.DataFrame, zones: pd.DataFrame | None) -> go.Figure:
    fig = go.Figure()
    regions = [] if zones is None else list(zones.loc[zones["level"] == "region", "region"])
    for i, name in enumerate(regions):
        rows = annual[(annual["region"] == name) & (annual["metric"] == "energy_gwh")
                      & (annual["component"] == "total")]
        if rows.empty:
            continue
        fig.add_trace(go.Scatter(x=rows["period"].astype(int), y=rows["p50"], mode="lines",
                                 name=name, line=dict(color=PALETTE[i % len(PALETTE)])))
    fig.update_layout(title="Annual energy by region (P50, GWh; coherent with the zones)",
                      yaxis_title="GWh", **LAYOUT)
    return fig


def _latest_coincidence(table: pd.DataFrame | None) -> list[dict] | None:
    if table is None or table.empty:
        return None
    latest = table.sort_values("year").groupby("region", sort=False).tail(1)
    return latest.sort_values("region").to_dict("records")
