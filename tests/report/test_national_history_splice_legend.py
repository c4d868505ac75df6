"""The history legend says what the run's splice did (fuzz 7a, other notes): a run with
`history.splice: none` read 'diamonds are older vintages spliced onto the newest basis (none)',
while no year was spliced and the older vintages' bases were mixed into the series unflagged."""

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


def history_text(run) -> str:
    return page_text(section(render_report(run), "history"))


def test_a_spliced_run_names_its_splice(run):
    splice = run.manifest["splice"]
    assert splice != "none"   # the shipped pipeline splices LBNL 2016 onto LBNL 2024
    assert f"spliced onto the newest basis ({splice})" in history_text(run)


def test_a_run_without_splice_says_its_bases_are_mixed(run):
    manifest = copy.deepcopy(run.manifest)
    manifest["splice"] = "none"
    text = history_text(dataclasses.replace(run, manifest=manifest))
    assert "spliced onto the newest basis" not in text
    assert "this run splices nothing (history.splice: none)" in text
    assert "older vintages are kept on their own bases" in text
