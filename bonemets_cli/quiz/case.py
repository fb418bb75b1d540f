"""Case scenarios (``quiz --type case``): one patient, followed step by step.

A case is a route through the pathways, drawn lazily with the seed (each way on chosen at
random, as ``PathwaySet.random_route`` does; never a listing of routes). At each answer
that leads to a decision the learner is told what is new in the story and chooses what
to do (the next-step item for that answer); at the end, how urgent the case is. The case
then goes on along the route whatever was chosen, so each step teaches from where the
patient really is, with feedback and its source after each choice.

Scoring weighs safety. Each step's options carry how urgently they would treat the case
(an outcome's urgency, the most urgent outcome a decision leads to, or an authored
distractor's ``urgency``):

- the right choice: ``RIGHT`` points;
- a more urgent choice than the right one (over-triage: safe, but costly): ``OVER``;
- a less urgent one, or one whose urgency is not known: ``UNDER``;
- a less urgent one where the step holds a red flag (a warning answer, or a right answer
  that is an emergency): ``MISSED_RED_FLAG``, below nothing, because missing a red flag
  harms and over-triaging does not.

A case's score is its points over ``RIGHT`` times its steps (never below 0). Each step is
recorded as its own item (so its review schedule follows it), and the case as one item
``case:…`` whose answer text is the score; it counts as right when no red flag was
missed and the score is at least ``PASS``.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from bonemets_cli.model import (
    NodeRef,
    OutcomeNode,
    PathwaySet,
    QuestionNode,
    RouteStep,
    ScoreBand,
    ScoreNode,
    Urgency,
)
from bonemets_cli.quiz.generate import Generator, quiz_graph
from bonemets_cli.quiz.items import ItemType, QuizItem
from bonemets_cli.quiz.story import story

RIGHT = 2
OVER = 1
UNDER = 0
MISSED_RED_FLAG = -2
PASS = 0.75
MIN_STEPS = 2
TRIES = 50
"""Rounds of drawing before giving up on more cases (a small catalog has few)."""
DRAWS = 8
"""Routes drawn per case; the one with the most decisions to make is kept."""


@dataclass(frozen=True)
class CaseStep:
    item: QuizItem
    triage: tuple[Urgency | None, ...]  # per option: how urgently it treats the case
    red_flag: bool

    def points(self, chosen: int) -> int:
        if self.item.choices[chosen].correct:
            return RIGHT
        right = self.triage[self.item.correct_index]
        picked = self.triage[chosen]
        if right is not None and picked is not None and picked.rank < right.rank:
            return OVER
        return MISSED_RED_FLAG if self.red_flag else UNDER

    def note(self, chosen: int) -> str:
        """What the choice means for safety, in words."""
        points = self.points(chosen)
        if points == RIGHT:
            return f"+{RIGHT}: right."
        if points == OVER:
            return f"+{OVER}: more urgent than needed: safe, but it costs the person and the team."
        if points == MISSED_RED_FLAG:
            return f"{MISSED_RED_FLAG}: a red flag missed: this case needed more urgent care."
        return f"+{UNDER}: not the right step."


@dataclass(frozen=True)
class Case:
    id: str
    pathway: str
    stage: str
    steps: tuple[CaseStep, ...]

    @property
    def most(self) -> int:
        return RIGHT * len(self.steps)


@dataclass
class CaseResult:
    case: Case
    chosen: list[int | None] = field(default_factory=list)

    @property
    def points(self) -> int:
        got = sum(
            s.points(c) for s, c in zip(self.case.steps, self.chosen, strict=False) if c is not None
        )
        return max(0, got)

    @property
    def missed_red_flags(self) -> int:
        return sum(
            s.points(c) == MISSED_RED_FLAG
            for s, c in zip(self.case.steps, self.chosen, strict=False)
            if c is not None
        )

    @property
    def complete(self) -> bool:
        return len(self.chosen) == len(self.case.steps) and None not in self.chosen

    @property
    def passed(self) -> bool:
        return self.missed_red_flags == 0 and self.points >= PASS * self.case.most

    def summary(self) -> str:
        missed = self.missed_red_flags
        flags = f"; {missed} red flag(s) missed" if missed else "; no red flag missed"
        return f"{self.points}/{self.case.most} points{flags}"

    def record_item(self) -> QuizItem:
        """The case as one item, so its result is stored beside the answers."""
        from bonemets_cli.quiz.items import Choice

        return QuizItem(
            id=self.case.id,
            type=ItemType.CASE,
            pathway=self.case.pathway,
            stage=self.case.stage,
            question="Case scenario",
            choices=(Choice("pass", True), Choice("not passed")),
            explanation=self.summary(),
        )


def build_cases(
    pathways: PathwaySet, count: int, seed: int, pathway: str | None = None
) -> list[Case]:
    """``count`` cases (fewer if the pathways cannot make that many different ones)."""
    graph = quiz_graph(pathways)
    gen = Generator(pathways, graph)
    starts = [pathways.start(pathway)] if pathway else graph.starts
    rng = random.Random(f"cases:{seed}")
    cases: dict[str, Case] = {}
    for _ in range(TRIES):
        if len(cases) == count or not starts:
            break
        drawn = []
        for _ in range(DRAWS):  # of a few routes, the one with the most decisions
            route = pathways.random_route(starts[rng.randrange(len(starts))], rng)
            case = _case(gen, route.steps, route.outcome, rng)
            if case is not None and case.id not in cases:
                drawn.append(case)
        if drawn:
            best = max(drawn, key=lambda c: len(c.steps))
            cases[best.id] = best
    return list(cases.values())


def _case(
    gen: Generator, steps: Sequence[RouteStep], outcome: NodeRef, rng: random.Random
) -> Case | None:
    pathways, graph = gen.pathways, gen.graph
    key = "/".join(f"{s.node}={s.choice}" for s in steps) + f">{outcome}"
    case_id = f"case:{hashlib.sha1(key.encode()).hexdigest()[:12]}"
    out: list[CaseStep] = []
    told: list[str] = []
    red_flag = False
    for index, step in enumerate(steps):
        node = pathways.node(step.node)
        if isinstance(node, QuestionNode) and step.option is not None:
            red_flag = red_flag or step.option.red_flag
        target = steps[index + 1].node if index + 1 < len(steps) else outcome
        if not isinstance(node, (QuestionNode, ScoreNode)):
            continue
        if isinstance(node, ScoreNode) and step.scores:
            so_far = _new_lines(story(pathways, steps[:index], random.Random(case_id)), told)
            out.extend(_score_step(gen, step, node, rng, so_far))
        found = graph.decision(target)
        link = next(
            (
                lk
                for lk in graph.successors(step.node)
                if _takes(lk.via, step) and lk.target == target
            ),
            None,
        )
        if found is None or link is None:
            continue
        new = _new_lines(story(pathways, steps[: index + 1], random.Random(case_id)), told)
        item = gen.next_step_item(
            rng, f"next-step:{step.node}={step.choice}", step.node, link, found, case=new
        )
        if item is None:
            continue
        triage = tuple(_triage(gen, step.node, target, c.text, c.correct) for c in item.choices)
        right = triage[item.correct_index]
        out.append(CaseStep(item, triage, red_flag or right is Urgency.EMERGENCY))
    ended = pathways.node(outcome)
    if len(out) + 1 < MIN_STEPS or not isinstance(ended, OutcomeNode):
        return None
    if ended.quiz is not None and ended.quiz.local_policy:
        return None
    last = steps[-1] if steps else None
    if last is None:
        return None
    final = gen.urgency_item(
        f"urgency:{last.node}={last.choice}",
        last.node,
        outcome,
        _new_lines(story(pathways, steps, random.Random(case_id)), told)
        or "Nothing new: the case is as told above.",
    )
    out.append(
        CaseStep(
            final,
            tuple(Urgency),
            red_flag or ended.urgency is Urgency.EMERGENCY,
        )
    )
    first = pathways.node(steps[0].node)
    return Case(case_id, steps[0].node.pathway, first.stage, tuple(out))


def _score_step(
    gen: Generator, step: RouteStep, node: ScoreNode, rng: random.Random, so_far: str
) -> list[CaseStep]:
    """Scoring the case (the items it chose), after what is new in its story: a step of
    arithmetic, not of triage, so a wrong total costs the step's points but is never
    counted as a missed red flag."""
    case = ",".join(f"{k}={v}" for k, v in step.scores.items())
    item = gen.score_item(rng, f"score:{step.node}:{case}", step.node.pathway, node, step.scores)
    if item is None:
        return []
    if so_far:
        item = replace(item, question=f"{so_far}\n{item.question}")
    return [CaseStep(item, tuple(None for _ in item.choices), red_flag=False)]


def _takes(via: object, step: RouteStep) -> bool:
    if isinstance(via, ScoreBand):
        return step.choice == f"band:{via.min}-{via.max}"
    return via is not None and getattr(via, "id", None) == step.choice


def _new_lines(text: str, told: list[str]) -> str:
    """The lines of the story not yet shown (the opening first), and remember them."""
    new = [line for line in text.splitlines() if line not in told]
    told.extend(new)
    return "\n".join(new)


def _triage(gen: Generator, at: NodeRef, target: NodeRef, text: str, right: bool) -> Urgency | None:
    """How urgently an option of a decision step treats the case (None: not known): the
    author's ``urgency`` for a distractor, else the urgency the decision leads to."""
    graph = gen.graph
    if right:
        return graph.urgency(target)
    found = graph.decision(target)
    decided = found[0] if found else target
    node = gen.pathways.node(decided)
    for d in node.quiz.distractors if node.quiz else ():
        if d.text.casefold() == text.casefold():
            return d.urgency
    others = [graph.decision(link.target) for link in graph.successors(at)]
    others += graph.stage_decisions(decided.pathway, node.stage)
    for other in others:
        if other is not None and other[1].rstrip(".").casefold() == text.casefold():
            return graph.urgency(other[0])
    return None


