"""A quiz over pathways written by strangers: broken ones are left out by name, and one
with more routes than could ever be listed is quizzed in bounded time (items come from
its links, never from its routes)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import yaml
from clihelp import run_bonemets
from pathwayhelp import INVALID, VALID, NoAliasDumper

from bonemets_cli.load.catalog import load_catalog
from bonemets_cli.quiz.generate import build_pool, select
from bonemets_cli.quiz.items import ItemType

BROKEN = {
    "cycle": "a loop",
    "dangling-next": "which does not exist",
    "missing-start": "does not exist",
}


def quiz(folder: Path, tmp_path: Path, *args: str) -> Any:
    answers = tmp_path / "answers.json"
    answers.write_text('{"answers": {"1": "A"}}', encoding="utf-8")
    return run_bonemets(
        "--pathways-dir", folder, "quiz", "-n", "2", "--seed", "3", "--answers", answers,
        "--data-dir", tmp_path / "data", *args,
    )  # fmt: skip


def test_broken_pathways_are_left_out_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    shutil.copy(VALID / "bibliography.yaml", folder)
    for name in BROKEN:
        shutil.copy(INVALID / f"{name}.yaml", folder)
    result = quiz(folder, tmp_path)
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    for name, why in BROKEN.items():
        line = next(w for w in warnings if f"pathway '{name}'" in w)
        assert line.startswith("bonemets: warning: ")
        assert why in line
        assert "run 'bonemets validate'" in line
    assert "Score: " in result.stdout


def test_a_broken_pathway_asked_for_by_name_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    shutil.copy(VALID / "bibliography.yaml", folder)
    shutil.copy(INVALID / "cycle.yaml", folder)
    result = quiz(folder, tmp_path, "--pathway", "cycle")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "bonemets: error: pathway 'cycle' cannot be quizzed: 'cycle:start' leads back to "
        "'cycle:start', a loop; run 'bonemets validate' for the details"
    ]


def many_routes(questions: int) -> dict[str, Any]:
    """A valid pathway of ``questions`` yes/no steps in a row: 2**questions routes."""
    nodes: dict[str, Any] = {}
    for n in range(questions):
        following = f"q{n + 1}" if n + 1 < questions else "end"
        nodes[f"q{n}"] = {
            "kind": "question", "title": f"Step {n}?", "stage": "symptoms",
            "text": f"Question {n}.", "sources": ["ref"],
            "options": [
                {"id": "yes", "label": "Yes", "next": following},
                {"id": "no", "label": "No", "next": following},
            ],
        }  # fmt: skip
    nodes["end"] = {
        "kind": "outcome", "title": "End", "stage": "management", "text": "Done.",
        "urgency": "routine", "action": "Review.", "sources": ["ref"],
    }  # fmt: skip
    return {
        "schema_version": 1, "id": "wide", "title": "Wide", "version": "1.0.0",
        "summary": "Many routes.", "audience": ["tests"], "reviewed": "2026-01-01",
        "next_review": "2099-01-01", "producer": "tests", "start": "q0",
        "sources": {"ref": {"title": "A reference"}}, "nodes": nodes,
    }  # fmt: skip


def test_a_pathway_of_millions_of_routes_is_quizzed_in_bounded_time(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    text = yaml.dump(many_routes(20), Dumper=NoAliasDumper, sort_keys=False)  # 1,048,576 routes
    (folder / "wide.yaml").write_text(text.replace("'2026-01-01'", "2026-01-01"), encoding="utf-8")
    catalog = load_catalog([folder])
    assert not catalog.errors, catalog.errors
    started = time.perf_counter()
    pool = build_pool(catalog, types=[ItemType.NEXT_STEP, ItemType.URGENCY])
    # one urgency item per link into the outcome: 2, not 2**20 (no next-step item: the
    # one decision, the outcome, has nothing to offer beside it)
    assert sorted(pool.candidates) == ["urgency:wide:q19=no", "urgency:wide:q19=yes"]
    assert [i.id for i in select(pool, 1, 4)] == [i.id for i in select(pool, 1, 4)]
    assert time.perf_counter() - started < 5
    result = quiz(folder, tmp_path, "--pathway", "wide")
    assert result.returncode == 0, result.stderr
    assert time.perf_counter() - started < 30
