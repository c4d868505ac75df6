"""statsforecast `AutoTheta` as it comes (a candidate).

The theta method: the series is deseasonalised (classical multiplicative decomposition when a
seasonality test finds a season of length m, from the frequency: M: 12, D: 7, H: 24; none
for annual data or with fewer than two full seasons), then forecast by a simple exponential
smoothing plus half the slope of a linear trend (the "theta line"). `AutoTheta` picks among
the standard, optimised and dynamic variants by in-sample MSE. Works on levels unless
`log=True` (then on log values when every value is positive).

Paths: from the model's own forecast mean and 80% interval (`_statsforecast.interval_paths`:
each period normal with the model's forecast s.d., deviations accumulating as independent
increments across periods), drawn from the caller's `rng`. Parameter uncertainty is not
included.
"""

from __future__ import annotations

from typing import ClassVar

from forecasting.models._statsforecast import StatsforecastModel


class AutoTheta(StatsforecastModel):
    name: ClassVar[str] = "auto_theta"
    statsforecast_class: ClassVar[str] = "AutoTheta"
