"""Leaflet renderers: snapshots pin md, html and txt; escaping, layout and print rules.

Regenerate the snapshots after an intended change with::

    BONEMETS_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_export_renderers.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from snapshothelp import check_rendered

from bonemets_cli.export.contacts import load_contacts
from bonemets_cli.export.leaflet import build_leaflet, build_personal_leaflet, has_leaflet
from bonemets_cli.export.render import render
from bonemets_cli.load.catalog import Catalog, builtin_dir, load_catalog, pathway_files
from bonemets_cli.walk.replay import replay_route
from bonemets_cli.walk.transcript import load_answers

DATA = Path(__file__).parent / "data"
LEAFLET = DATA / "leaflet"
FIXTURE_PATHWAYS = ("mini", "other", "escape", "signs")
SHIPPED = sorted(
    doc.pathway.id
    for doc in load_catalog([builtin_dir()]).pathways.values()
    if has_leaflet(doc.pathway)
)
assert {p.stem for p in pathway_files(builtin_dir())} >= set(SHIPPED)
TEXT_FORMATS = ("md", "html", "txt")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([builtin_dir(), DATA / "valid", LEAFLET / "pathways"])


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@pytest.mark.parametrize("pathway", [*FIXTURE_PATHWAYS, *SHIPPED])
def test_snapshot(catalog: Catalog, pathway: str, fmt: str) -> None:
    check_rendered(f"{pathway}.{fmt}", render(build_leaflet(catalog, pathway), fmt).decode())


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_personal_leaflet_with_contacts_snapshot(catalog: Catalog, fmt: str) -> None:
    route = replay_route(catalog.pathway_set, "mini", load_answers(LEAFLET / "answers-mini.yaml"))
    leaflet = build_personal_leaflet(
        catalog, route, contacts=load_contacts(LEAFLET / "contacts.yaml")
    )
    check_rendered(f"mini-personal-contacts.{fmt}", render(leaflet, fmt).decode())


def test_html_escapes_pathway_text(catalog: Catalog) -> None:
    html = render(build_leaflet(catalog, "escape"), "html").decode()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<em>may</em>" not in html
    assert "Tests &amp; &lt;script&gt;" in html
    assert " & " not in html.split("<body>")[1]  # every ampersand of pathway text is escaped
    assert "https://example.org/guide?a=1&amp;b=2" in html


def test_markdown_escapes_pathway_text(catalog: Catalog) -> None:
    text = render(build_leaflet(catalog, "escape"), "md").decode()
    assert "<script>" not in text
    assert r"\<script\>alert(1)\</script\>" in text
    assert r"\*bold\* & \[linked\](http://x)" in text


def test_html_is_self_contained_and_prints_well(catalog: Catalog) -> None:
    html = render(build_leaflet(catalog, "mini"), "html", "letter").decode()
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert "@import" not in html
    assert not re.search(r"url\(", html)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "size: letter" in html
    assert "size: A4" in render(build_leaflet(catalog, "mini"), "html").decode()
    assert "page-break-inside: avoid" in html
    assert "page-break-after: avoid" in html
    # the emergency box does not rely on colour: the word and a thick border
    box = html.split('<section class="emergency')[1].split("</section>")[0]
    assert "EMERGENCY" in box
    assert re.search(r"\.emergency \{ border: [4-9]px solid", html)


def test_text_wraps_at_72_columns(catalog: Catalog) -> None:
    for pathway in [*FIXTURE_PATHWAYS, *SHIPPED]:
        text = render(build_leaflet(catalog, pathway), "txt").decode()
        for line in text.splitlines():
            # only a single unbreakable word (a web address) may run past the margin
            assert len(line) <= 72 or any(len(word) > 40 for word in line.split()), line


def test_markdown_emergency_box_is_a_blockquote_with_the_word(catalog: Catalog) -> None:
    text = render(build_leaflet(catalog, "mini"), "md").decode()
    box = [line for line in text.splitlines() if line.startswith(">")]
    assert box[0] == "> ## ⚠ EMERGENCY: get help now"
    assert "> - **Red flag?** Are your legs weaker than usual?\\" in box
    assert ">   If you answer “Yes”." in box
    assert box[4].startswith("> **Acute oncology / MSCC hotline:**")  # the numbers come first


def test_blank_contact_lines_to_write_on(catalog: Catalog) -> None:
    text = render(build_leaflet(catalog, "mini"), "txt").decode()
    assert "Acute oncology / MSCC hotline: ____________________" in text
    filled = build_leaflet(catalog, "mini", contacts=load_contacts(LEAFLET / "contacts.yaml"))
    assert (
        "Acute oncology / MSCC hotline: 0800 000 0000 (24 hours)" in render(filled, "txt").decode()
    )


@pytest.mark.slow
def test_templates_ship_in_the_wheel(tmp_path: Path) -> None:
    """The HTML template is package data read with importlib.resources, so it must be in the wheel."""
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).parent.parent
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(root)],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = (
        "import bonemets_cli, sys\n"
        "from bonemets_cli.load.catalog import builtin_dir, load_catalog\n"
        "from bonemets_cli.export.leaflet import build_leaflet\n"
        "from bonemets_cli.export.render import render\n"
        f"catalog = load_catalog([builtin_dir(), __import__('pathlib').Path({str(DATA / 'valid')!r})])\n"
        "sys.stdout.write(bonemets_cli.__file__ + '\\n')\n"
        "sys.stdout.write(render(build_leaflet(catalog, 'mini'), 'html').decode())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(unpacked)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    first, _, html = result.stdout.partition("\n")
    assert first.startswith(str(unpacked))
    check_rendered("mini.html", html)


@pytest.mark.parametrize("pathway", [*FIXTURE_PATHWAYS, *SHIPPED])
def test_markdown_renders_cleanly_as_commonmark(catalog: Catalog, pathway: str) -> None:
    """Rendered by a CommonMark parser with raw HTML allowed, pathway text stays text."""
    from markdown_it import MarkdownIt

    leaflet = build_leaflet(catalog, pathway)
    html = MarkdownIt("commonmark").render(render(leaflet, "md").decode())
    assert "<script>" not in html
    assert html.count("<h1>") == 1
    box = html.split("<blockquote>")[1].split("</blockquote>")[0]
    assert "<h2>⚠ EMERGENCY: get help now</h2>" in box
    assert "Acute oncology / MSCC hotline:</strong> ________________<br />" in box
    if leaflet.warning_signs:
        assert box.count("<li>") == len(leaflet.warning_signs)
        assert "<br />\nIf you answer" in box
    assert f"<em>{leaflet.disclaimer}</em>" in html
