"""A zone run writes the band calibration its forecast applied to calibration.csv (one row per
monthly horizon of its decision) and the report's sentence on the bands says what that table
holds; a run published before the table existed is still reported, from its backtest rows.
In process: a light synthetic zone run written as its files, read back and rendered."""

import json
import re

import numpy as np
import pandas as pd
import pytest

import forecasting.zones.run as zone_run
from forecasting.errors import InputError
from forecasting.report.zone_files import read_zone_run
from forecasting.report.zone_render import read_calibration, render_zone_report
from forecasting.zones.calibration_table import CALIBRATION_COLUMNS
from forecasting.zones.compute import compute_zone_run
from forecasting.zones.tables import zone_tables
from tests.zones.synthetic import hourly_load, write_load


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """(run directory, the calibration of the run's own monthly energy decision): 57 months
    of noisy load, origins three months apart, seasonal naive as the only candidate."""
    ws = tmp_path_factory.mktemp("calibration")
    load = hourly_load(1000.0, "2020-01-01", "2024-09-30 23:00")
    write_load(ws / "load.csv", load * np.random.default_rng(1).lognormal(0.0, 0.05, len(load)))
    (ws / "zone.yaml").write_text("\n".join([
        "region: SYN", f"series: [{ws / 'load.csv'}]", "data_center: none", "end_year: 2026",
        "profile_year: 2026", "n_paths: 20",
        "backtest: {candidates: [seasonal_naive], peers: [seasonal_naive], n_paths: 20, "
        "step: 3}"]) + "\n")
    seen = {}
    original = zone_run._load_backtest

    def spy(history, settings):
        out = original(history, settings)
        seen["calibration"] = out[2].decision.calibration
        return out

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(zone_run, "_load_backtest", spy)
        computed = compute_zone_run(ws / "zone.yaml")
    out = ws / "run"
    out.mkdir()
    for name, text in zone_tables(computed).items():
        (out / name).write_text(text)
    manifest = {"run_id": "test", "kind": "zone", "region": "SYN", "draws": 20, "seed": 0,
                "started_utc": "-", "python": "-", "inputs": {}, "packages": {},
                "timings_s": {}, "config": computed.config.model_dump(mode="json")}
    (out / "manifest.json").write_text(json.dumps(manifest))
    return out, seen["calibration"]


def bands_note(html: str) -> tuple[dict, str]:
    """(the note's data attributes, its text)."""
    match = re.search(r'<span id="bands-note"([^>]*)>(.*?)</span>', html, re.S)
    assert match
    attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))
    return attributes, " ".join(re.sub(r"<[^>]+>", "", match.group(2)).split())


def test_the_table_holds_the_runs_calibration_and_the_report_says_what_it_holds(published):
    out, calibration = published
    table = pd.read_csv(out / "calibration.csv")
    assert list(table.columns) == CALIBRATION_COLUMNS
    # one row per horizon of the decision: the 36 months the backtest's paths span
    assert table["horizon"].tolist() == list(range(1, 37))
    for row in table.itertuples():
        assert row.n_residuals == calibration.counts[row.horizon]
        assert bool(row.calibrated) == calibration.is_calibrated(row.horizon)
        assert row.factor == pytest.approx(calibration.factor(row.horizon), abs=1e-4)
    done = table.loc[table["calibrated"], "horizon"].tolist()
    assert done == list(range(1, 22))  # past 12 months: backtest_forecasts.csv stops at 12
    attributes, text = bands_note(render_zone_report(read_zone_run(out)))
    assert attributes["data-source"] == "calibration.csv"
    # calibrated: a factor other than 1 applied; kept: enough residuals, the models' band
    changed = table["calibrated"] & (table["factor"] - 1).abs().gt(5e-5)
    kept = table.loc[table["calibrated"] & ~changed, "horizon"].tolist()
    assert [int(h) for h in attributes["data-calibrated-horizons"].split(",")] == \
        table.loc[changed, "horizon"].tolist()
    assert [int(h) for h in attributes["data-kept-horizons"].split(",") if h] == kept
    assert sorted(table.loc[changed, "horizon"].tolist() + kept) == done
    for row in table[changed].itertuples():
        assert f"h={row.horizon}: {row.n_residuals} (factor {row.factor:.2f})" in text
    for row in table[table["horizon"].isin(kept)].itertuples():
        assert f"h={row.horizon}: {row.n_residuals} (factor" not in text
    assert "Horizons 22-36 are not calibrated (fewer than 5 such forecasts each)" in text
    assert "Derived from" not in text


def test_a_run_published_before_the_table_is_reported_from_its_backtest_rows(published,
                                                                             tmp_path):
    out, _ = published
    old = tmp_path / "old"
    old.mkdir()
    for path in out.iterdir():
        if path.name != "calibration.csv":
            (old / path.name).write_bytes(path.read_bytes())
    attributes, text = bands_note(render_zone_report(read_zone_run(old)))
    assert attributes["data-source"] == "backtest_forecasts.csv"
    assert "calibrated by split conformal prediction for monthly horizons 1-12" in text
    assert "Derived from backtest_forecasts.csv" in text


def test_a_calibration_table_with_a_bad_cell_is_refused_naming_file_row_and_field(published,
                                                                                 tmp_path):
    out, _ = published
    table = pd.read_csv(out / "calibration.csv")
    table["calibrated"] = table["calibrated"].astype(object)
    table.loc[2, "calibrated"] = "maybe"
    table.to_csv(tmp_path / "calibration.csv", index=False)
    with pytest.raises(InputError) as caught:
        read_calibration(tmp_path)
    err = caught.value
    assert err.file.endswith("calibration.csv") and err.row == 3
    assert err.field == "calibrated" and "'maybe' is not True or False" in err.message
