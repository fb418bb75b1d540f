"""Leaflets as PDF, printed by WeasyPrint from the same HTML as the HTML leaflet.

WeasyPrint is an optional extra (``pip install 'bonemets[pdf]'``): it brings system
libraries (Pango) that a ward PC may not have. The HTML is self-contained and every
fetch is refused, so printing never touches the network.
"""

from __future__ import annotations

import logging
from typing import Any, NoReturn

from bonemets_cli.errors import BonemetsError

INSTALL_HINT = "install it with: pip install 'bonemets[pdf]'"


class PdfUnavailable(BonemetsError):
    """WeasyPrint (or a system library it needs) is missing."""


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    """A leaflet must not depend on anything outside itself (or leak that it was printed)."""
    raise ValueError(f"leaflets are self-contained; refusing to fetch {url}")


def _layout(weasyprint: Any, html: str) -> Any:
    options = {"pdf_variant": "pdf/ua-1"}
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=_refuse_fetch).render(**options)


def to_pdf(html: str, compact: str | None = None) -> bytes:
    """Render self-contained leaflet HTML to PDF bytes, with no base URL and no fetching.

    A leaflet a few lines longer than its pages would end on a near-empty sheet: the
    ``compact`` HTML (a little smaller type) is printed instead wherever it saves a page.
    """
    try:
        import weasyprint
    except ImportError as exc:
        raise PdfUnavailable(f"PDF output needs WeasyPrint ({exc.msg}); {INSTALL_HINT}") from None
    except OSError as exc:  # a system library such as Pango is missing
        raise PdfUnavailable(
            f"WeasyPrint cannot load a system library ({exc}); see WeasyPrint's installation "
            f"guide, or use --format html and print from a browser"
        ) from None
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)  # font-subsetting notices are not the reader's concern
    try:
        document = _layout(weasyprint, html)
        pages = len(document.pages)
        if compact is not None and pages > 1:
            smaller = _layout(weasyprint, compact)
            if len(smaller.pages) < pages:
                document = smaller
        # PDF/UA: tagged, so screen readers and reflow follow the reading order; it also
        # carries the title, the language and (from the headings) the bookmarks
        pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    finally:
        logger.setLevel(level)
    return pdf
