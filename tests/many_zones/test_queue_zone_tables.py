"""A many-zone run publishes its queue zones' large-load tables and its report names each
queue. Found by fuzzing (10a D3): a zone with a large-load queue published only its forecast
rows and data-center share; no pipeline.csv, large_load_contracts.csv,
large_load_assumptions.csv or decomposition.csv as its zone run writes, and the report never
said "queue", "contract" or the stage names, nor that a contract dated inside the history
was taken as already in the measured load. Now each such table is published with a
``region`` column, the zone's rows the very text its zone run writes (same settings, same
seed), and the report has a section per queue zone with the zone report's stage table and
sentences."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from forecasting.many_zones.node_task import node_seed
from forecasting.report.many_zones_files import ManyZonesFiles, with_names_as_written
from forecasting.report.many_zones_render import render_many_zones_report
from forecasting.report.run_dir_reading import read_table
from tests.many_zones.test_data_center_share_source import MANIFEST

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared" / "data" / "eia930_2020_2024" / "zones"
ZONE = "ACME-NORTH"
SETTINGS = ["  end_year: 2030", "  profile_year: 2030", "  n_paths: 30",
            "  timezone: America/New_York",
            "  backtest: {horizon: 12, first_origin: \"2023-12\", step: 6,",
            "             candidates: [seasonal_naive], peers: [seasonal_naive], n_paths: 20}"]
pytestmark = pytest.mark.filterwarnings("ignore::forecasting.errors.InputWarning")
TABLES = ("pipeline.csv", "large_load_contracts.csv", "large_load_assumptions.csv",
          "decomposition.csv")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """(the many-zone run's files, name -> text; its zone's own run's files likewise)."""
    if not (SHARED / "FMPP.csv").is_file() or not (SHARED / "GVL.csv").is_file():
        pytest.skip("the EIA-930 zone files in ../shared are absent")
    from forecasting.many_zones.compute import compute_many_zones
    from forecasting.many_zones.tables import many_zones_tables
    from forecasting.zones.compute import compute_zone_run
    from forecasting.zones.tables import zone_tables

    ws = tmp_path_factory.mktemp("queue_tables")
    (ws / "zones").mkdir()
    shutil.copy(SHARED / "FMPP.csv", ws / "zones" / f"{ZONE}.csv")
    shutil.copy(SHARED / "GVL.csv", ws / "zones" / "ACME-SOUTH.csv")
    large = ws / "large" / "acme_north"
    large.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "zones" / "pjm_dom" / "assumptions.csv", large)
    # the ESA in service inside the history: the zone run's note says how it was taken
    (large / "contracts.csv").write_text(
        "project,stage,contracted_mw,as_of,earliest_in_service,source,confidence\n"
        "acme-esa-1,ESA,300,2023-06,2023-07,test contract,F\n"
        "acme-cloa-1,CLOA,2000,2024-12,2026-01,test contract,F\n")
    many = ws / "many.yaml"
    many.write_text("\n".join(["region: TOP", "series_dir: zones", "large_loads_dir: large",
                               "zone:", "  data_center: none", *SETTINGS]) + "\n")
    one = ws / "one.yaml"   # the zone alone, as the many-zone run runs it
    one.write_text("\n".join([
        f"region: {ZONE}", f"series: [{ws / 'zones' / (ZONE + '.csv')}]",
        f"large_loads: {large}", "data_center: decomposition", "scenarios: [vetted]",
        f"seed: {node_seed(0, ZONE)}", *[line[2:] for line in SETTINGS]]) + "\n")
    return many_zones_tables(compute_many_zones(many)), zone_tables(compute_zone_run(one))


def rows_of(text: str, zone: str) -> str:
    """The CSV ``text`` of a many-zone table as the zone's own run writes it: its rows
    alone, without the ``region`` column, pipeline.csv's scenario the zone run's."""
    table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    mine = table[table["region"] == zone].drop(columns="region")
    if "scenario" in mine:
        mine = mine.assign(scenario="vetted")
    out = io.StringIO()
    mine.to_csv(out, index=False, lineterminator="\n")
    return out.getvalue()


def test_a_queue_zones_tables_are_its_zone_runs(runs):
    many, own = runs
    for name in TABLES:
        assert name in many, name
        assert rows_of(many[name], ZONE) == rows_of_own(own[name]), name
    # the contract in service inside the history: its note, as the zone run explains it
    assert "in service inside the history" in many["pipeline.csv"]
    # ACME-SOUTH has no queue and no data-center estimate: none of its rows
    for name in TABLES:
        assert "ACME-SOUTH" not in many[name], name


def rows_of_own(text: str) -> str:
    """A zone run's table read and written as `rows_of` writes the many-zone one's."""
    table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    out = io.StringIO()
    table.to_csv(out, index=False, lineterminator="\n")
    return out.getvalue()


def test_the_report_has_a_section_per_queue_zone(runs, tmp_path):
    many, own = runs
    for name, text in many.items():
        (tmp_path / name).write_text(text)

    def read(name: str) -> pd.DataFrame:
        table = read_table(tmp_path / name, labels=("period", "region", "parent"))
        return with_names_as_written(table, tmp_path / name)

    reconciliation = json.loads(many["reconciliation.json"])
    files = ManyZonesFiles(directory=tmp_path,
                           manifest={**MANIFEST, "reconciliation": reconciliation},
                           forecast=read("forecast.csv"), zones=read("zones.csv"),
                           history=read("history.csv"), coincidence=None, changes=None,
                           pipeline=read("pipeline.csv"))
    html = render_many_zones_report(files)
    section = html[html.index('<section id="large-loads">'):html.index('<section id="failed">')]
    added = reconciliation["large_load_added"][ZONE]
    assert f"<h3>{ZONE}</h3>" in section
    assert ("2 contracts (ESA 1: 300 MW; CLOA 1: 2,000 MW), 2,300 MW contracted. New load its "
            "pipeline adds in 2030, average MW: ") in section
    assert f"{added['avg_mw_p50']:,.0f} [" in section or f"{added['avg_mw_p50']:.1f} [" in section
    # the zone report's stage table and sentences: the in-history decision, the carried level
    pipeline = pd.read_csv(io.StringIO(many["pipeline.csv"]))
    level = pipeline.loc[pipeline["region"] == ZONE, "existing_level_mw"].iloc[0]
    assert "in service inside the history: the contracts so dated reach" in section
    assert f"carry the existing data-center load at {level:,.0f} MW" in section
    assert "Expected MW = contracted MW x realization x utilization" in section
    assert "ACME-SOUTH" not in section
