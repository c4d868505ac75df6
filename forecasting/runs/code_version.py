"""The version of the code a run is computed with, for the run's fingerprint and the
many-zone task cache: dcload's version, a sha256 of the source that computes and publishes
its numbers, and the versions of the libraries those numbers come from.

    code_version() = "<__version__>+<first 12 hex of sha256(sources, libraries)>"

Sources: every ``*.py`` file of ``forecasting/`` and ``pipelines/`` and every template of
``reports/templates/`` beside the installed package, by path relative to its root and bytes,
in sorted order (``__pycache__`` and other files are not read, so a config or a data file
edited under ``pipelines/`` is not code). Libraries: `LIBRARIES` as installed
(``importlib.metadata``; "absent" when one is not).

Why: dcload's version string stays "0.1.0" across commits, so a store refreshed after an
upgrade said "up to date" and its many-zone task cache served every unchanged zone's result
computed by the old code (fuzz round 7: a node's energy x1.10 in a copy of the code, and the
warm store published the old numbers byte for byte). Any change of these files now reruns
what it may change; a change that moves no number costs one recomputation.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import forecasting

#: the folders whose files make a run's numbers and pages, with the files read in each
SOURCES = (("forecasting", "*.py"), ("pipelines", "*.py"), ("reports/templates", "*.j2"))
#: the libraries a run's numbers or pages come from
LIBRARIES = ("numpy", "pandas", "scipy", "statsmodels", "statsforecast", "prophet",
             "scikit-learn", "ruptures", "hierarchicalforecast", "pyarrow", "plotly",
             "jinja2", "pydantic")
#: the folder holding `forecasting/` (and, in a checkout, ``pipelines/`` and ``reports/``)
ROOT = Path(forecasting.__file__).resolve().parents[1]


@lru_cache(maxsize=8)
def code_version(root: Path = ROOT) -> str:
    """`forecasting.__version__` + a hash of the sources under ``root`` and the libraries'
    versions (module docstring)."""
    digest = hashlib.sha256()
    for folder, pattern in SOURCES:
        for path in sorted((Path(root) / folder).rglob(pattern)):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for library in LIBRARIES:
        try:
            installed = metadata.version(library)
        except metadata.PackageNotFoundError:
            installed = "absent"
        digest.update(f"{library}=={installed}\n".encode())
    return f"{forecasting.__version__}+{digest.hexdigest()[:12]}"
