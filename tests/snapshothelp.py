"""Snapshot files for the leaflet tests: compare, or rewrite with an environment variable.

Regenerate every snapshot with ``BONEMETS_UPDATE_SNAPSHOTS=1 python -m pytest`` and review
the diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SNAPSHOTS = Path(__file__).parent / "snapshots" / "leaflets"

STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)


def check_rendered(name: str, actual: str) -> None:
    """Pin a rendering; an HTML page's stylesheet is pinned once, in ``leaflet.css``.

    Every page inlines the same stylesheet (they are self-contained files), so each
    page's snapshot keeps a placeholder and every page's style must equal the one file.
    """
    if name.endswith(".html"):
        style = STYLE.search(actual)
        assert style, f"{name} has no inline stylesheet"
        check_snapshot("leaflet.css", style.group(0))
        actual = (
            actual[: style.start()] + "<style>(see leaflet.css)</style>" + actual[style.end() :]
        )
    check_snapshot(name, actual)


def check_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("BONEMETS_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"no snapshot {path}; run with BONEMETS_UPDATE_SNAPSHOTS=1"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{name} differs from its snapshot; if intended, run with BONEMETS_UPDATE_SNAPSHOTS=1"
    )
