"""`dcload data fetch`: retries with backoff, validation before replacement, and the last good
copy kept on any failure. A local scripted server stands in for EIA; no test touches the
internet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forecasting.errors import InputError
from forecasting.fetch import DATASETS, FetchError, Period, RetryPolicy, fetch
from forecasting.fetch.validate import validate_csv
from tests.fetch.conftest import FIXTURES, fixture_bytes
from tests.refresh.conftest import run_dcload

FAST = RetryPolicy(attempts=3, backoff_s=0.01, timeout_s=5)
EIA930 = DATASETS["eia930"]
H1 = Period(2024, "H1")
GOOD = "EIA930_BALANCE_2024_Jan_Jun.csv"
PATH = "/electricity/gridmonitor/sixMonthFiles/" + GOOD


def test_default_urls_point_at_eia():
    assert EIA930.url(period=H1) == (
        "https://www.eia.gov/electricity/gridmonitor/sixMonthFiles/"
        "EIA930_BALANCE_2024_Jan_Jun.csv")
    assert DATASETS["eia-annual"].url(base_url="http://x/") == (
        "http://x/totalenergy/data/browser/csv.php?tbl=T07.06")
    assert Period.parse("2023-h2") == Period(2023, "H2")
    with pytest.raises(ValueError):
        Period.parse("2023Q1")


def test_two_503s_then_success_writes_the_file(server, tmp_path: Path):
    url = server.script(PATH, (503, b"busy"), (503, b"busy"), (200, fixture_bytes(GOOD)))
    retries = []
    result = fetch(EIA930, url, tmp_path, period=H1, policy=FAST,
                   on_retry=lambda n, delay, why: retries.append((n, delay, why)))
    assert server.requests == [PATH] * 3
    assert result.tries == 3 and result.rows == 8
    assert [(n, d) for n, d, _ in retries] == [(1, 0.01), (2, 0.02)]
    assert "HTTP 503" in retries[0][2]
    assert (tmp_path / GOOD).read_bytes() == fixture_bytes(GOOD)
    meta = json.loads((tmp_path / (GOOD + ".meta.json")).read_text())
    assert meta["url"] == url and meta["rows"] == 8 and meta["sha256"] == result.sha256
    assert sorted(p.name for p in tmp_path.iterdir()) == [GOOD, GOOD + ".meta.json"]


@pytest.mark.parametrize(("script", "expected", "requests"), [
    ([("truncate", fixture_bytes(GOOD))] * 3, "gave up after 3 tries: truncated download", 3),
    ([(200, fixture_bytes("EIA930_truncated.csv"))],
     "row 6: expected 9 fields, got 5 (truncated or malformed file)", 1),
    ([(200, fixture_bytes("EIA930_malformed.csv"))],
     "row 3, field 'Demand (MW)': not a number (got 'n/a-err')", 1),
    ([(200, b"<!DOCTYPE html><html>maintenance</html>\n")],
     "header, field 'Balancing Authority': missing column(s)", 1),
    ([(200, fixture_bytes(GOOD).splitlines(keepends=True)[0])], "no data rows", 1),
    ([(200, b"")], "empty download", 1),
    ([(404, b"not found")], "HTTP 404", 1),
    ([(503, b"")] * 3, "gave up after 3 tries: HTTP 503", 3),
], ids=["truncated-transfer", "truncated-file", "malformed", "html", "header-only", "empty",
        "404", "503-forever"])
def test_a_bad_download_keeps_the_last_good_copy(server, tmp_path: Path, script, expected,
                                                 requests):
    good = tmp_path / GOOD
    good.write_bytes(fixture_bytes(GOOD))
    url = server.script(PATH, *script)
    with pytest.raises(FetchError) as error:
        fetch(EIA930, url, tmp_path, period=H1, policy=FAST)
    message = str(error.value)
    assert message.startswith(url) and expected in message, message
    assert f"kept the last good copy {good}" in message
    assert len(server.requests) == requests
    assert good.read_bytes() == fixture_bytes(GOOD)
    assert sorted(p.name for p in tmp_path.iterdir()) == [GOOD]  # no temp file left


def test_validation_accepts_eia_conventions(tmp_path: Path):
    summary = validate_csv(FIXTURES / GOOD, EIA930, source="x")
    assert summary.rows == 8  # "83,512" and a blank demand cell are fine
    annual = validate_csv(FIXTURES / "EIA_MER_T07.06.csv", DATASETS["eia-annual"], source="y")
    assert annual.rows == 5  # "Not Available" is a missing value, not an error
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError, match="not UTF-8"):
        validate_csv(bad, EIA930, source="z")
    bad.write_text('Balancing Authority,UTC Time at End of Hour,Demand (MW)\nPJM,"01/01,5\n')
    with pytest.raises(InputError, match="malformed CSV"):
        validate_csv(bad, EIA930, source="z")
    bad.write_text("Balancing Authority,UTC Time at End of Hour,Demand (MW)\nPJM,t,inf\n")
    with pytest.raises(InputError, match="not a number"):
        validate_csv(bad, EIA930, source="z")


@pytest.mark.slow
def test_cli_retries_then_writes_and_a_bad_file_exits_2_keeping_the_copy(server,
                                                                         tmp_path: Path):
    dest = tmp_path / "downloads"
    server.script(PATH, (503, b""), (503, b""), (200, fixture_bytes(GOOD)))
    args = ["data", "fetch", "eia930", "--period", "2024H1", "--base-url", server.base_url,
            "--dest", str(dest), "--retries", "2", "--backoff", "0.01", "--timeout", "5"]
    done = run_dcload(*args)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("retrying in") == 2 and "wrote " in done.stderr
    assert (dest / GOOD).read_bytes() == fixture_bytes(GOOD)

    server.script(PATH, (200, fixture_bytes("EIA930_malformed.csv")))
    bad = run_dcload(*args, "--quiet")
    assert bad.returncode == 2
    assert bad.stderr == (
        f"error: {server.base_url}{PATH}, row 3, field 'Demand (MW)': not a number "
        f"(got 'n/a-err'); kept the last good copy {dest / GOOD}\n")
    assert (dest / GOOD).read_bytes() == fixture_bytes(GOOD)

    annual = server.script("/mer.csv", (200, fixture_bytes("EIA_MER_T07.06.csv")))
    done = run_dcload("data", "fetch", "eia-annual", "--url", annual, "--dest", str(dest), "-q")
    assert done.returncode == 0, done.stderr
    assert (dest / "EIA_MER_T07.06_electricity_end_use.csv").is_file()


def test_a_file_of_another_half_year_is_refused_keeping_the_last_good_copy(server, tmp_path):
    # a wrong --url or --period stored EIA's 2024 H1 file as the 2026 H1 copy, which later
    # fetches took for the last good one (fuzz 9b D5)
    later = Period(2026, "H1")
    good = tmp_path / EIA930.filename(later)
    good.write_bytes(b"the last good copy")
    url = server.script(PATH, (200, fixture_bytes(GOOD)))
    with pytest.raises(FetchError) as error:
        fetch(EIA930, url, tmp_path, period=later, policy=FAST)
    message = str(error.value)
    assert "row 1, field 'UTC Time at End of Hour': 01/01/2024 6:00:00 AM is not in 2026H1 " \
        "(2026-01-01..2026-06-30)" in message and "--period" in message, message
    assert good.read_bytes() == b"the last good copy"
    # the same file under its own half-year is taken, as the other tests show
    assert validate_csv(FIXTURES / GOOD, EIA930, source="x", period=H1).rows == 8
