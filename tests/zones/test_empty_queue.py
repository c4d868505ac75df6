"""A queue with no contracts (``contracts.csv`` with its header only: everything connected or
withdrawn) is a state a queue can be in: the zone runs with its existing data-center load
carried and no pipeline load added, and one warning line says so. It had been refused,
exit 2, "contracts.csv: no contracts" (fuzz 10a D5)."""

from __future__ import annotations

import html
import shutil

import pandas as pd
import pytest

from forecasting.errors import InputWarning
from forecasting.zones.compute import compute_zone_run
from tests.conftest import run_cli
from tests.zones.test_zone_cli import LARGE, write_zone

HEADER = "project,stage,contracted_mw,as_of,earliest_in_service,source,confidence\n"


def queue(folder, contracts: str):
    folder.mkdir()
    shutil.copy(LARGE / "assumptions.csv", folder / "assumptions.csv")
    (folder / "contracts.csv").write_text(HEADER + contracts)
    return folder


def zone(ws, series: str, contracts: str):
    ws.mkdir()
    return write_zone(ws, series, queue(ws / "large", contracts), end_year=2027)


def test_an_empty_queue_runs_the_zone_and_says_so_once(tmp_path, dom_files):
    out = tmp_path / "store" / "latest"
    done = run_cli("forecast", "--config", str(zone(tmp_path / "q", dom_files[2], "")),
                   "--output-dir", str(out))
    assert done.returncode == 0, done.stderr
    warned = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert warned == [f"warning: {tmp_path}/q/large/contracts.csv: no contracts; the "
                      "pipeline scenarios add no new load to the existing data-center load"]
    assert (out / "large_load_contracts.csv").read_text() == HEADER
    page = html.unescape((out / "index.html").read_text())
    assert "large-load queue holds no contracts" in page and "no large-load data" not in page
    # the level the scenarios carry is published and said (pipeline.csv had its header only
    # and the sentence no MW: fuzz 11c D2): one row a scenario, no stage, no new load
    pipeline = pd.read_csv(out / "pipeline.csv")
    assert len(pipeline) == len(set(pipeline["scenario"])) >= 1
    assert pipeline["stage"].isna().all() and (pipeline["projects"] == 0).all()
    assert (pipeline["expected_mw"] == 0).all()
    row = pipeline.iloc[0]
    assert row["existing_level_mw"] > 0 and row["existing_level_month"] == "2024-12"
    assert (f"carry the existing data-center load the history ends on, "
            f"{row['existing_level_mw']:,.0f} MW (+/- {row['existing_half_width_mw']:,.0f} MW, "
            "its 90% interval) in 2024-12") in page
    assert 'id="existing-level"' not in page  # no stage table


def test_an_empty_queue_adds_no_load_to_the_existing_data_center_load(tmp_path, dom_files):
    with pytest.warns(InputWarning, match="no contracts"):
        empty = compute_zone_run(zone(tmp_path / "empty", dom_files[2], ""))
    # a queue whose one contract comes after the run: the existing load carried, nothing added
    late = compute_zone_run(zone(tmp_path / "late", dom_files[2],
                                 "far,ESA,900,2024-12,2040-01,test,F\n"))
    vetted = empty.run.forecast.query("scenario == 'vetted'")
    dc = vetted.query("component == 'data_center' and metric == 'energy_gwh'")
    assert dc["p50"].max() > 0   # DOM's existing data-center load, carried
    assert vetted.equals(late.run.forecast.query("scenario == 'vetted'"))
