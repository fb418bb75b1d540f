"""A quiz round: ask each item, mark it, record it, and keep score.

Asking sits behind the ``Answerer`` protocol: the terminal prompter lives in ``ui/``; the
scripted one (``--answers FILE``) lives here because it only reads a file. Each answer is
recorded (committed) before the next item is asked, so an interrupted round keeps every
answer already given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Protocol, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field

from bonemets_cli.errors import UsageError
from bonemets_cli.load.loader import load_model
from bonemets_cli.quiz.items import LETTERS, QuizItem, letter

if TYPE_CHECKING:
    from bonemets_cli.quiz.store import ItemState


@dataclass(frozen=True)
class Result:
    number: int  # 1-based position in this round
    item: QuizItem
    chosen: int | None  # option index; None when the item was left unanswered
    seconds: float | None = None  # time to answer; None when not timed (scripted)
    due: dt.datetime | None = None  # when the schedule brings it back (once recorded)

    @property
    def answered(self) -> bool:
        return self.chosen is not None

    @property
    def correct(self) -> bool:
        return self.chosen is not None and self.item.choices[self.chosen].correct

    @property
    def chosen_text(self) -> str | None:
        return None if self.chosen is None else self.item.choices[self.chosen].text


SKIP = -1
"""What an answerer returns for an item it leaves unanswered (not recorded, not scored)."""


class Answerer(Protocol):
    def ask(self, number: int, total: int, item: QuizItem) -> int | None:
        """The chosen option's index, ``SKIP``, or None to stop the round (``q``)."""

    def show(self, result: Result) -> None:
        """Feedback after an answer: right or wrong, explanation and source."""


Recorder = Callable[[QuizItem, str, bool, "float | None"], "ItemState | None"]
"""Saves one answer (item, chosen text, right?, seconds taken); returns its new schedule."""


@dataclass
class Session:
    """One round over fixed items. ``results`` grows as answers are given.

    ``clock`` (seconds, e.g. ``time.monotonic``) times each answer from the moment its
    question is put until it is chosen: the time spent in a CPD log. Without one (scripted
    answers) nothing is timed.
    """

    items: Sequence[QuizItem]
    record: Recorder | None = None
    results: list[Result] = field(default_factory=list)
    stopped: bool = False
    clock: Callable[[], float] | None = None

    def run(self, answerer: Answerer) -> Session:
        total = len(self.items)
        for number, item in enumerate(self.items, start=1):
            started = self.clock() if self.clock else None
            chosen = answerer.ask(number, total, item)
            if chosen == SKIP:
                self.results.append(Result(number, item, None))
                continue
            if chosen is None:
                self.stopped = True
                break
            seconds = self.clock() - started if self.clock and started is not None else None
            result = Result(number, item, chosen, seconds)
            if self.record is not None:
                state = self.record(item, result.chosen_text or "", result.correct, seconds)
                if state is not None:
                    result = Result(number, item, chosen, seconds, state.due)
            self.results.append(result)
            answerer.show(result)
        return self

    @property
    def answered(self) -> list[Result]:
        return [r for r in self.results if r.answered]

    @property
    def score(self) -> tuple[int, int]:
        """(right, answered)."""
        answered = self.answered
        return sum(r.correct for r in answered), len(answered)


# scripted answers --------------------------------------------------------------------


class QuizSettings(BaseModel):
    """Which quiz an answers file is for (a printed sheet's key writes it): with these the
    same items come back in the same order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    seed: int
    count: Optional[int] = Field(default=None, ge=1)  # noqa: UP045 - pydantic on Python 3.10
    pathway: Optional[str] = None  # noqa: UP045 - pydantic on Python 3.10
    types: Optional[list[str]] = None  # noqa: UP045 - pydantic on Python 3.10

    def settle(
        self,
        seed: int | None,
        count: int | None,
        pathway: str | None,
        types: list[str] | None,
        source: str,
    ) -> tuple[int, int | None, str | None, list[str] | None]:
        """The command line's settings with the file's: the file's, unless the command line
        gives another (an error: the marks would be for a different quiz)."""
        return (
            _settle(seed, self.seed, "--seed", source),
            _settle(count, self.count, "--count", source),
            _settle(pathway, self.pathway, "--pathway", source),
            _settle(types, self.types, "--type", source),
        )  # type: ignore[return-value] # seed: the file always names it


T = TypeVar("T")


def _settle(given: T | None, in_file: T | None, option: str, source: str) -> T | None:
    if in_file is None:
        return given
    if given is not None and given != in_file:
        shown = ",".join(in_file) if isinstance(in_file, list) else in_file
        raise UsageError(
            f"{source} is for the quiz with {option} {shown}; leave {option} out to mark it"
        )
    return in_file


class QuizAnswersFile(BaseModel):
    """``--answers FILE``: item number (1-based) or item id → option letter or option text;
    a blank answer (``""`` or nothing) is a question left unanswered. ``quiz`` names the
    quiz the answers are for."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    quiz: Optional[QuizSettings] = None  # noqa: UP045 - pydantic on Python 3.10
    answers: dict[Union[int, str], Union[str, int, None]]  # noqa: UP007 - pydantic on Python 3.10


class ScriptedAnswerer:
    """Answers from a file, resolved and checked against the items before anything is asked."""

    def __init__(
        self, chosen: Mapping[int, int], on_result: Callable[[Result], None] | None = None
    ) -> None:
        self.chosen = dict(chosen)
        self.on_result = on_result

    def ask(self, number: int, total: int, item: QuizItem) -> int | None:
        return self.chosen.get(number, SKIP)

    def show(self, result: Result) -> None:
        if self.on_result is not None:
            self.on_result(result)


def load_quiz_answers(path: Path) -> tuple[dict[int | str, str], QuizSettings | None]:
    """The answers (blank ones left out) and, if the file names it, the quiz they are for."""
    _, data = load_model(path, QuizAnswersFile)
    out: dict[int | str, str] = {}
    for key, value in data.answers.items():
        if value is None or not str(value).strip():
            continue
        name: int | str = (
            int(key) if isinstance(key, str) and key.isascii() and key.isdigit() else key
        )
        out[name] = str(value)
    return out, data.quiz


def resolve_answers(
    items: Sequence[QuizItem], answers: Mapping[int | str, str], source: str
) -> dict[int, int]:
    """Item number → option index; an unknown item or an answer that fits no option is an error."""
    by_id = {item.id: n for n, item in enumerate(items, start=1)}
    out: dict[int, int] = {}
    for key, value in answers.items():
        if isinstance(key, int):
            if not 1 <= key <= len(items):
                raise UsageError(
                    f"{source}: item {key} is not in this quiz (it has {len(items)} items)"
                )
            number = key
        elif key in by_id:
            number = by_id[key]
        else:
            raise UsageError(
                f"{source}: item '{key}' is not in this quiz; use the same --seed, --count, "
                "--type and --pathway as when the quiz was made"
            )
        out[number] = option_index(items[number - 1], value, f"{source}: item {key}")
    return out


def option_index(item: QuizItem, value: str, where: str) -> int:
    """A letter (A, b…) or the option's text (case-insensitive) → its index."""
    text = value.strip()
    if len(text) == 1 and text.upper() in LETTERS[: len(item.choices)]:
        return LETTERS.index(text.upper())
    for index, choice in enumerate(item.choices):
        if choice.text.casefold() == text.casefold():
            return index
    letters = ", ".join(letter(i) for i in range(len(item.choices)))
    raise UsageError(
        f"{where}: '{value}' is not one of the options; answer with {letters} or an option's text"
    )
