"""An hourly zone file with one mistyped year (row 20001's 2022 written 2203) is refused in
one line naming the file, the row and the date column, exit 2, by `zones init`, `forecast`
and `backtest --series` alike (`forecasting.series.sampling`, a stray date). It had been
refused only by the zone's window, as a zone with "no complete month after 2024-12 although
the history runs to 2203-10: the zone's evidence stops there", naming no row (fuzz 14 D2).
A real EIA-930 zone file, which stamps every hour, is still read."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.zones.conftest import SHARED
from tests.zones.synthetic import hourly_load, light_zone_config, write_load
from tests.zones.test_zone_file_checks_cli import one_line

pytestmark = pytest.mark.slow

ROW = 20001


@pytest.fixture
def typo_file(tmp_path):
    """Four years of hours with data row `ROW`'s year typed 2203 for its own."""
    path = tmp_path / "TYPO.csv"
    write_load(path, hourly_load(900.0))
    lines = path.read_text().splitlines()
    year = lines[ROW][:4]
    lines[ROW] = "2203" + lines[ROW][4:]  # lines[0] is the header
    path.write_text("\n".join(lines) + "\n")
    return path, year


def says_the_row(line: str, path) -> None:
    assert f"{path.name}, row {ROW}, field 'when'" in line, line
    assert "2203-" in line and "mistyped year" in line, line
    assert "evidence stops" not in line


def test_zones_init_names_the_row(typo_file, tmp_path):
    path, year = typo_file
    assert year == "2023"  # the typo is inside the history, not at its end
    out = tmp_path / "typo.yaml"
    says_the_row(one_line(run_cli("zones", "init", "TYPO", "--series", str(path),
                                  "--out", str(out))), path)
    assert not out.exists()


def test_forecast_names_the_row(typo_file, tmp_path):
    path, _ = typo_file
    config = light_zone_config(tmp_path / "typo.yaml", "TYPO", path.name)
    out = tmp_path / "out" / "latest"
    says_the_row(one_line(run_cli("forecast", "--config", str(config), "--output-dir",
                                  str(out), "--quiet")), path)
    assert not out.exists()


def test_backtest_of_the_series_names_the_row(typo_file, tmp_path):
    path, _ = typo_file
    out = tmp_path / "bt.csv"
    says_the_row(one_line(run_cli("backtest", "--series", str(path), "--out", str(out),
                                  "--horizon", "12")), path)
    assert not out.exists()


def test_a_real_zone_file_is_still_read(tmp_path):
    real = SHARED / "eia930_2020_2024" / "zones" / "AZPS.csv"
    if not real.exists():
        pytest.skip("the EIA-930 zone files in ../shared are absent")
    out = tmp_path / "azps.yaml"
    done = run_cli("zones", "init", "AZPS", "--series", str(real), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "# History: 2020-" in out.read_text()
