"""The layer rules hold, and would catch a break: the library never imports the application,
and no file under forecasting/ prints (output is the application's job)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from forecasting.paths import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True,
                          text=True, timeout=120, env={"PYTHONPATH": str(root), "PATH": ""})


def copy_tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root)
    for package in ("forecasting", "pipelines"):
        shutil.copytree(ROOT / package, root / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_the_shipped_tree_keeps_every_layer_contract():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_an_import_of_the_application_from_the_library_breaks_the_contract(tmp_path):
    root = copy_tree(tmp_path)
    model = root / "forecasting" / "models" / "drift.py"
    model.write_text(model.read_text() + "\nimport pipelines.publishing.store  # noqa\n")
    done = lint_imports(root)
    assert done.returncode != 0
    assert "forecasting.models.drift -> pipelines.publishing.store" in done.stdout


def test_no_library_module_calls_print():
    offenders = []
    for path in sorted((ROOT / "forecasting").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "print"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


#: where the library may touch the file system (README, architecture)
IO_MODULES = ("forecasting/io/", "forecasting/fetch/", "forecasting/series/read.py",
              "forecasting/zones/read.py",
              "forecasting/scenarios/catalog.py", "forecasting/report/run_files.py")
WRITES = {"write_text", "write_bytes", "mkdir", "unlink", "rmdir", "to_parquet", "rmtree",
          "fdopen", "mkstemp", "symlink_to"}
#: os.replace / os.rename (str.replace and DataFrame.rename are not file operations)
OS_WRITES = {"replace", "rename", "remove", "symlink", "makedirs"}


def _writes(node: ast.Call) -> bool:
    func = node.func
    if isinstance(func, ast.Attribute):
        if func.attr in WRITES:
            return True
        if (func.attr in OS_WRITES and isinstance(func.value, ast.Name)
                and func.value.id in ("os", "shutil")):
            return True
        if func.attr == "to_csv" and (node.args or any(k.arg == "path_or_buf"
                                                      for k in node.keywords)):
            return True
    if isinstance(func, ast.Name) and func.id == "open":
        modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)]
        modes += [k.value.value for k in node.keywords
                  if k.arg == "mode" and isinstance(k.value, ast.Constant)]
        return any(set(str(m)) & set("wax+") for m in modes)
    return False


def test_only_io_modules_of_the_library_write_files():
    offenders = []
    for path in sorted((ROOT / "forecasting").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name.startswith(IO_MODULES):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _writes(node):
                offenders.append(f"{name}:{node.lineno}")
    assert offenders == []
