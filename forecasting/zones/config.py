"""A zone run's configuration (shipped for Dominion as `pipelines/pjm_dom.yaml`).

`forecasting.io.zone_config_file.load_zone_config` reads the YAML file and resolves its paths
relative to the file (like the national config); `forecasting.zones.read.read_zone_inputs`
opens them. Keys: ``region`` (the table's region label), ``series`` (hourly load files, later
files win overlaps), ``large_loads`` (directory with contracts.csv and assumptions.csv; needed by
every scenario but ``statistical-trend``), ``neighbours`` (hourly files of neighbouring zones
for the decomposition's cross-check), ``scenarios``, ``reference_years`` and
``min_load_quantile`` (decomposition), ``model_start`` (first month the base models see),
``end_year``, ``profile_year``, ``n_paths``, ``seed`` and ``backtest`` (`BacktestConfig`: monthly
and annual horizons, origins, candidate and peer model names, the selection strategy, paths per
backtest forecast).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCENARIOS = ("statistical-trend", "vetted", "all-requests", "pjm2025-dom")


PEERS = ["seasonal_naive", "prophet_defaults", "auto_ets", "auto_arima"]


class BacktestConfig(BaseModel):
    """The load backtest (`forecasting.zones.backtest`): total load over the whole evidence
    history, the candidates and the `peers`; its decision on the monthly energy (weights and
    band factors) is the base model of the forecast (`forecasting.zones.run`)."""

    model_config = ConfigDict(extra="forbid")

    horizon: int = Field(12, ge=1)  # monthly horizons scored (months)
    annual_horizon: int = Field(3, ge=1)  # annual horizons scored (years)
    history_start: str | None = None  # YYYY-MM: first origin of the load backtest (default:
    # the whole evidence history, once a segment holds min_train months)
    step: Literal[1, 2, 3, 4, 6, 12] = 6  # months between load-backtest origins (Decembers in)
    min_train: int = Field(24, ge=12)  # months of a gap-free segment before its first origin
    candidates: list[str] = ["seasonal_trend", "damped_ets", "auto_ets", "auto_arima"]
    peers: list[str] = PEERS  # benchmark peers, run and scored beside the candidates
    strategy: Literal["best", "ensemble"] = "ensemble"
    n_paths: int = Field(200, ge=10)


class ZoneConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    region: str
    series: list[str] = Field(min_length=1)
    large_loads: str | None = None  # directory with contracts.csv and assumptions.csv
    neighbours: list[str] = []  # hourly load files of neighbouring zones (cross-check)
    scenarios: list[Literal[SCENARIOS]] = ["statistical-trend"]  # type: ignore[valid-type]
    reference_years: tuple[int, int] = (2006, 2016)
    min_load_quantile: float = Field(0.01, gt=0, lt=0.5)
    model_start: str | None = None  # YYYY-MM: first month the base models see (default:
    # the first complete month after the last long gap)
    end_year: int = 2035
    profile_year: int = 2030
    n_paths: int = Field(1000, ge=10)
    seed: int = 0
    backtest: BacktestConfig = BacktestConfig()

    @model_validator(mode="after")
    def _pipeline_needs_data(self) -> ZoneConfig:
        needs = [s for s in self.scenarios if s != "statistical-trend"]
        if needs and self.large_loads is None:
            raise ValueError(f"scenarios {needs} need large_loads (a directory)")
        if self.reference_years[0] > self.reference_years[1]:
            raise ValueError("reference_years must be (first, last)")
        return self
