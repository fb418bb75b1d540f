"""Shared helpers for the quiz tests: fixture catalogs and the installed script."""

from __future__ import annotations

import sys
from pathlib import Path

from bonemets_cli.load.catalog import Catalog, builtin_dir, load_catalog, pathway_files
from bonemets_cli.model import Link, NodeRef, PathwaySet

DATA = Path(__file__).parent / "data"
QUIZ_DIR = DATA / "quiz_pathways"
FIXTURE_DIRS = [DATA / "valid", QUIZ_DIR]
BONEMETS = str(Path(sys.executable).parent / "bonemets")


def catalog_for(folder: Path) -> Catalog:
    catalog = load_catalog([folder])
    assert not catalog.errors, catalog.errors
    return catalog


def all_catalogs() -> list[tuple[str, Catalog]]:
    """Every fixture folder, and the shipped pathways once they exist."""
    out = [(d.name, catalog_for(d)) for d in FIXTURE_DIRS]
    if pathway_files(builtin_dir()):
        out.append(("shipped", catalog_for(builtin_dir())))
    return out


def link_of(pathways: PathwaySet, item_id: str) -> tuple[NodeRef, Link]:
    """The node and the link a next-step or urgency item id names (``TYPE:NODE=CHOICE``)."""
    at, _, choice = item_id.split(":", 1)[1].partition("=")
    ref = NodeRef.parse(at, "")
    for link in pathways.successors(ref):
        via = link.via
        name = "" if via is None else getattr(via, "id", None) or f"band:{via.min}-{via.max}"  # type: ignore[union-attr]
        if name == choice:
            return ref, link
    raise AssertionError(f"{item_id} names no link")
