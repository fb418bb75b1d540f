"""A quiz that scales with the pathways (issue 19): items come from the graph, never from
a listing of routes, and the benchmark holds the quiz to its budget."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from bonemets_cli.load.catalog import load_catalog
from bonemets_cli.model import PathwaySet
from bonemets_cli.quiz.generate import build_pool, select

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
from generate import generate  # noqa: E402 - the benchmark's own generator
from scale import BUDGET_QUIZ_RATIO, Row, over_budget  # noqa: E402


def test_a_quiz_over_thousands_of_nodes_lists_no_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(4000, tmp_path / "p")
    catalog = load_catalog([tmp_path / "p"])
    assert not catalog.errors

    def refuse(*_: object) -> None:
        raise AssertionError("the quiz listed routes")

    monkeypatch.setattr(PathwaySet, "routes", refuse)
    monkeypatch.setattr(PathwaySet, "broken", refuse)  # one pass for all: broken_pathways
    started = time.process_time()
    pool = build_pool(catalog)
    items = select(pool, 7, 10)
    assert time.process_time() - started < 5
    assert len(items) == 10
    # about one item per link into an outcome, per decision answer and per score case
    assert len(pool) > 4000
    assert [i.id for i in items] == [i.id for i in select(build_pool(catalog), 7, 10)]


def test_the_scale_benchmark_holds_the_quiz_to_its_budget() -> None:
    def row(nodes: int, validate: float, quiz: float) -> Row:
        return Row(nodes, 1, validate, validate, 0.0, 0.0, quiz_seconds=quiz)

    fine = {10_000: row(10_000, 1.0, 1.4), 100_000: row(100_000, 10.0, 14.0)}
    assert not [line for line in over_budget(fine, 10.0, 1.0) if "quiz" in line]
    slow = {10_000: row(10_000, 1.0, BUDGET_QUIZ_RATIO + 0.1)}
    assert any("quiz -n 10 on 10,000 nodes" in line for line in over_budget(slow, None, 1.0))
    assert not [line for line in over_budget(slow, None, 1.5) if "quiz" in line]  # --slack
    steep = {10_000: row(10_000, 1.0, 1.0), 100_000: row(100_000, 10.0, 13.0)}
    assert any("quiz 100k / 10k = 13.0" in line for line in over_budget(steep, 10.0, 1.0))
