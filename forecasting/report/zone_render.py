"""Render the self-contained HTML report of a zone run (a `ZoneRunFiles` bundle) with Jinja2,
in the same page style as the national report (plotly.js inlined, autoescaping on, no
network). Sections: headline (with the growth check's sentence when the run has
growth_check.csv: `zone_growth_check`), peaks (50/50 and 90/10), energy and peak fans,
data-center load and the pipeline by stage, decomposition with the published figures it is checked
against, backtest, assumptions with sources, changes, provenance, downloads. The history
section names the months the forecast's models were fitted on when complete months before
them were not (`zone_model_window`, from the manifest's ``model_window``). The backtest's
sentence on the bands reads the run directory's calibration.csv (`read_calibration`), the
factors the forecast applied, when the run has one; its sentence on the models that failed
at some origins reads backtest_failures.csv (`zone_backtest_failures`)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from forecasting.backtest.calibration import MIN_RESIDUALS, fit_calibration
from forecasting.backtest.selected import logged_rows, positive_evidence
from forecasting.contracts import KEY_YEAR
from forecasting.decompose.seasonal_data_center import seasonal_check
from forecasting.errors import InputError
from forecasting.paths import display_path
from forecasting.report import number_format
from forecasting.report import zone_figures as figures
from forecasting.report.render import _environment, _figure_json
from forecasting.report.run_dir_reading import check_columns, read_table
from forecasting.report.zone_backtest_failures import failures_text
from forecasting.report.zone_backtest_horizons import backtest_horizons
from forecasting.report.zone_bands import backtest_origins, bands_facts, calibration_sentence
from forecasting.report.zone_data_center_shape import data_center_shape_text
from forecasting.report.zone_files import ZoneRunFiles, data_center_estimated
from forecasting.report.zone_growth_check import growth_check_text
from forecasting.report.zone_headline_years import headline_year, table_years, years_rule
from forecasting.report.zone_held_out_scope import held_out_scope
from forecasting.report.zone_model_window import model_window_text, window_first
from forecasting.report.zone_seasons import (
    column_winters,
    crosses_year,
    label_of,
    labels,
    paired_winter,
    season_span,
)
from forecasting.report.zone_trend_above_requests import trend_above_requests
from forecasting.seasons import MONTH_COMPLETE, peak_evidence, weather_years_in

PEAK_YEARS = (2026, 2028, 2030, 2035)
#: fewer weather years than this and the 90/10 is no weather quantile (the report says so)
MIN_WEATHER_YEARS = 2
#: a count of held-out years above the 50/50 or 90/10 that chance gives a calibrated check
#: less often than this is called more (or fewer) than chance
UNLIKELY = 0.05
#: the latest held-out years of a season this many or more in a row above their 90/10 are
#: flagged (recent peaks running above what past weather gives at their level)
RECENT_RUN = 2
#: the held-out check over many zones (benchmarks/peaks_weather/results.csv, method
#: ``anomaly``, group "EIA-930 zones 2020-2024"): per season, its held-out seasons (a
#: winter December to February, both its years held out), the share above the published
#: 90/10 and above the 50/50
PEAK_BENCHMARK = {"zones": 111,
                  "summer": {"cases": 493, "above_90_10": 0.12, "above_50_50": 0.503},
                  "winter": {"cases": 342, "above_90_10": 0.129, "above_50_50": 0.55}}
BASE_PLUS_DC = "+dc"  # the backtest's name of a candidate fitted as the forecast fits it
#: the band factors the zone forecast applied (forecasting/zones/calibration_table.py)
CALIBRATION_FILE = "calibration.csv"
CALIBRATION_READ = ("horizon", "n_residuals", "calibrated", "factor")
HEADLINE = (("peak_mw", "annual peak, MW", 0), ("energy_gwh", "annual energy, GWh", 0),
            ("avg_mw", "average load, MW", 0))
#: what each zone scenario does (forecasting/zones/scenarios.py; the report reads files, not
#: the zone modules); the page lists only the run's own scenarios. ``statistical-trend`` of
#: a zone with ``data_center: none`` is `WHOLE_LOAD_TREND`.
SCENARIO_TEXT = {
    "statistical-trend": "carries the decomposition's recent data-center trend on: a linear "
                         "trend of the monthly data-center MW from the year-on-year change of "
                         "its last two 12-month means, the slope drawn from the scatter of "
                         "past year-on-year changes (no pipeline)",
    "vetted": "the existing data-center load held flat at the level the history ends on (a "
              "line through the decomposition's last 12 months read at the last, drawn within "
              "its interval, the base taking the difference so the total carries on from the "
              "history), plus the pipeline weighed by stage, every assumption drawn",
    "all-requests": "the existing data-center load plus every contract realized, with no "
                    "connection limit (the upper bound planners quote); utilization, delay "
                    "and ramp still drawn",
    "pjm2025-dom": "the existing data-center load plus PJM's published vetting rules: firm "
                   "projects (ESA, CLOA) at 100%, non-firm (SELOA) 0 before 2030 and 50% from "
                   "2030, utilization 70%, a 36-month ramp, no extra delay and no connection "
                   "limit",
}
#: the zone config's ``min_load_quantile`` default, what a manifest without the key ran with
MIN_LOAD_QUANTILE = 0.01
WHOLE_LOAD_TREND = ("the statistical models on the whole load, with no data-center component "
                    "(this zone's data-center share is not estimated)")


def render_zone_report(run: ZoneRunFiles) -> str:
    """The report page of the zone run `run` as one HTML string."""
    forecast = run.forecast
    scenarios = list(dict.fromkeys(forecast["scenario"]))
    estimated = data_center_estimated(run.manifest)
    charts: dict[str, Markup] = {}
    if estimated:  # without a data-center component both charts would draw zeros
        charts["data-center"] = _figure_json(figures.data_center_figure(
            forecast, run.decomposition, run.history))
        charts["decomposition"] = _figure_json(figures.decomposition_figure(
            run.decomposition, run.published_check))
    for i, name in enumerate(scenarios):
        for metric in ("energy_gwh", "peak_mw"):
            charts[f"{metric}-{i}"] = _figure_json(
                figures.fan_figure(forecast, run.history, name, metric,
                                   ("base", "data_center") if estimated else ()))
    backtest_metrics = []
    if run.backtest_forecasts is not None and not run.backtest_forecasts.empty:
        for metric in dict.fromkeys(run.backtest_forecasts["metric"]):
            monthly = figures.monthly(run.backtest_forecasts)
            if (monthly["metric"] == metric).any():
                backtest_metrics.append(metric)
                charts[f"backtest-{metric}"] = _figure_json(
                    figures.backtest_figure(run.backtest_forecasts, run.history, metric))
    manifest = run.manifest
    region = manifest.get("region", "")
    years = sorted(set(figures.annual(forecast)["period"].astype(int)))
    held_out = peak_check_counts(run.peak_check)
    weather = weather_year_count(
        run.history, last_hour=(manifest.get("data_quality") or {}).get("last_hour_utc"),
        clock=(manifest.get("config") or {}).get("timezone") or "UTC")
    peak_years = table_years(run.peaks["year"], PEAK_YEARS)
    return _environment().get_template("zone_report.html.j2").render(
        title=f"dcload zone report: {region}",
        manifest=manifest,
        manifest_json=json.dumps(manifest, indent=2, sort_keys=True),
        region=region,
        reading=zone_reading(forecast, run.peaks, region, data_center=estimated),
        growth_check=growth_check_text(run.growth_check, run.directory,
                                       data_center=estimated,
                                       window_first=window_first(manifest)),
        seasonal_data_center=seasonal_text(run.decomposition, estimated),
        headline_years=table_years(years),
        headline_years_rule=years_rule(),
        headline=_headline(forecast, table_years(years), data_center=estimated),
        data_center_estimated=estimated,
        # a ``data_center: none`` run published before it wrote no data-center figures
        zeros_published=not estimated and run.decomposition is not None,
        low_load_quantile=low_load_quantile(manifest),
        scenario_text=scenario_descriptions(scenarios, estimated),
        trend_above_requests=trend_above_requests(forecast) if estimated else None,
        data_center_shape=data_center_shape_text(scenarios, estimated),
        peak_years=peak_years_header(run.peaks, peak_years),
        winters_cross_year=crosses_year(run.peaks),
        last_winter=last_winter(run.peaks),
        peaks=_peaks_table(run.peaks, peak_years),
        scenarios=[{"index": i, "name": n} for i, n in enumerate(scenarios)],
        history=_history_rows(run.history),
        gaps=_gaps(run.history),
        model_window=model_window_text(
            manifest, backtest_forecasts=run.backtest_forecasts, weather_years=weather["years"],
            growth_start=_growth_start(run.growth_check), estimated=estimated),
        few_measured=few_measured_months(run.history),
        lower_bound_years=figures.lower_bound_years(run.history),
        month_complete=MONTH_COMPLETE,
        quality=manifest.get("data_quality"),
        published_check=_records(run.published_check),
        neighbour_check=_as_text(run.neighbour_check),
        pipeline=_records(run.pipeline),
        pjm_check=_records(run.pjm_check),
        peak_check=held_out,
        peak_check_text=peak_check_text(held_out),
        held_out_scope=held_out_scope(held_out, weather, crosses_year(run.peaks)),
        weather=weather,
        min_weather_years=MIN_WEATHER_YEARS,
        partly_observed=partly_observed_seasons(run.peaks, run.history),
        bands=band_calibration(run.backtest_forecasts, manifest,
                               read_calibration(run.directory)),
        contracts=_as_text(run.contracts),
        assumptions=_records(run.assumptions),
        backtest=_backtest_table(run.backtest_summary),
        backtest_horizons=backtest_horizons(manifest, run.backtest_forecasts),
        backtest_metrics=backtest_metrics,
        backtest_failures=failures_text(run.backtest_failures, run.backtest_forecasts,
                                        manifest, run.directory),
        changes=run.changes,
        downloads=run.downloads(),
        charts=charts,
        plotly_js=Markup(get_plotlyjs()),
    )


def _growth_start(table: pd.DataFrame | None) -> str | None:
    """The growth check's regime start (growth_check.csv), None without one."""
    if table is None or table.empty or "history_regime_start" not in table:
        return None
    return str(table["history_regime_start"].iloc[0])


