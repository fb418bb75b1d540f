"""The quiz items an offline page carries: those ``bonemets quiz`` would ask.

Only the public generation API is used (``build_pool`` and ``select`` over the pathways
and the bank), so the page asks exactly what ``bonemets quiz --seed SEED -n COUNT``
asks, with the same item ids (progress exported from the page lines up with the CLI's).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from bonemets_cli.load.catalog import Catalog, load_banks
from bonemets_cli.quiz.generate import build_pool, select
from bonemets_cli.quiz.items import QuizItem


@dataclass(frozen=True)
class OfflineQuiz:
    items: list[QuizItem]
    command: str  # the bonemets quiz command line that asks the same items
    skipped: dict[str, str] = field(default_factory=dict)  # pathway id → why left out


def offline_quiz(catalog: Catalog, pathways: Sequence[str], seed: int, count: int) -> OfflineQuiz:
    """``count`` items for ``seed``: from every pathway, or from each one named in turn."""
    bank = load_banks(catalog.folders)
    if not pathways:
        pool = build_pool(catalog, bank)
        return OfflineQuiz(
            select(pool, seed, count), f"bonemets quiz --seed {seed} -n {count}", pool.skipped
        )
    per_pathway: list[list[QuizItem]] = []
    skipped: dict[str, str] = {}
    for pid in dict.fromkeys(pathways):
        pool = build_pool(catalog, bank, pathway=pid)
        skipped.update(pool.skipped)
        per_pathway.append(select(pool, seed, count))
    mixed = [i for row in itertools.zip_longest(*per_pathway) for i in row if i is not None]
    items = list({i.id: i for i in mixed}.values())[:count]
    command = f"bonemets quiz --pathway {pathways[0]} --seed {seed} -n {count}"
    return OfflineQuiz(items, command if len(per_pathway) == 1 else "", skipped)
