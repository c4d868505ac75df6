"""Plotly figures of the report, built from a run's tables (no file access here)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from forecasting.contracts import totals_only

PROVENANCE_STYLE = {
    "published": dict(symbol="circle", color="#1f77b4"),
    "spliced": dict(symbol="diamond-open", color="#ff7f0e"),
    "interpolated": dict(symbol="circle-open", color="#7f7f7f"),
}
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf", "#bcbd22", "#7f7f7f"]
LAYOUT = dict(
    template="plotly_white",
    margin=dict(l=60, r=20, t=50, b=50),
    height=420,
    legend=dict(orientation="h", y=-0.18),
    font=dict(family="sans-serif"),
)


def _total(forecast: pd.DataFrame, metric: str = "twh") -> pd.DataFrame:
    totals = totals_only(forecast)
    return totals[totals["metric"] == metric]


def history_figure(history: pd.DataFrame, observations: pd.DataFrame | None,
                   regimes: dict | None) -> go.Figure:
    """The built series by provenance, published observations, regimes and breaks."""
    fig = go.Figure()
    if regimes:
        for i, segment in enumerate(regimes.get("segments", [])):
            fig.add_vrect(x0=float(segment["start"][:4]) - 0.5, x1=float(segment["end"][:4]) + 0.5,
                          fillcolor="#f2f2f2" if i % 2 else "#e8eef7", opacity=0.6,
                          line_width=0, layer="below")
        for b in regimes.get("breaks", []):
            low, high = float(b["ci_low"][:4]) - 0.5, float(b["ci_high"][:4]) + 0.5
            fig.add_vrect(x0=low, x1=high, fillcolor="#d62728", opacity=0.12, line_width=0,
                          layer="below")
            fig.add_vline(x=float(b["period"][:4]) - 0.5, line_dash="dash", line_color="#d62728",
                          annotation_text=f"break {b['period']}", annotation_position="top left")
    fig.add_trace(go.Scatter(x=history["year"], y=history["twh"], mode="lines",
                             line=dict(color="#c7c7c7"), name="built series", hoverinfo="skip"))
    for provenance, style in PROVENANCE_STYLE.items():
        part = history[history["provenance"] == provenance]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["year"], y=part["twh"], mode="markers", name=f"built: {provenance}",
            marker=dict(size=9, **style), text=part["source_ids"],
            hovertemplate="%{x}: %{y:.1f} TWh (%{text})<extra>" + provenance + "</extra>",
        ))
    if observations is not None:
        used = set(";".join(history["source_ids"].astype(str)).split(";"))
        obs = observations[observations["kind"] == "observation"]
        for source, part in obs.groupby("source_id", sort=True):
            point = part["twh"].fillna((part["low_twh"] + part["high_twh"]) / 2)
            error = None
            if (part["low_twh"].notna() & part["high_twh"].notna()).any():
                error = dict(type="data", symmetric=False,
                             array=(part["high_twh"] - point).fillna(0).tolist(),
                             arrayminus=(point - part["low_twh"]).fillna(0).tolist())
            fig.add_trace(go.Scatter(
                x=part["year"], y=point, mode="markers", name=f"as published: {source}",
                marker=dict(size=7, symbol="x", opacity=0.7), error_y=error,
                visible=True if source in used else "legendonly",
            ))
    fig.update_layout(title="US data-center electricity use, TWh/yr", yaxis_title="TWh/yr",
                      **LAYOUT)
    return fig


def fan_figure(history: pd.DataFrame, forecast: pd.DataFrame, scenario: str) -> go.Figure:
    """P5-P95 and P10-P90 bands and the P50 line of one scenario's total, after the history."""
    part = _total(forecast)
    part = part[part["scenario"] == scenario]
    fig = go.Figure()
    for low, high, name, color in (("p05", "p95", "P5-P95", "rgba(31,119,180,0.15)"),
                                   ("p10", "p90", "P10-P90", "rgba(31,119,180,0.30)")):
        fig.add_trace(go.Scatter(x=part["year"], y=part[high], mode="lines",
                                 line=dict(width=0), showlegend=False, hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=part["year"], y=part[low], mode="lines", fill="tonexty",
                                 fillcolor=color, line=dict(width=0), name=name))
    fig.add_trace(go.Scatter(x=part["year"], y=part["p50"], mode="lines+markers", name="P50",
                             line=dict(color="#1f77b4")))
    fig.add_trace(go.Scatter(x=history["year"], y=history["twh"], mode="lines+markers",
                             name="history (built)", line=dict(color="#333333"),
                             marker=dict(size=5)))
    fig.update_layout(title=f"Scenario {scenario}: total TWh/yr", yaxis_title="TWh/yr",
                      **LAYOUT)
    return fig


