"""A vintage whose history has too few published points (the interpolated years between them
are not evidence) is one line and exit 2, from `dcload vintage` and from a config's
`track_record.as_of` (found by fuzzing: as of 2008 and 2010 the history spans 7 years but holds
3 published points, and the run died with SeriesTooShortError, or BrokenProcessPool when the
vintages ran in a worker process)."""

from __future__ import annotations

import pickle

import pytest

from forecasting.errors import SeriesTooShortError
from tests.conftest import Workspace, run_cli


@pytest.mark.parametrize("year", ["2008", "2010"])
def test_vintage_with_three_published_points_is_one_line_exit_2(year):
    done = run_cli("vintage", "--as-of", year)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert "field '--as-of'" in lines[0] and f"as of {year} has 3 published points" in lines[0]
    assert "needs at least 4" in lines[0]
    assert done.stdout == ""


def test_track_record_year_too_short_stops_the_forecast_naming_the_key(
        light_workspace: Workspace):
    ws = light_workspace
    text = ws.config.read_text()
    ws.config.write_text(text.replace("- 2012\n  - 2014\n  - 2016", "- 2010\n  - 2016"))
    assert "- 2010" in ws.config.read_text()
    out = ws.root / "out"
    done = run_cli("forecast", "--config", str(ws.config), "--output-dir", str(out), "--quiet")
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "field 'track_record.as_of'" in lines[0], done.stderr
    assert "as of 2010 has 3 published points" in lines[0]
    assert not out.exists()


def test_series_too_short_error_survives_a_worker_process():
    error = pickle.loads(pickle.dumps(SeriesTooShortError("regime_trend", 6, 3)))
    assert isinstance(error, SeriesTooShortError)
    assert (error.model, error.needed, error.got) == ("regime_trend", 6, 3)
    assert str(error) == "model 'regime_trend' needs at least 6 observations, got 3"
