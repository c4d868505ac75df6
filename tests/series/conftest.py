"""Helpers for the series-input tests: tiny CSV writers and the shared real data files."""

from __future__ import annotations

from pathlib import Path

import pytest

from forecasting.paths import ROOT

SHARED = ROOT.parent / "shared" / "data"
PJM_FILE = SHARED / "pjm_dom" / "DOM_hourly_2005_2018.csv"
DOM_EIA_FILES = [
    SHARED / "eia930" / "PJM-DOM_2018-10_2020-09.csv",
    SHARED / "eia930" / "PJM-DOM_2020_2024.csv",
]


def _need(*paths: Path) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        pytest.skip(f"shared data not available: {', '.join(missing)}")


@pytest.fixture
def pjm_file() -> Path:
    """The real PJM DOM hourly file (2005-2018); the test is skipped without it."""
    _need(PJM_FILE)
    return PJM_FILE


@pytest.fixture
def dom_eia_files() -> list[Path]:
    """The two real EIA-930 PJM-DOM files, in order; the test is skipped without them."""
    _need(*DOM_EIA_FILES)
    return list(DOM_EIA_FILES)


@pytest.fixture
def write_csv(tmp_path):
    """Write text (or header + rows) to a CSV in tmp_path and return its path."""

    def write(name: str, text: str | None = None, *, header: str = "", rows=()) -> Path:
        path = tmp_path / name
        if text is None:
            text = "\n".join([header, *rows]) + "\n"
        path.write_text(text)
        return path

    return write
