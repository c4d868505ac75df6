"""Zone config mistakes about models and years are one line naming the config file and key,
exit 2, with nothing published: an unknown candidate (was a KeyError traceback), a
profile_year after end_year (was an unreadable profile.csv named in the staging folder) and an
end_year the history already reaches (was a crash inside statsforecast)."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.zones.synthetic import write_load
from tests.zones.test_incomplete_months import load

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def zone_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("zone") / "XX.csv"
    write_load(path, load())
    return path


@pytest.mark.parametrize(("lines", "key", "words"), [
    (["backtest: {candidates: [auto_ets, bogus]}"], "backtest.candidates",
     "unknown model 'bogus' (known: "),
    (["end_year: 2029"], "", "profile_year 2030 is after end_year 2029"),
    (["end_year: 2024", "profile_year: 2024"], "end_year",
     "end_year 2024 is not a forecast year: the history's last complete month is 2024-12, so "
     "it must be 2025 or later"),
])
def test_a_config_year_or_model_mistake_is_one_line(tmp_path, zone_file, lines, key, words):
    config = tmp_path / "zone.yaml"
    config.write_text("\n".join(["region: XX", f"series: [{zone_file}]", "data_center: none",
                                 "n_paths: 40", *lines]) + "\n")
    done = run_cli("forecast", "--config", str(config), "--output-dir",
                   str(tmp_path / "out" / "latest"), "--quiet")
    assert done.returncode == 2, done.stderr
    lines_out = done.stderr.strip().splitlines()
    assert len(lines_out) == 1 and "Traceback" not in done.stderr
    assert lines_out[0].startswith(f"error: {config}") and words in lines_out[0]
    if key:
        assert f"field '{key}'" in lines_out[0]
    assert not (tmp_path / "out" / "latest").exists()


def test_an_end_year_the_history_ends_inside_is_one_line(tmp_path):
    # the files end 2024-03-20: 2024 is a forecast year, but not a whole one, and the annual
    # rows need one (was a traceback: 'need at least one array to stack')
    zone_file = tmp_path / "XX.csv"
    series = load()
    write_load(zone_file, series[series.index < "2024-03-20"])
    config = tmp_path / "zone.yaml"
    config.write_text("\n".join(["region: XX", f"series: [{zone_file}]", "data_center: none",
                                 "n_paths: 40", "end_year: 2024", "profile_year: 2024"]) + "\n")
    done = run_cli("forecast", "--config", str(config), "--output-dir",
                   str(tmp_path / "out" / "latest"), "--quiet")
    assert done.returncode == 2, done.stderr
    lines_out = done.stderr.strip().splitlines()
    assert len(lines_out) == 1 and "Traceback" not in done.stderr
    assert ("field 'end_year'" in lines_out[0] and "end_year 2024 leaves no whole forecast "
            "year: the history's last complete month is 2024-02, so it must be 2025 or later"
            in lines_out[0])
    assert not (tmp_path / "out" / "latest").exists()
