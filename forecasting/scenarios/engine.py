"""The scenario engine: a `ScenarioSpec` + the history -> joint Monte Carlo paths per component.

`simulate_scenario` draws every parameter once per path (with its rank correlations), runs the
driver and the additive components, adds the AI layer to the baseline (for AI-level drivers),
applies the capacity caps and returns `ScenarioPaths`: arrays (n, H) of `baseline`, `ai`,
`total` and `removed_by_cap`, with

    baseline + ai == total        and        total + removed_by_cap == unconstrained total

on every path, so quantiles of any component or sum are taken from paths, never by adding
quantiles. Draws are vectorized (numpy arrays of draws x years, draws x cohorts); random
numbers come from per-block streams (`sampling.py`), so a run split into chunks
(`first_draw`) gives exactly the numbers of one run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from forecasting.combine.quantiles import hours_in_year
from forecasting.contracts import annual_series
from forecasting.decompose.fleet_backcast import Decomposition, decompose_history
from forecasting.models.loglinear_trend import LogLinearTrend
from forecasting.scenarios.base import DriverContext
from forecasting.scenarios.baseline import growth_paths
from forecasting.scenarios.constraints import apply_cap, capacity_gw
from forecasting.scenarios.sampling import block_draws, draw_parameters
from forecasting.scenarios.spec import ScenarioSpec
from forecasting.scenarios.streams import Streams, blockwise, horizon_to_end

#: stream names of the shared statistical baseline (when the engine fits it itself)
BASELINE_STREAM = ("conventional", "baseline")


@dataclass(frozen=True)
class ScenarioPaths:
    """Joint paths of one scenario; every array is (n, len(years)) unless noted."""

    scenario: str
    region: str
    years: np.ndarray
    total: np.ndarray
    baseline: np.ndarray | None          # None when the driver models the whole load
    ai: np.ndarray | None
    removed_by_cap: np.ndarray
    load_factor: np.ndarray              # (n,)
    parameters: dict[str, np.ndarray]    # each parameter's draws, (n,), by path
    ai_parts: dict[str, np.ndarray] = field(default_factory=dict)  # before any cap
    constrained: bool = False
    first_draw: int = 0
    binding: np.ndarray | None = None    # (n, H) index into constraints.LIMITS, -1: none bit

    @property
    def n(self) -> int:
        return self.total.shape[0]

    @property
    def decomposed(self) -> bool:
        return self.baseline is not None

    @property
    def unconstrained_total(self) -> np.ndarray:
        return self.total + self.removed_by_cap

    @property
    def hours(self) -> np.ndarray:
        return np.array([float(hours_in_year(int(y))) for y in self.years])

    def components(self) -> dict[str, np.ndarray]:
        """The reported components: total, then baseline and ai (if decomposed), then
        removed_by_cap (if the scenario has constraints)."""
        out = {"total": self.total}
        if self.decomposed:
            out["baseline"] = self.baseline
            out["ai"] = self.ai
        if self.constrained:
            out["removed_by_cap"] = self.removed_by_cap
        return out

    def capacity_gw(self, component: str = "total") -> np.ndarray:
        return capacity_gw(self.components()[component], self.hours, self.load_factor)


def simulate_scenario(
    spec: ScenarioSpec,
    *,
    history: pd.DataFrame,
    years: np.ndarray,
    n: int,
    seed: int,
    decomposition: Decomposition | None = None,
    baseline_paths: np.ndarray | None = None,
    momentum_paths: np.ndarray | None = None,
    first_draw: int = 0,
    overrides: Mapping[str, float] | None = None,
    national_paths: np.ndarray | None = None,
) -> ScenarioPaths:
    """Monte Carlo paths of one scenario for draws `first_draw .. first_draw + n - 1`.

    - `history`: the built history (`BuiltHistory.series`: columns year, twh, ...); its last
      year is the base year and `years` must be the consecutive years after it;
    - `decomposition`: the history split into conventional and AI load (default: the
      backcast of `data/scenarios/backcast/<region>.yaml`);
    - `baseline_paths`: the statistical baseline's joint paths of the conventional load,
      (n, H), for scenarios with a `statistical` baseline (default: fitted here);
    - `momentum_paths`: the baseline model's paths of the total, for `momentum` (handed to
      every driver as `ctx.total_paths`; default: the driver fits its own);
    - `overrides`: parameter path -> value fixed on every draw (tornado tables);
    - `national_paths`: the region's electricity paths (n, H), which a `max_share_pct` limit
      applies to (without them that limit is not applied).
    """
    years = np.asarray(years, dtype=int)
    frame = history.sort_values("year")
    base_year = int(frame["year"].iloc[-1])
    if len(years) == 0 or years[0] != base_year + 1 or np.any(np.diff(years) != 1):
        raise ValueError(f"years must be the consecutive years after the base year {base_year}")
    if decomposition is None:
        from forecasting.scenarios.catalog import load_backcast

        decomposition = decompose_history(frame, load_backcast(spec.region))
    if decomposition.base_year != base_year:
        raise ValueError("the decomposition must end in the history's last year")
    horizon = len(years)
    draws = draw_parameters(spec, seed=seed, n=n, first=first_draw, overrides=overrides)

    # the AI layer's additive components and their base-year value (not counted twice)
    components = {key: (component, block_draws(draws, f"components.{key}"))
                  for key, component in spec.component_instances().items()}
    at_base = np.zeros(n)
    for component, comp_draws in components.values():
        at_base += component.at_base(comp_draws, n)
    ctx = DriverContext(
        years=years, base_year=base_year, total_base=float(frame["twh"].iloc[-1]),
        ai_base=decomposition.ai_at_base, conventional_base=decomposition.conventional_at_base,
        fleet=decomposition.fleet, n=n,
        ai_start=np.maximum(decomposition.ai_at_base - at_base, 0.0),
        total_history=annual_series(frame.set_index("year")["twh"]),
        streams=Streams(seed, (spec.region, spec.name), first_draw, n),
        total_paths=momentum_paths,
    )
    parts = {key: component.paths(comp_draws, ctx)
             for key, (component, comp_draws) in components.items()}
    path = _checked(spec.driver_instance().paths(block_draws(draws, spec.driver), ctx), n,
                    horizon, f"the {spec.driver} driver's paths")

    if spec.level == "ai":
        parts = {"driver": path, **parts}
        ai = sum(parts.values())
        baseline = _baseline(spec, frame, decomposition, draws, ctx, baseline_paths, seed,
                             first_draw)
        unconstrained = baseline + ai
    else:
        ai = baseline = None
        unconstrained = path

    load_factor = draws["load_factor"]
    total = unconstrained
    removed = np.zeros_like(unconstrained)
    binding = None
    if spec.constraints is not None:
        total, binding = apply_cap(
            unconstrained, base_twh=_base_total(spec, draws, ctx), base_hours=_hours(base_year),
            hours=ctx.hours, load_factor=load_factor,
            max_added_gw=draws.get("constraints.max_added_gw_per_year"),
            max_total_gw=draws.get("constraints.max_total_gw"),
            max_growth=draws.get("constraints.max_growth_per_year"),
            max_share_pct=draws.get("constraints.max_share_pct"),
            national=None if national_paths is None else national_paths[:n],
        )
        removed = unconstrained - total
        if ai is not None:
            from_ai = np.minimum(removed, ai)
            ai = ai - from_ai
            baseline = baseline - (removed - from_ai)
            total = baseline + ai
            removed = unconstrained - total
    return ScenarioPaths(
        scenario=spec.name, region=spec.region, years=years, total=total, baseline=baseline,
        ai=ai, removed_by_cap=removed, load_factor=load_factor, parameters=draws,
        ai_parts=parts if spec.level == "ai" else {}, constrained=spec.constraints is not None,
        first_draw=first_draw, binding=binding,
    )


def _baseline(spec, frame, decomposition, draws, ctx, baseline_paths, seed, first_draw):
    base = spec.effective_baseline
    n, horizon = ctx.n, len(ctx.years)
    if base.kind == "growth":
        start = draws.get("baseline.start_twh", np.full(n, ctx.conventional_base))
        return growth_paths(start, draws["baseline.growth_rate"], ctx.steps)
    if baseline_paths is None:
        model = LogLinearTrend(last_n=base.fit_last_years, min_log_sd=base.min_log_sd).fit(
            decomposition.conventional_series())
        # drawn out to PATHS_END_YEAR and cut: a year's numbers do not depend on the end year
        full = horizon_to_end(ctx.base_year)
        baseline_paths = blockwise(lambda rng, size: model.sample_paths(full, size, rng),
                                   seed, (spec.region, *BASELINE_STREAM), first_draw,
                                   n)[:, :horizon]
    return _checked(baseline_paths, n, horizon, "baseline_paths")


def _base_total(spec, draws, ctx) -> np.ndarray | float:
    start = getattr(spec.parameters, "start", None)
    if spec.level == "total" and start is not None and start.year == ctx.base_year:
        return draws[f"{spec.driver}.start.twh"]
    return ctx.total_base


def _checked(paths: np.ndarray, n: int, horizon: int, name: str) -> np.ndarray:
    paths = np.asarray(paths, dtype=float)
    if paths.shape != (n, horizon):
        raise ValueError(f"{name} must have shape ({n}, {horizon}), got {paths.shape}")
    return paths


def _hours(year: int) -> float:
    return float(hours_in_year(year))
