"""A project scenario cannot lose its supply envelope silently (found by fuzzing): a scenarios
folder copied without `envelope/` published high-ai 2035 at a P50 of 1,748 TWh (618 with the
envelope), a share up to 141% of US electricity, while the report said every scenario was
bounded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from forecasting.errors import InputError
from forecasting.scenarios.catalog import SCENARIOS_DIR, load_scenario


def copied_scenarios(tmp_path: Path, *, envelope: bool = True) -> Path:
    folder = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS_DIR, folder)
    if not envelope:
        shutil.rmtree(folder / "envelope")
    return folder


def test_a_project_scenario_without_the_envelope_folder_is_refused(tmp_path):
    folder = copied_scenarios(tmp_path, envelope=False)
    with pytest.raises(InputError) as info:
        load_scenario("high-ai", folder)
    line = str(info.value)
    assert "high-ai.yaml" in line and "scenarios.high-ai.region" in line, line
    assert str(folder / "envelope" / "us.yaml") in line and "does not exist" in line, line
    # a preset reproduces a published outlook as published: it needs no envelope
    assert load_scenario("lbnl2024-high", folder).constraints is None


def test_the_copied_envelope_bounds_the_scenario(tmp_path):
    spec = load_scenario("high-ai", copied_scenarios(tmp_path))
    assert spec.constraints is not None and spec.constraints.max_share_pct is not None
