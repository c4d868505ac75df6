"""Write a run into a staging directory, then swap it into place.

Nothing under the target directory changes until every output has been written: a failure
before `publish` leaves the previous run as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def make_staging(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    staging.chmod(0o755)
    return staging


def publish(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` (two renames on the same file system)."""
    old = None
    if target.exists() or target.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rmdir(old)
        os.replace(target, old)
    os.replace(staging, target)
    if old is not None:
        if old.is_symlink():
            old.unlink()
        else:
            shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
