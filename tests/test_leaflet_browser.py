"""The HTML leaflet in a real browser (headless Chromium through Playwright), as a phone
(400 px wide) and a desktop (1000 px) show it, and as the browser prints it.

One browser for the whole module; every check reads the laid-out page (boxes, computed
styles), not the HTML source.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tools import require

from bonemets_cli.export.contacts import load_contacts
from bonemets_cli.export.leaflet import build_leaflet
from bonemets_cli.export.render import render
from bonemets_cli.load.catalog import builtin_dir, load_catalog

CONTACTS = Path(__file__).parent / "data" / "leaflet" / "contacts.yaml"
WIDTHS = (400, 1000)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = require("chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """The entry-point leaflet with write-in lines, and the spine one filled in."""
    catalog = load_catalog([builtin_dir()])
    filled = load_contacts(CONTACTS)
    return {
        "blank": render(build_leaflet(catalog, "symptoms"), "html").decode(),
        "contacts": render(build_leaflet(catalog, "spine", contacts=filled), "html").decode(),
    }


def _open(browser: Any, html: str, width: int, media: str = "screen") -> Any:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.emulate_media(media=media)
    page.set_content(html, wait_until="load")
    return page


LAYOUT = """() => {
  const box = (el) => el.getBoundingClientRect();
  const sections = [...document.querySelectorAll('main > section, main > footer')];
  const lines = (el) => {  // how many lines the element's text is laid out on
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  };
  const labels = [...document.querySelectorAll('.numbers dt')].map((dt) => ({
    text: dt.textContent, lines: lines(dt)}));
  const blanks = [...document.querySelectorAll('.blank')].map((el) => ({
    display: getComputedStyle(el).display, height: box(el).height}));
  const asks = [...document.querySelectorAll('.ask')].filter(
    (el) => getComputedStyle(el).display !== 'none').length;
  return {
    first: sections[0].className, emergencyTop: box(document.querySelector('.emergency')).top,
    tops: sections.map((s) => box(s).top), labels, blanks, asks,
    scrollWidth: document.scrollingElement.scrollWidth,
    tel: [...document.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')),
    urls: [...document.querySelectorAll('a.url')].map((a) => [a.getAttribute('href'), a.textContent]),
  };
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("which", ["blank", "contacts"])
def test_emergency_panel_first_and_labels_on_one_line(
    browser: Any, pages: dict[str, str], which: str, width: int
) -> None:
    page = _open(browser, pages[which], width)
    layout = page.evaluate(LAYOUT)
    page.close()
    assert "emergency" in layout["first"]  # the first box on the page
    assert layout["emergencyTop"] == min(layout["tops"])
    assert layout["emergencyTop"] < 200  # under the title, in the first screenful
    assert layout["scrollWidth"] <= width  # nothing wider than the screen
    for label in layout["labels"]:
        assert label["lines"] == 1, label
    # no write-in lines on a screen; instead it says to ask for the number
    assert all(b["display"] == "none" or b["height"] == 0 for b in layout["blanks"])
    if which == "blank":
        assert layout["asks"] == len(layout["labels"])
        assert layout["tel"] == []
    else:
        assert layout["asks"] == 0
        assert set(layout["tel"]) == {"tel:08000000000", "tel:01632960001", "tel:01632960999"}
    assert layout["urls"]
    for href, text in layout["urls"]:
        assert href.startswith(("https://", "http://"))
        assert href == text


def test_write_in_lines_stay_in_print(browser: Any, pages: dict[str, str]) -> None:
    page = _open(browser, pages["blank"], 1000, media="print")
    layout = page.evaluate(LAYOUT)
    page.close()
    assert layout["blanks"]
    assert all(b["display"] != "none" and b["height"] > 10 for b in layout["blanks"])
    assert layout["asks"] == 0
