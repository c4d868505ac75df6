"""The supply-envelope paragraph says what the run did to momentum's bands (fuzz 7a D3): the
default run's bands are model-based (every band factor 1.0), yet the page said they 'carry the
backtest's calibrated widening on' beyond a fixed '3 years', even in a run without momentum."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from forecasting.report.render import render_report
from forecasting.report.run_files import read_run
from tests.report.light_national_run import light_national_run, page_text, section


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return read_run(light_national_run(tmp_path_factory))


def envelope_paragraph(run) -> str:
    scenarios = section(render_report(run), "scenarios")
    start = scenarios.index('id="supply-envelope"')
    return page_text(scenarios[start:scenarios.index("</p>", start)])


def with_manifest(run, change) -> object:
    manifest = copy.deepcopy(run.manifest)
    change(manifest)
    return dataclasses.replace(run, manifest=manifest)


def test_model_based_bands_are_not_called_a_calibrated_widening(run):
    assert run.manifest["bands"]["kind"] == "model-based"   # the light run, as the default run
    text = envelope_paragraph(run)
    assert "calibrated widening" not in text
    assert "bands of momentum are the baseline models' own (model-based" in text


def test_a_calibrated_widening_is_named_with_its_factor_and_the_configured_horizon(run):
    def calibrated(manifest):
        manifest["bands"]["kind"] = "calibrated"
        manifest["baseline"]["band_factors"] = [1.2, 1.4, 1.6] + [1.6] * 9
        manifest["config"]["baseline"]["backtest_horizon"] = 4

    text = envelope_paragraph(with_manifest(run, calibrated))
    assert ("Beyond the backtest horizon (4 years) the bands of momentum carry the backtest's "
            "calibrated widening on (a factor of 1.60") in text


def test_a_calibration_that_would_narrow_carries_nothing_on(run):
    def narrowed(manifest):
        manifest["bands"]["kind"] = "calibrated"
        manifest["baseline"]["band_factors"] = [0.8] * 12

    text = envelope_paragraph(with_manifest(run, narrowed))
    assert "calibrated widening" not in text
    assert "added no widening to carry on" in text


def test_a_run_without_momentum_says_nothing_of_its_bands(run):
    forecast = run.forecast[run.forecast["scenario"] != "momentum"]
    text = envelope_paragraph(dataclasses.replace(run, forecast=forecast))
    assert "bands of momentum" not in text
