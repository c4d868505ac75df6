"""The history builder: anchors, splice modes, priorities, interpolation, scope rule."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from forecasting.history.builder import build_history
from forecasting.history.rules import HistoryRules
from forecasting.io.config_file import load_config
from forecasting.io.curated import load_curated
from forecasting.paths import DEFAULT_PIPELINE


@pytest.fixture(scope="module")
def shipped():
    config = load_config(DEFAULT_PIPELINE)
    data = load_curated(config.history.observations, config.history.sources,
                        config.national_total.file)
    return data, HistoryRules.from_config(config.history)


def build(shipped, **changes):
    data, rules = shipped
    return build_history(data.observations, data.sources, dataclasses.replace(rules, **changes))


def row(built, year):
    return built.series.set_index("year").loc[year]


@pytest.mark.parametrize("splice", ["ratio", "difference", "none"])
def test_published_anchors_come_out_unchanged_in_every_splice_mode(shipped, splice):
    built = build(shipped, splice=splice)
    for year, twh in {2014: 58.0, 2015: 60.0, 2016: 60.0, 2018: 76.0, 2023: 176.0}.items():
        r = row(built, year)
        assert r["twh"] == twh
        assert r["provenance"] == "published"
        assert r["source_ids"] == "lbnl2024"


def test_ratio_splice_rescales_older_vintages_by_58_over_70(shipped):
    built = build(shipped, splice="ratio")
    assert built.splice.ratio == pytest.approx(58 / 70)
    r = row(built, 2000)
    assert r["twh"] == pytest.approx(28.2 * 58 / 70)
    assert r["provenance"] == "spliced"
    assert r["published_twh"] == 28.2
    assert row(built, 2010)["twh"] == pytest.approx(67.3 * 58 / 70)


def test_difference_splice_shifts_older_vintages_by_minus_12(shipped):
    built = build(shipped, splice="difference")
    assert row(built, 2000)["twh"] == pytest.approx(28.2 - 12.0)
    assert row(built, 2008)["twh"] == pytest.approx(69.0 - 12.0)
    assert row(built, 2008)["provenance"] == "spliced"


def test_no_splice_keeps_published_values_and_shows_the_false_drop(shipped):
    built = build(shipped, splice="none")
    assert row(built, 2010)["twh"] == 67.3
    assert row(built, 2010)["provenance"] == "published"
    # 2010 -> 2014 falls because the vintages disagree: what the splice exists to remove
    assert row(built, 2014)["twh"] < row(built, 2010)["twh"]


def test_interpolated_years_grow_at_constant_rate_between_neighbours(shipped):
    built = build(shipped)
    r = row(built, 2017)
    assert r["provenance"] == "interpolated"
    assert r["twh"] == pytest.approx(math.sqrt(60.0 * 76.0))
    assert r["source_ids"] == "lbnl2024"
    assert math.isnan(r["published_twh"])
    growth = [row(built, y + 1)["twh"] / row(built, y)["twh"] for y in range(2018, 2023)]
    assert growth == pytest.approx([(176 / 76) ** 0.2] * 5)
    assert row(built, 2009)["source_ids"] == "masanet2011;lbnl2016"


def test_every_year_is_present_once_and_every_row_is_flagged(shipped):
    built = build(shipped)
    years = built.series["year"].tolist()
    assert years == list(range(2000, 2024))
    assert set(built.series["provenance"]) == {"published", "spliced", "interpolated"}


def test_priority_picks_the_best_source_and_records_the_outranked(shipped):
    built = build(shipped)
    unused = built.unused.set_index(["source_id", "year"])
    assert unused.loc[("lbnl2016", 2014), "reason"] == "outranked by lbnl2024"
    data, rules = shipped
    # with koomey2011 unusable (range only), nrdc2014 promoted above lbnl2016 wins 2011 and 2013
    promoted = build(shipped, source_priority=("lbnl2024", "nrdc2014", *rules.source_priority[1:]))
    assert row(promoted, 2013)["source_ids"] == "nrdc2014"
    assert row(promoted, 2013)["twh"] == pytest.approx(91.0 * 58 / 70)


def test_priority_order_decides_between_two_estimates_of_one_year(shipped):
    data, rules = shipped
    obs = data.observations
    two = obs[obs["year"].isin([2014, 2018]) & obs["source_id"].isin(["lbnl2024", "lbnl2016"])]
    extra = two[two["source_id"] == "lbnl2024"].assign(source_id="iea2025", twh=[61.0, 80.0])
    table = pd.concat([two, extra], ignore_index=True)
    first = build_history(table, data.sources,
                          dataclasses.replace(rules, source_priority=("iea2025", "lbnl2024",
                                                                      "lbnl2016")))
    assert row(first, 2018)["twh"] == 80.0 and row(first, 2018)["source_ids"] == "iea2025"
    second = build_history(table, data.sources,
                           dataclasses.replace(rules, source_priority=("lbnl2024", "iea2025",
                                                                       "lbnl2016")))
    assert row(second, 2018)["twh"] == 76.0


def test_partial_scope_estimates_are_excluded_unless_asked_for(shipped):
    data, rules = shipped
    default = build(shipped)
    reasons = default.unused.set_index(["source_id", "year"])["reason"]
    assert reasons[("koomey2007", 2003)] == "scope excludes storage and network"
    assert row(default, 2003)["provenance"] == "interpolated"
    widened = build(shipped, include_partial_scope=True,
                    source_priority=(*rules.source_priority, "koomey2007"))
    assert row(widened, 2003)["source_ids"] == "koomey2007"
    assert row(widened, 2003)["published_twh"] == 35.0


def test_vintage_forecasts_are_never_history(shipped):
    built = build(shipped)
    assert row(built, 2020)["provenance"] == "interpolated"
    reasons = built.unused.set_index(["source_id", "year"])["reason"]
    assert reasons[("lbnl2016", 2020)] == "vintage forecast, never history"
    assert reasons[("lbnl2018", 2020)] == "vintage forecast, never history"
