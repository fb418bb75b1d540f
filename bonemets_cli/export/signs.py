"""Warning signs for leaflets: red-flag answers, sorted by how soon they need help.

A red-flag option is a warning sign, but not every warning sign is an emergency: one
may lead to an urgent referral instead. So each sign's urgency is the *least* urgent
outcome its answer can lead to (following links into other pathways): only answers
that always end in an emergency go in the EMERGENCY box, and nothing is made to sound
less urgent than the pathway says. An answer whose outcomes cannot be found counts as
an emergency, the safe side.

A warning sign often leads into another pathway that asks a sharper question (a high
calcium level, then "are you confused?"). Those follow-up signs belong on the leaflet
too, so the signs are gathered along every red-flag answer, not only in one file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bonemets_cli.model import (
    AnyNode,
    InfoNode,
    NodeRef,
    Option,
    OutcomeNode,
    PathwaySet,
    QuestionNode,
    Urgency,
)
from bonemets_cli.model.graph import links


@dataclass(frozen=True)
class WarningSign:
    """A question whose answers are warning signs, with the answers that count."""

    title: str
    text: str
    answers: tuple[str, ...]
    urgency: Urgency  # the least urgent outcome these answers can lead to
    may_escalate: bool = False  # some later answer makes it an emergency
    partial: bool = False  # other answers to the question are signs of another urgency
    follow_up: bool = False  # every answer is a sign: asked once help is already needed

    @property
    def statement(self) -> str:
        """The sign in plain words: the question's text, or nothing where only some of the
        signs it lists have this urgency (then the answers that do say it, and a sign that
        needs a call today is not printed inside the emergency box)."""
        return "" if self.partial else self.text

    @property
    def when(self) -> str:
        """The answers in words: 'If you answer “Yes” or “I am not sure”.'"""
        quoted = [f"“{a.rstrip('.')}”" for a in self.answers]
        joined = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" or {quoted[-1]}"
        return f"If you answer {joined}."


def sign_urgency(pathways: PathwaySet, target: NodeRef) -> Urgency:
    """The least urgent outcome reachable from ``target``; emergency if none is found."""
    outcomes = pathways.reachable_outcomes(target)
    if not outcomes:
        return Urgency.EMERGENCY
    return max((o.urgency for _, o in outcomes), key=lambda u: u.rank)


def along_red_flags(
    pathways: PathwaySet, nodes: Iterable[tuple[NodeRef, AnyNode]]
) -> list[tuple[NodeRef, AnyNode]]:
    """``nodes`` plus every node a red-flag answer leads to, through info steps and links."""
    out: dict[NodeRef, AnyNode] = dict(nodes)
    todo = deque(
        target
        for ref, node in out.items()
        if isinstance(node, QuestionNode)
        for target in _onward(ref, node)
    )
    while todo:
        ref = todo.popleft()
        node = pathways.find(ref)
        if ref in out or node is None:
            continue
        out[ref] = node
        todo.extend(_onward(ref, node))
    return list(out.items())


def _onward(ref: NodeRef, node: AnyNode) -> list[NodeRef]:
    """Where a question's red-flag answers lead, or an info step on the way; scores and
    outcomes end the search."""
    if isinstance(node, InfoNode):
        return [link.target for link in links(ref.pathway, node)]
    return [target for _, target in _red_flags(ref, node)]


def _red_flags(ref: NodeRef, node: AnyNode) -> list[tuple[Option, NodeRef]]:
    """A question's red-flag answers, each with the node it leads to."""
    return [
        (link.via, link.target)
        for link in links(ref.pathway, node)
        if isinstance(link.via, Option) and link.via.red_flag
    ]


def warning_signs(
    pathways: PathwaySet, nodes: Iterable[tuple[NodeRef, AnyNode]]
) -> Iterator[WarningSign]:
    """One sign per question and urgency, most urgent first, in pathway order otherwise."""
    signs: list[WarningSign] = []
    for ref, node in nodes:
        if not isinstance(node, QuestionNode):
            continue
        grouped: dict[Urgency, list[str]] = {}
        escalates: set[Urgency] = set()
        for option, target in _red_flags(ref, node):
            urgency = sign_urgency(pathways, target)
            grouped.setdefault(urgency, []).append(option.lay or option.label)
            if any(o.urgency is Urgency.EMERGENCY for _, o in pathways.reachable_outcomes(target)):
                escalates.add(urgency)
        for urgency, answers in grouped.items():
            escalate = urgency in escalates and urgency is not Urgency.EMERGENCY
            signs.append(
                WarningSign(
                    node.title,
                    node.lay or node.text,
                    tuple(answers),
                    urgency,
                    escalate,
                    partial=len(grouped) > 1,
                    follow_up=len(grouped) == 1 and all(o.red_flag for o in node.options),
                )
            )
    yield from sorted(signs, key=lambda s: s.urgency.rank)


def emergency_outcomes(
    pathways: PathwaySet, nodes: Iterable[tuple[NodeRef, AnyNode]]
) -> list[tuple[NodeRef, OutcomeNode]]:
    """The pathway's own emergency outcomes, then those its emergency answers lead to."""
    nodes = list(nodes)
    found: dict[NodeRef, OutcomeNode] = {
        ref: node
        for ref, node in nodes
        if isinstance(node, OutcomeNode) and node.urgency is Urgency.EMERGENCY
    }
    for ref, node in nodes:
        for _, target in _red_flags(ref, node):
            if sign_urgency(pathways, target) is Urgency.EMERGENCY:
                for out_ref, outcome in pathways.reachable_outcomes(target):
                    found.setdefault(out_ref, outcome)
    return list(found.items())
