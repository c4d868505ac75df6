"""statsforecast `AutoETS` as it comes (a benchmark peer and a candidate).

The ETS model (error, trend, season: additive, multiplicative or none; damped or not) is
chosen by AICc among statsforecast's default set, with season length m from the frequency
(M: 12, D: 7, H: 24; none for annual data or with fewer than two full seasons). Works on
levels unless `log=True` (then on log values when every value is positive).

Paths: statsforecast's `AutoETS.simulate` from the fitted states at the end of the history,
Gaussian errors of the fitted variance (so paths are joint), seeded from the caller's `rng`
(see `_statsforecast.py`). Parameter uncertainty is not included.
"""

from __future__ import annotations

from typing import ClassVar

from forecasting.models._statsforecast import StatsforecastModel


class AutoETS(StatsforecastModel):
    name: ClassVar[str] = "auto_ets"

    def _make(self, season: int):
        from statsforecast.models import AutoETS as SfAutoETS  # lazily: slow import

        return SfAutoETS(season_length=season)
