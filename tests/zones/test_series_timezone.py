"""A zone's files on local wall-clock time (a utility's SCADA export, with the autumn hour
twice and the spring hour missing): `zones init --series-tz` writes `series_timezone`, the
zone run reads the files on that clock to the true UTC hours, and the zone's clock follows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputWarning
from tests.conftest import one_error_line, run_cli
from tests.zones.synthetic import hourly_load

CLOCK = "America/Chicago"


def local_file(path, load: pd.Series) -> None:
    """`load` (UTC hour starts) written with local wall-clock labels, as a utility exports it."""
    local = load.index.tz_localize("UTC").tz_convert(CLOCK).strftime("%Y-%m-%d %H:%M")
    pd.DataFrame({"when": local, "mw": load.round(1).to_numpy()}).to_csv(path, index=False)


@pytest.mark.slow
def test_init_with_series_tz_reads_local_files_to_their_true_hours(tmp_path):
    from forecasting.io.zone_config_file import load_zone_config
    from forecasting.zones.history import build_history
    from forecasting.zones.read import read_zone_inputs

    load = hourly_load(800.0, "2021-01-01", "2023-12-31 23:00")
    load = load * (1 + 0.01 * np.sin(np.arange(len(load)) / 7.0))  # no two hours alike
    local_file(tmp_path / "ZZ.csv", load)
    done = run_cli("zones", "init", "ZZ", "--series", str(tmp_path / "ZZ.csv"),
                   "--series-tz", CLOCK, "--out", str(tmp_path / "zz.yaml"))
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "zz.yaml").read_text()
    assert f"series_timezone: {CLOCK}" in text and f"timezone: {CLOCK}" in text
    [raw], _ = read_zone_inputs(load_zone_config(tmp_path / "zz.yaml"))
    truth = load.round(1)
    assert raw.values.index.equals(truth.index.tz_localize("UTC"))
    assert np.array_equal(raw.values.to_numpy(), truth.to_numpy())
    assert build_history([raw]).quality()["duplicate_rows"] == 0

    # read as UTC (stated: by default such a file is refused, test_local_clock_signature),
    # the repeated autumn hours are rows given twice
    done = run_cli("zones", "init", "ZZ", "--series", str(tmp_path / "ZZ.csv"),
                   "--series-tz", "UTC", "--out", str(tmp_path / "utc.yaml"))
    assert done.returncode == 0, done.stderr
    assert "series_timezone: UTC" in (tmp_path / "utc.yaml").read_text()
    with pytest.warns(InputWarning, match="looks like local time"):  # a config cannot say UTC
        [raw], _ = read_zone_inputs(load_zone_config(tmp_path / "utc.yaml"))  # was stated
    assert build_history([raw]).quality()["duplicate_rows"] == 3  # one per autumn


def test_an_unknown_series_tz_is_one_line(tmp_path):
    (tmp_path / "a.csv").write_text("when,mw\n2024-01-01 00:00,1\n")
    line = one_error_line(run_cli("zones", "init", "A", "--series", str(tmp_path / "a.csv"),
                                  "--series-tz", "Mars/Olympus", "--out",
                                  str(tmp_path / "a.yaml")))
    assert "--series-tz" in line and "unknown time zone 'Mars/Olympus'" in line


def test_backtest_under_series_tz_takes_months_on_that_clock(tmp_path):
    # each local month holds one value, so a month on the file's clock averages to it exactly;
    # on New York's clock every month would take one hour of the month before
    hours = pd.date_range("2021-01-01", "2023-12-31 23:00", freq="h", tz=CLOCK)
    month = hours.tz_localize(None).to_period("M")
    level = 1000.0 + 10.0 * (month.year - 2021) * 12 + 10.0 * month.month
    pd.DataFrame({"when": hours.strftime("%Y-%m-%d %H:%M"), "mw": level}).to_csv(
        tmp_path / "local.csv", index=False)
    out = tmp_path / "bt.csv"
    done = run_cli("backtest", "--series", str(tmp_path / "local.csv"), "--series-tz", CLOCK,
                   "--horizon", "1", "--models", "seasonal_naive", "--first-origin", "2023-06",
                   "--last-origin", "2023-10", "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = pd.read_csv(out).drop_duplicates("period")
    expected = {f"{p}": 1000.0 + 10.0 * ((p.year - 2021) * 12 + p.month)
                for p in pd.period_range("2023-07", "2023-11", freq="M")}
    assert dict(zip(rows["period"].astype(str), rows["actual"], strict=True)) == expected
