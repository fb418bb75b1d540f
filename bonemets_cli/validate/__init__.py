"""Checks on loaded pathways: one driver runs every rule family, so callers agree. Never raises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from bonemets_cli.load.catalog import Catalog
from bonemets_cli.validate.documents import (
    duplicate_id_problems,
    load_problems,
    review_date_problems,
)
from bonemets_cli.validate.graph import Edge, build_edges, graph_problems
from bonemets_cli.validate.problems import RULES, Level, Problem, has_errors, place
from bonemets_cli.validate.readability import DEFAULT_READING_EASE
from bonemets_cli.validate.reading import hardest_node, lay_text_problems, pathway_reading_levels
from bonemets_cli.validate.scores import score_problems
from bonemets_cli.validate.sources import source_problems

__all__ = [
    "RULES",
    "Edge",
    "Level",
    "Problem",
    "build_edges",
    "hardest_node",
    "has_errors",
    "pathway_reading_levels",
    "validate_catalog",
]


def validate_catalog(
    catalog: Catalog,
    *,
    today: dt.date | None = None,
    only: Iterable[Path] | None = None,
    extra_rules: Iterable[Callable[[Catalog], Iterator[Problem]]] = (),
    reading_ease: float | None = DEFAULT_READING_EASE,
) -> list[Problem]:
    """All problems, sorted by place; ``only`` keeps those in the given files.

    ``reading_ease=None`` skips scoring the lay text, the slowest rule on large sets.
    """
    today = today or dt.date.today()
    problems: list[Problem] = list(load_problems(catalog))
    for check in (duplicate_id_problems, graph_problems, source_problems, score_problems):
        problems.extend(check(catalog))
    problems.extend(review_date_problems(catalog, today))
    problems.extend(lay_text_problems(catalog, reading_ease))
    for rule in extra_rules:
        problems.extend(rule(catalog))
    if only is not None:
        wanted = {p.resolve() for p in only}
        files = {p.location.file for p in problems}  # resolved once each, not per problem
        kept = {file for file in files if Path(file).resolve() in wanted}
        problems = [p for p in problems if p.location.file in kept]
    return sorted(set(problems), key=place)
