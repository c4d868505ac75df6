"""The pipeline configuration: one YAML file per pipeline under `pipelines/`, validated here.

Every model forbids unknown keys, so a misspelt key is reported with its path
(`history.splce`) rather than silently ignored. Relative paths in a config file are read
relative to the directory of that file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from forecasting.backtest.selection import STRATEGIES
from forecasting.contracts import KEY_YEAR
from forecasting.scenarios.streams import PATHS_END_YEAR
from forecasting.strict import StrictModel


def named_twice(names: list[str]) -> list[str]:
    """The names a list holds more than once, sorted."""
    return sorted({n for n in names if names.count(n) > 1})


class HistoryConfig(StrictModel):
    """How observations become the annual series the models use (see forecasting/history)."""

    observations: Path = Field(description="CSV of published observations, one per source-year")
    sources: Path = Field(description="CSV of the sources the observations cite")
    source_priority: list[str] = Field(
        min_length=1,
        description="sources eligible for the series, best first; others are not used",
    )
    splice: Literal["ratio", "difference", "none"] = Field(
        default="ratio", description="how older vintages are joined to the newest one"
    )
    splice_year: int = Field(default=2014, description="the year both vintages estimate")
    splice_old_source: str = Field(default="lbnl2016", description="the older vintage's anchor")
    splice_new_source: str = Field(default="lbnl2024", description="the newer vintage's anchor")
    include_partial_scope: bool = Field(
        default=False, description="use estimates that exclude storage and network"
    )
    first_year: int | None = Field(default=None, ge=1990, le=2100)
    last_year: int | None = Field(default=None, ge=1990, le=2100)

    @field_validator("source_priority")
    @classmethod
    def _each_source_once(cls, sources: list[str]) -> list[str]:
        # a source named twice has no rank of its own: most likely a typo for another one
        if twice := named_twice(sources):
            raise ValueError(f"a source is listed twice: {', '.join(twice)}")
        return sources


class NationalTotalConfig(StrictModel):
    """US total electricity: the denominator of shares."""

    file: Path
    definition: Literal["retail_sales", "total_end_use"] = "retail_sales"
    fit_from_year: int = Field(default=2005, ge=1990, le=2100)


class CandidateModel(StrictModel):
    """A baseline candidate with parameters: `model` from the registry, under `alias`."""

    alias: str = Field(min_length=1)
    model: str
    params: dict[str, Any] = Field(default_factory=dict)


class BaselineConfig(StrictModel):
    """The statistical baseline: candidate models, chosen and calibrated by backtest."""

    candidates: list[str | CandidateModel] = Field(
        default_factory=lambda: ["regime_trend", "loglinear_trend", "damped_ets", "arima",
                                 "local_linear_trend", "prophet"],
        min_length=1,
        description="registry names (forecasting/models/registry.py) or {alias, model, params}",
    )
    strategy: Literal[STRATEGIES] = Field(  # type: ignore[valid-type]
        default="best", description="publish the best model by backtest MASE, an "
        "inverse-MASE^2 weighted ensemble of paths, (robust) equal weights over the best "
        "three within 1.5x the best MASE, equal weights over all, or (trimmed) the ensemble "
        "over the models within 1.5x the best MASE")
    fallback: str | None = Field(default="regime_trend",
                                 description="used where the backtest has nothing to score yet")
    backtest_horizon: int = Field(default=3, ge=1, le=20)
    first_origin: int = Field(default=2012, ge=1990, le=2100)
    backtest_paths: int = Field(default=1000, ge=100, le=100_000)
    min_residuals: int = Field(default=5, ge=2,
                               description="fewest backtest residuals to calibrate a horizon")


class SensitivityConfig(StrictModel):
    """The tornado table: each parameter at its own P10 and P90, the P50 of `year`."""

    year: int = Field(default=KEY_YEAR, ge=1990, le=2100)
    draws: int = Field(default=1000, ge=100, le=100_000,
                       description="draws per tornado evaluation (fewer than the forecast's)")


#: the most Monte Carlo draws of a national forecast (config or --draws)
MAX_DRAWS = 1_000_000
#: the fewest (config or --draws)
MIN_DRAWS = 100


class ForecastConfig(StrictModel):
    end_year: int = Field(default=2035, ge=1990, le=PATHS_END_YEAR)
    draws: int = Field(default=5000, ge=MIN_DRAWS, le=MAX_DRAWS)
    seed: int = Field(default=20241219, ge=0)


class TrackRecordConfig(StrictModel):
    """The report's track record: the pipeline rerun as of past years (`dcload vintage`),
    scored against today's history beside the published forecasts of the same vintages."""

    as_of: list[int] = Field(default=[2012, 2014, 2016], description="the vintages (at "
                             "least one; for no track record leave the section out): each "
                             "history is rebuilt from the sources published by the end of "
                             "the year")
    published_forecasts: Path | None = Field(
        default=None, description="CSV of published estimates (Mytton's compilation: "
        "Reference, Published, Geography, Scenario name, Estimate year, Value (TWh)); its US "
        "forecast rows are scored beside the vintages; a missing file is reported, not fatal")
    draws: int = Field(default=1000, ge=100, le=100_000,
                       description="Monte Carlo draws per vintage (fewer than the forecast's)")
    backtest_paths: int = Field(default=200, ge=100, le=100_000,
                                description="paths per backtest origin of each vintage")

    @field_validator("as_of")
    @classmethod
    def _some_years(cls, years: list[int]) -> list[int]:
        if not years:
            raise ValueError("give at least one year; for no track record, leave the "
                             "track_record section out")
        return years

    @model_validator(mode="after")
    def _unique_years(self) -> TrackRecordConfig:
        if len(set(self.as_of)) != len(self.as_of):
            raise ValueError("as_of years must be unique")
        return self


class ReportConfig(StrictModel):
    title: str = "Data-center electricity load"


class PipelineConfig(StrictModel):
    name: str
    region: str
    history: HistoryConfig
    national_total: NationalTotalConfig
    baseline: BaselineConfig = BaselineConfig()
    scenarios: list[str] = Field(
        min_length=1, description="scenario names: files <scenarios_dir>/<name>.yaml")
    scenarios_dir: Path | None = Field(
        default=None, description="folder of scenario files and of backcast/<region>.yaml "
        "(default: the shipped data/scenarios)")
    forecast: ForecastConfig = ForecastConfig()
    sensitivity: SensitivityConfig = SensitivityConfig()
    report: ReportConfig = ReportConfig()
    track_record: TrackRecordConfig | None = Field(
        default=None, description="the report's track-record section (none: no section)")

    @field_validator("scenarios")
    @classmethod
    def _unique_scenarios(cls, names: list[str]) -> list[str]:
        # a field check, so the message names the `scenarios:` line
        if twice := named_twice(names):
            raise ValueError(f"scenario names must be unique: {', '.join(twice)}")
        return names
