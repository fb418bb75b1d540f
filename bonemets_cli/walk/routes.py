"""Every route through the pathways, for safety tests, quiz vignettes and reviews.

Questions branch on each option; a score node branches once per band, with one set
of item choices (the first found) whose total lands in that band.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from bonemets_cli.load.catalog import Catalog
from bonemets_cli.model import (
    InfoNode,
    Option,
    OutcomeNode,
    Pathway,
    QuestionNode,
    ScoreItem,
    ScoreNode,
    Urgency,
)
from bonemets_cli.walk.engine import NodeKey, parse_key

MAX_PATHS = 100_000


@dataclass(frozen=True)
class PathStep:
    node: NodeKey
    choice: str  # option id; "band:MIN-MAX" at a score node; "" at an info node
    option: Option | None = None
    scores: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class WalkPath:
    steps: tuple[PathStep, ...]
    outcome: NodeKey
    urgency: Urgency

    def answers(self) -> dict[str, str]:
        """The scripted answers (``pathway:node[.item]`` → choice) that replay this path."""
        out: dict[str, str] = {}
        for step in self.steps:
            name = f"{step.node[0]}:{step.node[1]}"
            if step.option is not None:
                out[name] = step.option.id
            for item, choice in step.scores.items():
                out[f"{name}.{item}"] = choice
        return out


def enumerate_paths(
    catalog: Catalog, pathway_id: str, node_id: str | None = None
) -> list[WalkPath]:
    """All routes from a pathway's start (or ``node_id``) to an outcome, depth first."""
    pathways = {pid: doc.pathway for pid, doc in catalog.pathways.items()}
    return list(iter_paths(pathways, (pathway_id, node_id or pathways[pathway_id].start)))


def iter_paths(pathways: Mapping[str, Pathway], start: NodeKey) -> Iterator[WalkPath]:
    count = 0
    stack: list[tuple[NodeKey, tuple[PathStep, ...]]] = [(start, ())]
    while stack:
        key, steps = stack.pop()
        if len(steps) > 1000:
            raise ValueError(f"path from {start} longer than 1000 steps: is there a cycle?")
        node = pathways[key[0]].nodes[key[1]]
        branches: list[tuple[str, PathStep]] = []
        if isinstance(node, OutcomeNode):
            count += 1
            if count > MAX_PATHS:
                raise ValueError(f"more than {MAX_PATHS} paths from {start}")
            yield WalkPath(steps, key, node.urgency)
            continue
        if isinstance(node, InfoNode):
            branches.append((node.next, PathStep(key, "")))
        elif isinstance(node, QuestionNode):
            branches.extend((o.next, PathStep(key, o.id, o)) for o in node.options)
        elif isinstance(node, ScoreNode):
            for band in node.bands:
                chosen = choices_for_total(node.items, band.min, band.max)
                if chosen is not None:
                    branches.append(
                        (band.next, PathStep(key, f"band:{band.min}-{band.max}", None, chosen))
                    )
        for ref, step in reversed(branches):
            stack.append((parse_key(ref, key[0]), (*steps, step)))


def choices_for_total(items: tuple[ScoreItem, ...], low: int, high: int) -> dict[str, str] | None:
    """One choice per item whose points sum to a total in [low, high], or None."""
    reachable: dict[int, dict[str, str]] = {0: {}}
    for item in items:
        nxt: dict[int, dict[str, str]] = {}
        for total, picked in reachable.items():
            for choice in item.choices:
                nxt.setdefault(total + choice.points, {**picked, item.id: choice.id})
        reachable = nxt
    for total in sorted(reachable):
        if low <= total <= high:
            return reachable[total]
    return None
