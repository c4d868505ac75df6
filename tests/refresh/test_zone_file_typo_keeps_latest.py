"""A many-zone refresh after one load was typed negative in one zone file: one error line
naming the file, row and field, exit 2, `latest` and the registry's last good run untouched.
It had published (exit 4) totals without that zone under their usual names, recorded the run
`succeeded` without a word, and later refreshes said "up to date" until the file was fixed
(fuzz 7b #3). A zone too short to model still fails alone: the run is published, exit 4, and
its registry row says how many zones failed rather than look like a plain success."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.many_zones.test_zone_file_mistake import set_load, short_file
from tests.refresh.conftest import latest_id, registry_rows, run_dcload
from tests.zones.synthetic import hourly_load, write_load

SMALL = ["  n_paths: 40",
         "  backtest: {candidates: [seasonal_naive], peers: [seasonal_naive], n_paths: 20}"]


def zone_folder(tmp_path):
    """Two zones of one BA and a fast config; the config's path."""
    folder = tmp_path / "z"
    folder.mkdir()
    write_load(folder / "XX-A.csv", hourly_load(1000.0))
    write_load(folder / "XX-B.csv", hourly_load(700.0))
    config = tmp_path / "zones.yaml"
    config.write_text("\n".join(["region: US48", "series_dir: z", "zone:", *SMALL]) + "\n")
    return config


def refresh(config, store, *extra: str):
    return run_dcload("refresh", "--config", str(config), "--store", str(store),
                      "--workers", "1", *extra, timeout=300)


@pytest.mark.slow  # three refreshes, about 27 s
def test_a_typo_in_one_zone_file_is_exit_2_and_keeps_latest(tmp_path):
    config, store = zone_folder(tmp_path), tmp_path / "store"
    first = refresh(config, store)
    assert first.returncode == 0, first.stderr
    good, published = latest_id(store), (store / "latest" / "forecast.csv").read_bytes()
    set_load(tmp_path / "z" / "XX-B.csv", 6000, "-50")
    for _ in range(2):  # and again: not "up to date" with a run that never was published
        done = refresh(config, store, "--quiet")
        assert done.returncode == 2, done.stderr
        [line] = done.stderr.splitlines()
        assert line.endswith(f"error: {tmp_path / 'z' / 'XX-B.csv'}, row 6000, field 'mw': "
                             "negative load: '-50'"), line
        assert latest_id(store) == good
        assert (store / "latest" / "forecast.csv").read_bytes() == published
        last = registry_rows(store)[-1]
        assert last["status"] == "failed" and "XX-B.csv, row 6000" in last["error"]
    assert [r["id"] for r in registry_rows(store) if r["status"] == "succeeded"] == [good]


def test_a_zone_too_short_to_model_still_publishes_and_says_so_in_the_registry(tmp_path):
    config, store = zone_folder(tmp_path), tmp_path / "store"
    short_file(tmp_path / "z" / "XX-C.csv")
    done = refresh(config, store)
    assert done.returncode == 4, done.stderr
    zones = pd.read_csv(store / "latest" / "zones.csv").set_index("region")
    assert zones.loc["XX-C", "status"] == "failed" and zones.loc["XX-A", "status"] == "ok"
    [row] = registry_rows(store)
    assert row["status"] == "succeeded" and row["id"] == latest_id(store)
    assert row["note"] == "1 zone(s) or total(s) failed (XX-C); the others are published"
    listed = run_dcload("runs", "list", "--store", str(store))
    assert "1 zone(s) or total(s) failed (XX-C)" in listed.stdout, listed.stdout
