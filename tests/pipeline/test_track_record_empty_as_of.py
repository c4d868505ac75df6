"""`track_record.as_of: []` is refused in one line (found by fuzzing: it was accepted, the
track record was a header alone and the report read "as it would have run at the end of :
each history ...")."""

from __future__ import annotations

import pytest

from forecasting.errors import InputError
from forecasting.io.config_file import load_config
from tests.conftest import Workspace


def test_an_empty_as_of_list_is_refused(workspace: Workspace):
    text = workspace.config.read_text()
    assert "  as_of: [2012, 2014, 2016]\n" in text
    workspace.config.write_text(text.replace("  as_of: [2012, 2014, 2016]\n", "  as_of: []\n"))
    with pytest.raises(InputError) as info:
        load_config(workspace.config)
    line = str(info.value)
    row = next(i for i, text in enumerate(workspace.config.read_text().splitlines(), 1)
               if "as_of: []" in text)
    assert f"row {row}, field 'track_record.as_of'" in line, line
    assert "at least one year" in line and "leave the track_record section out" in line, line