def scenarios_figure(history: pd.DataFrame, forecast: pd.DataFrame,
                     outlooks: pd.DataFrame | None) -> go.Figure:
    """Every scenario's P50 with the published outlooks as markers."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=history["year"], y=history["twh"], mode="lines",
                             name="history (built)", line=dict(color="#333333")))
    total = _total(forecast)
    for i, (scenario, part) in enumerate(total.groupby("scenario", sort=False)):
        fig.add_trace(go.Scatter(x=part["year"], y=part["p50"], mode="lines",
                                 name=str(scenario),
                                 line=dict(color=PALETTE[i % len(PALETTE)])))
    if outlooks is not None and not outlooks.empty:
        for source, part in outlooks.groupby("source_id", sort=True):
            label = [f"{source} {s}" for s in part["scenario"]]
            fig.add_trace(go.Scatter(x=part["year"], y=part["twh"], mode="markers",
                                     name=f"published: {source}", text=label,
                                     marker=dict(size=11, symbol="star"),
                                     hovertemplate="%{text}: %{y:.0f} TWh<extra></extra>"))
    fig.update_layout(title="All scenarios (P50) and published outlooks, TWh/yr",
                      yaxis_title="TWh/yr", **LAYOUT)
    return fig


def decomposition_figure(decomposition: pd.DataFrame, scenario: str) -> go.Figure:
    """Baseline (conventional) and AI load stacked: history, then one scenario's means (they
    add up to the total's mean; medians would not, `report/decomposition_view.py`)."""
    part = decomposition[decomposition["scenario"].isin(["history", scenario])]
    fig = go.Figure()
    for component, color in (("baseline", "rgba(127,127,127,0.6)"), ("ai", "rgba(214,39,40,0.6)")):
        rows = part[part["component"] == component].sort_values("year")
        fig.add_trace(go.Scatter(x=rows["year"], y=rows["twh"], mode="lines", stackgroup="one",
                                 name=component, line=dict(width=0.5), fillcolor=color))
    fig.update_layout(
        title=f"Baseline and AI load, history and scenario {scenario} (mean of paths)",
        yaxis_title="TWh/yr", **LAYOUT)
    return fig


def tornado_figure(sensitivity: pd.DataFrame, scenario: str, year: int) -> go.Figure:
    """How far the P50 moves when each parameter goes to its own P10 and P90."""
    part = sensitivity[(sensitivity["scenario"] == scenario) & (sensitivity["year"] == year)]
    part = part.assign(swing=(part["p50_at_p90"] - part["p50_at_p10"]).abs())
    part = part.sort_values("swing").tail(12)
    base = float(part["p50_base"].iloc[0]) if not part.empty else 0.0
    fig = go.Figure()
    fig.add_trace(go.Bar(y=part["parameter"], x=part["p50_at_p10"] - base, base=base,
                         orientation="h", name="parameter at its P10", marker_color="#1f77b4"))
    fig.add_trace(go.Bar(y=part["parameter"], x=part["p50_at_p90"] - base, base=base,
                         orientation="h", name="parameter at its P90", marker_color="#d62728"))
    fig.update_layout(title=f"Sensitivity of the {year} P50, scenario {scenario} (TWh)",
                      barmode="overlay", xaxis_title="TWh/yr", **LAYOUT)
    fig.update_layout(height=max(300, 40 * len(part) + 150), margin=dict(l=220, r=20, t=50, b=50))
    return fig


