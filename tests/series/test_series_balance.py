"""EIA's own six-month BALANCE layout, which `dcload data fetch eia930` writes unchanged, is
read as one area's hourly load: ``UTC Time at End of Hour`` (``01/01/2024 6:00:00 AM``, hour
ending) becomes UTC hour starts, ``Demand (MW)`` with thousands separators is MW, and a
file holding several balancing authorities (as fetched) is one line naming them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.series.read import read_series
from tests.conftest import run_cli

FETCHED = Path(__file__).resolve().parents[1] / "fetch" / "fixtures" / \
    "EIA930_BALANCE_2024_Jan_Jun.csv"
HEADER = ("Balancing Authority,Data Date,Hour Number,Local Time at End of Hour,"
          "UTC Time at End of Hour,Demand Forecast (MW),Demand (MW),Net Generation (MW)")


def balance_file(path: Path, ends: pd.DatetimeIndex, mw: np.ndarray, ba: str = "PJM") -> None:
    """EIA's layout: US-style 12-hour UTC end times, quoted values with ',' separators."""
    lines = [HEADER]
    for end, value in zip(ends, mw, strict=True):
        stamp = f"{end.month:02d}/{end.day:02d}/{end.year} " + end.strftime("%I:%M:%S %p") \
            .lstrip("0")
        cell = "" if np.isnan(value) else f'"{value:,.0f}"'
        lines.append(f'{ba},{end:%m/%d/%Y},1,x,{stamp},"1",{cell},"2"')
    path.write_text("\n".join(lines) + "\n")


def test_a_single_authority_balance_file_is_read_as_utc_hour_starts_in_mw(tmp_path):
    ends = pd.date_range("2024-01-01 06:00", periods=30, freq="h")
    mw = np.linspace(81000, 84000, 30)
    mw[4] = np.nan   # EIA leaves a cell empty: a missing value, not an error
    balance_file(tmp_path / "pjm.csv", ends, mw)
    raw = read_series(tmp_path / "pjm.csv")
    assert raw.format == "eia930-balance" and raw.hourly and raw.unit == "MW"
    assert raw.values.index[0] == pd.Timestamp("2024-01-01 05:00", tz="UTC")  # 06:00 ending
    assert raw.values.iloc[0] == 81000 and raw.values.iloc[-1] == 84000
    assert np.isnan(raw.values.iloc[4]) and raw.reads[0].missing_values == 1
    assert raw.reads[0].time_convention == "UTC, hour ending"


def test_one_digit_months_and_pm_hours_are_read(tmp_path):
    (tmp_path / "a.csv").write_text(
        "Balancing Authority,UTC Time at End of Hour,Demand (MW)\n"
        'TAL,1/31/2024 1:00:00 PM,"1,234"\nTAL,1/31/2024 2:00:00 PM,987\n'
        'TAL,1/31/2024 12:00:00 AM,"1,000.5"\n')
    raw = read_series(tmp_path / "a.csv")
    hours = [t.strftime("%m-%d %H") for t in raw.values.index]
    assert hours == ["01-30 23", "01-31 12", "01-31 13"]
    assert list(raw.values) == [1000.5, 1234.0, 987.0]


def test_a_fetched_file_of_several_authorities_is_one_line_naming_them():
    with pytest.raises(InputError) as raised:
        read_series(FETCHED)
    error = raised.value
    assert error.field == "Balancing Authority" and error.row == 5
    assert "holds 2 balancing authorities (PJM, ERCO)" in str(error)


@pytest.mark.parametrize("cell, why", [('"1,23"', "not a number: '1,23'"),
                                       ("12/31/2024 25:00:00 AM", "cannot parse date")])
def test_bad_balance_cells_name_row_and_field(tmp_path, cell, why):
    value, stamp = (cell, "1/1/2024 1:00:00 AM") if "," in cell else ("5", cell)
    (tmp_path / "a.csv").write_text(
        "UTC Time at End of Hour,Demand (MW)\n1/1/2024 12:00:00 AM,4\n"
        f"{stamp},{value}\n")
    with pytest.raises(InputError) as raised:
        read_series(tmp_path / "a.csv")
    assert raised.value.row == 2 and why in str(raised.value)


