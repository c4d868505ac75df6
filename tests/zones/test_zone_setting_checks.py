"""Zone config values a planner mistypes or sets beyond the zone's history: each is one line
naming the config file, its line and the key, exit 2 (found by fuzzing: ``model_start:
"1/12/22"`` ran as 2022-01, ``scenarios: [vetted, vetted]`` and ``seed: -1`` were
tracebacks, reference years outside the history a traceback or a silently different
forecast, and a value of the right form that the history cannot take was blamed on the load
file)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import one_error_line, run_cli
from tests.zones.synthetic import hourly_load, light_zone_config, write_load


@pytest.fixture(scope="module")
def zone(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zone")
    write_load(folder / "ZZ.csv", hourly_load(700.0, "2021-01-01", "2023-12-31 23:00"))
    write_load(folder / "OLD.csv", hourly_load(300.0, "2012-01-01", "2013-12-31 23:00"))
    return folder


def refused(zone, tmp_path, *lines: str) -> str:
    """The one line a zone run of this config is refused with (in process: what the command
    line prints for an `InputError`; `test_the_command_line_prints_it_in_one_line` runs it)."""
    from forecasting.errors import InputError
    from forecasting.zones.compute import compute_zone_run

    config = light_zone_config(tmp_path / "zz.yaml", "ZZ", str(zone / "ZZ.csv"), *lines)
    with pytest.raises(InputError) as raised:
        compute_zone_run(config)
    line = f"error: {raised.value}"
    assert str(config.name) in line and "\n" not in line
    return line


def test_the_command_line_prints_it_in_one_line(zone, tmp_path):
    config = light_zone_config(tmp_path / "zz.yaml", "ZZ", str(zone / "ZZ.csv"),
                               "reference_years: [2010, 2011]")
    done = run_cli("forecast", "--config", str(config), "--output-dir", str(tmp_path / "out"),
                   "--quiet")
    assert "zz.yaml, row 4, field 'reference_years'" in one_error_line(done)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("lines", "key", "says"), [
    (['model_start: "1/12/22"'], "model_start", "not a month YYYY-MM"),
    (['model_start: "2021-1"'], "model_start", "not a month YYYY-MM"),
    (["scenarios: [statistical-trend, statistical-trend]"], "scenarios", "named twice"),
    (["scenarios: []"], "scenarios", "at least 1 item"),
    (["seed: -1"], "seed", "greater than or equal to 0"),
])
def test_a_mistyped_value_is_named_at_its_line(zone, tmp_path, lines, key, says):
    line = refused(zone, tmp_path, *lines)
    assert f"field '{key}'" in line and says in line and ", row " in line


def test_a_backtest_origin_not_written_as_a_month_is_named(zone, tmp_path):
    config = tmp_path / "zz.yaml"
    light_zone_config(config, "ZZ", str(zone / "ZZ.csv"), first_origin="12/2022")
    done = run_cli("forecast", "--config", str(config), "--output-dir", str(tmp_path / "out"),
                   "--quiet")
    line = one_error_line(done)
    assert "field 'backtest.first_origin'" in line and "not a month YYYY-MM" in line


@pytest.mark.parametrize(("lines", "key", "says"), [
    (["reference_years: [2010, 2011]"], "reference_years",
     "reference years 2010-2011 reach outside the history's years with a complete month "
     "(2021..2023)"),
    (["reference_years: [2021, 2030]"], "reference_years", "reach outside"),
    (['model_start: "2023-06"'], "model_start",
     "only 7 complete months to model from 2023-06 (2023-06..2023-12)"),
    (['model_start: "2030-01"'], "model_start", "no complete month to model from 2030-01"),
])
def test_a_value_the_history_cannot_take_names_the_config_key_not_the_load_file(
        zone, tmp_path, lines, key, says):
    line = refused(zone, tmp_path, *lines)
    assert f"zz.yaml, row 4, field '{key}'" in line and says in line, line
    assert "ZZ.csv" not in line


def test_a_neighbour_sharing_no_year_with_the_zone_is_named(zone, tmp_path):
    line = refused(zone, tmp_path, f"neighbours: [{zone / 'OLD.csv'}]")
    assert "field 'neighbours'" in line
    assert "neighbour 'OLD' shares no complete year with ZZ" in line and "2012..2013" in line


def test_reference_years_inside_the_history_still_run(zone, tmp_path):
    config = light_zone_config(tmp_path / "zz.yaml", "ZZ", str(zone / "ZZ.csv"),
                               "reference_years: [2021, 2022]")
    done = run_cli("forecast", "--config", str(config), "--output-dir", str(tmp_path / "out"),
                   "--quiet")
    assert done.returncode == 0, done.stderr
    assert pd.read_csv(tmp_path / "out" / "forecast.csv").shape[0] > 0


def test_a_history_without_load_is_one_line(tmp_path):
    # an all-zero file (a meter that stopped) was a traceback from the decomposition
    from forecasting.errors import InputError
    from forecasting.zones.compute import compute_zone_run

    write_load(tmp_path / "ZZ.csv", hourly_load(1.0, "2021-01-01", "2023-12-31 23:00") * 0.0)
    config = tmp_path / "zz.yaml"
    config.write_text(f"region: ZZ\nseries: [{tmp_path / 'ZZ.csv'}]\nn_paths: 40\n"
                      "backtest: {candidates: [seasonal_naive], peers: [seasonal_naive], "
                      "n_paths: 20}\n")  # with the decomposition (the default)
    with pytest.raises(InputError) as raised:
        compute_zone_run(config)
    assert "ZZ.csv" in str(raised.value)
    assert "no hour holds load: every hour is absent, zero or negative" in str(raised.value)


def test_candidates_that_all_fail_are_named_with_the_first_reason(zone, tmp_path):
    # a known model that cannot fit a monthly history (gbm_median: daily and hourly data
    # only) failed at every origin, leaving no candidate: "ValueError: no candidate models"
    # with a traceback, exit 1 (fuzz round 8b D5)
    config = tmp_path / "zz.yaml"
    config.write_text(f"region: ZZ\nseries: [{zone / 'ZZ.csv'}]\ndata_center: none\n"
                      "n_paths: 40\nbacktest:\n  peers: [seasonal_naive]\n"
                      "  candidates: [gbm_median]\n  n_paths: 20\n")
    done = run_cli("forecast", "--config", str(config), "--output-dir", str(tmp_path / "out"),
                   "--quiet")
    line = one_error_line(done)
    assert "zz.yaml, row 7, field 'backtest.candidates'" in line, line
    assert "every candidate failed at every backtest origin (gbm_median)" in line
    assert "does not support frequency 'M'" in line  # the first failure's reason
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("lines", "key", "year"), [
    (["end_year: 2300"], "end_year", 2300),  # was an OutOfBoundsDatetime traceback
    (["end_year: 10000", "profile_year: 2030"], "end_year", 10000),  # a DateParseError one
    (["profile_year: 2300"], "profile_year", 2300),
])
def test_a_year_past_the_last_forecast_year_is_named(zone, tmp_path, lines, key, year):
    from forecasting.zones.config import LAST_FORECAST_YEAR

    line = refused(zone, tmp_path, *lines)
    assert f"zz.yaml, row 4, field '{key}'" in line, line
    assert f"{key} {year} is past {LAST_FORECAST_YEAR}" in line


def test_a_many_zone_run_bounds_the_years_too():
    from pydantic import ValidationError

    from forecasting.zones.config import ZoneSettings

    with pytest.raises(ValidationError, match="end_year 2300 is past"):
        ZoneSettings(end_year=2300)


@pytest.mark.parametrize(("paths", "key", "row"), [
    (dict(n_paths=100_000_000), "n_paths", 4),  # was a MemoryError traceback (35.8 GiB)
    (dict(backtest_paths=100_000_000), "backtest.n_paths", 5),
])
def test_too_many_paths_are_named_before_the_run(zone, tmp_path, paths, key, row):
    from forecasting.errors import InputError
    from forecasting.zones.compute import compute_zone_run
    from forecasting.zones.config import MAX_PATHS

    config = light_zone_config(tmp_path / "zz.yaml", "ZZ", str(zone / "ZZ.csv"), **paths)
    with pytest.raises(InputError) as raised:
        compute_zone_run(config)
    assert f"zz.yaml, row {row}, field '{key}'" in str(raised.value)
    assert f"less than or equal to {MAX_PATHS}" in str(raised.value)


@pytest.mark.parametrize("region", ['""', '"  "'])
def test_an_empty_region_is_named(zone, tmp_path, region):
    # region "" published a run with an empty region column and report title (D7)
    from forecasting.errors import InputError
    from forecasting.zones.compute import compute_zone_run

    config = light_zone_config(tmp_path / "zz.yaml", region, str(zone / "ZZ.csv"))
    with pytest.raises(InputError) as raised:
        compute_zone_run(config)
    assert "zz.yaml, row 1, field 'region'" in str(raised.value)
    assert "cannot be empty or blank" in str(raised.value)


@pytest.mark.parametrize(("lines", "where", "says"), [
    # each was refused on no line, or (a single year) as a missing key 'reference_years.1'
    (["end_year: 2026", "profile_year: 2030"], "row 5, field 'profile_year'",
     "profile_year 2030 is after end_year 2026"),
    (["reference_years: [2023, 2021]"], "row 4, field 'reference_years'",
     "[2023, 2021] is reversed"),
    (["reference_years: [2021]"], "row 4, field 'reference_years'",
     "two years, the first and the last"),
    (["scenarios: [vetted]"], "row 4, field 'scenarios'", "need large_loads"),
    (["large_loads: .", "scenarios: [vetted]"], "row 5, field 'scenarios'",
     "data_center must be 'decomposition'"),
])
def test_a_value_at_odds_with_another_is_named_at_its_line(zone, tmp_path, lines, where, says):
    line = refused(zone, tmp_path, *lines)
    assert f"zz.yaml, {where}" in line and says in line, line


def test_an_end_year_the_history_reaches_is_named_before_profile_year(zone, tmp_path):
    # the history ends 2023-12: end_year 2023 is the mistake. It was refused on profile_year
    # 2025 with 'set profile_year to 2023 or earlier', which then failed on end_year (11a D4)
    line = refused(zone, tmp_path, "end_year: 2023", "profile_year: 2025")
    assert "zz.yaml, row 4, field 'end_year'" in line, line
    assert "end_year 2023 is not a forecast year: the history's last complete month is " \
           "2023-12, so it must be 2024 or later" in line
    assert "profile_year" not in line


def test_a_default_profile_year_past_end_year_names_the_key_to_set(zone, tmp_path):
    line = refused(zone, tmp_path, "end_year: 2026")
    assert "field 'profile_year'" in line and ", row " not in line, line
    assert "profile_year 2030 is after end_year 2026" in line
    assert "2030 is its default, if the file does not set it" in line


def test_candidates_all_too_short_are_told_the_history_not_another_candidate(tmp_path):
    # min_train 12 is accepted, but every model needs 24 months: on 24 months of history the
    # origins 2022-12 and 2023-06 hold 12 and 18, and the advice was "name a candidate that
    # fits this history (e.g. seasonal_naive)", the candidate that had just failed (fuzz 11c D4)
    write_load(tmp_path / "ZZ.csv", hourly_load(700.0, "2022-01-01", "2023-12-31 23:00"))
    config = tmp_path / "zz.yaml"
    config.write_text(f"region: ZZ\nseries: [{tmp_path / 'ZZ.csv'}]\ndata_center: none\n"
                      "n_paths: 40\nbacktest:\n  peers: [seasonal_naive]\n"
                      "  candidates: [seasonal_naive, seasonal_trend]\n  n_paths: 20\n"
                      "  min_train: 12\n")
    done = run_cli("forecast", "--config", str(config), "--output-dir", str(tmp_path / "out"),
                   "--quiet")
    line = one_error_line(done)
    assert done.returncode == 2 and "field 'backtest.candidates'" in line, line
    assert "name a candidate" not in line and "e.g. seasonal_naive" not in line
    assert "need at least 24 months up to an origin (backtest.min_train 12" in line
    assert "first held at 2023-12, after this history's last origin 2023-06" in line
    assert "set backtest.first_origin to 2023-12 or later" in line
