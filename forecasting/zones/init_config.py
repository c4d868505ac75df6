"""A zone pipeline config for any zone's load files (what `dcload zones init` writes).

`zone_config_text(name, series, out, raws)` reads nothing: it takes the files as read
(`forecasting.zones.read.read_zone_files`) and returns the YAML text of a `ZoneConfig` with

- ``region``: the name given, ``series``: the files in the order given (later files win
  overlaps), relative to the config's folder when they share a folder below the root (so the
  config and its data can move together), else absolute; ``area``: the balancing authority
  kept from files holding several (`--ba`), and ``column``, the load column of files with
  several (`--column`), when given;
- ``scenarios: [statistical-trend]``: no large-load data, so the data-center component is
  the decomposition's recent trend carried on;
- ``data_center`` and ``reference_years``: when the history covers complete years before
  2017 (the national break; at most 2006-2016), the decomposition measures data-center load
  added since them (``data_center: decomposition``); otherwise there is no pre-ramp
  reference, growth of the near-flat load since the first year cannot be told from base
  growth, and the zone has no data-center component (``data_center: none``: the
  statistical model forecasts the whole load);
- ``backtest.first_origin`` and ``backtest.step`` (`backtest_plan`): chosen from the origins
  they give (counted as the zone backtest does: `backtest_origins`), so that more history
  never gives fewer. An origin needs 24 complete months before it (`FIT_MONTHS`) and a later
  month to score, so a window of N complete months has N - 24 possible origins; the backtest
  takes `MIN_ORIGINS` (12, a year of monthly origins) when it can: under 12 possible (N <
  36) every month is an origin (``step: 1``) and the config says that the models and bands
  rest on thin evidence; 12 to 23 possible (36 <= N < 48), every month of the last year
  (``step: 1``, 12 origins); 24 or more (N >= 48), every other month of the last two years
  (``step: 2``, 12 origins, two Decembers for the annual scores). The default every six
  months (Decembers in) from 24 months before the end would give 2 to 4 origins. A history
  with fewer than 25 complete months in its modelling window (24 to fit and one to score:
  what a zone run itself needs) is refused (`InputError`), naming the incomplete month that
  starts the window (the complete months before it are not used: `short_window_reason`).

- ``series_timezone``: the clock of the files' timestamps without a UTC offset (`--series-tz`,
  default UTC);
- ``timezone``: the zone's clock (its months, seasons, hours of the day; `zone_clock`):
  `--timezone` if given, else the files' clock when they are on local time (`--series-tz`),
  else the clock their stamps name by US zone abbreviations, both forms of one clock (CST
  and CDT: America/Chicago; the rule and why: `forecasting.zones.stamp_clock`), which the
  command says it took and from which stamps, else the default (America/New_York, which the
  command says it took), to edit for a zone on another clock (UTC hours, and one
  abbreviation all year, say nothing of the zone's clock). Only the clock written changes:
  an abbreviation is its UTC offset, so the hours are read the same either way.

Everything else keeps `ZoneConfig`'s defaults, written out so a planner sees what to edit.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from forecasting.errors import InputError
from forecasting.paths import display_path
from forecasting.series.read import RawSeries
from forecasting.zones.backtest import origins_by_segment
from forecasting.zones.config import ZoneConfig
from forecasting.zones.history import COMPLETE, MONTH_COMPLETE, build_history, period_table
from forecasting.zones.run import MIN_WINDOW_MONTHS, model_window, short_window_reason
from forecasting.zones.stamp_clock import StampClock, stamp_clock
from forecasting.zones.weather_years import weather_years

MIN_MONTHS = MIN_WINDOW_MONTHS + 1  # 24 to fit and one month to score an origin
FIT_MONTHS = 24  # complete months before an origin (the zone backtest's min_train)
MIN_ORIGINS = 12  # a year of monthly origins; fewer is thin evidence, said in the config
PRE_RAMP = (2006, 2016)


def reference_years_of(table: pd.DataFrame) -> tuple[int, int] | None:
    """Complete calendar years before the ramp (within `PRE_RAMP`), or None."""
    months = table.groupby(table.index.year)["complete"].agg(["all", "size"])
    complete = [int(y) for y in months.index[(months["all"]) & (months["size"] == 12)]]
    if not complete:
        raise ValueError("no complete calendar year")
    before = [y for y in complete if PRE_RAMP[0] <= y <= PRE_RAMP[1]]
    return (before[0], before[-1]) if before else None


def zone_config_text(name: str, series: Sequence[Path], out: Path,
                     raws: Sequence[RawSeries], *, area: str | None = None,
                     series_timezone: str = "UTC", column: str | None = None,
                     timezone: str | None = None) -> str:
    """The YAML text of a statistical-trend zone config (module docstring)."""
    files = ", ".join(display_path(p) for p in series)
    defaults = ZoneConfig(region=name, series=["x"])
    # the clock it writes as `timezone`: the zone run's months are on it (`history` doc)
    clock, named = zone_clock(raws, timezone=timezone, series_timezone=series_timezone)
    history = build_history(raws, clock)
    table = period_table(history.load, "M", clock)
    try:
        reference = reference_years_of(table)
        window = model_window(history, None)
    except ValueError as exc:
        raise InputError(files, f"cannot make a zone from these files: {exc}") from None
    if len(window) < MIN_MONTHS:
        raise InputError(files, short_window_reason(history, window, MIN_MONTHS,
                                                    "24 to fit, one to score"))
    weather = weather_years(history.load, pd.Series(0.0, index=table.index), clock=clock,
                            imputed=history.imputed)  # the run's own rule for weather years
    if not len(weather.years):
        raise InputError(files, "cannot make a zone from these files: no calendar year has "
                         f"every month with evidence for at least {COMPLETE:.0%} of its hours "
                         f"and measured (not imputed) hours for at least {MONTH_COMPLETE:.0%} "
                         "(the weather years the hourly shapes and peaks are drawn from); fill "
                         "the gaps")
    first_origin, step = backtest_plan(window)
    origins = backtest_origins(window, first_origin, step)
    base = out.resolve().parent
    relative = [_path_from(base, Path(p).resolve()) for p in series]
    lines = [
        f"# Zone pipeline {name}, written by `dcload zones init` (forecasting.zones.config."
        "ZoneConfig).",
        "# Paths are relative to this file. Run it with: dcload forecast --config <this file>",
        f"# History: {window[0]}..{window[-1]} complete months modelled; "
        f"{len(history.gaps())} long gap(s) flagged.",
        *([f"# Only {len(window)} months: the backtest has {origins} month(s) of origins "
           f"(under the {MIN_ORIGINS} of a year) to choose the models and calibrate the bands "
           "on; they rest on little evidence until the history grows."]
          if origins < MIN_ORIGINS else []),
        f"region: {_quote(name)}",
        "series:",
        *[f"  - {_quote(p)}" for p in relative],
        *(["# the balancing authority kept from files holding several",
           f"area: {_quote(area.strip())}"] if area and area.strip() else []),
        *(["# the load column of files with several numeric columns",
           f"column: {_quote(column)}"] if column else []),
        "# the clock of the files' timestamps without a UTC offset (EIA-930 and PJM files",
        "# are read on their own clocks)",
        f"series_timezone: {series_timezone}",
        "# no large-load data: only the statistical-trend scenario (add large_loads: DIR with",
        "# contracts.csv and assumptions.csv for vetted and all-requests)",
        "scenarios: [statistical-trend]",
        *(["# complete years before the data-center ramp: the decomposition measures "
            "data-center load added since",
            "data_center: decomposition",
            f"reference_years: [{reference[0]}, {reference[1]}]"] if reference else
          ["# no complete year before 2017: data-center load cannot be told from base growth,",
           "# so the statistical model forecasts the whole load (set data_center: "
           "decomposition and reference_years to measure it)",
           "data_center: none"]),
        f"min_load_quantile: {defaults.min_load_quantile}",
        f"end_year: {defaults.end_year}",
        f"profile_year: {defaults.profile_year}",
        f"n_paths: {defaults.n_paths}",
        f"seed: {defaults.seed}",
        *([f"# the zone's clock (IANA name), named by the files' "
           f"{' and '.join(named.abbreviations)} stamps: the"] if named else
          ["# the zone's clock (IANA name; edit it for a zone outside US Eastern time): the"]),
        "# data-center load of the hourly profiles peaks mid-afternoon local time",
        f"timezone: {clock}",
        "backtest:",
        f"  horizon: {defaults.backtest.horizon}",
        f"  first_origin: \"{first_origin}\"",
        f"  step: {step}  # {_step_note(step, origins)}",
        f"  candidates: [{', '.join(defaults.backtest.candidates)}]",
        f"  n_paths: {defaults.backtest.n_paths}",
    ]
    return "\n".join(lines) + "\n"


def zone_clock(raws: Sequence[RawSeries], *, timezone: str | None = None,
               series_timezone: str = "UTC") -> tuple[str, StampClock | None]:
    """(the clock `zones init` writes as `timezone`, the stamps that named it when they did):
    `timezone`, else `series_timezone` when not UTC, else the clock the stamps' US zone
    abbreviations name (`stamp_clock`), else `ZoneConfig`'s default (module docstring)."""
    if timezone:
        return timezone, None
    if series_timezone != "UTC":
        return series_timezone, None
    named = stamp_clock(raws)
    if named is not None:
        return named.name, named
    return ZoneConfig.model_fields["timezone"].default, None


