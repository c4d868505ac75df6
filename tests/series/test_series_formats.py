"""Format detection from a file's header."""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from forecasting.series.formats import detect_format, infer_unit

EIA = ["date_time", "raw demand (MW)", "category", "cleaned demand (MW)", "forecast demand (MW)"]


def test_eia930_detected_with_its_conventions():
    spec = detect_format("f.csv", EIA)
    assert spec.name == "eia930"
    assert (spec.date_col, spec.value_col, spec.flag_col) == (
        "date_time",
        "cleaned demand (MW)",
        "category",
    )
    assert (spec.unit, spec.tz, spec.hour_ending) == ("MW", "UTC", True)


def test_eia930_detection_ignores_case_and_spaces():
    spec = detect_format("f.csv", ["Date_Time", " Cleaned Demand (MW) "])
    assert spec.name == "eia930" and spec.value_col == " Cleaned Demand (MW) "


def test_pjm_detected_from_zone_column():
    spec = detect_format("f.csv", ["Datetime", "DOM_MW"])
    assert (spec.name, spec.value_col, spec.unit) == ("pjm", "DOM_MW", "MW")
    assert spec.tz == "America/New_York" and spec.hour_ending


def test_generic_needs_both_columns_and_infers_unit():
    spec = detect_format("f.csv", ["year", "load (GWh)"], date_col="year", value_col="load (GWh)")
    assert (spec.name, spec.unit, spec.hour_ending) == ("generic", "GWh", False)
    assert detect_format("f.csv", ["d", "v"], date_col="d", value_col="v").unit == "unspecified"
    assert infer_unit("PJME_MW") == "MW" and infer_unit("value") is None


def test_known_format_columns_can_be_overridden():
    spec = detect_format("f.csv", EIA, value_col="raw demand (MW)")
    assert spec.name == "eia930" and spec.value_col == "raw demand (MW)"


def test_unrecognised_header_names_file_and_expected_columns():
    with pytest.raises(InputError) as err:
        detect_format("data/x.csv", ["when", "load"])
    text = str(err.value)
    assert text.startswith("data/x.csv: unrecognised header")
    assert "'date_time'" in text and "'Datetime'" in text and "date_col" in text


def test_ambiguous_header_is_an_error():
    with pytest.raises(InputError, match="ambiguous header"):
        detect_format("x.csv", ["date_time", "cleaned demand (MW)", "Datetime", "DOM_MW"])


def test_pjm_header_with_several_zones_needs_value_col():
    cols = ["Datetime", "DOM_MW", "AEP_MW"]
    with pytest.raises(InputError, match="several load columns"):
        detect_format("x.csv", cols)
    assert detect_format("x.csv", cols, value_col="AEP_MW").value_col == "AEP_MW"


def test_unknown_format_name():
    with pytest.raises(InputError) as err:
        detect_format("x.csv", EIA, format="csv")
    assert "field 'format'" in str(err.value) and "eia930, pjm, generic" in str(err.value)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"format": "eia930"}, "cleaned demand (MW)"),
        ({"format": "pjm"}, "Datetime"),
        ({"format": "generic", "date_col": "date_time"}, "value_col"),
        ({"date_col": "date_time", "value_col": "nope"}, "nope"),
    ],
)
def test_missing_columns_name_the_field(kwargs, field):
    with pytest.raises(InputError) as err:
        detect_format("x.csv", ["date_time", "raw demand (MW)"], **kwargs)
    assert err.value.field == field
    assert str(err.value).startswith("x.csv, field ")