@dataclass
class CaseRound:
    """Asks every step of every case, in order; numbers count steps across the round."""

    cases: Sequence[Case]
    record: Callable[[QuizItem, str, bool], object] | None = None
    results: list[CaseResult] = field(default_factory=list)
    stopped: bool = False

    @property
    def items(self) -> list[QuizItem]:
        return [s.item for c in self.cases for s in c.steps]

    def run(
        self,
        ask: Callable[[int, int, QuizItem], int | None],
        show: Callable[[int, int, CaseStep, int], None],
        begin: Callable[[int, Case], None] | None = None,
    ) -> CaseRound:
        """``ask`` returns an option index, -1 to skip, or None to stop; ``show`` gives
        feedback (case number, step number, the step, the choice)."""
        total = len(self.items)
        number = 0
        for case_number, case in enumerate(self.cases, start=1):
            if begin is not None:
                begin(case_number, case)
            result = CaseResult(case)
            self.results.append(result)
            for step in case.steps:
                number += 1
                chosen = ask(number, total, step.item)
                if chosen is None:
                    self.stopped = True
                    return self
                if chosen < 0:
                    result.chosen.append(None)
                    continue
                result.chosen.append(chosen)
                if self.record is not None:
                    choice = step.item.choices[chosen]
                    self.record(step.item, choice.text, choice.correct)
                show(case_number, number, step, chosen)
            if result.complete and self.record is not None:
                summary = result.record_item()
                self.record(summary, result.summary(), result.passed)
        return self