@pytest.mark.slow
def test_zones_init_takes_one_authoritys_balance_file_and_refuses_the_fetched_one(tmp_path):
    ends = pd.date_range("2021-01-01 01:00", "2025-01-01 00:00", freq="h")
    t = np.arange(len(ends))
    mw = 80000 * (1 + 0.2 * np.sin(2 * np.pi * t / 24)
                  + 0.15 * np.cos(2 * np.pi * ends.dayofyear.to_numpy() / 365.25))
    balance_file(tmp_path / "PJM.csv", ends, mw)
    done = run_cli("zones", "init", "PJM", "--series", str(tmp_path / "PJM.csv"), "--out",
                   str(tmp_path / "pjm.yaml"))
    assert done.returncode == 0, done.stderr
    assert "2021-01..2024-12 complete months" in (tmp_path / "pjm.yaml").read_text()

    done = run_cli("zones", "init", "ALL", "--series", str(FETCHED), "--out",
                   str(tmp_path / "all.yaml"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "EIA930_BALANCE_2024_Jan_Jun.csv" in lines[0]
    assert "balancing authorities (PJM, ERCO)" in lines[0]
    assert not (tmp_path / "all.yaml").exists()


def two_authorities(path: Path, ends: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
    """A BALANCE file holding PJM's rows, then ERCO's (as fetched, one authority after the
    other); their loads differ by a factor of about 2."""
    t = np.arange(len(ends))
    pjm = 80000 * (1 + 0.2 * np.sin(2 * np.pi * t / 24)
                   + 0.15 * np.cos(2 * np.pi * ends.dayofyear.to_numpy() / 365.25))
    erco = pjm / 2 + 1000
    balance_file(path.with_suffix(".pjm"), ends, pjm, ba="PJM")
    balance_file(path.with_suffix(".erco"), ends, erco, ba="ERCO")
    erco_lines = path.with_suffix(".erco").read_text().splitlines()[1:]
    path.write_text(path.with_suffix(".pjm").read_text() + "\n".join(erco_lines) + "\n")
    return pjm, erco


def test_ba_keeps_one_authoritys_rows_of_a_fetched_file(tmp_path):
    ends = pd.date_range("2024-01-01 01:00", periods=48, freq="h")
    pjm, erco = two_authorities(tmp_path / "all.csv", ends)
    raw = read_series(tmp_path / "all.csv", area="erco")  # case ignored
    assert np.allclose(raw.values.to_numpy(), np.round(erco))
    assert raw.origin["row"].iloc[0] == 49  # rows keep their numbers in the file
    assert raw.reads[0].rows == 48
    raw = read_series(tmp_path / "all.csv", area=" PJM ")
    assert np.allclose(raw.values.to_numpy(), np.round(pjm))
    with pytest.raises(InputError) as raised:
        read_series(tmp_path / "all.csv", area="MISO")
    assert raised.value.field == "Balancing Authority"
    assert "no row of balancing authority 'MISO' (it holds PJM, ERCO)" in str(raised.value)
    with pytest.raises(InputError) as raised:
        read_series(tmp_path / "all.csv")
    assert "--ba" in str(raised.value)  # the message says how to choose one
    from forecasting.series import load_series
    daily, _ = load_series(tmp_path / "all.csv", area="ERCO", freq="D")
    alone, _ = load_series(tmp_path / "all.erco", freq="D")  # ERCO's rows in a file alone
    pd.testing.assert_series_equal(daily, alone)


@pytest.mark.slow
def test_zones_init_ba_writes_the_area_the_zone_run_reads(tmp_path):
    from forecasting.io.zone_config_file import load_zone_config
    from forecasting.zones.read import read_zone_inputs

    ends = pd.date_range("2021-01-01 01:00", "2025-01-01 00:00", freq="h")
    pjm, erco = two_authorities(tmp_path / "balance.csv", ends)
    done = run_cli("zones", "init", "ERCOT", "--series", str(tmp_path / "balance.csv"),
                   "--ba", "ERCO", "--out", str(tmp_path / "ercot.yaml"))
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "ercot.yaml").read_text()
    assert 'area: "ERCO"' in text and "2021-01..2024-12 complete months" in text
    [raw], _ = read_zone_inputs(load_zone_config(tmp_path / "ercot.yaml"))
    assert np.allclose(raw.values.to_numpy(), np.round(erco))

    done = run_cli("zones", "init", "X", "--series", str(tmp_path / "balance.csv"),
                   "--ba", "TVA", "--out", str(tmp_path / "x.yaml"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "no row of balancing authority 'TVA' (it holds PJM, ERCO)" in done.stderr
    assert not (tmp_path / "x.yaml").exists()
