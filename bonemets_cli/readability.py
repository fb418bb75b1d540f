"""Reading level of plain-language text: Flesch Reading Ease and Flesch–Kincaid grade.

Patient information should read easily: NHS and Patient Information Forum guidance aim
at a reading age of 9–11, and Flesch Reading Ease 60 or more is a common target.
textstat (pinned below 0.7.9, which needs NLTK data from the network) is imported
only when a score is asked for, so ``--help`` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_READING_EASE = 60.0


@dataclass(frozen=True, order=True)
class ReadingLevel:
    ease: float  # Flesch Reading Ease: higher is easier; 60–70 is plain English
    grade: float  # Flesch–Kincaid grade: the US school year needed to follow the text


def reading_level(text: str) -> ReadingLevel:
    """Score ``text``; sentences should end with punctuation for a fair count."""
    import textstat

    return ReadingLevel(
        round(float(textstat.flesch_reading_ease(text)), 1),
        round(float(textstat.flesch_kincaid_grade(text)), 1),
    )


def as_sentence(text: str) -> str:
    """Text with closing punctuation, so joined snippets are not counted as one sentence."""
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."
