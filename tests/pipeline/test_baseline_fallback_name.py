"""A `baseline.fallback` that is not one of the candidates is refused naming the key and the
candidates (found by fuzzing: `fallback: regime_trnd` was accepted and silently became equal
weights over all candidates at the first backtest origins)."""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from forecasting.io.config_file import load_config
from tests.conftest import Workspace


def with_fallback(workspace: Workspace, name: str):
    text = workspace.config.read_text()
    assert "  fallback: regime_trend\n" in text
    workspace.config.write_text(text.replace("  fallback: regime_trend\n",
                                             f"  fallback: {name}\n"))
    return load_config(workspace.config)


def test_a_misspelt_fallback_is_refused_with_the_candidates(workspace: Workspace):
    with pytest.raises(InputError) as info:
        with_fallback(workspace, "regime_trnd")
    line = str(info.value)
    row = next(i for i, text in enumerate(workspace.config.read_text().splitlines(), 1)
               if "fallback:" in text)
    assert f"row {row}, field 'baseline.fallback'" in line, line
    assert "'regime_trnd'" in line and "regime_trend" in line and "prophet_cp0.5" in line, line


def test_a_fallback_by_alias_is_accepted(workspace: Workspace):
    assert with_fallback(workspace, "prophet_cp0.5").baseline.fallback == "prophet_cp0.5"
