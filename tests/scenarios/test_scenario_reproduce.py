"""The presets reproduce every published figure of published_figures.md section 2 within 2%."""

from __future__ import annotations

import numpy as np
import pytest

from forecasting.scenarios.catalog import load_scenario
from forecasting.scenarios.engine import simulate_scenario
from forecasting.scenarios.outputs import summarise_paths
from forecasting.scenarios.reproduce import COLUMNS, reproduce

#: (source_id, year, published TWh) from ../shared/reference/published_figures.md section 2
PUBLISHED = {
    ("lbnl2024", 2028, 325.0), ("lbnl2024", 2028, 580.0),
    ("epri2024", 2030, 196.9), ("epri2024", 2030, 214.9), ("epri2024", 2030, 297.6),
    ("epri2024", 2030, 406.2),
    ("iea2025", 2030, 426.0),
}


@pytest.fixture(scope="module")
def table(history, decomposition):
    return reproduce(history, decomposition=decomposition)  # 5,000 draws, the default seed


def test_one_row_per_published_figure(table):
    assert list(table.columns) == COLUMNS
    assert {(r.source_id, r.year, r.published) for r in table.itertuples()} == PUBLISHED


def test_every_p50_is_within_two_percent_of_the_published_figure(table):
    bad = table[(table["ratio"] - 1).abs() > 0.02]
    assert bad.empty, bad.to_string()


def test_the_match_does_not_hang_on_one_seed(history, decomposition):
    other = reproduce(history, decomposition=decomposition, n=3000, seed=1)
    assert ((other["ratio"] - 1).abs() <= 0.02).all(), other.to_string()


def test_the_lbnl_range_is_stated_as_74_to_132_gw(history, decomposition):
    """LBNL's own capacity figures follow from the presets' load factor of 0.5."""
    for name, gw in (("lbnl2024-low", 74), ("lbnl2024-high", 132)):
        paths = simulate_scenario(load_scenario(name), history=history,
                                  years=np.arange(2024, 2029), n=3000, seed=20241219,
                                  decomposition=decomposition)
        rows = summarise_paths(paths).set_index(["component", "year", "metric"])
        assert rows.loc[("total", 2028, "capacity_gw"), "p50"] == pytest.approx(gw, rel=0.02)


def test_the_iea_preset_also_starts_near_iea_2024_figure(history, decomposition):
    """IEA's US base case runs from 183 TWh in 2024: the bottom-up preset is near it too."""
    paths = simulate_scenario(load_scenario("iea2025-us-base"), history=history,
                              years=np.arange(2024, 2031), n=3000, seed=20241219,
                              decomposition=decomposition)
    assert np.median(paths.total[:, 0]) == pytest.approx(183, rel=0.03)


def test_a_preset_year_before_the_history_base_year_is_refused_before_any_run(history,
                                                                              tmp_path):
    # growth_until 2020 (the base year is 2023) would stop LBNL-low's shipments growing
    # before the forecast began; `dcload scenarios reproduce` ran it with that meaning
    from forecasting.errors import InputError
    from forecasting.scenarios.catalog import SCENARIOS_DIR, load_scenario_file

    text = (SCENARIOS_DIR / "lbnl2024-low.yaml").read_text(encoding="utf-8")
    assert "growth_until: 2028" in text
    path = tmp_path / "lbnl2024-low.yaml"
    path.write_text(text.replace("growth_until: 2028", "growth_until: 2020"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        reproduce(history, specs=[load_scenario_file(path)], n=100, directory=tmp_path)
    message = str(caught.value)
    assert "lbnl2024-low.yaml" in message and "growth_until" in message, message
    assert "base year 2023" in message, message
