"""The item audit: every item the generator can make from the shipped pathways, for
several seeds, against the rules of issue 16, each stated here on its own (not by
calling the generator's own checks):

- one right option; 2 to 4 options, none repeated, none ending with a full stop;
- no cue: the right option is neither more than 1.5 times the longest wrong one nor
  under 1/1.5 of the shortest, and is not the only one with a number;
- the stem never states what it asks: no urgency word in an urgency case, no outcome
  title, not the right decision, no score band or total;
- a case has no question mark (only its last line, the question, does), and no line is a
  question's title followed by its answer ("Where is the bone pain: …");
- no answer contradicts another: a finding denied ("No X") is never stated later by a
  sentence that holds X, unless that sentence starts with "Since" (a change over time);
- the marked answer matches the pathway: a next-step item's is the decision its answer
  leads to, an urgency item's the outcome's urgency; a neurological answer leads to
  the MSCC emergency; a step marked as local policy is never asked;
- wrong decisions come from the author, the other answers at the same step, or the same
  pathway and stage, never from elsewhere; an authored distractor shown is cited.

Every route of every shipped pathway is told as a story and checked the same way.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence

import pytest
from quizhelp import catalog_for, link_of

from bonemets_cli.load.catalog import builtin_dir
from bonemets_cli.model import (
    InfoNode,
    NodeRef,
    OutcomeNode,
    QuestionNode,
    ScoreNode,
    Urgency,
)
from bonemets_cli.quiz.generate import build_pool, every_quiz_item, quiz_graph
from bonemets_cli.quiz.items import ItemType, QuizItem
from bonemets_cli.quiz.story import story

CATALOG = catalog_for(builtin_dir())
PATHWAYS = CATALOG.pathway_set
SEEDS = (0, 1, 2)
CASE_TYPES = (ItemType.NEXT_STEP, ItemType.URGENCY)
URGENCY_WORDS = re.compile(r"\b(emergency|urgent|urgently|soon|routine)\b", re.IGNORECASE)
QUESTION_TITLES = [
    node.title.rstrip("?").strip().casefold()
    for _, node in PATHWAYS.nodes()
    if isinstance(node, QuestionNode)
]


def items(seed: int, types: Sequence[ItemType] = tuple(ItemType)) -> list[QuizItem]:
    return every_quiz_item(CATALOG, seed=seed, types=types)


def decision_of(target: NodeRef) -> str | None:
    """The decision a link into ``target`` stands for, worked out here from the pathway."""
    ref = target
    while True:
        node = PATHWAYS.node(ref)
        if node.quiz is not None and node.quiz.local_policy:
            return None
        if node.quiz is not None and node.quiz.decision:
            return node.quiz.decision
        if isinstance(node, OutcomeNode):
            return node.title
        if not isinstance(node, InfoNode):
            return None
        ref = NodeRef.parse(node.next, ref.pathway)


def contradictions(text: str) -> list[str]:
    """Findings a story denies ("No X; no Y.") and a later sentence affirms ("… X …")."""
    denied: list[str] = []
    found = []
    for line in text.splitlines()[1:]:
        folded = line.rstrip(".").casefold()
        parts = [p.strip() for p in folded.split(";")]
        if all(p.startswith("no ") for p in parts):
            denied += [p.removeprefix("no ") for p in parts]
        elif not line.startswith("Since"):
            found += [f"{line!r} after 'no {d}'" for d in denied if d in folded]
    return found


def case_problems(text: str) -> list[str]:
    """The story rules for a case (the question line taken off)."""
    problems = []
    if "?" in text:
        problems.append("a question mark inside the case")
    for line in text.splitlines():
        folded = line.casefold()
        for title in QUESTION_TITLES:
            if folded.startswith(title + ":"):
                problems.append(f"a pasted question title: {line!r}")
    return problems


def cue_problems(item: QuizItem) -> list[str]:
    texts = [c.text for c in item.choices]
    right = item.correct_text
    wrong = [c.text for c in item.choices if not c.correct]
    problems = []
    if len(right) > 1.5 * max(map(len, wrong)):
        problems.append("the right option is the longest by far")
    if len(right) * 1.5 < min(map(len, wrong)):
        problems.append("the right option is the shortest by far")
    if re.search(r"\d", right) and not any(re.search(r"\d", t) for t in wrong):
        problems.append("the right option is the only one with a number")
    if any(t.endswith(".") or t != t.strip() for t in texts):
        problems.append("an option ends with a full stop or a space")
    return problems


def all_items() -> Iterator[tuple[int, QuizItem]]:
    for seed in SEEDS:
        for item in items(seed):
            yield seed, item


@pytest.mark.parametrize("seed", SEEDS)
def test_every_candidate_can_be_worded_and_every_item_is_well_formed(seed: int) -> None:
    made = items(seed)
    pool = build_pool(CATALOG, types=[t for t in ItemType if t is not ItemType.BANK])
    assert {i.id for i in made} >= set(pool.candidates)  # none is left out for this seed
    assert [i.id for i in made] == sorted(i.id for i in made)  # a stable order
    for item in made:
        assert sum(c.correct for c in item.choices) == 1, item.id
        assert 2 <= len(item.choices) <= 4, item.id
        assert len({c.text.casefold() for c in item.choices}) == len(item.choices), item.id
        assert item.citations, item.id
        assert not cue_problems(item), (item.id, cue_problems(item), item.choices)


def test_no_stem_states_what_it_asks() -> None:
    for seed, item in all_items():
        stem = item.question
        if item.type in CASE_TYPES:
            case, question = stem.rsplit("\n", 1)
            assert question.endswith("?")
            assert not case_problems(case), (seed, item.id, case_problems(case))
            assert item.correct_text.casefold() not in case.casefold(), (seed, item.id)
            _, link = link_of(PATHWAYS, item.id)
            target = PATHWAYS.node(link.target)
            assert target.title.casefold() not in case.casefold(), (seed, item.id)
            if item.type is ItemType.URGENCY:
                assert not URGENCY_WORDS.search(case), (seed, item.id, case)
        elif item.type is ItemType.SCORE:
            ref = NodeRef.parse(item.id.split(":")[1] + ":" + item.id.split(":")[2], "")
            node = PATHWAYS.node(ref)
            assert isinstance(node, ScoreNode)
            assert not re.search(r"\btotal\b", stem.rsplit("\n", 1)[0], re.IGNORECASE)
            for band in node.bands:
                assert band.label.casefold() not in stem.casefold(), (item.id, band.label)


def test_marked_answers_match_the_pathway() -> None:
    for _seed, item in all_items():
        if item.type not in CASE_TYPES:
            continue
        _at, link = link_of(PATHWAYS, item.id)
        if item.type is ItemType.NEXT_STEP:
            assert item.correct_text == (decision_of(link.target) or "").rstrip("."), item.id
            via = link.via
            if getattr(via, "tags", None) and "neurological" in via.tags:  # type: ignore[union-attr]
                # safety fact 1: a new nerve symptom is the MSCC emergency
                assert "MSCC" in item.correct_text
                assert "24 hours" in item.correct_text
        else:
            outcome = PATHWAYS.node(link.target)
            assert isinstance(outcome, OutcomeNode)
            assert item.correct_text == outcome.urgency.word, item.id
            if getattr(link.via, "red_flag", False):
                assert item.correct_text != Urgency.ROUTINE.word, item.id


def test_a_step_marked_as_local_policy_is_never_asked() -> None:
    local = {
        ref for ref, node in PATHWAYS.nodes() if node.quiz is not None and node.quiz.local_policy
    }
    assert NodeRef("hypercalcaemia", "hc_not_urgent") in local
    for _, item in all_items():
        if item.type in CASE_TYPES:
            _, link = link_of(PATHWAYS, item.id)
            ref = link.target
            while isinstance(node := PATHWAYS.node(ref), InfoNode) and not (
                node.quiz and node.quiz.decision
            ):
                ref = NodeRef.parse(node.next, ref.pathway)
            assert ref not in local, item.id


def test_wrong_decisions_are_near_ones_and_authored_ones_are_cited() -> None:
    for _, item in all_items():
        if item.type is not ItemType.NEXT_STEP:
            continue
        at, link = link_of(PATHWAYS, item.id)
        ref = link.target
        while isinstance(node := PATHWAYS.node(ref), InfoNode) and not (
            node.quiz and node.quiz.decision
        ):
            ref = NodeRef.parse(node.next, ref.pathway)
        decided = PATHWAYS.node(ref)
        authored = {d.text: d for d in (decided.quiz.distractors if decided.quiz else ())}
        siblings = {decision_of(other.target) for other in PATHWAYS.successors(at)}
        same_stage = {
            decision_of(other)
            for other, node in PATHWAYS.nodes(ref.pathway)
            if node.stage == decided.stage and decision_of(other) is not None
        }
        for choice in item.choices:
            if choice.correct:
                continue
            assert choice.text in authored or choice.text in siblings | same_stage, (
                item.id,
                choice.text,
            )
            if choice.text in authored:
                assert set(authored[choice.text].sources) <= set(item.sources), item.id


def test_every_case_and_every_route_tells_a_coherent_story() -> None:
    """Each item's case (its way in, as the generator samples it for these seeds) and each
    route of each shipped pathway from its start: the story rules and no contradiction."""
    graph = quiz_graph(PATHWAYS)
    pool = build_pool(CATALOG, types=CASE_TYPES)
    for seed in SEEDS:
        for item_id in pool.candidates:
            at, link = link_of(PATHWAYS, item_id)
            rng = random.Random(f"{seed}:{item_id}")
            step = graph.step(at, link, rng)
            assert step is not None
            text = story(PATHWAYS, (*graph.way_in(at, rng), step), rng)
            assert not contradictions(text), (item_id, contradictions(text))
            assert not case_problems(text), item_id
    told = 0
    for pid in PATHWAYS:
        for route in PATHWAYS.routes(PATHWAYS.start(pid)):
            text = story(PATHWAYS, route.steps, random.Random(1))
            assert not contradictions(text), (pid, route.outcome, contradictions(text))
            assert not case_problems(text), (pid, route.outcome, case_problems(text))
            told += 1
    assert told > 200  # every route of the shipped pathways, not a sample