def seasonal_text(decomposition: pd.DataFrame | None, estimated: bool) -> str | None:
    """The headline's sentence when the decomposition's data-center load has a season data
    centers do not have (`forecasting.decompose.seasonal_data_center`, read from
    decomposition.csv, so a run published before the check gets it too), else None."""
    if not estimated or decomposition is None or decomposition.empty:
        return None
    check = seasonal_check(decomposition)
    if check is None or not check.seasonal:
        return None
    text = check.text()
    return text[0].upper() + text[1:] + "."


def low_load_quantile(manifest: dict) -> str:
    """The low-load quantile the run's decomposition measured data-center load from, as a
    percentage ("1%", "49%", "0.5%"): the config's ``min_load_quantile`` (`MIN_LOAD_QUANTILE`
    for a manifest without it). The report said 1% whatever the run used (fuzz round 8b
    D11: 0.49 moved the 2024 data-center share from 24.0% to 22.3%)."""
    quantile = (manifest.get("config") or {}).get("min_load_quantile")
    return f"{100 * float(MIN_LOAD_QUANTILE if quantile is None else quantile):.3g}%"


def scenario_descriptions(scenarios: list[str], data_center: bool = True) -> list[dict]:
    """Name and description of each of the run's own scenarios (`SCENARIO_TEXT`)."""
    out = []
    for name in scenarios:
        text = SCENARIO_TEXT.get(str(name), "")
        if name == "statistical-trend" and not data_center:
            text = WHOLE_LOAD_TREND
        out.append({"name": str(name), "text": text})
    return out


