"""`inference` component: queries served, added to the AI path.

    TWh_k = queries_per_day_bn x (1 + query_growth)^k x days_k
            x wh_per_query x (1 + wh_per_query_change)^k x region_share / 1000

(1e9 queries x 1 Wh = 1 GWh = 0.001 TWh.) Published energy per query: 2.9 Wh for an LLM chat
query vs 0.3 Wh for a web search (de Vries 2023; EPRI 2024); newer measurements 0.24 Wh
(median Gemini text prompt, Google 2025) and 0.34 Wh (average ChatGPT query, OpenAI 2025). As
with `training`, add it only for demand the driver does not already contain.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from typing import ClassVar

import numpy as np
from pydantic import Field

from forecasting.scenarios.base import Component, DriverContext, ParameterBlock, column
from forecasting.scenarios.distributions import Domain, Param
from forecasting.scenarios.physical import QUERIES_BN, WH_PER_QUERY


class InferenceParameters(ParameterBlock):
    queries_per_day_bn: Param = Field(description="AI queries per day, world, base year, "
                                      "billions")
    query_growth: Param = Field(default=0.0, description="growth of queries per year")
    wh_per_query: Param = Field(description="facility energy per query in the base year, Wh")
    wh_per_query_change: Param = Field(default=0.0, description="change of Wh per query per "
                                       "year (negative: cheaper)")
    region_share: Param = Field(description="share of the queries served in the region, 0-1")

    DOMAINS: ClassVar[dict[str, Domain]] = {
        "queries_per_day_bn": QUERIES_BN,
        "query_growth": Domain(gt=-1),
        "wh_per_query": WH_PER_QUERY,
        "wh_per_query_change": Domain(gt=-1),
        "region_share": Domain(ge=0, le=1),
    }


class InferenceComponent(Component, name="inference", parameters=InferenceParameters):
    p: InferenceParameters

    def energy(self, draws: Mapping[str, np.ndarray], n: int, steps: np.ndarray,
               days: np.ndarray | None = None) -> np.ndarray:
        """TWh in the years `steps` after the base year (0 = the base year), (n, len(steps))."""
        k = np.asarray(steps, dtype=float)[None, :]
        days = np.full(k.shape, 365.0) if days is None else np.asarray(days, float)[None, :]
        queries = (column(draws, "queries_per_day_bn", n)
                   * (1.0 + column(draws, "query_growth", n)) ** k)
        wh = (column(draws, "wh_per_query", n)
              * (1.0 + column(draws, "wh_per_query_change", n)) ** k)
        return queries * days * wh * column(draws, "region_share", n) / 1000.0

    def paths(self, draws: Mapping[str, np.ndarray], ctx: DriverContext) -> np.ndarray:
        days = np.array([366.0 if calendar.isleap(int(y)) else 365.0 for y in ctx.years])
        return self.energy(draws, ctx.n, ctx.steps, days)
