"""The outside programs some tests drive (a browser, poppler, Graphviz, lcov, npm tools).

``.ci/system-tools`` installs them, so in CI (``CI`` set) a missing one fails the test;
on a developer's machine without it the test is skipped with the install hint.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE_BIN = ROOT / ".ci" / "node" / "node_modules" / ".bin"
NODE_MODULES = ROOT / ".ci" / "node" / "node_modules"


def require(program: str) -> str:
    """The path of ``program`` (on PATH or in ``.ci/node``), or skip/fail the test."""
    found = shutil.which(program) or shutil.which(program, path=str(NODE_BIN))
    if found:
        return found
    message = f"{program} is not installed: run .ci/system-tools"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def require_node_module(name: str) -> Path:
    """The folder of an npm package installed by ``.ci/system-tools``, or skip/fail."""
    found = NODE_MODULES / name
    if found.is_dir():
        return found
    message = f"npm package {name} is not installed: run .ci/system-tools"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
