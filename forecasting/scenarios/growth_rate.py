"""Growth-rate driver: grow the last history value at an uncertain annual rate.

Each path draws one rate for the years up to `until_year` and one for the years after it
(`then_rate`, or the same rate when none is given); each year adds independent noise of s.d.
`year_sd` to the rate. The driver returns paths of annual TWh, shape (n, horizon).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from forecasting.scenarios.distributions import sample


@dataclass(frozen=True)
class GrowthRateDriver:
    growth_rate: object  # a forecasting.config.Distribution
    until_year: int | None = None
    then_growth_rate: object | None = None
    year_sd: float = 0.0

    @classmethod
    def from_config(cls, scenario) -> GrowthRateDriver:
        return cls(scenario.growth_rate, scenario.until_year, scenario.then_growth_rate,
                   scenario.year_sd)

    def sample_paths(
        self, start_value: float, years: np.ndarray, n: int, rng: np.random.Generator
    ) -> np.ndarray:
        early = sample(self.growth_rate, n, rng)
        late = sample(self.then_growth_rate, n, rng) if self.then_growth_rate else early
        cutoff = self.until_year if self.until_year is not None else years[-1]
        rates = np.where(years[None, :] <= cutoff, early[:, None], late[:, None])
        if self.year_sd > 0:
            rates = rates + rng.normal(0.0, self.year_sd, size=rates.shape)
        rates = np.clip(rates, -0.99, None)
        return start_value * np.cumprod(1.0 + rates, axis=1)
