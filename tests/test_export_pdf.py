"""PDF leaflets: rendered by WeasyPrint from the leaflet HTML, read back with pypdf."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from bonemets_cli.export.leaflet import build_leaflet, has_leaflet
from bonemets_cli.export.render import render
from bonemets_cli.load.catalog import Catalog, builtin_dir, load_catalog, pathway_files
from bonemets_cli.model.wording import LEAFLET_DISCLAIMER as DISCLAIMER

DATA = Path(__file__).parent / "data"
PATHWAYS = [
    "mini",
    "other",
    *sorted(
        p.stem
        for p in pathway_files(builtin_dir())
        if has_leaflet(load_catalog([], [p]).documents[0].pathway)
    ),
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([builtin_dir(), DATA / "valid"])


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("pathway", PATHWAYS)
def test_pdf_holds_the_key_text(catalog: Catalog, pathway: str, paper: str) -> None:
    leaflet = build_leaflet(catalog, pathway)
    data = render(leaflet, "pdf", paper)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    print(f"{pathway} ({paper}): {pages} page(s)")  # shown with -rP / -s in the test report
    assert 1 <= pages <= 12
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    assert flat(leaflet.title) in text
    assert "EMERGENCY" in text
    assert flat(DISCLAIMER) in text
    assert f"Page 1 of {pages}" in text
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    expected = (595, 842) if paper == "a4" else (612, 792)  # points
    assert (round(width), round(height)) == expected
