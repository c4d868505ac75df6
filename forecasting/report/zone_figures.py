"""Plotly figures of the zone report, built from a zone run's tables (no file access here).
Annual rows have a ``period`` of YYYY, monthly rows YYYY-MM."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from forecasting.report.figures import LAYOUT, PALETTE
from forecasting.report.number_format import band_decimals
from forecasting.seasons import year_peak_evidence

METRIC_LABELS = {"energy_gwh": "energy, GWh", "avg_mw": "average MW", "peak_mw": "peak MW"}


def annual(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["period"].astype(str).str.fullmatch(r"\d{4}")]


def monthly(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["period"].astype(str).str.fullmatch(r"\d{4}-\d{2}")]


def lower_bound_years(history: pd.DataFrame) -> list[str]:
    """The complete years of history.csv (``YYYY``) whose annual peak is a lower bound, no
    evidence: a month of the year has too few measured hours for its peak to be
    (`forecasting.seasons.year_peak_evidence` of the monthly rows). None for a history.csv
    without monthly rows (a many-zone run's before them): nothing to judge by."""
    years, months = annual(history), monthly(history)
    if months.empty or "complete" not in years or not {"hours", "coverage"} <= set(months):
        return []
    evidence = year_peak_evidence(months)
    complete = years.loc[years["complete"].astype(bool), "period"].astype(str)
    return [year for year in complete if not evidence.get(int(year), False)]


def _rows(forecast, scenario, component, metric, frequency=annual):
    part = frequency(forecast)
    return part[(part["scenario"] == scenario) & (part["component"] == component)
                & (part["metric"] == metric)]


def fan_figure(forecast: pd.DataFrame, history: pd.DataFrame, scenario: str,
               metric: str, components: tuple[str, ...] = ("base", "data_center")
               ) -> go.Figure:
    """One scenario's annual total with its 80% and 90% bands, the P50 of `components` (the
    base and data-center load; none for a run without a data-center component, whose base is
    the total and whose data-center rows are no estimate), and the complete history years
    (evidence only: a year with a gap is not drawn). A year whose peak is a lower bound
    (`lower_bound_years`) is drawn apart on the peak chart, as a marker of its own, not on
    the history's line."""
    fig = go.Figure()
    total = _rows(forecast, scenario, "total", metric)
    x = total["period"].astype(int)
    for low, high, color, name in (("p05", "p95", "rgba(31,119,180,0.15)", "P05-P95"),
                                   ("p10", "p90", "rgba(31,119,180,0.30)", "P10-P90")):
        fig.add_trace(go.Scatter(x=x, y=total[high], mode="lines", line=dict(width=0),
                                 showlegend=False, hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=x, y=total[low], mode="lines", fill="tonexty",
                                 fillcolor=color, line=dict(width=0), name=name))
    fig.add_trace(go.Scatter(x=x, y=total["p50"], mode="lines+markers", name="total P50",
                             line=dict(color="#1f77b4")))
    colors = {"base": "#7f7f7f", "data_center": "#d62728"}
    for component in components:
        color = colors.get(component, "#333333")
        rows = _rows(forecast, scenario, component, metric)
        fig.add_trace(go.Scatter(x=rows["period"].astype(int), y=rows["p50"], mode="lines",
                                 name=f"{component} P50", line=dict(color=color, dash="dot")))
    past = annual(history)
    if "complete" in past:
        past = past[past["complete"].astype(bool)]
    lower = past["period"].astype(str).isin(
        lower_bound_years(history) if metric == "peak_mw" else [])
    fig.add_trace(go.Scatter(x=past.loc[~lower, "period"].astype(int),
                             y=past.loc[~lower, metric], mode="lines+markers",
                             name="history (complete years)", line=dict(color="#333333"),
                             marker=dict(size=5)))
    if lower.any():
        fig.add_trace(go.Scatter(x=past.loc[lower, "period"].astype(int),
                                 y=past.loc[lower, metric], mode="markers",
                                 name="history, lower bound (a month of few measured hours)",
                                 marker=dict(size=7, color="#333333", symbol="triangle-up-open")))
    label = METRIC_LABELS.get(metric, metric)
    fig.update_layout(title=f"Scenario {scenario}: annual {label}", yaxis_title=label, **LAYOUT)
    return fig


def data_center_figure(forecast: pd.DataFrame, decomposition: pd.DataFrame,
                       history: pd.DataFrame | None = None) -> go.Figure:
    """Data-center average MW: the decomposition's annual estimate with its interval, of the
    years `history` (history.csv) marks complete, then each scenario's P50 with its P10-P90.
    A partial year is left out as in the energy chart (`fan_figure`): the decomposition's
    annual row is the mean of the months it has, so a history ending in June drew its last
    year as the January-June mean (a winter-low half of a seasonal estimate) beside the
    forecast's full years (fuzz round 10b D4)."""
    fig = go.Figure()
    past = annual(decomposition)
    name = "history (decomposition)"
    if history is not None and "complete" in history:
        years = annual(history)
        complete = years.loc[years["complete"].astype(bool), "period"].astype(str)
        past = past[past["period"].astype(str).isin(set(complete))]
        name = "history (decomposition, complete years)"
    x = past["period"].astype(int)
    fig.add_trace(go.Scatter(x=x, y=past["data_center_mw"], mode="lines+markers",
                             name=name, line=dict(color="#333333"),
                             error_y=dict(type="data", symmetric=False,
                                          array=(past["data_center_high_mw"]
                                                 - past["data_center_mw"]).tolist(),
                                          arrayminus=(past["data_center_mw"]
                                                      - past["data_center_low_mw"]).tolist(),
                                          thickness=1)))
    for i, scenario in enumerate(dict.fromkeys(forecast["scenario"])):
        rows = _rows(forecast, scenario, "data_center", "avg_mw")
        fig.add_trace(go.Scatter(
            x=rows["period"].astype(int), y=rows["p50"], mode="lines", name=str(scenario),
            line=dict(color=PALETTE[i % len(PALETTE)]),
            error_y=dict(type="data", symmetric=False, array=(rows["p90"] - rows["p50"]).tolist(),
                         arrayminus=(rows["p50"] - rows["p10"]).tolist(), thickness=0.8)))
    fig.update_layout(title="Data-center load, average MW: history and every scenario "
                      "(P50, P10-P90)", yaxis_title="average MW", **LAYOUT)
    return fig


def decomposition_figure(decomposition: pd.DataFrame,
                         published: pd.DataFrame | None) -> go.Figure:
    """Monthly total, base and data-center average MW (total = base + data center), the
    data-center interval, and the
    published figures it is checked against (markers)."""
    months = monthly(decomposition)
    x = months["period"].astype(str)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=months["total_mw"], mode="lines", name="total",
                             line=dict(width=1, color="#333333")))
    fig.add_trace(go.Scatter(x=x, y=months["base_mw"], mode="lines", name="base",
                             line=dict(width=1, color="#7f7f7f")))
    fig.add_trace(go.Scatter(x=x, y=months["data_center_mw"], mode="lines",
                             name="data center", line=dict(width=1.5, color="#d62728")))
    fig.add_trace(go.Scatter(x=x, y=months["data_center_high_mw"], mode="lines",
                             line=dict(width=0), showlegend=False, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=x, y=months["data_center_low_mw"], mode="lines", fill="tonexty",
                             fillcolor="rgba(214,39,40,0.25)", line=dict(width=0),
                             name="data center, 90% interval"))
    if published is not None and not published.empty and "published" in published:
        checked = published["estimate"].notna() if "estimate" in published else True
        # a figure of a year outside the history is not checked and has no month to mark
        mw = published[published["figure"].str.startswith("data-center average MW")
                       & published["published"].notna() & checked]
        if not mw.empty:
            fig.add_trace(go.Scatter(
                x=[f"{f[-4:]}-07" for f in mw["figure"]], y=mw["published"], mode="markers",
                name="published data-center MW", text=mw["source"],
                marker=dict(size=12, symbol="star", color="#ff7f0e"),
                hovertemplate=f"%{{text}}: %{{y:.{band_decimals(mw['published'])}f}} MW"
                              "<extra></extra>"))
    fig.update_layout(title="Monthly average load: base and data center (evidence months)",
                      yaxis_title="average MW", xaxis=dict(type="category", nticks=12),
                      **LAYOUT)
    return fig


