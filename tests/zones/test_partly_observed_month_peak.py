"""A forecast month partly in the history (the history ends inside it) never publishes a
monthly peak below the largest hour already measured in it; the months wholly in the future
are unchanged (`weather_years.at_least_measured`, called by the zone run)."""

import numpy as np
import pandas as pd

from forecasting.zones.compute import compute_zone_run
from forecasting.zones.measured_energy import measured_energy_floor
from tests.zones.synthetic import hourly_load, light_zone_config, write_load

QUANTILES = ["mean", "p05", "p10", "p50", "p90", "p95"]
SPIKE_MW = 2500.0  # about 1.8 times the usual monthly peak of the synthetic zone
SPIKE_HOUR = "2023-03-06 18:00"


def total_peaks(tmp_path, march_hour_mw: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(monthly total peak rows by period, history rows by period) of a light zone run whose
    history ends on 2023-03-10 (March's 240 measured hours: 32%, so March is forecast); its
    March energy checked against the measured energy floor on the way."""
    load = hourly_load(1000.0, "2021-01-01", "2023-03-10 23:00")
    load = load * np.random.default_rng(1).lognormal(0.0, 0.03, len(load))
    load.loc[SPIKE_HOUR] = march_hour_mw
    write_load(tmp_path / "load.csv", load)
    config = light_zone_config(tmp_path / "zone.yaml", "SYN", str(tmp_path / "load.csv"),
                               "end_year: 2024", "profile_year: 2024")
    run = compute_zone_run(config).run
    f = run.forecast
    floor = measured_energy_floor(load.round(1).tz_localize("UTC"),
                                  pd.period_range("2023-03", "2023-03", freq="M"))[0]
    energy = f[(f["metric"] == "energy_gwh") & (f["period"] == "2023-03")].set_index("component")
    assert (energy.loc["total", QUANTILES].to_numpy(dtype=float) >= floor - 1e-9).all()
    for paths in run.paths.values():  # the floor raised the base: the total is still the sum
        e = paths["energy_gwh"]
        np.testing.assert_allclose(e["total"], e["base"] + e["data_center"], rtol=1e-12)
    rows = f[(f["metric"] == "peak_mw") & (f["component"] == "total")
             & (f["period"].str.len() == 7)]
    return rows.set_index("period"), run.history.set_index("period")


def test_the_measured_hours_of_a_partly_observed_month_bound_its_published_peak(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    spiked, history = total_peaks(tmp_path / "a", SPIKE_MW)
    plain, _ = total_peaks(tmp_path / "b", 1000.0)
    assert not bool(history.loc["2023-03", "complete"])  # measured in part, and forecast
    assert history.loc["2023-03", "peak_mw"] == SPIKE_MW
    assert spiked.index[0] == "2023-03"
    march = spiked.loc["2023-03", QUANTILES].to_numpy(dtype=float)
    assert (march >= SPIKE_MW).all()  # before the fix the P95 was about 1,373 MW
    assert (np.diff(march[1:]) >= 0).all()  # P05 <= ... <= P95
    assert plain.loc["2023-03", "p95"] < SPIKE_MW  # the bound is the measured hour's
    # the months wholly in the future are untouched by March's measured hour
    later = spiked.index[spiked.index > "2023-03"]
    pd.testing.assert_frame_equal(spiked.loc[later], plain.loc[later], check_exact=True)
