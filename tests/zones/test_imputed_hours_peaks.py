"""Hours an EIA-930 file marks as imputed (``category`` not OKAY) count for energy and not
for peaks: history.csv's peak is the largest measured hour, the held-out check's actual is
measured, a season partly in the history is floored at its measured hours only, and the
hourly profile counts an imputed weather-year hour as filled (`forecasting.zones.history`)."""

import numpy as np
import pandas as pd

from forecasting.zones.compute import compute_zone_run
from forecasting.zones.history import build_history
from forecasting.zones.read import read_zone_files
from tests.zones.synthetic import hourly_load, light_zone_config

SUMMER_HOUR = pd.Timestamp("2022-07-15 18:00")  # in a complete (weather) year
WINTER_HOUR = pd.Timestamp("2024-01-10 18:00")  # in the month the history ends inside
QUANTILES = ["mean", "p05", "p10", "p50", "p90", "p95"]


def eia930_file(path, load: pd.Series, imputed: dict[pd.Timestamp, float]) -> pd.DataFrame:
    """`load` (UTC hour starts) as an EIA-930 zone file (UTC hour ending), the hours of
    ``imputed`` given those values as ANOMALOUS_REGION (their raw value the load's); the
    rows as written, by hour start."""
    cleaned = load.round(1)
    category = pd.Series("OKAY", index=load.index)
    for hour, mw in imputed.items():
        cleaned[hour] = mw
        category[hour] = "ANOMALOUS_REGION"
    rows = pd.DataFrame({
        "date_time": (load.index + pd.Timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S"),
        "raw demand (MW)": load.round(1).to_numpy(), "category": category.to_numpy(),
        "cleaned demand (MW)": cleaned.to_numpy()}, index=load.index)
    rows.to_csv(path, index=False)
    return rows


def test_imputed_hours_set_no_peak_and_keep_their_energy(tmp_path):
    load = hourly_load(1000.0, "2021-01-01", "2024-01-20 23:00")
    load = load * np.random.default_rng(3).lognormal(0.0, 0.03, len(load))
    spikes = {SUMMER_HOUR: round(1.25 * float(load.max()), 1),
              WINTER_HOUR: round(1.45 * float(load.max()), 1)}
    rows = eia930_file(tmp_path / "zone.csv", load, spikes)
    history = build_history(read_zone_files([tmp_path / "zone.csv"]))
    for hour in spikes:  # evidence (not screened as outliers), and imputed
        assert history.hourly.loc[hour.tz_localize("UTC"), ["evidence", "imputed"]].all()
    assert int(history.imputed.sum()) == 2
    okay = rows["category"] == "OKAY"
    month = rows.index.to_period("M")

    config = light_zone_config(tmp_path / "zone.yaml", "SYN", str(tmp_path / "zone.csv"),
                               "timezone: UTC", "end_year: 2025", "profile_year: 2024")
    run = compute_zone_run(config).run
    table = run.history.set_index("period")
    july = month == pd.Period("2022-07", "M")
    measured_july = float(rows.loc[july & okay, "cleaned demand (MW)"].max())
    assert table.loc["2022-07", "peak_mw"] == measured_july < spikes[SUMMER_HOUR]
    assert table.loc["2022", "peak_mw"] == float(rows.loc[(rows.index.year == 2022) & okay,
                                                          "cleaned demand (MW)"].max())
    assert table.loc["2022-07", "imputed_hours"] == 1 and table.loc["2022-06",
                                                                    "imputed_hours"] == 0
    # energy keeps the imputed hour (the file's cleaned value), as before
    np.testing.assert_allclose(table.loc["2022-07", "energy_gwh"],
                               rows.loc[july, "cleaned demand (MW)"].sum() / 1000.0)
    assert table.loc["2024-01", "peak_mw"] < spikes[WINTER_HOUR]

    check = run.peak_check.set_index(["year", "season"])
    summer = (rows.index.year == 2022) & rows.index.month.isin([6, 7, 8, 9]) & okay
    assert check.loc[(2022, "summer"), "actual_mw"] == float(
        rows.loc[summer, "cleaned demand (MW)"].max())

    # winter 2024 is partly in the history (January): its floor is the measured January
    peaks = run.peaks[(run.peaks["year"] == 2024) & (run.peaks["season"] == "winter")]
    values = peaks[["peak_50_50_mw", "peak_90_10_mw", "weather_p05_mw", "growth_p10_mw"]]
    assert (values.to_numpy() < spikes[WINTER_HOUR]).all()
    f = run.forecast
    january = f[(f["metric"] == "peak_mw") & (f["component"] == "total")
                & (f["period"] == "2024-01")]
    assert (january[QUANTILES].to_numpy(dtype=float) < spikes[WINTER_HOUR]).all()

    # the profile may show the imputed weather hour, filled, and says so
    profile = run.profile.set_index("hour_start_utc")
    assert profile.loc["2024-07-15T18:00Z", "filled_share"] > 0
    assert profile.loc["2024-07-14T18:00Z", "filled_share"] == 0


def test_backtest_peak_series_skips_imputed_hours_and_energy_keeps_them(tmp_path):
    """The load backtest fits and scores the monthly peak series: an imputed hour is never its
    actual (PJM-PS 2023-05 had been scored at an imputed 5,929 MW against 5,138 measured)."""
    from forecasting.zones.backtest import monthly_load

    load = hourly_load(1000.0, "2021-01-01", "2023-12-31 23:00")
    spike = round(1.3 * float(load.max()), 1)
    rows = eia930_file(tmp_path / "zone.csv", load, {SUMMER_HOUR: spike})
    series = monthly_load(build_history(read_zone_files([tmp_path / "zone.csv"])))
    july = rows.index.to_period("M") == pd.Period("2022-07", "M")
    okay = rows["category"] == "OKAY"
    assert series["peak_mw"][pd.Period("2022-07", "M")] == float(
        rows.loc[july & okay, "cleaned demand (MW)"].max()) < spike
    energy = float(rows.loc[july, "cleaned demand (MW)"].sum()) / 1000.0
    assert np.isclose(series["energy_gwh"][pd.Period("2022-07", "M")], energy)
