"""What the zone report's note on the bands says, from the factors the forecast applied.

calibration.csv has, per monthly horizon, whether its residuals were enough to calibrate it
(``calibrated``: at least ``min_residuals`` backtest forecasts with an actual and a finite
conformal factor), the conformal factors the residuals asked for (``factor_80``,
``factor_90``) and the ``factor`` the forecast applied. A horizon counted as calibrated is
not always one whose band the calibration changed: a conformal factor below 1 (the models'
band wider than the misses) is applied only on `MIN_RESIDUALS_TO_NARROW` residuals or more,
and below that the applied factor is 1, the models' own band (fuzz round 7a D11: a 30-month
zone's note called its bands "calibrated by split conformal prediction (factor 1.00)" where
nothing had been changed). So the note sorts the horizons by what was applied:

- ``calibrated``: a factor other than 1 applied (widened above 1, narrowed below);
- ``kept``: enough residuals, but the factor applied is 1 (``refused``: the residuals asked
  for a narrowing on fewer than `MIN_RESIDUALS_TO_NARROW`);
- ``short``: too few residuals (or no finite factor): the models' own band.

A run whose every horizon is ``kept`` or ``short`` has model-based bands, and the note says
so. A run without calibration.csv (published before it) has no applied factors: its
calibrated horizons are all taken as ``calibrated`` (`forecasting.report.zone_render`'s
derived reading). The note also says when the backtest rests on few origins: under
`THIN_ORIGINS` (`forecasting.zones.init_config.MIN_ORIGINS`, a year of monthly origins; the
report reads files, not the zone modules), as the config `zones init` writes says in a
comment the report never sees.
"""

from __future__ import annotations

import math

import pandas as pd

from forecasting.backtest.calibration import MIN_RESIDUALS, MIN_RESIDUALS_TO_NARROW

#: fewer backtest origins than this and the note says the bands rest on little evidence
THIN_ORIGINS = 12
#: an applied factor within this of 1 is 1 (calibration.csv writes four decimals)
UNCHANGED = 5e-5


def calibration_sentence(table: pd.DataFrame, origins: int | None = None) -> dict:
    """The bands note's facts from calibration.csv (one row per monthly horizon), and the
    backtest's number of ``origins`` when known (module docstring)."""
    table = table.sort_values("horizon")
    need = (int(table["min_residuals"].iloc[0]) if "min_residuals" in table
            else MIN_RESIDUALS)
    per = []
    for r in table.to_dict("records"):
        asked = [float(r[c]) for c in ("factor_80", "factor_90") if c in r]
        asked = [a for a in asked if math.isfinite(a)]
        per.append({"h": int(r["horizon"]), "n": int(r["n_residuals"]),
                    "ok": bool(r["calibrated"]), "factor": float(r["factor"]),
                    "asked": max(asked) if asked else None})
    return bands_facts(per, need, source="calibration.csv", origins=origins)


def bands_facts(per: list[dict], need: int, source: str, origins: int | None = None) -> dict:
    """The note's facts from per-horizon dicts (h, n, ok, and where known the applied
    ``factor`` and the ``asked`` conformal factor)."""
    done = [p for p in per if p["ok"] and not _unchanged(p)]
    kept = [p for p in per if p["ok"] and _unchanged(p)]
    short = [p for p in per if not p["ok"]]
    last = [p for p in per if p["ok"]]
    carried = (last[-1]["factor"] if last and "factor" in last[-1]
               and last[-1]["factor"] > 1 + UNCHANGED else None)
    return {"calibrated": done, "kept": kept, "short": short,
            "horizons": [p["h"] for p in per],
            "most": max((p["n"] for p in per), default=0),
            "most_short": max((p["n"] for p in short), default=0),
            "too_few": all(p["n"] < need for p in short),
            "min_residuals": need, "min_to_narrow": MIN_RESIDUALS_TO_NARROW,
            "spans": spans([p["h"] for p in done]),
            "widened_spans": spans([p["h"] for p in done if p.get("factor", 2.0) > 1]),
            "narrowed_spans": spans([p["h"] for p in done if p.get("factor", 2.0) < 1]),
            "kept_spans": spans([p["h"] for p in kept]),
            "refused": bool(kept) and all(p.get("asked") is not None and p["asked"] < 1
                                          for p in kept),
            "last_ok": last[-1]["h"] if last else None, "carried": carried,
            "short_spans": spans([p["h"] for p in short]), "source": source,
            "origins": origins,
            "thin": origins is not None and origins < THIN_ORIGINS,
            "thin_origins": THIN_ORIGINS}


def backtest_origins(forecasts: pd.DataFrame | None) -> int | None:
    """How many origins the run's monthly energy backtest has (backtest_forecasts.csv's
    monthly ``energy_gwh`` rows; None without them)."""
    if forecasts is None or forecasts.empty or not {"metric", "origin", "period"} <= set(
            forecasts.columns):
        return None
    rows = forecasts[(forecasts["metric"] == "energy_gwh")
                     & forecasts["period"].astype(str).str.len().eq(7)]
    return int(rows["origin"].nunique()) if len(rows) else None


def spans(values: list[int]) -> str:
    """1, 2, 3, 5 -> '1-3, 5'."""
    out: list[str] = []
    for v in values:
        if out and int(out[-1].split("-")[-1]) == v - 1:
            out[-1] = f"{out[-1].split('-')[0]}-{v}"
        else:
            out.append(str(v))
    return ", ".join(out)


def _unchanged(p: dict) -> bool:
    """Whether the horizon's applied factor is 1 (unknown for a run without
    calibration.csv: then taken as changed, as such runs were reported)."""
    return "factor" in p and abs(p["factor"] - 1.0) <= UNCHANGED
