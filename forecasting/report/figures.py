"""Plotly figures of the report, built from the run's tables (no file access here)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

PROVENANCE_STYLE = {
    "published": dict(symbol="circle", color="#1f77b4"),
    "spliced": dict(symbol="diamond-open", color="#ff7f0e"),
    "interpolated": dict(symbol="circle-open", color="#7f7f7f"),
}
LAYOUT = dict(
    template="plotly_white",
    margin=dict(l=60, r=20, t=50, b=50),
    height=420,
    legend=dict(orientation="h", y=-0.18),
    font=dict(family="sans-serif"),
)


def history_figure(history: pd.DataFrame, observations: pd.DataFrame) -> go.Figure:
    """The built series by provenance, with every published observation as a marker."""
    fig = go.Figure()
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
    obs = observations[observations["kind"] == "observation"]
    for source, part in obs.groupby("source_id", sort=True):
        point = part["twh"].fillna((part["low_twh"] + part["high_twh"]) / 2)
        has_range = part["low_twh"].notna() & part["high_twh"].notna()
        error = None
        if has_range.any():
            error = dict(type="data", symmetric=False,
                         array=(part["high_twh"] - point).fillna(0).tolist(),
                         arrayminus=(point - part["low_twh"]).fillna(0).tolist())
        fig.add_trace(go.Scatter(
            x=part["year"], y=point, mode="markers", name=f"as published: {source}",
            marker=dict(size=6, symbol="x", opacity=0.6), error_y=error,
            visible="legendonly" if source not in set(history["source_ids"]) else True,
        ))
    fig.update_layout(title="US data-center electricity use, TWh/yr", yaxis_title="TWh/yr",
                      **LAYOUT)
    return fig


def fan_figure(history: pd.DataFrame, forecast: pd.DataFrame, scenario: str) -> go.Figure:
    """P5-P95 and P10-P90 bands and the P50 line of one scenario, after the history."""
    part = forecast[(forecast["scenario"] == scenario) & (forecast["metric"] == "twh")]
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
    fig.update_layout(title=f"Scenario {scenario}: TWh/yr", yaxis_title="TWh/yr", **LAYOUT)
    return fig
