"""Shipped leaflets as a hospital prints them: each PDF checked page by page.

Every shipped leaflet (A4, with the local contacts filled in and without) is rendered by
WeasyPrint, read back per page with pypdf and drawn with pdftoppm, and must hold: at most
four pages; the whole emergency panel (warning signs, what to do, the hotline) on page 1;
no box split across pages; no page ending in a heading; no mostly blank page; a tagged
PDF (PDF/UA) with a title, a language, bookmarks and live links.
"""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader
from tools import require

from bonemets_cli.export.contacts import load_contacts
from bonemets_cli.export.leaflet import Leaflet, build_leaflet, has_leaflet
from bonemets_cli.export.render import render
from bonemets_cli.load.catalog import Catalog, builtin_dir, load_catalog
from bonemets_cli.model.wording import LAY_URGENCY

DATA = Path(__file__).parent / "data"
CONTACTS = DATA / "leaflet" / "contacts.yaml"
SHIPPED = sorted(
    pid for pid, doc in load_catalog([builtin_dir()]).pathways.items() if has_leaflet(doc.pathway)
)
MAX_PAGES = 4


def flat(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Printed:
    leaflet: Leaflet
    pdf: bytes
    reader: PdfReader
    pages: list[str]  # each page's text, on one line
    fill: list[float]  # how far down each page the printing reaches (0 top, 1 bottom)


def _fill(pdf: bytes, tmp: Path) -> list[float]:
    """The lowest inked row of each page (running footer left out), as a page fraction."""
    (tmp / "leaflet.pdf").write_bytes(pdf)
    subprocess.run(
        [require("pdftoppm"), "-r", "24", "-gray", "-png", "leaflet.pdf", "page"],
        cwd=tmp,
        check=True,
    )
    fills = []
    for png in sorted(tmp.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1])):
        image = Image.open(png).convert("L")
        width, height = image.size
        body = height - round(height * 16 / 297)  # the bottom margin holds the page number
        data = image.tobytes()
        inked = [y for y in range(body) if min(data[y * width : (y + 1) * width]) < 128]
        fills.append((max(inked) + 1) / height if inked else 0.0)
    return fills


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([builtin_dir()])


@pytest.fixture(scope="module", params=["blank", "contacts"])
def printed(
    request: pytest.FixtureRequest, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Printed]:
    """Every shipped leaflet printed once per module: with write-in lines, and filled in."""
    contacts = load_contacts(CONTACTS) if request.param == "contacts" else None
    out = {}
    for pid in SHIPPED:
        leaflet = build_leaflet(catalog, pid, contacts=contacts)
        pdf = render(leaflet, "pdf", "a4")
        reader = PdfReader(io.BytesIO(pdf))
        pages = [flat(page.extract_text()) for page in reader.pages]
        fill = _fill(pdf, tmp_path_factory.mktemp(f"{pid}-{request.param}"))
        out[pid] = Printed(leaflet, pdf, reader, pages, fill)
    return out


def test_every_shipped_leaflet_fits_on_four_pages(printed: dict[str, Printed]) -> None:
    counts = {pid: len(p.pages) for pid, p in printed.items()}
    print(counts)  # shown with -s: the page count of each leaflet
    assert all(1 <= n <= MAX_PAGES for n in counts.values()), counts


def test_no_page_is_mostly_blank(printed: dict[str, Printed]) -> None:
    """A page before the last is filled at least half way; the last page carries at least
    a quarter page (the back matter: contacts, sources, dates), never a stray line or two."""
    for pid, p in printed.items():
        *body, last = p.fill
        assert all(f > 0.5 for f in body), (pid, p.fill)
        assert last > 0.25, (pid, p.fill)


