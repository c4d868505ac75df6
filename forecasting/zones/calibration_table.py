"""`calibration.csv`: the band calibration the zone forecast applied, one row per monthly
horizon of its load backtest (1..``backtest.horizon``).

The forecast's base energy paths are widened by the conformal factors of the rule's
decision on the total monthly energy (`forecasting.backtest.selected.decide`, from every
backtest row of the chosen candidate or mixture; `forecasting.backtest.calibration`). The
columns:

- ``horizon``: months ahead of the forecast's first month (1 = its first month);
- ``n_residuals``: the chosen forecast's backtest forecasts with an actual at that horizon;
- ``min_residuals``: how many a horizon needs to be calibrated;
- ``calibrated``: whether the horizon's factor is a conformal one (enough residuals and a
  finite factor), else the models' own band is kept there (``factor`` 1);
- ``factor``: the factor the forecast applied to the horizon's band around its median:
  where calibrated, the larger of ``factor_80`` and ``factor_90``, or 1 where that is below
  1 on fewer residuals than a narrowing needs (`calibration.MIN_RESIDUALS_TO_NARROW`, 11);
  1 where not calibrated: there the models' own band is kept, and past the last calibrated
  horizon H, when H's factor is above 1, the extra spread it added at H is carried along
  (`backtest.choose.calibrated_paths`); a factor below 1 is never carried;
- ``factor_80``, ``factor_90``: the conformal factors that make the 80% (P10-P90) and 90%
  (P05-P95) bands cover their share of the residuals (empty without residuals);
- ``scale``: ``log`` when the factors were fitted and applied to the logarithm of the load
  (a positive series: a band never reaches below zero), else ``linear``.
"""

from __future__ import annotations

import pandas as pd

from forecasting.backtest.selected import Decision

CALIBRATION_COLUMNS = ["horizon", "n_residuals", "min_residuals", "calibrated", "factor",
                       "factor_80", "factor_90", "scale"]


def calibration_table(decision: Decision) -> pd.DataFrame:
    """One row per horizon of ``decision.calibration`` (module docstring), by horizon."""
    calibration = decision.calibration
    rows = []
    for h in sorted(calibration.factors):
        levels = calibration.level_factors.get(h, {})
        rows.append({
            "horizon": int(h), "n_residuals": int(calibration.counts.get(h, 0)),
            "min_residuals": int(calibration.min_residuals),
            "calibrated": bool(calibration.is_calibrated(h)),
            "factor": float(calibration.factor(h)),
            "factor_80": float(levels.get(0.8, float("nan"))),
            "factor_90": float(levels.get(0.9, float("nan"))),
            "scale": "log" if decision.log_scale else "linear",
        })
    return pd.DataFrame(rows, columns=CALIBRATION_COLUMNS)
