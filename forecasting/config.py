"""The pipeline configuration: one YAML file per pipeline under `pipelines/`, validated here.

Every model forbids unknown keys, so a misspelt key is reported with its path
(`history.splce`) rather than silently ignored. Relative paths in a config file are read
relative to the directory of that file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


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


class NationalTotalConfig(StrictModel):
    """US total electricity: the denominator of shares."""

    file: Path
    definition: Literal["retail_sales", "total_end_use"] = "retail_sales"
    fit_from_year: int = Field(default=2005, ge=1990, le=2100)


class BaselineConfig(StrictModel):
    """The statistical baseline fitted to the built history."""

    model: Literal["loglinear_trend"] = "loglinear_trend"
    fit_last_years: int = Field(default=6, ge=3, description="fit on this many latest years")
    min_log_sd: float = Field(
        default=0.05, ge=0,
        description="floor on the residual s.d. in log space, since interpolated years "
        "understate the noise of the series",
    )


class Distribution(StrictModel):
    """An uncertain parameter: a fixed value or a distribution."""

    dist: Literal["fixed", "uniform", "triangular", "normal"]
    value: float | None = None
    low: float | None = None
    mode: float | None = None
    high: float | None = None
    mean: float | None = None
    sd: float | None = Field(default=None, ge=0)
    note: str = ""

    @model_validator(mode="after")
    def _has_its_parameters(self) -> Distribution:
        needed = {
            "fixed": ("value",),
            "uniform": ("low", "high"),
            "triangular": ("low", "mode", "high"),
            "normal": ("mean", "sd"),
        }[self.dist]
        missing = [k for k in needed if getattr(self, k) is None]
        if missing:
            raise ValueError(f"a {self.dist} distribution needs {', '.join(missing)}")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low:g} is above high {self.high:g}")
        if self.dist == "triangular" and not (self.low <= self.mode <= self.high):
            raise ValueError("mode must lie between low and high")
        return self


class ScenarioConfig(StrictModel):
    """One scenario. `momentum` is the baseline's own extrapolation; `growth_rate` grows the
    last history value at an uncertain rate until `until_year`, then at `then_growth_rate`."""

    name: str = Field(min_length=1)
    driver: Literal["momentum", "growth_rate"]
    description: str = ""
    growth_rate: Distribution | None = None
    until_year: int | None = Field(default=None, ge=1990, le=2100)
    then_growth_rate: Distribution | None = None
    year_sd: float = Field(default=0.0, ge=0, description="year-to-year noise s.d. of the rate")

    @model_validator(mode="after")
    def _driver_parameters(self) -> ScenarioConfig:
        if self.driver == "growth_rate" and self.growth_rate is None:
            raise ValueError("the growth_rate driver needs growth_rate")
        return self


class ForecastConfig(StrictModel):
    end_year: int = Field(default=2035, ge=1990, le=2100)
    draws: int = Field(default=5000, ge=100, le=1_000_000)
    seed: int = Field(default=20241219, ge=0)


class ReportConfig(StrictModel):
    title: str = "Data-center electricity load"


class PipelineConfig(StrictModel):
    name: str
    region: str
    history: HistoryConfig
    national_total: NationalTotalConfig
    baseline: BaselineConfig = BaselineConfig()
    scenarios: list[ScenarioConfig] = Field(min_length=1)
    forecast: ForecastConfig = ForecastConfig()
    report: ReportConfig = ReportConfig()

    @model_validator(mode="after")
    def _unique_scenarios(self) -> PipelineConfig:
        names = [s.name for s in self.scenarios]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"scenario names must be unique: {', '.join(duplicates)}")
        return self