def zone_reading(forecast: pd.DataFrame, peaks: pd.DataFrame, region: str,
                 year: int | None = None, *, data_center: bool = True) -> str:
    """The headline in words: per scenario, the 50/50 and 90/10 peak of `year` (by default
    `zone_headline_years.headline_year`: `KEY_YEAR`, or the run's last year when it ends
    before, which the sentence then says) of the season that peaks (`peak_season`: a
    winter-peaking zone's winter), the other season's beside it, and the data-center share
    of energy. The seasons are summer ``year`` and the winter `zone_seasons.paired_winter`
    pairs with it: winter 2030/31, or, where the run does not publish it (a run ending in
    ``year``), winter 2029/30, which the sentence then names and says why (the summer
    alone had been quoted for a winter-peaking zone: fuzz 12a D2). With no data-center
    component (``data_center`` False) it says the share is not estimated rather than print
    the zero its tables hold."""
    if year is None:
        year = headline_year(peaks["year"])
        if year is None:
            return "No forecast year in this run."
    winter = paired_winter(peaks, year)
    is_winter = peaks["season"] == "winter"
    at_year = peaks[(~is_winter & (peaks["year"] == year))
                    | (is_winter & (peaks["year"] == winter))]
    if at_year.empty:
        return f"No forecast for {year} in this run."
    annual = figures.annual(forecast)
    at = annual[(annual["period"].astype(int) == year) & (annual["metric"] == "energy_gwh")]
    parts, seasons, years = [], [], []
    for scenario, rows in at_year.groupby("scenario", sort=False):
        season, row, other = peak_season(rows)
        seasons.append(season)
        years.append(int(row.year))
        energy = at[at["scenario"] == scenario].set_index("component")["p50"]
        share = (energy.get("data_center", float("nan")) / energy.get("total", float("nan")))
        mw = _peak_figures(row, other)
        beside = ("" if other is None else f"; {_named(other)} {mw['other_50_50']} MW, "
                  f"90/10 {mw['other_90_10']} MW")
        part = (f"{mw['50_50']} MW (90/10 {mw['90_10']} MW; growth band "
                f"{mw['growth_p10']}-{mw['growth_p90']} MW{beside})")
        parts.append([scenario, _named(row), part + (f", data centers {100 * share:.0f}% of "
                                                     "energy" if data_center else "")])
    crossing = crosses_year(peaks)
    if len(set(seasons)) == 1:
        label = label_of(seasons[0], years[0], crossing)
        text = (f"{region} {seasons[0]} peak in {label}, 50/50: "
                + "; ".join(f"{s}: {p}" for s, _, p in parts) + ".")
    else:
        text = (f"{region} peak in {year}, 50/50 of the season that peaks: "
                + "; ".join(f"{s}: {season} {p}" for s, season, p in parts) + ".")
    if crossing and winter == year - 1:
        text += (f" Winter {label_of('winter', year)} is beyond the run (its January and "
                 f"February {year + 1} are not forecast): the winter beside summer {year} is "
                 f"{label_of('winter', winter)}, whose January and February are {year}'s.")
    if year < KEY_YEAR and year == max(int(y) for y in peaks["year"]):
        text += f" The run ends in {year}, before {KEY_YEAR}: the headline is of its last year."
    if not data_center:
        text += (" Data-center share not estimated: the model forecasts the whole load, with "
                 "no data-center component.")
    return text


