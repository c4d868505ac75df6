"""A run's fingerprint does not depend on how its config's path is spelt (found by fuzzing:
outside the repository cfg/base.yaml, /tmp/.../cfg/base.yaml and cfg/../cfg/base.yaml were
three fingerprints of the same inputs: three full reruns, and `runs diff` showed the config
"removed" and "added")."""

from __future__ import annotations

from forecasting.national.inputs import run_fingerprint
from tests.conftest import Workspace


def test_three_spellings_of_one_config_are_one_fingerprint(workspace: Workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    spellings = ["pipelines/us_national.yaml", str(workspace.config),
                 "pipelines/../pipelines/us_national.yaml"]
    prints = [run_fingerprint(spelling) for spelling in spellings]
    assert len({p.value for p in prints}) == 1, [p.value for p in prints]
    assert str(workspace.config) in prints[0].inputs
