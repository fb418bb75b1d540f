"""Take the README's screenshot of the offline page (``docs/offline-html.png``).

    .venv/bin/python docs/screenshot.py

Exports the page, opens it in Debian's Chromium through Playwright (no browser is
downloaded), walks to a question with red-flag answers and saves a small palette PNG.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
OUT = HERE / "offline-html.png"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "bonemets.html"
        subprocess.run(
            [sys.executable, "-m", "bonemets_cli", "export", "html", "-o", str(page_file)],
            check=True,
        )
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page(viewport={"width": 560, "height": 1120})
            page.goto(page_file.as_uri())
            page.select_option("#start-select", "spine")
            page.click("#start-button")
            page.click('#walk-view [data-choice="no"]')
            page.keyboard.press("Tab")  # show the keyboard focus on the first answer
            page.evaluate("window.scrollTo(0, 0)")
            png = page.screenshot()
            browser.close()
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=32)
    image.save(OUT, optimize=True)
    print(f"{OUT}: {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
