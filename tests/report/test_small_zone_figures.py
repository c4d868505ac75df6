"""A small zone's figures keep about three significant figures (forecasting/report/
number_format.py): a 0.5 MW data-center feeder's report reads its load (0.480 [0.407-0.568]),
not "0 [0-1]" and a growth band of "1-1 MW"; the figures of a band share their decimals and
distinct ones read apart (17.0 and 17.4, not 17 and 17); a large zone's page reads exactly as
it did in whole MW; `dcload runs list` and `runs show` quote a small zone's peak the same way.
The report is rendered in process from a few synthetic rows (tests/report/synthetic_zone_run.py)
and the store built by hand."""

from __future__ import annotations

import dataclasses
import math
import re

from hypothesis import given
from hypothesis import strategies as st

from forecasting.report import number_format
from forecasting.report.zone_render import render_zone_report
from pipelines.publishing.registry import Registry
from tests.refresh.conftest import run_dcload
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files

PEAK_COLUMNS = ("peak_50_50_mw", "peak_90_10_mw", "weather_p05_mw", "weather_p95_mw",
                "growth_p10_mw", "growth_p90_mw")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
#: loads from a kW to ten thousand MW, either sign, and zero
LOADS = st.one_of(st.just(0.0),
                  st.floats(1e-3, 1e7).flatmap(lambda v: st.sampled_from([v, -v])))


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def _unit(value: float) -> float:
    """One unit of `value`'s third significant figure."""
    return 10.0 ** (math.floor(math.log10(abs(value))) - 2) if value else 0.0


@given(st.lists(LOADS, min_size=1, max_size=6))
def test_a_band_keeps_three_significant_figures_and_its_distinct_figures_apart(values):
    texts = number_format.figures(*values)
    for value, text in zip(values, texts, strict=True):
        assert abs(_value(text) - value) <= 0.5 * _unit(value) * (1 + 1e-9), (value, text)
    for a, ta in zip(values, texts, strict=True):
        for b, tb in zip(values, texts, strict=True):
            if a != b and abs(a - b) >= _unit(max(a, b, key=abs)):
                assert ta != tb, (values, texts)
    decimals = {len(t.partition(".")[2]) for t in texts}
    assert len(decimals) == 1, texts  # one scale for the band


@given(LOADS, LOADS)
def test_a_figure_is_monotone(a, b):
    low, high = sorted((a, b))
    assert _value(number_format.figure(low)) <= _value(number_format.figure(high))


def _scaled(run, factor: float, spread: float = 0.15):
    """`run` with every MW and GWh figure times `factor`, its forecast's P10 and P90
    `spread` below and above the P50 (the synthetic rows have no band)."""
    forecast = run.forecast.copy()
    for q in ("mean", "p05", "p10", "p50", "p90", "p95"):
        forecast[q] = forecast[q] * factor
    forecast["p10"] = forecast["p50"] * (1 - spread)
    forecast["p90"] = forecast["p50"] * (1 + spread)
    peaks = run.peaks.copy()
    peaks[list(PEAK_COLUMNS)] = peaks[list(PEAK_COLUMNS)] * factor
    history = run.history.copy()
    for col in ("energy_gwh", "avg_mw", "peak_mw"):
        history[col] = history[col] * factor
    decomposition = run.decomposition.copy()
    for col in [c for c in decomposition if c.endswith("_mw")]:
        decomposition[col] = decomposition[col] * factor
    return dataclasses.replace(run, forecast=forecast, peaks=peaks, history=history,
                               decomposition=decomposition)


def _annual(run, metric: str, year: int = 2030):
    f = run.forecast
    return f[(f["metric"] == metric) & (f["component"] == "total")
             & (f["period"] == str(year))].iloc[0]


def test_a_half_megawatt_zone_reads_its_load_not_zero_or_one(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    large = zone_run_files(tmp_path, data_center="none")
    run = _scaled(large, 0.5 / _annual(large, "avg_mw")["p50"])
    page = render_zone_report(run)
    headline = page_text(page, "headline")
    assert "0 [0-1]" not in headline and "1-1 MW" not in headline
    peak = run.peaks[(run.peaks["year"] == 2030) & (run.peaks["season"] == "summer")].iloc[0]
    quoted = re.search(r"50/50: statistical-trend: (\S+) MW \(90/10 (\S+) MW; growth band "
                       r"(\S+)-(\S+) MW", headline)
    assert quoted, headline
    for text, column in zip(quoted.groups(), ("peak_50_50_mw", "peak_90_10_mw",
                                              "growth_p10_mw", "growth_p90_mw"), strict=True):
        assert abs(_value(text) - peak[column]) <= 0.5 * _unit(peak[column]), (text, column)
    assert len(set(quoted.groups())) == 4  # none of the four reads as another
    avg = _annual(run, "avg_mw")
    cells = NUMBER.findall(re.search(r"average load, MW(.*?)Each cell", headline).group(1))
    at_2030 = cells[3 * [y for y in (2025, 2028, 2030, 2035)].index(2030):][:3]
    for text, q in zip(at_2030, ("p50", "p10", "p90"), strict=True):
        assert abs(_value(text) - avg[q]) <= 0.5 * _unit(avg[q]), (text, q)


def test_a_large_zone_reads_as_before_in_whole_megawatts(tmp_path, monkeypatch):
    without_charts(monkeypatch)
    run = zone_run_files(tmp_path)
    peaks = run.peaks.copy()  # figures with decimals, which the page rounds to whole MW
    peaks[list(PEAK_COLUMNS)] = peaks[list(PEAK_COLUMNS)] * 1.2345
    run = _scaled(dataclasses.replace(run, peaks=peaks), 3.7)
    page = render_zone_report(run)
    headline = page_text(page, "headline")
    p = run.peaks[(run.peaks["year"] == 2030) & (run.peaks["season"] == "summer")].iloc[0]
    assert (f"50/50: statistical-trend: {p.peak_50_50_mw:,.0f} MW (90/10 "
            f"{p.peak_90_10_mw:,.0f} MW; growth band {p.growth_p10_mw:,.0f}-"
            f"{p.growth_p90_mw:,.0f} MW") in headline
    for metric in ("peak_mw", "energy_gwh", "avg_mw"):
        a = _annual(run, metric)
        assert f"{a.p50:,.0f} [{a.p10:,.0f}-{a.p90:,.0f}]" in headline, metric
    assert (f"<td>{p.peak_50_50_mw:,.0f}</td><td>{p.peak_90_10_mw:,.0f}</td>"
            f"<td>{p.weather_p05_mw:,.0f}-{p.weather_p95_mw:,.0f}</td>"
            f"<td>{p.growth_p10_mw:,.0f}-{p.growth_p90_mw:,.0f}</td>") in page


def test_runs_list_and_show_quote_a_small_zone_peak_to_three_figures(tmp_path):
    store = tmp_path / "store"
    run_id = "20260101T000000Z-aaaaaaaa"
    (store / "runs" / run_id).mkdir(parents=True)
    with Registry(store / "registry.sqlite") as registry:
        registry.insert(run_id, status="succeeded",
                        key_results={"statistical-trend": 0.8504, "vetted": 8967.2})
    listed = run_dcload("runs", "list", "--store", str(store))
    assert listed.returncode == 0, listed.stderr
    assert "statistical-trend 0.850, vetted 8967" in listed.stdout
    shown = run_dcload("runs", "show", run_id, "--store", str(store))
    assert shown.returncode == 0, shown.stderr
    # the same figures as runs list: 100 or more in whole units (README, number format)
    assert "statistical-trend 0.850, vetted 8967\n" in shown.stdout + "\n"
