"""A file on a local clock given without --series-tz shows the clock's DST changes when read
as UTC: a repeated hour at each fall-back, a missing one at each spring-forward. `zones init`
refuses it in one line (an explicit --series-tz UTC still writes the config), and the
--series commands warn; found by fuzzing (read as UTC without a word: every hour 7 h off,
exit 0). A true UTC file, or one stray repeated hour, says nothing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.series.local_clock import EU_RULE, US_RULE, local_clock_signature
from forecasting.series.read import read_series
from tests.conftest import one_error_line, run_cli, run_in_process


def _write(path, zone: str | None, start="2021-01-01", end="2023-12-31 23:00"):
    """Hourly load labelled on `zone`'s wall clock (None: UTC)."""
    hours = pd.date_range(start, end, freq="h", tz="UTC")
    labels = hours if zone is None else hours.tz_convert(zone)
    t = np.arange(len(hours))
    load = 500 * (1 + 0.2 * np.sin(2 * np.pi * t / 24)) + 40 * np.cos(2 * np.pi * t / 8766)
    pd.DataFrame({"Timestamp": labels.strftime("%Y-%m-%d %H:%M"),
                  "Load (MW)": load.round(1)}).to_csv(path, index=False)
    return path


def test_a_us_local_clock_read_as_utc_shows_the_us_rule(tmp_path):
    raw = read_series(_write(tmp_path / "denver.csv", "America/Denver"))
    found = local_clock_signature(raw.values.index)
    assert found is not None and found.rule is US_RULE
    assert (found.shown, found.years) == (3, 3)
    assert "first Sunday of November" in found.sentence() and "3 of 3" in found.sentence()


def test_a_central_european_clock_shows_the_eu_rule(tmp_path):
    raw = read_series(_write(tmp_path / "berlin.csv", "Europe/Berlin"))
    found = local_clock_signature(raw.values.index)
    assert found is not None and found.rule is EU_RULE


def test_a_utc_file_or_a_stray_repeat_shows_nothing(tmp_path):
    path = _write(tmp_path / "utc.csv", None)
    assert local_clock_signature(read_series(path).values.index) is None
    lines = path.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("2022-11-06 01:00"))
    spring = next(i for i, line in enumerate(lines) if line.startswith("2022-03-13 02:00"))
    lines.insert(at + 1, lines[at])  # one year repeats the fall-back hour and misses 02:00
    del lines[spring]
    path.write_text("\n".join(lines) + "\n")
    assert local_clock_signature(read_series(path).values.index) is None  # 1 of 3 years


def test_zones_init_refuses_an_unstated_local_clock_and_takes_an_explicit_utc(tmp_path):
    path = _write(tmp_path / "denver.csv", "America/Denver")
    out = tmp_path / "z.yaml"
    line = one_error_line(run_cli("zones", "init", "z", "--series", str(path),
                                  "--out", str(out)))
    assert "looks like local time" in line and "--series-tz UTC" in line and "3 of 3" in line
    assert not out.exists()
    done = run_cli("zones", "init", "z", "--series", str(path), "--series-tz", "UTC",
                   "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "series_timezone: UTC" in out.read_text()


def test_a_series_command_warns_and_goes_on(tmp_path, monkeypatch, capsys):
    path = _write(tmp_path / "denver.csv", "America/Denver")
    code, _, err = run_in_process(monkeypatch, capsys, "regimes", "--series", str(path),
                                  "--freq", "M")
    assert code in (0, None), err
    warned = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warned) == 1 and "looks like local time" in warned[0]
    code, _, err = run_in_process(monkeypatch, capsys, "regimes", "--series",
                                  str(_write(tmp_path / "utc.csv", None)), "--freq", "M")
    assert "looks like local time" not in err


def test_a_zone_run_reading_its_files_warns_and_goes_on(tmp_path):
    from types import SimpleNamespace

    from forecasting.errors import InputWarning
    from forecasting.zones.read import read_zone_inputs

    path = _write(tmp_path / "denver.csv", "America/Denver")
    config = SimpleNamespace(series=[path], area=None, series_timezone="UTC", column=None,
                             large_loads=None)
    with pytest.warns(InputWarning) as warned:
        raws, _ = read_zone_inputs(config)
    assert len(raws) == 1
    assert len(warned) == 1
    message = str(warned[0].message)
    assert "looks like local time" in message and "series_timezone" in message


def test_the_application_shows_an_input_warning_as_one_line_even_when_quiet():
    import io
    import warnings
    from functools import partial

    from forecasting.errors import InputWarning
    from pipelines.publishing.logs import RunLog
    from pipelines.publishing.publish_run import _log_warning

    stream = io.StringIO()
    log = RunLog(quiet=True, stream=stream, timestamps=False)  # as `dcload forecast` logs
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = partial(_log_warning, log)
        warnings.warn("f.csv: looks like local time", InputWarning, stacklevel=1)
        warnings.warn("a library's notice", FutureWarning, stacklevel=1)
    assert stream.getvalue().strip().splitlines() == ["warning: f.csv: looks like local time"]
