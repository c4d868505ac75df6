"""`dcload vintage --as-of YEAR --json`: the documented shape, nothing published after YEAR,
the years 2018 and 2023 scored; a year before any source is one line and exit 2."""

from __future__ import annotations

import json

from forecasting.io.curated import load_sources
from forecasting.paths import DATA_DIR, ROOT
from tests.conftest import run_cli

FORECAST_KEYS = {"scenario", "target_year", "p10", "p50", "p90", "outcome", "inside_p10_p90"}


def test_vintage_2016_json_has_the_contract_and_no_later_source():
    done = run_cli("vintage", "--as-of", "2016", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert {"as_of", "history_last_year", "sources", "forecasts"} <= set(document)
    assert document["as_of"] == 2016 and document["history_last_year"] <= 2016
    published = load_sources(DATA_DIR / "sources.csv").set_index("source_id")["year_published"]
    assert document["sources"] and all(
        s["year_published"] <= 2016 and published[s["source_id"]] <= 2016
        for s in document["sources"])
    used = {s for row in document["history"] for s in row["source_ids"].split(";")}
    assert used <= {s["source_id"] for s in document["sources"] if s["in_history"]}
    rows = {r["target_year"]: r for r in document["forecasts"]}
    assert {2018, 2023} <= set(rows)
    for row in document["forecasts"]:
        assert FORECAST_KEYS <= set(row)
        assert row["p10"] <= row["p50"] <= row["p90"]
    assert rows[2023]["outcome"] == 176.0 and isinstance(rows[2023]["inside_p10_p90"], bool)
    assert rows[2018]["outcome"] == 76.0 and isinstance(rows[2018]["inside_p10_p90"], bool)
    # LBNL 2016's 73 TWh for 2020 is beside it (where the shared compilation is present)
    if (ROOT.parent / "shared" / "data" / "published_estimates_mytton.csv").is_file():
        assert any(p["source"].startswith("Shehabi") and p["target_year"] == 2020
                   for p in document["published_forecasts"])


def test_an_as_of_year_before_any_source_is_one_line_and_exit_2():
    done = run_cli("vintage", "--as-of", "2005")
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "--as-of" in done.stderr and "2005" in done.stderr and done.stdout == ""
