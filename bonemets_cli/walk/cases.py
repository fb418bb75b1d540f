"""Authors' test cases run through the walk engine: each case is a scripted walk whose
ending is compared with what the case expects (``bonemets test``).

The engine is the walk a person takes, so a passing case says what a learner would
meet, not what a second reading of the graph thinks they would.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from bonemets_cli.errors import BonemetsError, Location
from bonemets_cli.load.cases import CaseDocument
from bonemets_cli.model import NodeRef, OutcomeNode, PathwaySet, QuestionNode, ScoreNode, Urgency
from bonemets_cli.model.cases import Case, Expect
from bonemets_cli.model.refs import split_start
from bonemets_cli.walk.engine import Engine, Position, Step
from bonemets_cli.walk.transcript import ScriptedAnswers

Hit = tuple[str, NodeRef, str]
"""What a walk exercised: ("node", ref, ""), ("option", ref, option id) or
("band", ref, band index)."""


@dataclass(frozen=True)
class CaseResult:
    """One case run: where it is written, what it reached and why it failed (if it did)."""

    doc: CaseDocument
    index: int
    case: Case
    failures: tuple[str, ...]
    outcome: NodeRef | None = None
    urgency: Urgency | None = None
    hits: frozenset[Hit] = field(default_factory=frozenset)

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def location(self) -> Location:
        return self.doc.case_location(self.index)

    @property
    def reached(self) -> str:
        """The outcome in words, for 'expected … got …'."""
        if self.outcome is None:
            return "no outcome"
        return f"{self.outcome} [{self.urgency.value if self.urgency else '?'}]"


def run_cases(pathways: PathwaySet, docs: Iterable[CaseDocument]) -> list[CaseResult]:
    """Every case of every file, in file order."""
    engine = Engine(pathways)
    return [run_case(engine, doc, index, case) for doc in docs for index, case in doc.each()]


def run_case(engine: Engine, doc: CaseDocument, index: int, case: Case) -> CaseResult:
    pathway_id, node_id = split_start(case.start or doc.pathway)
    try:
        state = engine.begin(pathway_id, node_id)
        answers = ScriptedAnswers(case.answers)
        answers.resolve(engine, pathway_id)
        pos = engine.position(state)
        while not pos.finished:
            choice = answers.lookup(pos.key, pos.item.id if pos.item else None)
            if choice is None:
                offered = ", ".join(cid for cid, _ in engine.choices(pos))
                raise BonemetsError(
                    f"the walk stops at '{pos.name}' with no answer for it (choices: {offered})"
                )
            state = engine.answer(state, choice, pos)
            pos = engine.position(state, since=pos)
    except BonemetsError as exc:
        return CaseResult(doc, index, case, (exc.message,))
    outcome = pos.outcome
    assert outcome is not None
    failures = list(_unused(answers)) + list(_compare(case.expect, pos, outcome))
    return CaseResult(doc, index, case, tuple(failures), pos.key, outcome.urgency, _hits(pos))


def _unused(answers: ScriptedAnswers) -> Iterator[str]:
    for name in answers.unused():
        yield f"the answer for '{name}' was never used: the walk did not ask that step"


def _matches(written: str, ref: NodeRef) -> bool:
    """``pathway:node`` names one node; a bare node id matches it in any pathway."""
    return str(ref) == written if ":" in written else ref.node == written


def _compare(expect: Expect, pos: Position, outcome: OutcomeNode) -> Iterator[str]:
    got = f"{pos.key} [{outcome.urgency.value}]"
    wrong_outcome = expect.outcome is not None and not _matches(expect.outcome, pos.key)
    wrong_urgency = expect.urgency is not None and outcome.urgency is not expect.urgency
    too_low = expect.at_least is not None and outcome.urgency.rank > expect.at_least.rank
    if wrong_outcome or wrong_urgency or too_low:
        urgency = [u.value for u in (expect.urgency,) if u is not None]
        urgency += [f"at least {u.value}" for u in (expect.at_least,) if u is not None]
        wanted = " ".join([expect.outcome or "an outcome", *(f"[{u}]" for u in urgency)])
        yield f"expected {wanted}, got {got}"
    passed = [s.key for s in pos.steps] + [pos.key]
    for written in expect.red_flags:
        steps = [s for s in pos.steps if _matches(written, s.key)]
        if not steps:
            yield f"expected a red-flag answer at '{written}', but the walk did not ask it"
        elif not any(_red_flag(s) for s in steps):
            chosen = ", ".join(a.choice for s in steps for a in s.answers)
            yield f"expected a red-flag answer at '{written}', got '{chosen}' (not a red flag)"
    for written in expect.asked:
        if not any(_matches(written, ref) for ref in passed):
            yield f"expected the walk to ask '{written}', but it did not"
    for written in expect.not_asked:
        if any(_matches(written, ref) for ref in passed):
            yield f"expected the walk not to ask '{written}', but it did"


def _red_flag(step: Step) -> bool:
    node = step.node
    if not isinstance(node, QuestionNode):
        return False
    chosen = {a.choice for a in step.answers}
    return any(o.red_flag for o in node.options if o.id in chosen)


def _hits(pos: Position) -> frozenset[Hit]:
    out: set[Hit] = {("node", pos.key, "")}
    for step in pos.steps:
        out.add(("node", step.key, ""))
        node = step.node
        if isinstance(node, QuestionNode):
            out.update(("option", step.key, a.choice) for a in step.answers)
        elif isinstance(node, ScoreNode) and step.band is not None:
            out.add(("band", step.key, str(node.bands.index(step.band))))
    return frozenset(out)
