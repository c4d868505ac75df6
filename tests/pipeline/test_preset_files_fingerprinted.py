"""Every scenario file a national run reads is in its fingerprint and is checked before the
heavy work (found by fuzzing): `outlooks.csv` is built from every preset of the scenarios
folder, but only the scenarios the config runs were hashed, so an edited preset was published
stale ("up to date", `runs diff`: "data changes: none"), and a syntax error in a preset the
config does not run failed a forced run about 60 s in, after the backtest."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from forecasting.errors import InputError
from forecasting.national.compute import compute_run
from forecasting.national.inputs import run_fingerprint
from forecasting.paths import display_path
from tests.conftest import Workspace


def test_an_edited_preset_the_config_does_not_run_changes_the_fingerprint(workspace: Workspace):
    preset = workspace.scenarios / "epri2024-high.yaml"
    before = run_fingerprint(workspace.config)
    assert "epri2024-high" not in workspace.config.read_text()
    assert display_path(preset) in before.inputs
    preset.write_text(preset.read_text().replace("published_twh: 297.6",
                                                 "published_twh: 397.6"))
    after = run_fingerprint(workspace.config)
    assert after.value != before.value
    assert after.inputs[display_path(preset)] != before.inputs[display_path(preset)]


class StopAfterLoading:
    """A progress that fails the test if the run goes past loading its inputs."""

    @contextmanager
    def stage(self, name: str):
        assert name == "load and validate inputs", f"the run went on to '{name}'"
        yield

    def say(self, message: str) -> None:
        pass


def test_a_broken_preset_is_refused_before_the_backtest(workspace: Workspace):
    preset = workspace.scenarios / "lbnl2024-low.yaml"
    preset.write_text(preset.read_text() + "garbage: [\n")
    with pytest.raises(InputError) as info:
        compute_run(workspace.config, progress=StopAfterLoading())
    assert "lbnl2024-low.yaml" in str(info.value) and "YAML" in str(info.value)
