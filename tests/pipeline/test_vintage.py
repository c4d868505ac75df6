"""The track record: a vintage knows only what was published by then, is scored against
today's history on one basis, and the published forecasts are read as documented."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.errors import InputError
from forecasting.io.published_forecasts import read_published_forecasts
from forecasting.national import compute_run
from forecasting.national.inputs import build_history_of, load_inputs
from forecasting.national.vintage import history_as_of, known_sources, run_vintage
from forecasting.paths import DEFAULT_PIPELINE
from tests.conftest import make_light, read_rows, write_rows

CONFIG, DATA = load_inputs(DEFAULT_PIPELINE)
TODAY = build_history_of(CONFIG, DATA, DEFAULT_PIPELINE)
PUBLISHED = DATA.sources.set_index("source_id")["year_published"]


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=2008, max_value=2030))
def test_a_vintage_uses_no_source_published_after_its_year(as_of):
    history = history_as_of(CONFIG, DATA, as_of)
    used = set(";".join(history.series["source_ids"]).split(";"))
    assert all(PUBLISHED[s] <= as_of for s in used), used
    assert history.series["year"].max() <= as_of
    # and it uses every eligible source that was out by then
    known = set(known_sources(DATA.sources, as_of)["source_id"])
    assert used >= {"koomey2008"} and ("lbnl2016" in used) == ("lbnl2016" in known)


def test_a_source_published_later_changes_only_the_later_vintages(workspace):
    header, rows = read_rows(workspace.sources)
    rows.append(["late2017", "A later estimate (test)", "2017", "test"])
    write_rows(workspace.sources, header, rows)
    header, rows = read_rows(workspace.observations)
    row = dict.fromkeys(header, "")
    row.update(year="2015", twh="95", source_id="late2017", kind="observation",
               confidence="T", pinpoint="t", method="bottom-up", scope="total")
    rows.append([row[h] for h in header])
    write_rows(workspace.observations, header, rows)
    text = workspace.config.read_text().replace("source_priority: [lbnl2024,",
                                                "source_priority: [late2017, lbnl2024,")
    workspace.config.write_text(text)
    config, data = load_inputs(workspace.config)
    before = history_as_of(config, data, 2016).series
    after = history_as_of(config, data, 2017).series
    pd.testing.assert_frame_equal(before, history_as_of(CONFIG, DATA, 2016).series)
    assert after.set_index("year").at[2015, "twh"] == 95
    assert "late2017" not in ";".join(before["source_ids"])


def test_an_as_of_year_before_any_source_is_an_input_error():
    with pytest.raises(InputError, match="published by the end of 2005") as raised:
        history_as_of(CONFIG, DATA, 2005)
    assert raised.value.field == "--as-of"
    # the error survives the trip back from the worker process whole
    again = pickle.loads(pickle.dumps(raised.value))
    assert str(again) == str(raised.value) and again.field == "--as-of"


@pytest.fixture(scope="module")
def light_config(tmp_path_factory):
    import shutil

    from forecasting.paths import DATA_DIR

    root = tmp_path_factory.mktemp("ws")
    (root / "pipelines").mkdir()
    shutil.copytree(DATA_DIR, root / "data")
    config = root / "pipelines" / "us_national.yaml"
    shutil.copy(DEFAULT_PIPELINE, config)
    return make_light(config)


def test_the_2016_vintage_is_scored_on_todays_basis_against_todays_history(light_config):
    config, data = load_inputs(light_config)
    vintage = run_vintage(config, data, TODAY, 2016, draws=400, backtest_paths=200)
    rows = vintage.forecasts.set_index("target_year")
    assert vintage.history_last_year == 2014 <= 2016
    assert {2018, 2023} <= set(rows.index) and rows.index.max() == 2023
    # as run on the LBNL 2016 basis, moved by today's ratio splice 58/70 before scoring
    np.testing.assert_allclose(rows["p50"], rows["p50_as_run"] * 58 / 70)
    today = TODAY.series.set_index("year")
    np.testing.assert_allclose(rows["outcome"], today.loc[rows.index, "twh"])
    assert rows.at[2023, "outcome"] == 176 and rows.at[2018, "outcome"] == 76
    # interpolated outcomes are never scored
    interpolated = rows["outcome_provenance"] == "interpolated"
    assert rows.loc[interpolated, "inside_p10_p90"].isna().all()
    scored = rows[~interpolated]
    inside = (scored["p10"] <= scored["outcome"]) & (scored["outcome"] <= scored["p90"])
    assert (scored["inside_p10_p90"].astype(bool) == inside).all()
    document = vintage.to_dict()
    assert {s["source_id"] for s in document["sources"]} == {
        "koomey2007", "koomey2008", "epa2007", "masanet2011", "koomey2011", "nrdc2014",
        "lbnl2016"}


def test_published_forecasts_are_the_us_rows_that_target_a_later_year(tmp_path):
    path = tmp_path / "estimates.csv"
    path.write_text(
        "Reference,Published,Method,Geography,Scenario name,Estimate year,Value (TWh),"
        "Pinpoint,Notes\n"
        "A,2007,Bottom-up,USA,Projection: high,2011,124.5,T1,\n"
        "A,2007,Bottom-up,USA,Historical estimate,2006,61.4,T1,\n"
        "A,2007,Bottom-up,Global,Projection: high,2011,300,T1,\n"
        "B,2016,Bottom-up,USA,,2020,73,ES,\n"
        "B,2016,Bottom-up,USA,,2014,70,ES,\n"
        "C,2011,Bottom-up,USA,Upper bound,2010,85.6,T2,\n")
    table = read_published_forecasts(path)
    assert list(zip(table["reference"], table["target_year"], table["twh"], strict=True)) == [
        ("A", 2011, 124.5), ("B", 2020, 73.0)]
    assert table.loc[1, "scenario"] == "(main)"


def test_a_light_run_writes_the_same_track_record_in_a_worker_or_not(light_config):
    inline = compute_run(light_config, draws=200, worker=False)
    worker = compute_run(light_config, draws=200, worker=True)
    pd.testing.assert_frame_equal(inline.track_record, worker.track_record)
    ours = inline.track_record[inline.track_record["kind"] == "dcload"]
    assert set(ours["as_of"]) == {2012, 2014, 2016}


def test_a_vintage_year_in_the_config_before_any_source_stops_the_run_at_once(workspace):
    text = workspace.config.read_text().replace("as_of: [2012, 2014, 2016]",
                                                "as_of: [2012, 2006]")
    workspace.config.write_text(text)
    with pytest.raises(InputError) as raised:
        compute_run(workspace.config, draws=200)
    assert raised.value.field == "track_record.as_of"
    assert "2006" in str(raised.value) and "us_national.yaml" in str(raised.value)