def _boxes(leaflet: Leaflet) -> Iterator[tuple[str, str, str]]:
    """(name, first words, last words) of every box the leaflet prints."""
    signs = leaflet.warning_signs
    yield (
        "emergency panel",
        "EMERGENCY: GET HELP NOW",
        signs[-1].when if signs else leaflet.emergency_intro,
    )
    for emergency in leaflet.emergencies:
        yield emergency.title, emergency.title, emergency.action
    if leaflet.other_signs:
        last = leaflet.other_signs[-1]
        yield (
            "warning signs box",
            "WARNING SIGNS: CONTACT YOUR CARE TEAM",
            LAY_URGENCY[last.urgency],
        )
    for sign in leaflet.other_signs:
        yield sign.title, sign.title, LAY_URGENCY[sign.urgency]
    for section in leaflet.sections:
        for item in section.items:
            yield item.title, item.title, item.urgency or item.answer or item.text
    if leaflet.questions:
        yield "questions", "Questions to ask your doctor or nurse", leaflet.questions[-1]
    if leaflet.tell:
        yield "tell", "Things to tell your care team", leaflet.tell[-1]


def _ends(phrase: str, words: int = 6) -> tuple[str, str]:
    split = flat(phrase).split()
    return " ".join(split[:words]), " ".join(split[-words:])


def test_the_emergency_panel_is_whole_on_page_one(printed: dict[str, Printed]) -> None:
    for pid, p in printed.items():
        page1 = p.pages[0]
        leaflet = p.leaflet
        assert page1.index("EMERGENCY: GET HELP NOW") < 200, pid  # first, under the title
        assert flat(leaflet.emergency_action) in page1, pid
        hotline = leaflet.hotline
        assert f"{hotline.label}:" in page1, pid
        if hotline.value:
            assert flat(hotline.value) in page1, pid
        for sign in leaflet.warning_signs:
            for part in (*_ends(sign.statement or sign.title), *_ends(sign.when)):
                assert part in page1, (pid, sign.title, part)


def test_no_box_is_split_across_pages(printed: dict[str, Printed]) -> None:
    for pid, p in printed.items():
        for name, first, last in _boxes(p.leaflet):
            head, _ = _ends(first)
            _, tail = _ends(last)
            whole = [n for n, text in enumerate(p.pages) if head in text and tail in text]
            assert whole, f"{pid}: box '{name}' is split across pages (or missing)"


def test_no_page_ends_with_a_heading(printed: dict[str, Printed]) -> None:
    for pid, p in printed.items():
        headings = [flat(s.title) for s in p.leaflet.sections]
        headings += [flat(i.title) for s in p.leaflet.sections for i in s.items]
        for n, page in enumerate(p.reader.pages[:-1]):
            lines = [flat(line) for line in page.extract_text().splitlines() if line.strip()]
            body = [line for line in lines if not line.startswith(("Page ", p.leaflet.title))]
            assert body, (pid, n + 1)
            assert body[-1] not in headings, (pid, n + 1, body[-1])


def test_pdf_is_tagged_with_title_language_bookmarks_and_links(
    printed: dict[str, Printed],
) -> None:
    for pid, p in printed.items():
        root: Any = p.reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"], pid  # tagged
        assert "/StructTreeRoot" in root, pid
        assert str(root["/Lang"]).lower().startswith("en"), pid
        assert p.reader.metadata is not None
        assert p.reader.metadata.title == p.leaflet.title, pid
        titles = [item.title for item in _outline(p.reader.outline)]
        assert "EMERGENCY: get help now" in " ".join(titles) or any(
            "EMERGENCY" in t.upper() for t in titles
        ), (pid, titles)
        assert len(titles) >= 5, (pid, titles)
        uris = {
            annot.get_object()["/A"]["/URI"]
            for page in p.reader.pages
            for annot in page.get("/Annots", [])
            if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
        }
        urls = {c.url for c in p.leaflet.sources if c.url}
        assert urls, pid
        assert urls <= uris, (pid, urls - uris)


def _outline(items: list) -> Iterator:  # type: ignore[type-arg]
    for item in items:
        if isinstance(item, list):
            yield from _outline(item)
        else:
            yield item
