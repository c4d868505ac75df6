from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
DOM_FILES = [
    SHARED / "pjm_dom" / "DOM_hourly_2005_2018.csv",
    SHARED / "eia930" / "PJM-DOM_2018-10_2020-09.csv",
    SHARED / "eia930" / "PJM-DOM_2020_2024.csv",
]


@pytest.fixture(scope="session")
def dom_files():
    if not all(f.exists() for f in DOM_FILES):
        pytest.skip("the DOM files in ../shared are absent")
    return [str(f) for f in DOM_FILES]


@pytest.fixture(scope="session")
def dom_history(dom_files):
    from forecasting.zones.history import build_history
    from forecasting.zones.read import read_zone_files

    return build_history(read_zone_files(dom_files))
