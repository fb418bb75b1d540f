"""Warning-sign urgency: the least urgent outcome an answer can reach, emergency if unknown."""

from __future__ import annotations

from typing import Any

from pathwayhelp import pathway_model

from bonemets_cli.export.signs import along_red_flags, sign_urgency, warning_signs
from bonemets_cli.model import NodeRef, PathwaySet, Urgency


def outcome(urgency: str) -> dict[str, Any]:
    return {
        "kind": "outcome",
        "title": urgency,
        "text": "t",
        "stage": "symptoms",
        "urgency": urgency,
        "action": "a",
    }


def question(*options: tuple[str, str, bool]) -> dict[str, Any]:
    return {
        "kind": "question",
        "title": "Q?",
        "text": "t",
        "stage": "symptoms",
        "options": [{"id": i, "label": i, "next": n, "red_flag": r} for i, n, r in options],
    }


def test_an_answer_that_can_end_in_a_lesser_outcome_is_not_an_emergency() -> None:
    a = pathway_model(
        "a",
        {
            "q": question(("x", "both", True), ("y", "e", False)),
            "both": question(("s", "e", True), ("t", "u", False)),
            "e": outcome("emergency"),
            "u": outcome("urgent"),
        },
    )
    pathways = PathwaySet({"a": a})
    assert sign_urgency(pathways, NodeRef("a", "both")) is Urgency.URGENT
    assert sign_urgency(pathways, NodeRef("a", "e")) is Urgency.EMERGENCY
    nodes = [(NodeRef("a", "q"), a.nodes["q"])]
    (sign,) = warning_signs(pathways, nodes)
    assert (sign.urgency, sign.may_escalate) == (Urgency.URGENT, True)
    # following the red flag finds the sharper question and its emergency answer
    keys = [k for k, _ in along_red_flags(pathways, nodes)]
    assert keys == [NodeRef("a", "q"), NodeRef("a", "both"), NodeRef("a", "e")]


def test_an_answer_leading_nowhere_known_counts_as_an_emergency() -> None:
    a = pathway_model(
        "a", {"q": question(("x", "gone:start", True), ("y", "u", False)), "u": outcome("urgent")}
    )
    pathways = PathwaySet({"a": a})
    assert sign_urgency(pathways, NodeRef("gone", "start")) is Urgency.EMERGENCY
    (sign,) = warning_signs(pathways, [(NodeRef("a", "q"), a.nodes["q"])])
    assert sign.urgency is Urgency.EMERGENCY
    assert sign.when == "If you answer “x”."


def test_several_answers_read_as_a_list() -> None:
    a = pathway_model(
        "a",
        {
            "q": question(("one", "e", True), ("two", "e", True), ("three", "e", True)),
            "e": outcome("emergency"),
        },
    )
    (sign,) = warning_signs(PathwaySet({"a": a}), [(NodeRef("a", "q"), a.nodes["q"])])
    assert sign.when == "If you answer “one”, “two” or “three”."
