"""Shared fixtures: throwaway pathway files, the real CLI in a subprocess, a plain console.

Kept generic so every feature's tests can use them; plain helpers and paths are in
``pathwayhelp.py``.
"""

from __future__ import annotations

import io
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from clihelp import run_bonemets
from pathwayhelp import VALID, NoAliasDumper, PathwayBuilder, RunCli

from bonemets_cli.load.catalog import Catalog, load_catalog, search_dirs
from bonemets_cli.model import PathwaySet
from bonemets_cli.walk.engine import Engine


@pytest.fixture
def pathway_builder(tmp_path: Path) -> PathwayBuilder:
    """Write a pathway (dict, YAML text or bytes) to ``tmp_path/folder/name`` and return its path.

    ``build("x.yaml", {...})``, ``build("x.yaml", "id: x\\n...")``, ``build("x.yaml", b"...")``;
    ``folder=`` puts it in a subfolder (created), so several pathways can share one folder.
    """

    def build(
        name: str, content: Mapping[str, Any] | str | bytes, *, folder: str | None = None
    ) -> Path:
        target = tmp_path / folder if folder else tmp_path
        target.mkdir(parents=True, exist_ok=True)
        path = target / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(
                yaml.dump(
                    dict(content),
                    Dumper=NoAliasDumper,
                    sort_keys=False,
                    allow_unicode=True,
                    default_flow_style=None,
                ),
                encoding="utf-8",
            )
        return path

    return build


@pytest.fixture
def run_cli(tmp_path: Path) -> RunCli:
    """Run the real CLI (``main(argv, terminal)``, in this process) with a clean environment.

    Returns a CompletedProcess (text); ``env=`` adds variables, ``cwd=`` defaults to
    ``tmp_path`` so nothing depends on the checkout as working folder. ``HOME`` is a
    folder of the test's own.
    """
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)

    def run(
        *args: str | os.PathLike[str],
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        input: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        return run_bonemets(*args, env=env, cwd=cwd or tmp_path, input=input, home=home)

    return run


@pytest.fixture
def plain_console() -> Any:
    """A fixed-width (100), no-colour rich console writing to a buffer: ``.file.getvalue()``."""
    from rich.console import Console

    return Console(
        file=io.StringIO(),
        width=100,
        color_system=None,
        force_terminal=False,
        highlight=False,
        legacy_windows=False,
    )


# The walk's fixtures: the tests/data/valid pathways only (no built-in ones).
@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(search_dirs([VALID], builtin=False))


@pytest.fixture(scope="module")
def engine(catalog: Catalog) -> Engine:
    return Engine(catalog.pathway_set)


@pytest.fixture(scope="module")
def pathways(catalog: Catalog) -> PathwaySet:
    return catalog.pathway_set
