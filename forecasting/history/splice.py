"""Join an older vintage of estimates to the newest one at a year both estimate."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from forecasting.history.rules import SpliceMode


@dataclass(frozen=True)
class Splice:
    """The adjustment applied to old-basis values: `ratio` x value + `shift`."""

    mode: SpliceMode
    old_anchor: float
    new_anchor: float

    @property
    def ratio(self) -> float:
        return self.new_anchor / self.old_anchor if self.mode == "ratio" else 1.0

    @property
    def shift(self) -> float:
        return self.new_anchor - self.old_anchor if self.mode == "difference" else 0.0

    def apply(self, values: pd.Series) -> pd.Series:
        return values * self.ratio + self.shift

    def describe(self) -> str:
        if self.mode == "ratio":
            return f"x {self.ratio:.4f} ({self.new_anchor:g}/{self.old_anchor:g})"
        if self.mode == "difference":
            return f"{self.shift:+g} TWh ({self.new_anchor:g} - {self.old_anchor:g})"
        return "none"
