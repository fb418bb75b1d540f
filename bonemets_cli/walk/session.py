"""The walk driver: asks a prompter for a choice or a command and updates the walk state.

The engine knows the pathways; a prompter knows the person (or the script). This loop sits
between them so every prompter gets back, restart, quit and why? for free, and so the
same loop runs in tests with no terminal. It never prints: prompters do, in ``ui/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol, Union

from bonemets_cli.errors import UsageError
from bonemets_cli.model import InfoNode, QuestionNode, ScoreNode
from bonemets_cli.model.refs import split_start
from bonemets_cli.walk.engine import (
    Answer,
    Engine,
    Position,
    Step,
    WalkError,
    WalkState,
    breadcrumb,
    pathways_walked,
)
from bonemets_cli.walk.summary import WalkSummary, summarise


class Command(str, Enum):
    """What a person may do at any question besides answering it."""

    BACK = "back"
    RESTART = "restart"
    QUIT = "quit"
    WHY = "why"


Reply = Union[str, Command]  # noqa: UP007 - a runtime alias must work on Python 3.10
"""An option/choice id, or a command."""


class Ending(str, Enum):
    FINISHED = "finished"  # reached an outcome
    QUIT = "quit"  # the person chose quit


@dataclass(frozen=True)
class Offer:
    """One answer the waiting step accepts, as a prompter shows it."""

    id: str
    label: str
    red_flag: bool = False
    points: int | None = None  # for score items


@dataclass(frozen=True)
class Ask:
    """Everything a prompter needs to show the waiting step and take a reply."""

    name: str  # ``pathway:node`` or ``pathway:node.item``: what scripted answers use
    pos: Position
    offers: tuple[Offer, ...]
    stages: tuple[str, ...]  # the breadcrumb: stages visited, in order, no repeats
    passed: tuple[Step, ...]  # info steps passed on the way here, to show before the question
    discards: str | None  # what 'back' would discard; None at the start
    number: int  # 1 for the first question of the walk
    walked: tuple[str, ...] = ()  # ids of the pathways walked, in order, this one last
    previous: str | None = None  # the answer given here before 'back': the highlight

    @property
    def can_back(self) -> bool:
        return self.discards is not None


@dataclass(frozen=True)
class End:
    """A walk at its outcome, as a prompter sees it: what it may still do there."""

    summary: WalkSummary
    passed: tuple[Step, ...]  # teaching notes passed on the way, shown one at a time
    discards: str | None
    walked: tuple[str, ...]

    @property
    def can_back(self) -> bool:
        return self.discards is not None


class Prompter(Protocol):
    """A way to get replies: interactive, plain numbered or scripted (see ``ui/prompters``)."""

    def choose(self, ask: Ask) -> Reply:
        """Show the step and return an offer id or a command."""
        ...

    def explain(self, ask: Ask) -> None:
        """Show why this step is asked (rationale and full sources); the question follows."""
        ...

    def went_back(self, discarded: str) -> None:
        """Tell the person which answer 'back' discarded."""
        ...

    def restarted(self) -> None:
        """Tell the person the walk starts again (all answers discarded)."""
        ...

    def at_outcome(self, end: End) -> Command:
        """Show the outcome; BACK, RESTART, or QUIT to end the walk there."""
        ...


def describe_answer(engine: Engine, answer: Answer) -> str:
    """``Title: label`` for back messages and summaries."""
    return f"{engine.pathways.node(answer.node).title}: {engine.describe(answer)}"


def _passed(pos: Position) -> tuple[Step, ...]:
    """The info steps right before the waiting one: teaching notes passed on the way."""
    passed: list[Step] = []
    for step in reversed(pos.steps):
        if not isinstance(step.node, InfoNode):
            break
        passed.insert(0, step)
    return tuple(passed) if not pos.scored else ()


def make_end(engine: Engine, state: WalkState) -> End:
    """The finished walk of ``state`` as a prompter sees it."""
    pos = engine.position(state)
    last = state.answers[-1] if state.answers else None
    return End(
        summary=summarise(engine, state),
        passed=_passed(pos),
        discards=describe_answer(engine, last) if last else None,
        walked=pathways_walked(pos.steps, pos.key),
    )


def make_ask(engine: Engine, state: WalkState, previous: str | None = None) -> Ask:
    """The waiting step of ``state`` as a prompter sees it (the walk must not be finished)."""
    pos = engine.position(state)
    offers: tuple[Offer, ...] = ()
    if isinstance(pos.node, QuestionNode):
        offers = tuple(Offer(o.id, o.label, o.red_flag) for o in pos.node.options)
    elif isinstance(pos.node, ScoreNode) and pos.item is not None:
        offers = tuple(Offer(c.id, c.label, points=c.points) for c in pos.item.choices)
    last = state.answers[-1] if state.answers else None
    return Ask(
        name=pos.name,
        pos=pos,
        offers=offers,
        stages=breadcrumb(pos.steps, pos.node.stage),
        passed=_passed(pos),
        discards=describe_answer(engine, last) if last else None,
        number=len(state.answers) + 1,
        walked=pathways_walked(pos.steps, pos.key),
        previous=previous if previous in {o.id for o in offers} else None,
    )


class WalkSession:
    """One walk: ``run`` loops until an outcome or quit; ``state`` is always the latest.

    Ctrl-C (KeyboardInterrupt) and Ctrl-D (EOFError) propagate from the prompter; the
    caller reads ``state`` to save the partial walk.
    """

    def __init__(self, engine: Engine, state: WalkState, prompter: Prompter) -> None:
        self.engine = engine
        self.state = state
        self.prompter = prompter

    @property
    def start(self) -> str:
        return str(self.state.start)

    def run(self) -> Ending:
        undone: dict[str, str] = {}  # step name → the answer 'back' took away there
        while True:
            pos = self.engine.position(self.state)
            ask: Ask | None = None
            if pos.finished:
                reply: Reply = self.prompter.at_outcome(make_end(self.engine, self.state))
                if reply not in (Command.BACK, Command.RESTART):
                    return Ending.FINISHED
            else:
                ask = make_ask(self.engine, self.state, undone.get(pos.name))
                reply = self.prompter.choose(ask)
            if reply is Command.QUIT:
                return Ending.QUIT
            if reply is Command.WHY:
                if ask is not None:
                    self.prompter.explain(ask)
            elif reply is Command.BACK:
                self.state, discarded = self.engine.back(self.state)
                if discarded is not None:
                    undone[discarded.name] = discarded.choice
                    self.prompter.went_back(describe_answer(self.engine, discarded))
            elif reply is Command.RESTART:
                undone.clear()
                self.state = self.engine.restart(self.state)
                self.prompter.restarted()
            else:
                self.state = self.engine.answer(self.state, reply)


def choose_start(engine: Engine, pathway: str | None, scripted_start: str | None) -> WalkState:
    """Where a walk begins: the named pathway, else a transcript's start, else the entry point.

    With several entry-point pathways (``entry: true``) the first loaded one is used.
    """
    named = pathway or scripted_start
    if named:
        return engine.begin(*split_start(named))
    entries = [pid for pid, pw in engine.pathways.items() if pw.entry]
    if not entries:
        known = ", ".join(sorted(engine.pathways)) or "none"
        raise UsageError(
            f"no entry-point pathway is loaded; name one: 'bonemets walk PATHWAY' (known: {known})"
        )
    return engine.begin(entries[0])


class MissingAnswerError(WalkError):
    """A scripted walk reached a step with no answer and no terminal to ask."""


def missing_answer(ask: Ask) -> MissingAnswerError:
    options = ", ".join(f"{o.id} ({o.label})" for o in ask.offers)
    return MissingAnswerError(
        f"no answer for '{ask.name}' ({ask.pos.node.title}) and no terminal to ask; "
        f"add --answer {ask.name}=OPTION with one of: {options}"
    )
