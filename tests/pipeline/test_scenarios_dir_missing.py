"""A `scenarios_dir` that is not a folder is refused naming the config and the key (found by
fuzzing: a missing folder said "unknown scenario 'momentum' (known: )")."""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from forecasting.io.config_file import load_config
from tests.conftest import Workspace


def refusal(workspace: Workspace, folder: str) -> str:
    text = workspace.config.read_text()
    assert "scenarios_dir: ../data/scenarios" in text
    workspace.config.write_text(text.replace("scenarios_dir: ../data/scenarios",
                                             f"scenarios_dir: {folder}"))
    with pytest.raises(InputError) as info:
        load_config(workspace.config)
    line = str(info.value)
    row = next(i for i, text in enumerate(workspace.config.read_text().splitlines(), 1)
               if text.startswith("scenarios_dir:"))
    assert f"us_national.yaml, row {row}, field 'scenarios_dir'" in line, line
    return line


def test_a_missing_scenarios_folder_is_named(workspace: Workspace):
    line = refusal(workspace, "../data/no-such-folder")
    assert "no-such-folder does not exist" in line and "known:" not in line, line


def test_a_file_in_place_of_the_scenarios_folder_is_named(workspace: Workspace):
    line = refusal(workspace, "../data/sources.csv")
    assert "sources.csv is a file, not a folder" in line, line
