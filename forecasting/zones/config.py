"""A zone run's configuration (shipped for Dominion as `pipelines/pjm_dom.yaml`).

`forecasting.io.zone_config_file.load_zone_config` reads the YAML file and resolves its paths
relative to the file (like the national config); `forecasting.zones.read.read_zone_inputs`
opens them. Keys: ``region`` (the table's region label), ``series`` (hourly load files, later
files win overlaps), ``area`` (the balancing authority kept from a file holding several,
EIA's BALANCE file), ``series_timezone`` (the clock of the files' timestamps without a UTC
offset; default UTC), ``column`` (the load column of files with several), ``large_loads``
(directory with contracts.csv and assumptions.csv; needed by every scenario but
``statistical-trend``), ``neighbours`` (hourly files of neighbouring zones
for the decomposition's cross-check: a path, or a `NeighbourFile` mapping naming its
``area``, ``column`` or clock), ``published_figures`` (a CSV of published figures the
decomposition is checked against), ``scenarios``, ``reference_years`` (the years before
the data-center ramp the decomposition measures from; default: the history's first complete
calendar year) and ``min_load_quantile`` (decomposition), ``data_center``
(``decomposition``, the default, or ``none``: no data-center component, the base is the
whole load), ``model_start`` (first month the base models see),
``end_year``, ``profile_year``, ``n_paths``, ``seed`` and ``backtest`` (`BacktestConfig`: monthly
and annual horizons, origins, candidate and peer model names, the selection strategy, how the
calibrated bands are widened, paths per backtest forecast).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from forecasting.backtest.selection import STRATEGIES
from forecasting.backtest.widening import MODES as WIDENINGS
from forecasting.series.time_zone import known_time_zone

SCENARIOS = ("statistical-trend", "vetted", "all-requests", "pjm2025-dom")


#: a month as zone files and configs write it: YYYY-MM, month 01-12
YEAR_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def year_month(value: str | None) -> str | None:
    """`value` if it is a month written YYYY-MM (ValueError otherwise: ``1/12/25`` or
    ``2021-1`` must not be read as some other month)."""
    if value is None:
        return None
    if not YEAR_MONTH.fullmatch(value.strip()):
        raise ValueError("not a month YYYY-MM (such as 2022-12)")
    return value.strip()


#: most sample paths a zone run (``n_paths``) or its backtest (``backtest.n_paths``) may draw:
#: 100x the default, far past where more paths move a P05 or P95; memory and time grow with
#: paths x forecast months (a year at 100,000 paths took 3.5 minutes and 5.8 GB; 100 million
#: was a MemoryError traceback). The least, 10, is kept: bands from so few paths wander
#: from year to year, but a quick look at a zone is a use, and the report says how many
#: paths it drew
MAX_PATHS = 100_000
#: fewest sample paths a zone run or its backtest may draw (above)
MIN_PATHS = 10


PEERS = ["seasonal_naive", "prophet_defaults", "auto_ets", "auto_arima"]


class BacktestConfig(BaseModel):
    """The load backtest (`forecasting.zones.backtest`): total load over the whole evidence
    history, the candidates and the `peers`; its decision on the monthly energy (weights and
    band factors) is the base model of the forecast (`forecasting.zones.run`)."""

    model_config = ConfigDict(extra="forbid")

    horizon: int = Field(12, ge=1)  # monthly horizons scored (months)
    annual_horizon: int = Field(3, ge=1)  # annual horizons scored (years)
    first_origin: str | None = None  # YYYY-MM: first origin of the load backtest (default:
    # the whole evidence history, once a segment holds min_train months)
    step: Literal[1, 2, 3, 4, 6, 12] = 6  # months between load-backtest origins (Decembers in)
    min_train: int = Field(24, ge=12)  # months of a gap-free segment before its first origin
    # benchmarks/zones_accuracy/ (111 zones), pool `plus_both_theta_harmonic` with the
    # ensemble rule: first in verdict.py's order and ahead of the earlier default
    # (`plus_both_theta`, without the two harmonic models) beyond resampling the zones (the
    # mean of the two median ratios 0.013-0.026 lower): the median selected/best-peer MASE
    # 0.973x on monthly mean and 0.957x on monthly peak, <= 1.1x on 90% and 98% of zones,
    # worst 1.43x and 1.14x (run of 2026-12-07; the earlier default 0.983x / 0.983x, 89% /
    # 96%, 1.59x / 1.21x). That run puts `harmonic_ets` first, but on Dominion it misses
    # issue 14's monthly-peak 0.90x (0.905x; benchmarks/zones/dom/candidates.md): it stays
    candidates: list[str] = ["auto_ets", "seasonal_trend", "damped_ets", "seasonal_level",
                             "seasonal_shrunk_trend", "auto_theta", "harmonic_shrunk_trend",
                             "harmonic_smoothed_level"]
    peers: list[str] = PEERS  # benchmark peers, run and scored beside the candidates
    strategy: Literal[STRATEGIES] = "ensemble"  # type: ignore[valid-type]
    # how the conformal band factors widen the monthly paths (forecasting/backtest/widening.py):
    # "independent" adds the widening as month-to-month independent noise (what the models miss
    # in a month is mostly its weather), so a year's sum averages it; "stretch" scales every
    # deviation (DOM's 80% annual-energy bands then covered 91% of 39 annual rows on the mean
    # of five seeds, against 87%: benchmarks/zones/dom/)
    widening: Literal[WIDENINGS] = "independent"  # type: ignore[valid-type]
    n_paths: int = Field(200, ge=MIN_PATHS, le=MAX_PATHS)

    @field_validator("first_origin")
    @classmethod
    def _first_origin_month(cls, value: str | None) -> str | None:
        return year_month(value)

    @field_validator("candidates", "peers")
    @classmethod
    def _known_models(cls, value: list[str]) -> list[str]:
        from forecasting.models.registry import MODELS  # the models load only when checked

        unknown = [name for name in value if name not in MODELS]
        if unknown:
            raise ValueError(f"unknown model {', '.join(map(repr, unknown))} (known: "
                             f"{', '.join(sorted(MODELS))})")
        if not value:
            raise ValueError("name at least one model")
        return value


#: the last year a zone forecast may reach (``end_year``, ``profile_year``): the last year a
#: large-load contract month may name (`forecasting.zones.large_loads.LAST_YEAR` is this
#: one); pandas' clock ends in 2262, and a year past it was a traceback
LAST_FORECAST_YEAR = 2100


def forecast_year(value: int, key: str) -> int:
    """`value` if a forecast may reach it (ValueError naming `key` otherwise): no later than
    `LAST_FORECAST_YEAR` (whether it is after the history is the run's check, which knows
    the history: `forecasting.zones.run.run_zone`)."""
    if value > LAST_FORECAST_YEAR:
        raise ValueError(f"{key} {value} is past {LAST_FORECAST_YEAR}, the last year a zone "
                         "forecast may reach (as the last a large-load contract month may "
                         "name)")
    return value


#: the default year of a zone's hourly profile (``profile_year``)
PROFILE_YEAR = 2030


def check_years(end_year: int | None, profile_year: int) -> int:
    """`profile_year` if the forecast reaches it (ValueError otherwise): the hourly profile
    is of a forecast year. Checked on ``profile_year`` itself (its default too), so the
    message names that key and, when written, its line; ``end_year`` None (refused itself)
    is not compared. A zone run checks it after ``end_year`` and ``profile_year`` are
    checked against its history (`forecasting.zones.run.run_zone`): an end_year before the
    forecast's first year is that mistake, not profile_year's (end_year 2023 on a history
    ending 2023-12 was refused as 'set profile_year to 2023 or earlier', which then failed
    on end_year; fuzz 11a D4); a many-zone run's settings, which no one history goes with,
    when it loads (`ZoneSettings`)."""
    if end_year is not None and profile_year > end_year:
        default = f" ({PROFILE_YEAR} is its default, if the file does not set it)" \
            if profile_year == PROFILE_YEAR else ""
        raise ValueError(f"profile_year {profile_year} is after end_year {end_year}: the "
                         f"hourly profile is of a forecast year; set profile_year to "
                         f"{end_year} or earlier{default}")
    return profile_year


def two_years(value):
    """A ``reference_years`` value as written: two years, first then last (ValueError
    otherwise). Checked before the (int, int) type, which named ``reference_years.1`` as a
    missing key for a single year, and refused a reversed pair on no line (fuzz round 8b)."""
    if isinstance(value, list | tuple):
        if len(value) != 2:
            raise ValueError(f"two years, the first and the last (such as [2006, 2016]); "
                             f"got {len(value)}: {list(value)}")
        first, last = value
        if isinstance(first, int) and isinstance(last, int) and first > last:
            raise ValueError(f"the first year, then the last: [{first}, {last}] is reversed "
                             f"(write [{last}, {first}])")
    return value


def pipeline_scenarios_need(scenarios: list[str], info: ValidationInfo) -> list[str]:
    """`scenarios` if the config gives what they build on (ValueError otherwise): every
    scenario but ``statistical-trend`` needs ``large_loads`` and the decomposition's
    data-center load. A check on ``scenarios`` (declared after both keys), so the message
    names the key written and its line."""
    needs = [s for s in scenarios if s != "statistical-trend"]
    if needs and "large_loads" in info.data and info.data["large_loads"] is None:
        raise ValueError(f"scenarios {needs} need large_loads (a directory with "
                         "contracts.csv and assumptions.csv), and the config has none")
    if needs and info.data.get("data_center") == "none":
        raise ValueError(f"scenarios {needs} build on the decomposition's data-center load: "
                         "data_center must be 'decomposition'")
    return scenarios


class NeighbourFile(BaseModel):
    """A neighbouring zone's load file written as a mapping, for a file that needs more than
    its path: ``area`` (the balancing authority kept from EIA's BALANCE file), ``column``
    (one column of a file with several, e.g. another weather zone of ERCOT's native file)
    and ``series_timezone`` (default: the zone's). It is named by its area, else its column,
    else its file."""

    model_config = ConfigDict(extra="forbid")

    file: str
    area: str | None = None
    column: str | None = None
    series_timezone: str | None = None

    @field_validator("series_timezone")
    @classmethod
    def _known_time_zone(cls, value: str | None) -> str | None:
        return None if value is None else known_time_zone(value)

    def is_path_only(self) -> bool:
        """Whether the entry is only a path (written as one)."""
        return self.area is None and self.column is None and self.series_timezone is None


class ZoneYearChecks(BaseModel):
    """The year checks a zone's config and a many-zone run's zone settings share:
    `end_year` and `profile_year` forecast years within `LAST_FORECAST_YEAR`,
    `reference_years` two years. `profile_year` inside the forecast (`check_years`) is the
    zone run's check, after the history's (`forecasting.zones.run.run_zone`), and the
    many-zone settings' when they load (`ZoneSettings`)."""

    @field_validator("end_year", "profile_year", check_fields=False)
    @classmethod
    def _a_forecast_year(cls, value: int, info: ValidationInfo) -> int:
        return forecast_year(value, info.field_name)

    @field_validator("reference_years", mode="before", check_fields=False)
    @classmethod
    def _two_years(cls, value):
        return two_years(value)


class ZoneConfig(ZoneYearChecks):
    model_config = ConfigDict(extra="forbid")

    region: str
    series: list[str] = Field(min_length=1)
    area: str | None = None  # the balancing authority kept from a series file holding
    # several (EIA's BALANCE file); files of one area are read whole
    # the clock of the series files' timestamps that carry no UTC offset (IANA name; local
    # wall-clock files with DST follow `forecasting.series.dates`' rules); EIA-930 files and
    # PJM's are read on their own known clocks whatever this says
    series_timezone: str = "UTC"
    column: str | None = None  # the load column of files with several numeric columns
    # (ERCOT's native file: one per weather zone and the total); None: the only one
    large_loads: str | None = None  # directory with contracts.csv and assumptions.csv
    # hourly load files of neighbouring zones (cross-check): paths, read on the zone's
    # ``series_timezone``, or `NeighbourFile` mappings for files that need more
    neighbours: list[NeighbourFile] = []
    data_center: Literal["decomposition", "none"] = "decomposition"  # "none": no
    # data-center component (base = the whole load), for zones without data-center evidence
    published_figures: str | None = None  # CSV of published figures the decomposition is
    # checked against (forecasting/zones/published_figures.py)
    scenarios: list[Literal[SCENARIOS]] = Field(  # type: ignore[valid-type]
        ["statistical-trend"], min_length=1)
    reference_years: tuple[int, int] | None = None  # None: the first complete year
    min_load_quantile: float = Field(0.01, gt=0, lt=0.5)
    model_start: str | None = None  # YYYY-MM: first month the base models see (default:
    # the month after the last incomplete month before the end)
    end_year: int = 2035
    profile_year: int = Field(PROFILE_YEAR, validate_default=True)  # checked against end_year
    # by the run, after both are checked against the history (`check_years`)
    n_paths: int = Field(1000, ge=MIN_PATHS, le=MAX_PATHS)
    seed: int = Field(0, ge=0)
    # IANA time zone of the zone's clocks: data-center load peaks mid-afternoon local time in
    # the forecast's hourly profiles and peaks (forecasting/zones/weather_years.py)
    timezone: str = "America/New_York"
    backtest: BacktestConfig = BacktestConfig()

    @field_validator("timezone", "series_timezone")
    @classmethod
    def _known_time_zone(cls, value: str) -> str:
        return known_time_zone(value)


    @field_validator("region")
    @classmethod
    def _a_region_name(cls, value: str) -> str:
        """The region labels every table row and titles the report: an empty one published
        a run named by nothing (fuzz round 8b), as a many-zone run's top name is refused."""
        if not value.strip():
            raise ValueError("the zone's name (e.g. PJM-DOM) cannot be empty or blank")
        return value

    @field_validator("model_start")
    @classmethod
    def _model_start_month(cls, value: str | None) -> str | None:
        return year_month(value)

    @field_validator("scenarios")
    @classmethod
    def _each_scenario_once(cls, value: list[str], info: ValidationInfo) -> list[str]:
        twice = sorted({s for s in value if value.count(s) > 1})
        if twice:
            raise ValueError(f"scenario {', '.join(map(repr, twice))} named twice")
        return pipeline_scenarios_need(value, info)


    @field_validator("neighbours", mode="before")
    @classmethod
    def _paths_are_files(cls, value):
        return [{"file": v} if isinstance(v, str) else v for v in value] \
            if isinstance(value, list) else value

    def neighbour_files(self) -> list[NeighbourFile]:
        """Every neighbour, its clock the zone's unless it names one."""
        return [n.model_copy(update={"series_timezone": n.series_timezone
                                     or self.series_timezone}) for n in self.neighbours]


class ZoneSettings(ZoneYearChecks):
    """What every zone of a many-zone run shares (the `ZoneConfig` keys that are not about
    one zone's files)."""

    model_config = ConfigDict(extra="forbid")

    reference_years: tuple[int, int] | None = None
    min_load_quantile: float = Field(0.01, gt=0, lt=0.5)
    model_start: str | None = None

    @field_validator("model_start")
    @classmethod
    def _model_start_month(cls, value: str | None) -> str | None:
        return year_month(value)
    data_center: Literal["decomposition", "none"] = "none"  # zones with large-load data
    # always use the decomposition
    end_year: int = 2035
    profile_year: int = Field(PROFILE_YEAR, validate_default=True)  # checked against end_year
    n_paths: int = Field(200, ge=MIN_PATHS, le=MAX_PATHS)
    # every zone's clock; None (the default): each zone's BA's from the ``regions`` table's
    # ``Time Zone`` column, else America/New_York (forecasting/many_zones/plan.py)
    timezone: str | None = None
    backtest: BacktestConfig = BacktestConfig()

    @field_validator("timezone")
    @classmethod
    def _known_time_zone(cls, value: str | None) -> str | None:
        return None if value is None else known_time_zone(value)

    @field_validator("profile_year")
    @classmethod
    def _profile_in_the_forecast(cls, value: int, info: ValidationInfo) -> int:
        return check_years(info.data.get("end_year"), value)




class ManyZonesConfig(BaseModel):
    """A many-zone run (`pipelines/us_zones.yaml`; forecasting/many_zones/): every file of
    ``series_dir`` matching ``pattern`` (a glob matched in any case: ``*.csv`` takes
    ``BETA.CSV``; without one, every load file the readers take: .csv, .csv.gz, .parquet,
    .pq, in any case) is a zone named by its file stem; a hidden file (name starting with
    '.') never is, and the load files ``pattern`` leaves out are named in one warning line;
    the hierarchy zone -> BA -> region -> ``region`` (the top) follows
    `forecasting.hierarchy.tree`, with ``regions`` a CSV of BA codes and their regions
    (columns ``Code`` and ``Region``, as EIA's balancing_authority_acronyms.csv; a first
    line starting ``SOURCE:`` is skipped;
    its optional ``Time Zone`` column sets each zone's clock unless ``zone.timezone`` does).
    ``series_timezone`` and ``column`` read every file of the folder as a zone's
    ``series_timezone`` and ``column`` do (a folder of one utility's local-time exports; the
    load column of files with several); a zone's clock defaults to ``series_timezone`` when
    neither ``zone.timezone`` nor the regions table gives one. A zone with a folder
    ``large_loads_dir/<stem in lower case, '-' as '_'>`` holding
    contracts.csv and assumptions.csv gets the ``vetted`` data-center component, every other
    zone the ``statistical-trend`` one; the run's scenario is ``reference``."""

    model_config = ConfigDict(extra="forbid")

    region: str = "US48"
    series_dir: str
    pattern: str | None = None
    regions: str | None = None
    large_loads_dir: str | None = None
    series_timezone: str = "UTC"  # the clock of the files' timestamps without a UTC offset
    column: str | None = None  # the load column of files with several numeric columns
    seed: int = Field(0, ge=0)
    zone: ZoneSettings = ZoneSettings()

    @field_validator("pattern")
    @classmethod
    def _pattern_in_the_folder(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.strip() or value.startswith(("/", "\\")) or "/" in value or "\\" in value:
            raise ValueError("a file-name pattern inside series_dir, such as '*.csv' (no "
                             "folder, no absolute path)")
        return value

    @field_validator("region")
    @classmethod
    def _a_top_name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the top node's name (e.g. US48) cannot be empty or blank")
        return value

    @field_validator("series_timezone")
    @classmethod
    def _known_series_time_zone(cls, value: str) -> str:
        return known_time_zone(value)
