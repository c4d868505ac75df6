"""The zone report's data-center chart draws the history's complete years only, as the
energy chart does: a history ending in June drew its last year as the January-June mean of
the decomposition beside the forecast's full years (fuzz round 10b D4: ERCO-WEST truncated at
2024-06 drew "2024" = 237 MW, DOM drew 2005 = May-December). Figures built in process from a
few synthetic rows (tests/report/synthetic_zone_run.py)."""

from forecasting.report import zone_figures
from tests.report.synthetic_zone_run import zone_run_files


def _history_trace(figure):
    (trace,) = [t for t in figure.data if str(t.name).startswith("history")]
    return trace


def test_a_partial_history_year_is_not_drawn_as_an_annual_point(tmp_path):
    run = zone_run_files(tmp_path, scenarios=("statistical-trend", "vetted"))
    history = run.history.copy()
    partial = history["period"].isin(["2020", "2024"])  # a first and a last partial year
    history.loc[partial, "complete"] = False
    decomposition = run.decomposition.copy()
    decomposition.loc[decomposition["period"] == "2024", "data_center_mw"] = 40.0  # Jan-Jun
    trace = _history_trace(zone_figures.data_center_figure(run.forecast, decomposition,
                                                           history))
    assert list(trace.x) == [2021, 2022, 2023]
    assert 40.0 not in list(trace.y)
    assert "complete years" in trace.name
    # the energy chart of the same run leaves the same years out
    energy = _history_trace(zone_figures.fan_figure(run.forecast, history, "vetted",
                                                    "energy_gwh"))
    assert list(energy.x) == list(trace.x)


def test_a_history_of_complete_years_draws_every_year(tmp_path):
    run = zone_run_files(tmp_path)
    trace = _history_trace(zone_figures.data_center_figure(run.forecast, run.decomposition,
                                                           run.history))
    assert list(trace.x) == [2020, 2021, 2022, 2023, 2024]
