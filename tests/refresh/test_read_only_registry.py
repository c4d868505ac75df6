"""`dcload runs` on a store in a folder it may not write (a read-only replica or backup
mount): the registry is opened read-only (immutable, as SQLite cannot make a WAL database's
shared-memory file there) and listed; a registry that cannot be opened for lack of permission
is said to be so, never called damaged with the advice to move it aside, which would start the
run history again. Root may write anywhere, so the read-only folder is what `os.access` says
(monkeypatched); on a real read-only mount it says the same."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from forecasting.errors import InputError
from pipelines.publishing import registry as registry_module
from pipelines.publishing.registry import Registry


def _registry(tmp_path: Path) -> Path:
    path = tmp_path / "store" / "registry.sqlite"
    with Registry(path) as registry:
        registry.insert("20260101T000000Z-aaaaaaaa", status="succeeded")
    return path


def test_a_registry_in_a_read_only_folder_is_read(tmp_path: Path, monkeypatch):
    path = _registry(tmp_path)
    monkeypatch.setattr(registry_module, "_writable", lambda folder: False)
    with Registry(path, create=False) as registry:
        assert [r.id for r in registry.rows()] == ["20260101T000000Z-aaaaaaaa"]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):  # a reader only
            registry.update("20260101T000000Z-aaaaaaaa", note="x")
    assert sorted(p.name for p in path.parent.iterdir()) == ["registry.sqlite"]


@pytest.mark.parametrize(("readable", "said"), [
    (True, "its folder cannot be written (a read-only file system or permissions)"),
    (False, "you may not read it (permissions)")])
def test_a_registry_that_cannot_be_opened_is_not_called_damaged(tmp_path: Path, monkeypatch,
                                                                readable: bool, said: str):
    path = _registry(tmp_path)

    def cannot_open(path, create):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(registry_module, "_connect", cannot_open)
    monkeypatch.setattr(registry_module, "_writable", lambda folder: False)
    monkeypatch.setattr(registry_module, "_readable", lambda file: readable)
    with pytest.raises(InputError) as refused:
        Registry(path, create=False)
    assert said in str(refused.value) and "registry.sqlite" in str(refused.value)
    assert "move it aside" not in str(refused.value)
    assert "not known to be damaged" in str(refused.value)
