"""A load column's unit as meter and utility exports write it in the header (brackets, after
a comma, "in kW", a bare word): a zone reads it in MW whatever the form, a header naming two
units or one the reader cannot convert is refused in one line, and words that merely hold
the letters of a unit (Kwajalein, MWRA) name none."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.zones.read import read_zone_files
from tests.conftest import run_in_process

HOURS = pd.date_range("2024-01-01", periods=24 * 7, freq="h")
MW = 500 + 100 * np.sin(np.arange(len(HOURS)) * 2 * np.pi / 24)  # a 500 MW zone


def write(path, header: str, values, hours: pd.DatetimeIndex = HOURS) -> str:
    frame = pd.DataFrame({"Timestamp": hours.strftime("%Y-%m-%d %H:%M"), header: values})
    frame.to_csv(path, index=False)
    return str(path)


def zone_mw(path) -> pd.Series:
    return read_zone_files([path])[0].values


@pytest.mark.parametrize("header", ["Load [kW]", "Load, kW", "kW", "Load in kW", "kW Load",
                                    "Avg kW", "Load (kW AC)", "Load kWh", "load-kw", "LoadkW"])
def test_a_kw_column_is_read_in_mw_whatever_form_its_header_takes(tmp_path, header):
    written = zone_mw(write(tmp_path / "parenthesis.csv", "Load (kW)", MW * 1000))
    other = zone_mw(write(tmp_path / "other.csv", header, MW * 1000))
    assert np.allclose(written.to_numpy(), MW)  # the form the reader always knew
    assert np.allclose(other.to_numpy(), written.to_numpy()), header


def test_a_gw_column_in_brackets_is_multiplied_up_to_mw(tmp_path):
    raw = read_zone_files([write(tmp_path / "gw.csv", "Load [GW]", MW / 1000)])[0]
    assert np.allclose(raw.values.to_numpy(), MW)
    assert raw.reads[0].unit == "GW, converted to MW (x 1000)"


@pytest.mark.parametrize("header", ["Kwajalein", "MWRA load", "gwen", "Load (MWh/h)"])
def test_words_holding_a_units_letters_leave_the_load_in_mw(tmp_path, header):
    assert np.allclose(zone_mw(write(tmp_path / "w.csv", header, MW)).to_numpy(), MW)


@pytest.mark.parametrize("header, found", [
    ("Load (MW), was kW", "2 units (MW, kW)"),
    ("Load MW/h", "'MW/h' is a rate"),
    ("Price ($/MWh)", "per MWh"),
    ("Load (kVA)", "'kVA' is apparent or reactive power"),
    ("Load [W]", "'W' (watts)"),
])
def test_a_header_whose_unit_cannot_be_placed_is_refused_naming_it(tmp_path, header, found):
    path = write(tmp_path / "odd.csv", header, MW * 1000)
    with pytest.raises(InputError) as refused:
        read_zone_files([path])
    assert refused.value.field == header and refused.value.row == "header"
    assert found in refused.value.message and "rename the column" in refused.value.message


def test_zones_init_refuses_a_header_naming_two_units_in_one_line(tmp_path, monkeypatch,
                                                                   capsys):
    years = pd.date_range("2022-01-01", "2024-12-31 23:00", freq="h")  # a zone it can make
    series = write(tmp_path / "two.csv", "Load (MW) kW", np.resize(MW * 1000, len(years)),
                   years)
    out = tmp_path / "two.yaml"
    code, printed, err = run_in_process(monkeypatch, capsys, "zones", "init", "TWO",
                                        "--series", series, "--out", str(out))
    assert code == 2 and printed == "", err
    line = err.strip()
    assert "\n" not in line and "Traceback" not in line
    assert "two.csv, header, field 'Load (MW) kW'" in line and "2 units (MW, kW)" in line
    assert not out.exists()
