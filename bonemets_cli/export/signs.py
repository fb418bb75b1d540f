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

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from bonemets_cli.model import (
    AnyNode,
    InfoNode,
    OutcomeNode,
    Pathway,
    QuestionNode,
    Urgency,
    next_refs,
)
from bonemets_cli.walk.engine import NodeKey, parse_key


@dataclass(frozen=True)
class WarningSign:
    """A question whose answers are warning signs, with the answers that count."""

    title: str
    text: str
    answers: tuple[str, ...]
    urgency: Urgency  # the least urgent outcome these answers can lead to
    may_escalate: bool = False  # some later answer makes it an emergency

    @property
    def when(self) -> str:
        """The answers in words: 'If you answer “Yes” or “I am not sure”.'"""
        quoted = [f"“{a.rstrip('.')}”" for a in self.answers]
        joined = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" or {quoted[-1]}"
        return f"If you answer {joined}."


def reachable_outcomes(
    pathways: Mapping[str, Pathway], start: NodeKey
) -> list[tuple[NodeKey, OutcomeNode]]:
    """Every outcome a walk from ``start`` can reach, nearest first (links followed)."""
    seen: set[NodeKey] = set()
    todo = [start]
    found: list[tuple[NodeKey, OutcomeNode]] = []
    while todo:
        key = todo.pop(0)
        pathway = pathways.get(key[0])
        if key in seen or pathway is None or key[1] not in pathway.nodes:
            continue
        seen.add(key)
        node = pathway.nodes[key[1]]
        if isinstance(node, OutcomeNode):
            found.append((key, node))
        todo.extend(parse_key(ref, key[0]) for ref, _ in next_refs(node))
    return found


def sign_urgency(pathways: Mapping[str, Pathway], target: NodeKey) -> Urgency:
    """The least urgent outcome reachable from ``target``; emergency if none is found."""
    outcomes = reachable_outcomes(pathways, target)
    if not outcomes:
        return Urgency.EMERGENCY
    return max((o.urgency for _, o in outcomes), key=lambda u: u.rank)


def along_red_flags(
    pathways: Mapping[str, Pathway], nodes: Iterable[tuple[NodeKey, AnyNode]]
) -> list[tuple[NodeKey, AnyNode]]:
    """``nodes`` plus every node a red-flag answer leads to, through info steps and links."""
    out: dict[NodeKey, AnyNode] = dict(nodes)
    todo = [
        parse_key(o.next, key[0])
        for key, node in out.items()
        if isinstance(node, QuestionNode)
        for o in node.options
        if o.red_flag
    ]
    while todo:
        key = todo.pop(0)
        pathway = pathways.get(key[0])
        if key in out or pathway is None or key[1] not in pathway.nodes:
            continue
        node = out[key] = pathway.nodes[key[1]]
        if isinstance(node, InfoNode):
            todo.append(parse_key(node.next, key[0]))
        elif isinstance(node, QuestionNode):
            todo.extend(parse_key(o.next, key[0]) for o in node.options if o.red_flag)
    return list(out.items())


def warning_signs(
    pathways: Mapping[str, Pathway], nodes: Iterable[tuple[NodeKey, AnyNode]]
) -> Iterator[WarningSign]:
    """One sign per question and urgency, most urgent first, in pathway order otherwise."""
    signs: list[WarningSign] = []
    for key, node in nodes:
        if not isinstance(node, QuestionNode):
            continue
        grouped: dict[Urgency, list[str]] = {}
        escalates: set[Urgency] = set()
        for option in node.options:
            if option.red_flag:
                target = parse_key(option.next, key[0])
                urgency = sign_urgency(pathways, target)
                grouped.setdefault(urgency, []).append(option.lay or option.label)
                if any(
                    o.urgency is Urgency.EMERGENCY for _, o in reachable_outcomes(pathways, target)
                ):
                    escalates.add(urgency)
        for urgency, answers in grouped.items():
            escalate = urgency in escalates and urgency is not Urgency.EMERGENCY
            signs.append(
                WarningSign(node.title, node.lay or node.text, tuple(answers), urgency, escalate)
            )
    yield from sorted(signs, key=lambda s: s.urgency.rank)


def emergency_outcomes(
    pathways: Mapping[str, Pathway], nodes: Iterable[tuple[NodeKey, AnyNode]]
) -> list[tuple[NodeKey, OutcomeNode]]:
    """The pathway's own emergency outcomes, then those its emergency answers lead to."""
    nodes = list(nodes)
    found: dict[NodeKey, OutcomeNode] = {
        key: node
        for key, node in nodes
        if isinstance(node, OutcomeNode) and node.urgency is Urgency.EMERGENCY
    }
    for key, node in nodes:
        if isinstance(node, QuestionNode):
            for option in node.options:
                target = parse_key(option.next, key[0])
                if option.red_flag and sign_urgency(pathways, target) is Urgency.EMERGENCY:
                    for out_key, outcome in reachable_outcomes(pathways, target):
                        found.setdefault(out_key, outcome)
    return list(found.items())