def _named(row) -> str:
    """A peaks.csv row's season by name and label: "summer 2030", "winter 2030/31" (a run
    without ``label``: "winter" alone, its year being the sentence's)."""
    label = getattr(row, "label", None)
    return str(row.season) if label is None or pd.isna(label) else f"{row.season} {label}"


def peak_season(rows: pd.DataFrame) -> tuple[str, object, object | None]:
    """(season, its row, the other season's row or None) of one scenario's peaks.csv rows
    of one year: the season whose 50/50 is the larger (summer on a tie), the zone's
    planning peak."""
    ordered = sorted(rows.itertuples(index=False),
                     key=lambda r: (-float(r.peak_50_50_mw), r.season != "summer"))
    return str(ordered[0].season), ordered[0], ordered[1] if len(ordered) > 1 else None


def _peak_figures(row, other) -> dict[str, str]:
    """The headline's peak MW of a season's `row` (and the `other` season's, or None), on
    one scale (`number_format.figures`: 17.0 beside 17.4, not 17 and 17)."""
    names = ["50_50", "90_10", "growth_p10", "growth_p90"]
    values = [row.peak_50_50_mw, row.peak_90_10_mw, row.growth_p10_mw, row.growth_p90_mw]
    if other is not None:
        names += ["other_50_50", "other_90_10"]
        values += [other.peak_50_50_mw, other.peak_90_10_mw]
    return dict(zip(names, number_format.figures(*values), strict=True))


def _cell(row, digits: int) -> str:
    """"P50 [P10-P90]" on one scale, with at least `digits` decimals (`number_format.band`)."""
    return number_format.band(row["p50"], row["p10"], row["p90"], minimum=digits)


def _headline(forecast: pd.DataFrame, years: list[int], data_center: bool = True
              ) -> list[dict]:
    """The headline table's rows: total and data-center load per scenario (the total alone
    when the run has no data-center component: its zeros are no estimate)."""
    annual = figures.annual(forecast)
    annual = annual.assign(year=annual["period"].astype(int))
    rows = []
    for scenario in dict.fromkeys(annual["scenario"]):
        for component in ("total", "data_center") if data_center else ("total",):
            for metric, label, digits in HEADLINE:
                part = annual[(annual["scenario"] == scenario) & (annual["metric"] == metric)
                              & (annual["component"] == component)].set_index("year")
                if part.empty or (component == "data_center" and metric == "peak_mw"):
                    continue
                rows.append({"scenario": scenario, "component": component, "metric": label,
                             "cells": [_cell(part.loc[y], digits) for y in years]})
    return rows


def _peaks_table(peaks: pd.DataFrame, years: list[int]) -> list[dict]:
    """One row per scenario and season, a cell per year: summer ``y`` and the winter
    `zone_seasons.paired_winter` pairs with it (winter y/y+1, or y-1/y where the run does
    not publish y/y+1: a run's last year, so a run to 2025 shows its winter 2024/25; the
    column header names the winter, `peak_years_header`), each winter once
    (`zone_seasons.column_winters`: not again under the column after its own year's); "-"
    where the run publishes no such season or the column before shows its winter."""
    rows = []
    winters = column_winters(peaks, years)
    for (scenario, season), part in peaks.groupby(["scenario", "season"], sort=False):
        part = part.set_index("year")
        cells = []
        for y, winter in zip(years, winters, strict=True):
            at = winter if season == "winter" else y
            if at not in part.index:
                cells.append({"p50": "-", "p90": "-", "weather": "-", "growth": "-"})
                continue
            r = part.loc[at]
            mw = number_format.figures(r.peak_50_50_mw, r.peak_90_10_mw, r.weather_p05_mw,
                                       r.weather_p95_mw, r.growth_p10_mw, r.growth_p90_mw)
            cells.append({"p50": mw[0], "p90": mw[1], "weather": f"{mw[2]}-{mw[3]}",
                          "growth": f"{mw[4]}-{mw[5]}"})
        rows.append({"scenario": scenario, "season": season, "cells": cells})
    return rows


def peak_years_header(peaks: pd.DataFrame, years: list[int]) -> list[dict]:
    """The peaks table's year columns: the year and, when the run's winters cross the year,
    the winter its column shows (`zone_seasons.column_winters`: "2030" and "winter 2030/31";
    the run's last year, whose winter would end after the forecast, "winter 2029/30" unless
    a 2029 column shows it, then none)."""
    if not crosses_year(peaks):
        return [{"year": y, "winter": None} for y in years]
    return [{"year": y, "winter": None if winter is None else label_of("winter", winter)}
            for y, winter in zip(years, column_winters(peaks, years), strict=True)]


