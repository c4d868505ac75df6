"""`dcload runs` in a store published with `--output-dir DIR`: its link is named DIR, not
`latest`, and no run was ever shown as the latest (found by fuzzing: `runs list` had no `*`,
`runs show` said `latest: False`). The run of the store's one link into runs/ is shown as
the latest; publishing itself still follows only its own link."""

from __future__ import annotations

from pipelines.publishing.store import Store


def test_the_one_link_into_runs_is_the_latest_shown(tmp_path):
    (tmp_path / "runs" / "20260101T000000Z-a").mkdir(parents=True)
    (tmp_path / "runs" / "20260102T000000Z-b").mkdir()
    (tmp_path / "D").symlink_to(tmp_path / "runs" / "20260102T000000Z-b")
    store = Store(tmp_path)
    assert store.latest_run_id() is None  # publishing's own link, `latest`, is not there
    assert store.published_run_id() == "20260102T000000Z-b"
    (tmp_path / "E").symlink_to(tmp_path / "runs" / "20260101T000000Z-a")
    assert store.published_run_id() is None  # two links: none is the latest
    (tmp_path / "latest").symlink_to(tmp_path / "runs" / "20260101T000000Z-a")
    assert store.published_run_id() == "20260101T000000Z-a"  # `latest` wins
