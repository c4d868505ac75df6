"""The zone report's note on the bands follows the factors the forecast applied
(calibration.csv), not the residual counts alone (fuzz round 7a D11): a horizon with enough
residuals whose conformal factor asked for a narrowing it had too few residuals for keeps
the models' own band (factor 1), and was called "calibrated by split conformal prediction
(factor 1.00)"; a 30-month zone's bands, none changed, read as calibrated, and nothing said
that its backtest had 6 origins. In process: the synthetic zone run with a calibration.csv
and backtest rows, rendered."""

import dataclasses
import re

import pandas as pd

from forecasting.backtest.calibration import MIN_RESIDUALS_TO_NARROW
from forecasting.report.zone_render import render_zone_report
from tests.report.synthetic_zone_run import page_text, without_charts, zone_run_files


def calibration(rows: list[tuple[int, int, float, float]]) -> pd.DataFrame:
    """calibration.csv from (horizon, n_residuals, factor applied, factor_80) rows; horizons
    with 5 residuals or more are calibrated, as the rule counts them."""
    return pd.DataFrame([{"horizon": h, "n_residuals": n, "min_residuals": 5,
                          "calibrated": n >= 5, "factor": f, "factor_80": f80,
                          "factor_90": f80 - 0.1, "scale": "log"} for h, n, f, f80 in rows])


def backtest_rows(origins: int) -> pd.DataFrame:
    """Monthly energy backtest rows of `selected` from `origins` monthly origins."""
    starts = pd.period_range("2024-01", periods=origins, freq="M")
    return pd.DataFrame([{"model": "selected", "metric": "energy_gwh", "origin": str(o),
                          "period": str(o + 1), "horizon": 1, "actual": 700.0,
                          "mean": 700.0, "p05": 650.0, "p10": 660.0, "p50": 700.0,
                          "p90": 740.0, "p95": 750.0, "observed": True}
                         for o in starts])


def render(tmp_path, monkeypatch, table: pd.DataFrame, origins: int) -> str:
    without_charts(monkeypatch)
    table.to_csv(tmp_path / "calibration.csv", index=False)
    run = dataclasses.replace(zone_run_files(tmp_path, data_center="none"),
                              backtest_forecasts=backtest_rows(origins))
    return render_zone_report(run)


def test_horizons_whose_narrowing_was_refused_are_model_based_and_thin_evidence_is_said(
        tmp_path, monkeypatch):
    """The 30-month TALS case: h=1-2 had 6 and 5 residuals asking for factors 0.50 and
    0.55, refused (fewer than 11), the rest had fewer than 5: no band was changed."""
    table = calibration([(1, 6, 1.0, 0.50), (2, 5, 1.0, 0.55)]
                        + [(h, 6 - h, 1.0, 0.3) for h in range(3, 7)])
    html = render(tmp_path, monkeypatch, table, origins=6)
    note = page_text(html, "bands-note")
    assert re.search(r'id="bands-note" data-bands="model-based"', html)
    assert "calibrated by split conformal" not in note
    assert "model-based" in note and "0.50, 0.55" in note
    assert f"a narrowing needs at least {MIN_RESIDUALS_TO_NARROW}" in note
    assert "6 origins, fewer than the 12" in page_text(html, "thin-evidence")


def test_only_horizons_whose_band_was_changed_are_called_calibrated(tmp_path, monkeypatch):
    """The PSEI case: h=1 narrowed (0.60 on 12), h=2 widened (1.02), h=3-4 kept (factor 1,
    the residuals asked 0.40 and 0.74 on 10): only 1-2 are calibrated, 3-4 are named as
    the models' own; 14 origins are no thin evidence."""
    table = calibration([(1, 12, 0.60, 0.60), (2, 12, 1.02, 0.87), (3, 10, 1.0, 0.40),
                         (4, 10, 1.0, 0.74), (5, 4, 1.0, 0.5)])
    html = render(tmp_path, monkeypatch, table, origins=14)
    note = page_text(html, "bands-note")
    assert re.search(r'data-bands="calibrated" data-calibrated-horizons="1,2" '
                     r'data-kept-horizons="3,4"', html)
    assert "monthly horizons 1-2 (" in note and "widened at 2, narrowed at 1" in note
    assert "h=3: 10 (factor" not in note
    assert "At monthly horizons 3-4" in note and "0.40, 0.74" in note
    assert 'id="thin-evidence"' not in html