def backtest_figure(forecasts: pd.DataFrame, history: pd.DataFrame, metric: str,
                    model: str = "selected") -> go.Figure:
    """Past monthly forecasts of `model` for `metric` from each origin, against the actuals
    the backtest scored."""
    part = forecasts[(forecasts["model"] == model) & (forecasts["metric"] == metric)]
    part = monthly(part)
    fig = go.Figure()
    actual = part.drop_duplicates("period").sort_values("period")
    fig.add_trace(go.Scatter(x=actual["period"], y=actual["actual"], mode="lines+markers",
                             name="actual (load)", line=dict(color="#333333"),
                             marker=dict(size=4)))
    for i, (origin, rows) in enumerate(part.groupby("origin", sort=True)):
        fig.add_trace(go.Scatter(
            x=rows["period"], y=rows["p50"], mode="lines", name=f"from {origin}",
            line=dict(color=PALETTE[i % len(PALETTE)], dash="dot"), showlegend=False,
            error_y=dict(type="data", symmetric=False, array=(rows["p90"] - rows["p50"]).tolist(),
                         arrayminus=(rows["p50"] - rows["p10"]).tolist(), thickness=0.8)))
    label = METRIC_LABELS.get(metric, metric)
    fig.update_layout(title=f"Backtest of '{model}', monthly {label} (P50, P10-P90; one "
                      "dotted line per origin)",
                      yaxis_title=label, xaxis=dict(type="category", nticks=12), **LAYOUT)
    return fig
