"""One entry point for every leaflet format, so the command stays a thin layer.

Renderers are imported only for the format asked for: Markdown and text need no
Jinja2, and only PDF needs WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from bonemets_cli.errors import UsageError, visible
from bonemets_cli.export.contacts import LocalContacts
from bonemets_cli.export.leaflet import (
    Leaflet,
    LeafletIndex,
    build_index,
    build_leaflet,
    has_leaflet,
)
from bonemets_cli.load.catalog import Catalog

FORMATS = ("md", "html", "pdf", "txt")
INDEX_STEM = "index"


def format_for(output: Path | None, given: str | None) -> str:
    """The format a leaflet is written in: ``--format`` if given, else the ``-o`` file's
    extension, else Markdown. Both given and not agreeing is a mistake worth stopping for:
    a file called ``leaflet.pdf`` that holds Markdown would not open."""
    ext = output.suffix.lower().removeprefix(".") if output is not None else ""
    if given is None:
        if not ext:
            return "md"
        if ext not in FORMATS:
            raise UsageError(
                f"cannot tell the format from '{visible(str(output))}': name the file .{', .'.join(FORMATS)}"
                " or give --format"
            )
        return ext
    if ext in FORMATS and ext != given:
        raise UsageError(
            f"--format {given} does not match the file name '{visible(str(output))}' (.{ext}); "
            "make them agree, or drop --format"
        )
    return given


def print_date(environ: dict[str, str] | None = None) -> dt.date:
    """Today, or the date of ``$SOURCE_DATE_EPOCH`` (reproducible builds: the same bytes
    on any day)."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def render(leaflet: Leaflet, fmt: str, paper: str = "a4") -> bytes:
    """A leaflet as the bytes of a file in ``fmt`` (md, html, pdf or txt)."""
    if fmt == "md":
        from bonemets_cli.export.markdown import to_markdown

        return to_markdown(leaflet).encode()
    if fmt == "txt":
        from bonemets_cli.export.text import to_text

        return to_text(leaflet).encode()
    from bonemets_cli.export.html import Paper, to_html

    html = to_html(leaflet, Paper(paper))
    if fmt == "html":
        return html.encode()
    from bonemets_cli.export.pdf import to_pdf

    return to_pdf(html, to_html(leaflet, Paper(paper), compact=True))


def render_index(index: LeafletIndex, fmt: str, paper: str = "a4") -> bytes:
    if fmt == "md":
        from bonemets_cli.export.markdown import index_to_markdown

        return index_to_markdown(index).encode()
    if fmt == "txt":
        from bonemets_cli.export.text import index_to_text

        return index_to_text(index).encode()
    from bonemets_cli.export.html import Paper, index_to_html

    html = index_to_html(index, Paper(paper), ext=fmt)
    if fmt == "html":
        return html.encode()
    from bonemets_cli.export.pdf import to_pdf

    return to_pdf(html)


def render_all(
    catalog: Catalog,
    fmt: str,
    *,
    paper: str = "a4",
    contacts: LocalContacts | None = None,
    stamp: dt.date | None = None,
) -> dict[str, bytes]:
    """Every pathway's leaflet plus an index page, by file name, rendered in memory before
    any is written."""
    leaflets = [
        build_leaflet(catalog, pid, contacts=contacts, stamp=stamp)
        for pid in sorted(catalog.pathways)
        if has_leaflet(catalog.pathways[pid].pathway)
    ]
    files = {f"{lf.slug}.{fmt}": render(lf, fmt, paper) for lf in leaflets}
    index = build_index(leaflets, contacts=contacts, stamp=stamp)
    stem = INDEX_STEM if INDEX_STEM not in catalog.pathways else "leaflets-index"
    files[f"{stem}.{fmt}"] = render_index(index, fmt, paper)
    return files