def last_winter(peaks: pd.DataFrame) -> dict | None:
    """The run's last winter and why (`weather_years.season_years`): the one whose February
    is the forecast's last; the winter starting in the last December has no forecast January
    or February. None for a run without ``label`` or without a winter."""
    if not crosses_year(peaks):
        return None
    winters = peaks[peaks["season"] == "winter"]
    if winters.empty:
        return None
    year = int(winters["year"].max())
    return {"label": label_of("winter", year), "end": year + 1,
            "next": label_of("winter", year + 1)}


def peak_check_counts(check: pd.DataFrame | None) -> list[dict]:
    """Per season: of the held-out years (peak_check.csv, one zone's rows), how many peaked
    above the 50/50 and above the 90/10 (and which years topped the 90/10, by their labels:
    winter "2022/23"), and whether
    those counts are what chance gives a calibrated check (`held_out_chance`)."""
    if check is None or check.empty:
        return []
    out = []
    for season, part in check.groupby("season", sort=False):
        part = part.sort_values("year")
        above_90 = part["above_90_10"].astype(bool).to_numpy()
        above_50 = part["above_50_50"].astype(bool).to_numpy()
        years = list(labels(part))  # "2022" for a summer, "2022/23" for a winter
        latest = []  # the latest held-out years, each above its 90/10
        for year, above in zip(reversed(years), reversed(above_90), strict=True):
            if not above:
                break
            latest.insert(0, year)
        row = {"season": season, "years": len(part), "first": years[0], "last": years[-1],
               "above_50_50": int(above_50.sum()), "above_90_10": int(above_90.sum()),
               "years_above_90_10": [y for y, a in zip(years, above_90, strict=True) if a],
               "latest_above_90_10": latest if len(latest) >= RECENT_RUN else []}
        if "weather_years" in part:  # every peak_check.csv has it; read defensively
            weather = part["weather_years"].to_numpy(dtype=int)
            row.update(held_out_chance(weather, above_50, above_90))
            rates = rate_above(weather, 0.9)
            row["latest_chance"] = float(np.prod(rates[len(rates) - len(latest):]))
        out.append(row)
    return out


def _percent(chance: float) -> str:
    return "under 1%" if chance < 0.01 else f"{100 * chance:.0f}%"


def peak_check_text(counts: list[dict], benchmark: dict = PEAK_BENCHMARK) -> dict:
    """The held-out check in words (`peak_check_counts`): ``chance``, whether each season's
    counts are what chance gives a calibrated check; ``flags``, the seasons whose latest
    years ran above their 90/10 or which topped it more often than chance; ``benchmark``,
    the method's record over many zones, attributed to its benchmark."""
    chance = ""
    with_rates = [c for c in counts if "rate_90_10" in c]
    if with_rates:
        low = min(c["rate_90_10"][0] for c in with_rates)
        high = max(c["rate_90_10"][1] for c in with_rates)
        n_low = min(c["n_weather"][0] for c in with_rates)
        n_high = max(c["n_weather"][1] for c in with_rates)
        years = f"{n_low}" if n_low == n_high else f"{n_low}-{n_high}"
        rate = _percent(low) if round(100 * low) == round(100 * high) else \
            f"{100 * low:.0f}-{100 * high:.0f}%"
        parts = [f"Against chance: a held-out year that is one more draw of the same weather "
                 f"peaks above the 50/50 half the time, and above the 90/10 of its {years} "
                 f"other years about {rate} of the time (the 90/10 is the next season's "
                 f"90th percentile given them, wider where they are few)."]
        for c in with_rates:
            n = c["years"]
            said = []
            for name, label in (("50_50", "50/50"), ("90_10", "90/10")):
                k = c[f"above_{name}"]
                if c[f"verdict_{name}"] == "more":
                    said.append(f"above the {label} more often than chance gives ({k} or "
                                f"more of {n}: {_percent(c[f'upper_{name}'])} chance)")
                elif c[f"verdict_{name}"] == "fewer":
                    few = "none" if k == 0 else f"{k} or fewer"
                    said.append(f"above the {label} less often than chance gives ({few} of "
                                f"{n}: {_percent(c[f'lower_{name}'])} chance)")
                elif name == "90_10" and k:
                    said.append(f"{k} of {n} above the 90/10 is within chance ({k} or more "
                                f"happen by chance {_percent(c['upper_90_10'])} of the time)")
                else:
                    said.append(f"{k} of {n} above the {label} is within chance")
            parts.append(f"{str(c['season']).capitalize()}: {'; '.join(said)}.")
        chance = " ".join(parts)
    flags = []
    for c in counts:
        season = str(c["season"])
        if c["latest_above_90_10"]:
            latest = [str(y) for y in c["latest_above_90_10"]]
            every = "both" if len(latest) == 2 else f"all {len(latest)}"
            odds = (f" ({every} by chance: "
                    f"{'' if c['latest_chance'] < 0.01 else 'about '}"
                    f"{_percent(c['latest_chance'])})" if "latest_chance" in c else "")
            flags.append(f"{season.capitalize()}: the latest held-out years, "
                         f"{', '.join(latest[:-1])} and {latest[-1]}, each peaked above their "
                         f"90/10"
                         f"{odds}. Recent peaks have run above what the other years' weather "
                         f"gives at their level, as when a zone's peaks grow faster than its "
                         f"load: read this zone's {season} 90/10 as possibly low.")
        elif c.get("verdict_90_10") == "more":
            flags.append(f"{season.capitalize()}: above the 90/10 in {c['above_90_10']} of "
                         f"{c['years']} held-out years, more often than chance gives: read "
                         f"this zone's {season} 90/10 as possibly low.")
    summer, winter = benchmark["summer"], benchmark["winter"]
    record = (f"Over many zones (benchmarks/peaks_weather/: {summer['cases']} held-out "
              f"summers and {winter['cases']} winters, December to February, of the "
              f"{benchmark['zones']} EIA-930 zones, "
              f"2020-2024), {100 * summer['above_90_10']:.1f}% of summers and "
              f"{100 * winter['above_90_10']:.1f}% of winters peaked above the 90/10 the "
              f"other years' weather gives (target 10%) and "
              f"{100 * summer['above_50_50']:.1f}% and {100 * winter['above_50_50']:.1f}% "
              f"above its 50/50 (target 50%): that is the method's record across zones, not "
              f"this zone's.")
    return {"chance": chance, "flags": flags, "benchmark": record}


