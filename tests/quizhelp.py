"""Shared helpers for the quiz tests: fixture catalogs and the installed script."""

from __future__ import annotations

import sys
from pathlib import Path

from bonemets_cli.load.catalog import Catalog, builtin_dir, load_catalog, pathway_files

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
