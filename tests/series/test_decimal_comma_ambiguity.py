"""A load column whose every comma value is under 1,000 with three digits after the comma
("11,768": 11.768 MW, or 11,768 MW) is refused in one line naming both readings and the fix;
found by fuzzing (a 10 MW zone written with decimal commas was read as thousands and
published 1,000 times too large, exit 0). Cells that settle it for thousands (two commas, a
comma and a point, plain values of a column crossing 1,000) are read as before."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.series.read import read_series
from tests.conftest import one_error_line, run_cli


def _write(path, texts, start="2024-01-01"):
    hours = pd.date_range(start, periods=len(texts), freq="h")
    body = "".join(f'{t},"{v}"\n' for t, v in zip(hours.strftime("%Y-%m-%d %H:%M"), texts,
                                                     strict=True))
    path.write_text("Timestamp,Load (MW)\n" + body)
    return path


def _decimal_commas(n: int, low: float, high: float) -> list[str]:
    """A small zone's load, three decimals, written with a decimal comma."""
    t = np.arange(n)
    load = low + (high - low) * (0.5 + 0.5 * np.sin(2 * np.pi * t / 24))
    return [f"{v:.3f}".replace(".", ",") for v in np.clip(load, low + 0.001, high)]


@pytest.mark.parametrize(("low", "high"), [(9.5, 17.9), (130.0, 617.0)],
                         ids=["10-MW-feeder", "300-MW-zone"])
def test_three_decimal_commas_are_refused_naming_both_readings(tmp_path, low, high):
    texts = _decimal_commas(48, low, high)
    with pytest.raises(InputError) as refused:
        read_series(_write(tmp_path / "eu.csv", texts))
    message = str(refused.value)
    first = texts[0]
    assert "row 1" in message and "Load (MW)" in message
    assert first.replace(",", ".") in message and first.replace(",", "") in message
    assert "decimal comma" in message and "point" in message


def test_zones_init_refuses_a_decimal_comma_zone_in_one_line(tmp_path):
    hours = 3 * 8760
    path = _write(tmp_path / "feeder.csv", _decimal_commas(hours, 9.5, 17.9), "2021-01-01")
    line = one_error_line(run_cli("zones", "init", "feeder", "--series", str(path),
                                   "--out", str(tmp_path / "feeder.yaml")))
    assert "decimal comma" in line and "feeder.csv" in line
    assert not (tmp_path / "feeder.yaml").exists()


@pytest.mark.parametrize(("texts", "expected"), [
    (["950", "987", "1,020", "1,100"], [950, 987, 1020, 1100]),
    (["1,234", "1,234,567", "2,000"], [1234, 1234567, 2000]),
    (["1,234.5", "2,000", "3,100"], [1234.5, 2000, 3100]),
], ids=["crossing-1000", "two-commas", "comma-and-point"])
def test_cells_that_settle_it_are_read_as_thousands(tmp_path, texts, expected):
    raw = read_series(_write(tmp_path / "grouped.csv", texts))
    assert raw.values.tolist() == expected


def test_a_plain_value_among_decimal_commas_does_not_settle_it(tmp_path):
    texts = _decimal_commas(24, 9.5, 17.9)
    texts[5] = "12"  # 12.000 with its zeros dropped: among the comma values as decimals
    with pytest.raises(InputError, match="decimal comma"):
        read_series(_write(tmp_path / "eu.csv", texts))
