"""A small zone run as the report reads it (`ZoneRunFiles`), built in memory from a few
synthetic rows: for tests of the zone report's wording, without a zone pipeline run."""

from __future__ import annotations

import html as markup
import re
from pathlib import Path

import pandas as pd
from markupsafe import Markup

import forecasting.report.zone_render as zone_render
from forecasting.report.zone_files import ZoneRunFiles

QUANTILES = ("mean", "p05", "p10", "p50", "p90", "p95")


def _forecast(region: str, scenarios: list[str], data_center_mw: float) -> pd.DataFrame:
    rows = []
    for scenario in scenarios:
        for year in range(2025, 2036):
            grow = 1.0 + 0.02 * (year - 2025)
            base, dc = 1000.0 * grow, data_center_mw * grow
            for component, mw in (("total", base + dc), ("base", base),
                                  ("data_center", dc)):
                for metric, value in (("avg_mw", mw), ("energy_gwh", mw * 8.76),
                                      ("peak_mw", 1.6 * mw)):
                    rows.append({"region": region, "scenario": scenario,
                                 "component": component, "period": str(year),
                                 "metric": metric, **{q: value for q in QUANTILES}})
    return pd.DataFrame(rows)


def _history() -> pd.DataFrame:
    months = pd.period_range("2020-01", "2024-12", freq="M")
    monthly = pd.DataFrame({"period": months.astype(str), "energy_gwh": 700.0,
                            "avg_mw": 950.0, "peak_mw": 1500.0,
                            "hours": months.days_in_month * 24, "coverage": 1.0,
                            "complete": True})
    annual = pd.DataFrame({"period": [str(y) for y in range(2020, 2025)],
                           "energy_gwh": 8400.0, "avg_mw": 950.0, "peak_mw": 1500.0,
                           "hours": 8760, "coverage": 1.0, "complete": True})
    return pd.concat([annual, monthly], ignore_index=True)


def _peaks(scenarios: list[str]) -> pd.DataFrame:
    # the history ends in 2024: winters 2024/25 (its December measured) to 2034/35, the
    # last whose January and February are forecast
    rows = [{"scenario": s, "year": y, "season": season,
             "label": f"{y}/{(y + 1) % 100:02d}" if season == "winter" else str(y),
             "peak_50_50_mw": 1600.0,
             "peak_90_10_mw": 1680.0, "weather_p05_mw": 1550.0, "weather_p95_mw": 1690.0,
             "growth_p10_mw": 1500.0, "growth_p90_mw": 1700.0, "weather_year_50_50": 2022}
            for s in scenarios for y in range(2024, 2036) for season in ("summer", "winter")
            if (season, y) not in (("summer", 2024), ("winter", 2035))]
    return pd.DataFrame(rows)


def _decomposition(data_center_mw: float) -> pd.DataFrame:
    periods = [str(y) for y in range(2020, 2025)] + [
        str(p) for p in pd.period_range("2020-01", "2024-12", freq="M")]
    return pd.DataFrame({"period": periods, "total_mw": 950.0,
                         "base_mw": 950.0 - data_center_mw, "data_center_mw": data_center_mw,
                         "data_center_low_mw": 0.8 * data_center_mw,
                         "data_center_high_mw": 1.2 * data_center_mw})


def zone_run_files(directory: Path, *, data_center: str | None = "decomposition",
                   scenarios: tuple[str, ...] = ("statistical-trend",),
                   peak_check: pd.DataFrame | None = None,
                   pipeline: pd.DataFrame | None = None) -> ZoneRunFiles:
    """A zone run of region SYN; ``data_center`` is its config's setting (None: a manifest
    written before the key existed)."""
    config = {"region": "SYN", "scenarios": list(scenarios), "backtest": {}}
    if data_center is not None:
        config["data_center"] = data_center
    manifest = {"run_id": "test", "draws": 20, "seed": 0, "started_utc": "-", "python": "-",
                "region": "SYN", "config": config, "inputs": {}, "packages": {},
                "timings_s": {}}
    dc_mw = 0.0 if data_center == "none" else 150.0
    return ZoneRunFiles(directory=Path(directory), manifest=manifest,
                        forecast=_forecast("SYN", list(scenarios), dc_mw),
                        history=_history(), peaks=_peaks(list(scenarios)),
                        decomposition=_decomposition(dc_mw), peak_check=peak_check,
                        pipeline=pipeline)


def page_text(html: str, element_id: str | None = None) -> str:
    """The text of the page (or of its element ``element_id``) without tags or scripts,
    whitespace collapsed."""
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    if element_id is not None:
        match = re.search(rf'<(\w+)[^>]*\bid="{element_id}"[^>]*>(.*?)</\1>', html, re.S)
        assert match, element_id
        html = match.group(2)
    return " ".join(markup.unescape(re.sub(r"<[^>]+>", "", html)).split())


def without_charts(monkeypatch) -> None:
    """Render pages without building their plotly figures (the wording tests read none, and
    the figures are most of a render's time)."""
    monkeypatch.setattr(zone_render, "_figure_json", lambda figure: Markup("{}"))
    for name in ("fan_figure", "data_center_figure", "decomposition_figure",
                 "backtest_figure"):
        monkeypatch.setattr(zone_render.figures, name, lambda *args, **kwargs: None)
