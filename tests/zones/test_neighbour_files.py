"""A zone's neighbours come in the files a planner has: one area of a long-form file of
several (PJM Data Miner, EIA's BALANCE file), one column of a wide file (ERCOT's native load:
a column per weather zone), or a local-time export on the zone's own clock. A `neighbours`
entry is a path or a mapping naming its ``area``, ``column`` or ``series_timezone``; each
neighbour is named by its area, else its column, else its file."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.io.zone_config_file import load_zone_config
from forecasting.zones.inputs import input_files, resolved_config
from forecasting.zones.read import read_neighbours

CLOCK = "America/Chicago"
HOURS = pd.date_range("2024-01-01", "2024-03-31 23:00", freq="h", tz="UTC")


def wave(level: float) -> pd.Series:
    return pd.Series(level + 10 * np.sin(np.arange(len(HOURS)) / 5.0), HOURS).round(1)


@pytest.fixture
def zone(tmp_path):
    utc = HOURS.strftime("%Y-%m-%d %H:%M")
    long_form = pd.concat([
        pd.DataFrame({"datetime_beginning_utc": utc, "load_area": area, "mw": wave(level)})
        for area, level in (("AECO", 100.0), ("BGE", 200.0))])
    long_form.to_csv(tmp_path / "areas.csv", index=False)
    pd.DataFrame({"when": utc, "NORTH": wave(300.0).to_numpy(),
                  "SOUTH": wave(400.0).to_numpy()}).to_csv(tmp_path / "wide.csv", index=False)
    local = HOURS.tz_convert(CLOCK).strftime("%Y-%m-%d %H:%M")
    pd.DataFrame({"when": local, "mw": wave(500.0).to_numpy()}).to_csv(
        tmp_path / "coop.csv", index=False)
    pd.DataFrame({"when": local, "mw": wave(600.0).to_numpy()}).to_csv(
        tmp_path / "own.csv", index=False)
    return tmp_path


def config_file(folder, *neighbours: str):
    path = folder / "zone.yaml"
    path.write_text("\n".join(["region: OWN", "series: [own.csv]",
                               f"series_timezone: {CLOCK}", "neighbours:",
                               *(f"  - {n}" for n in neighbours)]) + "\n")
    return path


def test_an_area_a_column_and_a_local_export_are_each_their_own_neighbour(zone):
    path = config_file(zone, "{file: areas.csv, area: BGE}",
                       "{file: wide.csv, column: SOUTH, series_timezone: UTC}", "coop.csv")
    config = load_zone_config(path)
    read = read_neighbours(config)
    assert list(read) == ["BGE", "SOUTH", "coop"]
    for name, level in (("BGE", 200.0), ("SOUTH", 400.0), ("coop", 500.0)):
        assert read[name].index.equals(HOURS), name  # the local file on the zone's clock
        assert np.array_equal(read[name].to_numpy(), wave(level).to_numpy()), name
    assert [p.name for p in input_files(path, config)][-3:] == ["areas.csv", "wide.csv",
                                                               "coop.csv"]
    shown = resolved_config(config)["neighbours"]
    assert shown[0]["area"] == "BGE" and shown[0]["file"].endswith("areas.csv")
    assert shown[2].endswith("coop.csv")


def test_a_neighbour_without_a_clock_of_its_own_is_read_on_the_zones(zone):
    config = load_zone_config(config_file(zone, "{file: wide.csv, column: NORTH}"))
    north = read_neighbours(config)["NORTH"]  # UTC labels taken as Chicago's: 6 hours later
    assert north.index[0] == HOURS[0] + pd.Timedelta(hours=6)


def test_a_long_form_neighbour_without_its_area_names_the_area_column(zone):
    with pytest.raises(InputError, match="load_area"):
        read_neighbours(load_zone_config(config_file(zone, "areas.csv")))


def test_two_neighbours_of_one_name_are_refused(zone):
    config = load_zone_config(config_file(zone, "{file: areas.csv, area: BGE}",
                                          "{file: areas.csv, area: bge}"))
    with pytest.raises(InputError) as raised:
        read_neighbours(config)
    assert "second neighbour named 'bge'" in str(raised.value)  # one area, whatever the case


def test_a_neighbour_on_local_time_read_as_utc_is_warned_about(tmp_path):
    # the zone's own files warned, a neighbour's was read 5-8 hours off in silence (D9)
    import warnings

    from forecasting.errors import InputWarning

    year = pd.date_range("2023-01-01", "2023-12-31 23:00", freq="h", tz="UTC")
    local = year.tz_convert(CLOCK).strftime("%Y-%m-%d %H:%M")
    pd.DataFrame({"when": local, "mw": 500.0}).to_csv(tmp_path / "coop.csv", index=False)
    pd.DataFrame({"when": year.strftime("%Y-%m-%d %H:%M"), "mw": 600.0}).to_csv(
        tmp_path / "own.csv", index=False)
    path = tmp_path / "zone.yaml"
    path.write_text("region: OWN\nseries: [own.csv]\nneighbours: [coop.csv]\n")
    with pytest.warns(InputWarning, match="coop.csv: .*looks like local time, and this "
                      "neighbour is read as UTC; write it in neighbours as "
                      r"\{file: \.\.\., series_timezone: <zone>\}"):
        read_neighbours(load_zone_config(path))
    path.write_text("region: OWN\nseries: [own.csv]\n"
                    f"neighbours: [{{file: coop.csv, series_timezone: {CLOCK}}}]\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputWarning)  # read on its clock: nothing to say
        assert read_neighbours(load_zone_config(path))["coop"].index.equals(year)
