"""`zones init` takes what a zone run can forecast: 29 months (24 to fit, five to score) make a
config that runs, with every month an origin and a word that the evidence is thin, where it
used to refuse anything under 36 months; 24 months are refused, naming what a zone needs."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.zones.test_short_history_cli import two_years

pytestmark = pytest.mark.slow


def test_twenty_nine_months_make_a_config_that_runs(tmp_path):
    two_years(tmp_path / "XX.csv", 900.0, start="2022-08-01")
    config = tmp_path / "xx.yaml"
    done = run_cli("zones", "init", "XX", "--series", str(tmp_path / "XX.csv"), "--out",
                   str(config))
    assert done.returncode == 0, done.stderr
    text = config.read_text()
    assert "# Only 29 months: the backtest has 5 month(s) of origins" in text
    assert "  step: 1" in text and 'first_origin: "2024-07"' in text
    text = text.replace("n_paths: 1000", "n_paths: 40").replace("n_paths: 200", "n_paths: 20")
    # one cheap peer: Prophet's default optimizer (Newton under 100 points) takes a minute on
    # this smooth synthetic load, and the peers do not change what is published
    config.write_text(text + "  peers: [seasonal_naive]\n")
    done = run_cli("forecast", "--config", str(config), "--output-dir",
                   str(tmp_path / "out" / "latest"), "--quiet")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "latest" / "forecast.csv").is_file()


def test_twenty_four_months_are_refused_saying_what_a_zone_needs(tmp_path):
    two_years(tmp_path / "XX.csv", 900.0)
    done = run_cli("zones", "init", "XX", "--series", str(tmp_path / "XX.csv"), "--out",
                   str(tmp_path / "xx.yaml"))
    assert done.returncode == 2
    line, = done.stderr.strip().splitlines()
    assert "only 24 complete months to model (2023-01..2024-12, the whole history); a zone " \
           "needs at least 25 in a row up to the last (24 to fit, one to score)" in line
    assert not (tmp_path / "xx.yaml").exists()
