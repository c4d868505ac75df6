"""`zones init` takes the zone's clock from its stamps' US zone abbreviations when they are
both forms of one clock (``01:00 AM CST`` / ``CDT``, as ERCOT exports them: America/Chicago)
and says which stamps named it; one form all year (MST: Arizona), forms of two clocks, UTC,
or no abbreviations keep the default, said; `--timezone` wins. Only the clock written
changes: the hours are read the same (fuzz 14 J5: ERCOT-East's CST/CDT file got New York's
clock)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.series.read import read_series
from forecasting.zones.stamp_clock import stamp_clock
from tests.conftest import run_in_process


def _stamped(path, *, clock: str, forms: tuple[str, str] | None, start="2022-01-01",
             end="2024-12-31 23:00"):
    """An hourly load file (`Time`, `Load`) stamped on `clock`'s wall time with the
    abbreviations `forms` (standard, daylight) like ``Sun 11/01/2020 01:00 AM CDT``; None:
    ISO stamps in UTC."""
    hours = pd.date_range(start, end, freq="h", tz="UTC")
    t = np.arange(len(hours))
    load = 500 * (1 + 0.2 * np.sin(2 * np.pi * t / 24)
                  + 0.15 * np.cos(2 * np.pi * hours.dayofyear.to_numpy() / 365.25))
    if forms is None:
        stamps = list(hours.strftime("%Y-%m-%d %H:%M"))
    else:
        local = hours.tz_convert(clock)
        stamps = [s + (forms[1] if d else forms[0]) for s, d in
                  zip(local.strftime("%a %m/%d/%Y %I:%M %p "), local.map(lambda x: bool(x.dst())),
                      strict=True)]
    pd.DataFrame({"Time": stamps, "Load": load.round(1)}).to_csv(path, index=False)
    return path


def _init(monkeypatch, capsys, tmp_path, out, *args):
    code, _, err = run_in_process(monkeypatch, capsys, "zones", "init", "Z", "--out",
                                  str(tmp_path / out), *args)
    assert code in (0, None), err
    return (tmp_path / out).read_text(), err


def _timezone(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("timezone:")).split()[1]


def test_central_stamps_give_chicago_and_say_so(monkeypatch, capsys, tmp_path):
    series = _stamped(tmp_path / "eastex.csv", clock="America/Chicago", forms=("CST", "CDT"))
    text, err = _init(monkeypatch, capsys, tmp_path, "a.yaml", "--series", str(series))
    assert _timezone(text) == "America/Chicago"
    assert "series_timezone: UTC" in text  # the stamps carry their offsets
    said = [line for line in err.splitlines() if "the zone's clock" in line]
    assert len(said) == 1, err
    assert "America/Chicago, named by the CST and CDT stamps of" in said[0], err
    assert "eastex.csv" in said[0] and "the default" not in err, err

    # only the clock written changes: the hours as read, and so the history, the window
    # and the backtest plan, are those of the same file with --timezone America/Chicago
    given, given_err = _init(monkeypatch, capsys, tmp_path, "b.yaml", "--series", str(series),
                             "--timezone", "America/Chicago")
    assert "the zone's clock" not in given_err

    def body(text):
        return [line for line in text.splitlines() if not line.startswith("# the zone's clock")]

    assert body(text) == body(given)


def test_timezone_given_wins_over_the_stamps(monkeypatch, capsys, tmp_path):
    series = _stamped(tmp_path / "z.csv", clock="America/Chicago", forms=("CST", "CDT"))
    text, err = _init(monkeypatch, capsys, tmp_path, "a.yaml", "--series", str(series),
                      "--timezone", "America/Denver")
    assert _timezone(text) == "America/Denver"
    assert "named by" not in err and "the default" not in err and "CDT" not in text


@pytest.mark.parametrize("clock,forms", [
    ("America/Phoenix", ("MST", "MDT")),  # Arizona: MST all year, never MDT
    ("UTC", ("UTC", "UTC")),              # absolute stamps name no clock
    ("UTC", None),                        # ISO stamps without an abbreviation
])
def test_stamps_naming_no_clock_keep_the_default_said(monkeypatch, capsys, tmp_path, clock,
                                                      forms):
    series = _stamped(tmp_path / "z.csv", clock=clock, forms=forms)
    text, err = _init(monkeypatch, capsys, tmp_path, "a.yaml", "--series", str(series))
    assert _timezone(text) == "America/New_York"
    assert "America/New_York, the default" in err and "named by" not in err, err


YEAR = ("2023-01-01", "2023-12-31 23:00")
WINTER, SUMMER = ("2023-01-01", "2023-02-28 23:00"), ("2023-06-01", "2023-07-31 23:00")
CENTRAL = ("America/Chicago", ("CST", "CDT"))


@pytest.mark.parametrize("files,expected", [
    ([(*CENTRAL, YEAR)], "America/Chicago"),
    ([("America/Los_Angeles", ("PST", "PDT"), YEAR)], "America/Los_Angeles"),
    ([("America/New_York", ("EST", "EDT"), YEAR)], "America/New_York"),
    ([("America/Denver", ("MST", "MDT"), YEAR)], "America/Denver"),
    # a winter file (CST only) and a summer file (CDT only): both forms over the zone's files
    ([(*CENTRAL, WINTER), (*CENTRAL, SUMMER)], "America/Chicago"),
    # a file without abbreviations neither names nor contradicts the clock
    ([(*CENTRAL, YEAR), ("UTC", None, YEAR)], "America/Chicago"),
    # forms of two clocks, UTC stamps beside, standard time all year: no clock
    ([(*CENTRAL, YEAR), ("America/New_York", ("EST", "EDT"), YEAR)], None),
    ([(*CENTRAL, YEAR), ("UTC", ("UTC", "UTC"), YEAR)], None),
    ([("Etc/GMT+6", ("CST", "CDT"), YEAR)], None),
    ([(*CENTRAL, WINTER)], None),
])
def test_the_files_together_name_one_clock_or_none(tmp_path, files, expected):
    raws = [read_series(_stamped(tmp_path / f"f{i}.csv", clock=clock, forms=forms,
                                 start=span[0], end=span[1]))
            for i, (clock, forms, span) in enumerate(files)]
    named = stamp_clock(raws)
    assert (named.name if named else None) == expected
    if named:  # the files whose stamps named it, in the order given
        carrying = [f"f{i}.csv" for i, (_, forms, _) in enumerate(files) if forms]
        assert [f.rsplit("/", 1)[-1] for f in named.files] == carrying