def rate_above(weather_years: np.ndarray, level: float) -> np.ndarray:
    """The chance that a held-out year which is one more draw of the same weather peaks above
    the 50/50 (``level`` 0.5: the median of its `weather_years` other years' peaks) or the
    90/10 (0.9: `forecasting.zones.peak_quantiles.predictive_peak` of them): 1 - level
    whatever the number of years. The median of n exchangeable peaks is topped by one more
    half the time; the predictive 90/10 is made to be topped a tenth of the time with few
    years as with many (held out on 111 zones: 12.0% of summers, 12.5% of winters), where the
    90th percentile of the years themselves had been topped (n - 0.9 (n - 1)) / (n + 1) of
    the time, 26% with four (fuzz 11a, D2)."""
    return np.full(len(weather_years), round(1.0 - level, 12))


def count_chance(rates: np.ndarray) -> np.ndarray:
    """P(exactly k of the years are above), k = 0..len(rates), for independent years each
    above with its own chance (the binomial when the rates are equal)."""
    p = np.array([1.0])
    for r in rates:
        p = np.append(p * (1.0 - r), 0.0) + np.append(0.0, p * r)
    return p


def held_out_chance(weather_years: np.ndarray, above_50: np.ndarray,
                    above_90: np.ndarray) -> dict:
    """Whether one season's held-out counts are what chance gives a calibrated check: per
    quantile, the chance of at least as many years above (``*_upper``) and of at most as
    many (``*_lower``), and a verdict, ``more`` or ``fewer`` when that chance is under
    `UNLIKELY`, else ``consistent``; the range of the 90/10's per-year chance (`rate_above`)
    and of the weather-year counts behind it."""
    out: dict = {}
    for name, level, above in (("50_50", 0.5, above_50), ("90_10", 0.9, above_90)):
        rates = rate_above(weather_years, level)
        chance = count_chance(rates)
        k = int(above.sum())
        upper, lower = float(chance[k:].sum()), float(chance[:k + 1].sum())
        out[f"upper_{name}"], out[f"lower_{name}"] = upper, lower
        out[f"verdict_{name}"] = ("more" if upper < UNLIKELY else "fewer" if lower < UNLIKELY
                                  else "consistent")
        if name == "90_10":
            out["rate_90_10"] = [float(rates.min()), float(rates.max())]
            out["n_weather"] = [int(weather_years.min()), int(weather_years.max())]
    return out