def backtest_figure(forecasts: pd.DataFrame, history: pd.DataFrame, model: str) -> go.Figure:
    """Past forecast origins of one model against what happened: the built history's
    evidence years filled, its interpolated years open (shown, never scored)."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=history["year"], y=history["twh"], mode="lines",
                             name="history (built)", line=dict(color="#333333")))
    interpolated = history["provenance"] == "interpolated"
    for name, rows, symbol in (
            ("history: evidence (scored)", history[~interpolated], "circle"),
            ("history: interpolated (not scored)", history[interpolated], "circle-open")):
        if not rows.empty:
            fig.add_trace(go.Scatter(x=rows["year"], y=rows["twh"], mode="markers", name=name,
                                     marker=dict(size=7, symbol=symbol, color="#333333")))
    part = forecasts[forecasts["model"] == model]
    for i, (origin, rows) in enumerate(part.groupby("origin", sort=True)):
        x = rows["period"].astype(str).str[:4].astype(int)
        fig.add_trace(go.Scatter(
            x=x, y=rows["p50"], mode="lines+markers", name=f"from {origin}",
            line=dict(color=PALETTE[i % len(PALETTE)], dash="dot"), marker=dict(size=5),
            error_y=dict(type="data", symmetric=False, array=(rows["p90"] - rows["p50"]).tolist(),
                         arrayminus=(rows["p50"] - rows["p10"]).tolist(), thickness=1),
        ))
    fig.update_layout(title=f"Backtest: forecasts of '{model}' from past origins (P50, P10-P90)",
                      yaxis_title="TWh/yr", **LAYOUT)
    return fig


VINTAGE_COLORS = ["#9467bd", "#2ca02c", "#1f77b4", "#8c564b", "#17becf"]


def track_record_figure(track: pd.DataFrame, history: pd.DataFrame) -> go.Figure:
    """Each vintage's P10-P90 band and P50 (on today's basis) against today's history, with
    the published forecasts of those vintages as markers. Vintages with the same forecast
    (the same history) are drawn once, named together."""
    fig = go.Figure()
    ours = track[track["kind"] == "dcload"]
    groups: dict[tuple, list[int]] = {}
    for as_of, rows in ours.groupby("as_of", sort=True):
        key = tuple(rows["target_year"]) + tuple(rows["p50"].round(6))
        groups.setdefault(key, []).append(int(as_of))
    for i, years in enumerate(groups.values()):
        rows = ours[ours["as_of"] == years[0]]
        color = VINTAGE_COLORS[i % len(VINTAGE_COLORS)]
        red, green, blue = (int(color[k:k + 2], 16) for k in (1, 3, 5))
        name = "as of " + " and ".join(str(y) for y in years)
        fig.add_trace(go.Scatter(x=rows["target_year"], y=rows["p90"], mode="lines",
                                 line=dict(width=0, color=color), showlegend=False,
                                 hoverinfo="skip", legendgroup=name))
        fig.add_trace(go.Scatter(x=rows["target_year"], y=rows["p10"], mode="lines",
                                 fill="tonexty", line=dict(width=0, color=color),
                                 fillcolor=f"rgba({red},{green},{blue},0.22)",
                                 name=f"{name}: P10-P90", legendgroup=name))
        fig.add_trace(go.Scatter(x=rows["target_year"], y=rows["p50"], mode="lines",
                                 line=dict(color=color, dash="dash"), name=f"{name}: P50",
                                 legendgroup=name))
    fig.add_trace(go.Scatter(x=history["year"], y=history["twh"], mode="lines",
                             line=dict(color="#333333"), name="today's history"))
    evidence = history[history["provenance"] != "interpolated"]
    fig.add_trace(go.Scatter(x=evidence["year"], y=evidence["twh"], mode="markers",
                             marker=dict(color="#333333", size=8),
                             name="today's history: evidence years"))
    published = track[track["kind"] == "published"].drop_duplicates(
        ["source", "scenario", "target_year"])
    if not published.empty:
        fig.add_trace(go.Scatter(
            x=published["target_year"], y=published["p50"], mode="markers",
            marker=dict(symbol="x", size=10, color="#d62728"),
            text=published["source"] + ": " + published["scenario"].astype(str),
            hovertemplate="%{text}<br>%{x}: %{y:.0f} TWh (today's basis)<extra></extra>",
            name="published forecasts (today's basis)"))
    fig.update_layout(title="Track record: past vintages' forecasts against today's history",
                      yaxis_title="TWh/yr (today's basis)", **LAYOUT)
    return fig
