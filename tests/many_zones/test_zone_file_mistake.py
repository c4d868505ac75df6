"""A zone file refused at a row (a typed negative load) stops a many-zone run with
that file's one-line error, where it had been one failed zone and the run went on to publish
every total above it without that zone (fuzz 7b #3: a refresh's top total 2030 energy -21%
under the same name). A zone whose data cannot give a forecast (too short), or a file that is
not a load file at all, still fails alone and the run goes on."""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from forecasting.many_zones.compute import compute_many_zones
from forecasting.many_zones.node_task import NodeTask, run_node
from tests.zones.synthetic import hourly_load, write_load


def set_load(path, row: int, value: str) -> None:
    """Set the load of data row `row` (1 = the first after the header) to `value`."""
    lines = path.read_text().splitlines()
    lines[row] = f"{lines[row].rsplit(',', 1)[0]},{value}"
    path.write_text("\n".join(lines) + "\n")


def typo_file(path, row: int = 100):
    write_load(path, hourly_load(700.0))
    set_load(path, row, "-50")
    return path


def short_file(path):
    write_load(path, hourly_load(500.0, start="2024-01-01"))  # 12 months: too few to model
    return path


def zone(path) -> NodeTask:
    return NodeTask(path.stem, "zone", (path.stem,), (str(path),))


def test_a_typed_negative_load_is_the_zones_input_error_with_its_row_and_field(tmp_path):
    result = run_node(zone(typo_file(tmp_path / "XX-B.csv", row=100)))
    assert not result.ok
    error = result.input_error
    assert isinstance(error, InputError)
    assert (error.row, error.field) == (100, "mw") and "negative load" in error.message
    assert result.reason == str(error)


def test_a_zone_too_short_or_not_a_load_file_is_no_input_error(tmp_path):
    short = run_node(zone(short_file(tmp_path / "XX-S.csv")))
    (tmp_path / "XX-N.csv").write_text("this is not,a load file\n1,2\n")
    not_load = run_node(zone(tmp_path / "XX-N.csv"))
    assert not short.ok and "complete months" in short.reason
    assert not not_load.ok and "unrecognised header" in not_load.reason
    assert short.input_error is None and not_load.input_error is None


def test_the_run_stops_on_the_typo_naming_file_row_and_field(tmp_path):
    folder = tmp_path / "z"
    folder.mkdir()
    short_file(folder / "XX-A.csv")
    typo_file(folder / "XX-B.csv", row=250)
    config = tmp_path / "zones.yaml"
    config.write_text("region: US48\nseries_dir: z\n")
    with pytest.raises(InputError) as refused:
        compute_many_zones(config)
    error = refused.value
    assert error.file.endswith("XX-B.csv") and (error.row, error.field) == (250, "mw")
    assert "\n" not in str(error) and "XX-A" not in str(error)


def test_every_zone_files_typo_on_the_first_ones_line(tmp_path):
    folder = tmp_path / "z"
    folder.mkdir()
    typo_file(folder / "XX-A.csv", row=7)
    typo_file(folder / "XX-B.csv", row=9)
    config = tmp_path / "zones.yaml"
    config.write_text("region: US48\nseries_dir: z\n")
    with pytest.raises(InputError) as refused:
        compute_many_zones(config)
    error = refused.value
    assert error.file.endswith("XX-A.csv") and error.row == 7
    assert "also refused: " in error.message and "XX-B.csv, row 9, field 'mw'" in error.message
