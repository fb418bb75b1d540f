"""Which items a quiz asks: from the options, the loaded pathways, the bank and (for
``--due``) the review history."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bonemets_cli.errors import BonemetsError, UsageError
from bonemets_cli.load.catalog import Catalog, load_banks
from bonemets_cli.quiz.generate import build_pool, select
from bonemets_cli.quiz.items import QUESTION_TYPES, ItemType, QuizItem
from bonemets_cli.quiz.store import Store

if TYPE_CHECKING:
    from bonemets_cli.quiz.case import Case


@dataclass(frozen=True)
class QuizRequest:
    pathway: str | None = None
    count: int = 10
    seed: int | None = None
    types: tuple[ItemType, ...] = QUESTION_TYPES
    due: bool = False


@dataclass(frozen=True)
class QuizPlan:
    items: list[QuizItem]
    seed: int
    due: int = 0  # how many of the items were due (with --due)
    nothing_due_note: str | None = None
    skipped: dict[str, str] = field(default_factory=dict)  # pathway id → why it was left out
    reviews: frozenset[str] | None = None
    """With ``--due``: the ids of the items asked again because they are due (the rest are
    new); None without ``--due``."""


def parse_types(values: Iterable[str] | None) -> tuple[ItemType, ...]:
    """``--type`` values, repeatable or comma-separated; none means every question type.
    ``case`` (case scenarios) is asked on its own."""
    names = [n.strip() for v in values or () for n in v.split(",") if n.strip()]
    if not names:
        return QUESTION_TYPES
    known = {t.value: t for t in ItemType}
    bad = [n for n in names if n not in known]
    if bad:
        raise UsageError(f"unknown --type '{bad[0]}'; use one of: {', '.join(known)}")
    types = tuple(dict.fromkeys(known[n] for n in names))
    if ItemType.CASE in types and len(types) > 1:
        raise UsageError(
            "--type case runs case scenarios on their own; give it without other types"
        )
    return types


def new_seed() -> int:
    return random.SystemRandom().randrange(1, 1_000_000)


def plan_quiz(catalog: Catalog, request: QuizRequest, store: Store | None) -> QuizPlan:
    """The items to ask. Without ``--due`` the seed alone decides (the history is not read)."""
    if request.count < 1:
        raise UsageError("--count must be at least 1")
    bank = load_banks(catalog.folders) if ItemType.BANK in request.types else []
    pool = build_pool(catalog, bank, pathway=request.pathway, types=request.types)
    seed = request.seed if request.seed is not None else new_seed()
    if not request.due or store is None:
        items = select(pool, seed, request.count) if len(pool) else []
        if not items:
            raise _no_items(request)
        return QuizPlan(items, seed, skipped=pool.skipped)
    if not len(pool):
        raise _no_items(request)
    due = [i for i in store.due_ids() if i in pool.candidates]
    seen = store.seen_ids()
    items = select(pool, seed, request.count, due, only_first_and_new=lambda i: i not in seen)
    note = None
    if not items:
        nxt = store.next_due()
        when = f"; the next is due at {nxt.astimezone():%Y-%m-%d %H:%M}" if nxt else ""
        note = f"Nothing is due now and every item has been seen{when}."
    due_now = set(due)
    reviews = frozenset(i.id for i in items if i.id in due_now)
    return QuizPlan(items, seed, len(reviews), note, pool.skipped, reviews)


def _no_items(request: QuizRequest) -> BonemetsError:
    wanted = ", ".join(t.value for t in request.types)
    return BonemetsError(
        f"no quiz items of type {wanted} in the loaded pathways; try another --type or --pathway"
    )


def plan_cases(catalog: Catalog, request: QuizRequest) -> tuple[list[Case], int]:
    """``--type case``: the cases to walk and the seed (``--count`` cases)."""
    from bonemets_cli.quiz.case import build_cases

    if request.count < 1:
        raise UsageError("--count must be at least 1")
    if request.due:
        raise UsageError("--due reviews questions; it does not apply to --type case")
    pathways = catalog.pathway_set
    if request.pathway is not None:
        why = pathways.broken(pathways.pathway(request.pathway).id)
        if why:
            raise BonemetsError(
                f"pathway '{request.pathway}' cannot be quizzed: {why}; "
                "run 'bonemets validate' for the details"
            )
    seed = request.seed if request.seed is not None else new_seed()
    cases = build_cases(pathways, request.count, seed, request.pathway)
    if not cases:
        raise BonemetsError(
            "no case scenario can be made from the loaded pathways (a case needs a route "
            "with a decision to make); try another --pathway"
        )
    return cases, seed