def weather_year_count(history: pd.DataFrame, *, last_hour: str | None = None,
                       clock: str = "UTC") -> dict:
    """The weather years the peaks rest on, from history.csv's monthly rows, by the rule the
    run counted them with (`forecasting.seasons.weather_years_in`: each of the year's 12
    months with evidence for 99% of its hours on ``clock``, the run's `timezone`, the month
    holding the record's ``last_hour`` (manifest ``data_quality.last_hour_utc``) judged on
    its hours up to the record's end, and each month's peak evidence: its measured hours,
    history.csv ``hours`` less ``imputed_hours``, for `MONTH_COMPLETE` of it,
    `forecasting.seasons.peak_is_evidence`). The coverage alone had said "Weather years: 4
    (2021-2024)" where the run used 2021-2023 (fuzz 12a D4). A history.csv without
    ``imputed_hours`` (a run before the column) is judged on coverage."""
    months = figures.monthly(history)
    years: list[int] = []
    if not months.empty and "hours" in months:
        imputed = None
        if "imputed_hours" in months:
            imputed = pd.to_numeric(months["imputed_hours"], errors="coerce").fillna(0.0)
        years = [int(y) for y in weather_years_in(
            pd.PeriodIndex(months["period"].astype(str), freq="M"),
            months["hours"].to_numpy(dtype=float), clock=clock,
            imputed_hours=None if imputed is None else imputed.to_numpy(dtype=float),
            last_hour=pd.Timestamp(last_hour) if last_hour else None)]
    return {"count": len(years), "years": years}


def partly_observed_seasons(peaks: pd.DataFrame, history: pd.DataFrame) -> list[dict]:
    """The (scenario-independent) seasons of peaks.csv partly in the history: the season,
    its year, its label ("2024/25": its December measured) and the largest hour its observed
    months had (history.csv's monthly peaks)."""
    months = figures.monthly(history)
    if months.empty or peaks.empty:
        return []
    period = pd.PeriodIndex(months["period"].astype(str), freq="M")
    peak = pd.Series(months["peak_mw"].to_numpy(dtype=float), index=period).dropna()
    crossing = crosses_year(peaks)  # a run without ``label``: calendar-year winters
    out = []
    values = ["peak_50_50_mw", "peak_90_10_mw", "weather_p05_mw", "weather_p95_mw",
              "growth_p10_mw", "growth_p90_mw"]
    for (year, season), rows in peaks.groupby(["year", "season"], sort=True):
        held = peak[peak.index.isin(season_span(season, int(year), crossing))]
        if len(held):
            # an archived run made before seasons took their observed months in can fall short
            below = bool((rows[values].to_numpy(dtype=float) < held.max() - 0.5).any())
            out.append({"season": season, "year": int(year),
                        "label": label_of(season, int(year), crossing),
                        "observed_mw": float(held.max()),
                        "months": ", ".join(str(p) for p in held.index), "below": below})
    return out


def read_calibration(directory: Path) -> pd.DataFrame | None:
    """The run's `CALIBRATION_FILE` (None for a run published before it existed), its
    ``calibrated`` column as booleans; a missing column, or a cell that is not a whole
    number (horizon, n_residuals, min_residuals), a number (factor) or true/false
    (calibrated) is an InputError naming the file, row (1 = first data row) and field."""
    path = Path(directory) / CALIBRATION_FILE
    table = read_table(path)
    if table is None:
        return None
    check_columns(table, path, CALIBRATION_READ, "band calibration")
    for i, row in enumerate(table.to_dict("records"), start=1):
        for col in ("horizon", "n_residuals", "min_residuals", "factor", "calibrated"):
            if col in row and not _cell_ok(col, str(row[col]).strip()):
                kind = {"factor": "a number", "calibrated": "True or False"}.get(
                    col, "a whole number")
                raise InputError(display_path(path), f"'{row[col]}' is not {kind}", row=i,
                                 field=col)
    flags = table["calibrated"].astype(str).str.strip().str.lower() == "true"
    return table.assign(calibrated=flags.to_numpy())


def _cell_ok(column: str, text: str) -> bool:
    """Whether a calibration.csv cell reads as its column's kind (`read_calibration`)."""
    if column == "calibrated":
        return text.lower() in ("true", "false")
    number = float(pd.to_numeric(text, errors="coerce"))
    return np.isfinite(number) and (column == "factor" or number.is_integer())


def band_calibration(forecasts: pd.DataFrame | None, manifest: dict,
                     calibration: pd.DataFrame | None = None) -> dict | None:
    """How the bands of the forecast were made: from `calibration` (the run's
    calibration.csv, the factors its forecast applied) when the run has it
    (`zone_bands.calibration_sentence`: what was applied, horizon by horizon), else derived
    for a run published before that table existed."""
    if calibration is not None and not calibration.empty:
        return calibration_sentence(calibration, backtest_origins(forecasts))
    return derived_calibration(forecasts, manifest)


