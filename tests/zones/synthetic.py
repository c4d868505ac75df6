"""Synthetic hourly zone load for the CLI tests: a daily and a yearly cycle around `level`."""

from __future__ import annotations

import numpy as np
import pandas as pd


def hourly_load(level: float, start: str = "2021-01-01",
                end: str = "2024-12-31 23:00") -> pd.Series:
    """Hourly MW from `start` to `end` (UTC hour starts)."""
    hours = pd.date_range(start, end, freq="h")
    t = np.arange(len(hours))
    return pd.Series(level * (1 + 0.2 * np.sin(2 * np.pi * t / 24)
                              + 0.15 * np.cos(2 * np.pi * hours.dayofyear.to_numpy() / 365.25)),
                     index=hours)


def write_load(path, series: pd.Series) -> None:
    """`series` as a two-column load file (`when`, `mw` to 0.1 MW); missing hours left out."""
    series = series.dropna()
    pd.DataFrame({"when": series.index.strftime("%Y-%m-%d %H:%M:%S"),
                  "mw": series.round(1).to_numpy()}).to_csv(path, index=False)


def light_zone_config(config, region: str, series: str, *lines: str, n_paths: int = 40,
                      backtest_paths: int = 20, first_origin: str | None = None):
    """Write a fast whole-load zone config (`data_center: none`, seasonal naive as the only
    candidate and peer) for `series`, with any further top-level `lines`; returns `config`."""
    origin = f', first_origin: "{first_origin}"' if first_origin else ""
    config.write_text("\n".join([
        f"region: {region}", f"series: [{series}]", "data_center: none", *lines,
        f"n_paths: {n_paths}",
        f"backtest: {{candidates: [seasonal_naive], peers: [seasonal_naive], "
        f"n_paths: {backtest_paths}{origin}}}",
    ]) + "\n")
    return config


def forecast_zone(config, out, *args: str):
    """`dcload forecast --config config --output-dir out --quiet` through the real CLI."""
    from tests.conftest import run_cli

    return run_cli("forecast", "--config", str(config), "--output-dir", str(out), "--quiet",
                   *args)
