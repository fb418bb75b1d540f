"""The walk as a pure state machine: no terminal, no files, no clock.

A walk is its start and the answers given so far; everything else (where we are, the
running score, the outcome) is derived by replaying those answers. That makes back,
restart and transcript replay exact by construction. Info nodes need no answer and
are passed through; a walk stops at a question, at the next item of a score, or at
an outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bonemets_cli.errors import BonemetsError
from bonemets_cli.model import (
    AnyNode,
    InfoNode,
    NodeRef,
    Option,
    OutcomeNode,
    PathwaySet,
    QuestionNode,
    ScoreBand,
    ScoreChoice,
    ScoreItem,
    ScoreNode,
)

MAX_STEPS = 10_000  # the validator forbids cycles; this guards a walk on unvalidated files


class WalkError(BonemetsError):
    """An answer that does not fit the step it is given to."""


@dataclass(frozen=True)
class Answer:
    """One answer: an option of a question, or a choice for one item of a score."""

    node: NodeRef
    choice: str
    item: str | None = None

    @property
    def name(self) -> str:
        """``pathway:node`` or ``pathway:node.item``: the name scripted answers use."""
        return self.node.item_name(self.item)


@dataclass(frozen=True)
class Step:
    """A node the walk passed, with the answer(s) given there (none for info/outcome)."""

    key: NodeRef
    node: AnyNode
    answers: tuple[Answer, ...] = ()
    band: ScoreBand | None = None
    total: int | None = None


@dataclass(frozen=True)
class Position:
    """Where a walk stands: the steps so far and what it waits for."""

    steps: tuple[Step, ...]
    key: NodeRef
    node: AnyNode
    item: ScoreItem | None = None  # the score item awaiting a choice
    total: int = 0  # the running score total at a score node
    scored: tuple[Answer, ...] = ()  # items already answered at this score node

    @property
    def name(self) -> str:
        """What the walk waits for, as scripted answers name it (``pathway:node[.item]``)."""
        return self.key.item_name(self.item.id if self.item else None)

    @property
    def finished(self) -> bool:
        return isinstance(self.node, OutcomeNode)

    @property
    def outcome(self) -> OutcomeNode | None:
        return self.node if isinstance(self.node, OutcomeNode) else None

    def running_band(self) -> ScoreBand | None:
        """The band the total so far falls in (with the items still to come at their minimum)."""
        if not isinstance(self.node, ScoreNode):
            return None
        remaining = self.node.items[len(self.scored) :]
        return self.node.band_for(self.total + sum(i.min_points for i in remaining))


@dataclass(frozen=True)
class WalkState:
    start: NodeRef
    answers: tuple[Answer, ...] = field(default=())


def breadcrumb(steps: tuple[Step, ...], current_stage: str) -> tuple[str, ...]:
    """Stages in the order visited, consecutive repeats merged (Symptoms › Imaging ...)."""
    out: list[str] = []
    for stage in [s.node.stage for s in steps] + [current_stage]:
        if not out or out[-1] != stage:
            out.append(stage)
    return tuple(out)


def pathways_walked(steps: tuple[Step, ...], here: NodeRef) -> tuple[str, ...]:
    """Ids of the pathways a walk has been through, in order, the current one last."""
    out: list[str] = []
    for pathway in [s.key.pathway for s in steps] + [here.pathway]:
        if not out or out[-1] != pathway:
            out.append(pathway)
    return tuple(out)


class Engine:
    """Derives positions from states over a fixed set of pathways."""

    def __init__(self, pathways: PathwaySet) -> None:
        self.pathways = pathways

    def begin(self, pathway_id: str, node_id: str | None = None) -> WalkState:
        return WalkState(self.pathways.start(pathway_id, node_id))

    def position(self, state: WalkState, since: Position | None = None) -> Position:
        """Replay the answers from the start; raise ``WalkError`` if one does not fit.

        ``since`` may be the position of an earlier state of the same walk (a prefix of
        its answers): the replay then goes on from there instead of from the start, so a
        scripted walk of n answers costs n steps, not n² (``bonemets test`` runs every
        route). A ``since`` that is not such a prefix is ignored.
        """
        steps: list[Step] = []
        key = state.start
        pending = list(state.answers)
        scored: list[Answer] = []  # a score node's items answered so far
        total = 0
        first = since and (since.steps[0].key if since.steps else since.key)
        if since is not None and not since.finished and first == state.start:
            done = tuple(a for step in since.steps for a in step.answers) + since.scored
            if state.answers[: len(done)] == done:
                steps, key, pending = list(since.steps), since.key, pending[len(done) :]
                scored, total = list(since.scored), since.total
        for _ in range(MAX_STEPS):
            node = self.pathways.node(key)
            if isinstance(node, OutcomeNode):
                return Position(tuple(steps), key, node)
            if isinstance(node, InfoNode):
                steps.append(Step(key, node))
                key = self._follow(key, node.next)
                continue
            if isinstance(node, QuestionNode):
                if not pending:
                    return Position(tuple(steps), key, node)
                answer = pending.pop(0)
                option = self._option(key, node, answer)
                steps.append(Step(key, node, (answer,)))
                key = self._follow(key, option.next)
                continue
            assert isinstance(node, ScoreNode)
            for item in node.items[len(scored) :]:
                if not pending:
                    return Position(tuple(steps), key, node, item, total, tuple(scored))
                answer = pending.pop(0)
                total += self._choice(key, item, answer).points
                scored.append(answer)
            band = node.band_for(total)
            if band is None:
                raise WalkError(f"no band of '{key}' covers total {total}; run 'bonemets validate'")
            steps.append(Step(key, node, tuple(scored), band, total))
            key = self._follow(key, band.next)
            scored, total = [], 0
        raise WalkError(f"the walk from '{state.start}' never ends; run 'bonemets validate'")

    def answer(self, state: WalkState, text: str, pos: Position | None = None) -> WalkState:
        """Answer the waiting step by option/choice id or label (case-insensitive).

        ``pos`` is ``position(state)`` when the caller has it already: a scripted walk
        then replays each answer once, not twice.
        """
        pos = pos or self.position(state)
        if pos.finished:
            raise WalkError("the walk has reached its outcome; restart to walk again")
        choices = self.choices(pos)
        wanted = text.strip().casefold()
        for choice_id, label in choices:
            if wanted in (choice_id.casefold(), label.casefold()):
                item = pos.item.id if pos.item else None
                return replace(state, answers=(*state.answers, Answer(pos.key, choice_id, item)))
        raise WalkError(
            f"'{text}' is not an answer to '{pos.name}'; choose one of: "
            + ", ".join(f"{cid} ({label})" for cid, label in choices)
        )

    def back(self, state: WalkState) -> tuple[WalkState, Answer | None]:
        """Undo the last answer; returns it so the UI can say what was discarded."""
        if not state.answers:
            return state, None
        return replace(state, answers=state.answers[:-1]), state.answers[-1]

    def restart(self, state: WalkState) -> WalkState:
        return WalkState(state.start)

    def choices(self, pos: Position) -> list[tuple[str, str]]:
        """(id, label) of what the waiting step accepts."""
        if isinstance(pos.node, QuestionNode):
            return [(o.id, o.label) for o in pos.node.options]
        if pos.item is not None:
            return [(c.id, c.label) for c in pos.item.choices]
        return []

    def describe(self, answer: Answer) -> str:
        """The answer's label, for summaries and 'back' messages."""
        return self.pathways.describe(answer.node, answer.choice, answer.item)

    def _follow(self, key: NodeRef, ref: str) -> NodeRef:
        target = NodeRef.parse(ref, key.pathway)
        self.pathways.node(target)
        return target

    def _option(self, key: NodeRef, node: QuestionNode, answer: Answer) -> Option:
        if answer.node != key or answer.item is not None:
            raise WalkError(f"expected an answer for '{key}', got one for '{answer.name}'")
        for option in node.options:
            if option.id == answer.choice:
                return option
        raise WalkError(f"'{answer.choice}' is not an option of '{key}'")

    def _choice(self, key: NodeRef, item: ScoreItem, answer: Answer) -> ScoreChoice:
        name = key.item_name(item.id)
        if answer.node != key or answer.item != item.id:
            raise WalkError(f"expected an answer for '{name}', got '{answer.name}'")
        for choice in item.choices:
            if choice.id == answer.choice:
                return choice
        raise WalkError(f"'{answer.choice}' is not a choice of '{name}'")
