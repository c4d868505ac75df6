"""The horizons the zone report's backtest section says were scored: the run's own.

The section said "the months (h = 1-12) and calendar years (h = 1-3) after it" whatever the
run's ``backtest.horizon`` and ``backtest.annual_horizon`` were (fuzz round 8b D10: a run
with horizon 6 and annual_horizon 1 scored months 1-6 and one calendar year, and its report
said 1-12 and 1-3). The horizons asked are the manifest's resolved config; a run whose
manifest lacks them (published before the keys were written) is described by the horizons
its backtest_forecasts.csv holds, and with neither the section names no horizon rather than
guess one. Where the history after the origins reached fewer horizons than were asked (an
annual_horizon of 3 on a history that gives the last origin one later calendar year), the
section says how far the scored ones reach: a horizon with no forecast in the file was not
scored, and a frequency with none while the file holds the other's rows was not scored at all
(fuzz 14 D6: a 25-month zone, no calendar year complete after any origin, had read "calendar
years (h = 1-3)").
"""

from __future__ import annotations

import pandas as pd

from forecasting.report import zone_figures as figures


def span(last: int) -> str:
    """"1-12", or "1" for a single horizon."""
    return "1" if last == 1 else f"1-{last}"


def scored_horizons(forecasts: pd.DataFrame | None) -> dict[str, int | None]:
    """The largest monthly and annual horizon in backtest_forecasts.csv (None where the
    file, or that frequency, has no rows), and ``any``: its number of rows (None without
    the file)."""
    out: dict[str, int | None] = {"monthly": None, "annual": None, "any": None}
    if forecasts is None or forecasts.empty or "horizon" not in forecasts:
        return out
    out["any"] = len(forecasts)
    for name, rows in (("monthly", figures.monthly(forecasts)),
                       ("annual", figures.annual(forecasts))):
        horizons = pd.to_numeric(rows["horizon"], errors="coerce").dropna()
        out[name] = int(horizons.max()) if len(horizons) else None
    return out


def backtest_horizons(manifest: dict, forecasts: pd.DataFrame | None) -> dict[str, str | None]:
    """Per frequency (``monthly``, ``annual``) the text of its horizons, e.g. "1-6", or
    "1-3 asked, scored up to h = 2: the history ends sooner after every origin" when the
    file stops short of the config; None when neither the config nor the file says (module
    docstring)."""
    config = (manifest.get("config") or {}).get("backtest") or {}
    scored = scored_horizons(forecasts)
    out: dict[str, str | None] = {}
    for name, key in (("monthly", "horizon"), ("annual", "annual_horizon")):
        asked, found = config.get(key), scored[name]
        if asked is None:
            out[name] = None if found is None else span(found)
        elif found is None and scored["any"]:
            what = "month" if name == "monthly" else "calendar year"
            out[name] = (f"{span(int(asked))} asked, none scored: no complete {what} follows "
                         f"any origin")
        elif found is not None and found < int(asked):
            out[name] = (f"{span(int(asked))} asked, scored up to h = {found}: the history "
                         f"ends sooner after every origin")
        else:
            out[name] = span(int(asked))
    return out
