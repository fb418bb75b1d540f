"""The pathways as the quiz needs them: one pass over the graph, never a listing of routes.

Items are made per link (next step, urgency) and per score case, so the pool grows with
the number of nodes and links, not with the number of routes (which can double with
every question). A case's story needs one way in to the step it asks about: it is
sampled backwards from that step with the item's seeded random source, through steps a
start can reach, so only the items asked cost a walk.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterable
from functools import cached_property

from bonemets_cli.model import (
    AnyNode,
    InfoNode,
    Link,
    NodeRef,
    OutcomeNode,
    PathwaySet,
    QuestionNode,
    RouteStep,
    ScoreBand,
    ScoreNode,
    Urgency,
)
from bonemets_cli.model.graph import choices_for_total
from bonemets_cli.model.pathway import STAGES

MAX_BACK_STEPS = 30
"""A case tells at most this many answers before the one asked about: a way in from a
start past this (long chains of linked pathways) begins part way, so a story stays short."""


class QuizGraph:
    """Reachable nodes, who leads where, and each step's decision, computed once."""

    def __init__(self, pathways: PathwaySet, starts: Iterable[NodeRef]) -> None:
        self.pathways = pathways
        self.starts = list(dict.fromkeys(starts))
        self._decisions: dict[NodeRef, tuple[NodeRef, str] | None] = {}
        self._urgency: dict[NodeRef, Urgency | None] = {}
        self._stages: dict[tuple[str, str], list[tuple[NodeRef, str]]] = {}
        self._out: dict[NodeRef, list[Link]] = {}

    @cached_property
    def _index(self) -> tuple[dict[NodeRef, AnyNode], dict[NodeRef, list[tuple[NodeRef, Link]]]]:
        """Every node a start reaches, and for each the links that lead into it."""
        reached: dict[NodeRef, AnyNode] = {}
        into: dict[NodeRef, list[tuple[NodeRef, Link]]] = {}
        out = self._out
        todo = deque(self.starts)
        while todo:
            ref = todo.popleft()
            if ref in reached:
                continue
            node = self.pathways.find(ref)
            if node is None:
                continue
            reached[ref] = node
            out[ref] = links = self.pathways.successors(ref)
            for link in links:
                into.setdefault(link.target, []).append((ref, link))
                todo.append(link.target)
        return reached, into

    def reached(self) -> dict[NodeRef, AnyNode]:
        return self._index[0]

    def successors(self, ref: NodeRef) -> list[Link]:
        """Where ``ref`` leads (read once per node)."""
        self._index  # noqa: B018 - fills the links of every reachable node
        found = self._out.get(ref)
        if found is None:
            found = self._out[ref] = self.pathways.successors(ref)
        return found

    def links_into(self, ref: NodeRef) -> list[tuple[NodeRef, Link]]:
        return self._index[1].get(ref, [])

    # decisions -------------------------------------------------------------------------

    def decision(self, ref: NodeRef) -> tuple[NodeRef, str] | None:
        """The decision a link into ``ref`` stands for: the first step on from ``ref``
        (passing teaching steps) with an authored decision, or an outcome (its title).
        None where the way on is another question, or the step depends on local policy."""
        if ref not in self._decisions:
            self._decisions[ref] = self._find_decision(ref)
        return self._decisions[ref]

    def _find_decision(self, ref: NodeRef) -> tuple[NodeRef, str] | None:
        seen: set[NodeRef] = set()
        while ref not in seen:
            seen.add(ref)
            node = self.pathways.find(ref)
            if node is None:
                return None
            hints = node.quiz
            if hints is not None and hints.local_policy:
                return None
            if hints is not None and hints.decision:
                return ref, hints.decision
            if isinstance(node, OutcomeNode):
                return ref, node.title
            if not isinstance(node, InfoNode):
                return None
            ref = NodeRef.parse(node.next, ref.pathway)
        return None

    def urgency(self, ref: NodeRef) -> Urgency | None:
        """How urgently a step treats the case: the outcome's, or the most urgent outcome
        the step can lead to (for case scores: choosing less urgently than right).
        Worked out once per node, depth first, so the whole graph costs one pass."""
        todo = [ref]
        while todo:
            at = todo[-1]
            if at in self._urgency:
                todo.pop()
                continue
            node = self.pathways.find(at)
            if node is None or isinstance(node, OutcomeNode):
                self._urgency[at] = None if node is None else node.urgency
                todo.pop()
                continue
            targets = [link.target for link in self.successors(at)]
            waiting = [t for t in targets if t not in self._urgency and t not in todo]
            if waiting:
                todo.extend(waiting)
                continue
            found = [u for t in targets if (u := self._urgency.get(t)) is not None]
            self._urgency[at] = min(found, key=lambda u: u.rank, default=None)
            todo.pop()
        return self._urgency[ref]

    def stage_decisions(self, pathway_id: str, stage: str) -> list[tuple[NodeRef, str]]:
        """The steps of one pathway and stage that are decisions themselves (made once)."""
        key = (pathway_id, stage)
        if key not in self._stages:
            for ref, node in self.pathways.nodes(pathway_id):
                found = self.decision(ref)
                if found is not None and found[0] == ref:
                    self._stages.setdefault((pathway_id, node.stage), []).append(found)
            for other in STAGES:
                self._stages.setdefault((pathway_id, other), [])
        return self._stages.get(key, [])

    # ways in ---------------------------------------------------------------------------

    def step(self, ref: NodeRef, link: Link, rng: random.Random) -> RouteStep | None:
        """The step at ``ref`` that takes ``link``: a score's choices are drawn with ``rng``
        until they total within the band (the first fit found otherwise)."""
        node = self.pathways.node(ref)
        via = link.via
        if isinstance(via, ScoreBand):
            assert isinstance(node, ScoreNode)
            for _ in range(20):
                picked = {i.id: rng.choice(i.choices).id for i in node.items}
                if via.contains(node.total_of(picked)):
                    return RouteStep.scored(ref, via, picked)
            fit = choices_for_total(node.items, via.min, via.max)
            return None if fit is None else RouteStep.scored(ref, via, fit)
        if isinstance(node, QuestionNode):
            assert via is not None
            assert not isinstance(via, ScoreBand)
            return RouteStep(ref, via.id, via)
        return RouteStep(ref, "")

    def way_in(self, ref: NodeRef, rng: random.Random) -> tuple[RouteStep, ...]:
        """A random way to ``ref`` (not including it) from a start, or from at most
        ``MAX_BACK_STEPS`` before it: walked backwards through reachable steps, so it ends
        at a start unless cut short (the reachable graph has no loop)."""
        back: list[RouteStep] = []
        reached = self.reached()
        starts = set(self.starts)
        for _ in range(MAX_BACK_STEPS):
            if ref in starts and (not back or rng.random() < 0.5 or not self.links_into(ref)):
                break
            ways = [(src, link) for src, link in self.links_into(ref) if src in reached]
            if not ways:
                break
            rng.shuffle(ways)
            for src, link in ways:
                step = self.step(src, link, rng)
                if step is not None:
                    back.append(step)
                    ref = src
                    break
            else:
                break
        return tuple(reversed(back))
