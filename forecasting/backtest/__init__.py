"""Rolling-origin backtests: origins, metrics, runner, selection, calibration, `selected` rows.

- `origins.rolling_origins`: expanding-window origins with the actuals that follow each one;
- `metrics`: MAE, RMSE, MAPE, sMAPE (0-200), MASE, pinball, CRPS from paths, coverage, width;
- `runner.run_backtest` / `runner.summary`: forecasts of many models at many origins, scored;
- `selection.select_or_ensemble`: best model by MASE or an inverse-MASE^2 path mixture;
- `calibration.fit_calibration` / `calibration.apply`: split-conformal band factors per horizon;
- `widening`: how those factors widen joint paths (``stretch`` every deviation, or an
  ``independent`` draw per period, so a sum over periods averages the extra error);
- `selected.with_selected`: the forecast the pipeline would have published at each origin,
  chosen and calibrated with earlier outcomes only.

Library code only: nothing here prints or touches files.
"""

from forecasting.backtest.calibration import Calibration, apply, fit_calibration
from forecasting.backtest.origins import Origin, rolling_origins
from forecasting.backtest.rolling_origin import BacktestResult, Failure, run_backtest, summary
from forecasting.backtest.selected import Decision, decide, selected_forecasts, with_selected
from forecasting.backtest.selection import Choice, mix_paths, select_or_ensemble

__all__ = [
    "BacktestResult",
    "Calibration",
    "Choice",
    "Decision",
    "Failure",
    "Origin",
    "apply",
    "decide",
    "fit_calibration",
    "mix_paths",
    "rolling_origins",
    "run_backtest",
    "select_or_ensemble",
    "selected_forecasts",
    "summary",
    "with_selected",
]
