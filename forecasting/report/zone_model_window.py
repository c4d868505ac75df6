"""Which months the zone forecast's models were fitted on, in words, for the report's history
section: from the manifest's ``model_window`` (`forecasting.zones.window_record`).

The models need an unbroken run of complete months, so a history with a long gap is modelled
on the months after its last incomplete month alone (README "Base model window"). The report
had listed the incomplete months and nothing else, which read as if the complete months
before the gap were fitted too (fuzz 14 D1: AZPS with 2021-03..08 removed is modelled on
2021-09..2024-12; its 14 complete months 2020-01..2021-02 are not). The sentence names the
window, why it starts there, the complete months before it that the models do not fit, and
where those months still count, each only when the run's files show it:

- the backtest, when it has origins before the window (Dominion: 2007-06..2018-06, fitted on
  2005-2018 before the 2018-08/09 hole): its scores weigh and calibrate the forecast's models;
- the decomposition, made on the whole history, when the run estimated one;
- the weather years holding a month before the window (their hourly shapes make the peaks);
- the growth check, when its regime starts before the window (`zone_growth_check`).

No sentence when the window starts at the history's first complete month (the whole history
is modelled) and for a run published before the manifest recorded the window.
"""

from __future__ import annotations

import pandas as pd

WHY = {
    "incomplete month": "after the last incomplete month, {after}: the models need months "
                        "without a gap",
    "model_start": "from the config's model_start",
    "history start": "from the history's first complete month",
}


def window_first(manifest: dict) -> str | None:
    """The window's first month ("2021-09") when complete months before it are not modelled,
    else None (the whole history is, or the manifest has no record)."""
    record = manifest.get("model_window") if isinstance(manifest, dict) else None
    if not isinstance(record, dict) or not record.get("before"):
        return None
    return str(record["first"])


def model_window_text(manifest: dict, *, backtest_forecasts: pd.DataFrame | None,
                      weather_years: list[int], growth_start: str | None,
                      estimated: bool) -> str | None:
    """The history section's sentence (module docstring) or None. ``weather_years`` the
    run's (`zone_render.weather_year_count`), ``growth_start`` the growth check's regime
    start (growth_check.csv ``history_regime_start``, None without the file), ``estimated``
    whether the run made a decomposition."""
    first = window_first(manifest)
    if first is None:
        return None
    record, start = manifest["model_window"], pd.Period(first, "M")
    before = record["before"]
    why = WHY.get(record.get("set_by"), "").format(after=record.get("after"))
    energy = "base energy" if estimated else "energy"
    text = (f"The forecast's models of the monthly {energy} are fitted on the complete months "
            f"{record['first']}..{record['last']} ({record['months']} months)"
            f"{', ' + why if why else ''}. The {before['months']} complete months before it "
            f"({before['first']}..{before['last']}) are shown, not fitted by those models")
    uses = _uses(start, backtest_forecasts, weather_years, growth_start, estimated)
    return text + (f"; they still count elsewhere: {_join(uses)}." if uses else ".")


def _uses(start: pd.Period, backtest_forecasts: pd.DataFrame | None,
          weather_years: list[int], growth_start: str | None, estimated: bool) -> list[str]:
    uses = []
    origins = _origins_before(backtest_forecasts, start)
    if origins:
        span = origins[0] if len(origins) == 1 else f"{origins[0]}..{origins[-1]}"
        uses.append(f"in the backtest (its origins {span} fit its models on them, and its "
                    "scores weigh and calibrate the forecast's models)")
    if estimated:
        uses.append("in the decomposition (made on the whole history)")
    years = [y for y in weather_years if pd.Period(f"{y}-01", "M") < start]
    if years:
        named = str(years[0]) if len(years) == 1 else (
            f"{years[0]}-{years[-1]}" if years[-1] - years[0] + 1 == len(years)
            else ", ".join(str(y) for y in years))
        uses.append(f"in the weather year{'s' if len(years) > 1 else ''} {named}")
    if growth_start and pd.Period(str(growth_start), "M") < start:
        uses.append("in the growth check")
    return uses


def _origins_before(forecasts: pd.DataFrame | None, start: pd.Period) -> list[str]:
    """The backtest's monthly origins ("YYYY-MM") before ``start``, sorted."""
    if forecasts is None or forecasts.empty or "origin" not in forecasts:
        return []
    origins = forecasts["origin"].astype(str)
    months = sorted(set(origins[origins.str.fullmatch(r"\d{4}-\d{2}")]))
    return [m for m in months if pd.Period(m, "M") < start]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
