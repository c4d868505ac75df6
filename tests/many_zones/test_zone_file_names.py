"""A many-zone run names each zone after its file without the data suffixes: gzip-compressed
files (``pattern: "*.csv.gz"``) are zones TAL and HST under their BA's region and on its clock,
not ``TAL.csv`` under "(region unknown)"; two files naming one zone are one line, exit 2."""

from __future__ import annotations

import gzip
import html
import json

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.many_zones.plan import hierarchy_of, leaf_tasks, zone_files
from forecasting.zones.config import ManyZonesConfig
from tests.conftest import run_cli

TABLE = """SOURCE: a test table
Code,Name,Time Zone,Region
TAL,City of Tallahassee,Eastern,FLA
HST,City of Homestead,Eastern,FLA
"""


def gz_zone(path, level: float, start: str = "2022-07-01") -> None:
    hours = pd.date_range(start, "2024-12-31 23:00", freq="h")
    t = np.arange(len(hours))
    load = level * (1 + 0.2 * np.sin(2 * np.pi * t / 24)
                    + 0.15 * np.cos(2 * np.pi * hours.dayofyear.to_numpy() / 365.25))
    text = pd.DataFrame({"when": hours.strftime("%Y-%m-%d %H:%M:%S"),
                         "mw": load.round(1)}).to_csv(index=False)
    with gzip.open(path, "wt") as handle:
        handle.write(text)


def test_gzip_zone_files_are_named_without_csv_gz_and_find_their_region_and_clock(tmp_path):
    folder = tmp_path / "z"
    folder.mkdir()
    for zone in ("TAL", "HST"):
        (folder / f"{zone}.csv.gz").write_bytes(b"")
    (tmp_path / "bas.csv").write_text(TABLE)
    config = ManyZonesConfig(series_dir=str(folder), pattern="*.csv.gz",
                             regions=str(tmp_path / "bas.csv"))
    files = zone_files(config)
    assert list(files) == ["HST", "TAL"]
    hierarchy = hierarchy_of(config, files)
    assert hierarchy.children("FLA") == ["HST", "TAL"]
    assert "(region unknown)" not in hierarchy.nodes
    clocks = {t.node: t.settings.timezone for t in leaf_tasks(config, hierarchy, files)}
    assert clocks == {"HST": "America/New_York", "TAL": "America/New_York"}


@pytest.mark.parametrize("names", [("TAL.csv", "TAL.csv.gz"), ("TAL.csv.gz", "TAL.parquet")])
def test_two_files_naming_one_zone_are_an_input_error_naming_both(tmp_path, names):
    folder = tmp_path / "z"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(b"")
    with pytest.raises(InputError) as raised:
        zone_files(ManyZonesConfig(series_dir=str(folder), pattern="TAL.*"))
    assert all(f"'{name}'" in str(raised.value) for name in names)
    assert "both name zone 'TAL'" in str(raised.value)


@pytest.mark.slow
def test_a_run_over_csv_and_csv_gz_of_one_zone_exits_2_in_one_line(tmp_path):
    folder = tmp_path / "z"
    folder.mkdir()
    gz_zone(folder / "TAL.csv.gz", 300.0)
    with gzip.open(folder / "TAL.csv.gz", "rt") as handle:
        (folder / "TAL.csv").write_text(handle.read())
    (tmp_path / "zones.yaml").write_text('region: US48\nseries_dir: z\npattern: "TAL.csv*"\n')
    out = tmp_path / "out" / "latest"
    done = run_cli("forecast", "--config", str(tmp_path / "zones.yaml"), "--output-dir",
                   str(out), "--workers", "1", "--quiet")
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "'TAL.csv'" in lines[0] and "'TAL.csv.gz'" in lines[0] and "z" in lines[0]
    assert not out.exists()


@pytest.mark.slow
def test_a_run_over_csv_gz_zones_publishes_them_by_name_under_their_region(tmp_path):
    folder = tmp_path / "z"
    folder.mkdir()
    gz_zone(folder / "TAL.csv.gz", 300.0)
    gz_zone(folder / "HST.csv.gz", 120.0)
    (folder / "OLD.csv").write_text("time,mw\n")   # a load file the pattern leaves out
    (tmp_path / "bas.csv").write_text(TABLE)
    (tmp_path / "zones.yaml").write_text("\n".join([
        "region: US48", "series_dir: z", 'pattern: "*.csv.gz"', "regions: bas.csv",
        "zone:", "  n_paths: 20",
        "  backtest: {candidates: [seasonal_naive], peers: [seasonal_naive], n_paths: 10}",
    ]) + "\n")
    out = tmp_path / "out" / "latest"
    done = run_cli("forecast", "--config", str(tmp_path / "zones.yaml"), "--output-dir",
                   str(out), "--workers", "1", "--quiet")
    assert done.returncode == 0, done.stderr
    zones = pd.read_csv(out / "zones.csv").set_index("region")
    assert zones.loc["TAL", "parent"] == zones.loc["HST", "parent"] == "FLA"
    assert not any("csv" in str(r) or "unknown" in str(r) for r in zones.index)
    assert set(pd.read_csv(out / "forecast.csv")["region"]) == {"TAL", "HST", "FLA", "US48"}
    # the run's warning is on the page too, not only on stderr (fuzz 10a D2: a seasonal
    # data-center warning had no word in the many-zone report)
    [warned] = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert "leaves out 1 load file(s)" in warned and "OLD.csv" in warned
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["warnings"] == [warned.removeprefix("warning: ")]
    page = (out / "index.html").read_text()
    section = page[page.index('id="run-warnings"'):]
    assert manifest["warnings"][0] in html.unescape(section[:2000])
