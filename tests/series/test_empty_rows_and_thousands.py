"""Two reader messages that pointed elsewhere: a file with a header and no data rows says so
(it said no column holds dates), and a generic file whose loads are written with ','
thousands separators (``"12,070"``) is read when every value of the column has that form
(it was refused as having no numeric column, then as 'not a number'); a decimal comma
(``12,5``, ``0,987``) is never read as thousands."""

from __future__ import annotations

import pandas as pd
import pytest

from forecasting.errors import InputError
from forecasting.series.read import read_series


def write(path, values: list[str]) -> str:
    hours = pd.date_range("2024-01-01", periods=len(values), freq="h")
    pd.DataFrame({"timestamp": hours.strftime("%Y-%m-%d %H:%M"), "load_mw": values}).to_csv(
        path, index=False)
    return str(path)


@pytest.mark.parametrize("text", ["timestamp,load_mw\n", "timestamp,load_mw\n\n\n"],
                         ids=["header-only", "header-and-blank-lines"])
def test_a_header_without_data_rows_says_so(tmp_path, text):
    (tmp_path / "empty.csv").write_text(text)
    with pytest.raises(InputError) as refused:
        read_series(tmp_path / "empty.csv")
    assert refused.value.file.endswith("empty.csv")
    assert refused.value.message == "no data rows"


def test_loads_with_thousands_separators_are_read_detected_or_named(tmp_path):
    values = ["12,070", "11,936", "987", "1,234,567.5", "", "10,000.25"]
    path = write(tmp_path / "thousands.csv", values)
    expected = [12070.0, 11936.0, 987.0, 1234567.5, float("nan"), 10000.25]
    for named in ({}, {"value_col": "load_mw"}):
        raw = read_series(path, **named)
        assert raw.values.to_numpy() == pytest.approx(expected, nan_ok=True)


@pytest.mark.parametrize(("values", "bad", "hint"), [
    (["12,5", "13,25", "11,75"], "12,5", "decimal comma"),
    (["0,987", "0,912", "0,955"], "0,987", "decimal comma"),
    (["12,070", "11936", "12,001"], "12,070", "thousands separators are read only when every"),
], ids=["decimal-comma", "decimal-comma-under-one", "mixed-thousands"])
def test_a_decimal_comma_or_a_mixed_column_is_never_read_as_thousands(tmp_path, values, bad,
                                                                        hint):
    path = write(tmp_path / "comma.csv", values)
    with pytest.raises(InputError) as refused:
        read_series(path)  # no numeric column detected; a decimal comma named as such
    if hint == "decimal comma":
        assert refused.value.field == "load_mw" and hint in refused.value.message
    else:
        assert refused.value.field == "value_col"
    with pytest.raises(InputError) as refused:
        read_series(path, value_col="load_mw")
    assert f"not a number: '{bad}'" in refused.value.message and hint in refused.value.message
