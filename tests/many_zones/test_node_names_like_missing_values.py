"""Node names that pandas takes for missing values: a many-zone run whose top is named ``NA``
(or a zone ``NULL``, a region ``None``) reads its published tables back with those names, so
the report shows the top and its headline table by name (it showed "nan" and an empty
headline); and an empty or blank top name is refused in the config (it published a blank
region), naming the key."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.io.zone_config_file import load_many_zones_config
from forecasting.many_zones.assemble import ZONE_COLUMNS
from forecasting.report.many_zones_files import read_many_zones_run
from forecasting.report.many_zones_render import render_many_zones_report
from forecasting.runs.files import csv_text

NODES = [("NA", "top", None), ("None", "region", "NA"), ("NULL", "zone", "None")]


def publish(directory) -> None:
    zones = pd.DataFrame([{"region": n, "level": level, "parent": parent, "status": "ok",
                           "leaves": 1, "data_center": "trend"} for n, level, parent in NODES],
                         columns=ZONE_COLUMNS)
    forecast = pd.DataFrame([
        {"region": n, "scenario": "reference", "component": component, "period": period,
         "metric": metric, "mean": 10.0, "p05": 8.0, "p10": 9.0, "p50": 10.0, "p90": 11.0,
         "p95": 12.0}
        for n, _, _ in NODES for metric in ("energy_gwh", "peak_mw")
        for component in ("total", "data_center") for period in ("2025", "2030")])
    history = pd.DataFrame([{"region": n, "period": "2024", "energy_gwh": 9.0, "avg_mw": 1.0,
                             "peak_mw": 2.0} for n, _, _ in NODES])
    for name, table in (("zones.csv", zones), ("forecast.csv", forecast),
                        ("history.csv", history)):
        (directory / name).write_text(csv_text(table))
    (directory / "manifest.json").write_text(json.dumps(
        {"kind": "zones", "region": "NA", "run_id": "r1", "inputs": {}, "packages": {},
         "timings_s": {}}))


def test_names_like_missing_values_are_read_back_and_shown_by_name(tmp_path):
    publish(tmp_path)
    run = read_many_zones_run(tmp_path)
    assert list(run.zones["region"]) == ["NA", "None", "NULL"]
    assert run.zones["parent"].isna().tolist() == [True, False, False]  # only the top's
    assert list(run.zones["parent"][1:]) == ["NA", "None"]
    assert set(run.forecast["region"]) == set(run.history["region"]) == {"NA", "None", "NULL"}
    assert run.forecast["p50"].dtype.kind == "f"
    html = render_many_zones_report(run)
    assert "dcload zones report: NA" in html and ">nan<" not in html and "in nan" not in html
    assert "<h3>NULL <span" in html


@pytest.mark.parametrize("value", ["''", "'   '"])
def test_an_empty_or_blank_top_name_is_refused_naming_the_key(tmp_path, value):
    (tmp_path / "zones").mkdir()
    path = tmp_path / "cfg.yaml"
    path.write_text(f"series_dir: zones\nregion: {value}\n")
    with pytest.raises(InputError) as caught:
        load_many_zones_config(path)
    assert caught.value.field == "region" and "empty or blank" in caught.value.message
