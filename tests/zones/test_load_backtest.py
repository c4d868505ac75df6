"""The zone load backtest on a small synthetic history with a gap: the published columns,
peers and `selected` for every metric, annual horizons 1-3, and an incomplete year or month
never scored."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting.models.registry import MODELS
from forecasting.zones.backtest import (
    METRICS,
    AfterLastGap,
    annual_actuals,
    load_backtest,
    monthly_load,
    origins_by_segment,
)

CONTRACT = ["model", "metric", "origin", "period", "horizon", "actual", "mean", "p05", "p10",
            "p50", "p90", "p95"]
GAP = ["2017-08", "2017-09"]  # two missing months: 2017 is not a complete year


def history() -> dict[str, pd.Series]:
    rng = np.random.default_rng(4)
    index = pd.period_range("2013-01", "2020-12", freq="M")
    t = np.arange(len(index))
    season = np.cos(2 * np.pi * (index.month.to_numpy() - 7) / 12)
    energy = 8000 * np.exp(0.003 * t + 0.08 * season + rng.normal(0, 0.02, len(t)))
    peak = 15000 * np.exp(0.003 * t + 0.1 * season + rng.normal(0, 0.03, len(t)))
    out = {"energy_gwh": pd.Series(energy, index=index), "peak_mw": pd.Series(peak, index=index)}
    for series in out.values():
        series[pd.PeriodIndex(GAP, freq="M")] = np.nan
    return out


@pytest.fixture(scope="module")
def backtest():
    candidates = {m: MODELS[m] for m in ("seasonal_naive", "drift")}
    peers = {m: MODELS[m] for m in ("seasonal_naive", "naive")}
    return load_backtest(history(), candidates, peers, step=6, min_train=24, n_paths=30,
                         seed=3, strategy="ensemble")


def test_tables_have_the_contract_columns_and_every_model_per_metric(backtest):
    f = backtest.forecasts
    assert list(f.columns[: len(CONTRACT)]) == CONTRACT
    assert set(f["metric"]) == set(METRICS)
    f = f.assign(frequency=np.where(f["period"].str.len() == 4, "annual", "monthly"))
    for (metric, frequency), part in f.groupby(["metric", "frequency"]):
        models = set(part["model"])
        assert models == {"selected", "seasonal_naive", "drift", "naive"}, (metric, frequency)
    s = backtest.summary
    assert list(s.columns[:4]) == ["model", "metric", "frequency", "horizon"]
    assert set(zip(s["metric"], s["frequency"], strict=True)) == {
        (m, q) for m in METRICS for q in ("monthly", "annual")}
    assert backtest.failures.empty


def test_horizons_and_periods_by_frequency(backtest):
    f = backtest.forecasts
    annual = f[f["period"].str.len() == 4]
    monthly = f[f["period"].str.len() != 4]
    assert set(annual["horizon"]) == {1, 2, 3}
    assert set(monthly["horizon"]) == set(range(1, 13))
    assert annual["period"].str.fullmatch(r"\d{4}").all()
    assert annual["origin"].str.fullmatch(r"\d{4}").all()  # December origins only
    assert monthly["period"].str.fullmatch(r"\d{4}-\d{2}").all()
    # the horizon is the distance from the origin in the period's own unit
    years = annual["period"].astype(int) - annual["origin"].astype(int)
    assert (years == annual["horizon"]).all()


def test_an_incomplete_year_or_month_is_never_scored(backtest):
    f = backtest.forecasts
    assert not f["period"].isin(GAP).any()
    annual = f[f["period"].str.len() == 4]
    assert "2017" not in set(annual["period"])
    # forecasts run through the gap: a 2016 origin is still scored on 2018 (h = 2)
    assert ((annual["origin"] == "2016") & (annual["period"] == "2018")).any()
    actual = annual_actuals(history()["energy_gwh"], "energy_gwh")
    assert np.isnan(actual["2017"]) and np.isfinite(actual["2018"])
    scored = annual[annual["metric"] == "energy_gwh"].drop_duplicates("period")
    np.testing.assert_allclose(scored.set_index("period")["actual"].sort_index(),
                               actual.dropna().loc[scored["period"].sort_values()].to_numpy())


def test_models_are_fitted_after_the_last_gap_only():
    series = history()["energy_gwh"]
    model = AfterLastGap(MODELS["naive"]()).fit(series.loc[:"2019-06"])
    assert model.series_.index[0] == pd.Period("2017-10", "M")
    assert model.series_.notna().all()
    segments = origins_by_segment(series, step=6, min_train=24, span=36)
    # first segment: origins from 24 months in; second: 24 months after the gap, Decembers in
    assert segments == [(pd.Period("2014-12", "M"), pd.Period("2017-06", "M")),
                        (pd.Period("2019-12", "M"), pd.Period("2020-06", "M"))]


def test_same_seed_same_tables(backtest):
    again = load_backtest(history(), {m: MODELS[m] for m in ("seasonal_naive", "drift")},
                          {m: MODELS[m] for m in ("seasonal_naive", "naive")}, step=6,
                          min_train=24, n_paths=30, seed=3, strategy="ensemble")
    pd.testing.assert_frame_equal(again.forecasts, backtest.forecasts)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.booleans(), min_size=36, max_size=36),
       st.sampled_from(["energy_gwh", "peak_mw"]))
def test_a_year_is_an_actual_exactly_when_its_twelve_months_are(missing, kind):
    index = pd.period_range("2019-01", periods=36, freq="M")
    values = pd.Series(np.arange(1.0, 37.0), index=index)
    values[np.asarray(missing)] = np.nan
    annual = annual_actuals(values, kind)
    for year, months in values.groupby(index.year):
        got = annual[str(year)]
        if months.isna().any():
            assert np.isnan(got)
        else:
            assert got == (months.sum() if kind == "energy_gwh" else months.max())


def test_selected_peaks_are_its_energy_paths_shaped_by_past_weather_years():
    # every hour follows 1 + 0.2 sin(2 pi hour / 24): every weather year's peak is 1.2 x its
    # month's average, so selected's peak quantiles must be 1.2 x its energy quantiles in MW
    index = pd.date_range("2015-01-01", "2019-12-31 23:00", freq="h", tz="UTC")
    months = index.tz_localize(None).to_period("M")
    rng = np.random.default_rng(8)
    level = 1000 * np.exp(0.002 * (months.asi8 - months.asi8[0])
                          + 0.1 * np.cos(2 * np.pi * (months.month - 7) / 12)
                          + np.repeat(rng.normal(0, 0.02, 60), np.bincount(months.asi8
                                                                           - months.asi8[0])))
    load = pd.Series(level * (1 + 0.2 * np.sin(2 * np.pi * index.hour / 24)), index=index)
    bt = load_backtest(monthly_load(SimpleNamespace(load=load)),
                       {m: MODELS[m] for m in ("seasonal_naive", "drift")},
                       {"naive": MODELS["naive"]}, step=12, min_train=24, n_paths=30, seed=1,
                       strategy="ensemble", hourly=load)
    f = bt.forecasts[(bt.forecasts["model"] == "selected") & (bt.forecasts["period"].str.len()
                                                               == 7)]
    energy = f[f["metric"] == "energy_gwh"].set_index(["origin", "period"])
    peak = f[f["metric"] == "peak_mw"].set_index(["origin", "period"])
    assert len(peak) > 20 and peak.index.equals(energy.index)
    hours = pd.PeriodIndex(energy.index.get_level_values("period"), freq="M").days_in_month * 24
    for q in ("p10", "p50", "p90"):
        np.testing.assert_allclose(peak[q], 1.2 * energy[q] * 1000 / hours, rtol=1e-9)
    # the candidates' own peak models are still scored beside it
    assert {"seasonal_naive", "drift", "naive"} <= set(bt.forecasts.loc[
        bt.forecasts["metric"] == "peak_mw", "model"])


def test_with_a_data_center_split_selected_peaks_shape_the_base_and_add_the_flat_block():
    # base hours follow 1 + 0.2 sin(2 pi hour / 24); a flat 400 MW block starts in 2018. With
    # the split known at each origin, a path of average A peaks at 1.2 (A - D) + D, D the
    # data-center trend from the year-on-year change of the origin's last two 12-month means
    # (0 before 2018; rising from 400 at the 2018-12 origin; 400 at 2019-12); with the total
    # load's shapes the 2018 weather year would flatten every peak instead.
    index = pd.date_range("2014-01-01", "2020-12-31 23:00", freq="h", tz="UTC")
    months = index.tz_localize(None).to_period("M")
    level = 1000 * np.exp(0.1 * np.cos(2 * np.pi * (months.month - 7) / 12))
    block = np.where(index.year >= 2018, 400.0, 0.0)
    load = pd.Series(level * (1 + 0.2 * np.sin(2 * np.pi * index.hour / 24)) + block,
                     index=index)
    seen = []

    def split(known: pd.Series) -> pd.DataFrame:
        seen.append(known.index[-1])
        labels = known.index.tz_localize(None).to_period("M")
        dc = pd.Series(np.where(known.index.year >= 2018, 400.0, 0.0)).groupby(
            np.asarray(labels.asi8)).mean()
        return pd.DataFrame({"data_center_mw": dc.to_numpy()},
                            index=pd.PeriodIndex.from_ordinals(dc.index, freq="M"))

    kwargs = dict(step=12, min_train=24, n_paths=30, seed=1, strategy="ensemble", hourly=load)
    series = monthly_load(SimpleNamespace(load=load))
    candidates = {m: MODELS[m] for m in ("seasonal_naive", "drift")}
    bt = load_backtest(series, candidates, {}, split=split, **kwargs)
    plain = load_backtest(series, candidates, {}, **kwargs)
    # the split only ever sees the load up to each origin's last hour
    assert seen and all(t.hour == 23 and (t + pd.Timedelta(hours=1)).day == 1 for t in seen)
    f = bt.forecasts[(bt.forecasts["model"] == "selected") & (bt.forecasts["period"].str.len()
                                                               == 7)]
    energy = f[f["metric"] == "energy_gwh"].set_index(["origin", "period"])
    peak = f[f["metric"] == "peak_mw"].set_index(["origin", "period"])
    origin_year = energy.index.get_level_values("origin").str[:4].astype(int).to_numpy()
    ahead = (pd.PeriodIndex(energy.index.get_level_values("period"), freq="M").asi8
             - pd.PeriodIndex(energy.index.get_level_values("origin"), freq="M").asi8)
    level = np.where(origin_year >= 2018, 400.0, 0.0)
    before = np.where(origin_year >= 2019, 400.0, 0.0)
    d = np.maximum(level + (level - before) / 12 * (ahead + 5.5), 0.0)
    hours = pd.PeriodIndex(energy.index.get_level_values("period"), freq="M").days_in_month * 24
    avg = energy["p50"] * 1000 / hours
    assert (d > 400).any() and (d == 400).any() and (d == 0).any()
    np.testing.assert_allclose(peak["p50"], 1.2 * (avg - d) + d, rtol=1e-9)
    # without the split the 2019 origin mixes in 2018's flatter total shape: other peaks
    p = plain.forecasts
    p = p[(p["model"] == "selected") & (p["metric"] == "peak_mw") & (p["origin"] == "2019-12")]
    late = peak.xs("2019-12", level="origin")["p50"]
    assert not np.allclose(p.set_index("period")["p50"].loc[late.index], late, rtol=1e-3)


def test_independent_widening_keeps_selected_monthly_bands_and_narrows_its_annual_ones():
    """18 years of monthly energy with month-to-month weather noise and a candidate whose
    bands are too narrow (conformal factors above 1): widened independently, `selected`'s
    monthly bands are the stretched ones, while a year's sum no longer adds up the extra
    error of its months coherently, so its annual band is narrower."""
    rng = np.random.default_rng(4)
    index = pd.period_range("2003-01", "2020-12", freq="M")
    season = np.cos(2 * np.pi * (index.month.to_numpy() - 7) / 12)
    series = {"energy_gwh": pd.Series(8000 * np.exp(0.08 * season
                                                    + rng.normal(0, 0.04, len(index))),
                                      index=index)}
    candidates = {"seasonal_level": MODELS["seasonal_level"]}
    kwargs = dict(step=6, min_train=24, n_paths=200, seed=3, strategy="ensemble")

    def selected_widths(widening):
        f = load_backtest(series, candidates, {}, widening=widening, **kwargs).forecasts
        f = f[f["model"] == "selected"]
        width = (f["p90"] - f["p10"]).to_numpy()
        annual = f["period"].str.len().to_numpy() == 4
        return width[~annual], width[annual]

    monthly_s, annual_s = selected_widths("stretch")
    monthly_i, annual_i = selected_widths("independent")
    assert len(monthly_i) > 300 and len(annual_i) > 30
    assert 0.95 < np.median(monthly_i / monthly_s) < 1.05
    assert np.median(annual_i / annual_s) < 0.95


def _sine_zone(start: str, end: str) -> pd.Series:
    """Hourly load 1 + 0.2 sin(2 pi hour / 24) times a monthly level that repeats its shape
    every year (growth is exponential): every weather year's peak is 1.2 x its month's
    average and no year's month runs above its usual share."""
    index = pd.date_range(start, end, freq="h", tz="UTC")
    months = index.tz_localize(None).to_period("M")
    level = 1000 * np.exp(0.002 * (months.asi8 - months.asi8[0])
                          + 0.1 * np.cos(2 * np.pi * (months.month - 7) / 12))
    return pd.Series(level * (1 + 0.2 * np.sin(2 * np.pi * index.hour / 24)), index=index)


