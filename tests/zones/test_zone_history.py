"""The DOM history: one UTC clock, provenance, the 2018 gap flagged and never filled, and
period figures that the raw files reproduce."""

import numpy as np
import pandas as pd

from forecasting.zones.decomposition import DECOMPOSITION_COLUMNS, decompose, decomposition_table
from forecasting.zones.history import period_table


def test_gap_between_sources_is_flagged_and_left_empty(dom_history):
    hourly = dom_history.hourly
    gap = hourly.loc["2018-08-10":"2018-09-20"]
    assert gap["gap"].all() and not gap["evidence"].any() and gap["mw"].isna().all()
    assert [g["start"][:10] for g in dom_history.gaps()] == ["2018-08-03"]
    assert hourly.index.tz is not None and hourly.index.is_monotonic_increasing
    assert (hourly.index.to_series().diff().dropna() == pd.Timedelta(hours=1)).all()


def test_provenance_names_the_file_of_each_hour(dom_history):
    src = dom_history.hourly["source"]
    assert src.loc["2010-06-01 12:00+00:00"].endswith("DOM_hourly_2005_2018.csv")
    assert src.loc["2019-06-01 12:00+00:00"].endswith("PJM-DOM_2018-10_2020-09.csv")
    # the later release wins the 2020 overlap
    assert src.loc["2020-06-01 12:00+00:00"].endswith("PJM-DOM_2020_2024.csv")
    assert (src[~dom_history.hourly["evidence"]] == "").all()


def test_bad_value_is_not_evidence(dom_history):
    assert dom_history.load.min() > 3000


def test_annual_energy_and_peaks_reproduce_the_raw_files(dom_files, dom_history):
    annual = period_table(dom_history.load, "Y")
    eia = pd.read_csv(dom_files[2], parse_dates=["date_time"])
    start = eia["date_time"] - pd.Timedelta(hours=1)  # hour ending -> hour start
    y2023 = eia.loc[start.dt.year == 2023, "cleaned demand (MW)"]
    assert annual.loc[pd.Period("2023", "Y"), "energy_gwh"] == y2023.sum() / 1000
    assert annual.loc[pd.Period("2023", "Y"), "peak_mw"] == y2023.max()
    pjm = pd.read_csv(dom_files[0])
    year = pd.to_datetime(pjm["Datetime"]).dt.year
    # 2015's all-time peak (21,651 MW, Dominion) is in the local-time file
    assert annual.loc[pd.Period("2015", "Y"), "peak_mw"] == pjm.loc[year == 2015, "DOM_MW"].max()


def test_monthly_energy_sums_to_annual(dom_history):
    monthly = period_table(dom_history.load, "M")
    annual = period_table(dom_history.load, "Y")
    sums = monthly["energy_gwh"].groupby(monthly.index.asfreq("Y")).sum()
    np.testing.assert_allclose(sums.to_numpy(), annual["energy_gwh"].to_numpy(), rtol=1e-12)
    assert not monthly.loc[pd.Period("2018-08", "M"), "complete"]


def test_decomposition_adds_up_and_finds_the_ramp(dom_history):
    monthly, annual = decompose(dom_history.load)
    table = decomposition_table(monthly, annual)
    assert list(table.columns) == DECOMPOSITION_COLUMNS
    assert (table["total_mw"] == table["base_mw"] + table["data_center_mw"]).all()
    assert (table["data_center_low_mw"] <= table["data_center_mw"]).all()
    assert (table["data_center_mw"] <= table["data_center_high_mw"]).all()
    dc = annual["data_center_mw"]
    assert dc.loc[pd.Period("2024", "Y")] > dc.loc[pd.Period("2019", "Y")] + 1500
    assert dc.loc[pd.Period("2006", "Y"):pd.Period("2016", "Y")].max() < 600
