"""The zone report's headline says when the decomposition's data-center load has a season
data centers do not have (fuzz round 7a D6: AVA's "data-center" load was winter heating load,
and its winter peak was published low), and says nothing for a flat one or for a zone
without a data-center component. In process: the synthetic zone run, rendered."""

import dataclasses

import numpy as np
import pandas as pd

from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files


def seasonal(decomposition: pd.DataFrame) -> pd.DataFrame:
    """`decomposition` with its monthly data-center MW in winter only (Dec-Feb 200 MW, else
    10 MW), the zone's load higher in winter too."""
    out = decomposition.copy()
    monthly = out["period"].str.len() == 7
    month = pd.PeriodIndex(out.loc[monthly, "period"], freq="M").month
    winter = np.isin(month, (12, 1, 2))
    out.loc[monthly, "data_center_mw"] = np.where(winter, 200.0, 10.0)
    out.loc[monthly, "total_mw"] = np.where(winter, 1100.0, 900.0)
    return out


def test_a_winter_only_data_center_component_is_flagged_in_the_headline(tmp_path,
                                                                        monkeypatch):
    without_charts(monkeypatch)
    flat = zone_run_files(tmp_path)
    assert 'id="seasonal-data-center"' not in render_zone_report(flat)
    run = dataclasses.replace(flat, decomposition=seasonal(flat.decomposition))
    text = page_text(render_zone_report(run), "seasonal-data-center")
    assert "200 MW on average in winter (Dec-Feb) against 10 MW in summer" in text
    assert "20.0 times as much in winter, the season the zone's load peaks in" in text
    assert "winter peaks may be too low" in text


def test_no_flag_without_a_data_center_component(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path, data_center="none")
    run = dataclasses.replace(run, decomposition=seasonal(run.decomposition))
    assert 'id="seasonal-data-center"' not in render_zone_report(run)
