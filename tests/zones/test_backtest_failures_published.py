"""A zone run says which backtest models failed, where and why: backtest_failures.csv (one row
per metric, model and origin; the header alone when none failed) and a sentence in the
report's backtest section. Before, a model that failed at some origins only left rows out of
the backtest tables: a planner could not tell it was skipped, nor that `selected` was made
without it there.

The failure is a real one: with ``backtest.min_train: 12`` the first origins have 12 and 18
months, and seasonal_level (a candidate) and seasonal_naive (a peer) need 24; naive, the
other candidate, needs 2."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.report.zone_backtest_failures import failures_text
from forecasting.zones.backtest_failures import FAILURE_COLUMNS, failures_table
from tests.conftest import run_in_process
from tests.zones.synthetic import hourly_load, write_load

START = pd.Period("2021-01", "M")
NEEDED = 24  # months seasonal_level and seasonal_naive need (`observations_needed`)


def _publish(folder, monkeypatch, capsys, min_train: int):
    """The published run directory of a 48-month noisy zone (2021-2024)."""
    folder.mkdir()
    load = hourly_load(1000.0, "2021-01-01", "2024-12-31 23:00")
    write_load(folder / "load.csv",
               load * np.random.default_rng(1).lognormal(0.0, 0.05, len(load)))
    (folder / "zone.yaml").write_text("\n".join([
        "region: SYN", f"series: [{folder / 'load.csv'}]", "data_center: none",
        "end_year: 2026", "profile_year: 2026", "n_paths: 20",
        "backtest: {candidates: [naive, seasonal_level], peers: [seasonal_naive], "
        f"n_paths: 20, min_train: {min_train}}}"]) + "\n")
    out = folder / "store" / "latest"
    code, _, err = run_in_process(monkeypatch, capsys, "forecast", "--config",
                                  str(folder / "zone.yaml"), "--output-dir", str(out),
                                  "--quiet")
    assert code in (0, None), err
    return out


def _sentence(out) -> str | None:
    found = re.search(r'<p id="backtest-failures">(.*?)</p>', (out / "index.html").read_text(),
                      re.S)
    return None if found is None else html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def _monthly(out) -> pd.DataFrame:
    rows = pd.read_csv(out / "backtest_forecasts.csv", dtype={"origin": str, "period": str})
    return rows[rows["period"].str.len() == 7]


def test_a_model_that_failed_at_early_origins_is_published_with_why(tmp_path, monkeypatch,
                                                                    capsys):
    out = _publish(tmp_path / "short", monkeypatch, capsys, min_train=12)
    text = (out / "backtest_failures.csv").read_text()
    assert text.splitlines()[0] == ",".join(FAILURE_COLUMNS)
    failures = pd.read_csv(out / "backtest_failures.csv", dtype={"origin": str})
    monthly = _monthly(out)
    for metric in ("energy_gwh", "peak_mw"):
        rows = monthly[monthly["metric"] == metric]
        origins = set(rows["origin"])
        too_short = {o for o in origins if (pd.Period(o, "M") - START).n + 1 < NEEDED}
        assert too_short and too_short != origins  # the test's premise: some origins, not all
        for model in ("seasonal_level", "seasonal_naive"):
            mine = failures[(failures["metric"] == metric) & (failures["model"] == model)]
            # exactly the origins with fewer months than it needs, none of them with rows
            assert set(mine["origin"]) == too_short
            assert set(mine["origin"]) == origins - set(rows.loc[rows["model"] == model,
                                                                 "origin"])
            assert mine["message"].str.startswith("SeriesTooShortError").all()
            assert mine["message"].str.contains(f"needs at least {NEEDED}").all()
        # `selected` still forecast there, from the candidate that did
        assert too_short <= set(rows.loc[rows["model"] == "selected", "origin"])
    assert set(failures["model"]) == {"seasonal_level", "seasonal_naive"}  # naive never failed
    assert failures.equals(failures.sort_values(FAILURE_COLUMNS).reset_index(drop=True))

    sentence = _sentence(out)
    assert sentence is not None
    n = len(set(monthly.loc[monthly["metric"] == "energy_gwh", "origin"]))
    k = len(failures[(failures["metric"] == "energy_gwh")
                     & (failures["model"] == "seasonal_level")])
    assert f"energy_gwh: seasonal_level at {k} of {n} origins" in sentence
    assert f"seasonal_naive (a peer) at {k} of {n} origins" in sentence
    assert "peak_mw: seasonal_level at" in sentence
    assert "selected combined the other candidates alone" in sentence
    assert "a peer never enters it" in sentence
    assert "backtest_failures.csv" in sentence


def test_a_backtest_without_failures_has_the_header_alone_and_no_sentence(
        tmp_path, monkeypatch, capsys):
    out = _publish(tmp_path / "long", monkeypatch, capsys, min_train=NEEDED)
    assert (out / "backtest_failures.csv").read_text() == ",".join(FAILURE_COLUMNS) + "\n"
    assert _sentence(out) is None


def test_the_table_is_the_same_whatever_order_the_failures_came_in():
    failures = pd.DataFrame({
        "alias": ["b", "a", "a", "b"], "origin": ["2022-06", "2022-06", "2021-12", "2021-12"],
        "message": ["ValueError: bad\n  fit", "RuntimeError: <Model object at 0x7f3a2b1c>",
                    "E: x", "E: y"],
        "metric": ["peak_mw", "peak_mw", "energy_gwh", "energy_gwh"]})
    table = failures_table(failures)
    shuffled = failures_table(failures.iloc[[3, 1, 0, 2]].reset_index(drop=True))
    assert table.to_csv(index=False) == shuffled.to_csv(index=False)
    assert list(table.columns) == FAILURE_COLUMNS
    assert list(zip(table["metric"], table["model"], table["origin"], strict=True)) == [
        ("energy_gwh", "a", "2021-12"), ("energy_gwh", "b", "2021-12"),
        ("peak_mw", "a", "2022-06"), ("peak_mw", "b", "2022-06")]
    assert "\n" not in "".join(table["message"])
    assert "RuntimeError: <Model object at 0x?>" in set(table["message"])


def test_a_failures_file_without_its_columns_is_refused_naming_it(tmp_path):
    with pytest.raises(InputError, match="backtest_failures.csv.*message"):
        failures_text(pd.DataFrame(columns=["metric", "model", "origin"]), None, {}, tmp_path)
