"""The scale benchmark's generator must keep writing valid pathways, or the benchmark
would time error reporting instead of validation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bonemets_cli.load.catalog import load_catalog
from bonemets_cli.model import InfoNode, OutcomeNode, QuestionNode, ScoreNode

GENERATE = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"


def test_generated_pathways_validate_clean(tmp_path: Path) -> None:
    folder = tmp_path / "synthetic"
    made = subprocess.run(
        [sys.executable, str(GENERATE), "500", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr

    checked = subprocess.run(
        [sys.executable, "-m", "bonemets_cli", "validate", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no problems" in checked.stdout

    catalog = load_catalog([folder])
    assert not catalog.errors
    assert len(catalog.documents) >= 4  # split across several files
    assert len(catalog.bibliographies) == 1  # one shared bibliography
    nodes = [n for d in catalog.documents for n in d.pathway.nodes.values()]
    assert len(nodes) == 500
    kinds = {type(n) for n in nodes}
    assert kinds == {QuestionNode, InfoNode, ScoreNode, OutcomeNode}
    pathways = catalog.pathway_set
    cross = [
        link
        for ref, _ in pathways.nodes()
        for link in pathways.successors(ref)
        if link.target.pathway != ref.pathway
    ]
    assert cross, "no cross-file links"
