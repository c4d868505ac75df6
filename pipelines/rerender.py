"""Render a published run's report again from its own files (forecast, history, manifest)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from forecasting.errors import InputError
from forecasting.paths import display_path
from forecasting.report.render import render_report
from pipelines.runner import load_inputs


def rerender_report(run_dir: Path, config_path: Path) -> None:
    run_dir = Path(run_dir)
    for name in ("forecast.csv", "history.csv", "manifest.json"):
        if not (run_dir / name).is_file():
            raise InputError(display_path(run_dir / name), "not found: is this a published run?")
    config, data = load_inputs(config_path)
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    forecast = pd.read_csv(run_dir / "forecast.csv")
    history = pd.read_csv(run_dir / "history.csv")
    scenarios = [{"name": s["name"], "description": s.get("description", "")}
                 for s in manifest["config"]["scenarios"]]
    html = render_report(history=history, observations=data.observations, forecast=forecast,
                         manifest=manifest, scenarios=scenarios)
    tmp = run_dir / ".index.html.tmp"
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(run_dir / "index.html")
