"""Render the self-contained HTML report of a run (a `RunFiles` bundle) with Jinja2.

The page inlines plotly.js, so it opens from disk with no network; the template lives in
`reports/templates/`, with autoescaping on for everything it prints.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd
import plotly.io as pio
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from forecasting.combine.limits import binding_summary
from forecasting.contracts import HEADLINE_YEARS, total_twh, totals_only
from forecasting.paths import TEMPLATES_DIR
from forecasting.report import figures, number_format
from forecasting.report.backtest_view import backtest_view
from forecasting.report.baseline_bands import momentum_bands_sentence
from forecasting.report.decomposition_view import decomposition_view
from forecasting.report.mc_error_view import mc_error_sentence
from forecasting.report.reading import READING_YEAR, headline_reading
from forecasting.report.run_files import RunFiles
from forecasting.report.track_record import fmt, track_record_view

#: per headline metric its label and decimals; None: a load figure, to about three
#: significant figures (`number_format.band`: whole TWh from 100 up, as always); the GW rows
#: keep whole GW (a national band of tens of GW, read as before)
HEADLINE_METRICS = {"twh": ("TWh/yr", None), "share_pct": ("% of US electricity", 1),
                    "capacity_gw": ("capacity GW", 0), "avg_gw": ("average GW", 0)}


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    # a load figure to about three significant figures (forecasting/report/number_format.py)
    environment.filters["figure"] = number_format.figure
    environment.globals["figures"] = number_format.figures
    environment.globals["band"] = number_format.band
    return environment


def _figure_json(fig) -> Markup:
    text = pio.to_json(fig, validate=False, pretty=False, engine="json")
    # keep the JSON inert inside <script>: no closing tags, no HTML comments
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def render_report(run: RunFiles) -> str:
    """The report page of `run` as one HTML string."""
    forecast, history = run.forecast, run.history
    scenario_names = list(dict.fromkeys(forecast["scenario"]))
    config = run.manifest.get("config", {})
    descriptions = dict(config.get("scenario_descriptions", {}))
    for item in config.get("scenarios", []):  # runs before dcload 0.2 kept them inline
        if isinstance(item, dict):
            descriptions[item["name"]] = item.get("description", "")
    charts: dict[str, Markup] = {
        "history": _figure_json(figures.history_figure(history, run.observations, run.regimes)),
        "scenarios-all": _figure_json(figures.scenarios_figure(history, forecast, run.outlooks)),
    }
    for i, name in enumerate(scenario_names):
        charts[f"fan-{i}"] = _figure_json(figures.fan_figure(history, forecast, name))
    decomposition = decomposition_view(run.decomposition, forecast)
    if decomposition is not None:
        for i, name in enumerate(scenario_names):
            if name in set(decomposition["stack"]["scenario"]):
                charts[f"decomposition-{i}"] = _figure_json(
                    figures.decomposition_figure(decomposition["stack"], name))
    sensitivity_year = None
    if run.sensitivity is not None and not run.sensitivity.empty:
        sensitivity_year = int(run.sensitivity["year"].iloc[0])
        for i, name in enumerate(scenario_names):
            if name in set(run.sensitivity["scenario"]):
                charts[f"tornado-{i}"] = _figure_json(
                    figures.tornado_figure(run.sensitivity, name, sensitivity_year))
    backtest_model = None
    if run.backtest_forecasts is not None and not run.backtest_forecasts.empty:
        models = list(dict.fromkeys(run.backtest_forecasts["model"]))
        backtest_model = "selected" if "selected" in models else models[0]
        charts["backtest"] = _figure_json(
            figures.backtest_figure(run.backtest_forecasts, history, backtest_model))

    if run.track_record is not None and not run.track_record.empty:
        charts["track-record"] = _figure_json(
            figures.track_record_figure(run.track_record, history))

    manifest = run.manifest
    return _environment().get_template("report.html.j2").render(
        title=manifest.get("config", {}).get("report", {}).get("title", "dcload report"),
        manifest=manifest,
        manifest_json=json.dumps(manifest, indent=2, sort_keys=True),
        reading=headline_reading(forecast, run.changes, run.sensitivity),
        reading_year=READING_YEAR,
        headline=_headline(forecast),
        headline_years=[y for y in HEADLINE_YEARS if y in set(forecast["year"])],
        bands=manifest.get("bands") or {"kind": "model-based", "text": (
            "Bands are model-based: they come from the Monte Carlo draws of each scenario's "
            "uncertain parameters and of the baseline's fitted trend, not from a backtest.")},
        momentum_bands=momentum_bands_sentence(manifest, scenario_names),
        mc_error=mc_error_sentence(run.mc_error),
        denominator=manifest.get("national_total_definition_label", "US electricity (EIA)"),
        history=history.to_dict("records"),
        regimes=run.regimes,
        scenarios=[{"index": i, "name": n, "description": descriptions.get(n, "")}
                   for i, n in enumerate(scenario_names)],
        p50_table=_p50_table(forecast),
        outlooks=None if run.outlooks is None else run.outlooks.to_dict("records"),
        decomposition=decomposition,
        sensitivity=None if run.sensitivity is None else run.sensitivity.to_dict("records"),
        sensitivity_year=sensitivity_year,
        backtest_summary=_backtest_table(run.backtest_summary),
        backtest_model=backtest_model,
        backtest_forecasts=backtest_view(run.backtest_forecasts, backtest_model),
        assumptions=None if run.assumptions is None else run.assumptions.to_dict("records"),
        limits=binding_summary(run.limits),
        changes=run.changes,
        track=track_record_view(run.track_record, run.manifest.get("track_record")),
        fmt=fmt,
        downloads=run.downloads(),
        charts=charts,
        plotly_js=Markup(get_plotlyjs()),
    )


def _cell(row, digits: int | None) -> str:
    if digits is None:
        return number_format.band(row["p50"], row["p10"], row["p90"], separator=False)
    return f"{row['p50']:.{digits}f} [{row['p10']:.{digits}f}-{row['p90']:.{digits}f}]"


def _headline(forecast: pd.DataFrame) -> list[dict]:
    total = totals_only(forecast)
    years = [y for y in HEADLINE_YEARS if y in set(total["year"])]
    rows = []
    for scenario in dict.fromkeys(total["scenario"]):
        part = total[total["scenario"] == scenario]
        for metric, (label, digits) in HEADLINE_METRICS.items():
            by_year = part[part["metric"] == metric].set_index("year")
            if by_year.empty:
                continue
            rows.append({"scenario": scenario, "metric": label,
                         "cells": [_cell(by_year.loc[y], digits) for y in years]})
    return rows


def _p50_table(forecast: pd.DataFrame) -> dict:
    total = total_twh(forecast)
    wide = total.pivot_table(index="year", columns="scenario", values="p50", sort=False)
    wide = wide[list(dict.fromkeys(total["scenario"]))]
    return {"columns": list(wide.columns),
            "rows": [{"year": int(y), "values": [f"{v:.0f}" for v in r]}
                     for y, r in wide.iterrows()]}


def _backtest_table(summary: pd.DataFrame | None) -> list[dict] | None:
    if summary is None:
        return None
    return summary.to_dict("records")