def derived_calibration(forecasts: pd.DataFrame | None, manifest: dict) -> dict | None:
    """For a run without calibration.csv: how its bands were made, derived from the monthly
    energy backtest rows of the candidates (backtest_forecasts.csv; the candidates are the
    manifest's config), at the (origin, month)s all of them forecast, as the rule's
    calibration takes them: a monthly horizon is calibrated by split conformal prediction
    when it has at least `MIN_RESIDUALS` forecasts with an actual and every candidate's own
    conformal factor there is finite (a zero-width band missed by an actual is not); with
    none, the bands are the models' own. Exact for one candidate and whenever the candidates
    agree; where they do not, the horizon is reported as not calibrated (the mixture's rows
    are not in the file). Horizons past the backtest's ``horizon`` are not in the file
    either."""
    if forecasts is None or forecasts.empty or "metric" not in forecasts:
        return None
    rows = figures.monthly(forecasts[forecasts["metric"] == "energy_gwh"])
    models = set(rows["model"])
    named = manifest.get("config", {}).get("backtest", {}).get("candidates") or []
    candidates = sorted({c + BASE_PLUS_DC if c + BASE_PLUS_DC in models else c for c in named}
                        & models)
    if not candidates:
        return None
    rows = rows[rows["model"].isin(candidates)]
    common = rows.groupby(["origin", "period"])["model"].transform("nunique") == len(candidates)
    rows = rows[common.to_numpy()]
    observed = rows["observed"].astype(bool) if "observed" in rows else True
    scored = rows[(rows["actual"].notna() & observed).to_numpy()]
    horizons = sorted(int(h) for h in rows["horizon"].unique())
    fits = [fit_calibration(_log_scale(part.assign(horizon=part["horizon"].astype(int))),
                            horizons=horizons, log_scale=positive_evidence(part))
            for _, part in scored.groupby("model")]
    per = [{"h": h, "n": fits[0].counts.get(h, 0) if fits else 0,
            "ok": bool(fits) and all(f.is_calibrated(h) for f in fits)} for h in horizons]
    return bands_facts(per, MIN_RESIDUALS, source="backtest_forecasts.csv",
                       origins=backtest_origins(forecasts))


def _log_scale(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` on the log scale when every actual is positive, as the rule calibrates a
    positive series (`forecasting.backtest.selected.decide`: the evidence decides, and a
    quantile at or below zero is a band reaching zero)."""
    return logged_rows(rows) if positive_evidence(rows) else rows


def _history_rows(history: pd.DataFrame) -> list[dict]:
    return figures.annual(history).to_dict("records")


def _gaps(history: pd.DataFrame) -> list[str]:
    months = figures.monthly(history)
    if "complete" not in months:
        return []
    return [str(p) for p in months.loc[~months["complete"].astype(bool), "period"]]


def few_measured_months(history: pd.DataFrame) -> list[str]:
    """The complete months of history.csv whose peak is no evidence, their measured hours
    under `MONTH_COMPLETE` of the month (`forecasting.seasons.peak_evidence`): shown
    in history.csv, never fitted or scored; none for a history.csv without
    ``imputed_hours`` (a run before the column)."""
    months = figures.monthly(history)
    if not {"complete", "coverage", "hours", "imputed_hours"} <= set(months):
        return []
    few = months["complete"].astype(bool).to_numpy() & ~peak_evidence(months).to_numpy()
    return [str(p) for p in months.loc[few, "period"]]


def _records(frame: pd.DataFrame | None) -> list[dict] | None:
    """Rows as dicts, a missing value as None (the template prints it as "-")."""
    if frame is None or frame.empty:
        return None
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _as_text(frame: pd.DataFrame | None) -> list[dict] | None:
    """Rows with every number as a user reads it: whole numbers without decimals, others to
    three significant digits, missing as "-"; a year (a column `is_year_column` names) as
    its four digits, never "2,024": thousands separators are for quantities."""
    def text(value, year: bool) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return "-"
        if year and isinstance(value, int | float) and float(value).is_integer():
            return str(int(value))
        if isinstance(value, int | float):
            return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 \
                else f"{value:.3g}"
        return str(value)

    records = _records(frame)
    return None if records is None else [
        {k: text(v, is_year_column(str(k))) for k, v in r.items()} for r in records]


def is_year_column(name: str) -> bool:
    """Whether a table column holds years or dates (``year``, ``first_year``, ``as_of``,
    ``earliest_in_service``): its whole numbers are calendar years, written plainly."""
    name = name.lower()
    return "year" in name or name in ("as_of", "earliest_in_service", "period")


def _backtest_table(summary: pd.DataFrame | None) -> list[dict] | None:
    """Per metric, frequency (monthly, annual) and model: MASE, CRPS, 80% coverage and width
    averaged over horizons (weighted by the number of forecasts scored) and that number. The
    overall row (horizon ``all``: every horizon's forecasts together) is left out when the
    horizons' own rows are there, as it counts the same forecasts again."""
    if summary is None or summary.empty:
        return None
    rows = []
    keys = [k for k in ("metric", "frequency", "model") if k in summary]
    for key, part in summary.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        if "horizon" in part:
            overall = part["horizon"].astype(str).str.strip() == "all"
            part = part[~overall] if (~overall).any() else part
        weights = part["n"].astype(float)
        row = dict(zip(keys, key, strict=True))
        for col, name in (("MASE", "mase"), ("CRPS", "crps"), ("coverage80", "coverage80"),
                          ("width80", "width80")):
            if col in part:
                row[name] = float((part[col] * weights).sum() / weights.sum())
        row["n"] = int(weights.sum())
        rows.append(row)
    return rows
