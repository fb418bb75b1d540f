"""Paths and helpers shared by the pathway tests (the fixtures are in ``conftest.py``).

Import with ``from pathwayhelp import ...``: pytest puts ``tests/`` on ``sys.path``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from bonemets_cli.load.catalog import Catalog
    from bonemets_cli.model import Pathway, Route

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
VALID = DATA / "valid"
INVALID = DATA / "invalid"
CLEAN_PATHWAY = VALID / "clean.yaml"
"""A pathway with no problems at all, not even warnings: a base for one-fault variants."""

PathwayBuilder = Callable[..., Path]
RunCli = Callable[..., subprocess.CompletedProcess[str]]


def clean_pathway_data(**changes: Any) -> dict[str, Any]:
    """The clean pathway as a dict (dates as ``datetime.date``), with top-level ``changes``.

    Read with bonemets' own YAML 1.2 reader: PyYAML's ``safe_load`` would turn ``id: yes``
    into True.
    """
    from bonemets_cli.load.yaml import read_yaml

    data = read_yaml(CLEAN_PATHWAY.read_bytes(), str(CLEAN_PATHWAY)).data
    data.update(changes)
    return data


class NoAliasDumper(yaml.SafeDumper):
    """Writes a shared sub-dict out twice: bonemets refuses YAML aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def clean_env(extra: Mapping[str, str] | None = None, home: Path | None = None) -> dict[str, str]:
    """A minimal environment: no colour forcing, no extra pathway folders, UTF-8 I/O."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "COLUMNS": "100",
        "TERM": "dumb",
    }
    if home is not None:
        env["HOME"] = str(home)
    env.update(extra or {})
    return env


def pathway_model(pid: str, nodes: Mapping[str, Any], **fields: Any) -> Pathway:
    """An in-memory pathway starting at node ``q``: the metadata no graph test looks at."""
    from bonemets_cli.model import Pathway

    return Pathway.model_validate(
        {
            "schema_version": 1,
            "id": pid,
            "title": pid,
            "version": "1.0.0",
            "summary": "s",
            "audience": ["patients"],
            "reviewed": "2026-01-01",
            "next_review": "2029-01-01",
            "producer": "tests",
            "start": "q",
            "nodes": nodes,
            **fields,
        }
    )


def routes_of(catalog: Catalog, pathway_id: str, node_id: str | None = None) -> list[Route]:
    """Every route (``model.graph.Route``) from a pathway's start, or from one of its nodes."""
    pathways = catalog.pathway_set
    return list(pathways.routes(pathways.start(pathway_id, node_id)))
