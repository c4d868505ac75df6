"""statsforecast `AutoETS` as it comes (a benchmark peer and a candidate).

The ETS model (error, trend, season: additive, multiplicative or none; damped or not) is
chosen by AICc among statsforecast's default set, with season length m from the frequency
(M: 12, D: 7, H: 24; none for annual data or with fewer than two full seasons). Works on
levels unless `log=True` (then on log values when every value is positive).

Paths: from the model's own forecast mean and 80% interval (`_statsforecast.interval_paths`:
each period normal with the model's forecast s.d., deviations accumulating as independent
increments across periods), drawn from the caller's `rng`. Not statsforecast's
`AutoETS.simulate`: in statsforecast 2.1 its paths do not follow the fitted trend (on a
trended monthly series their mean fell 3% below the model's own forecast within six months).
Parameter uncertainty is not included.
"""

from __future__ import annotations

from typing import ClassVar

from forecasting.models._statsforecast import StatsforecastModel


class AutoETS(StatsforecastModel):
    name: ClassVar[str] = "auto_ets"
    statsforecast_class: ClassVar[str] = "AutoETS"
