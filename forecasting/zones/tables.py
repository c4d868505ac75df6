"""A computed zone run as the text of its files (the report is rendered from these files once
they are on disk). Every zone run directory holds:

- forecast.csv: `forecasting.contracts.FORECAST_COLUMNS` (periods YYYY and YYYY-MM; metrics
  energy_gwh, avg_mw, peak_mw; components total, base, data_center; ``total`` alone for
  ``data_center: none``, which publishes no data-center number:
  `forecasting.zones.data_center_part`)
- history.csv: monthly and annual evidence figures (period, energy_gwh, avg_mw, peak_mw,
  hours, imputed_hours, coverage, complete): peak_mw is the largest measured hour, skipping
  the ``imputed_hours`` the source imputed (EIA-930 category not OKAY), which energy keeps;
  empty for a period of imputed hours alone (`forecasting.zones.history`); a month's
  peak_mw of measured hours under 90% of it, and a year's with such a month, is shown but
  is a lower bound, no evidence (`forecasting.seasons.peak_is_evidence`,
  `year_peak_is_evidence`)
- peaks.csv: 50/50 and 90/10 summer and winter peaks, weather and growth bands apart; a
  winter is December of ``year`` with January-February of the next, ``label`` "2030/31"
  (summer's "2030"), the last the one ending in ``end_year``'s February
- peak_check.csv: each complete historical season held out (summer Y, winter Y/Y+1 with both
  its years held out), its actual peak beside the 50/50 and 90/10 the other years' weather
  gives at its level (`forecasting.zones.peak_check`)
- profile.csv: the hourly P50 of `profile_year` per scenario (``filled_share``: the share
  of paths whose weather-year hour was unmeasured and filled from its neighbours; the base
  and data-center columns empty for ``data_center: none``)
- decomposition.csv (not for ``data_center: none``: no decomposition is run),
  published_check.csv (and neighbour_check.csv when the config names neighbours): base and
  data-center load, checked against published figures (their estimates empty, saying why,
  for ``data_center: none``)
- pipeline.csv (zones with large-load data and a decomposition): the pipeline by stage per scenario
  (`pipeline_table`), each row with the existing data-center level the pipeline scenarios
  carry (``existing_level_mw``, read at ``existing_level_month``, the history's last month;
  its interval +/- ``existing_half_width_mw``: `existing_load`), which the report states
  and no other file holds (fuzz 10b D7: the report's 2035 data-center load is that level
  plus the expected MW); a queue with no contracts (contracts.csv with its header only) has
  one row per pipeline scenario with no stage (`EMPTY_QUEUE_NOTE`), so its carried level is
  published too (it had a header only, and the level was nowhere: fuzz 11c D2);
  pjm_check.csv (the scenarios' 10-year summer-peak growth beside
  PJM's quoted DOM figure) when the ``pjm2025-dom`` preset ran
- large_load_contracts.csv, large_load_assumptions.csv: the large-load inputs as read, with
  their sources
- backtest_forecasts.csv, backtest_summary.csv: the load backtest of the zone's total load
  (`forecasting.zones.backtest`): candidates, peers and `selected`, energy_gwh and peak_mw,
  monthly (periods YYYY-MM) and annual (periods YYYY; the summary's ``frequency`` column)
- backtest_failures.csv: metric, model, origin, message: each model the load backtest
  skipped at an origin because its fit or draw failed there, and why; the header alone when
  none failed (`forecasting.zones.backtest_failures`); the report's backtest section says it
  in a sentence
- calibration.csv: the band factors per monthly horizon the forecast applied
  (`forecasting.zones.calibration_table`: horizon, n_residuals, min_residuals, calibrated,
  factor, factor_80, factor_90, scale); the report's sentence on the bands reads it
- growth_check.csv: the statistical forecast's growth to its last year beside the growth of
  the history's last regime, and whether it lies outside that interval
  (`forecasting.zones.growth_check`); the report's headline says it in words
"""

from __future__ import annotations

import pandas as pd

from forecasting.runs.files import csv_text
from forecasting.zones.existing_load import existing_data_center_load
from forecasting.zones.pipeline_table import first_forecast_month, pipeline_by_stage
from forecasting.zones.scenarios import PIPELINE_RULES


def zone_tables(computed) -> dict[str, str]:
    """File name -> text of a `forecasting.zones.compute.ComputedZoneRun`."""
    run = computed.run
    tables = {
        "forecast.csv": run.forecast,
        "history.csv": run.history,
        "peaks.csv": run.peaks,
        "peak_check.csv": run.peak_check,
        "profile.csv": run.profile,
        "published_check.csv": run.published_check,
        "backtest_forecasts.csv": run.backtest_forecasts,
        "backtest_summary.csv": run.backtest_summary,
        "backtest_failures.csv": run.backtest_failures,
        "calibration.csv": run.calibration,
        "growth_check.csv": run.growth_check,
    }
    if run.decomposition is not None:  # none for ``data_center: none`` (`data_center_part`)
        tables["decomposition.csv"] = run.decomposition
    if not run.neighbour_check.empty:
        tables["neighbour_check.csv"] = run.neighbour_check
    if "pjm2025-dom" in computed.config.scenarios and not run.pjm_check.empty:
        tables["pjm_check.csv"] = run.pjm_check
    if computed.large_loads is not None and run.decomposition is not None:
        tables["pipeline.csv"] = pipeline_table(*computed.large_loads,
                                                computed.config.scenarios, run)
    if computed.large_load_cells is not None:
        contract_cells, assumption_cells = computed.large_load_cells
        tables["large_load_contracts.csv"] = contract_cells
        tables["large_load_assumptions.csv"] = assumption_cells
    return {name: csv_text(frame) for name, frame in tables.items()}


#: the note of an empty queue's row in pipeline.csv (no stage, no contracts, no new load)
EMPTY_QUEUE_NOTE = ("no contracts (the queue is empty): the scenario carries the existing "
                    "data-center level and adds no new load")


def pipeline_table(contracts, assumptions, scenarios, run) -> pd.DataFrame:
    """pipeline.csv of a zone run (`forecasting.zones.run.ZoneRun`) with large-load data: the
    pipeline by stage of each of ``scenarios`` that has one, with the existing data-center
    level its scenarios carry (module docstring). A many-zone run publishes its queue zones'
    with this function too (`forecasting.many_zones.zone_tables`), so the two agree. With
    no contracts, each such scenario has one row with no stage, 0 projects, 0 MW contracted
    and expected and `EMPTY_QUEUE_NOTE`: no stage is invented, and the level is stated."""
    rules = {s: PIPELINE_RULES[s] for s in scenarios if s in PIPELINE_RULES}
    first = first_forecast_month(run.forecast)
    existing = existing_data_center_load(run.decomposition, first_month=first)
    table = pipeline_by_stage(contracts, assumptions, rules, first_month=first,
                              measured_mw=existing.level_mw)
    if not contracts:
        table = pd.DataFrame([{"scenario": s, "stage": None, "projects": 0,
                               "contracted_mw": 0.0, "expected_mw": 0.0,
                               "note": EMPTY_QUEUE_NOTE} for s in rules],
                             columns=table.columns)
    return table.assign(
        existing_level_mw=existing.level_mw,
        existing_half_width_mw=existing.half_width_mw,
        existing_level_month=str(first - 1))
