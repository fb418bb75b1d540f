"""The quiz item: one question with its options, exactly one of them correct."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ItemType(str, Enum):
    """What an item tests; the value is what ``--type`` accepts."""

    NEXT_STEP = "next-step"
    URGENCY = "urgency"
    SCORE = "score"
    BANK = "bank"
    CASE = "case"
    """A case scenario: steps of next-step items and an urgency item (``quiz/case.py``)."""


QUESTION_TYPES = tuple(t for t in ItemType if t is not ItemType.CASE)
"""The types a question quiz mixes (a case scenario is asked on its own)."""


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool = False


@dataclass(frozen=True)
class QuizItem:
    """A question ready to ask. ``id`` is stable across seeds and runs, so its review
    history follows it; the wording (vignette, option order) may vary with the seed."""

    id: str
    type: ItemType
    pathway: str
    stage: str
    question: str
    choices: tuple[Choice, ...]
    explanation: str
    sources: tuple[str, ...] = ()
    citations: tuple[str, ...] = ()

    @property
    def correct_index(self) -> int:
        return next(i for i, c in enumerate(self.choices) if c.correct)

    @property
    def correct_text(self) -> str:
        return self.choices[self.correct_index].text


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def letter(index: int) -> str:
    return LETTERS[index]
