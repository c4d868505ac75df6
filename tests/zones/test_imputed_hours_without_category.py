"""A file without a category column (PJM, generic) imputes nothing: its history's figures and
peaks are those of every evidence hour, as before imputed hours were told apart; and a sum of
zones (a many-zone total, read back as one series) carries which of its hours a part imputed
(`forecasting.zones.history`, `forecasting.many_zones.node_task`)."""

import numpy as np
import pandas as pd

from forecasting.many_zones.total_imputed_hours import total_imputed
from forecasting.series.read import RawSeries
from forecasting.zones.history import build_history, period_table
from forecasting.zones.peak_check import held_out_peaks
from forecasting.zones.read import read_zone_files
from forecasting.zones.weather_years import weather_years
from tests.zones.synthetic import hourly_load

CLOCK = "America/New_York"


def test_a_pjm_file_keeps_every_evidence_hour_for_its_peaks(tmp_path):
    load = hourly_load(1000.0, "2021-01-01", "2023-12-31 23:00")
    load = load * np.random.default_rng(5).lognormal(0.0, 0.03, len(load))
    local = (load.index.tz_localize("UTC") + pd.Timedelta(hours=1)).tz_convert(CLOCK)
    pd.DataFrame({"Datetime": local.strftime("%Y-%m-%d %H:%M:%S"),
                  "DOM_MW": load.round(1).to_numpy()}).to_csv(tmp_path / "DOM.csv",
                                                              index=False)
    history = build_history(read_zone_files([tmp_path / "DOM.csv"]), CLOCK)
    assert not history.imputed.any()
    pd.testing.assert_series_equal(history.measured, history.load)
    for freq in ("M", "Y"):
        table = period_table(history.load, freq, CLOCK, imputed=history.imputed)
        assert (table.pop("imputed_hours") == 0).all()
        pd.testing.assert_frame_equal(table, period_table(history.load, freq, CLOCK),
                                      check_exact=True)
        peaks = history.load.groupby(history.load.index.tz_convert(CLOCK).tz_localize(None)
                                     .to_period(freq)).max()
        np.testing.assert_array_equal(table["peak_mw"].to_numpy(), peaks.to_numpy())
    none = pd.Series(0.0, index=period_table(history.load, "M", CLOCK).index)  # no DC load
    told = weather_years(history.load, none, clock=CLOCK, imputed=history.imputed)
    plain = weather_years(history.load, none, clock=CLOCK)
    assert len(told.years) == 3 and not np.isnan(told.shapes[:, :, :672]).any()
    np.testing.assert_array_equal(told.years, plain.years)
    np.testing.assert_array_equal(told.shapes, plain.shapes)
    pd.testing.assert_series_equal(told.observed, plain.observed)
    pd.testing.assert_frame_equal(
        held_out_peaks(history.load, none, clock=CLOCK, imputed=history.imputed),
        held_out_peaks(history.load, none, clock=CLOCK), check_exact=True)


def test_a_sum_of_zones_carries_the_hours_its_parts_imputed():
    hours = pd.date_range("2024-01-01", periods=6, freq="h", tz="UTC")
    a = pd.Series([False, True, False, False, False, False], index=hours)
    b = pd.Series([False, False, False, True, False], index=hours[:5])  # one hour fewer
    loads = [pd.Series(5.0, index=hours), pd.Series(5.0, index=hours[:5])]
    total = total_imputed(loads, [a, b], hours)  # each imputed hour half of the total's
    assert total.tolist() == [False, True, False, True, False, False]
    load = pd.Series([10.0, 99.0, 11.0, 12.0, np.nan, 13.0], index=hours)
    history = build_history([RawSeries.from_series(load, imputed=total)])
    # the missing hour is no evidence, so not imputed either; the peak skips hour 2
    assert history.imputed.tolist() == [False, True, False, True, False, False]
    assert period_table(history.load, "M", imputed=history.imputed)["peak_mw"].iloc[0] == 13.0
