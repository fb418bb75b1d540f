"""What every rule reports: one problem type with stable rule ids, so output and --ignore agree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from bonemets_cli.errors import Location


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    location: Location
    level: Level
    rule: str
    message: str


RULES: dict[str, str] = {
    "yaml-syntax": "the file is not valid YAML",
    "tab": "tabs in indentation",
    "empty-file": "the file has no content",
    "not-a-mapping": "the top level is not a mapping",
    "multiple-documents": "more than one YAML document",
    "unknown-key": "a key the format does not know",
    "missing-key": "a required key is missing",
    "wrong-type": "a value of the wrong type or form",
    "duplicate-key": "the same key twice in one mapping",
    "tag": "a YAML tag (!!python/..., !include)",
    "alias": "a YAML alias (*name)",
    "too-deep": "nesting deeper than the limit",
    "too-large": "a file over the size or value-count limit",
    "encoding": "binary or non-UTF-8 content",
    "control-character": "a control character (ESC, BEL…) in text",
    "bad-url": "a source url that is not a plain http(s) address",
    "newer-schema": "written for a newer bonemets",
    "path-escape": "a file reference leaving the pathway folder",
    "missing-bibliography": "a named bibliography file does not exist",
    "io": "the file cannot be read",
    "duplicate-id": "two pathways, options, items or choices share an id",
    "missing-start": "the start node does not exist",
    "dangling-next": "next names a node that does not exist",
    "missing-pathway": "next names a pathway that is not loaded",
    "unreachable-node": "no start reaches the node",
    "dead-end": "no outcome can be reached from the node",
    "cycle": "a loop: a walk could go round for ever",
    "outcome-source": "an outcome cites no source",
    "missing-source": "a step cites no source",
    "unknown-source": "a cited source key is in no bibliography",
    "default-discuss": "an outcome uses the generic discuss prompt",
    "score-bands": "score bands leave a total uncovered or cover it twice",
    "review-dates": "next_review is before reviewed",
    "review-overdue": "the next_review date has passed",
    "quiz-answer": "a quiz bank item without exactly one correct option",
    "quiz-options": "a quiz bank item offers the same option twice",
    "quiz-distractor": "a pathway's quiz distractor repeats the decision or another distractor",
    "missing-lay": "a step has no plain-language 'lay' text, or a pathway no 'lay_summary' "
    "(leaflets print the author's text)",
    "reading-level": "what a leaflet prints (a box, or the pathway as a whole) reads harder "
    "than the target Flesch Reading Ease",
}


def place(problem: Problem) -> tuple[str, int, int, str, str, str]:
    """The order of ``Problem`` (by its fields), as one key: no comparison builds tuples."""
    where = problem.location
    return (where.file, where.line, where.col, problem.level, problem.rule, problem.message)


def error(location: Location, rule: str, message: str) -> Problem:
    return Problem(location, Level.ERROR, rule, message)


def warning(location: Location, rule: str, message: str) -> Problem:
    return Problem(location, Level.WARNING, rule, message)


def suggest(name: str, choices: Iterable[str]) -> str:
    import difflib

    hint = difflib.get_close_matches(name, list(choices), n=1)
    return f"; did you mean '{hint[0]}'?" if hint else ""


def has_errors(problems: Iterable[Problem], *, strict: bool = False) -> bool:
    return any(p.level is Level.ERROR or strict for p in problems)
