"""The documented, configurable rules by which observations become the annual series."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SpliceMode = Literal["ratio", "difference", "none"]


@dataclass(frozen=True)
class HistoryRules:
    """How the history builder chooses, adjusts and fills values.

    - `source_priority`: sources eligible for the series, best first. When a year has several
      estimates, the one from the earliest source in this list is used; sources not in the list
      are not used at all.
    - `splice`: the series break between two vintages of the same estimator. Both
      `splice_old_source` and `splice_new_source` estimate `splice_year`; every row from a
      source published before `splice_new_source` is on the old basis and is rescaled:
      `ratio` multiplies by new/old (58/70 for LBNL 2024 vs 2016), `difference` adds new - old,
      `none` leaves it as published.
    - `include_partial_scope`: estimates that exclude storage and network are left out unless
      this is true.
    - Years between the first and last chosen year with no estimate are filled by log-linear
      interpolation between their neighbours.
    """

    source_priority: tuple[str, ...]
    splice: SpliceMode = "ratio"
    splice_year: int = 2014
    splice_old_source: str = "lbnl2016"
    splice_new_source: str = "lbnl2024"
    include_partial_scope: bool = False
    first_year: int | None = None
    last_year: int | None = None

    @classmethod
    def from_config(cls, config) -> HistoryRules:
        """Rules from a `forecasting.config.HistoryConfig`."""
        return cls(
            source_priority=tuple(config.source_priority),
            splice=config.splice,
            splice_year=config.splice_year,
            splice_old_source=config.splice_old_source,
            splice_new_source=config.splice_new_source,
            include_partial_scope=config.include_partial_scope,
            first_year=config.first_year,
            last_year=config.last_year,
        )
