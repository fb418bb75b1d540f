"""``bonemets graph`` drawn by the real tools: Graphviz (``dot -Tsvg``) and mermaid-cli.

What an author sees in the picture: titles with their own characters (an em dash, not
``u2014``), outcomes coloured by urgency the same way in both languages, a link into
another pathway ending in a box that says how urgent it can get, and ``--all`` drawing
the whole linked network with real arrows between pathways.
"""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from clihelp import run_bonemets
from tools import ROOT, require

from bonemets_cli.export.graph import COLOURS
from bonemets_cli.load.catalog import builtin_dir, load_catalog
from bonemets_cli.model import Urgency

PUPPETEER = ROOT / ".ci" / "puppeteer.json"
EMERGENCY_FILL = COLOURS[Urgency.EMERGENCY]["fill"]
URGENT_FILL = COLOURS[Urgency.URGENT]["fill"]


def graph(*args: str) -> str:
    result = run_bonemets("graph", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def dot_svg(source: str) -> str:
    done = subprocess.run(
        [require("dot"), "-Tsvg"], input=source, text=True, capture_output=True, check=True
    )
    assert "Warning" not in done.stderr, done.stderr
    return done.stdout


def test_dot_keeps_unicode_and_colours_by_urgency() -> None:
    svg = dot_svg(graph("spine", "-f", "dot"))
    assert "u2014" not in svg
    assert "Suspected MSCC — an oncological emergency, act now" in svg
    assert f'fill="{EMERGENCY_FILL}"' in svg
    assert f'fill="{URGENT_FILL}"' in svg


def test_dot_cross_pathway_targets_say_how_urgent_they_are() -> None:
    svg = dot_svg(graph("symptoms", "-f", "dot"))
    box = re.search(r"continues in spine:mscc_emergency: [^<]*\(EMERGENCY\)", svg)
    assert box, "the link into the MSCC emergency does not say it is one"
    assert "(EMERGENCY to ROUTINE)" in svg  # a pathway that can end anywhere says so


def test_dot_all_draws_the_whole_linked_network() -> None:
    source = graph("--all", "-f", "dot")
    svg = html.unescape(dot_svg(source))
    catalog = load_catalog([builtin_dir()])
    for doc in catalog.pathways.values():
        assert f">{doc.pathway.title}<" in svg  # each pathway's box
    nodes = sum(len(doc.pathway.nodes) for doc in catalog.pathways.values())
    assert svg.count('class="node"') == nodes  # every node once, no "continues in" stand-ins
    assert "continues in" not in svg
    assert '"limb__start" -> "spine__mscc_uemergency"' in source  # a real arrow across


def test_graph_needs_one_pathway_or_all() -> None:
    for args in ((), ("spine", "--all")):
        result = run_bonemets("graph", *args)
        assert result.returncode == 2
        assert "name one pathway" in result.stderr


@pytest.mark.slow
def test_mermaid_cli_draws_the_same_colours_and_text(tmp_path: Path) -> None:
    """One mmdc run (one browser start) for a single pathway and for the whole network."""
    mmdc = require("mmdc")
    charts = tmp_path / "charts.md"
    one, whole = graph("symptoms"), graph("--all")
    charts.write_text(f"```mermaid\n{one}```\n\n```mermaid\n{whole}```\n", encoding="utf-8")
    subprocess.run(
        [mmdc, "-q", "-p", str(PUPPETEER), "-i", str(charts), "-o", str(tmp_path / "out.md")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    single, network = [(tmp_path / f"out-{n}.svg").read_text(encoding="utf-8") for n in (1, 2)]
    for svg in (single, network):
        assert "u2014" not in svg
        assert "—" in svg
        assert EMERGENCY_FILL in svg
    assert URGENT_FILL in network
    assert "(EMERGENCY)" in single
    assert "continues in" not in network