def backtest_plan(window: pd.PeriodIndex) -> tuple[pd.Period, int]:
    """(first origin, step) of the backtest of a modelling window (module docstring): as
    many origins as the window allows up to `MIN_ORIGINS`, and never fewer for a longer
    window."""
    possible = len(window) - FIT_MONTHS  # origins with 24 months before and one after
    if possible < MIN_ORIGINS:
        return window[0] + FIT_MONTHS - 1, 1
    if possible < 2 * MIN_ORIGINS:
        return window[-1] - MIN_ORIGINS, 1
    return window[-1] - 2 * MIN_ORIGINS, 2


def backtest_origins(window: pd.PeriodIndex, first: pd.Period, step: int) -> int:
    """How many origins the zone backtest scores in `window` from `first` every `step`
    months (`forecasting.zones.backtest.origins_by_segment`, min_train `FIT_MONTHS`)."""
    series = pd.Series(1.0, index=window)
    spans = origins_by_segment(series, step=step, min_train=FIT_MONTHS, span=12, first=first)
    return sum((last - lo).n // step + 1 for lo, last in spans)


def _step_note(step: int, origins: int) -> str:
    if origins < MIN_ORIGINS:
        return "every month an origin: the history has few"
    if step == 1:
        return f"{origins} origins, every month of the last year"
    return f"{origins} origins, every other month of the last two years (Decembers in)"


def _path_from(base: Path, path: Path) -> str:
    """`path` relative to `base` when they share a folder below the root, else absolute."""
    if os.path.commonpath([base, path]) == base.anchor:
        return str(path)
    return os.path.relpath(path, base)


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (names and paths may hold any character)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