def _selected(bt, metric: str, annual: bool) -> pd.DataFrame:
    f = bt.forecasts
    keep = ((f["model"] == "selected") & (f["metric"] == metric)
            & ((f["period"].str.len() == 4) == annual))
    return f[keep].set_index(["origin", "period"])


def test_selected_annual_peak_is_the_forecasts_own_not_the_largest_noisy_month():
    # the forecast's annual peak is the year's largest hour at each path's typical base: here
    # 1.2 x the largest monthly P50 of average MW; the largest of each path's twelve noisy
    # monthly peaks (what the backtest used to score) has a median above that
    load = _sine_zone("2015-01-01", "2019-12-31 23:00")
    bt = load_backtest(monthly_load(SimpleNamespace(load=load)),
                       {m: MODELS[m] for m in ("seasonal_naive", "drift")},
                       {"naive": MODELS["naive"]}, step=12, min_train=24, n_paths=30, seed=1,
                       strategy="ensemble", hourly=load)
    energy = _selected(bt, "energy_gwh", annual=False)
    annual = _selected(bt, "peak_mw", annual=True)
    checked = 0
    for (origin, year), row in annual.iterrows():
        months = energy.xs(f"{origin}-12", level="origin")
        months = months[months.index.str.startswith(year)]
        if len(months) < 12:
            continue
        hours = pd.PeriodIndex(months.index, freq="M").days_in_month * 24
        assert row["p50"] == pytest.approx(1.2 * (months["p50"] * 1000 / hours).max(),
                                           rel=1e-9)
        checked += 1
    assert checked >= 2


def test_selected_peaks_at_an_origin_use_no_later_load():
    # two zones alike up to 2018-12; in the second, 2019's summers run 30% higher. The peaks
    # of `selected` forecast from 2017-12, monthly and annual, must not differ (the annual
    # peak scales each weather year's month by its share of the year against the usual
    # share: the usual share known at the origin)
    load = _sine_zone("2014-01-01", "2019-12-31 23:00")
    later = load.copy()
    summer = (later.index.year == 2019) & later.index.month.isin([6, 7, 8])
    later[summer] *= 1.3
    kwargs = dict(step=12, min_train=24, n_paths=30, seed=1, strategy="ensemble")
    candidates = {m: MODELS[m] for m in ("seasonal_naive", "drift")}
    runs = [load_backtest(monthly_load(SimpleNamespace(load=h)), candidates, {}, hourly=h,
                          **kwargs) for h in (load, later)]
    for annual, origin, periods in ((False, "2017-12", 12), (True, "2017", 2)):
        peaks = [_selected(bt, "peak_mw", annual).xs(origin, level="origin")["p50"]
                 for bt in runs]
        assert len(peaks[0]) == periods
        pd.testing.assert_series_equal(peaks[0], peaks[1])
