"""A node whose data-center part was not estimated says so. Found by fuzzing: a many-zone run
with ``data_center: none`` (the shipped `pipelines/us_zones.yaml` default: the statistical
model on the whole load) published every node's data-center share as "0% (trend)" and a
"Data-center energy" of "0 [0-0]", from zeros no evidence gave. Now such a node's zones.csv
source is "not estimated" with an empty share, forecast.csv holds its total alone, and a
total some of whose zones were not estimated claims no share of its own. The synthetic runs
are the node results `assemble` takes (no pipeline run); one small real run checks that
``data_center: none`` is what marks a node as not estimated."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from forecasting.hierarchy.tree import build_hierarchy
from forecasting.many_zones.assemble import assemble
from forecasting.many_zones.compute import compute_many_zones
from forecasting.report.many_zones_files import ManyZonesFiles
from forecasting.report.many_zones_render import render_many_zones_report
from forecasting.report.run_dir_reading import read_table
from forecasting.runs.files import csv_text
from tests.many_zones.test_data_center_share_source import MANIFEST, ok


def run(estimated: dict[str, bool]):
    """TOP: BA AAA (AAA-N, AAA-S) and BA BBB (BBB-X); a node's data-center part estimated
    unless ``estimated`` says not (AAA-N, when estimated, by its 500 MW pipeline)."""
    h = build_hierarchy(["AAA-N", "AAA-S", "BBB-X"], "TOP")
    rng = np.random.default_rng(0)
    pipeline = 500.0 if estimated.get("AAA-N", True) else 0.0
    results = [ok("AAA-N", "zone", 1000.0, pipeline, rng), ok("AAA-S", "zone", 400.0, 0.0, rng),
               ok("BBB-X", "zone", 700.0, 0.0, rng), ok("AAA", "ba", 1400.0, 0.0, rng),
               ok("BBB", "ba", 700.0, 0.0, rng), ok("TOP", "top", 2100.0, 0.0, rng)]
    results = [replace(r, data_center_estimated=estimated.get(r.node, True)) for r in results]
    return assemble(h, results, "TOP")


def page(tmp_path, computed) -> str:
    """The report of ``computed`` with its zones.csv written and read back as published."""
    (tmp_path / "zones.csv").write_text(csv_text(computed.zones))
    zones = read_table(tmp_path / "zones.csv", labels=("period", "region", "parent"))
    files = ManyZonesFiles(directory=tmp_path, manifest=MANIFEST, forecast=computed.forecast,
                           zones=zones, history=None, coincidence=None, changes=None)
    return render_many_zones_report(files)


def components(forecast: pd.DataFrame, node: str) -> set[str]:
    return set(forecast.loc[forecast["region"] == node, "component"])


def test_no_zone_estimated_publishes_no_share_and_no_zero_data_center(tmp_path):
    none = run({"AAA-N": False, "AAA-S": False, "BBB-X": False})
    zones = none.zones.set_index("region")
    assert (zones["data_center"] == "not estimated").all()
    assert zones["data_center_share_2030"].isna().all()
    for node in zones.index:   # the total alone: no zero data-center rows, no base = total
        assert components(none.forecast, node) == {"total"}
    html = page(tmp_path, none)
    assert "Data-center energy, GWh" not in html
    assert "0 [0-0]" not in html and "% (trend)" not in html
    assert html.count(">not estimated</td>") == len(zones)


def test_a_total_with_zones_not_estimated_claims_no_share(tmp_path):
    mixed = run({"AAA-S": False})
    zones = mixed.zones.set_index("region")
    assert zones.loc["AAA-S", "data_center"] == "not estimated"
    assert zones.loc["AAA", "data_center"] == \
        "not estimated in 1 of its 2 zones; large-load pipeline in 1"
    assert zones.loc["TOP", "data_center"] == \
        "not estimated in 1 of its 3 zones; trend in 1, large-load pipeline in 1"
    for node in ("AAA-S", "AAA", "TOP"):
        assert np.isnan(zones.loc[node, "data_center_share_2030"]), node
        assert components(mixed.forecast, node) == {"total"}, node
    # the zones that were estimated keep their figures, as before
    assert zones.loc["AAA-N", "data_center"] == "large-load pipeline"
    assert zones.loc["AAA-N", "data_center_share_2030"] > 0.2
    assert zones.loc["BBB", "data_center"] == "trend"
    assert components(mixed.forecast, "AAA-N") == {"total", "base", "data_center"}
    # a total's energy is still every zone's, not only the estimated ones'
    table = mixed.forecast
    energy = table[(table["metric"] == "energy_gwh") & (table["component"] == "total")
                   & (table["period"] == "2030")].set_index("region")["mean"]
    assert energy["TOP"] == pytest.approx(energy[["AAA-N", "AAA-S", "BBB-X"]].sum())
    html = page(tmp_path, mixed)
    assert "Data-center energy, GWh" in html   # some nodes estimated it
    # the mixed total's cell says whose data centers it holds (zones.csv keeps the count:
    # above; the sentence is test_mixed_total_data_centers's)
    assert "only; the other zone&#39;s not estimated" in html
    assert "<td>not estimated</td>" in html    # AAA-S's, TOP's data-center energy cells


def test_a_run_with_data_center_none_publishes_its_totals_alone(tmp_path):
    """Two real zones of one BA through the many-zone run (a few seconds: few paths, one
    cheap model, one backtest origin): ``data_center: none`` is not a 0% share."""
    hours = pd.date_range("2020-01-01", "2023-12-31 23:00", freq="h")
    step = np.arange(len(hours))
    (tmp_path / "zones").mkdir()
    for zone, mw in (("XX-A", 1000.0), ("XX-B", 600.0)):
        load = mw * (1 + 0.2 * np.sin(step * 2 * np.pi / 24)
                     + 0.15 * np.cos(step * 2 * np.pi / 8766))
        pd.DataFrame({"when": hours.strftime("%Y-%m-%d %H:%M:%S"), "mw": load.round(1)}) \
            .to_csv(tmp_path / "zones" / f"{zone}.csv", index=False)
    config = tmp_path / "zones.yaml"
    config.write_text("\n".join([
        "region: TOP", "series_dir: zones", "zone:", "  data_center: none",
        "  end_year: 2030", "  profile_year: 2030", "  n_paths: 20",
        "  backtest: {first_origin: \"2022-12\", step: 12, candidates: [seasonal_naive],",
        "             peers: [seasonal_naive], n_paths: 20}"]) + "\n")
    computed = compute_many_zones(config).run
    zones = computed.zones.set_index("region")
    assert list(zones["status"]) == ["ok"] * len(zones) and len(zones) >= 3
    assert (zones["data_center"] == "not estimated").all()
    assert zones["energy_gwh_2030_p50"].notna().all()   # a 2030 forecast, with no share
    assert zones["data_center_share_2030"].isna().all()
    assert set(computed.forecast["component"]) == {"total"}
