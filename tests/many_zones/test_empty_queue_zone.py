"""A zone whose queue holds no contracts (``contracts.csv`` with its header only) runs in a
many-zone run, with its existing data-center load and no pipeline load, and counts in every
total above it; one warning line says so. It had failed the zone (exit 4) and dropped its
whole load from its totals (fuzz 10a D5: ERCO 2030 P50 34,246 -> 16,082 GWh)."""

from __future__ import annotations

import io
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from forecasting.errors import InputWarning
from forecasting.many_zones.compute import compute_many_zones
from forecasting.many_zones.tables import many_zones_tables
from forecasting.report.many_zones_files import ManyZonesFiles
from forecasting.report.many_zones_queues import queue_entries
from forecasting.report.many_zones_render import render_many_zones_report
from forecasting.report.number_format import figure
from tests.many_zones.test_data_center_share_source import MANIFEST
from tests.zones.synthetic import hourly_load, write_load

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "zones" / "pjm_dom"
HEADER = "project,stage,contracted_mw,as_of,earliest_in_service,source,confidence\n"


def test_a_zone_with_an_empty_queue_is_published_and_counted_in_its_totals(tmp_path):
    (tmp_path / "z").mkdir()
    write_load(tmp_path / "z" / "XX-A.csv", hourly_load(700.0))
    write_load(tmp_path / "z" / "XX-B.csv", hourly_load(400.0))
    queue = tmp_path / "ll" / "xx_a"
    queue.mkdir(parents=True)
    shutil.copy(SHIPPED / "assumptions.csv", queue / "assumptions.csv")
    (queue / "contracts.csv").write_text(HEADER)
    (tmp_path / "zones.yaml").write_text("\n".join([
        "region: US48", "series_dir: z", "large_loads_dir: ll", "zone:", "  end_year: 2026",
        "  profile_year: 2026", "  n_paths: 20",
        "  backtest: {candidates: [seasonal_naive], peers: [seasonal_naive], n_paths: 10}",
    ]) + "\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        computed = compute_many_zones(tmp_path / "zones.yaml")
    line = (f"XX-A: {queue}/contracts.csv: no contracts; the pipeline scenarios add no new "
            "load to the existing data-center load")
    assert computed.warnings == (line,)
    assert [str(w.message) for w in caught if w.category is InputWarning] == [line]
    run = computed.run
    assert run.failed == []
    energy = run.forecast.query("metric == 'energy_gwh' and component == 'total' "
                                "and period == '2026'").set_index("region")["mean"]
    assert {"XX-A", "XX-B", "XX", "US48"} <= set(energy.index)
    assert np.isclose(energy["XX"], energy["XX-A"] + energy["XX-B"], rtol=1e-6)
    assert np.isclose(energy["US48"], energy["XX"], rtol=1e-6)

    # the report's queue section lists it with the level it carries, from pipeline.csv's
    # stage-less row (it had no row there and no entry: fuzz 11c D2)
    tables = many_zones_tables(computed)
    pipeline = pd.read_csv(io.StringIO(tables["pipeline.csv"]))
    mine = pipeline[pipeline["region"] == "XX-A"]
    assert len(mine) == 1 and mine["stage"].isna().all() and (mine["projects"] == 0).all()
    level, half = mine["existing_level_mw"].iloc[0], mine["existing_half_width_mw"].iloc[0]
    [entry] = queue_entries(pipeline, {})
    assert entry["zone"] == "XX-A" and entry["rows"] is None
    assert entry["summary"].startswith("No contracts")
    said = (f"existing data-center level it carries, {figure(level)} MW (+/- {figure(half)} "
            f"MW) in {mine['existing_level_month'].iloc[0]}, no new load.")
    assert said in entry["summary"]
    # the report renders the entry without a stage table
    read = {name: pd.read_csv(io.StringIO(tables[name]), dtype={"period": str})
            for name in ("forecast.csv", "zones.csv", "history.csv")}
    page = render_many_zones_report(ManyZonesFiles(
        directory=tmp_path, manifest=MANIFEST, forecast=read["forecast.csv"],
        zones=read["zones.csv"], history=read["history.csv"], coincidence=None,
        changes=None, pipeline=pipeline))
    section = page[page.index('<section id="large-loads">'):page.index('<section id="failed">')]
    assert "<h3>XX-A</h3>" in section and said in section
    assert "Pipeline by stage" not in section
