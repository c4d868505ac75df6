"""Render the self-contained HTML report from a run's tables.

The page inlines plotly.js, so it opens from disk with no network. Templates live in
`reports/templates/`; Jinja2 autoescaping is on for every template.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd
import plotly.io as pio
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from forecasting.paths import TEMPLATES_DIR
from forecasting.report.figures import fan_figure, history_figure

TABLE_YEARS = (2025, 2028, 2030, 2035)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def _figure_json(fig) -> Markup:
    text = pio.to_json(fig, validate=False, pretty=False, engine="json")
    return Markup(text.replace("</", "<\\/"))


def render_report(
    *,
    history: pd.DataFrame,
    observations: pd.DataFrame,
    forecast: pd.DataFrame,
    manifest: dict,
    scenarios: list[dict],
) -> str:
    """The report page as a string. `scenarios` holds each scenario's name and description."""
    figures = {"history": _figure_json(history_figure(history, observations))}
    for index, scenario in enumerate(scenarios):
        figures[f"fan-{index}"] = _figure_json(fan_figure(history, forecast, scenario["name"]))
    years = [y for y in TABLE_YEARS if y in set(forecast["year"])]
    table = _headline_rows(forecast, years)
    return _environment().get_template("report.html.j2").render(
        title=manifest["config"]["report"]["title"],
        manifest=manifest,
        manifest_json=json.dumps(manifest, indent=2, sort_keys=True),
        history=history.to_dict("records"),
        scenarios=scenarios,
        figures=figures,
        table_years=years,
        table=table,
        plotly_js=Markup(get_plotlyjs()),
    )


def _headline_rows(forecast: pd.DataFrame, years: list[int]) -> list[dict]:
    rows = []
    for (scenario, metric), part in forecast.groupby(["scenario", "metric"], sort=False):
        by_year = part.set_index("year")
        cells = []
        for year in years:
            r = by_year.loc[year]
            digits = 2 if metric == "share_pct" else 0
            cells.append(f"{r['p50']:.{digits}f} [{r['p10']:.{digits}f}-{r['p90']:.{digits}f}]")
        rows.append({"scenario": scenario, "metric": metric, "cells": cells})
    return rows
